"""The headline cards and "Where agencies disagree" in headless Chromium, on the sample
store: what the cards say, the bars' labels, and the comparison following the page's
category filter."""

import shutil

import pytest

from dashboard.app import create_app

from .conftest import CHROMIUM
from .grid import wait_for

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("chromedriver") is None,
    reason="no chromium and chromedriver (make test installs Debian's packages as root)",
)


def card_texts(dash_duo) -> dict[str, list[str]]:
    """Each card's lines, under its category (read at once: the cards are drawn again as
    the page's store version arrives)."""
    cards = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#cards .card')].map("
        "c => [...c.children].map(e => e.textContent))")
    return {label: lines for label, *lines in cards}


def texts_of(dash_duo, selector: str) -> list[str]:
    """The texts of the elements a selector finds, read at once (the chart redraws)."""
    return dash_duo.driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)", selector)


def bar_texts(dash_duo) -> list[str]:
    """The labels drawn on the comparison's bars, top first."""
    return texts_of(dash_duo, "#comparison .bars .point text")[::-1]


def test_the_cards_show_the_latest_toll_its_range_and_the_latest_incident_apart(
        dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    wait_for(lambda: "abducted" in card_texts(dash_duo))
    cards = card_texts(dash_duo)
    assert cards["killed"] == [
        "latest toll", "more than 1,200", "Ministry of Health, published 12 Apr 2026",
        "5 agencies: 200–1,200",
        "latest incident: 3 people, 11 Apr 2026 (United Nations High Commissioner for Refugees)"]
    # the ministry's toll, not UNHCR's later incident of 10–15
    assert cards["wounded"][:4] == ["latest toll", "5,300", "Ministry of Health, 10 Apr 2026",
                                    "7 agencies: 95–5,300"]
    assert cards["abducted"] == [
        "no toll or stock stated", "—",
        "latest incident: 5 aid workers, 4 Apr 2026 (Norwegian Refugee Council)"]
    assert dash_duo.get_logs() == []


def test_the_comparison_labels_its_bars_and_follows_the_category_filter(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.wait_for_element("#comparison .bars .point text", timeout=20)
    # (each waited for: the chart is drawn again as the page's store version arrives)
    wait_for(lambda: bar_texts(dash_duo) == [
        "more than 1,200 people, published 12 Apr 2026", "1,050 people, published 12 Apr 2026",
        "900 people, published 3 Apr 2026", "712 people, published 31 Mar 2026",
        "2 people, published 28 Mar 2026", "1 person, published 27 Mar 2026"])
    wait_for(lambda: texts_of(dash_duo, "#compare-note") == ["2 groups"])
    wait_for(lambda: texts_of(dash_duo, "#comparison .gtitle") == [
        "killed: 2 of 2 groups where agencies differ, largest gap first"])

    dash_duo.select_dcc_dropdown("#f-category", value="wounded")
    wait_for(lambda: bar_texts(dash_duo)[:1] == ["5,300 people, 10 Apr 2026"])
    wait_for(lambda: [o.strip() for o in texts_of(dash_duo, "#compare-category label")]
             == ["wounded"])
    wait_for(lambda: [t[:9] for t in texts_of(dash_duo, "#comparison .gtitle")] == ["wounded: "])
    assert dash_duo.get_logs() == []
