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
]


@pytest.mark.parametrize(("sentence", "read"), CASES)
def test_report_counts(sentence, read):
    assert [(m.category, m.quantity.value) for m in find_mentions(sentence)] == read
