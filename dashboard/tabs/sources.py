"""The Sources tab: each source the store knows, what it holds from it, how its latest
refresh went and how fresh it is against its expected interval, by HDX's rule
(StoreData.sources, pipeline/freshness.py)."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from pipeline.freshness import interval_text, thresholds

from ..escape import LINK_REL, plain, safe_url

COLUMNS = {  # StoreData.sources' columns, as the table heads them
    "source": "Source", "kind": "Kind", "location": "Location", "freshness": "Freshness",
    "expected_interval": "Expected every", "documents": "Documents", "figures": "Figures",
    "publishers": "Publishers", "newest_published": "Newest published",
    "last_fetched": "Last fetched (UTC)", "status": "Latest refresh",
    "last_run": "Latest refresh at (UTC)", "last_ok": "Last ok (UTC)", "error": "Error",
}
COUNTS = {"documents", "figures", "publishers"}
DAYS = {"newest_published"}
TIMES = {"last_fetched", "last_run", "last_ok"}
FRESHNESS_KEY = ("Freshness, as HDX judges its datasets: fresh while the newest document "
                 "stored from the source is younger than its expected interval (the sources "
                 "file's expected_interval), then due, overdue, and delinquent after HDX's "
                 "grace periods (for a week: overdue from 14 days, delinquent from 21); "
                 "\"not set\" where no interval is given.")


def tab() -> dcc.Tab:
    """The Sources tab; its table is filled by a callback from the store."""
    return dcc.Tab(label="Sources", value="sources", id="tab-sources", children=[
        html.Section([
            html.H2("Sources"),
            html.P("Each source the store has read: the documents it holds from it (withdrawn "
                   "ones not counted) and their figures, from how many publishers, the newest "
                   "publication date, when a new or changed document was last stored, and how "
                   "the latest refresh of the source went.", className="chart-key"),
            html.P(FRESHNESS_KEY, className="chart-key"),
            html.Div(id="sources-table", className="sources-scroll", tabIndex="0", role="region",
                     **{"aria-label": "Sources and their freshness"}),
        ]),
    ])


def sources_table(found: pd.DataFrame | None) -> html.Table | html.P:
    """The sources as a table (their text shown as text, a location linked only when it is
    an http(s) URL), or a line saying why none is shown."""
    if found is None:
        return html.P("The store cannot be read.", className="message")
    if found.empty:
        return html.P("The store has read no source yet.")
    head = html.Tr([html.Th(name, scope="col") for name in COLUMNS.values()])
    rows = [html.Tr([_cell(c, row) for c in COLUMNS]) for _, row in found.iterrows()]
    return html.Table([html.Thead(head), html.Tbody(rows)], className="sources")


def _cell(column: str, row: pd.Series) -> html.Td:
    """A cell: the location as a link where it is an http(s) URL, the freshness as a
    badge saying its ages, the rest as text."""
    value = row[column]
    if column == "location":
        href = safe_url(value)
        text = plain(value)
        return html.Td(html.A(text, href=href, target="_blank", rel=LINK_REL) if href else text)
    if column == "freshness":
        return html.Td(html.Span(value, className=f"freshness freshness-{value.replace(' ', '-')}",
                                 title=_ages(row["expected_interval"]) or None))
    return html.Td(_text(column, value), className="count" if column in COUNTS else None)


def _ages(interval) -> str:
    """The ages at which a source of this interval is due, overdue and delinquent."""
    if interval is None or pd.isna(interval):
        return ""
    due, overdue, delinquent = (interval_text(t) for t in
                                thresholds(pd.Timedelta(interval).to_pytimedelta()))
    return f"due from {due}, overdue from {overdue}, delinquent from {delinquent}"


def _text(column: str, value) -> str:
    """A cell's text: counts with thousands separators, days as days, times to the
    minute, intervals in words, nothing for what is missing."""
    if value is None or pd.isna(value):
        return ""
    if column in COUNTS:
        return f"{int(value):,}"
    if column in DAYS:
        return f"{pd.Timestamp(value):%Y-%m-%d}"
    if column in TIMES:
        return f"{pd.Timestamp(value):%Y-%m-%d %H:%M}"
    if column == "expected_interval":
        return interval_text(pd.Timedelta(value).to_pytimedelta())
    return plain(value)
