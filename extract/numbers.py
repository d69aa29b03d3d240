"""Numbers in English text: digits, number words, qualifiers, ranges and vague amounts.

`find_numbers` finds every quantity in running text; `parse_number` reads one
whole phrase. Both return `Quantity` records that keep the exact surface text
and its character span, so every figure can point back at its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from .invisible import Cleaned, clean
from .lexicon import data_table
from .patterns import first_characters, lowered, phrase_pattern

_RULES = data_table("numbers_en.toml")
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
_ONES = phrase_pattern([w for w, v in UNITS.items() if 1 <= v <= 9])  # after a ten: "twenty-one"
_TEN = phrase_pattern(list(TENS))
_SCALE = phrase_pattern(list(SCALES))
_HYPHEN = r"[-\u2010\u2011]"  # "twenty-one", also with the Unicode hyphens

# Grammar of a number written in words, built up from its parts (see docs/design.md, "Numbers").
# 1..99: "five", "nineteen", "twenty", "twenty-five", "twenty five"
_B100 = rf"(?:(?:{_TEN})(?:{_HYPHEN}|\s+)(?:{_ONES})\b|(?:{_TEN})\b|(?:{_UNIT})\b)"
# "and" where British usage puts it: "one hundred and five", "a thousand and one"
_AND = r"(?:\s+and\b)?\s+"
# "hundred", "hundred and twenty-five", "hundreds" (after a number: "five hundreds")
_HUNDRED = rf"hundred(?:s\b|\b(?:{_AND}{_B100})?)"
# 1..9999 before a scale: "five", "one hundred twenty five", "twelve hundred", "a hundred",
# and "hundred and five" where it opens a phrase
_SUB = rf"""(?:{_B100}(?:(?:{_HYPHEN}|\s+){_HUNDRED})?
             |an?\s+{_HUNDRED}
             |(?<![\w-])hundred\b{_AND}{_B100})"""
# The groups after a scale: "[thousand] two hundred and five", "[thousand] and one",
# "[million], two hundred thousand" (after a comma only a group with "hundred" or a scale,
# so that "a thousand, two were arrested" stays two numbers)
_AFTER_SCALE = rf"""(?:(?:,?\s+and\b)?\s+{_B100}(?:(?:{_HYPHEN}|\s+)hundred\b(?:{_AND}{_B100})?)?
                      |,\s+{_B100}(?:(?:{_HYPHEN}|\s+)hundred\b(?:{_AND}{_B100})?|(?=\s+(?:{_SCALE})\b)))
                   (?:\s+(?:{_SCALE})\b)?"""
_WORDS = rf"""
    half\s+an?\s+(?:{_SCALE}|hundred|dozen)\b                # half a million, half a dozen
  | {_B100}\s+and\s+a\s+half\s+(?:{_SCALE})\b               # one and a half million
  | (?:an?|{_B100})\s+(?:{_SCALE})\s+and\s+a\s+half\b         # a million and a half
  | (?:{_SUB}(?:(?:\s+|{_HYPHEN})dozen\b)?                   # two dozen, two-dozen
      |an?\s+dozen\b
      |an?(?=\s+(?:{_SCALE})\b))                             # a thousand
    (?:\s+(?:{_SCALE})s?\b(?:{_AFTER_SCALE})*)?                # then scaled groups
"""

# A number in digits. The separators decide the reading: "1,200" (English), "1.234.567" and
# "1.234,5" (European), "1 200" (a no-break or thin space); "1,2 million" has a decimal
# comma; "1.200" alone is read as the text's own convention shows (see `_european`).
_SUFFIXES = phrase_pattern(list(SCALE_SUFFIXES))
_SPACED_SUFFIXES = phrase_pattern([s for s in SCALE_SUFFIXES if len(s) > 1])  # "2.5 bn", not "5 m"
_DIGITS = rf"""
    (?=\d)(?<![\w$£€¥.,:/])(?<![A-Za-z]-)               # not inside 10:30, A-4, $12, 3.5
    (?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?                   # 1,200; 1,200.5
      |\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?                   # 1.234.567; 1.200; 1.234,5
      |\d{{1,3}}(?:[\u00a0\u2009\u202f]\d{{3}})+(?:[.,]\d+)?   # 1 200 (no-break, thin)
      |\d{{1,3}}(?:\x20\d{{3}})+(?![\d:]|[.,]\d)                # 54 000 (a plain space: see _quantity)
      |\d{{1,3}},\d{{1,2}}(?=\s*(?:(?:{_SCALE})\b|(?:{_SUFFIXES})(?![\w-])))  # 1,2 million
      |\d{{1,{MAX_DIGITS}}}(?:\.\d+)?)
    (?!\d|[.,]\d)
    (?:(?:{_SUFFIXES})(?![\w-])                         # 1.2m, 3bn, 12k (not "a 12m-high wall")
      |\s+(?:{_SPACED_SUFFIXES})(?![\w-])               # 2.5 bn
      |(?![\w:]|/\d))                                   # not 21st, 10:30, 2/3
    (?:\s+(?:hundred|dozen|{_SCALE})s?\b)?              # 1.2 million, 3 thousand, 2 dozen
"""

# One number, in digits or words ("a"/"an" only before a scale, "hundred" or "dozen")
_ONE = rf"""
    (?:{_DIGITS}
      | (?=[a-z])(?<![\w-])(?<!\bno\s)(?:{_WORDS})
    )
"""
# The same number again in brackets, as statements and legal texts write it: "fifty (50)"
_ECHO = rf"""\s*\(\s*{_ONE}\s*\)"""

_QUALIFIER = phrase_pattern(list(QUALIFIERS))
_VAGUE = phrase_pattern(list(VAGUE))

QUANTITY_PATTERN = rf"""
    (?:(?P<qual>{_QUALIFIER})\s+)?
    (?:
        between\s+(?P<lo>{_ONE})\s+and\s+(?P<hi>{_ONE})          # between 10 and 15
      | (?P<one>{_ONE})(?P<echo>{_ECHO})?                       # 10, fifty (50), or a range
        (?:\s*(?:-|–|\bto\b|\bor\b)\s*(?P<to>{_ONE})(?:{_ECHO})?)?  # 10-15, two or three (but see _FROM)
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
           | {"half", "between", "hundred"}
           | {f"{a} {s}" for a in ("a", "an") for s in [*SCALES, "hundred", "dozen"]})
_START = (first_characters(_STARTS, also="0123456789")
          + r"(?:\d(?<![\w$£€¥.,:/-]\d)|\b" + phrase_pattern(_STARTS) + r"\b)")  # (a digit as _DIGITS allows)
_START_RE = re.compile(_START)  # run on the lowered text
_WORD_TOKEN = re.compile(r"[a-z]+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")

_NOT_COUNTS = _RULES["not_counts"]
_ORDINAL = phrase_pattern(_NOT_COUNTS["ordinals"])
_FRACTION = phrase_pattern(_NOT_COUNTS["fractions"])
# After a number in words, what makes it part of an ordinal or a fraction: "twenty-first",
# "a hundred and first", "two-thirds", "two thirds", "three quarters", "two and a half".
_ORDINAL_AFTER = re.compile(
    rf"""(?:{_HYPHEN}(?:{_ORDINAL}|{_FRACTION})
          |\s+and\s+(?:{_ORDINAL}\b|a\s+half\b)
          |\s+(?:{phrase_pattern(f for f in _NOT_COUNTS["fractions"] if f.endswith("s"))})\b)""",
    re.IGNORECASE | re.VERBOSE)
_SINGLE_FRACTION = re.compile(rf"\s+(?:{_FRACTION})\b", re.IGNORECASE)  # "one third"


def _word_value(text: str) -> int:
    """The value of a number written in words ("two hundred and five", "twelve hundred",
    "one and a half million")."""
    words = [w.lower() for w in _WORD_TOKEN.findall(text)]
    if words[0] == "half":  # half a million, half a dozen
        return _MULTIPLIERS[words[2]] // 2
    if words[-3:-1] == ["a", "half"]:  # one and a half million
        return (2 * _word_value(" ".join(words[:-4])) + 1) * SCALES[words[-1]] // 2
    if words[-3:] == ["and", "a", "half"]:  # a million and a half
        return _word_value(" ".join(words[:-3])) + SCALES[words[-4]] // 2
    total = current = 0
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in ("a", "an"):
            current += 1
        elif word in ("hundred", "hundreds"):
            current = (current or 1) * 100
        elif word == "dozen":
            current = (current or 1) * 12
        elif word != "and":  # a scale, perhaps plural: "thirty-five thousands"
            total += (current or 1) * SCALES[word.removesuffix("s")]
            current = 0
    return total + current


_MULTIPLIERS = {"hundred": 100, "dozen": 12, **SCALES}
_BLANK_SEPARATOR = re.compile(r"(?<=\d)[\u00a0\u2009\u202f ](?=\d{3})")  # between thousands
_SUFFIX = re.compile(r"([\d.,]+)([a-z]*)", re.IGNORECASE)
_EUROPEAN_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 1.200, 1.234.567, 1.234,5
_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")  # 1,2 (million)
_TWO_DOTS = re.compile(r"\d\.\d{3}\.")

# Evidence of the text's own convention for "1.200": European ("1.234.567", "1.234,5",
# "3,5 million") or English ("1,234,567", "1,234.5", "3.5 million").
_SCALED = rf"\s*(?:(?:{_SCALE})\b|(?:{_SUFFIXES})(?![\w-]))"
_EUROPEAN_EVIDENCE = re.compile(
    rf"\d\.\d{{3}}\.\d{{3}}(?!\d)|\d\.\d{{3}},\d|(?<![\d.,])\d{{1,3}},\d{{1,2}}{_SCALED}", re.IGNORECASE)
_ENGLISH_EVIDENCE = re.compile(
    rf"\d,\d{{3}},\d{{3}}(?!\d)|\d,\d{{3}}\.\d|(?<![\d.,])\d{{1,3}}\.\d{{1,2}}{_SCALED}", re.IGNORECASE)


def european(text: str) -> bool:
    """True when the text shows European separators (a dot between thousands, a decimal
    comma) and nothing English: then "1.200" is 1200 and "1,200" is 1.2."""
    return _EUROPEAN_EVIDENCE.search(text) is not None and _ENGLISH_EVIDENCE.search(text) is None


def _digit_value(text: str, european_text: bool = False) -> int | None:
    """The value of "1,200", "1.2 million", "1.2m", "3 thousand", "2 dozen", "1,2 million"
    or "1.234.567"; None for a decimal that is not a whole number (3.5)."""
    if text.isdigit():  # the common case, "14"
        return int(text)
    parts = _SPACE.split(_BLANK_SEPARATOR.sub("", text.strip()))
    digits = _SUFFIX.match(parts[0])
    number_text = digits.group(1)
    if _DECIMAL_COMMA.fullmatch(number_text) and len(parts) + len(digits.group(2)) > 1:
        number_text = number_text.replace(",", ".")  # 1,2 million
    elif _EUROPEAN_THOUSANDS.fullmatch(number_text) and (european_text or _TWO_DOTS.match(number_text)):
        number_text = number_text.replace(".", "").replace(",", ".")  # 1.200 as 1200
    elif _EUROPEAN_THOUSANDS.fullmatch(number_text) and len(parts) + len(digits.group(2)) == 1:
        return None  # "1.200" or "2.000" with no sign of the convention: not a count
    elif european_text and "," in number_text:
        number_text = number_text.replace(",", ".")  # 1,200 in a European text: 1.2
    else:
        number_text = number_text.replace(",", "")
    try:
        number = Decimal(number_text)
    except ArithmeticError:  # 1.234.567 in an English text: an identifier
        return None
    number *= SCALE_SUFFIXES.get(digits.group(2).lower(), 1)
    if len(parts) > 1:
        word = parts[-1].lower()
        number *= _MULTIPLIERS.get(word) or _MULTIPLIERS.get(word.removesuffix("s")) \
            or SCALE_SUFFIXES[word]
    if number != number.to_integral_value():
        return None
    return int(number)


def _value(text: str, european_text: bool = False) -> int | None:
    return _digit_value(text, european_text) if text[:1].isdigit() else _word_value(text)


def _is_ordinal_or_fraction(text: str, number: str, end: int) -> bool:
    """True when a number in words at `end` goes on as an ordinal or a fraction."""
    if number[:1].isdigit():
        return False
    if _ORDINAL_AFTER.match(text, end):
        return True
    return number.lower() in ("one", "a", "an") and _SINGLE_FRACTION.match(text, end) is not None


def _quantity(m: re.Match[str], offset: int = 0, european_text: bool = False) -> Quantity | None:
    """Turn one QUANTITY_RE match into a Quantity, or None for a non-count (3.5, "twenty-first",
    "two thirds")."""
    text = m.group(0)
    start, end = m.start() + offset, m.end() + offset
    if text.isdigit():  # the common case, "14": no qualifier, range or scale word
        value = int(text)
        return Quantity(value, value, value, "exact", False, text, start, end)
    value = UNITS.get(text.lower())
    if value is not None:  # the next most common, "two": one number word alone (as below)
        if _is_ordinal_or_fraction(m.string, text, m.end()):
            return None
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
    one = m.group("one") or m.group("lo")
    if one and _SPACED_GROUPS.match(one) and _DATE_BEFORE.search(m.string, max(0, m.start() - 12), m.start()):
        # "on May 12 300 people": a day, then a count; not 12,300
        first = _SPACED_GROUPS.match(one).group(1)
        return _stated(qual_word, int(first), m.string[m.start() : m.start("one") + len(first)], start,
                       m.start("one") + len(first) + offset)
    if _is_ordinal_or_fraction(m.string, one, m.end("one") if m.group("one") else m.end("lo")):
        return None
    if m.group("echo") and _value(_ECHO_INNER.search(m.group("echo")).group(1), european_text) \
            != _value(one, european_text):
        # "fifty (60)": not the same number twice; the first alone
        text, end = m.string[m.start() : m.end("one")], m.end("one") + offset
        value = _value(one, european_text)
        if value is None:
            return None
        return _stated(qual_word, value, text, start, end)
    to = m.group("to")
    if m.group("hi") or to:
        last = m.group("hi") or to
        if _is_ordinal_or_fraction(m.string, last, m.end("hi") if m.group("hi") else m.end("to")):
            return None
        low, high = _value(one, european_text), _value(last, european_text)
        rises = to and not qual and _FROM.search(m.string, max(0, m.start() - 20), m.start())
        if low is not None and high is not None and high > low and not rises:
            return Quantity(low, low, high, "range", False, text, start, end)
        if not to:
            return None
        # "from 10 to 25" is a change, and "since 2020 to 41" no range: the first number alone
        stop = m.end("echo") if m.group("echo") else m.end("one")
        text, end = m.string[m.start() : stop], stop + offset
    value = _value(one, european_text)
    if value is None:
        return None
    return _stated(qual_word, value, text, start, end)


_SPACED_GROUPS = re.compile(r"(\d{1,3}) \d{3}")
_MODEL_AFTER = re.compile(rf"\s+(?:{phrase_pattern(_NOT_COUNTS['models'])})\b", re.IGNORECASE)
_MONTH = phrase_pattern(_NOT_COUNTS["months"])
_DATE_BEFORE = re.compile(rf"(?<!\w)(?:{_MONTH})\.?\s+\Z", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"\s+(?:{_MONTH})(?![\w-])", re.IGNORECASE)
_ECHO_INNER = re.compile(r"\(\s*(.*?)\s*\)$", re.DOTALL)


def _stated(qual_word: str, value: int, text: str, start: int, end: int) -> Quantity:
    """A single stated number with its qualifier ("at least 205")."""
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


_NOT_COUNT_AFTER = re.compile(
    rf"""\s*(?:{phrase_pattern(_NOT_COUNTS["not_count_after"])})(?!\w)   # 5 km, 2 pm, 5 million dollars
      |{_HYPHEN}(?!(?:{phrase_pattern(_NOT_COUNTS["compounds_of_people"])})\b)[a-z]  # a 12-storey
    """, re.IGNORECASE | re.VERBOSE)
_CURRENCY_WORDS = frozenset(_NOT_COUNTS["currency_before"])
_MONTHS = frozenset(_NOT_COUNTS["months"])
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_YEAR_RANGE = re.compile(r"(?:1[89]|20)\d\d(?=\s*(?:-|–|to\b|and\b|or\b))")


def is_count(text: str, q: Quantity) -> bool:
    """False for a number whose form shows it counts no one: a year ("in 2013", "2013-14"),
    a number with a leading zero ("0830") or of more than ten digits (an identifier), money
    ("USD 5 million", "5 million dollars"), a measure or time ("5 km", "2 pm", "40%"), a
    model ("a 32K missile"), a day ("June 4") or the first part of a compound ("a 12-storey
    building", "a three-year-old"; but "a 25-member crew" counts)."""
    if q.qualifier in ("exact", "range") and 1800 <= q.value < 2100:
        number = q.text[q.text.find(str(q.value)):]
        if len(number) == 4 if q.qualifier == "exact" else _YEAR_RANGE.match(number):
            return False  # 2013, 2013-14, between 2010 and 2015
    number = q.text.lstrip()
    if q.qualifier == "exact" and (number[:1] == "0" and number[1:2].isdigit() or len(number) > 10
                                   and number.isdigit()):
        return False  # 0830, 08034958267, 200605200002: a time, a telephone, an identifier
    if _NOT_COUNT_AFTER.match(text, q.end):
        return False
    if number[-1:] in "KkMm" and number[-2:-1].isdigit() and _MODEL_AFTER.match(text, q.end):
        return False  # a 32K missile: a model's name
    before = text[max(0, q.start - 12) : q.start].split()
    word = before[-1].lower().lstrip("([") if before else ""  # the word before, cut by blanks
    if word in _CURRENCY_WORDS:
        return False
    if q.qualifier != "exact" or q.value > 31:
        return True
    month = word.rstrip(".").rsplit("-", 1)[-1]  # June 4, June 3-June 4, 4 June: a day
    return month not in _MONTHS and _MONTH_AFTER.match(text, q.end) is None


def find_numbers(text: str) -> list[Quantity]:
    """Every count in running text, in order, each with its qualifier and span (read
    without format characters such as a zero-width space; spans and text are the original's).
    Numbers that count no one by their form (years, money, measures, times: `is_count`) are
    left out; `scan_numbers` keeps them."""
    cleaned = clean(text)
    found = [q for q in scan_numbers(cleaned.text) if is_count(cleaned.text, q)]
    return [in_original(q, cleaned) for q in found] if cleaned.changed else found


_CONVENTION_MATTERS = re.compile(r"\d[.,]\d{3}")  # 1.200 or 1,200: read as the text writes


def scan_numbers(text: str) -> list[Quantity]:
    """Every quantity in a text already cleaned (see invisible.py), counts or not: the
    sentences the extractor reads, which marks the numbers that are no counts itself."""
    found = []
    end = 0
    european_text: bool | None = None
    for start in _START_RE.finditer(lowered(text)):
        pos = start.start()
        if pos < end:
            continue  # inside the quantity just read
        m = QUANTITY_RE.match(text, pos, pos + LONGEST_NUMBER)
        if m is not None:
            if european_text is None and _CONVENTION_MATTERS.search(m.group(0)):
                european_text = european(text)  # once a text, and only when it matters
            quantity = _quantity(m, 0, european_text)
            if quantity is not None:
                end = quantity.end
            else:  # "3.5 to 1": the second may still be a number
                end = m.end("one") if m.group("to") else m.end()
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
    quantity = _quantity(m, len(cleaned.text) - len(cleaned.text.lstrip()), european(stripped))
    return in_original(quantity, cleaned) if quantity is not None and cleaned.changed else quantity


def in_original(quantity: Quantity, cleaned: Cleaned) -> Quantity:
    """A quantity read in cleaned text, with its span and text in the original."""
    start, end = cleaned.start(quantity.start), cleaned.end(quantity.end)
    return replace(quantity, text=cleaned.original[start:end], start=start, end=end)
