"""The page's callbacks: URL state (the active tab too), data reload, charts, map,
evidence, changes, sources, try-it (the download's are in download.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from urllib.parse import parse_qs, parse_qsl, urlencode

import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, ctx, html, no_update

from extract import detect_language, extract_figures
from extract.row import as_date
from pipeline.history import utc_time

from . import by_date, chart_summary, charts, comparison, evidence, headlines, maps
from .agency_options import agency_option
from .changes_view import change_items
from .data import STORE_ERRORS, StoreData, View
from .escape import LINK_REL, plain, safe_url
from .tabs import CHART, TABS
from .tabs import map as map_tab
from .tabs.changes import CHANGES_SHOWN
from .tabs.sources import sources_table
from .tryit import MAX_TEXT, size_message, upload_size, uploaded_document
from .tryit_view import tried_output

FILTERS = ["f-category", "f-agency", "f-publisher", "f-place", "f-country", "f-admin1", "f-scope"]
QUERY_KEYS = {"f-category": "category", "f-agency": "agency", "f-publisher": "publisher",
              "f-place": "place", "f-country": "country", "f-admin1": "admin1", "f-scope": "scope"}
OLD_QUERY_KEYS = {"f-place": "location"}  # a filter's key in URLs written before its renaming
MAP_QUERY_KEY = "map"  # the URL's key for the kind of map: absent for the points, else...
MAP_KINDS = ("points", "countries")  # ...the countries coloured by their latest toll
AS_OF_QUERY_KEY = "as_of"  # the URL's key for the time the page shows the store as of
TAB_QUERY_KEY = "tab"  # the URL's key for the open tab: absent for the Chart tab
# the URL's keys for the evidence table's own filters: the sentence's words, the least and
# most value (dashboard/table_filters.py sets them from the table's column filters)
TABLE_QUERY_KEYS = ("q", "min", "max")
MAP_SHOWN = 10  # figures a clicked map point lists with their evidence
DATE_BOUNDS = ("min_date_allowed", "max_date_allowed", "initial_visible_month")  # (date_range)
UNKNOWN_SCOPE = "unknown"  # the scope filter's (and URL's) word for figures not yet classified
TIMINGS: list[float] = []  # server time of each filter update, for the benchmark


def view_from_search(search: str | None) -> View:
    """The View recorded in a URL query string: the page's single source of truth."""
    query = parse_qs((search or "").lstrip("?"))
    try:
        start = _day((query.get("from") or [None])[0])
        end = _day((query.get("to") or [None])[0])
    except ValueError:
        start = end = None
    chosen = {f: tuple(query_values(query, f)) for f in FILTERS}
    return View(categories=chosen["f-category"], agencies=chosen["f-agency"],
                publishers=chosen["f-publisher"], places=chosen["f-place"],
                start=start, end=end, named_only=bool(query.get("named")),
                scopes=tuple("" if s == UNKNOWN_SCOPE else s for s in chosen["f-scope"]),
                countries=chosen["f-country"], admin1s=chosen["f-admin1"],
                as_of=utc_time((query.get(AS_OF_QUERY_KEY) or [None])[0]),
                sentence=(query.get("q") or [""])[0].strip(),
                least=whole_number((query.get("min") or [None])[0]),
                most=whole_number((query.get("max") or [None])[0]))


def whole_number(text: str | None) -> int | None:
    """A value bound as the URL holds it ("12"); None for none or anything else."""
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def table_pairs(search: str | None) -> list[tuple[str, str]]:
    """The evidence table's own filters in a URL query string, as (key, value) pairs."""
    return [(k, v) for k, v in parse_qsl((search or "").lstrip("?")) if k in TABLE_QUERY_KEYS]


def as_of_text(text: str | None) -> str | None:
    """An "as of" text as the URL keeps it ("2026-03-09", "2026-03-09T12:00"); None when
    it names no time."""
    when = utc_time(text)
    if when is None:
        return None
    if when.time() == dt.time.max:
        return when.date().isoformat()
    return when.isoformat(timespec="seconds" if when.second else "minutes")


def query_values(query: dict[str, list[str]], filter_id: str) -> list[str]:
    """A filter's values in a parsed query string: under its key, else its older key."""
    return query.get(QUERY_KEYS[filter_id]) or query.get(OLD_QUERY_KEYS.get(filter_id, ""), [])


def map_kind_from_search(search: str | None) -> str:
    """The kind of map a URL query string asks for (MAP_KINDS; the points unless it says)."""
    kind = (parse_qs((search or "").lstrip("?")).get(MAP_QUERY_KEY) or [MAP_KINDS[0]])[0]
    return kind if kind in MAP_KINDS else MAP_KINDS[0]


def tab_from_search(search: str | None) -> str:
    """The tab a URL query string opens (one of TABS; the Chart tab unless it names
    another)."""
    tab = (parse_qs((search or "").lstrip("?")).get(TAB_QUERY_KEY) or [CHART])[0]
    return tab if tab in TABS else CHART


def without_tab(search: str | None) -> str:
    """A URL query string without its tab: the view alone (for the download's link)."""
    pairs = [(k, v) for k, v in parse_qsl((search or "").lstrip("?")) if k != TAB_QUERY_KEY]
    return "?" + urlencode(pairs) if pairs else ""


def _day(value) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def query_string(values: dict, start, end, named, map_kind: str | None = None,
                 as_of: str | None = None, tab: str | None = None,
                 table: list[tuple[str, str]] = ()) -> str:
    """The URL query string that records the filters, the evidence table's own (`table`,
    as `table_pairs` gives them), the kind of map (only when it is not the points), the
    time the page shows the store as of (only when it is not now) and the open tab (only
    when it is not the Chart tab)."""
    pairs = [(QUERY_KEYS[k], v) for k in FILTERS for v in (values.get(k) or [])]
    if start:
        pairs.append(("from", start[:10]))
    if end:
        pairs.append(("to", end[:10]))
    if named:
        pairs.append(("named", "1"))
    pairs += table
    if map_kind in MAP_KINDS[1:]:
        pairs.append((MAP_QUERY_KEY, map_kind))
    if as_of_text(as_of):
        pairs.append((AS_OF_QUERY_KEY, as_of_text(as_of)))
    if tab in TABS and tab != CHART:
        pairs.append((TAB_QUERY_KEY, tab))
    return "?" + urlencode(pairs) if pairs else ""


def register(app: Dash, data: StoreData, max_text: int = MAX_TEXT) -> None:
    """Attach every callback of the page to the app; the try-it panel reads at most
    `max_text` bytes."""
    outlines = app.get_relative_path(maps.OUTLINES_PATH)
    filter_inputs = [Input(f, "value") for f in FILTERS] + [
        Input("f-dates", "start_date"), Input("f-dates", "end_date"), Input("f-named", "value"),
        Input("map-kind", "value"), Input("f-as-of", "value"), Input("tabs", "value")]

    @app.callback(
        Output("url", "search"), *[Output(f, "value") for f in FILTERS],
        Output("f-dates", "start_date"), Output("f-dates", "end_date"), Output("f-named", "value"),
        Output("map-kind", "value"), Output("f-as-of", "value"), Output("tabs", "value"),
        Input("url", "search"), *filter_inputs,
    )
    def sync_url(search, *values):
        """The filters, the kind of map, the "as of" time and the open tab live in the URL:
        read them on load, write them on every change. An unknown tab, or the Map tab while
        the store has no places, opens the Chart tab."""
        if ctx.triggered_id == "url" or ctx.triggered_id is None:
            query = parse_qs((search or "").lstrip("?"))
            tab = tab_from_search(search)
            if tab == "map" and not data.has_places():
                tab = CHART
            return (no_update, *[query_values(query, f) for f in FILTERS],
                    (query.get("from") or [None])[0], (query.get("to") or [None])[0],
                    ["named"] if query.get("named") else [], map_kind_from_search(search),
                    as_of_text((query.get(AS_OF_QUERY_KEY) or [None])[0]) or "", tab)
        *lists, start, end, named, kind, as_of, tab = values
        written = query_string(dict(zip(FILTERS, lists, strict=True)), start, end, named, kind,
                               as_of, tab, table_pairs(search))
        return (by_date.keep_chart_view(written, search), *[no_update] * (len(FILTERS) + 6))

    @app.callback(Output("version", "data"), Output("freshness", "children"),
                  Input("poll", "n_intervals"), State("version", "data"))
    def poll(_, known):
        """A cheap check of the store; a new version makes every view reload."""
        data.refresh_if_changed()
        version = list(map(str, data.version))
        return (version if version != known else no_update), _freshness(data.freshness())

    @app.callback(
        Output("f-category", "options"), Output("f-agency", "options"),
        Output("f-publisher", "options"), Output("f-place", "options"),
        Output("f-country", "options"), Output("f-admin1", "options"),
        Output("f-scope", "options"), *[Output("f-dates", bound) for bound in DATE_BOUNDS],
        Input("version", "data"),
        prevent_initial_call=True,  # the layout starts with them
    )
    def options(_):
        found = filter_options(data)
        return (found["category"], found["agency"], found["publisher"], found["place"],
                found["country"], found["admin1"], found["scope"],
                *[found["days"][bound] for bound in DATE_BOUNDS])

    @app.callback(
        Output("cards", "children"), Output("timeseries", "figure"),
        Output("message", "children"), Output("timeseries-summary", "children"),
        Input("url", "search"), Input("version", "data"),
    )
    def update(search, _):
        """Cards and charts for the view in the URL (which the filters write)."""
        began = time.perf_counter()
        if data.error:
            message = f"The store cannot be opened: {data.error}"
            return ([], charts.empty_figure("No data: the store cannot be opened."), message,
                    chart_summary.NO_DATA)
        view = view_from_search(search)
        if not data.holds_figures(view.as_of):
            blank = charts.empty_figure("The store holds no figures yet." if view.as_of is None
                                        else "The store held no figures then.")
            return [], blank, (
                "The store is empty: run `python -m pipeline refresh` to fill it."
                if view.as_of is None else f"The store held no figures {_as_of_words(view)}."
            ), chart_summary.NOTHING
        rows = data.filtered(view)
        if rows.empty:
            return ([], charts.empty_figure("No figures match these filters."),
                    "No figures match these filters; clear some to see more.",
                    chart_summary.NOTHING)
        points = charts.by_date_points(rows)
        sentences = _sentences(data, list(points["figure_id"][:3000]), view.as_of)
        revised = data.revised(view.as_of)
        cards = [headlines.card(c, revised.get(c["claim_id"]))
                 for c in headlines.headline_cards(*data.headline_rows(view))]
        message = f"Showing the store {_as_of_words(view)}." if view.as_of else ""
        chart = by_date.chart_view_from_search(search)
        result = (cards, charts.timeseries(points, sentences, chart.agencies, chart.log),
                  message, chart_summary.by_date_summary(points, chart.agencies))
        TIMINGS.append(time.perf_counter() - began)
        return result

    comparison.register(app, data, view_from_search)

    @app.callback(Output("map", "figure"), Output("map-drawn", "data"),
                  Output("map-summary", "children"),
                  Input("url", "search"), Input("version", "data"), State("map-drawn", "data"))
    def draw_map(search, _, drawn):
        """The map of the view in the URL (`map_for`), its fingerprint and its summary;
        left as it is when a refresh has not changed it, since a redrawn map costs the
        browser far more than a chart."""
        figure, summary = map_for(data, search, outlines)
        mark = hashlib.sha256(figure.to_json().encode()).hexdigest()
        return (no_update,) * 3 if mark == drawn else (figure, mark, summary)

    @app.callback(Output("evidence", "getRowsResponse"), Output("evidence-count", "children"),
                  Input("evidence", "getRowsRequest"), State("url", "search"))
    def evidence_rows(request, search):
        """One block of the evidence grid, filtered, sorted and read by the store."""
        if not request:
            return no_update, no_update
        try:
            return evidence.grid_block(data.store, view_from_search(search), request)
        except STORE_ERRORS:  # the poll reports the store's state
            return {"rowData": [], "rowCount": 0}, "The store cannot be read."

    by_date.register(app, data, view_from_search, lambda: filter_options(data)["agency"])

    app.clientside_callback(evidence.RELOAD_JS, Output("evidence-reloaded", "data"),
                            Input("url", "search"), Input("version", "data"),
                            prevent_initial_call=True)

    @app.callback(Output("changes", "children"), Output("changes-drawn", "data"),
                  Input("url", "search"), Input("changes-poll", "n_intervals"),
                  State("changes-drawn", "data"))
    def changes(search, _, drawn):
        """The newest CHANGES_SHOWN changes of the store (up to the view's "as of" time),
        read again every CHANGES_POLL_MS and left as they are when they have not changed."""
        found = data.changes(until=view_from_search(search).as_of, limit=CHANGES_SHOWN)
        if found is None:
            return html.P("The store cannot be read.", className="message"), None
        ids = [c.id for c in found]
        if ids == drawn:
            return no_update, no_update
        return (change_items(found) if found else html.P("No changes yet.")), ids

    @app.callback(Output("clicked", "children"), Input("timeseries", "clickData"),
                  Input("comparison", "clickData"), State("url", "search"),
                  prevent_initial_call=True)
    def clicked(series_click, comparison_click, search):
        """The evidence of a clicked point or bar: one figure's."""
        click = {"timeseries": series_click, "comparison": comparison_click}.get(
            ctx.triggered_id)
        if not click or not click.get("points"):
            return no_update
        chosen = click["points"][0].get("customdata")
        shown = _shown_figures(data, [chosen], view_from_search(search).as_of)
        if not shown:
            return no_update  # a refresh has replaced this figure since the chart was drawn
        return _figure_evidence(*shown[0])

    @app.callback(Output("map-clicked", "children"), Input("map", "clickData"),
                  State("url", "search"), prevent_initial_call=True)
    def map_clicked(click, search):
        """The evidence of a clicked map point: its figures (a country of the countries
        map: its toll's)."""
        if not click or not click.get("points"):
            return no_update
        return _map_evidence(data, click["points"][0].get("customdata"), search)

    @app.callback(Output("tab-map", "disabled"), Output("tab-map", "label"),
                  Input("version", "data"), prevent_initial_call=True)
    def map_tab_state(_):
        """The Map tab, enabled once the store has places (the layout starts with it)."""
        places = data.has_places()
        return not places, map_tab.label(places)

    @app.callback(Output("sources-table", "children"), Input("version", "data"),
                  Input("tabs", "value"))
    def sources(_, tab):
        """The sources the store knows, read when the Sources tab is open (counting their
        figures reads the whole figures table) and again when the store changes."""
        if tab != "sources":
            return no_update
        return sources_table(data.sources())

    @app.callback(Output("try-output", "children"), Input("try-run", "n_clicks"),
                  Input("try-upload", "contents"), State("try-text", "value"),
                  State("try-upload", "filename"), State("try-published", "value"),
                  State("try-publisher", "value"), prevent_initial_call=True)
    def try_it(_, contents, text, filename, published_box, publisher_box):
        """Figures in pasted text or an uploaded file, the table first, then the text with
        them highlighted; nothing is stored. The publication date and publisher boxes fill
        what the text does not say (an upload's own come first), so that "said Thursday"
        resolves against the date."""
        published = as_date(published_box)
        if plain(published_box).strip() and published is None:
            return html.P(f"The publication date {published_box!r} is not a date: write it "
                          f"as YYYY-MM-DD.", className="message")
        publisher = plain(publisher_box).strip()
        if ctx.triggered_id == "try-upload" and contents:
            name = filename or "The file"
            too_big = size_message(name, upload_size(contents), max_text)
            if too_big:
                return html.P(too_big, className="message")
            try:
                doc = uploaded_document(contents, filename)
            except ValueError as exc:
                return html.P(f"{name}: cannot read this file ({exc})", className="message")
            text = doc.text
            published, publisher = doc.published or published, doc.publisher or publisher
        else:
            too_big = size_message("The pasted text", len((text or "").encode("utf-8")), max_text)
            if too_big:
                return html.P(too_big, className="message")
        if not text or not text.strip():
            return html.P("Paste some text first.", className="message")
        found = extract_figures(text, published=published, publisher=publisher)
        return tried_output(text, found, detect_language(text))


def map_for(data: StoreData, search: str | None, outlines: str) -> tuple[go.Figure, str]:
    """The map of the view in a URL query string and its text summary: its figures by
    place, or (`map=countries`) the countries coloured by their latest toll; drawn from the
    filtered rows of the charts' summary, its country outlines from the URL `outlines`."""
    if data.error:
        return charts.empty_figure(chart_summary.NO_DATA), chart_summary.NO_DATA
    view = view_from_search(search)
    if not data.holds_figures(view.as_of):
        return charts.empty_figure("The store holds no figures yet."), chart_summary.NOTHING
    rows = data.filtered(view)
    if rows.empty:
        return charts.empty_figure("No figures match these filters."), chart_summary.NOTHING
    if map_kind_from_search(search) == "countries":
        category = _map_category(view)
        return (maps.choropleth_figure(rows, maps.world_outlines(), category, outlines),
                chart_summary.countries_summary(maps.country_tolls(rows, category), category))
    points = maps.map_points(rows)
    return maps.map_figure(points, outlines), chart_summary.map_summary(points)


def filter_options(data: StoreData) -> dict[str, list]:
    """The choices of each filter, with how many figures that count hold each, from the
    store's summary. Countries and admin-1 areas are chosen by code and shown by name."""
    found = data.filter_options()

    def counted(name: str, label: Callable[[tuple], str] | None = None) -> list[dict]:
        """The filter's values, most figures first; `label` names a value from its row."""
        return [{"label": f"{label(row) if label else row[0]} ({row[-1]})", "value": row[0]}
                for row in found[name].itertuples(index=False) if row[0] and row[-1]]

    days = found["days"]
    first, last = (None, None) if days is None or days.empty else days.iloc[0]
    present = set(found["category"]["value"])
    scopes = dict(zip(found["scope"]["value"], found["scope"]["figures"], strict=True))
    return {"category": [{"label": c, "value": c} for c in charts.CATEGORY_COLOURS if c in present],
            "agency": [agency_option(row[0], row[-1]) for row in
                       found["agency"].itertuples(index=False) if row[0] and row[-1]],
            "publisher": counted("publisher"),
            "place": counted("place"),
            "country": counted("country", lambda row: row[1] or row[0]),
            "admin1": counted("admin1", lambda row: ", ".join(
                name for name in (row[1] or row[0], row[2]) if name)),
            "scope": [{"label": f"{charts.SCOPE_NAMES[s]} ({scopes[s]})",
                       "value": s or UNKNOWN_SCOPE}
                      for s in charts.SCOPE_NAMES if scopes.get(s, 0)],
            "days": date_range(first, last)}


def date_range(first, last) -> dict:
    """The report-date picker's bounds: the first and last day the store's figures hold,
    opening on the last one's month (not today's: a store of past events would open on
    empty months); no bounds for a store with no dated figure."""
    first, last = (pd.Timestamp(d).date().isoformat() if pd.notna(d) else None
                   for d in (first, last))
    return {"min_date_allowed": first, "max_date_allowed": last,
            "initial_visible_month": last}


def highlight_html(sentence: str, number_text: str) -> list:
    """The sentence with its number marked, cut as the evidence grid cuts it
    (`evidence.number_parts`)."""
    before, number, after = evidence.number_parts(sentence, number_text)
    return [before, html.Mark(number), after] if number else [before]


def _map_category(view: View) -> str:
    """The category the countries map colours by: the first chosen (in the page's order of
    categories), else killed."""
    chosen = [c for c in charts.CATEGORY_COLOURS if c in view.categories]
    return chosen[0] if chosen else "killed"


def _shown_figures(data: StoreData, figure_ids: list[str],
                   as_of: dt.datetime | None = None) -> list[tuple[pd.Series, pd.Series]]:
    """(light row, evidence) of each of these figures still in the store (as it stood at
    `as_of`), in their order."""
    rows = data.figure_rows(View(as_of=as_of), figure_ids).drop_duplicates("figure_id")
    rows = rows.set_index("figure_id", drop=False)
    found = data.evidence(figure_ids, as_of)
    return [(rows.loc[ev["figure_id"]], ev) for _, ev in found.iterrows()
            if ev["figure_id"] in rows.index and pd.notna(ev["sentence"])]


def _figure_evidence(row: pd.Series, ev: pd.Series) -> list:
    """One figure's evidence as components (their text is never read as markup): what it
    states, who said it and when, its sentence with the number marked, and a safe link."""
    href = safe_url(ev["url"])
    return [html.Strong(f"{charts.stated(row)} {row['category']} "
                        f"({charts.SCOPE_NAMES[row['scope']]}) — {row['agency']}, "
                        f"{_date_text(row['day'])}"),
            html.P(highlight_html(plain(ev["sentence"]), plain(ev["number_text"])),
                   className="quote"),
            html.A(plain(ev["title"]) or href, href=href, target="_blank", rel=LINK_REL)
            if href else None]


def _map_evidence(data: StoreData, customdata: list | str | None, search: str | None):
    """The evidence of a clicked map point: the newest MAP_SHOWN of all its figures under the
    URL's filters (its customdata holds only the newest few), and how many more there are;
    a country of the countries map has the one figure of its toll."""
    ids = [plain(i) for i in customdata] if isinstance(customdata, list) else [plain(customdata)]
    if not ids or not ids[0]:
        return no_update
    view = view_from_search(search)
    total = len(ids)
    if map_kind_from_search(search) == "points":
        newest, total = data.place_figure_ids(view, ids[0], MAP_SHOWN)
        ids = newest or ids
        total = total or len(ids)
    shown = _shown_figures(data, ids[:MAP_SHOWN], view.as_of)
    if not shown:
        return no_update  # a refresh has replaced these figures since the map was drawn
    where = ", ".join(dict.fromkeys(
        name for name in (plain(shown[0][0][c]) for c in ("place_name", "admin1", "country"))
        if name))
    more = total - len(shown)
    return [html.H3(f"{where or 'This place'}: {total:,} figure{'s' if total != 1 else ''}"),
            html.Ol([html.Li(_figure_evidence(row, ev)) for row, ev in shown],
                    className="map-evidence"),
            html.P(f"and {more:,} more", className="more") if more > 0 else None]


def _sentences(data: StoreData, figure_ids: list[str],
               as_of: dt.datetime | None = None) -> dict[str, str]:
    found = data.evidence(list(dict.fromkeys(figure_ids)), as_of)
    return dict(zip(found["figure_id"], found["sentence"].fillna(""), strict=True))


def _freshness(info: dict):
    if info.get("error"):
        return html.Span(f"Store unavailable: {info['error']}", className="failed")
    last = info["last_refresh"]
    parts = [f"Last refresh {last:%d %b %Y %H:%M} UTC" if last else "Never refreshed",
             f"{info['documents']:,} documents", f"{info['figures']:,} figures"]
    failed = info["failed_sources"]
    children = [" · ".join(parts)]
    if failed:
        names = ", ".join(f"{h['source']} ({h['error'] or h['status']})" for h in failed)
        children.append(html.Span(f" · failing: {names}", className="failed"))
    return children


def _as_of_words(view: View) -> str:
    return f"as it stood at {view.as_of:%d %b %Y %H:%M} UTC"


def _date_text(day) -> str:
    return "" if pd.isna(day) else f"{day:%Y-%m-%d}"
