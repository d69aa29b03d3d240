"""When the charts' script cannot load (plotly's bundle blocked in Chromium), each chart
section says so and what still works, and the cards and the table still do; when it
loads, the line stays hidden."""

import shutil

import pytest

from dashboard.app import create_app
from dashboard.chart_fallback import CHARTS_UNAVAILABLE

from .conftest import CHROMIUM
from .grid import grid_column, wait_for
from .tabs import open_tab

browser = pytest.mark.skipif(CHROMIUM is None or shutil.which("chromedriver") is None,
                             reason="no chromium and chromedriver")


def shown_notes(dash_duo) -> list[str]:
    """The texts of the chart sections' "could not load" lines on show."""
    return [e.text for e in dash_duo.find_elements(".charts-unavailable") if e.is_displayed()]


@browser
def test_blocked_charts_script_shows_the_message_and_the_table_still_works(
        dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*plotly*"]})
    driver.get(dash_duo.server_url)
    dash_duo.wait_for_element("#cards .card", timeout=20)  # the cards need no plotly
    wait_for(lambda: shown_notes(dash_duo) == [CHARTS_UNAVAILABLE] * 2, timeout=20)
    assert dash_duo.find_elements("#timeseries .main-svg") == []
    open_tab(dash_duo, "table")
    wait_for(lambda: len(set(grid_column(dash_duo, "category")) - {""}) > 0)
    assert dash_duo.find_element("#download-link").get_attribute("href")
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})


@browser
def test_charts_that_load_show_no_message(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.wait_for_element("#timeseries .main-svg", timeout=30)
    dash_duo.wait_for_element("#comparison .main-svg", timeout=30)
    assert len(dash_duo.find_elements(".charts-unavailable")) == 2
    assert shown_notes(dash_duo) == []
