"""Counts in the wording of hospital statements and situation reports: wounded, killed and
surgeries (the sentences are written for these tests)."""

from __future__ import annotations

import pytest

from extract.mentions import find_mentions

CASES = [
    # wounded: treated for a kind of wound, trauma patients and admissions
    ("Doctors said 45 villagers were being treated for shrapnel wounds at the clinic.",
     [("wounded", 45)]),
    ("Eleven police officers were treated for gunshot wounds after the clash.", [("wounded", 11)]),
    ("The field hospital took in 33 new trauma patients over the weekend.", [("wounded", 33)]),
    ("The clinic logged 210 trauma admissions and 64 surgeries in May.",
     [("wounded", 210), ("surgeries", 64)]),
    ("Staff handled 18 trauma cases on the first night.", [("wounded", 18)]),
    # surgeries: an operation on a count of people, amputations
    ("The surgeons performed a surgical intervention on four of the injured.", [("surgeries", 4)]),
    ("Her team carried out surgery on 12 children during the night.", [("surgeries", 12)]),
    ("Of the patients, 9 underwent amputation before dawn.", [("surgeries", 9)]),
    ("Seven of the survivors required amputations.", [("surgeries", 7)]),
    # capacities: no count of people
    ("The agency flew in medicines sufficient to treat 2,000 wounded.", []),
    ("A tent clinic was built for 80 patients and its doctors have since treated 26 injured.",
     [("wounded", 26)]),
    ("Each of the kits holds supplies for 100 surgeries.", []),
    # freed: held no more (the passive is left to the other rules)
    ("The army freed 22 of the villagers kidnapped last week.", []),
    ("Negotiators said the gang had released 9 of the abducted workers.", []),
    ("Soldiers liberated 40 hostages from the camp.", []),
    # with wounds: taken in by a hospital
    ("The hospital admitted 64 patients with gunshot wounds on Sunday.", [("wounded", 64)]),
    ("Medics treated 27 protesters for blast wounds after the clash.", [("wounded", 27)]),
    ("The clinic received 15 children with shrapnel wounds, of whom 4 are infants.",
     [("wounded", 15), ("wounded", 4)]),
    ("The hospital admitted 50 patients with fever.", []),
    # to hospital: carried there
    ("Ambulances rushed 12 villagers to the district hospital.", [("wounded", 12)]),
    ("Neighbours took three of them to a clinic in the town.", [("wounded", 3)]),
    ("Rescuers brought 8 bodies to the hospital morgue.", [("killed", 8)]),  # (not wounded),
    # severities: a triage breakdown
    ("Of the injured, 14 are in critical, 30 in serious and 51 in stable condition.",
     [("wounded", 14), ("wounded", 30), ("wounded", 51)]),
    ("Injured: 5 severe, 22 moderate, 61 mild.", [("wounded", 5), ("wounded", 22), ("wounded", 61)]),
    ("Doctors rated 9 patients as critical and 17 as serious.", [("wounded", 9), ("wounded", 17)]),
    ("The storm caused 3 serious accidents on the road.", []),
    ("Engineers rated 12 bridges: 4 severe, 8 moderate, after the floods killed 3 people.",
     [("killed", 3)]),
    # brings to: a total stated before what it counts
    ("The ambush brings to 19 the number of soldiers killed this month.", [("killed", 19)]),
    ("Tuesday's blast raised to 61 the death toll in the city.", [("killed", 61)]),
    ("The arrests bring to 140 the number of activists detained since the vote.",
     [("detained", 140)]),
    # partitives: a part of the figure before it, the count first
    ("The shelling wounded 44 people, 16 of them children.", [("wounded", 44), ("wounded", 16)]),
    ("Police said 20 protesters had been injured, three of them badly.",
     [("wounded", 20), ("wounded", 3)]),
    # (a part charged is a part of those detained: the rule `of_them` reads it)
    ("Troops detained 35 men, 10 of whom were later charged.", [("detained", 35), ("detained", 10)]),
    ("The clinic took in 90 injured people, 12 of whom have since died.",
     [("wounded", 90), ("killed", 12)]),
    ("Rescuers found 14 survivors, six of whom were hurt.", [("wounded", 6)]),
    # by place: counts listed by place take the category of the count before
    ("Seven traders were killed in Bresk, 4 in Ollan and 3 near Vesna, and 19 were injured.",
     [("killed", 7), ("killed", 4), ("killed", 3), ("wounded", 19)]),
    ("Gunmen abducted 6 women in Tarso and 2 in Meli.", [("abducted", 6), ("abducted", 2)]),
    ("Twelve people died in Arvo, 5 in Kest, officials said.", [("killed", 12), ("killed", 5)]),
]


@pytest.mark.parametrize(("sentence", "read"), CASES)
def test_report_counts(sentence, read):
    assert [(m.category, m.quantity.value) for m in find_mentions(sentence)] == read
