"""The Table tab: the evidence grid and the "Download CSV" link."""

from __future__ import annotations

from dash import dcc, html

from .. import evidence


def tab(download_path: str) -> dcc.Tab:
    """The Table tab; "Download CSV" links to `download_path` (with the page's query
    string, once the URL is read)."""
    return dcc.Tab(label="Table", value="table", id="tab-table", children=[
        html.Section([
            html.Div([
                html.H2("Evidence"),
                html.A("Download CSV", id="download-link", href=download_path, download="",
                       className="button"),
            ], className="evidence-head"),
            evidence.grid(),
        ]),
    ])
