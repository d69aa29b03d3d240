"""Untrusted text never hangs a pattern: large and pathological inputs finish in seconds.

The bounds are generous on purpose; speed itself is measured in benchmarks/.
"""

import time

from extract import document_totals, extract_figures, find_numbers
from extract.numbers import LONGEST_NUMBER
from extract.sentences import MAX_SENTENCE, split_sentences


def _seconds(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def test_five_megabytes_of_numbers_and_trigger_words():
    unit = ("12 killed 34 wounded and 5,000 displaced, dozens of people were killed and more "
            "than 1,200 injured; the death toll rose to 99 ")
    text = (unit * (5_000_000 // len(unit) + 1))[:5_000_000]
    took, totals = _seconds(document_totals, text)
    assert took < 90
    assert totals["killed"] and totals["wounded"] and totals["displaced"] == 5000


def test_a_hundred_thousand_digits():
    digits = "7" * 100_000
    took, totals = _seconds(document_totals, digits)
    assert took < 5
    assert all(v is None for v in totals.values())
    assert find_numbers(digits) == []
    took, figures = _seconds(extract_figures, "killed " + digits + " people")
    assert took < 5 and figures == []


def test_long_run_of_numbers_without_punctuation():
    took, figures = _seconds(extract_figures, "killed " + " ".join(["1"] * 100_000))
    assert took < 30
    assert len(figures) <= 1


def test_number_words_chained_over_a_whole_text_read_in_seconds():
    """Each number is read from at most LONGEST_NUMBER characters, so a chain of number
    words never makes one match long, in a sentence or in a megabyte of text."""
    for unit in ("one thousand, ", "two million and ", "between one and ", "10 to 15 "):
        sentence = (unit * 200)[:MAX_SENTENCE]
        took, numbers = _seconds(find_numbers, sentence)
        assert took < 1
        assert numbers
        took, numbers = _seconds(find_numbers, unit * (1_000_000 // len(unit)))
        assert took < 30
        assert all(q.end - q.start <= LONGEST_NUMBER for q in numbers)


def test_five_megabytes_of_short_sentences_split_in_seconds():
    """On one line or wrapped, every sentence end looks back only a few characters."""
    one_line = "Five died. " * 450_000
    wrapped = "Five people died in the town of Besk, and\nnine were hurt. " * 100_000
    for text, count in ((one_line, 450_000), (wrapped, 100_000)):
        took, sentences = _seconds(split_sentences, text)
        assert took < 10
        assert len(sentences) == count
