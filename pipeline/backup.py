"""A consistent copy of the store in one SQLite file, to run before an upgrade (or any
time): `python -m pipeline backup -o FILE`.

The store is not opened the usual way, so that it is never upgraded by the backup: a store
of an older schema is copied as it is. A SQLite store is copied with SQLite's online backup
(a consistent snapshot while others read and write). A PostgreSQL store is copied table by
table in one REPEATABLE READ transaction (one snapshot of all of them) into a SQLite file
with the same tables, which `--store` opens like any store.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .search import add_sentence_search
from .store import SCHEMA_VERSION, StoreError, _stored_version, metadata, store_url

CHUNK = 5_000  # rows copied at a time


def backup(url: str | None, out: Path) -> dict[str, int]:
    """Write a consistent copy of the store at `url` to the new SQLite file `out`; the rows
    copied, by table. StoreError when `out` exists or the store cannot be read."""
    if out.exists():
        raise StoreError(f"{out}: already exists; give a new file for the backup")
    engine = sa.create_engine(store_url(url))
    shown = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            version = _stored_version(conn)
        if version is None:
            raise StoreError(f"{shown}: holds no store to back up")
        out.parent.mkdir(parents=True, exist_ok=True)
        if engine.dialect.name == "sqlite":
            return _sqlite_backup(engine, out)
        return _copy_tables(engine, out, version)
    except sa.exc.SQLAlchemyError as exc:
        out.unlink(missing_ok=True)
        raise StoreError(f"{shown}: cannot back up the store ({' '.join(str(exc).split())[:300]})") from None
    finally:
        engine.dispose()


def _sqlite_backup(engine: Engine, out: Path) -> dict[str, int]:
    raw = engine.raw_connection()
    target = sqlite3.connect(out)
    try:
        raw.driver_connection.backup(target)
        names = [n for (n,) in target.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {n: target.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        target.close()
        raw.close()


def _copy_tables(engine: Engine, out: Path, version: int) -> dict[str, int]:
    """Every table of the store, in one snapshot, into a new SQLite file: today's schema
    (and its sentence index, built from the copied rows) for a store of today's version,
    else the store's own tables with generic types."""
    target = sa.create_engine(f"sqlite:///{out}")
    copied: dict[str, int] = {}
    try:
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, \
                conn.begin():
            found = sa.MetaData()
            found.reflect(conn)
            tables = metadata if version == SCHEMA_VERSION else _generic(found)
            tables.create_all(target)
            with target.begin() as dest:
                for table in tables.sorted_tables:
                    if table.name in found.tables:
                        copied[table.name] = _copy(conn, found.tables[table.name], dest, table)
                if version == SCHEMA_VERSION:  # an older store gets it when upgraded
                    add_sentence_search(dest)
    finally:
        target.dispose()
    return copied


def _generic(found: sa.MetaData) -> sa.MetaData:
    """The reflected tables with generic column types and no server defaults (a SQLite file
    cannot take PostgreSQL's sequences and types)."""
    made = sa.MetaData()
    for table in found.sorted_tables:
        sa.Table(table.name, made, *(sa.Column(c.name, c.type.as_generic(),
                                               primary_key=c.primary_key, nullable=c.nullable)
                                     for c in table.columns))
    return made


def _copy(conn: Connection, source: sa.Table, dest: Connection, table: sa.Table) -> int:
    columns = [c for c in source.columns if c.name in table.c]
    result = conn.execution_options(yield_per=CHUNK).execute(sa.select(*columns))
    count = 0
    for rows in result.partitions():
        dest.execute(table.insert(), [dict(r._mapping) for r in rows])
        count += len(rows)
    return count
