"""The evidence table: its rows read a block at a time from the store by SQL, with the
view's filters (pipeline/export.py's query: the sentence through the store's full-text index,
pipeline/search.py) and the grid's sort, and shown in dash-ag-grid's infinite row model;
its column filters set the view (dashboard/table_filters.py). Nothing proportional to the
store is held in memory.
"""

from __future__ import annotations

import dash_ag_grid as dag
import sqlalchemy as sa
from dash import dcc, html

from pipeline.export import query
from pipeline.store import Store

from . import charts
from .data import View
from .escape import plain, safe_url

COUNT_CAP = 10_000  # rows counted at most: past it the grid says "10,000+"
BLOCK = 100  # rows the grid asks for at a time
GRID_HEIGHT = 640  # pixels
# the stored column (or expression) each sortable column of the grid sorts by
SORTED_BY = {"stated": "value", "period": "period_start"}
SORTABLE = ("day", "dated", "category", "stated", "subject", "scope", "period", "event_date",
            "place", "agency", "times_stated", "publisher")
NULLS_LAST = ("event_date", "period", "subject", "place")  # a row without one comes last
WORDS_SORTED = ("subject", "place")  # by their words, in any case (the agency: by its index)
# The column filters, each one of the page's (dashboard/table_filters.py moves them to the
# URL): a text filter sets the page's filter of the same name, the figure's its least and
# most value, the report date's the page's dates, the sentence's its words.
_TEXT_FILTER = {"filter": "agTextColumnFilter",
                "filterParams": {"filterOptions": ["contains", "equals"], "maxNumConditions": 1,
                                 "debounceMs": 400}}
_NUMBER_FILTER = {"filter": "agNumberColumnFilter",
                  "filterParams": {"filterOptions": ["equals", "greaterThanOrEqual",
                                                     "lessThanOrEqual", "inRange"],
                                   "maxNumConditions": 1, "debounceMs": 400}}
_DATE_FILTER = {"filter": "agDateColumnFilter",
                "filterParams": {"filterOptions": ["equals", "greaterThan", "lessThan",
                                                   "inRange"],
                                 "inRangeInclusive": True, "maxNumConditions": 1}}
_NO_FILTER = {"filter": False}
# a superseded value or a figure a person marked wrong: struck through
_STRUCK = {"styleConditions": [{
    "condition": "params.data.superseded == 'yes' || params.data.wrong == 'yes'",
    "style": {"textDecoration": "line-through", "color": "#777"}}]}
GRID_COLUMNS = [
    {"headerName": "Report date", "field": "day", "sort": "desc", "width": 120, **_DATE_FILTER},
    # whether the text states the date, or the figure only has its publication date
    {"headerName": "Date is", "field": "dated", "width": 100, "headerTooltip":
     "stated: the text says when; published: only the publication date is known",
     **_NO_FILTER},
    {"headerName": "Category", "field": "category", "width": 110, **_TEXT_FILTER},
    {"headerName": "Figure", "field": "stated", "width": 130, "cellStyle": _STRUCK,
     **_NUMBER_FILTER},
    {"headerName": "Who was counted", "field": "subject", "width": 140, "wrapText": True,
     **_NO_FILTER},
    {"headerName": "Scope", "field": "scope", "width": 105, **_TEXT_FILTER},
    {"headerName": "Period", "field": "period", "width": 170, "wrapText": True, **_NO_FILTER},
    {"headerName": "Event date", "field": "event_date", "width": 105, **_NO_FILTER},
    {"headerName": "Place", "field": "place", "width": 130, "wrapText": True, **_TEXT_FILTER},
    {"headerName": "Agency", "field": "agency", "width": 140, **_TEXT_FILTER},
    {"headerName": "Times stated", "field": "times_stated", "width": 80, **_NO_FILTER},
    # the sentence's words, found by the store's full-text index
    {"headerName": "Sentence", "field": "sentence", "cellRenderer": "EvidenceSentence", "flex": 1,
     "minWidth": 300, "wrapText": True, "sortable": False, "tooltipField": "sentence",
     "filter": "agTextColumnFilter",
     "filterParams": {"filterOptions": ["contains"], "maxNumConditions": 1, "debounceMs": 400}},
    {"headerName": "Publisher", "field": "publisher", "width": 120, **_TEXT_FILTER},
    {"headerName": "Source", "field": "source_title", "cellRenderer": "EvidenceSource",
     "width": 160, "sortable": False, **_NO_FILTER},
]


def evidence_page(store: Store, view: View, sort: list[dict] | None, start: int, count: int,
                  ) -> tuple[list[dict], int | None]:
    """One block of evidence rows of the view (its sentence's words and value range
    too) and the number of its rows (None when more than COUNT_CAP). `sort` is the grid's
    sort model ([{"colId": "stated", "sort": "asc"}]; newest first when empty; a column
    it cannot sort by is ignored). Each row holds the tidy table's columns
    (pipeline/export.py's EXPORT_COLUMNS) and the figure's stored `day`, the report date
    or else the publication date. The view is counted first (up to COUNT_CAP): a larger
    one's blocks of the default order, of the figure's value and of a category by day are
    read in order from the store's indexes; a smaller one's rows are read by their
    filters and sorted, never found by walking an index past the rows they leave out (a
    rare word of the sentence, checked row by row, on PostgreSQL)."""
    read = query(view.filters(), view.as_of).order_by(None)
    held = _figure_rows(read)
    stmt = read.add_columns(held.c.day, held.c.doc_key)
    with store.engine.connect() as conn:
        capped = stmt.with_only_columns(sa.literal(1)).limit(COUNT_CAP + 1).subquery()
        total = conn.execute(sa.select(sa.func.count()).select_from(capped)).scalar_one()
        if total <= COUNT_CAP:  # (OFFSET 0: a subquery planned on its own, then sorted)
            fenced = stmt.offset(0).subquery("view")
            stmt = sa.select(*fenced.c)
        ordered = stmt.order_by(*_order(stmt, sort or []))
        rows = [dict(r) for r in conn.execute(
            ordered.offset(max(0, start)).limit(max(0, count))).mappings()]
    return rows, total if total <= COUNT_CAP else None


def _figure_rows(stmt: sa.Select) -> sa.FromClause:
    """The figure rows the evidence query reads: the figures table, or those of a time."""
    return stmt.selected_columns["figure_id"].table


def _sort_key(stmt: sa.Select, name: str) -> sa.ColumnElement:
    """What a grid column sorts by in the evidence query: its stored column, words in lower
    case (none as NULL), or (the date kind) "stated" or "published"."""
    if name == "dated":
        return _dated(stmt.selected_columns["report_date"], stmt.selected_columns["published"])
    if name in WORDS_SORTED:  # none said (""): as no date
        return sa.func.lower(sa.func.nullif(stmt.selected_columns[name], ""))
    return stmt.selected_columns[SORTED_BY.get(name, name)]


def _dated(report_date: sa.ColumnElement, published: sa.ColumnElement) -> sa.ColumnElement:
    """"stated" where the text gives the report date, "published" where the figure's day
    is only its document's publication date, "" where it has neither."""
    return sa.case((report_date.is_not(None), "stated"), (published.is_not(None), "published"),
                   else_="")


def _order(stmt: sa.Select, sort: list[dict]) -> list[sa.ColumnElement]:
    """ORDER BY of the grid's sort model (its first sortable column), newest first by
    default, then the row's document and figure, in the same direction, so that blocks
    never overlap and the store's indexes (day, doc_key, figure_id) and (value, doc_key,
    figure_id) give the rows in order. An undated row sorts as the oldest; a row without
    an event date, a period, a subject or a place comes last either way."""
    chosen = [s for s in sort if s.get("colId") in SORTABLE and s.get("sort") in ("asc", "desc")]
    key = chosen[0] if chosen else {"colId": "day", "sort": "desc"}
    rows = _figure_rows(stmt)
    columns = [_sort_key(stmt, key["colId"]), rows.c.doc_key, rows.c.figure_id]
    ordered = [c.desc() if key["sort"] == "desc" else c.asc() for c in columns]
    if key["colId"] == "day":
        ordered[0] = ordered[0].nulls_last() if key["sort"] == "desc" else ordered[0].nulls_first()
    elif key["colId"] in NULLS_LAST:
        ordered[0] = ordered[0].nulls_last()
    return ordered


def grid_row(row: dict) -> dict:
    """A row of the grid, all text: the sentence also in three parts, the number (shown
    bold) and the words before and after it, and the source's title and its url only when
    it is a safe http(s) url (dashboard/assets/evidence_cells.js draws both as text and a
    link; no Markdown, whose renderer would make links of addresses in the text). A
    superseded value and a figure a person marked wrong say so (and are struck through), a
    corrected one says what was changed and why; an agency relayed by another names it.
    `dated` says whether the report date is stated or only the publication date."""
    superseded, wrong = bool(row["superseded"]), bool(row["wrong"])
    carrier, sentence = plain(row["carrier"]), plain(row["sentence"])
    return {
        "figure_id": row["figure_id"], "day": _day_text(row["day"]),
        "dated": "stated" if row["report_date"] else "published" if row["published"] else "",
        "category": row["category"], "scope": charts.SCOPE_NAMES.get(row["scope"], row["scope"]),
        "subject": plain(row["subject"]),
        "period": period_text(row["period_start"], row["period_end"], plain(row["period"])),
        "place": place_text(plain(row["place"]), plain(row["country"])),
        "event_date": _day_text(row["event_date"]),
        "stated": charts.stated(row) + (" (superseded)" if superseded else "")
        + correction_words(wrong, plain(row["correction"])),
        "superseded": "yes" if superseded else "", "wrong": "yes" if wrong else "",
        "times_stated": int(row["times_stated"] or 1),
        "agency": f"{row['agency']} (via {carrier})" if carrier else row["agency"],
        "publisher": plain(row["publisher"]),
        "sentence": sentence, "sentence_parts": number_parts(sentence, plain(row["number_text"])),
        "source_title": plain(row["title"]), "source_url": safe_url(row["url"]),
    }


def _day_text(day) -> str:
    return day.isoformat()[:10] if day else ""


def period_text(start, end, words: str) -> str:
    """The period a figure covers: its first and last day ("2026-03-02 – 2026-03-06", one
    day alone when they are the same, "from 2026-03-02" without an end), then its words
    as written in brackets ("in the past week"); only the words when it has no dates."""
    first, last = _day_text(start), _day_text(end)
    days = (first if first == last else f"{first} – {last}" if first and last
            else f"from {first}" if first else f"to {last}" if last else "")
    return f"{days} ({words})" if days and words else days or words


def place_text(place: str, country: str) -> str:
    """The place as written, with the country the gazetteer puts it in when it is not
    the place itself ("Besk, Libya")."""
    return f"{place}, {country}" if place and country and country != place else place


def number_parts(sentence: str, number_text: str) -> list[str]:
    """[before, number, after]: the sentence cut around the first place its number's words
    stand ("" for the number when they are not in it)."""
    at = sentence.find(number_text) if number_text else -1
    if at < 0:
        return [sentence, "", ""]
    return [sentence[:at], number_text, sentence[at + len(number_text):]]


def correction_words(wrong: bool, correction: str) -> str:
    """What a person did to a figure, after it in the table: " (marked wrong: reason)",
    " (corrected: value 12 → 13: reason)", or nothing."""
    if wrong:
        return f" ({correction or 'marked wrong'})"
    return f" (corrected: {correction})" if correction else ""


def grid_block(store: Store | None, view: View, request: dict) -> tuple[dict, str]:
    """The grid's answer to one getRowsRequest ({"rowData": [...], "rowCount": n}, n the
    number of rows when known, else -1 and the grid keeps asking as it scrolls) and the
    words above the grid on how many rows there are. The rows are the view's: the grid's
    column filters reach it through the URL (dashboard/table_filters.py), so the request's
    filter model is not read. A block is BLOCK rows at most, whatever the request asks; a
    request whose rows are not whole numbers 0 <= startRow < endRow gets an empty block."""
    asked = _asked_rows(request)
    if store is None:
        return {"rowData": [], "rowCount": 0}, "The store cannot be read."
    if asked is None:
        return {"rowData": [], "rowCount": -1}, ""
    start, count = asked
    rows, total = evidence_page(store, view, request.get("sortModel"), start, count)
    if len(rows) < count:  # the last block: the grid now knows where the rows end
        total = start + len(rows)
    known = total is not None
    words = (f"{total:,} figure{'s' if total != 1 else ''}" if known
             else f"{COUNT_CAP:,}+ figures (counted up to {COUNT_CAP:,}): scroll to read on")
    return {"rowData": [grid_row(r) for r in rows], "rowCount": total if known else -1}, words


def _asked_rows(request: dict) -> tuple[int, int] | None:
    """The first row a getRowsRequest asks for and how many (at most BLOCK); None unless
    its startRow and endRow are whole numbers, 0 <= startRow < endRow."""
    start, end = request.get("startRow"), request.get("endRow")
    if type(start) is not int or type(end) is not int or not 0 <= start < end:
        return None
    return start, min(end - start, BLOCK)


# AG Grid lets the browser move the focus when these return false
LEAVE_GRID = {"function": "false"}


def grid() -> html.Div:
    """The evidence grid, the line that says how many rows it holds and one on what its
    column filters did."""
    return html.Div([
        html.P(id="evidence-count", className="evidence-count", **{"aria-live": "polite"}),
        html.P(id="evidence-note", className="evidence-note"),
        dag.AgGrid(
            id="evidence", rowModelType="infinite", columnDefs=GRID_COLUMNS,
            defaultColDef={"sortable": True, "resizable": True, "floatingFilter": True,
                           "suppressHeaderMenuButton": True},
            dashGridOptions={"cacheBlockSize": BLOCK, "maxBlocksInCache": 20, "rowBuffer": 0,
                             "infiniteInitialRowCount": 1, "rowHeight": 96,
                             "tooltipShowDelay": 300, "suppressColumnVirtualisation": True,
                             # one Tab stop: Tab leaves the grid (the arrow keys move
                             # between headers, filters and cells, Enter edits a filter)
                             "tabToNextHeader": LEAVE_GRID, "tabToNextCell": LEAVE_GRID},
            style={"height": GRID_HEIGHT}),
        dcc.Store(id="evidence-reloaded"),
    ])


# Clientside: the grid drops its blocks (and asks again) when the view in the URL or the
# store's version changes.
# (A grid not drawn yet has no blocks to drop: it asks for its first when it is.)
RELOAD_JS = """function(search, version) {
    let api = null;
    try { api = dash_ag_grid.getApi("evidence"); } catch (notYet) { api = null; }
    if (api) { api.purgeInfiniteCache(); }
    return window.dash_clientside.no_update;
}"""
