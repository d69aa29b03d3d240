"""Accessibility in Chromium: axe-core (the axe-selenium-python package's bundled
axe.min.js) finds no serious or critical violation on any tab, the page says its
language, every control is labelled, and Tab reaches the try-it panel from the top of
the page without being trapped."""

import shutil

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from dashboard.app import create_app
from dashboard.tabs import TABS

from .conftest import CHROMIUM
from .tabs import open_tab
from .test_tabs import TAB_CONTENT

browser = pytest.mark.skipif(CHROMIUM is None or shutil.which("chromedriver") is None,
                             reason="no chromium and chromedriver")
SERIOUS = {"serious", "critical"}
TAB_PRESSES = 60  # Tab presses allowed from the top of the page to the try-it text box
GRID_PRESSES = 4  # Tab presses from "Download CSV" that must take the focus past the grid


def serious_violations(driver) -> list[str]:
    """axe-core's serious and critical violations on the page as it is, one line each:
    the rule and the first elements it names."""
    axe = Axe(driver)
    axe.inject()
    found = axe.run()["violations"]
    return [f"{v['id']} ({v['impact']}): " + ", ".join(
                str(node["target"]) for node in v["nodes"][:3])
            for v in found if v["impact"] in SERIOUS]


@browser
def test_axe_finds_no_serious_or_critical_violation_on_any_tab(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.wait_for_element("#cards .card", timeout=20)
    found = {}
    for tab in TABS:
        open_tab(dash_duo, tab)
        dash_duo.wait_for_element(TAB_CONTENT[tab], timeout=20)
        found[tab] = serious_violations(dash_duo.driver)
    assert not any(found.values()), "\n".join(
        f"{tab}: {line}" for tab, lines in found.items() for line in lines)


@browser
def test_the_page_says_its_language_and_labels_every_control(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.wait_for_element("#cards .card", timeout=20)
    driver = dash_duo.driver
    assert driver.find_element("tag name", "html").get_attribute("lang") == "en"
    # the filters' dropdowns announce their label, not their placeholder "all"
    for control in ("f-category", "f-agency", "f-publisher", "f-place", "f-country",
                    "f-admin1", "f-scope"):
        names = driver.execute_script(
            "const box = document.getElementById(arguments[0]).closest('.dash-dropdown-wrapper');"
            "return [...box.querySelectorAll('input, button')].map(e => (e.getAttribute("
            "'aria-labelledby') || '').split(' ').map(id => document.getElementById(id))"
            ".filter(Boolean).map(n => n.textContent.trim()).join(' '))", control)
        label = driver.find_element("id", f"{control}-label").text
        assert len(names) == 2 and all(n.startswith(label + " ") for n in names), (control, names)
    # the other controls have a label or a name
    for control in ("f-dates", "f-as-of", "f-named"):
        assert driver.execute_script(
            "const e = document.getElementById(arguments[0]);"
            "return e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')"
            " || (e.labels && e.labels.length)", control), control


def focused_id(driver) -> str:
    """The id of the focused element, or of its nearest ancestor with one."""
    return driver.execute_script(
        "let e = document.activeElement;"
        "while (e && !e.id) e = e.parentElement;"
        "return e ? e.id : ''")


@browser
def test_tab_reaches_the_try_it_box_from_the_top_without_being_trapped(
        dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.driver.get(dash_duo.server_url + "/?tab=try-it")
    dash_duo.wait_for_element("#try-text", timeout=20)
    driver = dash_duo.driver
    driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    seen = []
    for _ in range(TAB_PRESSES):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        seen.append(focused_id(driver))
        if seen[-1] == "try-text":
            break
    assert seen[-1] == "try-text", seen
    # on the Table tab, the grid is one Tab stop: Tab leaves it (arrow keys move in it)
    open_tab(dash_duo, "table")
    dash_duo.wait_for_element(TAB_CONTENT["table"], timeout=20)
    dash_duo.find_element("#download-link").send_keys("")  # focus just before the grid
    seen = []
    for _ in range(GRID_PRESSES):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        seen.append(focused_id(driver))
    assert "evidence" in seen and seen[-1] != "evidence", seen
    # the filters stay in reach of the keyboard: from a header, down to its filter
    header = dash_duo.find_element("#evidence .ag-header-cell[col-id='agency']")
    driver.execute_script("arguments[0].focus()", header)
    ActionChains(driver).send_keys(Keys.ARROW_DOWN).send_keys(Keys.ENTER).perform()
    box = driver.switch_to.active_element
    assert box.tag_name == "input" and "ag-floating-filter" in driver.execute_script(
        "return arguments[0].closest('.ag-floating-filter')?.className || ''", box)
