"""The page: filters, headline cards, map, charts, evidence table, download, changes,
try-it panel."""

from __future__ import annotations

from dash import dcc, html

from . import comparison, evidence
from .tryit import MAX_TEXT, amount

POLL_MS = 5000
FEED_PATH = "/changes.atom"  # the changes feed as Atom (app.py)
DOWNLOAD_PATH = "/download.csv"  # the filtered figures as CSV (download.py)
CHANGES_SHOWN = 200  # the newest changes the Changes view lists
CHANGES_POLL_MS = 30_000  # how often the Changes view reads the store's changes again

CHART_KEY = ("Per category, running totals and stocks: each agency's step line by report date "
             "(tolls solid, stocks dashed, scope not yet known dotted). Below them, what "
             "happened when: incidents as dots on the day they happened (hollow: the day is "
             "unknown, placed on the report date), figures about earlier events as diamonds, "
             "figures over a period as bars spanning it. One colour per agency.")


MAP_KEY = ("Each point is one place and category, its area the figure: the latest toll or "
           "stock there, else the sum of its incidents (an event restated by several reports "
           "counted once), else its largest figure. Figures without a place are not shown. "
           "Countries: each country by its latest country-wide toll or stock of the first chosen "
           "category (killed when none is chosen). Click a point or a country: its evidence shows "
           "under the charts.")


def _filter(label: str, control) -> html.Div:
    return html.Div([html.Label(label, className="filter-label"), control], className="filter")


def layout(options: dict[str, list] | None = None, poll_ms: int = POLL_MS,
           max_text: int = MAX_TEXT, feed_path: str = FEED_PATH,
           download_path: str = DOWNLOAD_PATH) -> html.Div:
    """The whole page; every callback target has an id. `options` fills the filters'
    choices from the start, so that values read from the URL are never dropped; the
    try-it panel takes up to `max_text` bytes (the browser refuses larger files, and
    pastes one character over, which the server then refuses with a message); the
    Changes view links to the Atom feed at `feed_path`, "Download CSV" to `download_path`
    (with the page's query string, once the URL is read)."""
    options = options or {}
    return html.Div([
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
                                                       clearable=True)),
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
            _filter("", dcc.Checklist(id="f-named", options=[
                {"label": " named agency only", "value": "named"}], value=[])),
            _filter("As of (UTC)", dcc.Input(id="f-as-of", type="text", debounce=True,
                                             value="", placeholder="now, or 2026-03-09 12:00")),
        ], className="filters"),
        html.Div(id="message", className="message"),
        html.Section(id="cards", className="cards"),
        html.Section([
            html.H2("Where"),
            html.P(MAP_KEY, className="chart-key"),
            dcc.RadioItems(id="map-kind", inline=True, value="points", options=[
                {"label": " figures by place", "value": "points"},
                {"label": " countries by latest toll", "value": "countries"}]),
            dcc.Graph(id="map", config={"displaylogo": False}),
        ]),
        html.Section([
            html.H2("Figures by date"),
            html.P(CHART_KEY, className="chart-key"),
            dcc.Graph(id="timeseries", config={"displaylogo": False}),
        ]),
        comparison.section(options.get("category", [])),
        html.Section(id="clicked", className="clicked"),
        html.Section([
            html.Div([
                html.H2("Evidence"),
                html.A("Download CSV", id="download-link", href=download_path, download="",
                       className="button"),
            ], className="evidence-head"),
            evidence.grid(),
        ]),
        html.Section([
            html.H2("Changes"),
            html.P([f"The newest {CHANGES_SHOWN} changes the store has seen, newest first (up "
                    "to the \"as of\" time when one is chosen): new claims, revisions with the "
                    "statements before and after, new versions of documents, withdrawn "
                    "documents, corrections, re-readings and alerts. Also as an ",
                    html.A("Atom feed", href=feed_path, id="feed-link"), "."],
                   className="chart-key"),
            html.Div(id="changes", className="changes-list"),
        ]),
        html.Section([
            html.H2("Try it"),
            html.P("Paste a report or upload a .txt or .html file (up to "
                   f"{amount(max_text)}) to see the figures found in it. Nothing is stored."),
            dcc.Textarea(id="try-text", style={"width": "100%", "height": 120},
                         maxLength=max_text + 1,
                         placeholder="At least 12 people were killed, the ministry said Monday."),
            html.Div([
                html.Button("Extract", id="try-run", className="button"),
                dcc.Upload(id="try-upload", children=html.A("or upload a file"),
                           accept=".txt,.html,.htm,.md", className="upload", max_size=max_text),
            ], className="try-controls"),
            html.Div(id="try-output"),
        ], className="try"),
    ], className="page")
