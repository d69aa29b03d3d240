"""The chart by date's own controls: which agencies it shows ("12 of 115 agencies shown",
"Agencies shown"), its scale, and its plotted points as CSV (its PNG is plotly's
"Download plot as a png" button). The agencies chosen and the scale live in the URL
(`shown=WHO&shown=MSF`, `scale=log`), beside the filters that sync_url keeps there."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, parse_qsl, urlencode

import pandas as pd
from dash import Dash, Input, Output, State, ctx, dcc, html, no_update

from extract.safe_csv import SafeWriter

from . import charts
from .data import StoreData, View

SHOWN_KEY = "shown"  # the URL's key for an agency chosen to be shown (repeated)
SCALE_KEY = "scale"  # the URL's key for the value axes' scale: absent for linear, else...
LOG = "log"
CHART_KEYS = (SHOWN_KEY, SCALE_KEY)
CSV_NAME = "casualty-figures-by-date.csv"
CSV_COLUMNS = ["agency", "category", "scope", "date", "date_end", "figure", "value", "low",
               "high", "report_date", "event_date", "publisher", "figure_id"]
GRAPH_CONFIG = {  # the modebar always there (a phone has no hover), its PNG named, and no
    # button that sends the chart to plotly's servers
    "displaylogo": False, "displayModeBar": True, "responsive": True,
    "modeBarButtonsToRemove": ["sendChartToCloud"],
    "toImageButtonOptions": {"format": "png", "filename": "casualty-figures-by-date",
                             "scale": 2}}
COUNT_JS = """function (figure) {
    return (figure && figure.layout && figure.layout.meta && figure.layout.meta.shown) || "";
}"""


@dataclass(frozen=True)
class ChartView:
    """The chart by date's own state, as its URL holds it."""

    agencies: tuple[str, ...] = ()  # chosen to be shown; () for the ones with most points
    log: bool = False


def chart_view_from_search(search: str | None) -> ChartView:
    """The chart's state in a URL query string."""
    query = parse_qs((search or "").lstrip("?"))
    return ChartView(tuple(dict.fromkeys(query.get(SHOWN_KEY, []))),
                     (query.get(SCALE_KEY) or [""])[0] == LOG)


def with_chart_view(search: str | None, chart: ChartView) -> str:
    """A URL query string with its chart state replaced by `chart`, the rest as it is."""
    pairs = [(k, v) for k, v in parse_qsl((search or "").lstrip("?")) if k not in CHART_KEYS]
    pairs += [(SHOWN_KEY, a) for a in chart.agencies]
    if chart.log:
        pairs.append((SCALE_KEY, LOG))
    return "?" + urlencode(pairs) if pairs else ""


def keep_chart_view(new_search: str, old_search: str | None) -> str:
    """`new_search` (the filters' query string, as sync_url writes it) with the chart state
    of `old_search` (the URL before), so that a filter's change keeps the chart's state."""
    return with_chart_view(new_search, chart_view_from_search(old_search))


def controls(agency_options: list) -> html.Div:
    """The chart's controls above it: the agencies shown (choosing from `agency_options`,
    every agency of the store), the log scale, the CSV download, and the count line."""
    return html.Div([
        html.Div([
            html.Div([
                html.Label("Agencies shown", htmlFor="chart-agencies", className="filter-label"),
                dcc.Dropdown(id="chart-agencies", multi=True, options=agency_options,
                             placeholder=f"the {charts.AGENCIES_SHOWN} with most points"),
            ], className="chart-agencies"),
            dcc.Checklist(id="chart-scale", options=[{"label": " log scale", "value": LOG}],
                          value=[], className="chart-scale"),
            html.Button("Chart data (CSV)", id="chart-csv-button", className="button"),
            dcc.Download(id="chart-csv"),
        ], className="chart-controls"),
        html.P(id="chart-count", className="chart-count"),
    ])


def chart_points(points: pd.DataFrame, chart: ChartView) -> pd.DataFrame:
    """The points the chart plots of a view's `by_date_points`: those of its agencies shown."""
    if points.empty:
        return points
    return points[points["agency"].isin(charts.agencies_shown(points, chart.agencies))]


def chart_csv(points: pd.DataFrame) -> str:
    """The chart's plotted points as CSV (CSV_COLUMNS; dates as YYYY-MM-DD), by agency,
    category and date, each cell a spreadsheet would run as a formula made safe."""
    buffer = io.StringIO(newline="")
    writer = SafeWriter(buffer)
    writer.writerow(CSV_COLUMNS)
    if points.empty:
        return buffer.getvalue()
    points = points.sort_values(["agency", "category", "x", "scope"], kind="stable")
    writer.writerows(zip(
        points["agency"].astype(str), points["category"].astype(str),
        points["scope"].astype(str).map(charts.SCOPE_NAMES), _days(points["x"]),
        _days(points["x_end"]), charts.stated_all(points), points["value"].astype("Int64"),
        points["low"].astype("Int64"), points["high"].astype("Int64"),
        _days(points["report_date"]), _days(points["event_date"]),
        points["publisher"].astype(str), points["figure_id"].astype(str), strict=True))
    return buffer.getvalue()


def _days(dates: pd.Series) -> list[str]:
    return ["" if pd.isna(d) else f"{d:%Y-%m-%d}" for d in dates]


def register(app: Dash, data: StoreData, view_from_search: Callable[[str | None], View],
             agency_options: Callable[[], list]) -> None:
    """The chart's callbacks: its state to and from the URL, the agencies to choose from
    (`agency_options`, read again when the store changes), the count line (from the
    figure drawn) and the CSV of the view in the URL (`view_from_search`) of the
    StoreData `data`."""

    @app.callback(Output("url", "search", allow_duplicate=True),
                  Output("chart-agencies", "value"), Output("chart-scale", "value"),
                  Input("url", "search"), Input("chart-agencies", "value"),
                  Input("chart-scale", "value"), prevent_initial_call="initial_duplicate")
    def sync_chart_url(search, agencies, scale):
        """The agencies chosen and the scale live in the URL: read on load, written on
        every change."""
        if ctx.triggered_id in ("url", None):
            chart = chart_view_from_search(search)
            return no_update, list(chart.agencies), [LOG] if chart.log else []
        chart = ChartView(tuple(agencies or ()), LOG in (scale or []))
        return with_chart_view(search, chart), no_update, no_update

    @app.callback(Output("chart-agencies", "options"), Input("version", "data"),
                  prevent_initial_call=True)  # the layout starts with them
    def agency_choices(_):
        return agency_options()

    app.clientside_callback(COUNT_JS, Output("chart-count", "children"),
                            Input("timeseries", "figure"))

    @app.callback(Output("chart-csv", "data"), Input("chart-csv-button", "n_clicks"),
                  State("url", "search"), prevent_initial_call=True)
    def chart_download(_, search):
        """The points the chart plots for the view in the URL, as CSV."""
        view = view_from_search(search)
        rows = data.filtered(view)
        points = charts.by_date_points(rows) if not rows.empty else rows
        text = chart_csv(chart_points(points, chart_view_from_search(search)))
        return dcc.send_string(text, CSV_NAME, type="text/csv")
