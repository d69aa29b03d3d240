"""One row of the tidy table: the `Figure`, the table's columns, and the ids of a document
and of a figure (see docs/design.md, "The tidy table")."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

COLUMNS = [
    "figure_id", "doc_id", "category", "value", "low", "high", "qualifier", "number_text",
    "subject", "subset", "superseded", "scope", "agency", "agency_text", "attribution", "carrier",
    "report_date", "event_date", "event", "period", "period_start", "period_end",
    "place", "place_name", "admin1", "admin1_code", "country", "country_code", "lat", "lon",
    "geo_precision", "sentence", "start", "end",
    "times_stated", "title", "url", "publisher", "published",
]
DATE_COLUMNS = ["report_date", "event_date", "period_start", "period_end", "published"]
INT_COLUMNS = ["value", "low", "high", "start", "end", "times_stated", "event", "geo_precision"]
FLOAT_COLUMNS = ["lat", "lon"]
BOOL_COLUMNS = ["subset", "superseded"]
# what a figure counts: people affected by one event, a running total to the report date, how
# many are in a state (displaced, held) at the report date, a bounded period, or context
SCOPES = ("incident", "toll", "stock", "period", "background")


@dataclass(frozen=True, slots=True)
class Figure:
    """One stated casualty figure and its evidence."""

    figure_id: str
    doc_id: str
    category: str
    value: int
    low: int | None
    high: int | None
    qualifier: str
    number_text: str
    subject: str
    subset: bool
    agency: str
    agency_text: str
    attribution: str
    report_date: dt.date | None
    period: str
    period_start: dt.date | None
    period_end: dt.date | None
    place: str  # the place named with the figure, as written
    sentence: str
    start: int
    end: int
    title: str
    url: str
    publisher: str
    published: dt.date | None
    carrier: str = ""  # who relayed a chained source ("Reuters, citing the ministry")
    superseded: bool = False  # an old value the text replaces ("has gone up from 682 to 1,376")
    times_stated: int = 1  # how often the document states this figure (see merge_repeats)
    # what the figure counts (see SCOPES and extract/scope.py)
    scope: str = "incident"
    event_date: dt.date | None = None  # the day the incident happened, where the text says
    # the document's incident the figure belongs to: 0 the main one; None for a toll, a stock
    # or a period, which belong to no one incident
    event: int | None = 0
    # where `place` is, from the gazetteer (see docs/design.md, "The tidy table"); blank, and
    # None, where no place is named or none is found
    place_name: str = ""  # the gazetteer's name of the place
    admin1: str = ""  # its first-level administrative area ("Tripoli")
    admin1_code: str = ""  # that area's ISO 3166-2 code ("LY-TB")
    country: str = ""
    country_code: str = ""  # ISO 3166-1 alpha-3 ("LBY")
    lat: float | None = None
    lon: float | None = None
    # how exactly lat and lon place it: 1 the town or village itself, 2 a district or area
    # within the admin-1 area, 3 the admin-1 area, 4 the country
    geo_precision: int | None = None


def figure_id(doc: str, start: int, end: int, category: str) -> str:
    """A stable id for a figure: the hash of its document's id, its span and its category."""
    return hashlib.sha1(f"{doc}:{start}:{end}:{category}".encode()).hexdigest()[:16]


def doc_id(text: str) -> str:
    """A stable id for a document: the hash of its text with blank space normalised."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


def as_date(value: dt.date | str | None) -> dt.date | None:
    """A date from a date, a datetime or an ISO string; None when there is none."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None
