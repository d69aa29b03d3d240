"""Sentences and their spans: where a statement starts and ends decides what is read together."""

import textwrap

import pytest

from extract import document_totals, extract_figures
from extract.sentences import split_sentences

PARAGRAPH = (
    "Shelling hit the northern market of Besk on Tuesday morning. Four people were injured in "
    "the attack, including two traders, the district hospital said. Dr. Ivo Marek, who heads the "
    "hospital, said a fifth person had died of wounds overnight. Aid groups said 300 families had "
    "fled the area since the weekend."
)


def texts(sentences):
    return [s.text for s in sentences]


@pytest.mark.parametrize(
    "text,expected",
    [
        # a heading with no stop, then its paragraph
        ("Shelling hits Besk market\nFour people were injured, officials said.",
         ["Shelling hits Besk market", "Four people were injured, officials said."]),
        # titles and initials are not ends of sentences
        ("Dr. Ana Ruiz said two died. Gen. Mena said three.",
         ["Dr. Ana Ruiz said two died.", "Gen. Mena said three."]),
        # list items each stand alone, whatever their length
        ("Casualties reported this week\n- 12 people killed in shelling of the market area of the "
         "northern district of Besk on Tuesday\n- 30 wounded",
         ["Casualties reported this week",
          "- 12 people killed in shelling of the market area of the northern district of Besk on "
          "Tuesday",
          "- 30 wounded"]),
        ("1. Five killed\n2. Nine wounded", ["1. Five killed", "2. Nine wounded"]),
        # a blank line always ends a sentence
        ("Five killed\n\nNine wounded", ["Five killed", "Nine wounded"]),
    ],
)
def test_split_sentences(text, expected):
    assert texts(split_sentences(text)) == expected


@pytest.mark.parametrize("width", [50, 70, 100])
def test_text_wrapped_at_a_fixed_width_gives_the_same_sentences(width):
    wrapped = textwrap.fill(PARAGRAPH, width)
    found = split_sentences(wrapped)
    assert [" ".join(s.text.split()) for s in found] == texts(split_sentences(PARAGRAPH))
    for s in found:
        assert wrapped[s.start : s.end] == s.text


@pytest.mark.parametrize("width", [50, 70])
def test_figures_in_wrapped_text(width):
    wrapped = "Besk market shelled\n" + textwrap.fill(PARAGRAPH, width)
    assert document_totals(wrapped) == document_totals(PARAGRAPH)
    rows = extract_figures(wrapped)
    assert [(f.category, f.value, f.agency) for f in rows] == [
        (f.category, f.value, f.agency) for f in extract_figures(PARAGRAPH)]
    for f in rows:  # the evidence is the text as written, line breaks and all
        assert wrapped[f.start : f.end] == f.number_text
