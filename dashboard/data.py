"""What the dashboard reads from the store, by SQL, for each request: the rows of the
charts' summary that a view keeps (pipeline/summaries.py: the largest countable figure of
each group, as the store holds it now or as it stood at an earlier time), the filters'
choices, figure rows and the evidence of chosen figures, the changes feed, recent
revisions, and how fresh the store is.

It only reads, and holds nothing proportional to the store's size between requests.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa

from extract.row import FLOAT_COLUMNS
from pipeline import summaries
from pipeline.changes import Change, changes
from pipeline.export import Filters, code_or_name, named_source
from pipeline.freshness import freshness
from pipeline.history import figures_as_of
from pipeline.search import search_words
from pipeline.store import (
    Store,
    StoreError,
    claims,
    corrections,
    database_reason,
    documents,
    figure_history,
    figures,
    open_store,
    revisions,
    runs,
    sources,
)
from pipeline.summaries import chart_rows

from . import comparison, headlines

LIGHT = ["figure_id", "doc_key", "category", "value", "low", "high", "qualifier", "subset",
         "superseded", "times_stated", "scope", "agency", "attribution", "report_date",
         "event_date", "period_start", "period_end", "place", "place_name", "admin1", "admin1_code",
         "country", "country_code", "lat", "lon", "geo_precision", "publisher", "published",
         "reprint", "wrong", "stored_at", "day", "claim_id", "documents",
         "independent_publishers"]
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
# what the page reads of the charts' summary (pipeline/summaries.py)
SUMMARY = [*summaries.CHART_KEY, *summaries.TOP, "figures"]
PLACE = ["place_name", "admin1", "country_code", "lat", "lon"]  # a map point's place
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
    # the evidence table's own: words its sentence has (as typed), the least and most value
    sentence: str = ""
    least: int | None = None
    most: int | None = None

    def filters(self) -> Filters:
        """The export's filters of this view (pipeline/export.py), for the evidence grid
        and the download, which read figures as the export does."""
        return Filters(categories=self.categories, agencies=self.agencies, since=self.start,
                       until=self.end, publishers=self.publishers, places=self.places,
                       named_only=self.named_only, scopes=self.scopes,
                       countries=self.countries, admin1=self.admin1s,
                       words=tuple(search_words(self.sentence)), least=self.least,
                       most=self.most)


@dataclass
class StoreData:
    """The store as the dashboard sees it: only its handle, a fingerprint of its version
    (`refresh_if_changed` notices a write) and why it cannot be read, if so. Every
    reading is a query."""

    url: str | None
    store: Store | None = None
    version: tuple = ()
    error: str = ""
    # one check at a time: the poll and a page missing refreshed figures may both ask
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
        """A cheap fingerprint of the store: the last run, the last summary row opened and
        closed (every write that changes what the charts draw opens or closes one), and the
        last correction and figure row replaced (writes that change the evidence grid's
        rows but maybe no summary row: a group's smaller figure corrected)."""
        if self.store is None:
            self.connect()
            if self.store is None:
                return ("error", self.error)
        try:
            with self.store.engine.connect() as conn:
                last = conn.execute(sa.select(sa.func.max(runs.c.id),
                                              sa.func.max(runs.c.finished_at))).one()
                rows = conn.execute(sa.select(sa.func.max(chart_rows.c.id),
                                              sa.func.max(chart_rows.c.valid_to))).one()
                edits = conn.execute(sa.select(sa.select(sa.func.max(corrections.c.id))
                                               .scalar_subquery(),
                                               sa.select(sa.func.max(figure_history.c.id))
                                               .scalar_subquery())).one()
        except STORE_ERRORS as exc:
            return ("error", self._failed(exc))
        return (last[0], str(last[1]), rows[0], str(rows[1]), *edits)

    def refresh_if_changed(self) -> bool:
        """Check the store's version; True when it changed (or the store's state did)."""
        with self._reloading:
            version = self.current_version()
            if version == self.version:
                return False
            if version[0] != "error":
                self.error = ""
            self.version = version
            return True

    def _failed(self, exc: Exception) -> str:
        """Record that the store cannot be read (until the next check that works); the
        reason, for the page."""
        self.error = f"cannot read the store ({database_reason(exc, 200)})"
        return self.error

    def _read(self, stmt: sa.Select) -> pd.DataFrame | None:
        """The rows of a query; None when the store cannot be read (the poll says why)."""
        if self.store is None:
            return None
        try:
            with self.store.engine.connect() as conn:
                return pd.read_sql(stmt, conn)
        except STORE_ERRORS:
            return None

    def holds_figures(self, as_of: dt.datetime | None = None) -> bool:
        """Whether the store holds (held, at `as_of`) any figure that counts."""
        if self.store is None:
            return False
        try:
            with self.store.engine.connect() as conn:
                return conn.execute(sa.select(chart_rows.c.id).where(summaries.as_of(as_of))
                                    .limit(1)).first() is not None
        except STORE_ERRORS:
            return False

    def has_places(self) -> bool:
        """Whether any figure that counts now has a place on the map (coordinates)."""
        if self.store is None:
            return False
        try:
            with self.store.engine.connect() as conn:
                return conn.execute(sa.select(chart_rows.c.id).where(
                    summaries.as_of(None), chart_rows.c.lat.is_not(None)).limit(1)
                ).first() is not None
        except STORE_ERRORS:
            return False

    def sources(self, now: dt.datetime | None = None) -> pd.DataFrame | None:
        """Each source the store knows (from its documents, its refresh runs or the sources
        file of the latest refresh), by name: its `kind` and `location` as declared, the
        `documents` it holds (withdrawn ones not counted), their `figures` and from how many
        `publishers`, the `newest_published` day and `last_fetched` time (when a new or
        changed document was last stored), its latest run's `status`, time (`last_run`) and
        `error`, when it last ran ok (`last_ok`), its `expected_interval` and its
        `freshness` at `now` (UTC; default the present) by HDX's rule (pipeline/freshness.py).
        None when the store cannot be read."""
        held = sa.case((documents.c.withdrawn_at.is_(None), 1), else_=0)
        # the publishers of the documents held; none named is not one
        publisher = sa.case((documents.c.withdrawn_at.is_(None),
                             sa.func.nullif(documents.c.publisher, "")))
        stmt = (sa.select(documents.c.source, sa.func.sum(held).label("documents"),
                          sa.func.count(sa.distinct(publisher)).label("publishers"),
                          sa.func.max(documents.c.published).label("newest_published"),
                          sa.func.max(documents.c.fetched_at).label("last_fetched"))
                .group_by(documents.c.source))
        held_figures = (sa.select(documents.c.source, sa.func.count().label("figures"))
                        .select_from(figures.join(documents, documents.c.key == figures.c.doc_key))
                        .where(documents.c.withdrawn_at.is_(None)).group_by(documents.c.source))
        declared = sa.select(sources.c.name.label("source"), sources.c.kind, sources.c.location,
                             sources.c.expected_interval)
        held_docs, counted, declarations = (self._read(s) for s in (stmt, held_figures, declared))
        if held_docs is None or counted is None or declarations is None:
            return None
        try:
            health = pd.DataFrame(self.store.source_health(),
                                  columns=["source", "status", "last_run", "error", "last_ok"])
        except STORE_ERRORS:
            return None
        found = declarations
        for part in (held_docs, counted, health):
            found = found.merge(part, on="source", how="outer")
        found = found.sort_values("source").reset_index(drop=True)
        found[["documents", "figures", "publishers"]] = (
            found[["documents", "figures", "publishers"]].fillna(0))
        now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
        found["freshness"] = [
            freshness(None if pd.isna(newest) else pd.Timestamp(newest).to_pydatetime(),
                      None if pd.isna(every) else pd.Timedelta(every).to_pytimedelta(), now)
            for newest, every in zip(found["last_fetched"], found["expected_interval"],
                                     strict=True)]
        return found

    def filtered(self, view: View) -> pd.DataFrame:
        """The rows of the charts' summary that the view keeps, as the store stood at the
        view's `as_of` (every filter keeps or drops a group whole): the largest countable
        figure of each group with its claim's counts and the group's `figures`, typed as
        `summary_table` says. Empty when there is none or the store cannot be read."""
        stmt = sa.select(*[chart_rows.c[c] for c in SUMMARY]).where(
            summaries.as_of(view.as_of), *_view_terms(view, chart_rows.c))
        found = self._read(stmt)
        return summary_table(found if found is not None else pd.DataFrame(columns=SUMMARY))

    def headline_rows(self, view: View) -> tuple[pd.DataFrame, pd.DataFrame]:
        """What the headline cards of the view show (dashboard/headlines.py): per category,
        its headline toll or stock with the range of the agencies', and its latest
        incident. Empty when there is none or the store cannot be read."""
        where = [summaries.as_of(view.as_of), *_view_terms(view, chart_rows.c)]
        found = [self._read(headlines.totals_select(where)),
                 self._read(headlines.incidents_select(where))]
        return tuple(_dated(f if f is not None else pd.DataFrame(columns=headlines.CARD_COLUMNS))
                     for f in found)

    def categories(self) -> set[str]:
        """The categories of the summary as it stands (none when the store cannot be read)."""
        found = self._read(sa.select(chart_rows.c.category).distinct()
                           .where(chart_rows.c.valid_to.is_(None)))
        return set() if found is None else set(found["category"])

    def comparison_rows(self, view: View, category: str,
                        groups: int | None) -> tuple[pd.DataFrame, int]:
        """The bars of "Where agencies disagree" for one category under the view
        (dashboard/comparison.py): the first `groups` groups (None: all), and how many
        groups there are. Empty when there is none or the store cannot be read."""
        where = [summaries.as_of(view.as_of), *_view_terms(view, chart_rows.c),
                 chart_rows.c.category == category]
        found = self._read(comparison.bars_select(where, groups))
        if found is None or found.empty:
            return _dated(pd.DataFrame(columns=comparison.BAR_COLUMNS)), 0
        return _dated(found), int(found["groups"].iloc[0])

    def figure_rows(self, view: View, figure_ids: list[str] | None = None) -> pd.DataFrame:
        """Every figure row that the view keeps (or only these figures), as a light table
        (`light_table`), newest first. As of an earlier time, without claims' counts."""
        stmt, _ = _figures_select(view)
        if figure_ids is not None:
            stmt = stmt.where(stmt.selected_columns.figure_id.in_(figure_ids or [""]))
        found = self._read(stmt)
        return light_table(found if found is not None else pd.DataFrame(columns=LIGHT))

    def place_figure_ids(self, view: View, figure_id: str, limit: int) -> tuple[list[str], int]:
        """The figures of the map point (a place and category) that holds `figure_id`
        under the view's filters: the newest `limit` of its figures that count (as of an
        earlier time, of its groups' largest figures), and how many figures it holds.
        ([], 0) when no point holds it (a refresh has replaced it)."""
        where = [summaries.as_of(view.as_of), *_view_terms(view, chart_rows.c)]
        point = self._read(sa.select(*[chart_rows.c[c] for c in (*PLACE, "category")]).where(
            chart_rows.c.figure_id == figure_id, *where).limit(1))
        if point is None or point.empty:
            return [], 0
        same = [chart_rows.c[c].is_(None) if pd.isna(v) else chart_rows.c[c] == v
                for c, v in point.iloc[0].items()]
        groups = self._read(sa.select(chart_rows.c.chart_key, chart_rows.c.figure_id,
                                      chart_rows.c.day, chart_rows.c.figures)
                            .where(*where, *same).order_by(chart_rows.c.day.desc().nulls_last()))
        if groups is None or groups.empty:
            return [], 0
        total = int(groups["figures"].sum())
        if view.as_of is not None or len(groups) >= limit:
            return list(groups["figure_id"][:limit]), total
        newest = self._read(sa.select(figures.c.figure_id)
                            .join_from(figures, documents, documents.c.key == figures.c.doc_key)
                            .where(figures.c.chart_key.in_(list(groups["chart_key"])),
                                   summaries.countable())
                            .order_by(figures.c.day.desc().nulls_last(), figures.c.figure_id)
                            .limit(limit))
        ids = list(newest["figure_id"]) if newest is not None else list(groups["figure_id"])
        return ids, total

    def filter_options(self) -> dict[str, pd.DataFrame]:
        """Each filter's values in the summary as it stands, with how many figures that
        count hold it, most first: {filter: (value, label columns..., figures)}; the
        categories present as `category`. Empty frames when the store cannot be read."""
        count = sa.func.sum(chart_rows.c.figures).label("figures")
        current = chart_rows.c.valid_to.is_(None)
        chosen = {"category": [chart_rows.c.category], "agency": [chart_rows.c.agency],
                  "publisher": [chart_rows.c.publisher], "place": [chart_rows.c.place],
                  "scope": [chart_rows.c.scope],
                  "country": [chart_rows.c.country_code, sa.func.max(chart_rows.c.country)],
                  "admin1": [chart_rows.c.admin1_code, sa.func.max(chart_rows.c.admin1),
                             sa.func.max(chart_rows.c.country)]}
        found = {"days": self._read(sa.select(sa.func.min(chart_rows.c.day).label("first"),
                                              sa.func.max(chart_rows.c.day).label("last"))
                                    .where(current))}
        for name, (value, *labels) in chosen.items():
            read = self._read(sa.select(value.label("value"), *[label.label(f"label{i}") for
                                                                i, label in enumerate(labels)],
                                        count).where(current).group_by(value)
                              .order_by(count.desc(), value))
            found[name] = read if read is not None else pd.DataFrame(
                columns=["value", *[f"label{i}" for i in range(len(labels))], "figures"])
        return found

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
        before the store's latest write (at `as_of` or before); empty when there is none
        or the store cannot be read."""
        if self.store is None:
            return {}
        try:
            with self.store.engine.connect() as conn:
                latest = _latest_write(conn, as_of)
                if latest is None:
                    return {}
                return dict(conn.execute(sa.select(revisions.c.new_claim, revisions.c.old_value)
                                         .where(revisions.c.found_at > latest - REVISED_WITHIN,
                                                revisions.c.found_at <= latest)
                                         .order_by(revisions.c.found_at)).all())
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


def _latest_write(conn: sa.Connection, as_of: dt.datetime | None) -> dt.datetime | None:
    """When the store was last written (at `as_of` or before): the newest summary row
    opened (a write that changed what counts) or figure row replaced (a new version, a
    re-reading, a withdrawal, a correction), whichever is later."""
    times = []
    for column in (chart_rows.c.valid_from, figure_history.c.replaced_at):
        stmt = sa.select(sa.func.max(column))
        times.append(conn.execute(stmt if as_of is None else stmt.where(column <= as_of))
                     .scalar())
    return max((t for t in times if t is not None), default=None)


def _figures_select(view: View) -> tuple[sa.Select, dict[str, sa.ColumnElement]]:
    """The light table's query of the figure rows that the view keeps (as the store holds
    them, with their claims' counts, or as it stood at the view's `as_of`), and its
    columns by name (with the document's `publisher` and the `day`)."""
    if view.as_of is None:
        held, docs = figures, documents
        stmt = (_light_select(held, docs, docs.c.reprint_of)
                .add_columns(held.c.claim_id, claims.c.documents, claims.c.independent_publishers)
                .outerjoin(claims, claims.c.claim_id == held.c.claim_id))
    else:
        held, docs, links = figures_as_of(view.as_of)
        stmt = (_light_select(held, docs, links.c.reprint_of)
                .outerjoin(links, links.c.doc_key == held.c.doc_key))
    columns = {c: held.c[c] for c in held.c.keys()} | {"publisher": docs.c.publisher}
    return stmt.where(*_view_terms(view, columns)), columns


def _view_terms(view: View, columns) -> list[sa.ColumnElement]:
    """The view's filters on these columns (the summary's, or figure rows' with their
    document's `publisher` and their `day`), but for its sentence's words."""
    terms = [columns[column].in_(chosen) for column, chosen in (
        ("category", view.categories), ("agency", view.agencies),
        ("publisher", view.publishers), ("place", view.places),
        ("scope", view.scopes)) if chosen]
    terms += [code_or_name(columns[f"{area}_code"], columns[area], chosen) for area, chosen in (
        ("country", view.countries), ("admin1", view.admin1s)) if chosen]
    if view.start:
        terms.append(columns["day"] >= view.start)
    if view.end:
        terms.append(columns["day"] <= view.end)
    if view.named_only:
        terms.append(named_source(columns["agency"], columns["attribution"]))
    # the summary holds no sentences: the sentence filter is the evidence's and the
    # download's only; the value range keeps a group when its figure shown is in it
    if view.least is not None:
        terms.append(columns["value"] >= view.least)
    if view.most is not None:
        terms.append(columns["value"] <= view.most)
    return terms


def _dated(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows read from the summary with their dates as timestamps."""
    for column in ("day", "report_date", "published", "event_date"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    return frame


def summary_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Summary rows as read, typed as the charts read them: text as plain Python strings
    ("" for none; pandas' own, Arrow's, are slow to take rows from, and a few thousand
    rows need no categories), dates as timestamps, coordinates as floats, newest first."""
    for column in [*CATEGORICAL, "subject", "figure_id", "doc_key", "claim_id"]:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), "")
    for column in [*DATES, "day", "stored_at"]:
        frame[column] = pd.to_datetime(frame[column])
    for column in FLOAT_COLUMNS:
        frame[column] = frame[column].astype("float64")
    for column in ("value", "figures"):
        frame[column] = frame[column].astype("int64")
    for column in ("low", "high", "geo_precision", "documents", "independent_publishers"):
        frame[column] = frame[column].astype("Int64")
    return frame.sort_values("day", ascending=False, kind="stable").reset_index(drop=True)


def _light_select(held: sa.FromClause, docs: sa.FromClause, link: sa.ColumnElement) -> sa.Select:
    """The light table's columns of these figure rows and document versions (the store's
    tables, or pipeline/history.py's as they stood), `link` the document's reprint link."""
    return (sa.select(*[held.c[c] for c in FIGURE_LIGHT], docs.c.publisher, docs.c.published,
                      link.is_not(None).label("reprint"))
            .join_from(held, docs, docs.c.key == held.c.doc_key))


def light_table(frame: pd.DataFrame, newest_first: bool = True) -> pd.DataFrame:
    """The light table from its columns as read (from the store, or a tidy table built by
    hand, with its `day` as pipeline.store.day_of gives it): text as categories, dates
    (and the stored `day`: the report date, else the publication date) as timestamps,
    coordinates as floats, newest first (else in the order read). The columns are
    converted in place."""
    for column in CATEGORICAL:
        frame[column] = frame[column].fillna("").astype("category")
    for column in DATES:
        frame[column] = pd.to_datetime(frame[column])
    for column in FLOAT_COLUMNS:  # float even where no figure is placed (a column of NULLs)
        frame[column] = frame[column].astype("float64")
    frame["geo_precision"] = frame["geo_precision"].astype("Int64")
    frame["day"] = pd.to_datetime(frame["day"])
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
    if not newest_first:
        return frame.reset_index(drop=True)
    return frame.sort_values("day", ascending=False, kind="stable").reset_index(drop=True)
