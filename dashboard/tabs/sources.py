"""The Sources tab: each source the store knows, what it holds from it and how its
latest refresh went (StoreData.sources)."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ..escape import plain

COLUMNS = {  # StoreData.sources' columns, as the table heads them
    "source": "Source", "documents": "Documents", "publishers": "Publishers",
    "newest_published": "Newest published", "last_fetched": "Last fetched (UTC)",
    "status": "Latest refresh", "last_run": "Latest refresh at (UTC)",
    "last_ok": "Last ok (UTC)", "error": "Error",
}
COUNTS = {"documents", "publishers"}
DAYS = {"newest_published"}
TIMES = {"last_fetched", "last_run", "last_ok"}


def tab() -> dcc.Tab:
    """The Sources tab; its table is filled by a callback from the store."""
    return dcc.Tab(label="Sources", value="sources", id="tab-sources", children=[
        html.Section([
            html.H2("Sources"),
            html.P("Each source the store has read: the documents it holds from it (withdrawn "
                   "ones not counted), from how many publishers, the newest publication date, "
                   "when a document was last fetched, and how the latest refresh of the "
                   "source went.", className="chart-key"),
            html.Div(id="sources-table"),
        ]),
    ])


def sources_table(found: pd.DataFrame | None) -> html.Table | html.P:
    """The sources as a table (their text shown as text), or a line saying why none is
    shown."""
    if found is None:
        return html.P("The store cannot be read.", className="message")
    if found.empty:
        return html.P("The store has read no source yet.")
    head = html.Tr([html.Th(name) for name in COLUMNS.values()])
    rows = [html.Tr([html.Td(_cell(c, row[c])) for c in COLUMNS])
            for _, row in found.iterrows()]
    return html.Table([html.Thead(head), html.Tbody(rows)], className="sources")


def _cell(column: str, value) -> str:
    """A cell's text: counts with thousands separators, days as days, times to the
    minute, nothing for what is missing."""
    if value is None or pd.isna(value):
        return ""
    if column in COUNTS:
        return f"{int(value):,}"
    if column in DAYS:
        return f"{pd.Timestamp(value):%Y-%m-%d}"
    if column in TIMES:
        return f"{pd.Timestamp(value):%Y-%m-%d %H:%M}"
    return plain(value)
