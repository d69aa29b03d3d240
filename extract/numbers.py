"""Numbers in English text: digits, number words, qualifiers, ranges and vague amounts.

`find_numbers` finds every quantity in running text; `parse_number` reads one
whole phrase. Both return `Quantity` records that keep the exact surface text
and its character span, so every figure can point back at its evidence.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from .invisible import Cleaned, clean
from .patterns import first_characters, lowered, phrase_pattern

_RULES = tomllib.loads((Path(__file__).parent / "data" / "numbers_en.toml").read_text("utf-8"))
UNITS: dict[str, int] = _RULES["units"]
TENS: dict[str, int] = _RULES["tens"]
SCALES: dict[str, int] = _RULES["scales"]
SCALE_SUFFIXES: dict[str, int] = _RULES["scale_suffixes"]
QUALIFIERS: dict[str, str] = _RULES["qualifiers"]
VAGUE: dict[str, tuple[int, int]] = {k: (v[0], v[1]) for k, v in _RULES["vague"].items()}
PHRASES: dict[str, int] = _RULES["phrases"]

# Longest digit string read as a count; longer runs are identifiers, not figures.
MAX_DIGITS = 15


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as stated: its value, the interval its words allow, and where it stands."""

    value: int
    low: int | None
    high: int | None
    qualifier: str  # exact, at_least, more_than, about, up_to, fewer_than, range, vague
    vague: bool
    text: str
    start: int
    end: int


_UNIT = phrase_pattern(list(UNITS))
_TEN = phrase_pattern(list(TENS))
_SCALE = phrase_pattern(list(SCALES))

# Grammar of a number written in words (see the verbose pattern below).
_WORDS = rf"""
    (?:half\s+a\s+(?:{_SCALE})\b)                     # half a million
  | (?:
        (?:(?:                                        # a group: 1..999
            (?:(?:{_TEN})-(?:{_UNIT})\b|(?:{_TEN})\b(?:\s+(?:{_UNIT})\b)?|(?:{_UNIT})\b|an?\b)
            (?:\s+hundred\b(?:(?:\s+and)?\s+(?:(?:{_TEN})-(?:{_UNIT})|(?:{_TEN})|(?:{_UNIT}))\b)?)?
            (?:(?:\s+|-)dozen\b)?                            # two dozen, two-dozen
        ))
        (?:                                           # then scaled groups
            \s+(?:{_SCALE})\b
            (?:(?:,?\s+and|,)?\s+
               (?:(?:{_TEN})-(?:{_UNIT})\b|(?:{_TEN})\b(?:\s+(?:{_UNIT})\b)?|(?:{_UNIT})\b)
               (?:\s+hundred\b(?:(?:\s+and)?\s+(?:(?:{_TEN})-(?:{_UNIT})|(?:{_TEN})|(?:{_UNIT}))\b)?)?
               (?:\s+(?:{_SCALE})\b)?
            )*
        )?
    )
"""

_DIGITS = rf"""
    (?=\d)(?<![\w$£€.,:/])(?<![A-Za-z]-)               # not inside 10:30, A-4, $12, 3.5
    (?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:[\u00a0\u2009\u202f]\d{{3}})+   # 1,200; 1 200 (no-break, thin)
      |\d{{1,{MAX_DIGITS}}})(?![\d,]\d|\d)
    (?:\.\d+)?
    (?:(?:{phrase_pattern(list(SCALE_SUFFIXES))})(?![\w-])  # 1.2m, 3bn, 12k (not "a 12m-high wall")
      |(?![\w:]|[.,]\d))                             # not 21st, 10:30, 1.2.3
    (?:\s+(?:hundred|dozen|{_SCALE})\b)?              # 1.2 million, 3 thousand, 2 dozen
"""

# One number, in digits or words; "a"/"an" only count before a scale or "dozen".
_ONE = rf"""
    (?:{_DIGITS}
      | (?=[a-z])(?<![\w-])(?<!\bno\s)(?!an?\b(?!\s+(?:hundred|dozen|{_SCALE})\b))(?:{_WORDS})
    )
"""

_QUALIFIER = phrase_pattern(list(QUALIFIERS))
_VAGUE = phrase_pattern(list(VAGUE))

QUANTITY_PATTERN = rf"""
    (?:(?P<qual>{_QUALIFIER})\s+)?
    (?:
        between\s+(?P<lo>{_ONE})\s+and\s+(?P<hi>{_ONE})          # between 10 and 15
      | (?P<one>{_ONE})                                          # 10, or a range 10 to 15,
        (?:\s*(?:-|–|\bto\b|\bor\b)\s*(?P<to>{_ONE}))?          # 10-15, two or three (but see _FROM)
      | (?<![\w-])(?P<phrase>{phrase_pattern(list(PHRASES))})(?=\s+of\b|(?<=both)\s+(?!of\b|the\b|sides\b)\w)
      | (?<![\w-])(?P<vague>{_VAGUE})\b(?![\w-])
    )
"""

QUANTITY_RE = re.compile(rf"\b(?<![\w-]){QUANTITY_PATTERN}", re.IGNORECASE | re.VERBOSE)
# A number phrase is never longer than this: each match reads at most this far, so that no
# text, however long or hostile, makes one match slow.
LONGEST_NUMBER = 300
# "from 10 to 25" is two numbers, not a range
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)

# Where a quantity can start: a digit, or the first words of a qualifier, number, vague
# amount or phrase. Found first in the lowered text with the standard library's faster engine, so that the
# full grammar is tried only there (the same matches, found several times faster).
_STARTS = (set(QUALIFIERS) | set(VAGUE) | set(PHRASES) | set(UNITS) | set(TENS) | set(SCALES)
           | {"half", "between"}
           | {f"{a} {s}" for a in ("a", "an") for s in [*SCALES, "hundred", "dozen"]})
_START = (first_characters(_STARTS, also="0123456789")
          + r"(?:\d(?<![\w$£€.,:/-]\d)|\b" + phrase_pattern(_STARTS) + r"\b)")  # (a digit as _DIGITS allows)
_START_RE = re.compile(_START)  # run on the lowered text
_WORD_TOKEN = re.compile(r"[a-z]+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def _word_value(text: str) -> int:
    """The value of a number written in words ("two hundred and five")."""
    words = [w.lower() for w in _WORD_TOKEN.findall(text)]
    if words[:2] == ["half", "a"]:
        return SCALES[words[2]] // 2
    total = current = 0
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in ("a", "an"):
            current += 1
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
    return total + current


_SEPARATOR = re.compile(r"(?<=\d)[,\u00a0\u2009\u202f](?=\d{3})")  # between thousands
_SUFFIX = re.compile(r"([\d.]+)([a-z]*)", re.IGNORECASE)


def _digit_value(text: str) -> int | None:
    """The value of "1,200", "1.2 million", "1.2m", "3 thousand" or "2 dozen"; None for a bare
    decimal."""
    if text.isdigit():  # the common case, "14"
        return int(text)
    parts = _SPACE.split(_SEPARATOR.sub("", text.strip()))
    digits = _SUFFIX.match(parts[0])
    number = Decimal(digits.group(1)) * SCALE_SUFFIXES.get(digits.group(2).lower(), 1)
    if len(parts) > 1:
        word = parts[-1].lower()
        number *= {"hundred": 100, "dozen": 12}.get(word) or SCALES[word]
    if number != number.to_integral_value():
        return None
    return int(number)


def _value(text: str) -> int | None:
    return _digit_value(text) if text[:1].isdigit() else _word_value(text)


def _quantity(m: re.Match[str], offset: int = 0) -> Quantity | None:
    """Turn one QUANTITY_RE match into a Quantity, or None for a non-count (3.5)."""
    text = m.group(0)
    start, end = m.start() + offset, m.end() + offset
    if text.isdigit():  # the common case, "14": no qualifier, range or scale word
        value = int(text)
        return Quantity(value, value, value, "exact", False, text, start, end)
    qual = m.group("qual")
    qual_word = _SPACE.sub(" ", qual).lower() if qual else ""
    if m.group("vague"):
        low, high = VAGUE[_SPACE.sub(" ", m.group("vague").lower())]
        if qual_word and QUALIFIERS[qual_word] in ("more_than", "at_least"):
            return Quantity(low, low, None, "vague", True, text, start, end)
        return Quantity(low, low, high, "vague", True, text, start, end)
    if m.group("phrase"):
        value = PHRASES[_SPACE.sub(" ", m.group("phrase").lower())]
        return Quantity(value, value, value, "exact", False, text, start, end)
    to = m.group("to")
    if m.group("hi") or to:
        low, high = _value(m.group("lo") or m.group("one")), _value(m.group("hi") or to)
        rises = to and not qual and _FROM.search(m.string, max(0, m.start() - 20), m.start())
        if low is not None and high is not None and high > low and not rises:
            return Quantity(low, low, high, "range", False, text, start, end)
        if not to:
            return None
        # "from 10 to 25" is a change, and "since 2020 to 41" no range: the first number alone
        text, end = m.string[m.start() : m.end("one")], m.end("one") + offset
    value = _value(m.group("one"))
    if value is None:
        return None
    qualifier = QUALIFIERS.get(qual_word, "exact")
    low, high = _bounds(qualifier, value)
    return Quantity(value, low, high, "about" if qualifier == "nearly" else qualifier, False, text,
                    start, end)


def _bounds(qualifier: str, value: int) -> tuple[int | None, int | None]:
    """The interval a qualifier allows around a stated value ("more than 5": 6 and up)."""
    if qualifier == "exact":
        return value, value
    if qualifier == "at_least":
        return value, None
    if qualifier == "more_than":
        return value + 1, None
    if qualifier in ("nearly", "up_to"):
        return None, value
    if qualifier == "fewer_than":
        return None, max(value - 1, 0)
    return None, None  # about


def find_numbers(text: str) -> list[Quantity]:
    """Every quantity in running text, in order, each with its qualifier and span (read
    without format characters such as a zero-width space; spans and text are the original's)."""
    cleaned = clean(text)
    found = scan_numbers(cleaned.text)
    return [in_original(q, cleaned) for q in found] if cleaned.changed else found


def scan_numbers(text: str) -> list[Quantity]:
    """`find_numbers` for a text already cleaned (see invisible.py): the sentences the
    extractor reads."""
    found = []
    end = 0
    for start in _START_RE.finditer(lowered(text)):
        pos = start.start()
        if pos < end:
            continue  # inside the quantity just read
        m = QUANTITY_RE.match(text, pos, pos + LONGEST_NUMBER)
        if m is not None:
            quantity = _quantity(m)
            end = quantity.end if quantity is not None else m.end()
            if quantity is not None:
                found.append(quantity)
    return found


def parse_number(text: str) -> Quantity | None:
    """Read one whole number phrase ("at least 205", "two dozen"); None if it is not one."""
    cleaned = clean(text)
    stripped = cleaned.text.strip()
    m = QUANTITY_RE.fullmatch(stripped) if len(stripped) <= LONGEST_NUMBER else None
    if m is None:
        return None
    quantity = _quantity(m, len(cleaned.text) - len(cleaned.text.lstrip()))
    return in_original(quantity, cleaned) if quantity is not None and cleaned.changed else quantity


def in_original(quantity: Quantity, cleaned: Cleaned) -> Quantity:
    """A quantity read in cleaned text, with its span and text in the original."""
    start, end = cleaned.start(quantity.start), cleaned.end(quantity.end)
    return replace(quantity, text=cleaned.original[start:end], start=start, end=end)
