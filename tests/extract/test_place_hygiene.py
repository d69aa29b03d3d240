"""Places are place names: not a people, faith or sect, not an agency's name, a nationality
shown as its country, and no possessive."""

import pytest

from extract import extract_figures
from extract.gazetteer import fold, gazetteer
from extract.lexicon import data_table
from extract.places import without_possessive


def places(text: str) -> list[tuple[str, str]]:
    return [(f.place, f.country) for f in extract_figures(text, publisher="The Daily")]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed 5 people near the Sunni town of Harbat.",  # a sect before a town word
        "Clashes in Druze villages killed 6 people, officials said.",
        "At least 4 people were killed near Shiite shrines on Friday.",
        "Some 300 displaced people arrived in IDP sites on Monday.",  # a group of people
    ],
)
def test_a_people_faith_or_sect_is_no_place(text):
    assert places(text) == [("", "")]


def test_an_agency_s_name_is_no_place():
    # (the gazetteer holds a village in Turkey called Taliban)
    text = ("Farmers say fighting between the Taliban and the army goes on in the valley. "
            "A farmer says 20 civilians have been killed.")
    assert [place for place, _ in places(text)] != ["Taliban"]
    assert all(country != "Türkiye" for _, country in places(text))


@pytest.mark.parametrize(
    "text,place",
    [
        ("Afghan forces said 6 civilians were killed.", "Afghanistan"),  # not "Afghan"
        ("Shelling in Velmora's east killed 4 people.", "Velmora"),  # not "Velmora's"
        ("A blast in Honduras' capital killed 3 people.", "Honduras"),
    ],
)
def test_a_nationality_or_a_possessive_is_shown_as_its_place(text, place):
    assert [p for p, _ in places(text)] == [place]


@pytest.mark.parametrize("name,bare", [("Somalia's", "Somalia"), ("Kell’s", "Kell"),
                                       ("Honduras'", "Honduras"), ("Karbala'", "Karbala'"),
                                       ("Sa'dah", "Sa'dah")])
def test_without_possessive(name, bare):
    assert without_possessive(name) == bare


def test_a_word_of_a_people_is_no_nationality_and_is_listed_once():
    """A nationality ("Afghan") names its country (place_names.csv); the words of peoples,
    faiths and sects name none."""
    listed = data_table("places.toml")["not_place_words"]
    folded = [fold(w) for w in listed]
    assert len(folded) == len(set(folded))
    assert [w for w in listed if fold(w) in gazetteer().demonyms] == []
