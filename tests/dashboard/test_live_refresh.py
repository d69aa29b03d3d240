"""Reading the page while refreshes rewrite the store: every answer is whole and no
request fails, in the callbacks and in Chromium."""

import shutil
import time

import pytest

from dashboard.app import create_app
from dashboard.data import View

from .conftest import CHROMIUM
from .dash_client import evidence_response, evidence_rows, post_callback
from .grid import loaded_rows
from .livefolder import DOCUMENTS, Refresher, live_store
from .tabs import open_tab


def click(client, figure_id: str):
    """The clicked-point panel's callback for a click on a figure."""
    return post_callback(client, [("clicked", "children")],
                         [("timeseries", "clickData", {"points": [{"customdata": figure_id}]}),
                          ("comparison", "clickData", None)],
                         [("url", "search", "")])


def poll(client):
    """The page's poll, which reloads the light table when the store changed."""
    return post_callback(client, [("version", "data"), ("freshness", "children")],
                         [("poll", "n_intervals", 1)], [("version", "data", None)])


def test_reading_during_ten_refreshes_never_fails(tmp_path):
    folder, url = live_store(tmp_path)
    app = create_app(url)
    client = app.server.test_client()
    stale_id = app.store_data.figure_rows(View())["figure_id"].iloc[0]
    refresher = Refresher(folder, url, rounds=10)
    refresher.start()
    statuses, rows, calls = [], [], 0
    try:
        while refresher.is_alive() or calls < 20:
            calls += 1
            page = calls % 4
            response = evidence_response(client, page=page)
            statuses.append(response.status_code)
            if response.status_code == 200:
                rows += evidence_rows(response)
            statuses.append(click(client, stale_id).status_code)
            if calls % 5 == 0:
                statuses.append(poll(client).status_code)
    finally:
        refresher.join(60)
    assert refresher.errors == [] and refresher.done == 10
    assert calls > 20 and set(statuses) <= {200, 204}, sorted(set(statuses))
    assert rows and all(r["sentence"] for r in rows)


@pytest.mark.skipif(CHROMIUM is None or shutil.which("chromedriver") is None,
                    reason="no chromium and chromedriver")
def test_page_stays_whole_in_chromium_during_refreshes(dash_duo, tmp_path):
    folder, url = live_store(tmp_path)
    dash_duo.start_server(create_app(url, poll_ms=200))
    dash_duo.wait_for_element("#timeseries .main-svg", timeout=20)  # the charts drawn
    open_tab(dash_duo, "table")
    dash_duo.wait_for_element("#evidence .ag-cell[col-id='sentence']", timeout=20)
    refresher = Refresher(folder, url, rounds=10)
    refresher.start()
    try:
        pages, sentences = 0, []
        while refresher.is_alive():
            # scroll the grid a screenful on, and back to its top at its end
            dash_duo.driver.execute_script(
                "const v = document.querySelector('#evidence .ag-body-viewport');"
                "v.scrollTop = v.scrollTop + v.clientHeight >= v.scrollHeight ? 0"
                " : v.scrollTop + v.clientHeight;")
            pages += 1
            time.sleep(0.3)
            sentences += [row["sentence"] for row in loaded_rows(dash_duo)]
    finally:
        refresher.join(60)
    assert refresher.errors == [] and pages > 3
    assert sentences and all(s.strip() for s in sentences)
    dash_duo.wait_for_contains_text("#freshness", f"{DOCUMENTS} documents", timeout=20)
    assert dash_duo.find_elements("#evidence .ag-cell[col-id='sentence']")
    assert dash_duo.get_logs() == []
