"""The Chart tab: the headline cards, the figures by date, where agencies disagree, and
the evidence of a clicked point or bar."""

from __future__ import annotations

from dash import dcc, html

from .. import by_date, chart_summary, comparison
from ..chart_fallback import charts_unavailable

CHART_KEY = ("Per category, running totals and stocks: each agency's step line by report date "
             "(tolls solid, stocks dashed, scope not yet known dotted). Below them, what "
             "happened when: incidents as filled markers on the day they happened (hollow: "
             "the day is unknown, placed on the report date), figures about earlier events as "
             "hollow markers with a dot, figures over a period as bars spanning it. Each "
             "agency has its colour, fixed by its name; agencies that share a colour on the "
             "chart have different markers.")


def tab(options: dict[str, list]) -> dcc.Tab:
    """The Chart tab; `options` holds the categories the comparison chooses from and the
    agencies the chart by date does."""
    return dcc.Tab(label="Chart", value="chart", id="tab-chart", children=[
        html.Section(id="cards", className="cards"),
        html.Section([
            html.H2("Figures by date"),
            html.P(CHART_KEY, className="chart-key"),
            by_date.controls(options.get("agency", [])),
            charts_unavailable(),
            chart_summary.note("timeseries-summary"),
            dcc.Graph(id="timeseries", config=by_date.GRAPH_CONFIG),
        ]),
        comparison.section(options.get("category", [])),
        html.Section(id="clicked", className="clicked"),
    ])
