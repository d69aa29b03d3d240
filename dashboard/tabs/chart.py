"""The Chart tab: the headline cards, the figures by date, where agencies disagree, and
the evidence of a clicked point or bar."""

from __future__ import annotations

from dash import dcc, html

from ..chart_fallback import charts_unavailable

CHART_KEY = ("Per category, running totals and stocks: each agency's step line by report date "
             "(tolls solid, stocks dashed, scope not yet known dotted). Below them, what "
             "happened when: incidents as dots on the day they happened (hollow: the day is "
             "unknown, placed on the report date), figures about earlier events as diamonds, "
             "figures over a period as bars spanning it. One colour per agency.")


def tab(options: dict[str, list]) -> dcc.Tab:
    """The Chart tab; `options` holds the categories the comparison chooses from."""
    return dcc.Tab(label="Chart", value="chart", id="tab-chart", children=[
        html.Section(id="cards", className="cards"),
        html.Section([
            html.H2("Figures by date"),
            html.P(CHART_KEY, className="chart-key"),
            charts_unavailable(),
            dcc.Graph(id="timeseries", config={"displaylogo": False}),
        ]),
        html.Section([
            html.H2("Where agencies disagree"),
            html.Span("Category compared", id="compare-category-label", className="visually-hidden"),
            dcc.RadioItems(id="compare-category", inline=True, value="killed",
                           options=options.get("category", [])),
            charts_unavailable(),
            dcc.Graph(id="comparison", config={"displaylogo": False}),
        ]),
        html.Section(id="clicked", className="clicked"),
    ])
