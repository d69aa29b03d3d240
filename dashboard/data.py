"""What the dashboard reads from the store: a light in-memory table of every figure for
fast filtering, the evidence of chosen figures, and how fresh the store is.

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
from pipeline.export import Filters, load_figures
from pipeline.store import Store, StoreError, database_reason, documents, figures, open_store, runs

LIGHT = ["figure_id", "doc_key", "category", "value", "low", "high", "qualifier", "subset",
         "superseded", "times_stated", "scope", "agency", "attribution", "report_date",
         "event_date", "period_start", "period_end", "place", "place_name", "admin1", "admin1_code",
         "country", "country_code", "lat", "lon", "geo_precision", "publisher", "published",
         "reprint"]
EVIDENCE = ["figure_id", "sentence", "number_text", "subject", "agency_text", "url", "title",
            "period", "carrier"]
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
        stmt = (
            sa.select(*(documents.c[c] if c in ("publisher", "published") else figures.c[c]
                        for c in LIGHT if c != "reprint"),
                      documents.c.reprint_of.is_not(None).label("reprint"))
            .join(documents, documents.c.key == figures.c.doc_key)
        )
        with self.store.engine.connect() as conn:
            return light_table(pd.read_sql(stmt, conn))

    def filtered(self, view: View, table: str = "frame") -> pd.DataFrame:
        """The rows of the light table (or of the charts' `cube`) that the view keeps."""
        frame = getattr(self, table)
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

    def evidence(self, figure_ids: list[str]) -> pd.DataFrame:
        """Sentence, number text, source link and the rest for a few figures, in that order;
        a row of missing values for a figure that is not (or no longer) in the store, and
        for every figure when the store cannot be read."""
        found = pd.DataFrame(columns=EVIDENCE).set_index("figure_id")
        if figure_ids and self.store is not None:
            stmt = (
                sa.select(figures.c.figure_id, figures.c.sentence, figures.c.number_text,
                          figures.c.subject, figures.c.agency_text, documents.c.url,
                          documents.c.title, figures.c.period, figures.c.carrier)
                .join(documents, documents.c.key == figures.c.doc_key)
                .where(figures.c.figure_id.in_(figure_ids))
            )
            try:
                with self.store.engine.connect() as conn:
                    found = pd.read_sql(stmt, conn).drop_duplicates("figure_id").set_index(
                        "figure_id")
            except STORE_ERRORS:
                pass  # the rows are left out of the page; the poll reports the store's state
        return found.reindex(figure_ids).rename_axis("figure_id").reset_index()

    def export_frame(self, view: View) -> pd.DataFrame | None:
        """The full tidy rows of the filtered figures, for the CSV download: every filter is
        applied by the database, so a download never reads the whole store. None when the
        store cannot be read."""
        filters = Filters(categories=view.categories, agencies=view.agencies,
                          since=view.start, until=view.end, publishers=view.publishers,
                          places=view.places, named_only=view.named_only,
                          scopes=view.scopes, countries=view.countries, admin1=view.admin1s)
        if self.store is None:
            return None
        try:
            return load_figures(self.store, filters)
        except STORE_ERRORS:
            return None

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
    # a figure of a document that reprints another: shown as evidence, never counted
    frame["reprint"] = frame["reprint"].astype(bool) if "reprint" in frame else False
    # newest first: the evidence table's default order, kept by every filter
    return frame.sort_values("day", ascending=False, kind="stable").reset_index(drop=True)


def charts_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The charts' table of a light table: the largest figure of each group of `CUBE_KEY`
    (the same agency's figures of one scope, day, place and dates), subsets, superseded
    values and reprints' figures left out."""
    return frame[~frame["subset"] & ~frame["superseded"] & ~frame["reprint"]].sort_values(
        "value", kind="stable").drop_duplicates(CUBE_KEY, keep="last")
