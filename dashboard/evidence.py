"""The evidence table: its rows read a block at a time from the store by SQL, with the
view's filters (pipeline/export.py's query), the grid's sort and the grid's column filters
(the sentence through the store's full-text index, pipeline/search.py), and shown in
dash-ag-grid's infinite row model. Nothing proportional to the store is held in memory.
"""

from __future__ import annotations

import datetime as dt

import dash_ag_grid as dag
import sqlalchemy as sa
from dash import dcc, html

from pipeline.export import query
from pipeline.search import search_words, sentence_has_words
from pipeline.store import Store

from . import charts
from .data import View
from .escape import plain, safe_url

COUNT_CAP = 10_000  # rows counted at most: past it the grid says "10,000+"
BLOCK = 100  # rows the grid asks for at a time
GRID_HEIGHT = 640  # pixels
TEXT_COLUMNS = ("category", "scope", "agency", "publisher", "place")  # filtered as text
NUMBER_COLUMNS = {"stated": "value", "times_stated": "times_stated"}  # shown: stored
DATE_COLUMNS = ("day", "event_date")
SORTABLE = ("day", "category", "stated", "scope", "event_date", "agency", "times_stated",
            "publisher")
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
# a superseded value or a figure a person marked wrong: struck through
_STRUCK = {"styleConditions": [{
    "condition": "params.data.superseded == 'yes' || params.data.wrong == 'yes'",
    "style": {"textDecoration": "line-through", "color": "#777"}}]}
GRID_COLUMNS = [
    {"headerName": "Report date", "field": "day", "sort": "desc", "width": 110, **_DATE_FILTER},
    {"headerName": "Category", "field": "category", "width": 100, **_TEXT_FILTER},
    {"headerName": "Figure", "field": "stated", "width": 130, "cellStyle": _STRUCK,
     **_NUMBER_FILTER},
    {"headerName": "Scope", "field": "scope", "width": 95, **_TEXT_FILTER},
    {"headerName": "Event date", "field": "event_date", "width": 105, **_DATE_FILTER},
    {"headerName": "Agency", "field": "agency", "width": 140, **_TEXT_FILTER},
    {"headerName": "Times stated", "field": "times_stated", "width": 80, **_NUMBER_FILTER},
    # the sentence's words, found by the store's full-text index
    {"headerName": "Sentence", "field": "sentence", "cellRenderer": "EvidenceSentence", "flex": 1,
     "minWidth": 300, "wrapText": True, "sortable": False, "tooltipField": "sentence",
     "filter": "agTextColumnFilter",
     "filterParams": {"filterOptions": ["contains"], "maxNumConditions": 1, "debounceMs": 400}},
    {"headerName": "Publisher", "field": "publisher", "width": 120, **_TEXT_FILTER},
    {"headerName": "Source", "field": "source_title", "cellRenderer": "EvidenceSource",
     "width": 160, "sortable": False, "filter": False},
]


def evidence_page(store: Store, view: View, sort: list[dict] | None,
                  column_filters: dict | None, start: int, count: int,
                  ) -> tuple[list[dict], int | None]:
    """One block of evidence rows and the number of rows of the filtered view (None when
    more than COUNT_CAP). `sort` and `column_filters` are the grid's sort model
    ([{"colId": "stated", "sort": "asc"}]; newest first when empty) and filter model
    ({"sentence": {"filterType": "text", "type": "contains", "filter": "hospital"}}); a
    column or condition the table does not filter on is ignored. Each row holds the
    tidy table's columns (pipeline/export.py's EXPORT_COLUMNS) and the figure's stored
    `day`, the report date or else the publication date. The view is counted first (up to
    COUNT_CAP): a larger one's blocks of the default order, of the figure's value and of
    a category by day are read in order from the store's indexes; a smaller one's rows
    are read by their filters and sorted, never found by walking an index past the rows
    they leave out (a rare word of the sentence, checked row by row, on PostgreSQL)."""
    read = query(view.filters(), view.as_of).order_by(None)
    held = _figure_rows(read)
    read = read.add_columns(held.c.day, held.c.doc_key)
    stmt = _filtered(read, column_filters or {}, store.engine.dialect.name, view.as_of is None)
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


def _column(stmt: sa.Select, name: str) -> sa.ColumnElement:
    """A grid column's stored expression in the evidence query."""
    return stmt.selected_columns[NUMBER_COLUMNS.get(name, name)]


def _order(stmt: sa.Select, sort: list[dict]) -> list[sa.ColumnElement]:
    """ORDER BY of the grid's sort model (its first sortable column), newest first by
    default, then the row's document and figure, in the same direction, so that blocks
    never overlap and the store's indexes (day, doc_key, figure_id) and (value, doc_key,
    figure_id) give the rows in order. An undated row sorts as the oldest; a row without
    an event date comes last either way."""
    chosen = [s for s in sort if s.get("colId") in SORTABLE and s.get("sort") in ("asc", "desc")]
    key = chosen[0] if chosen else {"colId": "day", "sort": "desc"}
    rows = _figure_rows(stmt)
    columns = [_column(stmt, key["colId"]), rows.c.doc_key, rows.c.figure_id]
    ordered = [c.desc() if key["sort"] == "desc" else c.asc() for c in columns]
    if key["colId"] == "day":
        ordered[0] = ordered[0].nulls_last() if key["sort"] == "desc" else ordered[0].nulls_first()
    elif key["colId"] == "event_date":
        ordered[0] = ordered[0].nulls_last()
    return ordered


def _filtered(stmt: sa.Select, column_filters: dict, dialect: str, current: bool) -> sa.Select:
    """The query narrowed by the grid's column filters."""
    for name, model in column_filters.items():
        if not isinstance(model, dict):
            continue
        if name == "sentence":
            words = search_words(str(model.get("filter") or ""))
            if words:
                stmt = stmt.where(sentence_has_words(stmt.selected_columns["sentence"], words,
                                                     dialect, current))
            continue
        condition = _condition(stmt, name, model)
        if condition is not None:
            stmt = stmt.where(condition)
    return stmt


def _condition(stmt: sa.Select, name: str, model: dict) -> sa.ColumnElement | None:
    """One column filter of the grid as SQL; None for one the table does not filter on."""
    if name in TEXT_COLUMNS and model.get("filterType") == "text":
        column, needle = _column(stmt, name), str(model.get("filter") or "")
        if not needle:
            return None
        if model.get("type") == "equals":
            return sa.func.lower(column) == needle.lower()
        return column.icontains(needle, autoescape=True) if model.get("type") == "contains" else None
    if name in NUMBER_COLUMNS and model.get("filterType") == "number":
        return _between(_column(stmt, name), model.get("type"), _number(model.get("filter")),
                        _number(model.get("filterTo")))
    if name in DATE_COLUMNS and model.get("filterType") == "date":
        return _between(_column(stmt, name), model.get("type"), _date(model.get("dateFrom")),
                        _date(model.get("dateTo")))
    return None


def _between(column: sa.ColumnElement, kind: str | None, low, high) -> sa.ColumnElement | None:
    """A number or date condition of the grid ("equals", "greaterThan", "inRange", ...,
    ranges inclusive); None when its value is missing or its kind unknown."""
    if low is None:
        return None
    if kind == "inRange":
        return column.between(low, high) if high is not None else None
    return {"equals": column.__eq__, "greaterThan": column.__gt__, "lessThan": column.__lt__,
            "greaterThanOrEqual": column.__ge__, "lessThanOrEqual": column.__le__,
            }.get(kind or "", lambda _: None)(low)


def _number(value) -> int | float | None:
    try:
        return float(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def _date(value) -> dt.date | None:
    """The day of a grid date ("2026-03-09 00:00:00"); None for anything else."""
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def grid_row(row: dict) -> dict:
    """A row of the grid, all text: the sentence also in three parts, the number (shown
    bold) and the words before and after it, and the source's title and its url only when
    it is a safe http(s) url (dashboard/assets/evidence_cells.js draws both as text and a
    link; no Markdown, whose renderer would make links of addresses in the text). A
    superseded value and a figure a person marked wrong say so (and are struck through), a
    corrected one says what was changed and why; an agency relayed by another names it."""
    superseded, wrong = bool(row["superseded"]), bool(row["wrong"])
    carrier, sentence = plain(row["carrier"]), plain(row["sentence"])
    return {
        "figure_id": row["figure_id"], "day": _day_text(row["day"]),
        "category": row["category"], "scope": charts.SCOPE_NAMES.get(row["scope"], row["scope"]),
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
    words above the grid on how many rows there are."""
    start = int(request.get("startRow") or 0)
    count = max(0, int(request.get("endRow") or start + BLOCK) - start)
    if store is None:
        return {"rowData": [], "rowCount": 0}, "The store cannot be read."
    rows, total = evidence_page(store, view, request.get("sortModel"),
                                request.get("filterModel"), start, count)
    if len(rows) < count:  # the last block: the grid now knows where the rows end
        total = start + len(rows)
    known = total is not None
    words = (f"{total:,} figure{'s' if total != 1 else ''}" if known
             else f"{COUNT_CAP:,}+ figures (counted up to {COUNT_CAP:,}): scroll to read on")
    return {"rowData": [grid_row(r) for r in rows], "rowCount": total if known else -1}, words


# AG Grid lets the browser move the focus when these return false
LEAVE_GRID = {"function": "false"}


def grid() -> html.Div:
    """The evidence grid and the line that says how many rows it holds."""
    return html.Div([
        html.P(id="evidence-count", className="evidence-count"),
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
