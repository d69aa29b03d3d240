"""Sentences with their character spans, for evidence and for local patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from .patterns import LIST_BULLET, LIST_NUMBER

# Longest sentence handled as one; a longer run (tables, pasted junk) is cut
# at this length so that no pattern ever works on an unbounded string.
MAX_SENTENCE = 1500

_ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof gen col lt capt sgt maj cpl pvt rev st sen rep gov jan feb mar apr "
        "jun jul aug sep sept oct nov dec no nos vs etc inc ltd co corp dept fig approx est "
        "a.m p.m u.s u.n u.k e.g i.e brig"
    ).split()
)

# A sentence ends at . ! or ? (with any closing quotes or brackets) followed by
# blank space and a capital, digit or opening quote; or at a line break.
_BOUNDARY = regex.compile(
    r"""
    (?P<stop>[.!?]["'”’)\]*_]*)\s+(?=["'“‘(\[*_]*[\p{Lu}\d])     # end punctuation, then a new start
  | (?P<blank>\n[^\S\n]*\n\s*)                           # a blank line
  | (?P<line>\n\s*)                                      # a line break (kept only after a full line)
    """,
    regex.VERBOSE,
)
_LAST_WORD = re.compile(r"([\w.]+)[.]['\"”’)\]]*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and where it starts and ends in the document."""

    text: str
    start: int
    end: int


def _is_abbreviation(chunk: str) -> bool:
    """True when the chunk ends with "Dr." or "U.S.", not with the end of a sentence."""
    m = _LAST_WORD.search(chunk[-12:])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


# The number of a list item: "2." or "2)" alone at the start of a line.
_LIST_NUMBER = re.compile(rf"\s*{LIST_NUMBER}")
# A list item at the start of a line: "- 5 killed", "• 5 killed", "2. 5 killed".
_LIST_ITEM = re.compile(rf"\n[^\S\n]*(?:{LIST_BULLET}|{LIST_NUMBER})[^\S\n]")


def _is_list_number(text: str, end: int) -> bool:
    """True when the stop at `end` closes the number of a list item ("2." at a line's start)."""
    if not text[end - 2 : end - 1].isdigit():  # (a cheap test first)
        return False
    low = max(0, end - 8)  # (only the last few characters are looked at: no line is read twice)
    line_start = text.rfind("\n", low, end) + 1 or (0 if low == 0 else -1)
    return line_start >= 0 and _LIST_NUMBER.fullmatch(text, line_start, end) is not None


def _line_lengths(text: str) -> tuple[int, int]:
    """How long a line with no final stop may be and still end a sentence (a heading), and
    how long a line must be to run on into a next line that starts in lower case.

    A heading is at most 80 characters, but shorter in text wrapped at a fixed width (a
    report saved as plain text), which shows as several lines that stop mid-sentence and
    are at least 40 characters and 60% of the longest line long: those lines run on.
    """
    lines = text.splitlines()
    full = max(40, int(0.6 * max(map(len, lines), default=0)))
    run_on = sum(1 for line in lines if len(line) >= full and line.rstrip()[-1:] not in _STOPS)
    return (min(80, full - 1) if run_on >= 2 else 80), full


_STOPS = ".!?:\"”’)]"


def _ends_line(text: str, end: int, after: int, heading: int, full: int) -> bool:
    """True when the line break between `end` and `after` ends a heading, a finished sentence
    or a list item, not a line of wrapped text."""
    line = text[text.rfind("\n", 0, end) + 1 : end].rstrip()
    if not line or line[-1] in _STOPS or _LIST_ITEM.match(text, end):
        return True
    if len(line) >= full and text[after : after + 1].islower():
        return False  # "... were killed in the\nmarket": the sentence goes on
    return len(line) <= heading


def split_sentences(text: str) -> list[Sentence]:
    """Split a document into sentences, keeping exact offsets into `text`."""
    sentences: list[Sentence] = []
    start = 0
    heading, full = _line_lengths(text) if "\n" in text else (0, 0)
    # (a pattern without nested repeats: only a long text gets the regex timer, which slows
    # every match by a third)
    matches = (_BOUNDARY.finditer(text, timeout=max(1.0, len(text) / 1e5)) if len(text) > 10 * MAX_SENTENCE
               else _BOUNDARY.finditer(text))
    for m in matches:
        if m.group("stop"):
            end = m.end("stop")
            if _is_abbreviation(text[max(start, end - 12) : end]) or _is_list_number(text, end):
                continue
        else:
            end = m.start()
            if m.group("line") and not _ends_line(text, end, m.end(), heading, full):
                continue
        _add(sentences, text, start, end)
        start = m.end()
    _add(sentences, text, start, len(text))
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
