"""The tidy table: one row per stated figure, with its evidence (see ../design.md)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import regex

from .attribution import Attributor
from .dates import find_period, report_date
from .invisible import clean
from .lexicon import words
from .mentions import find_mentions, screen_sentences
from .tables import LayoutFigures

if TYPE_CHECKING:  # pandas is imported where a table is built, so `totals` starts faster
    import pandas as pd

COLUMNS = [
    "figure_id", "doc_id", "category", "value", "low", "high", "qualifier", "number_text",
    "subject", "subset", "agency", "agency_text", "attribution", "report_date", "period",
    "period_start", "period_end", "location", "sentence", "start", "end", "title", "url",
    "publisher", "published",
]
DATE_COLUMNS = ["report_date", "period_start", "period_end", "published"]
INT_COLUMNS = ["value", "low", "high", "start", "end"]


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
    location: str
    sentence: str
    start: int
    end: int
    title: str
    url: str
    publisher: str
    published: dt.date | None


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


_LOCATION = regex.compile(
    r"""\b(?:in|near|at|outside|around|across)\s+(?:the\s+)?(?:(?:town|city|village|district|
        province|region|state|capital|suburb|camp)\s+of\s+)?
        (?P<loc>(?-i:\p{Lu}[\w'’-]+)(?:\s+(?-i:\p{Lu}[\w'’-]+)){0,3})""",
    regex.IGNORECASE | regex.VERBOSE,
)
# what every match of _LOCATION starts with, looked for first in the case-folded sentence
_LOCATION_HINT = re.compile(r"(?<![a-z0-9_])(?:in|near|at|outside|around|across)\s")
_NOT_PLACES = regex.compile(
    rf"(?i)^(?:{'|'.join(words('weekdays') + words('months'))}|the|a|an|least|all|"
    r"his|her|their|its|this|that|which|what|some|most|one|two)\b"
)


def find_places(sentence: str, skip: set[str]) -> list[tuple[int, str]]:
    """Every place named in a sentence ("in <Place>"), as (start, name), in order; names in
    `skip` (the sentence's agencies) are no places."""
    if _LOCATION_HINT.search(sentence.casefold()) is None:
        return []
    return [
        (m.start(), m.group("loc")) for m in _LOCATION.finditer(sentence)
        if not _NOT_PLACES.match(m.group("loc")) and m.group("loc") not in skip
    ]


def find_location(places: list[tuple[int, str]], position: int) -> str:
    """The place a figure at `position` refers to: the nearest of the sentence's places after
    it, else the last one before it."""
    if not places:
        return ""
    k = bisect_left(places, position, key=lambda place: place[0])
    return places[k][1] if k < len(places) else places[-1][1]


def extract_figures(
    text: str,
    published: dt.date | str | None = None,
    publisher: str | None = None,
    title: str = "",
    url: str = "",
) -> list[Figure]:
    """Every casualty figure stated in a document, with who stated it, when, and where.

    The text is read without format characters (a zero-width space, a direction mark, a soft
    hyphen) and with full-width digits as digits; `start`, `end`, `number_text` and
    `sentence` are still the original text's, so that `text[start:end] == number_text`.
    """
    published_date = as_date(published)
    did = doc_id(text)
    attributor = Attributor(publisher)
    figures: list[Figure] = []
    cleaned = clean(text)
    layout = LayoutFigures(cleaned, attributor, published_date)  # tables and lists (tables.py)
    for sentence, holds in screen_sentences(cleaned.text):
        sources = attributor.sources(sentence.text)  # (every sentence: a source carries over)
        layout.read(sentence, sources)
        if not holds:
            continue
        mentions = find_mentions(sentence.text, screened=True)
        if not mentions:
            continue
        reported, date_span = report_date(sentence.text, published_date)
        period = find_period(sentence.text, reported, published_date, skip=date_span)
        places = find_places(sentence.text, {s.agency for s in sources})
        evidence = cleaned.span(sentence.start, sentence.end)
        for m in mentions:
            source = attributor.choose(sources, m.quantity.start, sentence.text)
            start = cleaned.start(sentence.start + m.quantity.start)
            end = cleaned.end(sentence.start + m.quantity.end)
            stated_on = reported if source.attribution not in ("publisher", "carried") else None
            figure_id = hashlib.sha1(f"{did}:{start}:{end}:{m.category}".encode()).hexdigest()[:16]
            figures.append(
                Figure(
                    figure_id=figure_id,
                    doc_id=did,
                    category=m.category,
                    value=m.quantity.value,
                    low=m.quantity.low,
                    high=m.quantity.high,
                    qualifier=m.quantity.qualifier,
                    number_text=text[start:end],
                    subject=m.subject,
                    subset=m.subset,
                    agency=source.agency,
                    agency_text=source.text,
                    attribution=source.attribution,
                    report_date=stated_on,
                    period=period.text if period else "",
                    period_start=period.start if period else None,
                    period_end=period.end if period else None,
                    location=find_location(places, m.quantity.start),
                    sentence=evidence,
                    start=start,
                    end=end,
                    title=title,
                    url=url,
                    publisher=publisher or "",
                    published=published_date,
                )
            )
    return layout.figures(figures, did, title, url, publisher or "", published_date)


def figures_frame(figures: list[Figure]) -> pd.DataFrame:
    """The tidy table of figures, with the design's columns in their fixed order."""
    import pandas as pd

    return typed_frame(pd.DataFrame([asdict(f) for f in figures], columns=COLUMNS))


def typed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A table with the design's columns, in order and with their types (nullable integers,
    dates, booleans), from figures or from a store."""
    import pandas as pd

    frame = frame.reindex(columns=COLUMNS)
    for column in INT_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    for column in DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column]).dt.date
    frame["subset"] = frame["subset"].astype(bool)
    return frame
