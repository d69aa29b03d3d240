"""The charts' summary (`chart_rows`): what the dashboard's cards, charts, map and filters
read, kept by the store in the transaction of every write.

The figures that count (no subset, no superseded value, no figure of a document that
reprints another, none marked wrong) fall into groups of CHART_KEY: the same agency's
figures of one category and scope, of the same people (`subject`), day (the report date,
else the publication date), publisher, place and dates. A group's row holds its key, its
largest figure (ties: the greatest document key and figure_id) with that figure's claim's
documents and independent publishers, and how many figures it holds. Each figure carries its group's hash
(`figures.chart_key`, indexed), so that recomputing a few groups is one indexed read.

Rows are never edited: when a write changes a group, its row is closed (`valid_to`, the
write's time) and a new one opened (`valid_from`), so the summary as it stood at T is the
rows with valid_from <= T and (valid_to NULL or > T); the current rows have valid_to NULL.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import history
from .store import chunks, claims, documents, figures, metadata

# the groups: a filter of the page keeps or drops a group whole; who was counted
# (`subject`, as written) since schema version 8
CHART_KEY = ["category", "agency", "subject", "day", "publisher", "place", "country_code",
             "admin1_code", "attribution", "scope", "event_date", "period_start", "period_end"]
# of each group's largest figure (with its claim's documents and independent publishers)
TOP = ["doc_key", "figure_id", "value", "low", "high", "qualifier", "times_stated",
       "report_date", "published", "place_name", "admin1", "country", "lat", "lon",
       "geo_precision", "stored_at", "claim_id", "documents", "independent_publishers"]
_KEY_DATES = ("day", "event_date", "period_start", "period_end")
_SEPARATOR = "\x1f"

chart_rows = sa.Table(
    "chart_rows", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("chart_key", sa.String(16), nullable=False),
    *[sa.Column(c.name, c.type) for c in figures.columns if c.name in CHART_KEY],
    sa.Column("publisher", sa.Text),
    *[sa.Column(c.name, c.type) for c in figures.columns if c.name in TOP],
    sa.Column("published", sa.Date),
    sa.Column("documents", sa.Integer),
    sa.Column("independent_publishers", sa.Integer),
    sa.Column("figures", sa.Integer, nullable=False),  # the group's figures that count
    sa.Column("valid_from", sa.DateTime, nullable=False),
    sa.Column("valid_to", sa.DateTime),  # NULL: the row stands now
    # a group's row that stands now (what each write looks up)
    sa.Index("chart_rows_key", "chart_key", "valid_to"),
    # the current rows by category and day, and the rows of an earlier time
    sa.Index("chart_rows_current", "category", "day", sqlite_where=sa.text("valid_to IS NULL"),
             postgresql_where=sa.text("valid_to IS NULL")),
    sa.Index("chart_rows_then", "valid_to", "valid_from"),
)
# on PostgreSQL, where two writers' transactions could race (`Store.batch` serialises
# them), a group has one current row at most: a race fails instead of leaving two
CURRENT_KEY = sa.Index("chart_rows_current_key", chart_rows.c.chart_key, unique=True,
                       postgresql_where=sa.text("valid_to IS NULL"))
CURRENT_KEY.ddl_if(dialect="postgresql")
_STORED = [c.name for c in chart_rows.columns if c.name not in ("id", "valid_from", "valid_to")]


def sqlite_md5(text: str | None) -> str | None:
    """md5 as SQLite lacks it (PostgreSQL's own, the same hex digest), for `chart_key`."""
    return None if text is None else hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def _text(column: sa.ColumnElement, dialect: str, date: bool = False) -> sa.ColumnElement:
    """A key column as text, "" for NULL; a date as YYYY-MM-DD whatever the session's
    DateStyle."""
    if date and dialect == "postgresql":
        return sa.func.coalesce(sa.func.to_char(column, "YYYY-MM-DD"), "")
    return sa.func.coalesce(sa.cast(column, sa.Text), "")


def _key_columns() -> dict[str, sa.ColumnElement]:
    """CHART_KEY's columns of a figure joined with its document."""
    return {c: documents.c.publisher if c == "publisher" else figures.c[c] for c in CHART_KEY}


def chart_key(dialect: str) -> sa.ColumnElement:
    """The hash of a figure's group (16 hex digits), from its row and its document's."""
    parts = [_text(column, dialect, name in _KEY_DATES) for name, column in _key_columns().items()]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined.op("||")(_SEPARATOR).op("||")(part)
    return sa.func.substr(sa.func.md5(joined), 1, 16)


def _set_keys(conn: Connection, where: sa.ColumnElement | None = None) -> None:
    """Give figures (those `where` selects; all for None) their group's key where it is
    not the one they hold."""
    key = chart_key(conn.dialect.name)
    stmt = (figures.update().values(chart_key=key)
            .where(documents.c.key == figures.c.doc_key, figures.c.chart_key.is_distinct_from(key)))
    conn.execute(stmt if where is None else stmt.where(where))


def countable() -> sa.ColumnElement:
    """Whether a figure (joined with its document) counts: no subset, superseded value,
    figure marked wrong or figure of a document that reprints another."""
    return sa.and_(sa.not_(figures.c.subset), sa.not_(figures.c.superseded),
                   sa.not_(figures.c.wrong), documents.c.reprint_of.is_(None))


def _groups(where: sa.ColumnElement | None = None) -> sa.Select:
    """Each group's row (`_STORED`'s columns) of the counted figures `where` selects."""
    order = (figures.c.value.desc(), figures.c.doc_key.desc(), figures.c.figure_id.desc())
    tops = {c: documents.c[c] if c == "published" else claims.c[c]
            if c in ("documents", "independent_publishers") else figures.c[c] for c in TOP}
    ranked = (sa.select(figures.c.chart_key, *[v.label(k) for k, v in _key_columns().items()],
                        *[v.label(k) for k, v in tops.items()],
                        sa.func.row_number().over(partition_by=figures.c.chart_key,
                                                  order_by=order).label("rank"),
                        sa.func.count().over(partition_by=figures.c.chart_key).label("figures"))
              .join_from(figures, documents, documents.c.key == figures.c.doc_key)
              .outerjoin(claims, claims.c.claim_id == figures.c.claim_id)
              .where(countable(), *([] if where is None else [where]))).subquery("ranked")
    return sa.select(*[ranked.c[c] for c in _STORED]).where(ranked.c.rank == 1)


def build(conn: Connection, now: dt.datetime) -> None:
    """The summary of the whole store, from scratch: every figure given its group's key,
    every group's row opened when its newest figure was stored (a store upgraded to
    schema 7 has no older summary: an earlier time shows its groups as they stand now)."""
    _set_keys(conn)
    conn.execute(chart_rows.delete())
    built = _groups().subquery("built")
    newest = (sa.select(sa.func.max(figures.c.stored_at)).where(figures.c.chart_key ==
                                                                 built.c.chart_key)
              .scalar_subquery())
    conn.execute(chart_rows.insert().from_select(
        [*_STORED, "valid_from"],
        sa.select(*[built.c[c] for c in _STORED], sa.func.coalesce(newest, now))))


def regroup(conn: Connection, now: dt.datetime) -> None:
    """Every figure given its group's key as CHART_KEY makes it now, the rows that stood
    closed at `now` and the groups' rows opened in their place (an upgrade that changes
    the groups: an earlier time shows the rows of then)."""
    _set_keys(conn)
    conn.execute(chart_rows.update().where(chart_rows.c.valid_to.is_(None)).values(valid_to=now))
    built = _groups().subquery("built")
    conn.execute(chart_rows.insert().from_select(
        [*_STORED, "valid_from"], sa.select(*[built.c[c] for c in _STORED], sa.literal(now))))


def update(conn: Connection, written: history.Written, relinked: set[str],
           claim_ids: set[str]) -> None:
    """Bring up to date the groups that a write touched: those its documents' (and the
    relinked documents') figures were in before and are in now, and those of the figures
    of the claims built again (their documents may have changed). A group that changed
    gets a new row, its old one closed at the write's time."""
    docs = sorted(set(written.documents) | relinked)
    for part in chunks(docs):
        _set_keys(conn, figures.c.doc_key.in_(part))
    keys = set(written.old_chart_keys)
    for column, values in ((figures.c.doc_key, docs), (figures.c.claim_id, sorted(claim_ids))):
        for part in chunks(values):
            keys |= set(conn.execute(sa.select(figures.c.chart_key).distinct()
                                     .where(column.in_(part))).scalars())
    keys.discard(None)
    for part in chunks(sorted(keys)):
        _update_groups(conn, part, written.now)


def _update_groups(conn: Connection, keys: list[str], now: dt.datetime) -> None:
    new = {r["chart_key"]: dict(r) for r in conn.execute(
        _groups(figures.c.chart_key.in_(keys))).mappings()}
    current = {r["chart_key"]: dict(r) for r in conn.execute(
        sa.select(chart_rows.c.id, *[chart_rows.c[c] for c in _STORED])
        .where(chart_rows.c.chart_key.in_(keys), chart_rows.c.valid_to.is_(None))).mappings()}
    closed = [row["id"] for key, row in current.items()
              if key not in new or any(row[c] != new[key][c] for c in _STORED)]
    opened = [row | {"valid_from": now} for key, row in new.items()
              if key not in current or current[key]["id"] in closed]
    for part in chunks(closed):
        conn.execute(chart_rows.update().where(chart_rows.c.id.in_(part)).values(valid_to=now))
    if opened:
        conn.execute(chart_rows.insert(), opened)


def as_of(when: dt.datetime | None) -> sa.ColumnElement:
    """The summary rows that stood at `when` (None: now)."""
    if when is None:
        return chart_rows.c.valid_to.is_(None)
    return sa.and_(chart_rows.c.valid_from <= when,
                   sa.or_(chart_rows.c.valid_to.is_(None), chart_rows.c.valid_to > when))
