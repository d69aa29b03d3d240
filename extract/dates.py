"""Dates in reports: when an agency stated a figure, and what period the figure covers.

Date words are found with our own patterns; dateparser only resolves the explicit
dates they find ("5 March", "March 5, 2026") against the publication date. Nothing
is guessed: a date that cannot be resolved stays empty.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from .lexicon import alternation, words

WEEKDAYS = tuple(words("weekdays"))
# a month's name, or its short form with or without a dot (a full name takes no dot: the
# sentence's own stop is not part of "9 March.")
_MONTH = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|jun(?:e|\.)?|jul(?:y|\.)?|"
    r"aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

# One date expression: a weekday, yesterday/today, or a day and month (with a year).
DATE_PATTERN = rf"""
    (?P<weekday>{"|".join(WEEKDAYS)})(?:\s+(?:morning|afternoon|evening|night))?
  | (?P<relative>yesterday|today|tonight|last\s+night)
  | (?P<explicit>{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?)
"""
_F = regex.IGNORECASE | regex.VERBOSE
_DATE = regex.compile(rf"\b(?:{DATE_PATTERN})\b", _F)

# The words around a statement that give its date: "said Thursday", "said on
# 5 March", "said in a statement on Saturday", "as of 12 March", "released on Monday".
_DATED_VERBS = words("speech_verbs_dated") + words("publishing_verbs")
_SPEECH = rf"(?:{alternation(_DATED_VERBS)}|told\s+\w+(?:\s+\w+)?)"
REPORT_DATE = regex.compile(
    rf"""\b{_SPEECH}\s+(?:(?:in|on)\s+(?:a|its|their|his|her)\s+(?:\w+\s+){{0,2}}?
              (?:statement|report|update|briefing|bulletin|conference|website|post)\s+)?
        (?:late\s+|early\s+)?(?:on\s+)?(?P<date>{DATE_PATTERN})\b
      | \bas\s+of\s+(?P<date>{DATE_PATTERN})\b
      | \([^()]{{1,80}}?,\s*(?P<date>{DATE_PATTERN})\s*\)  # a citation: (Ministry of Health, 3 May)""",
    _F,
)

# What every match of REPORT_DATE holds, looked for first in the case-folded sentence with the
# standard library's faster engine
_REPORT_HINT = re.compile(
    rf"(?<![a-z0-9_])(?:{alternation(_DATED_VERBS)}|told|as\s)|\("
)
# ... and what every date of DATE_PATTERN holds (a weekday, "yesterday", "today", "tonight" or
# "last night", a month): most sentences with a speech verb name no day
_DATE_HINT = re.compile("|".join([*WEEKDAYS, "yesterday", "today", "night",
                                   *(m[:3] for m in words("months"))]))
# the two letters whose case-folding leaves no plain "i", though the patterns, ignoring case,
# read them as one ("İ" folds to "i" and a combining dot)
_FOLDED_I = str.maketrans({"\u0307": None, "\u0131": "i"})

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3,
    "several": 3,
}
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365}

# What a figure covers: "in the past week", "since 2 March", "in ten days of fighting",
# "since the fighting began", "overnight", "on Tuesday".
PERIOD = regex.compile(
    rf"""\b(?:
        (?P<past>(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+
            (?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several|24)?\s*
            (?P<unit>hours?|days?|weeks?|months?))
      | (?P<since>since\s+(?:(?P<sdate>{DATE_PATTERN})(?!\w)   # (not "January 20" of "January 2018")
                            |(?P<smonth>{_MONTH})(?:\s+(?P<syear>{_YEAR}))?(?!\w)  # since April (2019)
                            |(?P<yearonly>{_YEAR})\b                                  # since 2015
                            |(?:the|early|late|mid)[-\s][^,.;]{{1,60}}?
            (?=[,.;]|\s+(?:the|a|and|according|when|as|in\s+the)\b|$)))
      | (?P<span>in\s+(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+
            (?:hours?|days?|weeks?|months?)(?:\s+of\s+(?:fighting|clashes|violence|war))?)
      | (?P<night>overnight|last\s+night)
      | (?P<on>on\s+(?P<odate>{DATE_PATTERN})(?!\w)(?:\s+and\s+(?P<oday2>{"|".join(WEEKDAYS)}))?)
      | (?P<calendar>(?P<which>last|this|earlier\s+this|past)\s+(?P<cunit>week|month|year)\b)
      | (?P<range>(?:between|from)\s+(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?\s+(?:and|to|until|till)\s+
                  (?P<d2>{_DAY})\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?
                | (?:between|from)\s+(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\s+(?:and|to|until|till)\s+
                  (?:(?P<m2>{_MONTH})\s+)?(?P<d2>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?
                | (?P<d1>{_DAY})\s*[-–]\s*(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?)\b
    )""",
    _F,
)

# What every match of PERIOD starts with (a digit only in a range of days, "3-5 May"), looked
# for first in the case-folded sentence with the standard library's faster engine
_PERIOD_HINT = re.compile(
    r"(?<![a-z0-9_])(?:(?:in|over|during|within|since|last|on|this|earlier|past|between|from)\s"
    r"|overnight)|\d(?:st|nd|rd|th)?\s*[-–]"
)


@dataclass(frozen=True, slots=True)
class Period:
    """The period a figure covers, as written, with its dates where they resolve."""

    text: str
    start: dt.date | None
    end: dt.date | None


def resolve_date(words: str, published: dt.date | None) -> dt.date | None:
    """The date that date words name, read against the publication date; None if unsure."""
    words = " ".join(words.lower().split()).rstrip(".")  # ("3 Jan." at a sentence's end)
    m = _DATE.fullmatch(words)
    if m is None:
        return None
    if m.group("weekday"):
        if published is None:
            return None
        weekday = WEEKDAYS.index(m.group("weekday"))
        return published - dt.timedelta(days=(published.weekday() - weekday) % 7)
    if m.group("relative"):
        if published is None:
            return None
        return published - dt.timedelta(days=0 if m.group("relative") in ("today", "tonight") else 1)
    return _explicit(m.group("explicit"), published)


@lru_cache(maxsize=4096)
def _explicit(words: str, published: dt.date | None) -> dt.date | None:
    import dateparser  # slow to import: only when an explicit date needs resolving

    has_year = regex.search(_YEAR, words) is not None
    if not has_year and published is None:
        return None
    base = dt.datetime.combine(published or dt.date.today(), dt.time())
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    parsed = dateparser.parse(regex.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", words), languages=["en"],
                              settings=settings)
    return parsed.date() if parsed else None


def report_date(sentence: str, published: dt.date | None) -> tuple[dt.date | None, tuple[int, int] | None]:
    """When the statement in a sentence was made ("said Thursday"), and the date words' span."""
    folded = sentence.casefold()
    if _REPORT_HINT.search(folded) is None:
        return None, None
    if "\u0307" in folded or "\u0131" in folded:
        folded = folded.translate(_FOLDED_I)
    if _DATE_HINT.search(folded) is None:
        return None, None
    for m in REPORT_DATE.finditer(sentence):
        when = resolve_date(m.group("date"), published)
        if when is not None:
            return when, m.span("date")
    return None, None


def _calendar(which: str, unit: str, anchor: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """The dates of "last week", "this month", "earlier this year" (weeks start on Monday)."""
    if anchor is None:
        return None, None
    which, unit = " ".join(which.lower().split()), unit.lower()
    if which == "past":  # "the past week": the days up to now
        return anchor - dt.timedelta(days=_UNIT_DAYS[unit]), anchor
    if unit == "week":
        start = anchor - dt.timedelta(days=anchor.weekday())
    elif unit == "month":
        start = anchor.replace(day=1)
    else:
        start = anchor.replace(month=1, day=1)
    if which != "last":
        return start, anchor
    end = start - dt.timedelta(days=1)
    if unit == "week":
        return end - dt.timedelta(days=6), end
    return (end.replace(day=1) if unit == "month" else end.replace(month=1, day=1)), end


_MONTH_PREFIXES = [month[:3] for month in words("months")]


def _month_start(month: str | None, year: str | None, anchor: dt.date | None) -> dt.date | None:
    """The first day that "April", "April 2019" or "2015" names: without a year, the latest such
    month up to the anchor."""
    number = _MONTH_PREFIXES.index(month.lower()[:3]) + 1 if month else 1
    if year:
        return dt.date(int(year), number, 1)
    if anchor is None:
        return None
    start = dt.date(anchor.year, number, 1)
    return start if start <= anchor else start.replace(year=anchor.year - 1)


def find_period(sentence: str, reported: dt.date | None, published: dt.date | None,
                skip: tuple[int, int] | None = None) -> Period | None:
    """The period a sentence's figures cover, if it states one (not the report date itself)."""
    if _PERIOD_HINT.search(sentence.casefold()) is None:
        return None
    anchor = reported or published
    for m in PERIOD.finditer(sentence):
        if skip and m.start() <= skip[0] < m.end():
            continue
        text = m.group(0)
        if m.group("past"):
            word = (m.group("n") or "one").lower()
            n = int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 1)
            unit = m.group("unit").lower()
            days = -(-n // 24) if unit.startswith("hour") else n * _UNIT_DAYS[unit]  # 24 hours: a day
            if anchor is None or days == 0:
                return Period(text, None, anchor)
            return Period(text, anchor - dt.timedelta(days=days), anchor)
        if m.group("calendar"):
            start, end = _calendar(m.group("which"), m.group("cunit"), anchor)
            return Period(text, start, end)
        if m.group("range"):
            year = f" {m.group('y')}" if m.group("y") else ""
            end = resolve_date(f"{m.group('d2')} {m.group('m2') or m.group('m1')}{year}", published)
            start = resolve_date(f"{m.group('d1')} {m.group('m1') or m.group('m2')}{year}", published)
            if start and end and start > end:  # "from 28 to 3 May" reads as a range within May
                start = None
            return Period(text, start, end if start else None)
        if m.group("since"):
            if m.group("sdate"):
                start = resolve_date(m.group("sdate"), published)
            elif m.group("smonth") or m.group("yearonly"):
                start = _month_start(m.group("smonth"), m.group("syear") or m.group("yearonly"), anchor)
            else:
                start = None
            return Period(text, start, anchor if start else None)
        if m.group("on"):  # "on Tuesday", "on Tuesday and Wednesday"
            day = resolve_date(m.group("odate"), published)
            first = m.group("odate").split()[0].lower()
            if m.group("oday2") and first in WEEKDAYS and (last := resolve_date(m.group("oday2"), published)):
                # the first day is the one before the second: "on Saturday and Sunday", read on a
                # Saturday, is last weekend
                back = (last.weekday() - WEEKDAYS.index(first)) % 7
                return Period(text, last - dt.timedelta(days=back), last)
            return Period(text, day, day)
        if m.group("night"):
            return Period(text, None, anchor)
        return Period(text, None, None)
    return None
