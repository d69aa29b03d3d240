"""The Changes tab: the newest changes the store has seen, and the link to their feed."""

from __future__ import annotations

from dash import dcc, html

CHANGES_SHOWN = 200  # the newest changes the Changes view lists


def tab(feed_path: str) -> dcc.Tab:
    """The Changes tab, linking to the Atom feed at `feed_path`."""
    return dcc.Tab(label="Changes", value="changes", id="tab-changes", children=[
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
    ])
