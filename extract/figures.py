"""The tidy table: one row per stated figure, with its evidence (see docs/design.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, replace
from typing import TYPE_CHECKING

from .attribution import Attributor
from .dates import find_period, report_date
from .invisible import clean
from .mentions import find_mentions, screen_sentences
from .places import read_places
from .reading import Mention
from .row import (
    BOOL_COLUMNS,
    COLUMNS,
    DATE_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    Figure,
    as_date,
    doc_id,
    figure_id,
)
from .scope import read_scopes
from .source_groups import grouped_agency
from .tables import LayoutFigures

if TYPE_CHECKING:  # pandas is imported where a table is built, so `totals` starts faster
    import pandas as pd

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
    Each figure's scope, event date and event are read over the whole document (scope.py).
    """
    published_date = as_date(published)
    did = doc_id(text)
    found: list[dict] = []  # the fields of each figure but its scope, read once all are found
    sentence_numbers: list[int] = []  # of each figure, for merge_repeats
    read: list[tuple[int, Mention]] = []  # (sentence number, mention) of each figure, for its scope
    cleaned = clean(text)
    screened = list(screen_sentences(cleaned.text))
    located: list[tuple] = []  # (sentence, offset, agencies) of each figure, for its place
    attributor = Attributor(publisher, cleaned.text, [sentence for sentence, _ in screened])
    layout = LayoutFigures(cleaned, attributor, published_date)  # tables and lists (tables.py)
    for number, (sentence, holds) in enumerate(screened):
        sources = attributor.sources(sentence.text, number)  # (every sentence: a source carries over)
        layout.read(sentence, sources)
        if not holds:
            continue
        mentions = find_mentions(sentence.text, screened=True)
        if not mentions:
            continue
        reported, date_span = report_date(sentence.text, published_date)
        period = find_period(sentence.text, reported, published_date, skip=date_span)
        agencies = {s.agency for s in sources}
        evidence = cleaned.span(sentence.start, sentence.end)
        sentence_numbers += [number] * len(mentions)
        read += [(number, m) for m in mentions]
        for m in mentions:
            source = attributor.choose(sources, m.quantity.start, sentence.text)
            start = cleaned.start(sentence.start + m.quantity.start)
            end = cleaned.end(sentence.start + m.quantity.end)
            stated_on = reported if source.attribution not in ("publisher", "carried") else None
            found.append(
                dict(
                    figure_id=figure_id(did, start, end, m.category),
                    doc_id=did,
                    category=m.category,
                    value=m.quantity.value,
                    low=m.quantity.low,
                    high=m.quantity.high,
                    qualifier=m.quantity.qualifier,
                    number_text=text[start:end],
                    subject=m.subject,
                    subset=m.subset,
                    superseded=m.superseded,
                    agency=source.agency,
                    agency_text=source.text,
                    attribution=source.attribution,
                    report_date=stated_on,
                    period=period.text if period else "",
                    period_start=period.start if period else None,
                    period_end=period.end if period else None,
                    sentence=evidence,
                    start=start,
                    end=end,
                    title=title,
                    url=url,
                    publisher=publisher or "",
                    published=published_date,
                    carrier=source.carrier,
                )
            )
            located.append((sentence, m.quantity.start, agencies))
    scopes = read_scopes([sentence.text for sentence, _ in screened], read, published_date, title)
    places = read_places(cleaned.text, title) if found else None
    figures = [Figure(**f, **places.columns(sentence, offset, s.scope == "incident", agencies),
                      scope=s.scope, event_date=s.event_date, event=s.event)
               for f, s, (sentence, offset, agencies) in zip(found, scopes, located, strict=True)]
    stated = merge_repeats(list(zip(sentence_numbers, figures, strict=True)))
    laid = layout.figures(stated, did, title, url, publisher or "", published_date)
    return [f if f.attribution == "publisher" or (agency := grouped_agency(f.agency)) == f.agency
            else replace(f, agency=agency) for f in laid]  # "officials": "unnamed: officials"


def repeat_key(f: Figure) -> tuple:
    """What makes two rows one figure when a document repeats it: the same agency, count
    (category, value, interval, qualifier), people counted, period and place. (Not its scope:
    a headline's "560 dead in the war" and the body's toll are one figure read twice.)"""
    resolved = f.period_start is not None or f.period_end is not None
    period = (f.period_start, f.period_end) if resolved else " ".join(f.period.casefold().split())
    return (f.agency, f.category, f.value, f.low, f.high, f.qualifier,
            " ".join(f.subject.casefold().split()), f.subset, f.superseded, period, f.place)


def merge_repeats(found: list[tuple[int, Figure]]) -> list[Figure]:
    """The figures, in reading order, with each one a document repeats kept once: its
    first statement (so its `figure_id` and evidence are unchanged), `times_stated`
    counting them all. `found` is (sentence number, figure) in reading order.

    Equal figures in one sentence are distinct counts ("3 were killed in the north and 3
    in the south"), never merged: the k-th equal figure of a sentence merges into the k-th
    row of its kind, or starts a new one. Then restatements are merged (see
    `is_restatement`)."""
    rows: list[Figure] = []
    sentences: list[int] = []  # of each row
    repeats: list[int] = []  # of each row: the statements folded into it
    kinds: dict[tuple, list] = {}  # key: [rows of this kind, sentence in hand, rows used in it]
    for sentence, f in found:
        kind = kinds.setdefault(repeat_key(f), [[], -1, 0])
        if kind[1] != sentence:
            kind[1], kind[2] = sentence, 0
        used = kind[2]
        kind[2] += 1
        if used < len(kind[0]):
            repeats[kind[0][used]] += 1
        else:
            kind[0].append(len(rows))
            rows.append(f)
            sentences.append(sentence)
            repeats.append(0)
    rows = [replace(f, times_stated=f.times_stated + n) if n else f
            for f, n in zip(rows, repeats, strict=True)]
    return _merge_restatements(rows, sentences)


RESTATED_FROM = 10  # smaller equal counts coincide too often to be taken for one figure
_ANYONE = {"", "people", "persons", "individuals"}


def is_restatement(first: Figure, later: Figure) -> bool:
    """True when `later` states `first` again in other words, leaving out some of what it
    said: the same count (category, value, interval, qualifier; at least RESTATED_FROM)
    of the same or unnamed people, place and period (each equal or left out by one of
    them), by the same agency or with no named source on one side. A lede's "18,500
    people have fled" and the body's "Partners estimate that 18,500 people have been
    displaced" are one figure; "12 killed in Ado" and "12 killed in Ife" stay two."""
    if (first.category, first.value, first.low, first.high, first.qualifier, first.subset,
            first.superseded) != (later.category, later.value, later.low, later.high,
                                  later.qualifier, later.subset, later.superseded):
        return False
    if first.value < RESTATED_FROM:
        return False
    subjects = {" ".join(f.subject.casefold().split()) for f in (first, later)}
    if len(subjects - _ANYONE) > 1:
        return False
    for a, b in ((first.place, later.place), (first.period, later.period)):
        if a and b and a.casefold() != b.casefold():
            return False
    unnamed = "publisher" in (first.attribution, later.attribution)
    return unnamed or first.agency == later.agency


def _says_more(f: Figure) -> tuple[bool, int]:
    """How much a statement says of its figure: whether it names a source, and how many of
    the people, place and period it names."""
    named = " ".join(f.subject.casefold().split()) not in _ANYONE
    return f.attribution != "publisher", named + bool(f.place) + bool(f.period)


def _merge_restatements(rows: list[Figure], sentences: list[int]) -> list[Figure]:
    """Rows with each restatement (`is_restatement`) of an earlier row of another sentence
    folded into it: the row keeps its place, and the statement that says most (a named
    source first, then the people, place and period it names; the earlier on a tie) is
    its evidence, `times_stated` adding up."""
    kept: list[Figure] = []
    kept_sentences: list[int] = []
    by_value: dict[tuple[str, int], list[int]] = {}  # (category, value): kept rows
    for sentence, f in zip(sentences, rows, strict=True):
        same = by_value.setdefault((f.category, f.value), [])
        at = next((i for i in same if kept_sentences[i] != sentence
                   and is_restatement(kept[i], f)), None)
        if at is None:
            same.append(len(kept))
            kept.append(f)
            kept_sentences.append(sentence)
            continue
        first = kept[at]
        fuller = f if _says_more(f) > _says_more(first) else first
        kept[at] = replace(fuller, times_stated=first.times_stated + f.times_stated)
    return kept


def figures_frame(figures: list[Figure]) -> pd.DataFrame:
    """The tidy table of figures, with the design's columns in their fixed order."""
    import pandas as pd

    return typed_frame(pd.DataFrame([asdict(f) for f in figures], columns=COLUMNS))


def typed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A table with the design's columns, in order and with their types (nullable integers,
    floats, dates, booleans), from figures or from a store."""
    import pandas as pd

    frame = frame.reindex(columns=COLUMNS)
    for column in INT_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    for column in FLOAT_COLUMNS:
        frame[column] = frame[column].astype("float64")
    for column in DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column]).dt.date
    for column in BOOL_COLUMNS:
        frame[column] = frame[column].fillna(False).astype(bool)
    frame["carrier"] = frame["carrier"].fillna("")
    frame["times_stated"] = frame["times_stated"].fillna(1)
    frame["scope"] = frame["scope"].fillna("")  # "" where a store has not been re-read yet

    return frame
