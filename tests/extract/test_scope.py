"""What each figure counts: its scope, the day of its incident and its event (scope.py).
Sentences are our own; each cue of data/scope.toml is shown at work."""

import datetime as dt

import pytest

from extract import document_totals, extract_figures
from extract.lexicon import data_table
from extract.row import SCOPES

PUBLISHED = dt.date(2026, 3, 4)  # a Wednesday


def scopes(text: str) -> list[tuple[str, int, str, dt.date | None, int | None]]:
    return [(f.category, f.value, f.scope, f.event_date, f.event)
            for f in extract_figures(text, published=PUBLISHED)]


@pytest.mark.parametrize("text, expected", [
    # one incident, dated by the weekday named
    ("Gunmen killed 9 villagers in Tamsa on Monday.",
     [("killed", 9, "incident", dt.date(2026, 3, 2), 0)]),
    # a toll to date: "since" a month ago, "so far" in a war, a conflict's perfect
    ("At least 205 people have been killed since the fighting began on 4 February.",
     [("killed", 205, "toll", None, None)]),
    ("The war has so far killed 1,200 soldiers.", [("killed", 1200, "toll", None, None)]),
    ("The insurgency has killed more than 40,000 people.", [("killed", 40000, "toll", None, None)]),
    # a period: a window of weeks, or "alone"
    ("Surgeons performed 89 operations in the past week.",
     [("surgeries", 89, "period", None, None)]),
    ("In February alone, 310 people were wounded.", [("wounded", 310, "period", None, None)]),
    # stocks: the displaced and the missing, at the report date
    ("Some 45,000 people remain displaced and 230 are missing.",
     [("displaced", 45000, "stock", None, None), ("missing", 230, "stock", None, None)]),
    # an arrest told as one act is an incident; people held, a stock
    ("Police arrested 40 protesters on Monday.",
     [("detained", 40, "incident", dt.date(2026, 3, 2), 0)]),
    ("About 1,900 people are still held in the camp.", [("detained", 1900, "stock", None, None)]),
    # background: an event of an earlier year, or a link to another story
    ("Gunmen killed 4 farmers on Tuesday. A 2019 bombing in the town killed 20.",
     [("killed", 4, "incident", dt.date(2026, 3, 3), 0),
      ("killed", 20, "background", None, 1)]),
    ("READ MORE: Blast kills 12 at a market", [("killed", 12, "background", None, None)]),
])
def test_scope_of_each_figure(text, expected):
    assert scopes(text) == expected


def test_another_incident_is_another_event_and_not_the_main_total():
    text = ("An airstrike on a market in Tamsa killed 12 people on Monday. In a separate incident, "
            "3 soldiers were killed by a roadside bomb.")
    assert [(v, s, e) for _, v, s, _, e in scopes(text)] == [(12, "incident", 0), (3, "incident", 1)]
    totals = document_totals(text, PUBLISHED)
    assert totals["killed"] == 12 and totals["killed_all_incidents"] == 15


def test_a_day_apart_from_the_main_events_is_another_event():
    text = "Shelling killed 6 people in Ado on Tuesday. On Saturday, 20 were killed in Ife."
    found = scopes(text)
    assert [(v, d, e) for _, v, _, d, e in found] == [
        (6, dt.date(2026, 3, 3), 0), (20, dt.date(2026, 2, 28), 1)]
    assert document_totals(text, PUBLISHED)["killed"] == 6


def test_a_toll_of_one_incident_is_that_incident():
    text = "The death toll from Monday's attack on the market has risen to 16."
    assert scopes(text) == [("killed", 16, "incident", dt.date(2026, 3, 2), 0)]


def test_only_a_toll_gives_no_main_event_total_but_a_toll_column():
    totals = document_totals("Since the war began in 2024, 3,400 civilians have been killed.",
                             PUBLISHED)
    assert totals["killed"] is None and totals["killed_toll"] == 3400


def test_a_few_days_of_violence_stand_for_the_event_where_no_incident_is_told():
    totals = document_totals("Clashes between rival clans killed 14 people over the weekend.")
    assert totals["killed"] == 14


def test_scope_words_are_valid_data():
    table = data_table("scope.toml")
    for name, phrases in table.items():
        assert len(phrases) == len(set(phrases)), name
        assert all(p == p.strip() and p for p in phrases), name
    assert set(SCOPES) == {"incident", "toll", "stock", "period", "background"}
