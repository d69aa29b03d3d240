"""Documents are untrusted: no url, title, publisher, sentence or agency of theirs may add
an image, a link or formatting to the page, in the escaping functions or in Chromium."""

import datetime as dt
import shutil
import time
from urllib.parse import urlsplit

import pandas as pd
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.wait import WebDriverWait

from dashboard import charts
from dashboard.app import create_app
from dashboard.comparison import comparison_figure
from dashboard.escape import plotly_text, safe_url

from .conftest import CHROMIUM
from .dash_client import call_evidence
from .grid import grid_column
from .hostile import INJECTED, hostile_store, pixel_server
from .tables import a_row, table
from .tabs import open_tab

DOCUMENT_HOSTS = {"ok.example", "x.example"}  # the hostile documents' own url hosts
FORMATTING = ("b, strong, em, i, h1, h2, h3, h4, h5, h6, code, img, iframe, "
              "script:not([type='application/json'])")


def test_safe_url_keeps_only_http_links_as_one_destination():
    assert safe_url("https://a.example/path?q=1&r=2#top") == "https://a.example/path?q=1&r=2#top"
    hostile = safe_url("https://ok.example/) ![p](http://127.0.0.1:9/pixel.png")
    assert hostile.startswith("https://ok.example/")
    assert not set("()[] <>\"'\\`") & set(hostile)
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "file:///etc",
                "//evil.example/x", "/relative", "https:///no-host", "", None, float("nan")):
        assert safe_url(bad) is None, bad


def test_plotly_text_shows_markup_as_text():
    assert plotly_text('<a href="https://e">x</a> & <b>') == (
        '&lt;a href="https://e"&gt;x&lt;/a&gt; &amp; &lt;b&gt;')
    assert plotly_text(None) == ""


def test_charts_escape_agency_publisher_and_sentence():
    hostile = {"agency": "<b>Agency</b>", "publisher": "<a href='https://evil.example'>P</a>"}
    frame = table(a_row("a", 5, "toll", **hostile),
                  a_row("b", 6, "incident", **hostile),
                  a_row("c", 7, "period", period_start=dt.date(2026, 3, 1), **hostile))
    image = "<img src='http://127.0.0.1:9/p.png'>"
    series = charts.timeseries(charts.by_date_points(frame), {"a": image, "b": image, "c": image})
    assert sorted(t.type for t in series.data) == ["bar", "scatter", "scatter"]
    for trace in series.data:  # a line, a bar, a marker: one way to hover text for all
        assert "<b>Agency" not in trace.name and "&lt;b&gt;Agency" in trace.name
        hover = trace.hovertext[0]
        assert "<img" not in hover and "<a " not in hover and "&lt;img" in hover
    bars = pd.DataFrame([{
        "figure_id": f, "agency": agency, "value": 5, "low": None, "high": None,
        "qualifier": "exact", "day": pd.Timestamp("2026-03-02"), "report_date": pd.NaT,
        "event_date": pd.NaT, "scope": "toll", "who": "<i>rebels</i>",
        "place_shown": "<b>Orsel</b>", "when_start": pd.NaT, "when_end": pd.NaT,
        "group_rank": 1, "groups": 1} for f, agency in (("a", hostile["agency"]), ("b", "x"))])
    (drawn,) = comparison_figure(bars, "killed", 1).data
    assert list(drawn.y[1]) == ["x", "&lt;b&gt;Agency&lt;/b&gt;"]
    assert set(drawn.y[0]) == {"1. toll · &lt;i&gt;rebels&lt;/i&gt; · &lt;b&gt;Orsel&lt;/b&gt;"}
    assert drawn.text[0] == "5 &lt;i&gt;rebels&lt;/i&gt;, published 2 Mar 2026"
    # (the cards are Dash components, whose text React shows as text)


def test_evidence_callback_output_has_only_the_documents_links(tmp_path):
    url = hostile_store(tmp_path, "http://127.0.0.1:9")
    records = call_evidence(create_app(url))
    assert len(records) == 3
    # text as it is, for the grid to show as text; a link only to a document's own host
    assert {urlsplit(r["source_url"]).hostname for r in records if r["source_url"]} == (
        DOCUMENT_HOSTS)
    assert [r["source_url"] for r in records if r["source_title"] == "A page with a script url"
            ] == [None]
    for record in records:
        before, number, after = record["sentence_parts"]
        assert before + number + after == record["sentence"] and number
        assert INJECTED not in number


@pytest.mark.skipif(CHROMIUM is None or shutil.which("chromedriver") is None,
                    reason="no chromium and chromedriver")
def test_hostile_documents_add_nothing_to_the_page(dash_duo, tmp_path):
    with pixel_server() as (pixel, requested):
        dash_duo.start_server(create_app(hostile_store(tmp_path, pixel)))
        dash_duo.wait_for_element("#timeseries .scatterlayer .point", timeout=20)
        driver = dash_duo.driver
        hovers = [hover_label(driver, point) for point in
                  driver.find_elements("css selector", "#timeseries .scatterlayer .point")]
        point = dash_duo.find_elements("#timeseries .scatterlayer .point")[0]
        ActionChains(driver).move_to_element(point).click().perform()
        dash_duo.wait_for_element("#clicked a", timeout=20)
        for a in driver.find_elements("css selector", "#clicked a"):
            assert set(a.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
        legend = [e.text for e in dash_duo.find_elements("#timeseries .legendtext")]
        open_tab(dash_duo, "try-it")
        area = dash_duo.find_element("#try-text")
        area.send_keys(f"Gunmen killed 14 villagers. ![s]({pixel}/try.png) **{INJECTED}**")
        dash_duo.find_element("#try-run").click()
        dash_duo.wait_for_element("#tried-text mark", timeout=20)
        time.sleep(1)  # let any injected image load

        # the page's links to its own download, feed and design document
        open_tab(dash_duo, "table")
        dash_duo.wait_for_element("#evidence .ag-cell[col-id='source_title'] a", timeout=20)
        download = dash_duo.find_element("#download-link").get_attribute("href")
        assert urlsplit(download).path == "/download.csv"
        assert download.startswith(dash_duo.server_url)
        for a in driver.find_elements("css selector", "#evidence a"):
            assert set(a.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
        numbers = [b.text for b in dash_duo.find_elements("#evidence .ag-cell strong")]
        assert sorted(numbers) == ["14", "30", "At least 12"]  # the only bold: each figure
        assert f"<b>{INJECTED}</b> **{INJECTED}**" in column_text(dash_duo, "publisher")
        assert f"![s]({pixel}/sentence.png) **{INJECTED}**" in column_text(dash_duo, "sentence")
        open_tab(dash_duo, "changes")
        feed = dash_duo.find_element("#feed-link").get_attribute("href")
        assert urlsplit(feed).path == "/changes.atom" and feed.startswith(dash_duo.server_url)

        # on every tab, every link goes to a document's own host (but the page's own, and
        # the try-it table's links to its highlights), and no document text is formatted
        # or adds an image
        links = []
        for tab in ("chart", "table", "changes", "try-it", "sources", "about"):
            open_tab(dash_duo, tab)
            time.sleep(0.5)  # the tab's content drawn
            links += [urlsplit(a.get_attribute("href")).hostname
                      for a in driver.find_elements("css selector", "a[href]")
                      if a.get_attribute("id") not in ("feed-link", "download-link",
                                                       "design-link")
                      and not a.get_dom_attribute("href").startswith("#try-mark-")]
            formatted = driver.execute_script(
                "return [...document.querySelectorAll(arguments[0])].filter("
                "e => e.textContent.includes(arguments[1])).map(e => e.outerHTML)",
                FORMATTING, INJECTED)
            assert formatted == [], tab
            assert driver.find_elements("css selector", "img") == [], tab
        assert links and set(links) <= DOCUMENT_HOSTS
        assert INJECTED not in driver.title
        assert "<img" in dash_duo.find_element("#freshness").text
        assert len(hovers) == 3
        assert [h["links"] for h in hovers] == [[], [], []]
        assert all(INJECTED not in h["bold"] for h in hovers)
        assert any(f"<b>{INJECTED}</b>" in h["text"] for h in hovers)  # shown, as text
        assert f'<img src="{pixel}/publisher.png">' in legend  # one entry per agency
        assert requested == []
        assert dash_duo.get_logs() == []


def column_text(dash_duo, column: str) -> str:
    """The text of a column of the evidence table, as shown."""
    return "\n".join(grid_column(dash_duo, column))


def hover_label(driver, point) -> dict:
    """Hover over a chart point: the links, the bold text and all the text of its label."""
    ActionChains(driver).move_to_element(point).perform()
    label = WebDriverWait(driver, 10).until(
        lambda d: d.find_elements("css selector", "#timeseries .hoverlayer .hovertext"))[0]
    links = [a.get_attribute("outerHTML") for a in label.find_elements("css selector", "a")]
    bold = " ".join(t.text for t in label.find_elements("css selector", "tspan[style*='bold']"))
    return {"links": links, "bold": bold, "text": label.text}
