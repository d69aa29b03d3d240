"""Counts in the wording of humanitarian reports: people displaced (sheltering, living in
collective centres or in the open, new arrivals, a site that hosts them), missing (trapped,
buried under rubble, not located), abducted (in the hands of captors), detained (charged),
and running tolls whose old value is superseded. Sentences written for these tests."""

from __future__ import annotations

import pytest

from extract.mentions import find_mentions

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
