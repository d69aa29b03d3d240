"""The store: documents, figures and refresh runs in SQLite (default) or PostgreSQL.

Every write that replaces a document's figures happens in one transaction, so a
crash or a kill at any moment leaves each document either as it was or fully
replaced. The schema carries a version, and `open_store` upgrades older stores.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from extract import Figure, extract_figures
from extract.language import PREFIX as LANGUAGE_PREFIX
from extract.language import detect_language

from .arrival import Arrivals

SCHEMA_VERSION = 9
ENV_STORE = "CASUALTY_STORE"
DEFAULT_STORE = Path(__file__).resolve().parents[1] / "data" / "casualties.sqlite"
UPGRADE_BATCH = 100  # documents an upgrade reads again at a time (their whole text)
log = logging.getLogger("pipeline")

metadata = sa.MetaData()

meta = sa.Table(
    "meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

documents = sa.Table(
    "documents", metadata,
    sa.Column("key", sa.Text, primary_key=True),  # source name + locator: stable across runs
    sa.Column("doc_id", sa.String(16), nullable=False, index=True),
    sa.Column("source", sa.Text, nullable=False, index=True),
    sa.Column("locator", sa.Text, nullable=False),
    sa.Column("url", sa.Text, nullable=False, default=""),
    sa.Column("title", sa.Text, nullable=False, default=""),
    sa.Column("publisher", sa.Text, nullable=False, default=""),
    sa.Column("published", sa.Date),
    sa.Column("fetched_at", sa.DateTime, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    # ISO 639-1 code of the text's language (extract.detect_language); "und" for none
    sa.Column("language", sa.String(8), nullable=False, server_default=""),
    # since schema version 5: the earliest document this one copies (pipeline/reprints.py)
    sa.Column("reprint_of", sa.Text, index=True),
    # since schema version 6: when its link was last set, and when it left its source
    sa.Column("linked_at", sa.DateTime),
    sa.Column("withdrawn_at", sa.DateTime),
)

# since schema version 5: each document's MinHash signature and its LSH buckets
document_signatures = sa.Table(
    "document_signatures", metadata,
    sa.Column("doc_key", sa.Text, sa.ForeignKey("documents.key", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("minhash", sa.LargeBinary, nullable=False),
    sa.Column("size", sa.Integer, nullable=False),  # distinct shingles
)
document_bands = sa.Table(
    "document_bands", metadata,
    sa.Column("bucket", sa.BigInteger, primary_key=True),  # band << 32 | the band's hash
    sa.Column("doc_key", sa.Text, sa.ForeignKey("documents.key", ondelete="CASCADE"),
              primary_key=True, index=True),
)

FIGURE_COLUMNS = [
    "figure_id", "category", "value", "low", "high", "qualifier", "number_text", "subject",
    "subset", "agency", "agency_text", "attribution", "report_date", "period", "period_start",
    "period_end", "place", "sentence", "start", "end", "carrier", "superseded", "times_stated",
    "scope", "event_date", "event", "place_name", "admin1", "admin1_code", "country",
    "country_code", "lat", "lon", "geo_precision",
]
# the columns of a figure's place that the gazetteer fills (since schema version 4)
PLACE_COLUMNS = FIGURE_COLUMNS[FIGURE_COLUMNS.index("place_name"):]

figures = sa.Table(
    "figures", metadata,
    sa.Column("doc_key", sa.Text, sa.ForeignKey("documents.key", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("figure_id", sa.String(16), primary_key=True, index=True),
    sa.Column("category", sa.String(32), nullable=False),  # (indexed: figures_category_day)
    sa.Column("value", sa.BigInteger, nullable=False),
    sa.Column("low", sa.BigInteger),
    sa.Column("high", sa.BigInteger),
    sa.Column("qualifier", sa.String(16), nullable=False),
    sa.Column("number_text", sa.Text, nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("subset", sa.Boolean, nullable=False),
    sa.Column("agency", sa.Text, nullable=False, index=True),
    sa.Column("agency_text", sa.Text, nullable=False),
    sa.Column("attribution", sa.String(16), nullable=False),
    sa.Column("report_date", sa.Date, index=True),
    sa.Column("period", sa.Text, nullable=False),
    sa.Column("period_start", sa.Date),
    sa.Column("period_end", sa.Date),
    sa.Column("place", sa.Text, nullable=False),  # "location" before schema version 4
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    # since schema version 2
    sa.Column("carrier", sa.Text, nullable=False, server_default=""),
    sa.Column("superseded", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("times_stated", sa.Integer, nullable=False, server_default=sa.text("1")),
    # since schema version 3; scope "" is unknown (a row the rules no longer produce)
    sa.Column("scope", sa.String(16), nullable=False, server_default=""),
    sa.Column("event_date", sa.Date, index=True),
    # the document's incident (0 the main one); NULL for tolls, stocks, periods, background
    sa.Column("event", sa.Integer),
    # since schema version 4: where the place is, from the gazetteer; "" and NULL for none
    sa.Column("place_name", sa.Text, nullable=False, server_default=""),
    sa.Column("admin1", sa.Text, nullable=False, server_default=""),
    sa.Column("admin1_code", sa.String(16), nullable=False, server_default="", index=True),
    sa.Column("country", sa.Text, nullable=False, server_default=""),
    sa.Column("country_code", sa.String(8), nullable=False, server_default="", index=True),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geo_precision", sa.Integer),  # 1 the town itself ... 4 the country
    # since schema version 6: who read it (pipeline/history.py's extractor_version), when
    # this row as it stands was stored, a person's correction, and its claim
    sa.Column("extractor", sa.String(32), nullable=False, server_default=""),
    sa.Column("stored_at", sa.DateTime),
    sa.Column("wrong", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("correction", sa.Text, nullable=False, server_default=""),
    sa.Column("claim_key", sa.String(16)),  # agency and count (claims.py)
    sa.Column("claim_id", sa.String(16), index=True),
    # since schema version 7: the hash of its group in the charts' summary
    # (pipeline/summaries.py)
    sa.Column("chart_key", sa.String(16), index=True),
    # the report date, else the document's publication date (`day_of`): what the views
    # filter and sort on, stored so that an index holds it
    sa.Column("day", sa.Date),
    # a claim key's figures, and its incidents by day (pipeline/claim_updates.py)
    sa.Index("figures_claim_key", "claim_key", "scope", "event_date"),
)
# the evidence grid's blocks in order, read from an index (dashboard/evidence.py): by day
# (of a category), and by value; undated figures sort as the oldest (SQLite's own order
# of NULLs, declared on PostgreSQL)
DAY_INDEXES = {"figures_day": (), "figures_category_day": ("category",)}
for _name, _before in DAY_INDEXES.items():
    sa.Index(_name, *_before, "day", "doc_key", "figure_id", _table=figures).ddl_if(
        dialect="sqlite")
    sa.Index(_name, *_before, sa.text("day NULLS FIRST"), "doc_key", "figure_id",
             _table=figures).ddl_if(dialect="postgresql")
sa.Index("figures_value", figures.c.value, figures.c.doc_key, figures.c.figure_id)
# the figure columns a person can correct, and those kept as a figure's history
CORRECTABLE = ("agency", "category", "value")
HISTORY_COLUMNS = [*FIGURE_COLUMNS, "extractor", "stored_at", "wrong", "correction", "day"]


def day_of(report_date: dt.date | None, published: dt.date | None) -> dt.date | None:
    """A figure's day: its report date, else its document's publication date."""
    return report_date or published


# since schema version 6: what the store held before, never overwritten in place
figure_history = sa.Table(
    "figure_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_key", sa.Text, nullable=False, index=True),
    *[sa.Column(c.name, c.type, nullable=c.nullable) for c in figures.columns
      if c.name in HISTORY_COLUMNS and c.name != "doc_key"],
    sa.Column("replaced_at", sa.DateTime, nullable=False, index=True),
    # "new version", "re-read", "withdrawn", "correction"
    sa.Column("reason", sa.String(16), nullable=False),
)
document_history = sa.Table(
    "document_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    *[sa.Column(c.name, c.type, nullable=c.nullable) for c in documents.columns
      if c.name not in ("reprint_of", "linked_at", "withdrawn_at")],
    sa.Column("replaced_at", sa.DateTime, nullable=False, index=True),
)
link_history = sa.Table(  # a document's earlier links, each until it changed
    "link_history", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_key", sa.Text, nullable=False, index=True),
    sa.Column("reprint_of", sa.Text),
    sa.Column("linked_at", sa.DateTime),
    sa.Column("until", sa.DateTime, nullable=False),
)
corrections = sa.Table(
    "corrections", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_key", sa.Text, nullable=False),
    sa.Column("figure_id", sa.String(16), nullable=False, index=True),
    sa.Column("field", sa.String(16), nullable=False),  # "wrong", or one of CORRECTABLE
    sa.Column("old", sa.Text, nullable=False),
    sa.Column("new", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("by", sa.Text, nullable=False),
    sa.Column("made_at", sa.DateTime, nullable=False, index=True),
)
claims = sa.Table(
    "claims", metadata,
    sa.Column("claim_id", sa.String(16), primary_key=True),
    sa.Column("claim_key", sa.String(16), nullable=False, index=True),
    sa.Column("agency", sa.Text, nullable=False),
    sa.Column("generic_source", sa.Boolean, nullable=False),
    sa.Column("category", sa.String(32), nullable=False),
    sa.Column("scope", sa.String(16), nullable=False),
    sa.Column("value", sa.BigInteger, nullable=False),
    sa.Column("low", sa.BigInteger),
    sa.Column("high", sa.BigInteger),
    sa.Column("qualifier", sa.String(16), nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("event_date", sa.Date),
    sa.Column("period_start", sa.Date),
    sa.Column("period_end", sa.Date),
    sa.Column("report_date", sa.Date),
    sa.Column("place", sa.Text, nullable=False),
    sa.Column("place_name", sa.Text, nullable=False),
    sa.Column("admin1_code", sa.String(16), nullable=False),
    sa.Column("country_code", sa.String(8), nullable=False),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("documents", sa.Integer, nullable=False),  # 0: no document states it now
    sa.Column("independent_publishers", sa.Integer, nullable=False),
    sa.Column("publishers", sa.Text, nullable=False),
    sa.Column("first_published", sa.Date),
    sa.Column("last_published", sa.Date),
    sa.Column("sentence", sa.Text, nullable=False),  # the first statement's evidence
    sa.Column("url", sa.Text, nullable=False),
    # the document of its first statement, or the one that reprints; its text's version
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    # when its documents were first and last fetched
    sa.Column("first_seen", sa.DateTime, nullable=False),
    sa.Column("last_seen", sa.DateTime, nullable=False),
    # when the store first held it (the write that made it), and when it lost its last
    # statement
    sa.Column("created_at", sa.DateTime, nullable=False, index=True),
    sa.Column("dropped_at", sa.DateTime),
    # an agency's claims of a category and scope by date, and by place: where revisions
    # (of incidents and periods, and of tolls) are looked for
    sa.Index("claims_series", "agency", "category", "scope", "event_date"),
    sa.Index("claims_places", "agency", "category", "scope", "country_code", "admin1_code",
             "place_name"),
)
revisions = sa.Table(
    "revisions", metadata,
    sa.Column("revision_id", sa.String(16), primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),  # "revised count", "toll down"
    sa.Column("agency", sa.Text, nullable=False),
    sa.Column("category", sa.String(32), nullable=False),
    sa.Column("scope", sa.String(16), nullable=False),
    sa.Column("place", sa.Text, nullable=False),
    sa.Column("old_claim", sa.String(16), nullable=False),
    sa.Column("new_claim", sa.String(16), nullable=False),
    sa.Column("old_value", sa.BigInteger, nullable=False),
    sa.Column("new_value", sa.BigInteger, nullable=False),
    sa.Column("old_stated", sa.Date),
    sa.Column("new_stated", sa.Date),
    sa.Column("old_sentence", sa.Text, nullable=False),
    sa.Column("old_url", sa.Text, nullable=False),
    sa.Column("new_sentence", sa.Text, nullable=False),
    sa.Column("new_url", sa.Text, nullable=False),
    sa.Column("found_at", sa.DateTime, nullable=False, index=True),
)
alerts = sa.Table(
    "alerts", metadata,
    sa.Column("rule", sa.Text, primary_key=True),
    sa.Column("claim_id", sa.String(16), primary_key=True),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("found_at", sa.DateTime, nullable=False, index=True),
)

runs = sa.Table(
    "runs", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", sa.DateTime, nullable=False),
    sa.Column("finished_at", sa.DateTime),
    sa.Column("status", sa.String(16), nullable=False),  # running, ok, partial, failed, stopped, interrupted
    sa.Column("documents_seen", sa.Integer, nullable=False, default=0),
    sa.Column("documents_changed", sa.Integer, nullable=False, default=0),
    sa.Column("documents_failed", sa.Integer, nullable=False, default=0),
    sa.Column("figures_written", sa.Integer, nullable=False, default=0),
)

run_sources = sa.Table(
    "run_sources", metadata,
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("source", sa.Text, primary_key=True),
    sa.Column("status", sa.String(16), nullable=False),  # ok, partial, failed
    sa.Column("documents_seen", sa.Integer, nullable=False, default=0),
    sa.Column("documents_changed", sa.Integer, nullable=False, default=0),
    sa.Column("documents_failed", sa.Integer, nullable=False, default=0),
    sa.Column("error", sa.Text, nullable=False, default=""),
)

run_errors = sa.Table(
    "run_errors", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("error", sa.Text, nullable=False),
)

# since schema version 9: each source as the latest refresh's sources file declared it
sources = sa.Table(
    "sources", metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),  # folder, feed, urls
    sa.Column("location", sa.Text, nullable=False),  # a folder's name, a feed's or page's URL
    sa.Column("expected_interval", sa.Interval),  # how often it should give a new document
    sa.Column("declared_at", sa.DateTime, nullable=False),
)

http_cache = sa.Table(
    "http_cache", metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("etag", sa.Text, nullable=False, default=""),
    sa.Column("last_modified", sa.Text, nullable=False, default=""),
    sa.Column("content_hash", sa.String(64), nullable=False, default=""),
)


def _version_1_to_2(conn: Connection) -> None:
    """Version 2: figures gain carrier, superseded and times_stated, documents their
    language. Rows keep everything they had; the new columns take their defaults (a figure
    stated once, by its agency, not superseded), and each document's language is told from
    its stored text. `python -m pipeline reextract` then applies the rules that fill them
    (repeated figures merged)."""
    false = sa.false().compile(dialect=conn.dialect)
    for sql in ("ALTER TABLE figures ADD COLUMN carrier TEXT NOT NULL DEFAULT ''",
                f"ALTER TABLE figures ADD COLUMN superseded BOOLEAN NOT NULL DEFAULT {false}",
                "ALTER TABLE figures ADD COLUMN times_stated INTEGER NOT NULL DEFAULT 1",
                "ALTER TABLE documents ADD COLUMN language VARCHAR(8) NOT NULL DEFAULT ''"):
        conn.exec_driver_sql(sql)
    _detect_languages(conn)


def _detect_languages(conn: Connection, batch: int = 500) -> None:
    """Fill the language of every document, a batch at a time in the order of its key; only
    the beginning of each text is read (what detect_language looks at)."""
    head = sa.func.substr(documents.c.text, 1, LANGUAGE_PREFIX)
    after = None
    while True:
        stmt = sa.select(documents.c.key, head).order_by(documents.c.key).limit(batch)
        if after is not None:
            stmt = stmt.where(documents.c.key > after)
        rows = conn.execute(stmt).all()
        if not rows:
            return
        conn.execute(documents.update().where(documents.c.key == sa.bindparam("k")).values(
            language=sa.bindparam("lang")),
            [{"k": key, "lang": detect_language(text or "")} for key, text in rows])
        after = rows[-1][0]


def _version_2_to_3(conn: Connection) -> None:
    """Version 3: figures gain scope, event_date (indexed) and event. Every stored document
    is read again with the current extractor, and each stored figure that it gives again
    (the same figure_id: document, span and category) takes its scope, event date and
    event; nothing else changes, and no row is added or deleted. A row the rules no longer
    give keeps scope "" (unknown), no event date and no event, until `pipeline reextract`."""
    for sql in ("ALTER TABLE figures ADD COLUMN scope VARCHAR(16) NOT NULL DEFAULT ''",
                "ALTER TABLE figures ADD COLUMN event_date DATE",
                "ALTER TABLE figures ADD COLUMN event INTEGER"):
        conn.exec_driver_sql(sql)
    _create_indexes(conn, ["event_date"])
    _fill_from_extraction(conn, ["scope", "event_date", "event"], "its figures' scope stays unknown")


def _version_3_to_4(conn: Connection) -> None:
    """Version 4: the figures' `location` (the place as written) is renamed `place`, and
    figures gain where it is: place_name, admin1, admin1_code (indexed), country,
    country_code (indexed), lat, lon and geo_precision. Every stored document is read again
    and each stored figure that it gives again (the same figure_id) takes these from it; a
    row the rules no longer give keeps them blank (NULL for the numbers), until `pipeline
    reextract`. Nothing else changes, and no row is added or deleted."""
    for sql in ("ALTER TABLE figures RENAME COLUMN location TO place",
                "ALTER TABLE figures ADD COLUMN place_name TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE figures ADD COLUMN admin1 TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE figures ADD COLUMN admin1_code VARCHAR(16) NOT NULL DEFAULT ''",
                "ALTER TABLE figures ADD COLUMN country TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE figures ADD COLUMN country_code VARCHAR(8) NOT NULL DEFAULT ''",
                "ALTER TABLE figures ADD COLUMN lat FLOAT",
                "ALTER TABLE figures ADD COLUMN lon FLOAT",
                "ALTER TABLE figures ADD COLUMN geo_precision INTEGER"):
        conn.exec_driver_sql(sql)
    _create_indexes(conn, ["admin1_code", "country_code"])
    _fill_from_extraction(conn, PLACE_COLUMNS, "its figures' places stay blank")


def _create_indexes(conn: Connection, columns: list[str]) -> None:
    """Create the figures' index of each of these columns, as today's schema declares it."""
    for column in columns:
        (index,) = [i for i in figures.indexes if i.columns.keys() == [column]]
        index.create(conn)


def _fill_from_extraction(conn: Connection, columns: list[str], kept: str) -> None:
    """Copy `columns` from a new extraction onto the stored figures of the same figure_id,
    UPGRADE_BATCH documents at a time in the order of their key. A document the extractor
    fails on keeps its figures' values, with one log line ending in `kept`."""
    read = [documents.c[c] for c in ("key", "text", "published", "publisher", "title", "url")]
    # (bound names other than the columns': SQLAlchemy keeps those for the SET clause)
    update = figures.update().where(
        figures.c.doc_key == sa.bindparam("k"), figures.c.figure_id == sa.bindparam("f")
    ).values({c: sa.bindparam(f"new_{c}") for c in columns})
    after = None
    while True:
        stmt = sa.select(*read).order_by(documents.c.key).limit(UPGRADE_BATCH)
        if after is not None:
            stmt = stmt.where(documents.c.key > after)
        rows = conn.execute(stmt).all()
        if not rows:
            return
        values = []
        for key, text, published, publisher, title, url in rows:
            try:
                found = extract_figures(text, published, publisher, title, url)
            except Exception as exc:  # one bad document never stops the upgrade
                log.error("%s: %s: %s, %s", key, type(exc).__name__,
                          " ".join(str(exc).split())[:300], kept)
                continue
            values += [{"k": key, "f": f.figure_id} | {f"new_{c}": getattr(f, c) for c in columns}
                       for f in found]
        if values:
            conn.execute(update, values)
        after = rows[-1][0]


def _version_4_to_5(conn: Connection) -> None:
    """Version 5: documents gain reprint_of (indexed), and the tables of their signatures
    and buckets (document_signatures, document_bands) are created. The step to version 6
    signs and links every document (with the link's time, which version 6 adds)."""
    conn.exec_driver_sql("ALTER TABLE documents ADD COLUMN reprint_of TEXT")
    (index,) = [i for i in documents.indexes if i.columns.keys() == ["reprint_of"]]
    index.create(conn)
    document_signatures.create(conn)
    document_bands.create(conn)


def _version_5_to_6(conn: Connection) -> None:
    """Version 6: history, claims and corrections. Documents gain linked_at and
    withdrawn_at; figures gain extractor ("" for rows read before), stored_at (their
    document's fetch time), wrong, correction, claim_key and claim_id; the tables
    figure_history, document_history, link_history, corrections, claims, revisions and
    alerts are created. Every document is signed and linked to the earliest one it
    reprints, in the order they were published (again, for a store of version 5: the same
    links); every figure is given its claim, and the claims are built. No figure changes
    otherwise."""
    false = sa.false().compile(dialect=conn.dialect)
    for sql in ("ALTER TABLE documents ADD COLUMN linked_at TIMESTAMP",
                "ALTER TABLE documents ADD COLUMN withdrawn_at TIMESTAMP",
                "ALTER TABLE figures ADD COLUMN extractor VARCHAR(32) NOT NULL DEFAULT ''",
                "ALTER TABLE figures ADD COLUMN stored_at TIMESTAMP",
                f"ALTER TABLE figures ADD COLUMN wrong BOOLEAN NOT NULL DEFAULT {false}",
                "ALTER TABLE figures ADD COLUMN correction TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE figures ADD COLUMN claim_key VARCHAR(16)",
                "ALTER TABLE figures ADD COLUMN claim_id VARCHAR(16)"):
        conn.exec_driver_sql(sql)
    _create_indexes(conn, ["claim_id"])
    (index,) = [i for i in figures.indexes if i.name == "figures_claim_key"]
    index.create(conn)
    fetched = sa.select(documents.c.fetched_at).where(documents.c.key == figures.c.doc_key)
    conn.execute(figures.update().values(stored_at=fetched.scalar_subquery()))
    conn.execute(documents.update().where(documents.c.reprint_of.is_not(None)).values(
        linked_at=documents.c.fetched_at))
    for table in (figure_history, document_history, link_history, corrections, claims,
                  revisions, alerts):
        table.create(conn)
    now = _now()
    reprint_links.link_all(conn, UPGRADE_BATCH, now)
    claim_updates.rebuild_all(conn, now)


def _version_6_to_7(conn: Connection) -> None:
    """Version 7: a full-text index of the figures' sentences and of their history's
    (pipeline/search.py), built from the rows stored, the figures' day (`_add_days`) and
    the charts' summary (`_add_summaries`)."""
    search.add_sentence_search(conn)
    _add_days(conn)
    _add_summaries(conn)


def _add_days(conn: Connection) -> None:
    """Figures and their history gain `day` (`day_of`), filled from the document version
    each row was read from: a stored figure's, its document; a row of the history, the
    version that stood when it was replaced (the first kept after, else the document as
    it stands). Then the indexes that read figures by day and by value (the one of the
    category alone gives way to category and day). No figure changes otherwise."""
    for table in (figures, figure_history):  # (a history made by the step to 6 has it)
        if "day" not in {c["name"] for c in sa.inspect(conn).get_columns(table.name)}:
            conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN day DATE")
    published = (sa.select(documents.c.published).where(documents.c.key == figures.c.doc_key)
                 .scalar_subquery())
    conn.execute(figures.update().values(day=sa.func.coalesce(figures.c.report_date, published)))
    kept = document_history.c
    later = sa.select(kept.published).where(kept.key == figure_history.c.doc_key,
                                            kept.replaced_at >= figure_history.c.replaced_at)
    current = sa.select(documents.c.published).where(documents.c.key == figure_history.c.doc_key)
    then = sa.case((sa.exists(later), later.order_by(kept.replaced_at, kept.id).limit(1)
                    .scalar_subquery()), else_=current.scalar_subquery())
    conn.execute(figure_history.update().values(
        day=sa.func.coalesce(figure_history.c.report_date, then)))
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_figures_category")  # its first column
    for index in figures.indexes:
        if index.name in (*DAY_INDEXES, "figures_value"):
            index.create(conn)


def _add_summaries(conn: Connection) -> None:
    """Figures gain chart_key (indexed), the table chart_rows is created, and the summary
    of the whole store is built (pipeline/summaries.py). No figure changes otherwise."""
    conn.exec_driver_sql("ALTER TABLE figures ADD COLUMN chart_key VARCHAR(16)")
    _create_indexes(conn, ["chart_key"])
    summaries.chart_rows.create(conn)
    summaries.build(conn, _now())


def _version_7_to_8(conn: Connection) -> None:
    """Version 8: the charts' summary groups figures by who was counted too (`subject`),
    and the table of the [headline] agencies (pipeline/headline.py) is created, empty
    until the next refresh reads the sources file. Every figure is given its new group's
    key and the summary's rows that stood are closed, new ones opened in their place (an
    "as of" time before the upgrade shows the rows of then, without their subject). No
    figure changes otherwise. (A summary built by the step to 7 of this program already
    has them.)"""
    headline.headline_agencies.create(conn, checkfirst=True)
    if "subject" in {c["name"] for c in sa.inspect(conn).get_columns("chart_rows")}:
        return
    conn.exec_driver_sql("ALTER TABLE chart_rows ADD COLUMN subject TEXT")
    summaries.regroup(conn, _now())


def _version_8_to_9(conn: Connection) -> None:
    """Version 9: the table `sources` is created; the next refresh fills it from its
    sources file. No row changes."""
    sources.create(conn)


# Upgrades from each older schema version to the next, applied in order.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    1: _version_1_to_2, 2: _version_2_to_3, 3: _version_3_to_4, 4: _version_4_to_5,
    5: _version_5_to_6, 6: _version_6_to_7, 7: _version_7_to_8, 8: _version_8_to_9}


IN_CHUNK = 500  # values in one IN (...) list


def chunks(items: list, size: int = IN_CHUNK) -> Iterator[list]:
    """The items, `size` at a time (for IN lists, which databases bound)."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def insert_rows(conn: Connection, table: sa.Table, columns: tuple[str, ...],
                rows: list[tuple]) -> None:
    """Insert many rows of a few columns at the driver's own speed (one statement, no
    per-row work by SQLAlchemy): the reprint signatures' thousands of buckets a batch."""
    if not rows:
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(columns)}) "
                         f"VALUES ({', '.join([mark] * len(columns))})", rows)


def select_in(conn: Connection, table: sa.Table, columns: tuple[str, ...], column: str,
              values: Iterable, chunk: int = 5000) -> list[tuple]:
    """The rows (these columns, as tuples) of a table whose `column` is one of `values`,
    read a chunk of values at a time through the driver."""
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    found: list[tuple] = []
    for part in chunks(sorted(values), chunk):
        found += conn.exec_driver_sql(
            f"SELECT {', '.join(columns)} FROM {table.name} WHERE {column} IN "
            f"({', '.join([mark] * len(part))})", tuple(part)).all()
    return found


class StoreError(Exception):
    """The store cannot be opened or used; the message says why."""


def store_url(value: str | None = None) -> str:
    """The SQLAlchemy URL of the store: the argument, $CASUALTY_STORE, or the default file."""
    value = value or os.environ.get(ENV_STORE) or str(DEFAULT_STORE)
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).resolve()}"


def _sqlite_connect(dbapi_connection, _record) -> None:
    # Let SQLAlchemy's BEGIN (below) open every transaction, reads included, so that all
    # the reads of one transaction see one snapshot (pysqlite would skip BEGIN for them).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
    dbapi_connection.create_function("md5", 1, summaries.sqlite_md5, deterministic=True)


SQLITE_MAGIC = b"SQLite format 3\x00"
_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@/\s]*@")


def database_reason(exc: Exception, limit: int = 300) -> str:
    """The database's own words for an error (the driver's, when SQLAlchemy wraps one),
    on one line and at most `limit` characters."""
    detail = exc.orig if isinstance(exc, sa.exc.DBAPIError) else exc
    return " ".join(str(detail).split())[:limit]


def _without_password(text: str) -> str:
    """A database URL (or a message quoting one) with its password masked."""
    return _PASSWORD.sub(r"\1***@", text)


def check_sqlite_file(path: Path) -> None:
    """StoreError when an existing file is no SQLite database, or is shorter than its own
    header says (a copy cut short). Reads only the 100-byte header: cheap on any size.
    A file with a write-ahead log beside it may legitimately be shorter, and is left to
    SQLite."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            header = f.read(100)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the store ({exc.strerror})") from None
    if size == 0:
        return
    if not header.startswith(SQLITE_MAGIC):
        raise StoreError(f"sqlite:///{path}: cannot open the store (not a SQLite database)")
    wal = path.with_name(path.name + "-wal")
    if len(header) < 100 or (wal.exists() and wal.stat().st_size):
        return
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    header_valid = pages and header[24:28] == header[92:96]
    if header_valid and size < pages * page_size:
        raise StoreError(f"sqlite:///{path}: cannot open the store (truncated: {size:,} bytes "
                         f"of the {pages * page_size:,} its header gives)")


def open_store(url: str | None = None) -> Store:
    """Open (creating or upgrading as needed) the store at a URL or file path."""
    url = store_url(url)
    try:
        engine = sa.create_engine(url, future=True)
    except (sa.exc.ArgumentError, ImportError) as exc:
        raise StoreError(f"{_without_password(url)}: not a usable database URL "
                         f"({_without_password(str(exc))})") from None
    if engine.dialect.name == "sqlite":
        path = engine.url.database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            check_sqlite_file(Path(path))
        sa.event.listen(engine, "connect", _sqlite_connect)
        sa.event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    store = Store(engine)
    shown = engine.url.render_as_string(hide_password=True)
    try:
        store.upgrade()
    except sa.exc.SQLAlchemyError as exc:  # not a database, truncated, unreachable, no rights
        engine.dispose()
        raise StoreError(f"{shown}: cannot open the store ({database_reason(exc)})") from None
    except StoreError as exc:
        engine.dispose()
        raise StoreError(f"{shown}: {exc}") from None
    return store


@dataclass
class Store:
    """A handle on the store: reads, writes and the schema version."""

    engine: Engine

    def upgrade(self) -> None:
        """Create a new store, or upgrade an older one to SCHEMA_VERSION (and a PostgreSQL
        store of this version made before its late indexes gets them: pipeline/late_indexes.py).
        A current store is only read, so that readers never wait for (or block) a refresh
        that is writing.
        Creating or upgrading takes a lock (on PostgreSQL, an advisory lock held by the
        transaction), so two processes opening a new store at once create it once.
        StoreError when the file holds no store of ours (no schema version, or not a number)."""
        with self.engine.connect() as conn:
            version = _stored_version(conn)
            if version == SCHEMA_VERSION and not late_indexes.missing(conn):
                return
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(f"the store has schema version {version}; this program knows "
                             f"up to {SCHEMA_VERSION}: upgrade the program")
        with self.engine.begin() as conn:
            if self.engine.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SCHEMA_LOCK_KEY})
            version = _stored_version(conn)  # again, under the lock
            if version is None:
                metadata.create_all(conn)
                search.add_sentence_search(conn)
                conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
                return
            for step in range(version, SCHEMA_VERSION):
                MIGRATIONS[step](conn)
            metadata.create_all(conn)  # tables added since, if any
            late_indexes.add_missing(conn)  # (a schema 7 store made before them)
            conn.execute(meta.update().where(meta.c.key == "schema_version").values(
                value=str(SCHEMA_VERSION)))

    def mark_interrupted_runs(self) -> list[int]:
        """Runs still marked "running" (their process was killed) become "interrupted".
        Call with the writer lock held, when no other refresh can be running."""
        with self.engine.begin() as conn:
            ids = list(conn.execute(sa.select(runs.c.id).where(runs.c.status == "running")).scalars())
            if ids:
                conn.execute(runs.update().where(runs.c.id.in_(ids)).values(status="interrupted"))
        return ids

    def schema_version(self) -> int | None:
        """The schema version the store records (None for an empty database)."""
        with self.engine.connect() as conn:
            return _stored_version(conn)

    # --- documents and figures -------------------------------------------------

    def content_hashes(self, source: str) -> dict[str, str]:
        """{document key: content hash} for every stored document of a source (but those
        withdrawn: one that comes back is stored again)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(documents.c.key, documents.c.content_hash).where(
                documents.c.source == source, documents.c.withdrawn_at.is_(None)))
            return dict(rows.all())

    @contextmanager
    def batch(self) -> Iterator[Connection]:
        """One write transaction (several document replacements, a correction, ...). On
        PostgreSQL it first takes a lock held until it ends (`pg_advisory_xact_lock`), so
        that write transactions run one at a time: under READ COMMITTED two at once would
        each recompute the summary's groups without the other's figures (SQLite has one
        writer at a time by itself)."""
        with self.engine.begin() as conn:
            if self.engine.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _WRITE_LOCK_KEY})
            yield conn

    def write(self, stored: list[tuple[dict, list[Figure] | None]],
              now: dt.datetime | None = None, alert_rules: Sequence[alerts_.AlertRule] = (),
              fetched: bool = True) -> tuple[int, claim_updates.Updated]:
        """Store documents and their figures in one transaction, each in place of what was
        stored under its key, then link reprints, build their claims again and check the
        alert rules on the new ones; (figure rows written, what the claims update did).
        `fetched`: the documents were fetched now (a refresh); else they keep their fetch
        time (a re-reading). A document given with None for its figures keeps those stored
        (and is linked again)."""
        with self.batch() as conn:
            written = history.Written(now or _now())
            given = [(doc, found) for doc, found in stored if found is not None]
            if fetched:
                for doc, _ in given:
                    doc["fetched_at"] = written.now
            rows = history.replace_documents(conn, given, written)
            relinked = self.link_reprints(conn, stored, written.now)
            updated = self.update_claims(conn, written, relinked)
            updated.alerts = alerts_.check_alerts(conn, list(alert_rules), updated.new_claims,
                                                  written.now)
            return rows, updated

    def link_reprints(self, conn: Connection, stored: list[tuple[dict, list[Figure] | None]],
                      now: dt.datetime) -> set[str]:
        """Sign documents just stored (their rows and figures, None where the stored ones
        were kept) and link each to the earliest document it reprints, and later copies of
        them to theirs: pipeline/reprint_links.py. The documents whose link changed."""
        return reprint_links.link_reprints(conn, stored, now)

    def update_claims(self, conn: Connection, written: history.Written,
                      relinked: set[str]) -> claim_updates.Updated:
        """Build again the claims of the documents written or relinked, and find the
        revisions the new ones make (pipeline/claim_updates.py); then the groups of the
        charts' summary that they touched (pipeline/summaries.py)."""
        updated = claim_updates.update_claims(conn, written, relinked)
        summaries.update(conn, written, relinked, updated.rebuilt)
        return updated

    def set_headline_agencies(self, agencies: list[str]) -> bool:
        """Store the [headline] order of agencies (pipeline/headline.py) in place of the
        one stored; True when it changed."""
        with self.batch() as conn:
            return headline.store_headline_agencies(conn, agencies)

    def correct(self, figure_id: str, field: str, new: str, reason: str, by: str,
                now: dt.datetime | None = None) -> list[dict]:
        """Record and apply a person's correction of a figure (pipeline/history.py), and
        build its claims again, in one transaction; the corrections made (one per stored
        row with this figure_id; none when the store has no such figure)."""
        with self.batch() as conn:
            written = history.Written(now or _now())
            made = history.correct(conn, figure_id, field, new, reason, by, written)
            if made:
                self.update_claims(conn, written, set())
            return made

    def stored_documents(self) -> Iterator[dict]:
        """Every stored document still at its source, for re-extraction."""
        with self.engine.connect() as conn:
            for row in conn.execute(sa.select(documents).where(
                    documents.c.withdrawn_at.is_(None))).mappings():
                yield dict(row)

    def withdrawn_keys(self, source: str) -> set[str]:
        """The keys of a source's documents marked withdrawn."""
        with self.engine.connect() as conn:
            return set(conn.execute(sa.select(documents.c.key).where(
                documents.c.source == source, documents.c.withdrawn_at.is_not(None))).scalars())

    # --- HTTP validators -----------------------------------------------------------

    def validators(self, url: str) -> dict[str, str]:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(http_cache).where(http_cache.c.url == url)).mappings()
            found = row.first()
            return dict(found) if found else {}

    def page_validators(self, source: str) -> dict[str, dict[str, str]]:
        """Stored validators of the pages fetched for a source, by URL."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(http_cache).join(documents, documents.c.locator == http_cache.c.url)
                .where(documents.c.source == source)
            ).mappings()
            return {row["url"]: dict(row) for row in rows}

    def save_validators(self, url: str, etag: str, last_modified: str, content_hash: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(http_cache.delete().where(http_cache.c.url == url))
            conn.execute(http_cache.insert().values(url=url, etag=etag or "",
                                                    last_modified=last_modified or "",
                                                    content_hash=content_hash))

    # --- runs ----------------------------------------------------------------------

    def start_run(self) -> int:
        """Record a new refresh run; its id. It starts in a later second than the run
        before it ended (waiting for the clock's next second if need be), so that the
        documents each fetched are told apart by their fetch times (pipeline/arrival.py)."""
        with self.engine.connect() as conn:
            last = conn.execute(sa.select(runs.c.started_at, runs.c.finished_at)
                                .order_by(runs.c.id.desc()).limit(1)).first()
        started = _now()
        if last is not None:  # (a run killed midway has no end: it may have written until now)
            started = _later_than(last.finished_at or started, last.started_at)
        with self.engine.begin() as conn:
            return conn.execute(runs.insert().values(started_at=started, status="running")
                                ).inserted_primary_key[0]

    def finish_run(self, run_id: int, status: str, totals: dict[str, int],
                   per_source: list[dict], errors: list[tuple[str, str]] = ()) -> None:
        """Close a run with its status, totals, per-source results and each error line."""
        with self.engine.begin() as conn:
            conn.execute(runs.update().where(runs.c.id == run_id).values(
                finished_at=_now(), status=status, **totals))
            if per_source:
                conn.execute(run_sources.insert(), [dict(row, run_id=run_id) for row in per_source])
            if errors:
                conn.execute(run_errors.insert(), [{"run_id": run_id, "source": s, "error": e}
                                                   for s, e in errors])

    def run_errors(self, run_id: int) -> list[tuple[str, str]]:
        """(source, error) for every document or source that failed in a run."""
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(
                sa.select(run_errors.c.source, run_errors.c.error)
                .where(run_errors.c.run_id == run_id).order_by(run_errors.c.id))]

    def recent_runs(self, limit: int = 10) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(runs).order_by(runs.c.id.desc()).limit(limit)).mappings()
            return [dict(r) for r in rows]

    def declare_sources(self, declared: list[dict]) -> None:
        """Keep each source as a refresh's sources file declares it (name, kind, location,
        expected_interval), replacing what an earlier refresh kept of the same name."""
        if not declared:
            return
        with self.engine.begin() as conn:
            for part in chunks([d["name"] for d in declared]):
                conn.execute(sources.delete().where(sources.c.name.in_(part)))
            now = _now()
            conn.execute(sources.insert(), [dict(d, declared_at=now) for d in declared])

    def source_health(self) -> list[dict]:
        """Per source: the status of its latest run, when it last succeeded, and its error."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(run_sources, runs.c.started_at)
                .join(runs, runs.c.id == run_sources.c.run_id)
                .order_by(run_sources.c.run_id.desc())
            ).mappings().all()
        health: dict[str, dict] = {}
        for row in rows:
            entry = health.setdefault(row["source"], {
                "source": row["source"], "status": row["status"], "last_run": row["started_at"],
                "error": row["error"], "last_ok": None,
            })
            if entry["last_ok"] is None and row["status"] == "ok":
                entry["last_ok"] = row["started_at"]
        return list(health.values())

    def languages(self) -> list[tuple[str, str, int]]:
        """(source, language, documents) for the stored documents not in English, by source
        and then by most documents."""
        count = sa.func.count().label("n")
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(documents.c.source, documents.c.language, count)
                .where(documents.c.language.not_in(("en", "und", "")))
                .group_by(documents.c.source, documents.c.language)
                .order_by(documents.c.source, count.desc(), documents.c.language)).all()
        return [tuple(r) for r in rows]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "documents": conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one(),
                "figures": conn.execute(sa.select(sa.func.count()).select_from(figures)).scalar_one(),
            }

    # --- locking -------------------------------------------------------------------

    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        """Hold the single-writer lock for a refresh; StoreError if another holds it. On
        PostgreSQL, an advisory lock of the store's schema: stores in two schemas of one
        database are refreshed at once."""
        if self.engine.dialect.name == "postgresql":
            with self.engine.connect() as conn:
                got = conn.execute(sa.text(f"SELECT pg_try_advisory_lock(:k, {_SCHEMA_HASH})"),
                                   {"k": _LOCK_KEY}).scalar()
                if not got:
                    raise StoreError("another refresh is writing to this store")
                try:
                    yield
                finally:
                    conn.execute(sa.text(f"SELECT pg_advisory_unlock(:k, {_SCHEMA_HASH})"),
                                 {"k": _LOCK_KEY})
                    conn.commit()
            return
        import fcntl

        database = Path(self.engine.url.database or "store")
        path = database.with_name(database.name + ".lock")  # a.sqlite and a.db: two locks
        with open(path, "a+") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError("another refresh is writing to this store") from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


_LOCK_KEY = 0x43415355  # "CASU"
_SCHEMA_HASH = "hashtext(coalesce(current_schema(), ''))"  # the lock's second key
_SCHEMA_LOCK_KEY = 0x43415356
_WRITE_LOCK_KEY = 0x43415357  # a write transaction's (`Store.batch`)


def _stored_version(conn: Connection) -> int | None:
    """The schema version a store records; None for an empty database; StoreError when
    the database holds tables but no readable version (not a store of ours)."""
    # (the table names in one query: read in two, another process creating the store could
    # commit between them, and its tables would seem to have no version)
    names = set(sa.inspect(conn).get_table_names())
    if "meta" not in names:
        ours = names & set(metadata.tables)
        if ours:
            raise StoreError(f"the database has the table {sorted(ours)[0]!r} but no schema "
                             f"version: not a casualty store, or damaged")
        return None
    value = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    if value is None:
        raise StoreError("the store has no schema_version row: not a casualty store, or damaged")
    try:
        return int(value)
    except ValueError:
        raise StoreError(f"the store's schema_version is {value[:40]!r}, not a number: "
                         f"damaged") from None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _later_than(*times: dt.datetime) -> dt.datetime:
    """Now, once the clock (kept to the second) has passed these times: the next second
    at the latest (a clock that stands still, or was set back, is waited for no longer
    than WAIT_AT_MOST seconds)."""
    deadline = time.monotonic() + WAIT_AT_MOST
    while (now := _now()) <= max(times) and time.monotonic() < deadline:
        time.sleep(0.05)
    return now


WAIT_AT_MOST = 1.5  # seconds


def read_arrivals(conn: Connection) -> Arrivals:
    """The refresh runs' starts and ends, which order documents of one day
    (pipeline/arrival.py). Kept per engine, and read again only when a run was added or
    ended since (a run's start never changes, its end is set once, and runs are never
    deleted), since every write asks for them."""
    state = tuple(conn.execute(sa.select(sa.func.max(runs.c.id),
                                         sa.func.count(runs.c.finished_at))).one())
    known = _ARRIVALS.get(conn.engine)
    if known is not None and known[0] == state:
        return known[1]
    rows = conn.execute(sa.select(runs.c.started_at, runs.c.finished_at).order_by(
        runs.c.started_at, runs.c.id)).all()
    arrivals = Arrivals(tuple(r.started_at for r in rows), tuple(r.finished_at for r in rows))
    _ARRIVALS[conn.engine] = (state, arrivals)
    return arrivals


# each engine's runs as last read: (their latest id and how many ended, the arrivals)
_ARRIVALS: weakref.WeakKeyDictionary[Engine, tuple[tuple, Arrivals]] = weakref.WeakKeyDictionary()


from . import alerts as alerts_  # noqa: E402  (these modules read the tables above)
from . import claim_updates, headline, history, late_indexes, reprint_links, search, summaries  # noqa: E402
