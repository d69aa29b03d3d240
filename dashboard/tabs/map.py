"""The Map tab: the figures by place (or the countries by their latest toll), and the
evidence of a clicked point or country. The tab is disabled, with a note, while no
figure has a place."""

from __future__ import annotations

from dash import dcc, html

from .. import chart_summary
from ..chart_fallback import charts_unavailable

MAP_KEY = ("Each point is one place and category, its area the figure: the latest toll or "
           "stock there, else the sum of its incidents (an event restated by several reports "
           "counted once), else its largest figure. Figures without a place are not shown. "
           "Countries: each country by its latest country-wide toll or stock of the first chosen "
           "category (killed when none is chosen). Click a point or a country: its evidence shows "
           "under the map.")
NO_PLACES = "Map (no places yet)"  # the disabled tab's label: no figure has a place


def tab(has_places: bool) -> dcc.Tab:
    """The Map tab, disabled (its label saying why) when the store has no places."""
    return dcc.Tab(label=label(has_places), value="map", id="tab-map",
                   disabled=not has_places, children=[
        html.Section([
            html.H2("Where"),
            html.P(MAP_KEY, className="chart-key"),
            charts_unavailable(),
            html.Span("What the map shows", id="map-kind-label", className="visually-hidden"),
            dcc.RadioItems(id="map-kind", inline=True, value="points", options=[
                {"label": " figures by place", "value": "points"},
                {"label": " countries by latest toll", "value": "countries"}]),
            chart_summary.note("map-summary"),
            dcc.Graph(id="map", config={"displaylogo": False}),
        ]),
        html.Section(id="map-clicked", className="clicked"),
    ])


def label(has_places: bool) -> str:
    """The Map tab's label: the note in place of "Map" while the store has no places."""
    return "Map" if has_places else NO_PLACES
