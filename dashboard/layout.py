"""The page: the header and filters, shared by every tab, above the tabs (one module each
in tabs/): Chart, Table, Map, Changes, Try it, Sources, About."""

from __future__ import annotations

from dash import dcc, html

from .tabs import CHART, about, changes, chart, sources, table, try_it
from .tabs import map as map_tab
from .tryit import MAX_TEXT

POLL_MS = 5000
FEED_PATH = "/changes.atom"  # the changes feed as Atom (app.py)
DOWNLOAD_PATH = "/download.csv"  # the filtered figures as CSV (download.py)
CHANGES_POLL_MS = 30_000  # how often the Changes view reads the store's changes again


def _filter(label: str, control, shown: bool = True) -> html.Div:
    """A filter under its label; the label names the control for screen readers (its id
    is the control's plus "-label", which assets/a11y.js points Dash's dropdowns to), and
    is read but not shown when not `shown`."""
    return html.Div([html.Label(label, htmlFor=control.id, id=f"{control.id}-label",
                                className="filter-label" + ("" if shown else " visually-hidden")),
                     control], className="filter")


def layout(options: dict[str, list] | None = None, poll_ms: int = POLL_MS,
           max_text: int = MAX_TEXT, feed_path: str = FEED_PATH,
           download_path: str = DOWNLOAD_PATH, has_places: bool = True,
           design_path: str = about.DESIGN_PATH) -> html.Main:
    """The whole page; every callback target has an id. `options` fills the filters'
    choices from the start, so that values read from the URL are never dropped; the
    try-it panel takes up to `max_text` bytes (the browser refuses larger files, and
    pastes one character over, which the server then refuses with a message); the
    Changes view links to the Atom feed at `feed_path`, "Download CSV" to `download_path`
    (with the page's query string, once the URL is read), About to the design document at
    `design_path`; the Map tab is disabled while the store `has_places` not. All of it
    is the page's main landmark (axe-core's "landmark-one-main" and "region")."""
    options = options or {}
    return html.Main([
        dcc.Location(id="url", refresh=False),
        dcc.Interval(id="poll", interval=poll_ms),
        dcc.Store(id="version"),
        dcc.Store(id="map-drawn"),  # a fingerprint of the map as drawn
        dcc.Store(id="changes-drawn"),  # the ids of the changes listed
        # the changes are read again less often than the store is polled: reading and
        # drawing 200 of them at every refresh's batch slows the page
        dcc.Interval(id="changes-poll", interval=CHANGES_POLL_MS),
        html.Header([
            html.H1("Casualty figures"),
            html.Div(id="freshness", className="freshness"),
        ]),
        html.Section([
            _filter("Category", dcc.Dropdown(id="f-category", multi=True, placeholder="all",
                                             options=options.get("category", []))),
            _filter("Agency", dcc.Dropdown(id="f-agency", multi=True, placeholder="all",
                                           options=options.get("agency", []))),
            _filter("Report date", dcc.DatePickerRange(id="f-dates", display_format="D MMM YYYY",
                                                       clearable=True,
                                                       **options.get("days", {}))),
            _filter("Publisher", dcc.Dropdown(id="f-publisher", multi=True, placeholder="all",
                                              options=options.get("publisher", []))),
            _filter("Place", dcc.Dropdown(id="f-place", multi=True, placeholder="all",
                                          options=options.get("place", []))),
            _filter("Country", dcc.Dropdown(id="f-country", multi=True, placeholder="all",
                                            options=options.get("country", []))),
            _filter("Admin-1 area", dcc.Dropdown(id="f-admin1", multi=True, placeholder="all",
                                                 options=options.get("admin1", []))),
            _filter("Scope", dcc.Dropdown(id="f-scope", multi=True, placeholder="all",
                                          options=options.get("scope", []))),
            _filter("Agency naming", dcc.Checklist(id="f-named", options=[
                {"label": " named agency only", "value": "named"}], value=[]), shown=False),
            _filter("As of (UTC)", dcc.Input(id="f-as-of", type="text", debounce=True,
                                             value="", placeholder="now, or 2026-03-09 12:00")),
        ], className="filters"),
        html.Div(id="message", className="message"),
        # what the charts cannot honour of the evidence table's filters (table_filters.py)
        html.Div(id="view-note", className="view-note"),
        dcc.Tabs(id="tabs", value=CHART, children=[
            chart.tab(options), table.tab(download_path), map_tab.tab(has_places),
            changes.tab(feed_path), try_it.tab(max_text), sources.tab(), about.tab(design_path),
        ]),
    ], className="page")
