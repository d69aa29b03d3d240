"""How fresh a source is, by HDX's data freshness rule: a source's `expected_interval` (how
often it should give a new document, set in the sources file) against the age of the
newest document the store holds from it.

HDX (the Humanitarian Data Exchange) calls data fresh while its age is under its expected
update frequency f, then due, overdue from f plus a grace period and delinquent from f plus
a longer one; the grace periods depend on f (a week's are 7 and 14 days, a month's 14 and 30:
`HDX_AGING`, from the configuration of OCHA-DAP/hdx-data-freshness). An interval between
HDX's frequencies takes the grace periods of the next shorter one; one under a day, the
daily row's scaled to it (overdue at twice the interval, delinquent at three times).
See docs/design.md, "Source freshness".
"""

from __future__ import annotations

import datetime as dt
import re

STATUSES = ("fresh", "due", "overdue", "delinquent")
DAY = dt.timedelta(days=1)
# HDX's frequencies in days: (age at which data is due, overdue, delinquent), in days
HDX_AGING: dict[int, tuple[int, int, int]] = {
    1: (1, 2, 3), 2: (2, 4, 6), 7: (7, 14, 21), 14: (14, 21, 28), 30: (30, 44, 60),
    60: (60, 84, 108), 90: (90, 120, 150), 120: (120, 147, 174), 180: (180, 210, 240),
    300: (300, 342, 384), 365: (365, 425, 455), 730: (730, 785, 840),
}
UNITS = {"minute": dt.timedelta(minutes=1), "hour": dt.timedelta(hours=1), "day": DAY,
         "week": dt.timedelta(weeks=1), "month": 30 * DAY, "year": 365 * DAY}
_INTERVAL = re.compile(r"\s*(\d{1,6})\s*(minute|hour|day|week|month|year)s?\s*", re.IGNORECASE)


def parse_interval(text: str) -> dt.timedelta:
    """An interval written as a whole number and a unit: "1 day", "7 days", "12 hours",
    "2 weeks", "1 month" (30 days), "1 year" (365 days). ValueError, saying what is
    accepted, for anything else or for zero."""
    match = _INTERVAL.fullmatch(text)
    if not match or int(match[1]) == 0:
        raise ValueError(f"{text!r} is not an interval: write a whole number above 0 and a "
                         f"unit ({', '.join(UNITS)}), such as \"1 day\" or \"7 days\"")
    return int(match[1]) * UNITS[match[2].lower()]


def interval_text(interval: dt.timedelta) -> str:
    """An interval in the largest unit that divides it: "7 days" for a week's seconds, "1
    day", "90 minutes"."""
    for unit in ("day", "hour", "minute"):
        count, rest = divmod(interval, UNITS[unit])
        if count and not rest:
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{interval.total_seconds():g} seconds"


def thresholds(interval: dt.timedelta) -> tuple[dt.timedelta, dt.timedelta, dt.timedelta]:
    """The ages from which a source of this expected interval is due, overdue and
    delinquent (HDX's, for HDX's frequencies)."""
    if interval < DAY:
        return interval, 2 * interval, 3 * interval
    days = max(f for f in HDX_AGING if f * DAY <= interval)
    due, overdue, delinquent = (d * DAY for d in HDX_AGING[days])
    return interval, interval + overdue - due, interval + delinquent - due


def freshness(newest: dt.datetime | None, interval: dt.timedelta | None,
              now: dt.datetime) -> str:
    """"fresh", "due", "overdue" or "delinquent" for a source whose newest document was
    stored at `newest`, expected every `interval`, at time `now`; "not set" without an
    interval, "nothing stored" when the source gave no document yet."""
    if interval is None:
        return "not set"
    if newest is None:
        return "nothing stored"
    age = now - newest
    for status, reached in zip(reversed(STATUSES), reversed((dt.timedelta(0),
                                                             *thresholds(interval))),
                               strict=True):
        if age >= reached:
            return status
    return "fresh"  # stored after `now` (a clock set apart): not old at all
