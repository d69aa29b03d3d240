"""Numbers in digits and words, qualifiers, ranges and vague amounts.

Cases are lists of examples, as in price-parser: those written while developing,
and those caught in the wild (shapes met in real news ledes).
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from extract import find_numbers, parse_number
from extract.numbers import scan_numbers

# (text, value, low, high, qualifier)
DEVELOPMENT = [
    ("205", 205, 205, 205, "exact"),
    ("1,200", 1200, 1200, 1200, "exact"),
    ("1.2 million", 1_200_000, 1_200_000, 1_200_000, "exact"),
    ("3 thousand", 3000, 3000, 3000, "exact"),
    ("2 dozen", 24, 24, 24, "exact"),
    ("two hundred and five", 205, 205, 205, "exact"),
    ("twenty-one", 21, 21, 21, "exact"),
    ("a hundred", 100, 100, 100, "exact"),
    ("a dozen", 12, 12, 12, "exact"),
    ("two dozen", 24, 24, 24, "exact"),
    ("half a million", 500_000, 500_000, 500_000, "exact"),
    ("one thousand nine hundred", 1900, 1900, 1900, "exact"),
    ("twenty-one thousand", 21_000, 21_000, 21_000, "exact"),
    ("at least 205", 205, 205, None, "at_least"),
    ("more than 900", 900, 901, None, "more_than"),
    ("over 10", 10, 11, None, "more_than"),
    ("nearly 250,000", 250_000, None, 250_000, "about"),
    ("almost 40", 40, None, 40, "about"),
    ("about 1.2 million", 1_200_000, None, None, "about"),
    ("around 30", 30, None, None, "about"),
    ("some 75", 75, None, None, "about"),
    ("approximately 60", 60, None, None, "about"),
    ("up to 5,000", 5000, None, 5000, "up_to"),
    ("as many as 17", 17, None, 17, "up_to"),
    ("fewer than 20", 20, None, 19, "fewer_than"),
    ("between 10 and 15", 10, 10, 15, "range"),
    ("10 to 15", 10, 10, 15, "range"),
    ("10-15", 10, 10, 15, "range"),
    ("two or three", 2, 2, 3, "range"),
    ("dozens", 24, 24, 99, "vague"),
    ("scores", 40, 40, 199, "vague"),
    ("hundreds", 200, 200, 999, "vague"),
    ("several", 3, 3, 9, "vague"),
    ("a few", 2, 2, 5, "vague"),
    ("tens of thousands", 20_000, 20_000, 99_999, "vague"),
    ("hundreds of thousands", 200_000, 200_000, 999_999, "vague"),
    # abbreviated scales and no-break spaces between thousands
    ("1.2m", 1_200_000, 1_200_000, 1_200_000, "exact"),
    ("about 3bn", 3_000_000_000, None, None, "about"),
    ("12k", 12_000, 12_000, 12_000, "exact"),
    ("1\u00a0200", 1200, 1200, 1200, "exact"),
]

CAUGHT_IN_THE_WILD = [
    ("At least 7", 7, 7, None, "at_least"),
    ("Twenty people", None, None, None, None),  # not a whole number phrase
    ("seven hundred and eighty-nine thousand and twelve", 789_012, 789_012, 789_012, "exact"),
    ("approximately sixty", 60, None, None, "about"),
    ("an estimated 3,000", 3000, None, None, "about"),
    ("more than 1,200", 1200, 1201, None, "more_than"),
    ("8-10", 8, 8, 10, "range"),
]


@pytest.mark.parametrize("text,value,low,high,qualifier", DEVELOPMENT + CAUGHT_IN_THE_WILD)
def test_parse_number(text, value, low, high, qualifier):
    q = parse_number(text)
    if value is None:
        assert q is None
        return
    assert (q.value, q.low, q.high, q.qualifier) == (value, low, high, qualifier)
    assert q.text == text.strip()
    assert q.vague == (qualifier == "vague")


@pytest.mark.parametrize("text", ["", "people", "3.5", "1st", "10:30", "a", "no one"])
def test_parse_number_rejects_what_is_not_a_count(text):
    assert parse_number(text) is None


def test_find_numbers_keeps_exact_text_and_span():
    text = "At least 205 people were killed and more than 900 wounded, two dozen of them children."
    found = find_numbers(text)
    assert [q.text for q in found] == ["At least 205", "more than 900", "two dozen"]
    for q in found:
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "text,expected",
    [
        ("at 10:30 p.m.", []),  # a time
        ("the 21st victim", []),  # an ordinal
        ("COVID-19 and A-4", []),  # identifiers
        ("3.5 km", []),  # a measure, not a count
        ("rose from 10 to 25", [10, 25]),  # a change, not a range
        ("the total since 2020 to 41", [41]),  # no range where the second is smaller; a year
        ("no one was hurt", []),  # "one" inside "no one"
        ("killed 5, 6 and 7", [5, 6, 7]),
        ("a 12m-high wall and a 5km road", []),  # measures, not scales
    ],
)
def test_find_numbers_in_running_text(text, expected):
    assert [q.value for q in find_numbers(text)] == expected


def test_scan_numbers_keeps_what_is_no_count():
    # the year stays for the extractor to mark; no range where the second is smaller
    assert [q.value for q in scan_numbers("the total since 2020 to 41")] == [2020, 41]


def test_parse_number_span_allows_leading_blank():
    q = parse_number("  at least 205")
    assert (q.start, q.end) == (2, 14)


INTEGERS = st.integers(min_value=0, max_value=10**12)


@settings(max_examples=400, deadline=None)
@given(INTEGERS)
def test_every_integer_in_words_parses_back(n):
    assert parse_number(num2words(n)).value == n


@settings(max_examples=400, deadline=None)
@given(INTEGERS)
def test_every_integer_in_digits_parses_back(n):
    assert parse_number(str(n)).value == n
    assert parse_number(f"{n:,}").value == n


@settings(max_examples=200, deadline=None)
@given(INTEGERS)
def test_integers_in_running_text_are_found_whole(n):
    text = f"Officials said {num2words(n)} and {n:,} were counted."
    assert [q.value for q in find_numbers(text)] == [n, n]


def _styles(n):
    """The number in words as British and US writers put it: with and without "and", with
    and without hyphens ("one hundred and twenty-five", "one hundred twenty five")."""
    british = num2words(n)  # "one hundred and twenty-five"
    us = british.replace(" and", "")
    return {british, us, british.replace("-", " "), us.replace("-", " "), us.replace(",", "")}


@settings(max_examples=300, deadline=None)
@given(INTEGERS)
def test_every_integer_in_every_style_parses_back(n):
    for words in _styles(n):
        q = parse_number(words)
        assert q is not None and q.value == n, words
        assert q.text == words


@settings(max_examples=200, deadline=None)
@given(INTEGERS, st.sampled_from(["Officials said {} people were killed.", "{} were hurt.",
                                  "The toll reached {}.", "At the camp, {} (families) wait."]))
def test_every_style_is_found_whole_in_a_sentence(n, sentence):
    for words in _styles(n):
        text = sentence.format(words[:1].upper() + words[1:] if sentence[0] == "{" else words)
        found = find_numbers(text)
        assert [q.value for q in found] == [n], text
        q = found[0]
        assert text[q.start : q.end] == q.text
        assert q.text.lower() == words.lower()


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=99))
def test_a_hundred_and_a_thousand_and(n):
    tail = num2words(n)
    if n:
        assert parse_number(f"a hundred and {tail}").value == 100 + n
        assert parse_number(f"a thousand and {tail}").value == 1000 + n
        assert parse_number(f"hundred and {tail}").value == 100 + n
    assert parse_number("a hundred").value == 100
    assert parse_number("a thousand and one").value == 1001


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**9))
def test_words_echoed_in_digits_are_one_figure(n):
    text = f"Police said {num2words(n)} ({n:,}) people were detained."
    found = find_numbers(text)
    assert [q.value for q in found] == [n]
    assert found[0].text == f"{num2words(n)} ({n:,})"
