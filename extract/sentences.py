"""Sentences with their character spans, for evidence and for local patterns."""

from __future__ import annotations

from dataclasses import dataclass

import regex

# Longest sentence handled as one; a longer run (tables, pasted junk) is cut
# at this length so that no pattern ever works on an unbounded string.
MAX_SENTENCE = 1500

_ABBREVIATIONS = (
    "mr mrs ms dr prof gen col lt capt sgt maj cpl pvt rev st sen rep gov jan feb mar apr "
    "jun jul aug sep sept oct nov dec no nos vs etc inc ltd co corp dept fig approx est "
    "a.m p.m u.s u.n u.k e.g i.e"
).split()

# A sentence ends at . ! or ? (with any closing quotes or brackets) followed by
# blank space and a capital, digit or opening quote; or at a blank line.
_BOUNDARY = regex.compile(
    r"""
    (?<=[.!?]["'”’)\]]*)\s+(?=["'“‘(\[]*[\p{Lu}\d])     # end punctuation, then a new start
  | \n\s*\n                                            # a blank line
  | \n                                                # a line break (kept only after a full line)
    """,
    regex.VERBOSE,
)
_LAST_WORD = regex.compile(r"([\w.]+)[.]['\"”’)\]]*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and where it starts and ends in the document."""

    text: str
    start: int
    end: int


def _is_abbreviation(chunk: str) -> bool:
    m = _LAST_WORD.search(chunk)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _ends_line(chunk: str) -> bool:
    """True when a single line break ends a heading or a finished sentence, not a wrapped line."""
    line = chunk[chunk.rfind("\n") + 1 :].rstrip()
    return not line or line[-1] in ".!?:\"”’)]" or len(line) <= 80


def split_sentences(text: str) -> list[Sentence]:
    """Split a document into sentences, keeping exact offsets into `text`."""
    sentences: list[Sentence] = []
    start = 0
    pending = 0
    for m in regex.finditer(_BOUNDARY, text, timeout=max(1.0, len(text) / 1e5)):
        chunk = text[start : m.start()]
        breaks = m.group(0).count("\n")
        if breaks == 1 and not _ends_line(chunk):
            continue
        if breaks < 2 and _is_abbreviation(chunk):
            continue
        _add(sentences, text, start, m.start())
        start = m.end()
        pending = start
    _add(sentences, text, pending if pending else start, len(text))
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        sentences.append(Sentence(text[start:cut], start, cut))
        start = cut + 1 if text[cut : cut + 1] == " " else cut
    if end > start:
        sentences.append(Sentence(text[start:end], start, end))
