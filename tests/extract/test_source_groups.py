"""Generic sources are grouped under "unnamed: <group>", their words kept in agency_text;
named agencies, people and roles of no group keep their names."""

import pytest

from extract import extract_figures
from extract.agencies import is_valid_agency
from extract.source_groups import grouped_agency


@pytest.mark.parametrize(
    "name,stored",
    [
        ("officials", "unnamed: officials"),
        ("Officials", "unnamed: officials"),  # a sentence's capital
        ("a security official", "unnamed: officials"),
        ("Kovan officials", "unnamed: officials"),  # a nationality before the head
        ("local authorities", "unnamed: officials"),
        ("Police", "unnamed: police"),  # the agency table's name for any force
        ("police officials", "unnamed: police"),  # two words before one
        ("locals", "unnamed: residents"),
        ("residents of the valley", "unnamed: residents"),  # the head ends at a preposition
        ("eye witnesses", "unnamed: witnesses"),
        ("hospital sources", "unnamed: sources"),
        ("medical and security officials", "unnamed: officials"),  # "medical": a modifier only
        ("officials and residents", "unnamed: officials and residents"),
        ("residents and officials", "unnamed: officials and residents"),  # in the file's order
        ("humanitarian partners", "unnamed: partners"),
        ("unnamed: officials", "unnamed: officials"),  # grouped once
    ],
)
def test_a_generic_source_is_stored_as_its_group(name, stored):
    assert grouped_agency(name) == stored


@pytest.mark.parametrize(
    "name",
    [
        "Ministry of Health", "World Health Organization", "Orsel Regional Hospital",
        "Local official Mirko Dansen",  # a person named after the role
        "provincial governor", "camp manager",  # roles of no group
        "residents and a charity",  # a part with a head of no group
        "a nurse and a member of the village guard",
        "Military",
    ],
)
def test_a_named_source_or_a_role_of_no_group_keeps_its_name(name):
    assert grouped_agency(name) == name


def test_the_group_is_a_valid_agency():
    assert is_valid_agency("unnamed: officials")
    assert is_valid_agency("unnamed: officials and residents")


@pytest.mark.parametrize(
    "text,agency,agency_text",
    [
        ("A Kovan official said 14 people were killed in the raid.", "unnamed: officials",
         "A Kovan official"),
        ("Police said 9 people were wounded.", "unnamed: police", "Police"),
        ("According to residents, 30 people have fled the village.", "unnamed: residents", "residents"),
        ("Witnesses told the paper 6 people were killed.", "unnamed: witnesses", "Witnesses"),
    ],
)
def test_figures_keep_the_words_in_agency_text(text, agency, agency_text):
    (f,) = extract_figures(text, publisher="The Daily")
    assert (f.agency, f.agency_text) == (agency, agency_text)


def test_the_publisher_is_never_grouped():
    (f,) = extract_figures("Nine people were killed in the blast.", publisher="local sources")
    assert (f.agency, f.attribution) == ("local sources", "publisher")


@pytest.mark.parametrize(
    "text,agency",
    [
        # the capital of a word after "the" or "an" is its own: a name, not a sentence's start
        ("The Tarn provincial health directorate said 8 people were killed.",
         "Tarn provincial health directorate"),
        ("Local councillors said 8 people were killed.", "local councillors"),
    ],
)
def test_only_a_capital_that_opens_the_sentence_is_lowered(text, agency):
    (f,) = extract_figures(text, publisher="The Daily")
    assert f.agency == agency
