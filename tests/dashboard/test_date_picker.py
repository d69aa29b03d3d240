"""The report-date picker opens on the months the store's figures hold, not on today's,
and allows only the days between its first and last figure."""

import datetime as dt
import shutil

import pytest

from dashboard.app import create_app
from dashboard.callbacks import date_range, filter_options
from dashboard.data import StoreData

from .conftest import CHROMIUM
from .grid import wait_for


def bounds(store_url: str) -> dict:
    data = StoreData(store_url)
    data.refresh_if_changed()
    return filter_options(data)["days"]


def test_the_bounds_are_the_first_and_last_day_of_the_figures(sample_store):
    days = bounds(sample_store)
    first = dt.date.fromisoformat(days["min_date_allowed"])
    last = dt.date.fromisoformat(days["max_date_allowed"])
    assert first < last < dt.date.today()
    assert days["initial_visible_month"] == days["max_date_allowed"]


def test_a_store_without_dated_figures_sets_no_bounds():
    assert date_range(None, None) == {"min_date_allowed": None, "max_date_allowed": None,
                                      "initial_visible_month": None}


@pytest.mark.skipif(CHROMIUM is None or shutil.which("chromedriver") is None,
                    reason="no chromium and chromedriver")
def test_the_picker_opens_on_the_month_of_the_latest_figure(dash_duo, sample_store):
    last = dt.date.fromisoformat(bounds(sample_store)["max_date_allowed"])
    dash_duo.start_server(create_app(sample_store))
    dash_duo.wait_for_element("#cards .card", timeout=20)
    dash_duo.find_element("#f-dates").click()
    wait_for(lambda: shown_month(dash_duo) == (last.strftime("%B"), str(last.year)))
    assert dash_duo.get_logs() == []


def shown_month(dash_duo) -> tuple[str, str] | None:
    """The month and year the open date picker shows (its month's name, without the
    hidden names it sizes its month box with, and its year box)."""
    found = dash_duo.driver.execute_script("""
        const shown = document.querySelector('.dash-datepicker-calendar-wrapper');
        if (!shown) return null;
        const copy = shown.cloneNode(true);
        copy.querySelectorAll('.dash-datepicker-month-sizer').forEach(e => e.remove());
        const month = copy.textContent.match(/[A-Z][a-z]+/);
        const year = [...shown.querySelectorAll('input')].map(i => i.value).find(
            v => /^[0-9]{4}$/.test(v));
        return month && year ? [month[0], year] : null;""")
    return tuple(found) if found else None
