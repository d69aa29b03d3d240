"""A sentence reduced to its skeleton: every count stands as a placeholder `#i#`, every
number that is not a count (a date, a year, an age, a time, money, a share) as `§`.

The mention rules read the skeleton (see docs/design.md, "The mention engine"): their
patterns are short and never embed the number grammar, so they stay fast and cannot run
away on hostile text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from .lexicon import alternation, normalise, words
from .numbers import Quantity, is_count, scan_numbers
from .patterns import CAPITAL

WEEKDAYS = words("weekdays")
# month names, and their short forms ("jan", "sept")
MONTHS = words("months") + [m[:3] for m in words("months") if len(m) > 3] + ["sept"]
_NOT_BEFORE = {normalise(w) for w in words("not_count_before")} | set(MONTHS)
_NOT_AFTER = alternation(words("not_count_after") + MONTHS)

# a number straight before these is a time, an age, a share or a date
_NOT_AFTER_RE = re.compile(
    rf"""^\s*(?:{_NOT_AFTER})(?![\w])|^-?\s*years?[\s-]+old|^-year""", re.IGNORECASE | re.VERBOSE
)
_WORD_BEFORE = re.compile(r"""\s*([\w.$£€']+)""")  # matched on the reversed text before a number
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_CAPITAL_BEFORE = re.compile(rf"(?-i:{CAPITAL})[\w'’.-]*[^\S\n]+$")
_NAME_PAREN = re.compile(rf"(?-i:{CAPITAL})[\w'’.-]+\s*\(\s*$")
_AFTER_NAME = re.compile(rf"(?-i:{CAPITAL})[\w'’.-]+,\s*$")
_CLOCK = re.compile(r"^(?:[01]\d|2[0-3])[0-5]\d$")
_CLOCK_BEFORE = re.compile(r"(?i)\bat\s+$")
# a figure changed "from" an old value: "has gone up from 682 to ...", "..., up from 19"
_CHANGED_FROM = re.compile(
    rf"""(?i)(?:,\s*(?:up|down)|\b(?:{alternation(words("revision_verbs"))})(?:\s+[\w'’-]+){{0,2}}?)
         \s+from\s+$""", re.VERBOSE)


_AGE_LIMIT = re.compile(r"(?i)(?:under|over|below|above)\s")
_END_OF_PHRASE = re.compile(r"^\s*(?:[,.;:)]|$|and\b|or\b|years?\b)")
_PARENT_OF = re.compile(rf"(?i)\b(?:{alternation(words('parent_of'))})\s+of\s+$")
_SHARE_OF = re.compile(
    r"(?i)\b(?:most|many|some|half|majority|part|rest|much|all|none|few)\s+of\s+"
    r"(?:the|its|their|his|her|(?:the\s+)?[\w-]+['’]s)?\s*(?:[\w-]+\s+)?$"
)


def _is_count(sentence: str, q: Quantity) -> bool:
    """False for numbers that are dates, years, ages, times, money or shares, ages given as
    "under 18", and the whole from which a share is taken ("most of the city's 180,000")."""
    after = sentence[q.end : q.end + 20]
    if _NOT_AFTER_RE.match(after) or not is_count(sentence, q):  # (is_count: by the number's form)
        return False
    if q.qualifier != "exact" and _AGE_LIMIT.match(q.text) and q.value <= 100 and _END_OF_PHRASE.match(after):
        return False
    before = sentence[max(0, q.start - 40) : q.start]
    if "of" in before.lower():  # (a cheap test first)
        if _PARENT_OF.search(sentence, max(0, q.start - 20), q.start):
            return False
        if _SHARE_OF.search(sentence, max(0, q.start - 40), q.start):
            return False
    if len(q.text) == 4 and q.qualifier == "exact" and _YEAR.match(q.text):
        return False
    if len(q.text) == 4 and _CLOCK.match(q.text) \
            and _CLOCK_BEFORE.search(sentence, max(0, q.start - 20), q.start):
        return False  # "at 0830": a time of day
    if q.qualifier == "exact" and q.value < 120:  # an age after a name: "Ana Ruiz (43)", "Ana Ruiz, 43,"
        window = max(0, q.start - 40)
        if after.lstrip().startswith(")") and _NAME_PAREN.search(sentence, window, q.start):
            return False
        if before.rstrip().endswith(",") and _END_OF_PHRASE.match(after) \
                and _AFTER_NAME.search(sentence, window, q.start):
            return False
    if q.qualifier == "exact" and q.text[:1].isupper() and not q.text[:1].isdigit() \
            and _CAPITAL_BEFORE.search(sentence, max(0, q.start - 30), q.start):
        return False  # a number word in a name: "Moo Six", "Camp Four"
    if q.qualifier in ("exact", "range"):
        m = _WORD_BEFORE.match(sentence[max(0, q.start - 20) : q.start][::-1])
        if m and normalise(m.group(1)[::-1]) in _NOT_BEFORE and not (
                m.group(1).lower() == "morf"  # "from" (reversed) after a change: the old value
                and _CHANGED_FROM.search(sentence, max(0, q.start - 50), q.start)):
            return False
    return True


_QUOTES = str.maketrans({'"': " ", "“": " ", "”": " "})


@dataclass(frozen=True, slots=True)
class Skeleton:
    """A sentence with counts replaced by `#i#` and other numbers by `§`."""

    text: str
    counts: list[Quantity]
    marks: list[tuple[int, int, int, int]]  # (skeleton start, end, sentence start, end)
    ends: list[int] = field(default_factory=list)  # skeleton end of each mark, for bisecting
    count_marks: list[tuple[int, int, int, int]] = field(default_factory=list)

    def to_sentence(self, pos: int) -> int:
        """The sentence offset of a skeleton offset."""
        k = bisect_right(self.ends, pos)  # marks wholly before pos
        if k < len(self.marks) and self.marks[k][0] < pos:
            return self.marks[k][2]  # inside a placeholder: its number's start
        return pos + (self.marks[k - 1][3] - self.marks[k - 1][1] if k else 0)

    def placeholder_start(self, i: int) -> int:
        """Where count `i`'s placeholder starts in the skeleton."""
        return self.count_marks[i][0]


def skeleton(sentence: str) -> Skeleton:
    """The sentence with counts as `#i#` and other numbers as `§`, and the counts."""
    parts: list[str] = []
    counts: list[Quantity] = []
    marks: list[tuple[int, int, int, int]] = []
    ends: list[int] = []
    count_marks: list[tuple[int, int, int, int]] = []
    last = length = 0
    for q in scan_numbers(sentence):
        parts.append(sentence[last : q.start])
        length += q.start - last
        if _is_count(sentence, q):
            token = f"#{len(counts)}#"
            mark = (length, length + len(token), q.start, q.end)
            counts.append(q)
            count_marks.append(mark)
        else:
            token = "§"
            mark = (length, length + 1, q.start, q.end)
        parts.append(token)
        marks.append(mark)
        length += len(token)
        ends.append(length)
        last = q.end
    parts.append(sentence[last:])
    text = "".join(parts)
    if '"' in text or "“" in text or "”" in text:
        text = text.translate(_QUOTES)
    return Skeleton(text, counts, marks, ends, count_marks)

