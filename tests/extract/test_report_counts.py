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


# --- families of phrasings: each category as reports state it (sentences written for these tests)

FAMILY_CASES = [
    ('Fourteen villagers lost their lives when the dam burst.',
     [('killed', 14)]),
    ('Three of the wounded later succumbed to their injuries.',
     [('killed', 3)]),
    ('Five patients succumbed to their wounds overnight.',
     [('killed', 5)]),
    ('Two of the miners succumbed to injuries in hospital.',
     [('killed', 2)]),
    ('Six men were found dead near the river on Sunday.',
     [('killed', 6)]),
    ('Rescuers said 9 people perished in the fire.',
     [('killed', 9)]),
    ('Four soldiers died of their wounds on Tuesday.',
     [('killed', 4)]),
    ('4 civilians died of wounds sustained in the blast.',
     [('killed', 4)]),
    ('The clashes caused 12 fatalities, officials said.',
     [('killed', 12)]),
    ('At least 17 people were confirmed dead by the governor.',
     [('killed', 17)]),
    ('Eleven deaths occurred in the northern district.',
     [('killed', 11)]),
    ('Eight people were pronounced dead at the scene.',
     [('killed', 8)]),
    ('Three people were dead on arrival at the clinic.',
     [('killed', 3)]),
    ('The storm left 7 people dead in the valley.',
     [('killed', 7)]),
    ('Five people died from their injuries at the hospital.',
     [('killed', 5)]),
    ('Two children died of head injuries after the roof fell.',
     [('killed', 2)]),
    ('Six of the injured died after admission.',
     [('killed', 6)]),
    ('The blast claimed 10 lives in the market.',
     [('killed', 10)]),
    ('Police recovered 13 bodies from the river.',
     [('killed', 13)]),
    ('Twenty people sustained injuries in the collapse.',
     [('wounded', 20)]),
    ('Eight passengers sustained wounds from flying glass.',
     [('wounded', 8)]),
    ('Fifteen workers suffered injuries when the roof fell.',
     [('wounded', 15)]),
    ('At least 30 people were hurt in the stampede.',
     [('wounded', 30)]),
    ('Medics treated 45 people for injuries after the blast.',
     [('wounded', 45)]),
    ('12 people were treated for injuries at the scene.',
     [('wounded', 12)]),
    ('Nine people were taken to hospital with injuries.',
     [('wounded', 9)]),
    ('Officials said 31 of the arrivals were referred to hospital with injuries.',
     [('wounded', 31)]),
    ('Doctors said 22 people were being treated for wounds.',
     [('wounded', 22)]),
    ('The explosion left 40 people injured.',
     [('wounded', 40)]),
    ('16 people received treatment for their injuries.',
     [('wounded', 16)]),
    ('Seven people were injured by falling debris.',
     [('wounded', 7)]),
    ('Volunteers gave first aid to 240 injured people.',
     [('wounded', 240)]),
    ('61 injured people had been brought in overnight.',
     [('wounded', 61)]),
    ('Five people suffered burns in the fire.',
     [('wounded', 5)]),
    ('About 3,000 residents left their homes after the clashes.',
     [('displaced', 3000)]),
    ('Some 14,200 people had left their homes across the region.',
     [('displaced', 14200)]),
    ('More than 2,000 people sought refuge in the hills.',
     [('displaced', 2000)]),
    ('An estimated 1,200 people sought shelter in schools.',
     [('displaced', 1200)]),
    ('About 6,000 people are staying with relatives in the capital.',
     [('displaced', 6000)]),
    ('Some 2,500 people are staying with host families.',
     [('displaced', 2500)]),
    ('4,000 people were living with host families in the district.',
     [('displaced', 4000)]),
    ('The floods uprooted 9,000 people.',
     [('displaced', 9000)]),
    ('About 46,000 people had spent the night in evacuation shelters.',
     [('displaced', 46000)]),
    ('About 58,000 people remained in evacuation centres.',
     [('displaced', 58000)]),
    ('12,000 people were evacuated from the coast.',
     [('displaced', 12000)]),
    ('Some 800 refugees crossed into the neighbouring country.',
     [('displaced', 800)]),
    ('1,500 people have been displaced from their homes.',
     [('displaced', 1500)]),
    ('Nearly 700 people are sleeping in schools.',
     [('displaced', 700)]),
    ('Teams found 8,750 people living in collective sites.',
     [('displaced', 8750)]),
    ('About 5,000 people were sheltering in public buildings.',
     [('displaced', 5000)]),
    ('10,000 people have fled their villages.',
     [('displaced', 10000)]),
    ('Some 3,000 people were evacuated to safer areas.',
     [('displaced', 3000)]),
    ('Around 2,600 people have sought refuge in churches.',
     [('displaced', 2600)]),
    ('About 3,200 people are in evacuation centres.',
     [('displaced', 3200)]),
    ('1,800 people are living in displacement sites.',
     [('displaced', 1800)]),
    ('900 people have taken refuge in the stadium.',
     [('displaced', 900)]),
    ('Over 20,000 people have been forced from their homes.',
     [('displaced', 20000)]),
    ('6,300 people have now been registered as refugees.',
     [('displaced', 6300)]),
    ('Six people are still unaccounted for.',
     [('missing', 6)]),
    ('We know of at least six people who are still unaccounted for.',
     [('missing', 6)]),
    ('The whereabouts of 37 people remain unknown.',
     [('missing', 37)]),
    ('12 people whose whereabouts are unknown.',
     [('missing', 12)]),
    ('Nine fishermen remain missing after the storm.',
     [('missing', 9)]),
    ('Four climbers have not been found.',
     [('missing', 4)]),
    ('15 people disappeared after the raid.',
     [('missing', 15)]),
    ('Eight people are believed buried under the concrete.',
     [('missing', 8)]),
    ('Eleven people are feared missing.',
     [('missing', 11)]),
    ('Crews were searching for 17 missing fishermen.',
     [('missing', 17)]),
    ('Three people went missing during the flood.',
     [('missing', 3)]),
    ('Five people were reported missing on Monday.',
     [('missing', 5)]),
    ('Twenty people have been missing since Friday.',
     [('missing', 20)]),
    ('Fifty protesters are in custody.',
     [('detained', 50)]),
    ('Police rounded up 200 people.',
     [('detained', 200)]),
    ('30 people were taken into custody.',
     [('detained', 30)]),
    ('40 people are being held in detention.',
     [('detained', 40)]),
    ('The group is holding 90 prisoners.',
     [('detained', 90)]),
    ('The government still holds 57 detainees.',
     [('detained', 57)]),
    ('Security forces arrested 120 demonstrators.',
     [('detained', 120)]),
    ('18 people remain in detention.',
     [('detained', 18)]),
    ('25 people were placed in detention.',
     [('detained', 25)]),
    ('Authorities detained at least 60 people.',
     [('detained', 60)]),
    ('14 suspects were held in police custody.',
     [('detained', 14)]),
    ('Twelve workers were taken hostage.',
     [('abducted', 12)]),
    ('Gunmen seized 9 passengers from the bus.',
     [('abducted', 9)]),
    ('20 children were kidnapped from a camp.',
     [('abducted', 20)]),
    ('Seven aid workers are being held captive.',
     [('abducted', 7)]),
    ('Fifteen people were abducted by armed men.',
     [('abducted', 15)]),
    ('Five children are still with the kidnappers.',
     [('abducted', 5)]),
    ('Gunmen kidnapped 8 people.',
     [('abducted', 8)]),
    ('Three engineers were held hostage for a week.',
     [('abducted', 3)]),
    ('Surgeons operated on 40 patients.',
     [('surgeries', 40)]),
    ('25 patients underwent surgery.',
     [('surgeries', 25)]),
    ('The team performed 60 surgical procedures.',
     [('surgeries', 60)]),
    ('Doctors carried out 14 operations.',
     [('surgeries', 14)]),
    ('Nine patients required surgery.',
     [('surgeries', 9)]),
    ('Surgeons have performed 33 amputations.',
     [('surgeries', 33)]),
    ('12 of the wounded were operated on.',
     [('surgeries', 12)]),
    ('The hospital conducted 18 surgeries this week.',
     [('surgeries', 18)]),
    ('Of the deaths, 9 occurred in the north and 5 in the port city.',
     [('killed', 9), ('killed', 5)]),
    ('Of the 14 deaths, 9 occurred in the north and 5 in the port city.',
     [('killed', 14), ('killed', 9), ('killed', 5)]),
    ('Of those killed, 7 were in the capital and 4 in the south.',
     [('killed', 7), ('killed', 4)]),
]


@pytest.mark.parametrize(("sentence", "read"), FAMILY_CASES)
def test_family_phrasings(sentence, read):
    assert [(m.category, m.quantity.value) for m in find_mentions(sentence)] == read
