"""Indexes that schema 7 gained after it shipped (PostgreSQL only): a store made before
lacks them, and gets them when it is opened (`Store.upgrade`). Each is looked for by name
in the catalogue (a read: opening a store that has them waits for no writer); a store that
lacks one builds it under the schema lock, dropping the index it replaces, if any. A new
store, or one upgraded from an older version, is made with them."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from . import search, summaries


def late_indexes() -> dict[str, tuple[str | None, str]]:
    """{name: (the index it replaces or None, its CREATE statement)} (built when asked:
    the store, the search and the summary modules import each other)."""
    return {
        # a group's current summary row is unique: two writers racing fail loudly
        "chart_rows_current_key": (None, str(sa.schema.CreateIndex(
            summaries.CURRENT_KEY).compile(dialect=postgresql.dialect()))),
        # the sentences' words split at every character but letters and digits, as FTS5
        **{search.postgresql_index(table)[0]: (f"{table}_sentence_search",
                                               search.postgresql_index(table)[1])
           for table in search.INDEXED},
    }


def missing(conn: Connection) -> list[str]:
    """The late indexes a PostgreSQL store lacks (none for SQLite)."""
    if conn.dialect.name != "postgresql":
        return []
    present = set(conn.exec_driver_sql(
        "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()").scalars())
    return [name for name in late_indexes() if name not in present]


def add_missing(conn: Connection) -> None:
    """Build the late indexes the store lacks, each in place of the one it replaces (call
    under the schema lock, in the upgrade's transaction)."""
    for name in missing(conn):
        replaced, create = late_indexes()[name]
        if replaced:
            conn.exec_driver_sql(f"DROP INDEX IF EXISTS {replaced}")
        conn.exec_driver_sql(create)
