"""Untrusted text never hangs a pattern: large and pathological inputs finish in seconds.

The bounds are generous on purpose, and on the CPU time of this process, so a machine
busy with other work does not fail them; speed itself is measured in benchmarks/. The hostile
texts are a quarter of a megabyte: a scan that went back over the text for each figure
would take minutes there, far past the bounds, and the file stays quick to run.
"""

import time

from extract import document_totals, extract_figures, find_numbers
from extract.numbers import LONGEST_NUMBER
from extract.sentences import MAX_SENTENCE, split_sentences


def _seconds(fn, *args):
    """The CPU seconds `fn(*args)` took in this process (not the wall clock), and its result."""
    start = time.process_time()
    result = fn(*args)
    return time.process_time() - start, result


def test_a_megabyte_of_numbers_and_trigger_words():
    unit = ("12 killed 34 wounded and 5,000 displaced, dozens of people were killed and more "
            "than 1,200 injured; the death toll rose to 99 ")
    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    took, totals = _seconds(document_totals, text)
    assert took < 30
    assert totals["killed"] and totals["wounded"] and totals["displaced_toll"] == 5000


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
        assert took < 30
        assert len(sentences) == count


SIZE = 250_000  # characters of each hostile text below


def _repeated(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _nested(opening: str, closing: str, size: int = SIZE) -> str:
    depth = size // (len(opening) + len(closing))
    return opening * depth + closing * depth


def _read(text):
    """The figures and totals of a text, each read within a generous bound."""
    took, figures = _seconds(extract_figures, text)
    assert took < 30
    took, totals = _seconds(document_totals, text)
    assert took < 30
    return figures, {k: v for k, v in totals.items()
                     if v is not None and not k.endswith("_all_incidents")}


def _counted(figures):
    return {(f.category, f.value) for f in figures}


def _stated(figures):
    """How many statements the rows stand for (a repeated figure is one row)."""
    return sum(f.times_stated for f in figures)


def test_nested_brackets_around_figures():
    for text in (_nested("(1 killed ", ") "), _repeated("((((1 killed) ")):
        figures, totals = _read(text)
        assert _counted(figures) == {("killed", 1)} and _stated(figures) > SIZE // 20
        assert totals == {"killed": 1}


def test_brackets_without_figures():
    for text in (_nested("(", ")"), _nested("(killed ", ")")):
        assert _read(text) == ([], {})


def test_sitrep_citations():
    """Repeated, nested and unclosed citations: each figure is read once, and a closed
    citation still names its source."""
    figures, totals = _read(_repeated("12 killed (Ministry of Health, 3 May) "))
    assert _counted(figures) == {("killed", 12)} and totals == {"killed": 12}
    assert sum(f.agency == "Ministry of Health" for f in figures) > 0.9 * len(figures)
    for text in (_nested("12 killed (Ministry of Health, 3 May ", ") "),
                 _repeated("(Ministry of Health, 3 May, 12 killed "), _repeated("(12 killed ")):
        figures, totals = _read(text)
        assert _counted(figures) == {("killed", 12)} and totals == {"killed": 12}


def test_chained_number_words_and_ranges():
    figures, totals = _read(_repeated("one hundred and twenty killed and "))
    assert {v for _, v in _counted(figures)} <= {120, 20} and totals == {"killed": 120}
    figures, totals = _read(_repeated("between 1 and 2 killed and between "))
    assert all(f.high in (2, None) for f in figures) and totals == {"killed": 2}
    for unit in ("one hundred and ", "between 1 and "):
        assert _read(_repeated(unit)) == ([], {})


def test_commas_conjunctions_capitals_and_quotes():
    for unit in (",", ", ", "and ", "Ministry Health Office Besk ", "KILLED ", '"', "- ",
                 "officials said ", "according to "):
        assert _read(_repeated(unit)) == ([], {})


def test_list_items_and_table_rows():
    figures, totals = _read(_repeated("- 1 killed\n"))
    assert _stated(figures) == SIZE // 11 and _counted(figures) == {("killed", 1)}
    figures, totals = _read(_repeated("| Killed | 12 |\n"))
    assert _stated(figures) == SIZE // 16 and totals == {"killed": 12}


def test_a_long_sentence_with_many_figures():
    """No full stop in the whole text: sentences are cut at MAX_SENTENCE and every figure read."""
    figures, totals = _read(_repeated("12 killed, 3 wounded and 5 missing, "))
    assert _counted(figures) == {("killed", 12), ("wounded", 3), ("missing", 5)}
    assert totals == {"killed": 12, "wounded": 3, "missing_toll": 5}  # (the missing: a stock)
    figures, totals = _read(_repeated("12 people were killed in the town of Besk and "))
    assert _counted(figures) == {("killed", 12)} and totals == {"killed": 12}
    assert all(len(f.sentence) <= MAX_SENTENCE for f in figures)
    assert {f.place for f in figures} == {"Besk"}


def test_single_persons_killed():
    figures, totals = _read(_repeated("a man was killed "))
    assert _counted(figures) == {("killed", 1)} and _stated(figures) > SIZE // 20


def test_numbers_split_by_invisible_characters():
    text = _repeated("1\u200b000 killed ")
    figures, totals = _read(text)
    assert _counted(figures) == {("killed", 1000)} and totals == {"killed": 1000}
    assert all(text[f.start : f.end] == "1\u200b000" for f in figures)


def test_pipes_and_label_lines_read_as_layout():
    """Figures stated by layout (extract/tables.py): a megabyte-like run of pipes, of "a: 1"
    lines or of a table's rows is read line by line, once."""
    for unit in ("|", "|\n", "a: 1\n", ":", "| | |\n"):
        assert _read(_repeated(unit)) == ([], {})
    table = "| District | Killed | Injured |\n|---|---|---|\n"
    figures, _ = _read(table + _repeated("| Varnu | 12 | 40 |\n"))
    assert _counted(figures) == {("killed", 12), ("wounded", 40)} and len(figures) >= SIZE // 20 * 2
    figures, _ = _read("| District | Killed |\n|---|---|\n" + _repeated("| Varnu | 12 "))
    assert len(figures) <= 1  # one endless line is no table row
    figures, _ = _read("Deaths by district (NDMA):\n" + _repeated("Varnu: 12\n"))
    assert _counted(figures) == {("killed", 12)} and len(figures) >= SIZE // 10 - 5
    assert {f.place for f in figures} == {"Varnu"}
    figures, _ = _read("Deaths by district:\n" + _repeated("Varnu      12\n"))
    assert _counted(figures) == {("killed", 12)} and len(figures) >= SIZE // 14 - 5
    figures, _ = _read(_repeated("- Killings (9)\n"))
    assert _counted(figures) == {("killed", 9)} and len(figures) >= SIZE // 15 - 1
