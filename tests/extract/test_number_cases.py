"""Every row of number_cases.csv: the counts `find_numbers` reads in a sentence, in order.

The table has two parts: "development" (written while building the grammar) and
"caught_in_the_wild" (shapes met in real reporting that were once read wrong).
"""

import csv
from pathlib import Path

import pytest

from extract import find_numbers

CASES = Path(__file__).parent / "number_cases.csv"


def _rows():
    with CASES.open(newline="", encoding="utf-8") as fh:
        return [pytest.param(row, id=f"{i + 2}:{row['text'][:40]}")
                for i, row in enumerate(csv.DictReader(fh))]


ROWS = _rows()


def test_the_table_is_large_and_has_both_parts():
    parts = [row.values[0]["part"] for row in ROWS]
    assert len(ROWS) >= 300
    assert set(parts) == {"development", "caught_in_the_wild"}


@pytest.mark.parametrize("row", ROWS)
def test_number_case(row):
    text = row["text"]
    found = find_numbers(text)
    expected = [int(v) for v in row["expected"].split(";")] if row["expected"] else []
    assert [q.value for q in found] == expected, row["note"]
    for q in found:
        assert text[q.start : q.end] == q.text
