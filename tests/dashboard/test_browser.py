"""The dashboard in a real headless Chromium: loads cleanly, filters, downloads, tries,
and picks up a refresh while open."""

import csv
import re
import shutil
import time

import pytest
from selenium.webdriver.common.keys import Keys

from dashboard.app import create_app
from dashboard.data import View
from pipeline.export import EXPORT_COLUMNS
from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import open_store

from .conftest import CHROMIUM, SAMPLE
from .grid import chart_titles, grid_column, wait_for
from .tabs import open_tab

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("chromedriver") is None,
    reason="no chromium and chromedriver (make test installs Debian's packages as root)",
)


def evidence_categories(dash_duo):
    """The categories of the evidence grid's rows drawn (read at once: the grid redraws)."""
    return set(grid_column(dash_duo, "category")) - {""}


def test_page_loads_without_console_errors(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.wait_for_contains_text("#freshness", "41 documents", timeout=20)
    dash_duo.wait_for_element("#cards .card", timeout=20)
    assert "141 figures" in dash_duo.find_element("#freshness").text
    cards = [c.text for c in dash_duo.find_elements("#cards .card")]
    assert any(c.startswith("killed") for c in cards)
    dash_duo.wait_for_element("#timeseries .main-svg", timeout=20)
    open_tab(dash_duo, "table")
    dash_duo.wait_for_element("#evidence .ag-cell[col-id='sentence']", timeout=20)
    assert dash_duo.get_logs() == []


def test_filter_changes_chart_table_and_url(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    open_tab(dash_duo, "table")
    dash_duo.wait_for_element("#evidence .ag-cell[col-id='category']", timeout=20)
    wait_for(lambda: len(evidence_categories(dash_duo)) > 1)
    dash_duo.select_dcc_dropdown("#f-category", value="displaced")
    wait_for(lambda: evidence_categories(dash_duo) == {"displaced"})
    open_tab(dash_duo, "chart")
    # the chart may still be redrawn for the filter when its tab opens: wait for its titles
    wait_for(lambda: (titles := chart_titles(dash_duo))
             and all(t.startswith("displaced · ") for t in titles))
    assert "category=displaced" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_url_restores_the_view(dash_duo, sample_store):
    app = create_app(sample_store)
    dash_duo.start_server(app)
    dash_duo.wait_for_element("#cards .card", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + "/?category=missing&named=1")
    wait_for(lambda: [c.text.split("\n")[0] for c in dash_duo.find_elements("#cards .card")]
             == ["missing"])
    open_tab(dash_duo, "table")
    wait_for(lambda: evidence_categories(dash_duo) == {"missing"})


def test_download_holds_exactly_the_filtered_rows(dash_duo, sample_store):
    app = create_app(sample_store)
    dash_duo.start_server(app)
    open_tab(dash_duo, "table")
    dash_duo.wait_for_element("#evidence .ag-cell", timeout=20)
    dash_duo.select_dcc_dropdown("#f-category", value="surgeries")
    wait_for(lambda: evidence_categories(dash_duo) == {"surgeries"})
    # the link follows the URL (the open tab left out); it is reached and followed with
    # the keyboard
    dash_duo.wait_for_element("#download-link[href$='download.csv?category=surgeries']",
                              timeout=20)
    link = dash_duo.find_element("#download-link")
    dash_duo.driver.execute_script("arguments[0].focus()", link)
    assert dash_duo.driver.switch_to.active_element == link
    link.send_keys(Keys.ENTER)
    deadline = time.time() + 20
    files = []
    while time.time() < deadline and not files:
        files = [p for p in __import__("pathlib").Path(dash_duo.download_path).glob("*.csv")]
        time.sleep(0.2)
    (path,) = files
    assert path.name.startswith("casualty-figures_") and path.name.endswith(".csv")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    expected = app.store_data.figure_rows(View())
    expected = expected[expected["category"] == "surgeries"]
    assert sorted(r["figure_id"] for r in rows) == sorted(expected["figure_id"])
    assert {r["category"] for r in rows} == {"surgeries"}
    assert list(rows[0]) == EXPORT_COLUMNS  # the tidy table, then reprint_of


def test_try_it_highlights_a_pasted_figure(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    text = "Gunmen killed 14 villagers and wounded 6, the police said on Monday."
    open_tab(dash_duo, "try-it")
    area = dash_duo.wait_for_element("#try-text", timeout=20)
    area.send_keys(text)
    dash_duo.find_element("#try-run").click()
    dash_duo.wait_for_element("#tried-text mark", timeout=20)
    marks = [m.text for m in dash_duo.find_elements("#tried-text mark")]
    assert marks == ["14", "6"]
    assert "killed: 14" in dash_duo.find_elements("#tried-text mark")[0].get_attribute("title")
    assert dash_duo.get_logs() == []


def test_new_document_appears_after_a_refresh_while_the_page_is_open(dash_duo, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SAMPLE / "2026-03-03_coastline-wire_orsel-fighting.txt", folder)
    url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    source = [Source("live", "folder", path=folder)]
    refresh(open_store(url), source, progress=False)
    dash_duo.start_server(create_app(url, poll_ms=500))
    dash_duo.wait_for_contains_text("#freshness", "1 documents", timeout=20)
    assert "abducted" not in dash_duo.find_element("#cards").text
    (folder / "new.txt").write_text(
        "---\npublisher: Desk\npublished: 2026-03-04\n---\n"
        "Gunmen abducted 17 teachers near Orsel, the police said on Wednesday.\n", encoding="utf-8")
    refresh(open_store(url), source, progress=False)
    dash_duo.wait_for_contains_text("#freshness", "2 documents", timeout=20)
    dash_duo.wait_for_contains_text("#cards", "abducted", timeout=20)
    assert "17" in dash_duo.find_element("#cards").text


def test_empty_store_says_so(dash_duo, tmp_path):
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    open_store(url)
    dash_duo.start_server(create_app(url))
    dash_duo.wait_for_contains_text("#message", "The store is empty", timeout=20)
    assert "0 documents" in dash_duo.find_element("#freshness").text
    assert dash_duo.get_logs() == []


def test_store_that_cannot_be_opened_says_so(dash_duo):
    dash_duo.start_server(create_app("postgresql+psycopg://nobody@127.0.0.1:1/none"))
    dash_duo.wait_for_contains_text("#message", "The store cannot be opened", timeout=20)
    assert "Traceback" not in dash_duo.driver.page_source
    assert "Store unavailable" in dash_duo.find_element("#freshness").text


def test_filter_matching_nothing_says_so(dash_duo, sample_store):
    app = create_app(sample_store)
    dash_duo.start_server(app)
    dash_duo.wait_for_element("#cards .card", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + "/?category=abducted&from=2026-03-01&to=2026-03-02")
    dash_duo.wait_for_contains_text("#message", "No figures match these filters", timeout=20)
    assert dash_duo.find_elements("#cards .card") == []


def test_clicking_a_bar_shows_its_evidence(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    from selenium.webdriver.common.action_chains import ActionChains

    dash_duo.wait_for_element("#comparison .bars .point path", timeout=20)
    largest = dash_duo.find_elements("#comparison .bars .point path")[-1]
    # plotly's drag layer takes the click at the bar's place and reports the bar
    ActionChains(dash_duo.driver).move_to_element(largest).click().perform()
    dash_duo.wait_for_element("#clicked mark", timeout=20)
    clicked = dash_duo.find_element("#clicked").text
    assert "killed" in clicked
    number = dash_duo.find_element("#clicked mark").text
    assert number and number in clicked



def sentence_filter_box(dash_duo):
    """The input under the Sentence header (its column scrolled into view)."""
    dash_duo.driver.execute_script(
        "dash_ag_grid.getApi('evidence').ensureColumnVisible('sentence')")
    index = dash_duo.find_element(
        "#evidence .ag-header-cell[col-id='sentence']").get_attribute("aria-colindex")
    return dash_duo.find_element(
        f"#evidence .ag-floating-filter[aria-colindex='{index}'] input")


def test_the_grid_shows_rows_sorts_by_the_figure_and_filters_the_sentence(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.driver.set_window_size(1400, 1000)
    open_tab(dash_duo, "table")
    dash_duo.wait_for_contains_text("#evidence-count", "141 figures", timeout=20)
    dash_duo.driver.execute_script("document.querySelector('#evidence').scrollIntoView()")
    dash_duo.wait_for_element("#evidence .ag-cell[col-id='sentence'] strong", timeout=20)
    assert len(grid_column(dash_duo, "sentence")) > 3
    # who was counted, and whether the date is stated or only the publication date
    assert set(grid_column(dash_duo, "dated")) <= {"stated", "published"}
    # sort by the figure: a click on its header, smallest first
    dash_duo.find_element("#evidence .ag-header-cell[col-id='stated'] .ag-header-cell-label").click()
    def smallest_first() -> bool:
        shown = [int(re.search(r"\d[\d,]*", t).group().replace(",", ""))
                 for t in grid_column(dash_duo, "stated")[:5] if re.search(r"\d", t)]
        return len(shown) == 5 and shown == sorted(shown)

    wait_for(smallest_first)
    # the sentence's filter, typed under its header: the URL, the count, the download
    sentence_filter_box(dash_duo).send_keys("hospital")
    wait_for(lambda: "q=hospital" in dash_duo.driver.current_url)
    shown = lambda: dash_duo.find_element("#evidence-count").get_attribute("textContent")  # noqa: E731
    wait_for(lambda: "141" not in shown())
    count = int(shown().split()[0])
    assert 0 < count < 141
    wait_for(lambda: (shown := grid_column(dash_duo, "sentence"))
             and all("hospital" in s.lower() for s in shown))
    assert len(grid_column(dash_duo, "sentence")) <= count
    assert "q=hospital" in dash_duo.find_element("#download-link").get_attribute("href")
    # the page says the charts cannot honour it
    assert "“hospital” narrows the Table" in dash_duo.find_element("#view-note").text
    # the view in the URL reloads the grid's blocks, and keeps the sentence's words
    dash_duo.select_dcc_dropdown("#f-category", value="wounded")
    wait_for(lambda: set(grid_column(dash_duo, "category")) == {"wounded"})
    wait_for(lambda: "category=wounded" in dash_duo.driver.current_url)
    assert "q=hospital" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_a_url_with_the_table_s_filters_shows_them_in_the_grid(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.driver.set_window_size(1400, 1000)
    dash_duo.driver.get(dash_duo.server_url + "/?tab=table&q=hospital&min=10")
    dash_duo.wait_for_element("#tab-table.tab--selected", timeout=20)
    counted = lambda: dash_duo.find_element("#evidence-count").get_attribute("textContent")  # noqa: E731
    wait_for(lambda: counted().endswith("figures") and counted() != "141 figures")
    assert 0 < int(counted().split()[0]) < 141
    wait_for(lambda: sentence_filter_box(dash_duo).get_attribute("value") == "hospital")
    figures = [int(re.search(r"\d[\d,]*", t).group().replace(",", ""))
               for t in grid_column(dash_duo, "stated") if re.search(r"\d", t)]
    assert figures and min(figures) >= 10
    # clearing the header's words clears them from the URL
    box = sentence_filter_box(dash_duo)
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    wait_for(lambda: "q=" not in dash_duo.driver.current_url)
    assert "min=10" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []
