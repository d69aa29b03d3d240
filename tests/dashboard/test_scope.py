"""Scope on the page: the filter lives in the URL and narrows cards, charts, the evidence
table and the CSV download; the table shows each figure's scope and event date; the cards
show the latest toll, never a later and larger incident."""

import datetime as dt
import shutil

import pytest

from dashboard.app import create_app
from dashboard.callbacks import query_string, view_from_search
from dashboard.data import View
from pipeline.store import open_store

from ..rows import a_document
from .conftest import CHROMIUM
from .dash_client import (
    SYNC_OUTPUTS,
    changed_input,
    download_rows,
    evidence_response,
    evidence_rows,
    page_response,
    post_callback,
    sync_inputs,
)
from .grid import chart_titles, wait_for
from .tables import a_row


def scoped_store(tmp_path) -> str:
    """One report: the ministry's running toll of 150 killed, an incident of 400 killed on
    5 March (later and larger than the toll's last report), 25 killed over the first week
    of March, and a figure not yet classified."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = open_store(url)
    doc = a_document(title="Toll")
    figures = [a_row("t" * 16, 150, "toll", report_date=dt.date(2026, 3, 8)),
               a_row("i" * 16, 400, "incident", event_date=dt.date(2026, 3, 5), start=10),
               a_row("u" * 16, 30, "", category="wounded", start=20),
               a_row("p" * 16, 25, "period", period_start=dt.date(2026, 3, 1),
                     period_end=dt.date(2026, 3, 7), start=30)]
    store.write([(doc, figures)])
    store.engine.dispose()
    return url


def test_scope_filter_round_trips_through_the_url():
    search = query_string({"f-category": ["killed"], "f-scope": ["toll", "unknown"]}, None, None, [])
    assert search == "?category=killed&scope=toll&scope=unknown"
    assert view_from_search(search) == View(categories=("killed",), scopes=("toll", ""))


def test_the_page_writes_the_scope_filter_into_the_url_and_reads_it_back(tmp_path):
    client = create_app(scoped_store(tmp_path)).server.test_client()
    inputs = sync_inputs(values={"f-scope": ["incident"]})
    written = post_callback(client, SYNC_OUTPUTS, inputs, changed=changed_input("f-scope")
                            ).get_json()["response"]
    assert written["url"]["search"] == "?scope=incident"
    inputs[0] = ("url", "search", "?scope=incident&scope=unknown")
    read = post_callback(client, SYNC_OUTPUTS, inputs, changed=0).get_json()["response"]
    assert read["f-scope"]["value"] == ["incident", "unknown"]


def test_cards_show_the_latest_toll_and_say_so(tmp_path):
    client = create_app(scoped_store(tmp_path)).server.test_client()

    def cards(search):
        return str(page_response(client, search).get_json()["response"]["cards"]["children"])

    shown = cards("")
    assert "latest toll" in shown and "150" in shown
    assert "latest incident: 400 people, 5 Mar 2026 (Ministry of Health)" in shown  # apart
    assert "latest figure, scope unknown" in shown  # the wounded figure, not yet classified
    incidents = cards("?scope=incident")
    assert "no toll or stock stated" in incidents and "latest incident: 400" in incidents


def test_evidence_table_shows_scope_and_event_date_and_follows_the_filter(tmp_path):
    client = create_app(scoped_store(tmp_path)).server.test_client()
    records = evidence_rows(evidence_response(client))
    assert sorted((r["stated"], r["scope"], r["event_date"]) for r in records) == [
        ("150", "toll", ""), ("25", "period", ""), ("30", "scope unknown", ""),
        ("400", "incident", "2026-03-05")]
    filtered = evidence_rows(evidence_response(client, search="?scope=unknown"))
    assert [r["stated"] for r in filtered] == ["30"]


def test_download_with_a_scope_filter_holds_only_that_scope(tmp_path):
    client = create_app(scoped_store(tmp_path)).server.test_client()
    rows = download_rows(client, "?scope=toll&scope=incident")
    assert sorted((r["value"], r["scope"], r["event_date"]) for r in rows) == [
        ("150", "toll", ""), ("400", "incident", "2026-03-05")]


def test_scope_filter_offers_the_scopes_in_the_store(tmp_path):
    app = create_app(scoped_store(tmp_path))
    layout = str(app.layout())
    assert "{'label': 'toll (1)', 'value': 'toll'}" in layout
    assert "{'label': 'scope unknown (1)', 'value': 'unknown'}" in layout
    assert "background" not in layout.split("f-scope")[1].split("f-named")[0]


@pytest.mark.skipif(CHROMIUM is None or shutil.which("chromedriver") is None,
                    reason="no chromium and chromedriver")
def test_the_browser_draws_lines_markers_and_bars_and_the_toll_card(dash_duo, tmp_path):
    dash_duo.start_server(create_app(scoped_store(tmp_path)))
    dash_duo.wait_for_element("#timeseries .barlayer .point path", timeout=20)
    assert dash_duo.find_elements("#timeseries .scatterlayer .js-line")
    assert len(dash_duo.find_elements("#timeseries .scatterlayer .point")) >= 3
    expected = ["killed · running totals and stocks, by report date",
                "killed · incidents and periods, when they happened",
                "wounded · running totals and stocks, by report date"]
    wait_for(lambda: chart_titles(dash_duo) == expected)
    figures = [f.text for f in dash_duo.find_elements("#cards .figure")]
    assert figures == ["150", "30"]  # the toll heads (the incident of 400 is shown apart),
    # and the wounded figure not yet classified
    assert "latest incident: 400 people" in dash_duo.find_element("#cards").text
    assert dash_duo.get_logs() == []
