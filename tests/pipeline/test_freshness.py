"""A source's freshness by HDX's rule, at fixed times: fresh while its newest document is
younger than its expected interval, then due, overdue and delinquent at HDX's ages."""

import datetime as dt

import pytest

from pipeline.freshness import freshness, interval_text, parse_interval, thresholds

NOW = dt.datetime(2026, 3, 20, 12, 0)
DAY, HOUR = dt.timedelta(days=1), dt.timedelta(hours=1)


def status(age: dt.timedelta, interval: str | None) -> str:
    return freshness(NOW - age, parse_interval(interval) if interval else None, NOW)


@pytest.mark.parametrize(("interval", "age", "expected"), [
    # a week: HDX's due at 7 days, overdue at 14, delinquent at 21
    ("7 days", 6 * DAY + 23 * HOUR, "fresh"), ("7 days", 7 * DAY, "due"),
    ("7 days", 13 * DAY, "due"), ("7 days", 14 * DAY, "overdue"),
    ("1 week", 20 * DAY, "overdue"), ("7 days", 21 * DAY, "delinquent"),
    # a day: due at 1, overdue at 2, delinquent at 3
    ("1 day", 23 * HOUR, "fresh"), ("1 day", 25 * HOUR, "due"),
    ("1 day", 2 * DAY, "overdue"), ("24 hours", 3 * DAY, "delinquent"),
    # a month (30 days): overdue at 44 days, delinquent at 60
    ("1 month", 29 * DAY, "fresh"), ("30 days", 43 * DAY, "due"),
    ("30 days", 44 * DAY, "overdue"), ("30 days", 60 * DAY, "delinquent"),
    # a year: overdue at 425 days, delinquent at 455
    ("1 year", 424 * DAY, "due"), ("365 days", 425 * DAY, "overdue"),
    ("1 year", 455 * DAY, "delinquent"),
    # between HDX's frequencies: the grace periods of the next shorter (3 days: 2's, +2 +4)
    ("3 days", 2 * DAY, "fresh"), ("3 days", 4 * DAY, "due"), ("3 days", 5 * DAY, "overdue"),
    ("3 days", 7 * DAY, "delinquent"),
    # under a day: the daily row scaled (6 hours: overdue at 12, delinquent at 18)
    ("6 hours", 5 * HOUR, "fresh"), ("6 hours", 11 * HOUR, "due"),
    ("6 hours", 12 * HOUR, "overdue"), ("6 hours", 18 * HOUR, "delinquent"),
    # a document stored after "now" (clocks apart) is not old
    ("1 day", -HOUR, "fresh"),
    # no interval set: nothing is judged
    (None, 400 * DAY, "not set"),
])
def test_the_status_follows_hdx_ages(interval, age, expected):
    assert status(age, interval) == expected


def test_a_source_that_gave_nothing_yet_is_said_so():
    assert freshness(None, DAY, NOW) == "nothing stored"
    assert freshness(None, None, NOW) == "not set"


def test_hdx_frequencies_keep_hdx_thresholds():
    assert thresholds(14 * DAY) == (14 * DAY, 21 * DAY, 28 * DAY)
    assert thresholds(90 * DAY) == (90 * DAY, 120 * DAY, 150 * DAY)
    assert thresholds(1000 * DAY) == (1000 * DAY, 1055 * DAY, 1110 * DAY)  # 730's, +55 +110


@pytest.mark.parametrize(("text", "interval", "shown"), [
    ("1 day", DAY, "1 day"), ("7 days", 7 * DAY, "7 days"), ("2 Weeks", 14 * DAY, "14 days"),
    (" 12 hours ", 12 * HOUR, "12 hours"), ("90 minutes", 90 * dt.timedelta(minutes=1),
                                             "90 minutes"),
    ("1 month", 30 * DAY, "30 days"), ("48hours", 2 * DAY, "2 days")])
def test_intervals_are_read_and_written_back(text, interval, shown):
    assert parse_interval(text) == interval
    assert interval_text(interval) == shown


@pytest.mark.parametrize("text", ["", "daily", "0 days", "-1 day", "1.5 days", "7", "7 fortnights",
                                  "1 day 2 hours", "9999999 days"])
def test_other_intervals_are_refused_saying_what_is_accepted(text):
    with pytest.raises(ValueError, match=r"is not an interval: write a whole number above 0"):
        parse_interval(text)
