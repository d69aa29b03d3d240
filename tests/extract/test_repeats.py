"""A figure a document repeats is one row, stated `times_stated` times; equal counts of
other people, places, periods or agencies, and equal counts in one sentence, stay rows
of their own. Superseded values are marked and never counted in totals."""

import pytest

import extract.figures as figures_module
from extract import COLUMNS, Figure, extract_figures, figures_frame
from extract.mentions import Mention
from extract.numbers import Quantity
from extract.totals import totals_from_mentions


def rows(text, **kwargs):
    return [(f.category, f.value, f.subject, f.agency, f.times_stated)
            for f in extract_figures(text, published="2026-03-10", **kwargs)]


def test_a_figure_repeated_by_its_agency_is_one_row_with_its_first_evidence():
    text = ("At least 12 people were killed, the ministry said. Rescue work went on all night. "
            "The ministry said at least 12 people were killed.")
    (row,) = extract_figures(text)
    assert (row.value, row.qualifier, row.agency, row.times_stated) == (12, "at_least", "ministry", 2)
    assert row.sentence == "At least 12 people were killed, the ministry said."
    assert (row.start, row.end) == (0, len("At least 12"))


def test_stated_three_times_counts_three():
    text = " ".join(["Police said 40 protesters were arrested."] * 3)
    assert rows(text) == [("detained", 40, "protesters", "unnamed: police", 3)]


def test_figure_ids_of_the_rows_kept_are_unchanged(monkeypatch):
    text = ("Police said 3 people were killed in Ado. Police said 5 people were wounded in Ado. "
            "Police said 3 people were killed in Ado.")
    merged = extract_figures(text)
    monkeypatch.setattr(figures_module, "merge_repeats", lambda found: [f for _, f in found])
    every = extract_figures(text)
    assert len(every) == 3 and len(merged) == 2
    assert [f.figure_id for f in merged] == [every[0].figure_id, every[1].figure_id]
    assert len({f.figure_id for f in every}) == 3  # the repeat had an id of its own


@pytest.mark.parametrize("text, expected", [
    # other people
    ("Two soldiers and two civilians were killed.",
     [("killed", 2, "soldiers", "", 1), ("killed", 2, "civilians", "", 1)]),
    # other places
    ("Police said 3 people were killed in Ado. Police said 3 people were killed in Ife.",
     [("killed", 3, "people", "unnamed: police", 1)] * 2),
    # other days
    ("Police said three people were killed on Monday in Ado. Police said three people were "
     "killed on Tuesday in Ado.", [("killed", 3, "people", "unnamed: police", 1)] * 2),
    # other agencies
    ("The ministry said 12 people were killed. The Red Cross said 12 people were killed.",
     [("killed", 12, "people", "ministry", 1),
      ("killed", 12, "people", "International Committee of the Red Cross", 1)]),
    # two equal counts in one sentence are two counts, even with nothing to tell them apart
    ("Gunmen killed 3 villagers at dawn and 3 villagers at dusk.",
     [("killed", 3, "villagers", "", 1)] * 2),
])
def test_equal_counts_of_other_things_stay_separate(text, expected):
    assert rows(text) == expected


def test_a_sentence_repeating_two_equal_counts_merges_one_into_each():
    sentence = "Gunmen killed 3 villagers at dawn and 3 villagers at dusk."
    found = extract_figures(f"{sentence} Elders met on Sunday. {sentence}")
    assert [(f.value, f.times_stated) for f in found] == [(3, 2), (3, 2)]
    assert [f.start for f in found] == [sentence.index("3"), sentence.rindex("3")]


def test_new_columns_in_the_table():
    frame = figures_frame(extract_figures("Police said 40 protesters were arrested. "
                                          "Police said 40 protesters were arrested."))
    assert list(frame.columns) == COLUMNS
    assert {"carrier", "superseded", "times_stated"} <= set(COLUMNS)
    row = frame.iloc[0]
    assert (row.carrier, bool(row.superseded), int(row.times_stated)) == ("", False, 2)
    assert str(frame.times_stated.dtype) == "Int64" and frame.superseded.dtype == bool


def test_defaults_of_a_figure_stated_once():
    (f,) = extract_figures("Gunmen killed 14 civilians in a raid.")
    assert (f.carrier, f.superseded, f.times_stated) == ("", False, 1)
    assert Figure.__dataclass_fields__["carrier"].default == ""


# --- superseded values -------------------------------------------------------------------
# The mention rule `revisions` marks an old value ("has gone up from 682 to 1,376"); here
# mentions marked by hand stand in for it.

Marked = Mention


def mention(value, superseded=False, group=-1):
    quantity = Quantity(value, value, value, "exact", False, str(value), 0, len(str(value)))
    return Marked("detained", quantity, "people", "arrested", group=group, superseded=superseded)


def test_a_superseded_value_never_counts_in_a_total():
    # "The number arrested has gone up from 682 to 1,376."
    assert totals_from_mentions([(0, mention(682, True, 1)), (0, mention(1376, group=2))])[
        "detained"] == 1376
    # coordinated in one phrase, the old value would otherwise add up
    assert totals_from_mentions([(0, mention(682, True, 1)), (0, mention(1376, group=1))])[
        "detained"] == 1376
    # a superseded value alone is no total
    assert totals_from_mentions([(0, mention(682, True))])["detained"] is None


def test_a_superseded_mention_flows_into_its_figure(monkeypatch):
    text = "The number arrested has gone up from 682 to 1,376."
    marked = [mention(682, True), mention(1376)]
    marked = [Marked(m.category, Quantity(m.quantity.value, m.quantity.value, m.quantity.value,
                                          "exact", False, t, text.index(t), text.index(t) + len(t)),
                     m.subject, m.trigger, superseded=m.superseded)
              for m, t in zip(marked, ("682", "1,376"), strict=True)]
    monkeypatch.setattr(figures_module, "find_mentions", lambda sentence, screened: marked)
    found = extract_figures(text)
    assert [(f.value, f.superseded, f.number_text) for f in found] == [
        (682, True, "682"), (1376, False, "1,376")]
    assert list(figures_frame(found).superseded) == [True, False]


# --- restatements: the same figure told again with less said ----------------------------

@pytest.mark.parametrize("text, expected", [
    # a lede with no source, then the body naming it: one figure, with the named source
    ("About 2,400 people have fled Tamsa. The district council said about 2,400 people "
     "had fled Tamsa since Friday.",
     [("displaced", 2400, "people", "district council", 2)]),
    # the people left out in the second statement
    ("The ministry said 65 civilians were killed in Darro on Monday. The ministry later "
     "repeated that 65 were killed.", [("killed", 65, "civilians", "ministry", 2)]),
    # a headline, then a sentence adding the period
    ("UNHCR: 12,000 refugees crossed into Beni\n\nUNHCR said 12,000 refugees had crossed "
     "into Beni since the start of May.",
     [("displaced", 12000, "refugees", "United Nations High Commissioner for Refugees", 2)]),
])
def test_a_restatement_that_says_less_is_the_same_figure(text, expected):
    assert rows(text) == expected


def test_the_restatement_that_names_its_source_is_the_evidence():
    text = ("In all, 3,100 people were displaced by the floods. Local authorities said 3,100 "
            "people were displaced.")
    (row,) = extract_figures(text)
    assert (row.agency, row.times_stated) == ("unnamed: officials", 2)
    assert row.sentence == "Local authorities said 3,100 people were displaced."


@pytest.mark.parametrize("text", [
    # small counts coincide too often: two incidents of 3 dead each
    "Three people were killed in Ado on Monday. Police said three were killed later.",
    # other places named on both sides
    "Officials said 40 people were wounded in Ado. Officials said 40 people were wounded in Ife.",
    # two named agencies stating the same number are two claims
    "The ministry said 120 people were killed. The Red Crescent said 120 people were killed.",
    # other people named on both sides
    "Militants abducted 25 students. Separately, 25 teachers were abducted in Kolo.",
    # another qualifier is another statement
    "At least 50 people were killed in the blast. Police said 50 people were killed.",
])
def test_equal_figures_that_differ_in_what_they_name_stay_separate(text):
    assert len(extract_figures(text)) == 2
