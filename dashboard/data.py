"""What the dashboard reads from the store: a light in-memory table of every figure for
fast filtering (as the store holds it now, or as it stood at an earlier time), the
evidence of chosen figures, the changes feed, recent revisions, and how fresh the store is.

It only reads. The light table holds no sentences; those come from the store for the
few figures a page shows.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from extract.row import FLOAT_COLUMNS
from pipeline.changes import Change, changes
from pipeline.claims import claim_rows, records, summarise
from pipeline.history import figures_as_of
from pipeline.store import (
    Store,
    StoreError,
    claims,
    database_reason,
    documents,
    figures,
    open_store,
    revisions,
    runs,
)

LIGHT = ["figure_id", "doc_key", "category", "value", "low", "high", "qualifier", "subset",
         "superseded", "times_stated", "scope", "agency", "attribution", "report_date",
         "event_date", "period_start", "period_end", "place", "place_name", "admin1", "admin1_code",
         "country", "country_code", "lat", "lon", "geo_precision", "publisher", "published",
         "reprint", "wrong", "stored_at", "claim_id", "documents", "independent_publishers"]
# what the light table reads of each figure's row (the rest: its document, link and claim)
FIGURE_LIGHT = [c for c in LIGHT if c not in ("publisher", "published", "reprint", "claim_id",
                                              "documents", "independent_publishers")]
EVIDENCE = ["figure_id", "sentence", "number_text", "subject", "agency_text", "url", "title",
            "period", "carrier", "correction"]
# What a store that is not a usable store raises on opening or reading: errors of the
# database (a file that is not SQLite, a malformed one), of the schema (no or a garbled
# schema version) and the store's own.
STORE_ERRORS = (sa.exc.SQLAlchemyError, StoreError)
CATEGORICAL = ["category", "qualifier", "scope", "agency", "attribution", "place", "place_name",
               "admin1", "admin1_code", "country", "country_code", "publisher"]
DATES = ["report_date", "event_date", "period_start", "period_end", "published"]
# The charts' table keeps the largest figure of each of these groups (see StoreData.cube);
# every filter's column is in it, so that a filter keeps or drops a group whole.
CUBE_KEY = ["category", "agency", "day", "publisher", "place", "country_code", "admin1_code",
            "attribution", "scope", "event_date", "period_start", "period_end"]
AS_OF_KEPT = 4  # light tables of earlier times kept in memory (the newest asked for)
REVISED_WITHIN = dt.timedelta(hours=24)  # a card marks its figure revised within this


@dataclass(frozen=True)
class View:
    """The filters of the page, as they stand in its URL."""

    categories: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    publishers: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # as written
    start: dt.date | None = None
    end: dt.date | None = None
    named_only: bool = False
    scopes: tuple[str, ...] = ()  # extract.row.SCOPES, "" for figures not yet classified
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-3 codes
    admin1s: tuple[str, ...] = ()  # ISO 3166-2 codes
    as_of: dt.datetime | None = None  # the store as it stood then (naive UTC); None: now


@dataclass
class StoreData:
    """The store as the dashboard sees it; `refresh_if_changed` reloads after a refresh."""

    url: str | None
    store: Store | None = None
    frame: pd.DataFrame = field(default_factory=pd.DataFrame)
    # The charts' table (`charts_table`): every filter keeps or drops its groups whole, so
    # filtering it gives what reducing the filtered figures would, far faster.
    cube: pd.DataFrame = field(default_factory=pd.DataFrame)
    version: tuple = ()
    error: str = ""
    # {as_of: (version, light table, charts' table)} of the earlier times last asked for
    _earlier: dict = field(default_factory=dict, repr=False)
    # one reload at a time: the poll and a table missing refreshed figures may both ask
    _reloading: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def connect(self) -> None:
        """Open the store; when it cannot be opened, `error` says why and `store` is None."""
        try:
            self.store = open_store(self.url)
            self.error = ""
        except StoreError as exc:
            self.store, self.error = None, str(exc)
        except STORE_ERRORS as exc:
            self.store, self.error = None, database_reason(exc, 200)

    def current_version(self) -> tuple:
        """A cheap fingerprint of the store: the last run and the figures written."""
        if self.store is None:
            self.connect()
            if self.store is None:
                return ("error", self.error)
        # SQLite's largest rowid changes with every batch a refresh commits and costs no scan
        size = (sa.text("SELECT max(rowid) FROM figures") if self.store.engine.dialect.name == "sqlite"
                else sa.select(sa.func.count()).select_from(figures))
        try:
            with self.store.engine.connect() as conn:
                last = conn.execute(sa.select(sa.func.max(runs.c.id),
                                              sa.func.max(runs.c.finished_at))).one()
                count = conn.execute(size).scalar_one()
        except STORE_ERRORS as exc:
            return ("error", self._failed(exc))
        return (last[0], str(last[1]), count)

    def refresh_if_changed(self) -> bool:
        """Reload the light table when the store changed; True when it did."""
        with self._reloading:
            return self._reload_if_changed()

    def _reload_if_changed(self) -> bool:
        version = self.current_version()
        if version == self.version and not self.frame.empty:
            return False
        frame = None
        if version[0] != "error":
            try:
                frame = self._load()
            except STORE_ERRORS as exc:
                version = ("error", self._failed(exc))
        self.version = version
        if frame is None:
            self.frame = self.cube = pd.DataFrame(columns=LIGHT)
            return True
        self.frame, self.cube, self.error = frame, charts_table(frame), ""
        return True

    def _failed(self, exc: Exception) -> str:
        """Record that the store cannot be read (until the next reload that works); the
        reason, for the page."""
        self.error = f"cannot read the store ({database_reason(exc, 200)})"
        return self.error

    def _load(self) -> pd.DataFrame:
        """The light table of the store as it is, each figure with its claim's documents
        and independent publishers (the `claims` table)."""
        stmt = (_light_select(figures, documents, documents.c.reprint_of)
                .add_columns(figures.c.claim_id, claims.c.documents,
                             claims.c.independent_publishers)
                .outerjoin(claims, claims.c.claim_id == figures.c.claim_id))
        with self.store.engine.connect() as conn:
            return light_table(pd.read_sql(stmt, conn))

    def _load_as_of(self, as_of: dt.datetime) -> pd.DataFrame:
        """The light table of the store as it stood at `as_of` (pipeline/history.py), its
        claims built again from the figures of that time (the store keeps today's)."""
        figures_then, documents_then, links = figures_as_of(as_of)
        original = documents.alias("original")
        stmt = (_light_select(figures_then, documents_then, links.c.reprint_of)
                .add_columns(documents_then.c.url, figures_then.c.start,
                             sa.func.coalesce(original.c.url, "").label("reprint_of"))
                .outerjoin(links, links.c.doc_key == figures_then.c.doc_key)
                .outerjoin(original, original.c.key == links.c.reprint_of))
        with self.store.engine.connect() as conn:
            read = pd.read_sql(stmt, conn)
        return light_table(with_claims(read)[LIGHT])

    def table(self, as_of: dt.datetime | None = None, name: str = "frame") -> pd.DataFrame:
        """The light table (`name` "frame") or the charts' table ("cube"): as the store
        holds it, or as it stood at `as_of` (read once per version of the store; the
        AS_OF_KEPT last asked for are kept). Empty when the store cannot be read."""
        if as_of is None:
            return getattr(self, name)
        held = self._earlier.get(as_of)
        if held is None or held[0] != self.version:
            try:
                frame = self._load_as_of(as_of) if self.store is not None else None
            except STORE_ERRORS:
                frame = None  # the poll reports the store's state
            if frame is None:
                frame = pd.DataFrame(columns=[*LIGHT, "day"])
            held = (self.version, frame, charts_table(frame) if not frame.empty else frame)
            self._earlier.pop(as_of, None)
            self._earlier[as_of] = held
            while len(self._earlier) > AS_OF_KEPT:
                self._earlier.pop(next(iter(self._earlier)))
        return held[1] if name == "frame" else held[2]

    def filtered(self, view: View, table: str = "frame") -> pd.DataFrame:
        """The rows of the light table (or of the charts' `cube`) that the view keeps, as
        the store stood at the view's `as_of`."""
        frame = self.table(view.as_of, table)
        if frame.empty:
            return frame
        mask = pd.Series(True, index=frame.index)
        for column, chosen in (("category", view.categories), ("agency", view.agencies),
                               ("publisher", view.publishers), ("place", view.places),
                               ("country_code", view.countries), ("admin1_code", view.admin1s)):
            if chosen:
                mask &= frame[column].isin(chosen)
        if view.start:
            mask &= frame["day"] >= pd.Timestamp(view.start)
        if view.end:
            mask &= frame["day"] <= pd.Timestamp(view.end)
        if view.named_only:
            mask &= frame["attribution"] != "publisher"
        if view.scopes:
            mask &= frame["scope"].isin(view.scopes)
        return frame[mask]

    def evidence(self, figure_ids: list[str], as_of: dt.datetime | None = None) -> pd.DataFrame:
        """Sentence, number text, source link and the rest for a few figures (as the store
        held them at `as_of`), in that order; a row of missing values for a figure that is
        not (or no longer) in the store, and for every figure when the store cannot be
        read."""
        found = pd.DataFrame(columns=EVIDENCE).set_index("figure_id")
        if figure_ids and self.store is not None:
            held, docs = (figures, documents) if as_of is None else figures_as_of(as_of)[:2]
            stmt = (
                sa.select(held.c.figure_id, held.c.sentence, held.c.number_text,
                          held.c.subject, held.c.agency_text, docs.c.url, docs.c.title,
                          held.c.period, held.c.carrier, held.c.correction)
                .join_from(held, docs, docs.c.key == held.c.doc_key)
                .where(held.c.figure_id.in_(figure_ids))
            )
            try:
                with self.store.engine.connect() as conn:
                    found = pd.read_sql(stmt, conn).drop_duplicates("figure_id").set_index(
                        "figure_id")
            except STORE_ERRORS:
                pass  # the rows are left out of the page; the poll reports the store's state
        return found.reindex(figure_ids).rename_axis("figure_id").reset_index()

    def changes(self, since: dt.datetime | None = None, until: dt.datetime | None = None,
                limit: int | None = None) -> list[Change] | None:
        """The store's changes feed (pipeline/changes.py) from `since` up to `until`, newest
        first, at most `limit`; None when the store cannot be read."""
        if self.store is None:
            return None
        try:
            return changes(self.store, since=since, until=until, limit=limit)
        except STORE_ERRORS:
            return None

    def revised(self, as_of: dt.datetime | None = None) -> dict[str, int]:
        """{claim: the value it revised} of the revisions found within REVISED_WITHIN
        before the store's latest write (the newest `stored_at` of the figures it holds, as
        it stood at `as_of`); empty when there is none or the store cannot be read."""
        frame = self.table(as_of)
        if self.store is None or frame.empty or frame["stored_at"].isna().all():
            return {}
        latest = frame["stored_at"].max().to_pydatetime()
        stmt = sa.select(revisions.c.new_claim, revisions.c.old_value).where(
            revisions.c.found_at > latest - REVISED_WITHIN, revisions.c.found_at <= latest
        ).order_by(revisions.c.found_at)
        try:
            with self.store.engine.connect() as conn:
                return {row.new_claim: row.old_value for row in conn.execute(stmt)}
        except STORE_ERRORS:
            return {}

    def freshness(self) -> dict:
        """When the store was last refreshed, what it holds, and which sources failed;
        only `error` when the store cannot be read."""
        if self.store is None:
            return {"error": self.error}
        try:
            recent = self.store.recent_runs(1)
            failed = [h for h in self.store.source_health() if h["status"] != "ok"]
            counts = self.store.counts()
        except STORE_ERRORS as exc:
            return {"error": f"cannot read the store ({database_reason(exc, 200)})"}
        return {
            "last_refresh": recent[0]["finished_at"] or recent[0]["started_at"] if recent else None,
            "documents": counts["documents"], "figures": counts["figures"],
            "failed_sources": failed, "error": "",
        }


def _light_select(held: sa.FromClause, docs: sa.FromClause, link: sa.ColumnElement) -> sa.Select:
    """The light table's columns of these figure rows and document versions (the store's
    tables, or pipeline/history.py's as they stood), `link` the document's reprint link."""
    return (sa.select(*[held.c[c] for c in FIGURE_LIGHT], docs.c.publisher, docs.c.published,
                      link.is_not(None).label("reprint"))
            .join_from(held, docs, docs.c.key == held.c.doc_key))


def with_claims(read: pd.DataFrame) -> pd.DataFrame:
    """Figure rows read from the store's history (with `url`, `start` and `reprint_of`,
    the original's url), each with its claim (`claim_id`; none for a figure that makes no
    claim) and the claim's `documents` and `independent_publishers` (those of documents
    that reprint nothing), built as the store builds its own (pipeline/claims.py), so with
    the same ids."""
    typed = read.assign(reprint_of=read["reprint_of"].fillna(""),
                        wrong=read["wrong"].fillna(False).astype(bool))
    for column in ("value", "low", "high", "geo_precision", "start"):
        typed[column] = typed[column].astype("Int64")
    for column in DATES:
        typed[column] = pd.to_datetime(typed[column]).dt.date
    rows = claim_rows(records(typed))
    if not rows:
        return read.assign(claim_id=None, documents=pd.NA, independent_publishers=pd.NA)
    built = summarise(rows)
    documents_ = {c["claim_id"]: c["documents"] for c in built}
    independent = {c["claim_id"]: c["independent_publishers"] for c in built}
    claim = pd.Series({r["_index"]: r["claim"] for r in rows}, dtype=object).reindex(read.index)
    return read.assign(claim_id=claim, documents=claim.map(documents_),
                       independent_publishers=claim.map(independent).fillna(0))


def light_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The light table from its columns as read (from the store, or a tidy table built by
    hand): text as categories, dates as timestamps, coordinates as floats, `day` the report
    date or else the publication date, newest first. The columns are converted in place (a
    copy of a million rows would stay in the server's memory)."""
    for column in CATEGORICAL:
        frame[column] = frame[column].fillna("").astype("category")
    for column in DATES:
        frame[column] = pd.to_datetime(frame[column])
    for column in FLOAT_COLUMNS:  # float even where no figure is placed (a column of NULLs)
        frame[column] = frame[column].astype("float64")
    frame["geo_precision"] = frame["geo_precision"].astype("Int64")
    frame["day"] = frame["report_date"].fillna(frame["published"])
    frame["subset"] = frame["subset"].astype(bool)
    frame["superseded"] = frame["superseded"].astype(bool)
    # a figure of a document that reprints another, or one a person marked wrong: shown
    # as evidence, never counted
    for column in ("reprint", "wrong"):
        frame[column] = frame[column].fillna(False).astype(bool) if column in frame else False
    # its claim (none for a figure that makes none, or a table built by hand) and how many
    # documents and independent publishers carried the claim
    frame["claim_id"] = frame["claim_id"].fillna("") if "claim_id" in frame else ""
    for column in ("documents", "independent_publishers"):
        frame[column] = frame[column].astype("Int64") if column in frame else pd.NA
    frame["stored_at"] = pd.to_datetime(frame["stored_at"]) if "stored_at" in frame else pd.NaT
    # newest first: the evidence table's default order, kept by every filter
    return frame.sort_values("day", ascending=False, kind="stable").reset_index(drop=True)


def charts_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The charts' table of a light table: the largest figure of each group of `CUBE_KEY`
    (the same agency's figures of one scope, day, place and dates), subsets, superseded
    values, reprints' figures and figures marked wrong left out."""
    return frame[~frame["subset"] & ~frame["superseded"] & ~frame["reprint"]
                 & ~frame["wrong"]].sort_values("value", kind="stable").drop_duplicates(
        CUBE_KEY, keep="last")
