"""The text summary before each chart says what it shows: categories, how many agencies,
points, groups or places, and the largest value with its agency and date."""

import shutil

import pandas as pd
import pytest

from dashboard.app import create_app
from dashboard.chart_summary import NOTHING, by_date_summary, countries_summary, map_summary
from dashboard.comparison import comparison_summary
from dashboard.maps import POINT_COLUMNS

from .conftest import CHROMIUM
from .tabs import open_tab
from .test_headlines import ARMY, FRONT, MINISTRY_ORSEL, WHO_ORSEL, comparison_of, store_of

browser = pytest.mark.skipif(CHROMIUM is None or shutil.which("chromedriver") is None,
                             reason="no chromium and chromedriver")


def points(*rows: tuple) -> pd.DataFrame:
    """By-date points of (agency, category, value, day), exact figures."""
    frame = pd.DataFrame(rows, columns=["agency", "category", "value", "x"])
    return frame.assign(x=pd.to_datetime(frame["x"]), low=pd.NA, high=pd.NA,
                        qualifier="exact")


def test_the_by_date_summary_names_categories_counts_and_the_largest_per_category():
    found = points(("Ministry of Health", "killed", 5300, "2026-04-12"),
                   ("Ministry of Health", "killed", 5100, "2026-04-10"),
                   ("UNHCR", "wounded", 15, "2026-04-11"),
                   ("WHO", "killed", 4900, "2026-04-13"))
    assert by_date_summary(found) == (
        "Figures by date of killed and wounded: 3 of 3 agencies shown, 4 points. Largest: "
        "killed 5,300 (Ministry of Health, 12 Apr 2026); wounded 15 (UNHCR, 11 Apr 2026).")
    # the agencies chosen are the ones counted and searched for the largest
    assert by_date_summary(found, ("WHO",)) == (
        "Figures by date of killed: 1 of 3 agencies shown, 1 point. Largest: killed 4,900 "
        "(WHO, 13 Apr 2026).")


def test_the_by_date_summary_counts_only_the_agencies_the_chart_shows():
    many = points(*[(f"Agency {n:02}", "killed", 10 + n, "2026-04-01") for n in range(14)],
                  ("Agency 00", "killed", 1, "2026-04-02"))
    summary = by_date_summary(many)
    # the 12 with most points: Agency 00 (two points) and 01..11; 12 and 13 are left out
    assert "12 of 14 agencies shown, 13 points" in summary
    assert summary.endswith("Largest: killed 21 (Agency 11, 1 Apr 2026).")


def test_an_empty_view_or_no_agency_shown_says_the_chart_shows_nothing():
    assert by_date_summary(points()) == NOTHING
    assert by_date_summary(points(("WHO", "killed", 3, "2026-04-01")), ("MSF",)) == NOTHING


def test_the_comparison_summary_names_the_largest_gap_with_its_agencies(tmp_path):
    url = store_of(tmp_path, [ARMY, FRONT, MINISTRY_ORSEL, WHO_ORSEL])
    bars, groups = comparison_of(url)
    assert comparison_summary(bars, "killed", groups) == (
        "Where agencies disagree on killed: 2 of 2 groups shown, 4 bars. Largest gap, in "
        f"1. toll · rebels · Orsel: 1,100 rebels, 12 Apr 2026 ({bars.iloc[0]['agency']}) "
        f"against 180 rebels, 12 Apr 2026 ({bars.iloc[1]['agency']}).")
    first, groups = comparison_of(url, groups=1)
    assert comparison_summary(first, "killed", groups).startswith(
        "Where agencies disagree on killed: 1 of 2 groups shown, 2 bars.")
    assert comparison_summary(bars.iloc[:0], "wounded", 0) == (
        "No wounded figures where two agencies or more count the same people in the same "
        "place.")


def map_points(*rows: dict, unplaced: int = 0) -> pd.DataFrame:
    frame = pd.DataFrame([{c: row.get(c) for c in POINT_COLUMNS} for row in rows],
                         columns=POINT_COLUMNS)
    frame.attrs["unplaced"] = unplaced
    return frame


MOPTI = {"place_name": "Mopti", "admin1": "Mopti", "country": "Mali", "country_code": "MLI",
         "lat": 14.5, "lon": -4.2}
GAO = {"place_name": "Gao", "admin1": "Gao", "country": "Mali", "country_code": "MLI",
       "lat": 16.3, "lon": -0.04}


def test_the_map_summary_counts_places_and_names_the_largest_with_its_basis():
    found = map_points(
        {**MOPTI, "category": "killed", "value": 40.0, "basis": "toll",
         "as_of": pd.Timestamp("2026-03-02"), "latest": pd.Timestamp("2026-03-02")},
        {**GAO, "category": "killed", "value": 12.0, "basis": "incidents", "as_of": pd.NaT,
         "latest": pd.Timestamp("2026-03-05")},
        {**GAO, "category": "wounded", "value": 60.0, "basis": "incidents", "as_of": pd.NaT,
         "latest": pd.Timestamp("2026-03-06")}, unplaced=3)
    assert map_summary(found) == (
        "Map of killed and wounded by place: 2 places. Largest: wounded 60 at Gao (incidents, "
        "latest report 6 Mar 2026). 3 figures without a place not shown.")
    assert map_summary(map_points(unplaced=1)) == (
        "The map shows no places. 1 figure without a place not shown.")


def test_the_countries_summary_names_the_largest_latest_toll():
    tolls = pd.DataFrame([
        {"country_code": "SDN", "country": "Sudan", "value": 1200.0, "scope": "toll",
         "day": pd.Timestamp("2026-03-14"), "agency": "WHO", "figure_id": "s"},
        {"country_code": "LBY", "country": "Libya", "value": 900.0, "scope": "toll",
         "day": pd.Timestamp("2026-03-01"), "agency": "OCHA", "figure_id": "l"}])
    assert countries_summary(tolls, "killed") == (
        "Map of countries by their latest killed toll or stock: 2 countries. Largest: Sudan "
        "1,200 (toll, WHO, 14 Mar 2026).")
    assert countries_summary(tolls.iloc[:0], "wounded") == (
        "The map shows no country-wide wounded toll or stock.")


@browser
def test_each_chart_has_its_summary_before_it_and_a_filter_changes_them(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.wait_for_contains_text("#timeseries-summary", "Figures by date of killed, wounded",
                                    timeout=20)
    dash_duo.wait_for_contains_text("#comparison-summary", "Where agencies disagree on killed",
                                    timeout=20)
    driver = dash_duo.driver
    for chart in ("timeseries", "comparison"):
        # a note right before its graph
        assert driver.execute_script(
            "const note = document.getElementById(arguments[0] + '-summary');"
            "return note.getAttribute('role') === 'note' && "
            "note.nextElementSibling.id === arguments[0]", chart), chart
    open_tab(dash_duo, "map")
    dash_duo.wait_for_contains_text("#map-summary", "Map of killed and wounded by place",
                                    timeout=20)
    dash_duo.select_dcc_dropdown("#f-category", value="wounded")
    dash_duo.wait_for_contains_text("#map-summary", "Map of wounded by place", timeout=20)
    open_tab(dash_duo, "chart")
    dash_duo.wait_for_contains_text("#timeseries-summary", "Figures by date of wounded:",
                                    timeout=20)
    dash_duo.wait_for_contains_text("#comparison-summary", "on wounded", timeout=20)
