"""What a chart section shows when the charts' script (plotly's bundle) cannot load: a
line, hidden until assets/charts_fallback.js finds the script failed or still missing
after CHART_WAIT_S, saying what still works."""

from __future__ import annotations

from dash import html

CHARTS_UNAVAILABLE = ("Charts could not load on this connection; the table and downloads "
                      "still work.")
CHART_WAIT_S = 45  # assets/charts_fallback.js: how long a slow link may take to bring them


def charts_unavailable() -> html.P:
    """The line a chart section shows (only) when the charts cannot load."""
    return html.P(CHARTS_UNAVAILABLE, className="charts-unavailable", role="status")
