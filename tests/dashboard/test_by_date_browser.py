"""The chart by date in Chromium: the count line and the choice of agencies, the log
scale, its CSV and PNG, and the page on a 390 px phone."""

import csv
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains

from dashboard import charts
from dashboard.app import create_app
from dashboard.by_date import CSV_COLUMNS, CSV_NAME
from dashboard.data import View
from dashboard.tabs import TABS

from .conftest import CHROMIUM
from .grid import wait_for
from .tabs import open_tab

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("chromedriver") is None,
    reason="no chromium and chromedriver (make test installs Debian's packages as root)",
)
TAB_CONTENT = {  # what each tab shows once open, on the sample store
    "chart": "#timeseries .main-svg", "table": "#evidence .ag-cell[col-id='sentence']",
    "map": "#map .maplibregl-canvas", "changes": "#changes li.change",
    "try-it": "#try-text", "sources": "#sources-table table", "about": "#about #design-link"}
PLOT = "document.querySelector('#timeseries .js-plotly-plot')"


def plotted(dash_duo, script: str):
    """What a script says of the chart by date's plotly graph (`g`) as drawn."""
    return dash_duo.driver.execute_script(f"const g = {PLOT}; return g && ({script});")


def legend_names(dash_duo) -> list[str]:
    return [e.text for e in dash_duo.find_elements("#timeseries .legendtext")]


def url_query(dash_duo) -> dict[str, list[str]]:
    return parse_qs(urlsplit(dash_duo.driver.current_url).query)


def downloaded(dash_duo, name: str) -> Path:
    """The file of this name in the browser's downloads, once fully written."""
    path = Path(dash_duo.download_path) / name
    wait_for(lambda: path.exists() and path.stat().st_size > 0, timeout=30)
    return path


def test_the_count_line_and_the_choice_of_agencies(dash_duo, sample_store):
    app = create_app(sample_store)
    total = charts.by_date_points(app.store_data.filtered(View()))["agency"].nunique()
    assert total > 12
    dash_duo.start_server(app)
    dash_duo.wait_for_text_to_equal(
        "#chart-count", f"12 of {total} agencies shown: the 12 with most points (claims) under "
        "these filters. Choose others in \u201cAgencies shown\u201d.", timeout=20)
    wait_for(lambda: len(legend_names(dash_duo)) == 12)
    dash_duo.select_dcc_dropdown("#chart-agencies", index=0)
    wait_for(lambda: url_query(dash_duo).get("shown"))
    (chosen,) = url_query(dash_duo)["shown"]
    dash_duo.wait_for_contains_text("#chart-count", f"1 of {total} agencies shown, as chosen",
                                    timeout=20)
    wait_for(lambda: legend_names(dash_duo) == [chosen])
    # a filter keeps the choice; a link with it opens the same chart
    dash_duo.select_dcc_dropdown("#f-category", value="killed")
    wait_for(lambda: url_query(dash_duo).get("category") == ["killed"])
    assert url_query(dash_duo)["shown"] == [chosen]
    dash_duo.driver.get(dash_duo.server_url + "/?shown=" + chosen.replace(" ", "+"))
    dash_duo.wait_for_contains_text("#chart-count", f"1 of {total} agencies shown", timeout=20)
    wait_for(lambda: legend_names(dash_duo) == [chosen])
    assert dash_duo.get_logs() == []


def test_the_log_scale_toggle_sets_the_axes_and_the_url(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.wait_for_element("#timeseries .main-svg", timeout=20)
    assert plotted(dash_duo, "g._fullLayout.yaxis.type") == "linear"
    dash_duo.find_element("#chart-scale input").click()
    wait_for(lambda: url_query(dash_duo).get("scale") == ["log"])
    wait_for(lambda: plotted(dash_duo, "Object.keys(g._fullLayout).filter(k => /^yaxis/.test(k))"
                             ".every(k => g._fullLayout[k].type === 'log')"))
    dash_duo.driver.get(dash_duo.server_url + "/?scale=log&category=killed")
    dash_duo.wait_for_element("#timeseries .main-svg", timeout=20)
    wait_for(lambda: plotted(dash_duo, "g._fullLayout.yaxis.type") == "log")
    assert dash_duo.find_element("#chart-scale input").is_selected()
    assert dash_duo.get_logs() == []


def test_the_chart_downloads_as_csv_and_png(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.driver.get(dash_duo.server_url + "/?category=killed")
    dash_duo.wait_for_element("#timeseries .main-svg", timeout=20)
    wait_for(lambda: plotted(dash_duo, "g.data.length > 0 && g.layout.meta"))
    points = plotted(dash_duo, "g.data.map(t => t.y.length).reduce((a, b) => a + b, 0)")
    dash_duo.find_element("#chart-csv-button").click()
    with downloaded(dash_duo, CSV_NAME).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == points and {r["category"] for r in rows} == {"killed"}
    assert {r["agency"] for r in rows} == set(legend_names(dash_duo))
    # plotly's own PNG button, always in the modebar, works without the internet; no
    # button sends the chart anywhere
    titles = [b.get_attribute("data-title") for b in dash_duo.find_elements(
        "#timeseries .modebar-btn")]
    assert "Share chart..." not in titles and "Download plot as a PNG" in titles
    button = dash_duo.find_element("#timeseries .modebar-btn[data-title='Download plot as a PNG']")
    ActionChains(dash_duo.driver).move_to_element(button).click().perform()
    png = downloaded(dash_duo, "casualty-figures-by-date.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert dash_duo.get_logs() == []


def test_the_page_fits_a_phone(dash_duo, sample_store):
    dash_duo.driver.set_window_size(390, 844)
    dash_duo.start_server(create_app(sample_store))
    dash_duo.wait_for_element("#timeseries .main-svg", timeout=20)
    wait_for(lambda: plotted(dash_duo, "g.querySelector('.legend')"))
    for tab in TABS:
        open_tab(dash_duo, tab)
        dash_duo.wait_for_element(TAB_CONTENT[tab], timeout=20)
        wide, window = dash_duo.driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]")
        assert wide <= window, tab
    open_tab(dash_duo, "chart")
    dash_duo.wait_for_element("#timeseries .main-svg", timeout=20)
    # one filter per row: their boxes start at the same left edge, one below another
    boxes = [f.rect for f in dash_duo.find_elements(".filters > .filter")]
    assert len(boxes) == 10 and len({round(b["x"]) for b in boxes}) == 1
    assert all(a["y"] + a["height"] <= b["y"] for a, b in zip(boxes, boxes[1:], strict=False))
    wait_for(lambda: plotted(dash_duo, "g.querySelector('.legend')"))
    # the legend below every panel of the chart, each panel with its dates
    legend_top, plots_bottom, panels, dated = plotted(dash_duo, """[
        g.querySelector('.legend').getBoundingClientRect().top,
        Math.max(...[...g.querySelectorAll('.nsewdrag')].map(r => r.getBoundingClientRect().bottom)),
        g.querySelectorAll('.nsewdrag').length,
        [...g.querySelectorAll('.xaxislayer-above')]
            .filter(a => a.querySelector('g[class^="x"][class$="tick"] text')).length]""")
    assert legend_top >= plots_bottom and panels > 1 and dated == panels
    assert dash_duo.get_logs() == []
