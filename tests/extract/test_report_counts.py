"""Counts in the wording of humanitarian reports: people displaced (sheltering, living in
collective centres or in the open, new arrivals, a site that hosts them), missing (trapped,
buried under rubble, not located), abducted (in the hands of captors), detained (charged),
and running tolls whose old value is superseded. Sentences written for these tests."""

from __future__ import annotations

import pytest

from extract import extract_figures
from extract.mentions import find_mentions
from extract.totals import document_totals

CASES = [
    # displaced: where people shelter and live
    ("About 3,100 people are sheltering at the central mosque.", [("displaced", 3100)]),
    ("Some 800 of them are sheltering in two schools.", [("displaced", 800)]),
    ("Nearly 12,000 residents are living in collective centres in the capital.",
     [("displaced", 12000)]),
    ("An estimated 2,500 children are living in temporary shelters, the agency said.",
     [("displaced", 2500)]),
    ("Around 5,000 villagers were sleeping in tents after the tremor.", [("displaced", 5000)]),
    ("Most of the 940 families' 4,700 members are living in the open.", [("displaced", 4700)]),
    ("The sports hall, meant for 600 people, now hosts 2,150.", [("displaced", 2150)]),
    ("Teams recorded 3,800 new arrivals at the transit centre.", [("displaced", 3800)]),
    ("1,260 new arrivals were registered in the camps on Monday.", [("displaced", 1260)]),
    ("Over 4,000 people arrived in IDP sites during the week.", [("displaced", 4000)]),
    ("The latest count of displaced people stands at 31,200.", [("displaced", 31200)]),
    ("The number of IDPs since 4 June has reached 18,900.", [("displaced", 18900)]),
    # missing: trapped, buried under rubble, not located
    ("At least 14 people remain trapped under the rubble of the hotel.", [("missing", 14)]),
    ("Rescuers were digging for 20 miners believed to be trapped underground.", [("missing", 20)]),
    ("Nine people were buried under the rubble of the collapsed mill.", [("missing", 9)]),
    ("Relatives say 23 men could not be located after the raid.", [("missing", 23)]),
    ("Two volunteers have not been heard from since Tuesday.", [("missing", 2)]),
    # abducted: held by captors
    ("Twelve passengers remain in the hands of their kidnappers.", [("abducted", 12)]),
    ("Five of the girls are still held by their abductors.", [("abducted", 5)]),
    # detained: charged
    ("Prosecutors said 26 of the suspects had been charged with arson.", [("detained", 26)]),
    ("The number of people arrested since the rally rose to 240.", [("detained", 240)]),
]


@pytest.mark.parametrize(("sentence", "read"), CASES)
def test_report_wording(sentence, read):
    assert [(m.category, m.quantity.value) for m in find_mentions(sentence)] == read


@pytest.mark.parametrize("sentence", [
    "The stadium was built for 1,500 people.",  # a capacity
    "The camp hosts a clinic and two schools.",  # no count of people
    "The family buried 3 relatives on Sunday.",  # a burial of the dead is no missing person
])
def test_no_count_of_people_here(sentence):
    assert [m for m in find_mentions(sentence) if m.category in ("missing", "displaced")] == []


# --- rules: parts "of them", people taken, figures revised, people held by captors ----------

RULE_CASES = [
    # of_them
    ("Troops detained 70 youths, 18 of whom have since been charged.",
     [("detained", 70, False), ("detained", 18, False)]),
    ("Of the detainees, 14 of them were indicted on Friday.", [("detained", 14, False)]),
    ("The clinic admitted 25 wounded people, 4 of whom later died.",
     [("wounded", 25, False), ("killed", 4, False)]),
    # taken
    ("Gunmen attacked the convoy and took 12 passengers.", [("abducted", 12, False)]),
    ("The kidnappers have taken 7 of our nurses, the director said.", [("abducted", 7, False)]),
    ("Police said 19 pupils taken from a boarding school in the hills were still missing.",
     [("abducted", 19, False)]),
    ("The total number of villagers taken has risen to 61.", [("abducted", 61, False)]),
    # revisions: the old value superseded
    ("The number of people arrested went up from 90 to 240 overnight.",
     [("detained", 90, True), ("detained", 240, False)]),
    ("The toll of the flood has risen to 57, up from 31 on Tuesday.",
     [("killed", 57, False), ("killed", 31, True)]),
    ("The count of displaced people was revised from 9,000 to 14,500.",
     [("displaced", 9000, True), ("displaced", 14500, False)]),
    # registered where people displaced are spoken of
    ("Refugees crossed at dawn, and officials registered 530 individuals by noon.",
     [("displaced", 530, False)]),
    ("The refugee agency has not registered 40 tonnes of food.", []),
    # held by captors
    ("Militants abducted 45 workers; 20 of them are still held.",
     [("abducted", 45, False), ("abducted", 20, False)]),
    ("Nine crew members are still held by the hostage-takers.", [("abducted", 9, False)]),
]


@pytest.mark.parametrize(("sentence", "read"), RULE_CASES)
def test_rule_wording(sentence, read):
    assert [(m.category, m.quantity.value, m.superseded) for m in find_mentions(sentence)] == read


@pytest.mark.parametrize("sentence", [
    "The bus took 40 passengers to the hospital in the town.",  # no attackers
    "Gunmen took 20 minutes to reach the village.",  # a time
    "The ambulance took 3 of the wounded to the hospital.",  # taken to hospital
    "Prices went up from 300 to 500 dinars.",  # no people
])
def test_not_taken_and_not_a_revised_count(sentence):
    assert [m for m in find_mentions(sentence)
            if m.category in ("abducted", "killed", "detained", "displaced")] == []


def test_a_superseded_value_is_a_row_marked_and_no_total():
    text = "The number of people arrested has gone up from 682 to 1,376, police said."
    figures = extract_figures(text)
    assert [(f.value, f.superseded) for f in figures] == [(682, True), (1376, False)]
    assert document_totals(text)["detained"] == 1376
