"""The Try it tab: paste a report or upload a file to see the figures found in it."""

from __future__ import annotations

from dash import dcc, html

from ..tryit import amount


def tab(max_text: int) -> dcc.Tab:
    """The Try it tab, taking up to `max_text` bytes (the browser refuses larger files, and
    pastes one character over, which the server then refuses with a message)."""
    return dcc.Tab(label="Try it", value="try-it", id="tab-try-it", children=[
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
    ])
