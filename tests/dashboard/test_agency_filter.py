"""The agency filter finds an agency by its acronym or any of its names, and shows the
acronym with the name; generic sources are one choice per group."""

import shutil

import pytest
from selenium.webdriver.common.by import By

from dashboard.agency_options import agency_label, agency_option
from dashboard.app import create_app
from dashboard.callbacks import filter_options
from dashboard.data import StoreData
from pipeline.store import open_store

from ..rows import a_document, a_figure
from .conftest import CHROMIUM
from .grid import wait_for

OCHA = "UN Office for the Coordination of Humanitarian Affairs"
MSF = "Médecins Sans Frontières"


def test_an_agency_of_the_table_is_shown_with_its_acronym():
    assert agency_label(OCHA) == f"OCHA — {OCHA}"
    assert agency_label("World Health Organization") == "WHO — World Health Organization"
    assert agency_label("UNICEF") == "UNICEF"  # its name is its acronym
    assert agency_label("Amnesty International") == "Amnesty International"  # none
    assert agency_label("unnamed: officials") == "unnamed: officials"
    assert agency_label("Orsel Regional Hospital") == "Orsel Regional Hospital"


def test_an_option_is_searched_by_every_name_of_its_agency():
    option = agency_option(MSF, 5)
    assert (option["label"], option["value"]) == (f"MSF — {MSF} (5)", MSF)
    assert "Doctors Without Borders" in option["search"] and "MSF" in option["search"]
    assert "search" not in agency_option("unnamed: residents", 2)


def agencies_store(tmp_path) -> str:
    """A report whose figures OCHA, MSF, the ICRC, the WHO and two unnamed groups stated."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = open_store(url)
    stated = [OCHA, MSF, "International Committee of the Red Cross", "World Health Organization",
              "unnamed: officials", "unnamed: officials", "unnamed: residents"]
    store.write([(a_document(), [a_figure(f"{k:016d}", 10 + k, start=3 * k, end=3 * k + 2,
                                          agency=agency)
                                 for k, agency in enumerate(stated)])])
    store.engine.dispose()
    return url


def test_the_filter_lists_each_group_once_with_its_count(tmp_path):
    data = StoreData(agencies_store(tmp_path))
    data.refresh_if_changed()
    options = filter_options(data)["agency"]
    assert options[0] == {"label": "unnamed: officials (2)", "value": "unnamed: officials"}
    assert {"label": "ICRC — International Committee of the Red Cross (1)",
            "value": "International Committee of the Red Cross"} == {
        k: v for k, v in next(o for o in options if o["value"].startswith("International"))
        .items() if k != "search"}


def shown_for(dash_duo, typed: str, expected: str) -> list[str]:
    """The agency filter's choices shown after typing `typed` in its search box, once
    `expected` is among them."""
    dash_duo.find_element("#f-agency").click()
    box = dash_duo.find_element(".dash-dropdown-search")
    box.clear()
    box.send_keys(typed)

    def options() -> list[str]:
        return [o.text for o in dash_duo.driver.find_elements(
            By.CSS_SELECTOR, ".dash-dropdown-options .dash-dropdown-option")]

    wait_for(lambda: expected in options())
    found = options()
    dash_duo.find_element("#freshness").click()  # (closes the menu)
    return found


@pytest.mark.skipif(CHROMIUM is None or shutil.which("chromedriver") is None,
                    reason="no chromium and chromedriver (make test installs them)")
def test_typing_an_acronym_or_an_alias_finds_the_agency(dash_duo, tmp_path):
    dash_duo.start_server(create_app(agencies_store(tmp_path)))
    dash_duo.wait_for_element("#cards .card", timeout=20)
    for typed, expected in [("OCHA", f"OCHA — {OCHA} (1)"), ("MSF", f"MSF — {MSF} (1)"),
                            ("Doctors Without Borders", f"MSF — {MSF} (1)"),
                            ("ICRC", "ICRC — International Committee of the Red Cross (1)"),
                            ("WHO", "WHO — World Health Organization (1)")]:
        assert shown_for(dash_duo, typed, expected) == [expected], typed
    assert dash_duo.get_logs() == []
