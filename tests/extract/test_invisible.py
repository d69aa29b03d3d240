"""Invisible characters never change a number: format characters (zero-width space and
joiners, direction marks, soft hyphen, byte order mark) are read as absent, thin spaces
group thousands as no-break spaces do, full-width digits and commas are digits and
commas, and every span
still points at the text as it was given."""

import pytest

from extract import document_totals, extract_figures, find_numbers, parse_number

ZWSP, ZWNJ, ZWJ, LRM, RLM, SHY, BOM = "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u00ad", "\ufeff"
THIN, NARROW_NBSP = "\u2009", "\u202f"

CASES = [
    (f"1{ZWSP}000 people were killed in the raid.", 1000),
    (f"2{ZWNJ}500 people were killed in the raid.", 2500),
    (f"3{THIN}400 people were killed in the raid.", 3400),
    (f"3{NARROW_NBSP}400 people were killed in the raid.", 3400),
    (f"5{LRM}6 people were killed in the raid.", 56),
    ("１２ people were killed in the raid.", 12),
    (f"1{ZWJ}2{RLM}0{SHY}0 people were killed in the raid.", 1200),
    (f"{BOM}12 people were killed in the raid.", 12),
    (f"1{THIN}234{THIN}567 people were killed in the raid.", 1234567),
]


@pytest.mark.parametrize("text, value", CASES)
def test_figure_reads_the_number_and_points_at_it_as_written(text, value):
    [figure] = extract_figures(text)
    assert (figure.category, figure.value) == ("killed", value)
    assert text[figure.start : figure.end] == figure.number_text
    assert figure.number_text == text.split(" people")[0].lstrip(BOM)
    assert figure.sentence == text.lstrip(BOM)


@pytest.mark.parametrize("text, value", CASES)
def test_document_total_reads_the_number(text, value):
    assert document_totals(text)["killed"] == value


def test_invisible_characters_elsewhere_keep_later_offsets_right():
    text = (f"The{ZWSP} ministry{LRM} said on Monday.{ZWJ} Gun{SHY}men killed 14 civilians "
            f"and wounded 3{ZWSP}0 others in Besk.")
    figures = extract_figures(text)
    assert [(f.category, f.value) for f in figures] == [("killed", 14), ("wounded", 30)]
    assert [text[f.start : f.end] for f in figures] == ["14", f"3{ZWSP}0"]
    assert figures[0].sentence == f"Gun{SHY}men killed 14 civilians and wounded 3{ZWSP}0 others in Besk."
    assert figures[0].place == "Besk"


def test_thin_space_joins_only_a_group_of_three_digits():
    """As with a no-break space, "12 5" is two numbers; "12 500" is one."""
    for space in (THIN, NARROW_NBSP, "\u00a0"):
        assert [q.value for q in find_numbers(f"12{space}5 and 12{space}500")] == [12, 5, 12500]
        assert [(f.category, f.value) for f in extract_figures(f"In all 12{space}5 were killed.")] \
            == [("killed", 5)]


def test_full_width_digits_in_a_longer_text():
    text = "Officials said ２０５ people were killed and ３，０００ displaced."
    figures = extract_figures(text)
    assert [(f.category, f.value) for f in figures] == [("killed", 205), ("displaced", 3000)]
    assert [text[f.start : f.end] for f in figures] == ["２０５", "３，０００"]


def test_find_numbers_and_parse_number_map_spans_back():
    text = f"at least 1{ZWSP}200 dead, 4{SHY}5 hurt"
    found = find_numbers(text)
    assert [(q.value, q.text) for q in found] == [(1200, f"at least 1{ZWSP}200"), (45, f"4{SHY}5")]
    assert all(text[q.start : q.end] == q.text for q in found)
    q = parse_number(f"  more than 9{ZWSP}00")
    assert (q.value, q.low, q.qualifier) == (900, 901, "more_than")
    assert (q.text, q.start, q.end) == (f"more than 9{ZWSP}00", 2, 16)
    assert parse_number(f"{ZWSP}{THIN}") is None
