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
            _document_boxes(),
            html.Div([
                html.Button("Extract", id="try-run", className="button"),
                dcc.Upload(id="try-upload", children=html.A("or upload a file"),
                           accept=".txt,.html,.htm,.md", className="upload", max_size=max_text),
            ], className="try-controls"),
            html.Div(id="try-output"),
        ], className="try"),
    ])


def _document_boxes() -> html.Div:
    """The publication date and publisher of the text, for what it does not say itself:
    "said Thursday" resolves against the date (an uploaded file's own come first)."""
    return html.Div([
        html.Label(["Published ", dcc.Input(id="try-published", type="text", size="10",
                                            placeholder="YYYY-MM-DD", maxLength=10,
                                            pattern=r"\d{4}-\d{2}-\d{2}")],
                   htmlFor="try-published"),
        html.Label(["Publisher ", dcc.Input(id="try-publisher", type="text",
                                            placeholder="e.g. Coastline Wire")],
                   htmlFor="try-publisher"),
        html.Span("when the text does not say, so that \"said Thursday\" resolves to a date",
                  className="chart-key"),
    ], className="try-document")
