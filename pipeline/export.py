"""Reading the tidy table back from the store, and writing it as CSV (optionally with an
HXL hashtag row) or Parquet."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from extract import COLUMNS
from extract.figures import typed_frame
from extract.safe_csv import SafeWriter, write_frame

from . import history, search  # (a module: the search imports the store, which imports this one)
from .claims import CLAIM_COLUMNS, claim_rows, summarise
from .csv_sql import csv_lines, line_select
from .store import Store, claims, documents, figures

# HXL hashtags (https://hxlstandard.org) for the columns HDX tools read.
HXL_TAGS = {
    "figure_id": "#meta+id", "doc_id": "#meta+doc", "category": "#indicator+category",
    "value": "#affected+num", "low": "#affected+num+min", "high": "#affected+num+max",
    "qualifier": "#indicator+qualifier", "number_text": "#description+number",
    "subject": "#population+type", "agency": "#org", "agency_text": "#org+text",
    "report_date": "#date+reported", "period": "#date+period", "period_start": "#date+start",
    "period_end": "#date+end", "place": "#loc+text", "place_name": "#loc+name",
    "admin1": "#adm1+name", "admin1_code": "#adm1+code", "country": "#country+name",
    "country_code": "#country+code", "lat": "#geo+lat", "lon": "#geo+lon",
    "geo_precision": "#geo+precision", "sentence": "#description",
    "title": "#meta+title", "url": "#meta+url", "publisher": "#meta+source",
    "published": "#date+published", "carrier": "#org+carrier", "superseded": "#meta+superseded",
    "times_stated": "#meta+times_stated", "scope": "#meta+scope", "event_date": "#date+occurred",
    "event": "#meta+event", "reprint_of": "#meta+reprint_of", "wrong": "#meta+wrong",
    "correction": "#meta+correction",
}
# In an HXL export each category also gets a column of its own, as HDX's tools expect; it
# is blank on a superseded row, on a reprint's row and on a row a person marked wrong, so
# that tools summing it never count an old value, a copy or a mistake.
HXL_CATEGORY_TAGS = {
    "killed": "#affected+killed", "wounded": "#affected+injured",
    "surgeries": "#affected+surgeries", "missing": "#affected+missing",
    "displaced": "#affected+displaced", "detained": "#affected+detained",
    "abducted": "#affected+abducted",
}
# The claims export's own columns (pipeline/claims.py); the rest as the figures' above.
CLAIM_HXL_TAGS = {
    "claim_id": "#meta+id", "generic_source": "#meta+generic_source",
    "documents": "#meta+documents", "independent_publishers": "#meta+independent_publishers",
    "publishers": "#meta+source", "first_published": "#date+first_published",
    "last_published": "#date+last_published", "first_seen": "#date+first_seen",
    "last_seen": "#date+last_seen",
}
CHUNK_ROWS = 10_000  # rows a cursor fetches at once
DOCUMENT_COLUMNS = ("doc_id", "title", "url", "publisher", "published")
# the tidy table, then the url of the document a figure's document reprints ("" for none),
# and a person's correction: whether the figure was marked wrong, and what was changed, why
EXPORT_COLUMNS = [*COLUMNS, "reprint_of", "wrong", "correction"]
ORIGINAL = documents.alias("original")  # the document a figure's document reprints


@dataclass(frozen=True)
class Filters:
    """Which figures to read: categories, agencies, publishers, places (as written),
    countries and admin-1 areas (each by code or name, in any case), scopes, a date range
    (inclusive, on the figure's stored `day`: the report date or else the publication
    date), named sources only, the words the sentence has (pipeline/search.py's
    `search_words`: each the start of one of its words) and the least and most value."""

    categories: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    publishers: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    named_only: bool = False
    scopes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-3 codes or names
    admin1: tuple[str, ...] = ()  # ISO 3166-2 codes or names
    words: tuple[str, ...] = ()  # every one begins a word of the sentence
    least: int | None = None  # value at least
    most: int | None = None  # value at most


def query(filters: Filters = Filters(), as_of: dt.datetime | None = None,
          for_claims: bool = False) -> sa.Select:
    """The SELECT for the tidy table, joined with each figure's document; `as_of`, the
    table as the store held it then (pipeline/history.py); `for_claims`, with what claims
    are built from besides (the document's key and fetch time, the document it reprints
    or its own: `origin`, and that one's publisher)."""
    if as_of is None:
        figures_, documents_, link = figures, documents, documents.c.reprint_of
        stmt = sa.select().join_from(figures, documents, documents.c.key == figures.c.doc_key)
    else:
        figures_, documents_, links = history.figures_as_of(as_of)
        link = links.c.reprint_of
        stmt = (sa.select().join_from(figures_, documents_, documents_.c.key == figures_.c.doc_key)
                .outerjoin(links, links.c.doc_key == figures_.c.doc_key))
    stmt = _filtered(stmt.outerjoin(ORIGINAL, ORIGINAL.c.key == link), filters, figures_,
                     documents_, current=as_of is None)
    if for_claims:
        stmt = stmt.add_columns(figures_.c.doc_key, documents_.c.fetched_at,
                                *origin_columns(figures_, documents_, link))
    return stmt


def reprint_url() -> sa.ColumnElement:
    """`reprint_of`: the url of the document a figure's document reprints ("" for none),
    with ORIGINAL joined on its link."""
    return sa.func.coalesce(ORIGINAL.c.url, "").label("reprint_of")


def origin_columns(figures: sa.FromClause, documents: sa.FromClause,
                   link: sa.ColumnElement) -> list[sa.ColumnElement]:
    """A figure's `origin` (the document its document reprints, by `link`, else its own)
    and `origin_publisher` (that document's publisher), with ORIGINAL joined on `link`."""
    return [sa.func.coalesce(link, figures.c.doc_key).label("origin"),
            sa.func.coalesce(ORIGINAL.c.publisher, documents.c.publisher, "")
            .label("origin_publisher")]


def _filtered(stmt: sa.Select, filters: Filters, figures: sa.FromClause,
              documents: sa.FromClause, current: bool) -> sa.Select:
    """The tidy table's columns of these figures and documents, filtered and in order;
    `current`: the figures are the store's table (else the rows of an earlier time)."""
    columns = [documents.c[c] if c in DOCUMENT_COLUMNS else figures.c[c] for c in COLUMNS]
    columns += [reprint_url(), figures.c.wrong, figures.c.correction]
    stmt = stmt.add_columns(*columns)
    if filters.categories:
        stmt = stmt.where(figures.c.category.in_(filters.categories))
    if filters.agencies:
        stmt = stmt.where(figures.c.agency.in_(filters.agencies))
    if filters.publishers:
        stmt = stmt.where(sa.func.coalesce(documents.c.publisher, "").in_(filters.publishers))
    if filters.places:
        stmt = stmt.where(sa.func.coalesce(figures.c.place, "").in_(filters.places))
    for chosen, code, name in ((filters.countries, figures.c.country_code, figures.c.country),
                               (filters.admin1, figures.c.admin1_code, figures.c.admin1)):
        if chosen:
            stmt = stmt.where(code_or_name(code, name, chosen))
    if filters.scopes:
        stmt = stmt.where(figures.c.scope.in_(filters.scopes))
    if filters.named_only:
        stmt = stmt.where(named_source(figures.c.agency, figures.c.attribution))
    if filters.words:
        stmt = stmt.where(search.SentenceMatch(figures.c.sentence, filters.words, current))
    if filters.least is not None:
        stmt = stmt.where(figures.c.value >= filters.least)
    if filters.most is not None:
        stmt = stmt.where(figures.c.value <= filters.most)
    day = figures.c.day
    if filters.since:
        stmt = stmt.where(day >= filters.since)
    if filters.until:
        stmt = stmt.where(day <= filters.until)
    return stmt.order_by(day, figures.c.doc_key, figures.c.start)


def named_source(agency: sa.ColumnElement, attribution: sa.ColumnElement) -> sa.ColumnElement:
    """Figures a named source stated: not the publisher's own, nor a generic source's
    ("unnamed: officials", "residents": pipeline.claims.is_generic's rule, a name that
    opens in lower case)."""
    first = sa.func.substr(sa.func.coalesce(agency, ""), 1, 1)
    return sa.and_(attribution != "publisher", first != "", first == sa.func.upper(first))


def code_or_name(code: sa.ColumnElement, name: sa.ColumnElement,
                 chosen: tuple[str, ...]) -> sa.ColumnElement:
    """Rows whose code or name is one of `chosen`, in any case: both sides pass through the
    database's lower() (which on SQLite folds the letters A-Z only). The one rule of a
    country or admin-1 filter: the export's, the download's, the evidence grid's and the
    dashboard's summary (dashboard/data.py)."""
    lowered = [sa.func.lower(c) for c in chosen]
    return sa.or_(sa.func.lower(code).in_(lowered), sa.func.lower(name).in_(lowered))


def load_figures(store: Store, filters: Filters = Filters(),
                 as_of: dt.datetime | None = None) -> pd.DataFrame:
    """The tidy table from the store (as it stood at `as_of`), in the design's column
    order, then `reprint_of`, `wrong` and `correction` (EXPORT_COLUMNS)."""
    with store.engine.connect() as conn:
        read = pd.read_sql(query(filters, as_of), conn)
    return typed_frame(read).assign(reprint_of=read["reprint_of"].fillna(""),
                                    wrong=read["wrong"].fillna(False).astype(bool),
                                    correction=read["correction"].fillna(""))


def load_claims(store: Store, filters: Filters = Filters(),
                as_of: dt.datetime | None = None) -> pd.DataFrame:
    """The claims (CLAIM_COLUMNS) of the figures the filters select, the earliest first:
    as the store keeps them, or built again from the figures as they stood at `as_of`.
    A claim no document states any more is left out."""
    if as_of is not None:
        return _claims_as_of(store, filters, as_of)
    chosen = query(filters).with_only_columns(figures.c.claim_id).where(
        figures.c.claim_id.is_not(None)).order_by(None).distinct()
    stmt = (sa.select(*[claims.c[c] for c in CLAIM_COLUMNS])
            .where(claims.c.claim_id.in_(chosen), claims.c.documents > 0)
            .order_by(claims.c.first_published, claims.c.first_seen, claims.c.claim_id))
    with store.engine.connect() as conn:
        return pd.read_sql(stmt, conn)


def _claims_as_of(store: Store, filters: Filters, as_of: dt.datetime) -> pd.DataFrame:
    """The claims as the store held them at `as_of`: built from every figure of then (as
    the store builds its own), those of the figures the filters select."""
    with store.engine.connect() as conn:
        every = conn.execute(query(Filters(), as_of, for_claims=True)).mappings().all()
        chosen = None
        if filters != Filters():
            selected = query(filters, as_of, for_claims=True).subquery()
            chosen = set(conn.execute(sa.select(selected.c.doc_key, selected.c.figure_id)).all())
    rows = claim_rows([dict(r) for r in every])
    wanted = {r["claim"] for r in rows if chosen is None or (r["doc_key"], r["figure_id"]) in chosen}
    built = [c for c in summarise(rows) if c["claim_id"] in wanted]
    return pd.DataFrame(built, columns=CLAIM_COLUMNS)


def write_claims_csv(claims: pd.DataFrame, path: Path | str, hxl: bool = False) -> None:
    """The claims as safe UTF-8 CSV; `hxl` adds the hashtag row."""
    if hxl:
        tags = [CLAIM_HXL_TAGS.get(c) or HXL_TAGS.get(c, "") for c in claims.columns]
        claims = pd.concat([pd.DataFrame([tags], columns=claims.columns), claims],
                           ignore_index=True)
    write_frame(claims, path)


def export_csv(store: Store, path: Path | str, filters: Filters = Filters(), hxl: bool = False,
               as_of: dt.datetime | None = None) -> int:
    """Write the filtered figures (as the store stood at `as_of`) to a CSV file as
    `csv_chunks` gives them; returns the number of figures written."""
    written = 0
    with open(path, "wb") as f:
        for text, rows in csv_chunks(store, filters, hxl, as_of):
            f.write(text)
            written += rows
    return written


def csv_chunks(store: Store, filters: Filters = Filters(), hxl: bool = False,
               as_of: dt.datetime | None = None) -> Iterator[tuple[bytes, int]]:
    """The filtered figures (as the store stood at `as_of`) as safe UTF-8 CSV, in chunks
    of (bytes, figures in them): first the header (and with `hxl` the hashtag row and a
    column per category, blank for superseded, reprinted and wrong figures), then the rows
    in the store's order, a chunk at a time, so that memory stays the same whatever the
    count. One query reads them all through a server-side cursor, so the rows are the
    store as it stood when the read began (one snapshot), whatever a refresh writes
    meanwhile. PostgreSQL builds each row's line (pipeline/csv_sql.py); from SQLite the
    rows go through the safe writer. The store is first read before the header is given:
    a store that cannot be read raises at the first chunk."""
    stmt = query(filters, as_of).order_by(None)  # the store's order: no sort of a million rows
    selected = {c.name: c for c in stmt.selected_columns}
    columns = [selected[name] for name in EXPORT_COLUMNS]
    names = list(EXPORT_COLUMNS)
    if hxl:
        current = sa.and_(sa.not_(selected["superseded"]), selected["reprint_of"] == "",
                          sa.not_(selected["wrong"]))
        columns += [sa.case((sa.and_(selected["category"] == c, current), selected["value"]))
                    for c in HXL_CATEGORY_TAGS]
        names += list(HXL_CATEGORY_TAGS)
    head = [names]
    if hxl:
        head.append([HXL_CATEGORY_TAGS.get(n) or HXL_TAGS.get(n, "") for n in names])
    if store.engine.dialect.name == "postgresql":
        yield from _postgresql_chunks(store, stmt.with_only_columns(*columns), head)
        return
    sql = stmt.with_only_columns(*[_csv_cell(c) for c in columns]).compile(
        dialect=store.engine.dialect, compile_kwargs={"literal_binds": True})
    with store.engine.connect() as conn:
        # (the connection's BEGIN opens a read transaction: one snapshot for every chunk)
        rows = conn.execution_options(stream_results=True).exec_driver_sql(str(sql))
        yield csv_text(head), 0
        while chunk := rows.fetchmany(CHUNK_ROWS):
            yield csv_text(chunk), len(chunk)


def _postgresql_chunks(store: Store, stmt: sa.Select, head: list) -> Iterator[tuple[bytes, int]]:
    """`csv_chunks` from PostgreSQL: the head, then the lines the database builds for the
    rows of `stmt` (its columns the cells), read a chunk at a time by a server-side cursor."""
    sql = line_select(stmt).compile(dialect=store.engine.dialect,
                                    compile_kwargs={"literal_binds": True})
    with store.engine.connect() as conn:
        # compiling the lines' many expressions costs more than it saves (4 s a 300,000 rows)
        conn.exec_driver_sql("SET LOCAL jit = off")
        rows = conn.execution_options(stream_results=True).exec_driver_sql(str(sql))
        yield csv_text(head), 0
        while chunk := rows.fetchmany(CHUNK_ROWS):
            yield csv_lines(chunk), len(chunk)


def csv_text(rows: list) -> bytes:
    """Rows as safe CSV (extract.safe_csv), encoded in UTF-8."""
    buffer = io.StringIO(newline="")
    SafeWriter(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _csv_cell(column: sa.ColumnElement) -> sa.ColumnElement:
    """A column as its CSV cell: booleans as True/False, as pandas writes them."""
    if isinstance(column.type, sa.Boolean):
        return sa.case((column, "True"), else_="False")
    return column


def write_parquet(frame: pd.DataFrame, path: Path | str) -> None:
    """The tidy table as Parquet."""
    frame.to_parquet(path, index=False)
