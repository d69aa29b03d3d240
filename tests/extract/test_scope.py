"""What each figure counts: its scope, the day of its incident and its event (scope.py).
Sentences are our own; each cue of data/scope.toml is shown at work."""

import datetime as dt
from pathlib import Path

import pytest

from extract import document_totals, extract_figures, scope
from extract.lexicon import data_table, normalise
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
    """Every list of scope.toml is read by scope.py, and none repeats a phrase (as the
    patterns see it: lowered, single-spaced)."""
    table = data_table("scope.toml")
    code = (Path(scope.__file__)).read_text("utf-8")
    for name, phrases in table.items():
        assert f'"{name}"' in code or f"'{name}'" in code, f"{name} is read by no pattern"
        seen = [normalise(p) for p in phrases]
        assert len(seen) == len(set(seen)) and all(seen), name
    # each scope a figure can take is one of the table's
    found = {f.scope for t in ("READ MORE: 12 killed", "9 were killed on Monday.",
                               "1,200 have been killed since the war began in 2019.",
                               "500 people are displaced.", "30 died in the past week.")
             for f in extract_figures(t, published=PUBLISHED)}
    assert found == set(SCOPES)


# --- the cues added while measuring; each with sentences of our own -----------------------

@pytest.mark.parametrize("text, expected", [
    # a part takes its whole's scope, in its sentence and in the next ("the dead included")
    ("A clinic said it had treated 80 wounded since the war began, and 9 of them had died.",
     [("wounded", 80, "toll"), ("killed", 9, "toll")]),
    ("Since the offensive began in January, 640 people have been killed. The dead included "
     "120 children.", [("killed", 640, "toll"), ("killed", 120, "toll")]),
    # "as of" a date, and "the number of people killed ... rose to"
    ("The agency counted 512 people killed as of 1 March.", [("killed", 512, "toll")]),
    ("The number of people who were killed in the north rose to 310 people.",
     [("killed", 310, "toll")]),
    # a count over many events: "N attacks ..., in which"
    ("Monitors recorded 40 attacks on schools, in which 25 teachers were killed.",
     [("killed", 25, "toll")]),
    # "alone" after a time is a period; after a place it is not
    ("In January alone, 70 people were wounded.", [("wounded", 70, "period")]),
    ("Some 20,000 people are displaced in the capital alone.", [("displaced", 20000, "stock")]),
    # a stock's growth over a span is still a stock
    ("The number of displaced people doubled in a month to 80,000.",
     [("displaced", 80000, "stock")]),
    # two named days: a period of them
    ("Shelling killed 14 people on Tuesday and Wednesday.", [("killed", 14, "period")]),
    # a release is one act, however it is told; people held are a stock
    ("Forty hostages had been freed by the militia.", [("abducted", 40, "incident")]),
    ("The ministry said 300 suspects had been arrested and would stand trial.",
     [("detained", 300, "stock")]),
])
def test_scope_cues(text, expected):
    assert [(c, v, s) for c, v, s, _, _ in scopes(text)] == expected


def test_an_agencys_kept_count_is_a_toll_only_in_a_text_about_a_war():
    war = ("The war in the north entered its third month. The health ministry puts the death "
           "toll at 1,430. The army said 320 soldiers had lost their lives.")
    assert [(v, s) for _, v, s, _, _ in scopes(war)] == [(1430, "toll"), (320, "toll")]
    # with neither war nor fighting named, the same words tell of an incident
    assert [(v, s) for _, v, s, _, _ in scopes("Police said 6 people had lost their lives.")] == [
        (6, "incident")]
    # in a text about fighting, deaths in the perfect are the fighting's own
    fighting = "At least 15 people have been killed in fighting between two clans in Ado."
    assert [(v, s) for _, v, s, _, _ in scopes(fighting)] == [(15, "incident")]


def test_a_year_names_an_earlier_event_only_as_its_time():
    assert scopes("Police arrested 12 men on Monday under a 2019 anti-terror law.") == [
        ("detained", 12, "incident", dt.date(2026, 3, 2), 0)]
    assert [(v, s) for _, v, s, _, _ in scopes(
        "Gunmen killed 3 guards on Tuesday. In 2019, a raid on the same camp killed 11.")] == [
        (3, "incident"), (11, "background")]


def test_the_day_a_statement_was_made_is_no_incidents_day():
    # "said on Tuesday" dates the statement; the incident's day is Monday
    found = scopes("Gunmen killed 8 villagers on Monday, the police said on Tuesday.")
    assert found == [("killed", 8, "incident", dt.date(2026, 3, 2), 0)]
    # "since" and "as of" bound a count; their dates are no incident's
    assert scopes("At least 120 people have been killed since 2 February.") == [
        ("killed", 120, "toll", None, None)]


def test_the_ledes_day_dates_the_main_event():
    # a headline with the count, then a lede sentence with no figure that names the day
    text = "24 prisoners freed in an exchange\n\nThe swap took place on Monday near the border."
    assert [(c, s, d) for c, _, s, d, _ in scopes(text)] == [
        ("detained", "incident", dt.date(2026, 3, 2))]


def test_a_count_of_the_dead_and_hurt_together_is_neither():
    totals = document_totals("Five soldiers killed and wounded in an ambush. The attack left one "
                             "soldier dead and four injured.", PUBLISHED)
    assert (totals["killed"], totals["wounded"]) == (1, 4)
    # "no casualties" is none of either
    assert document_totals("Nobody was hurt; the police reported no casualties.")["killed"] == 0


@pytest.mark.parametrize("text, expected", [
    # toll_unless_dated: "this year" without a day is a toll; "earlier this year" another event
    ("At least 29 people have died this year.", [("killed", 29, "toll")]),
    # toll_updates / toll_totals: a running total brought up to date
    ("Two guards were killed, taking the total since January to 61.",
     [("killed", 2, "incident"), ("killed", 61, "toll")]),
    # aggregate_causes + aggregate_verbs
    ("These attacks have claimed the lives of 300 people.", [("killed", 300, "toll")]),
    # period_phrases
    ("About 40 people are killed every week in the district.", [("killed", 40, "period")]),
    # short_windows: the day's incident for the dead, a period for surgeries
    ("Airstrikes killed 9 people overnight.", [("killed", 9, "incident")]),
    ("Surgeons carried out 31 operations overnight.", [("surgeries", 31, "period")]),
    # recent_starts / recent_weeks: "since dawn" the day's incident, "since the weekend" a period
    ("Shelling has killed 7 people since dawn.", [("killed", 7, "incident")]),
    ("Shelling has killed 19 people since the weekend.", [("killed", 19, "period")]),
    # superlatives: "since" after "deadliest" sets no start
    ("A bomb killed 30 people on Monday, the deadliest attack since January.",
     [("killed", 30, "incident")]),
    # earlier_times and long_ago_times: another, earlier event
    ("Gunmen killed 4 on Tuesday. Last month, an ambush nearby killed 20.",
     [("killed", 4, "incident"), ("killed", 20, "background")]),
    ("Gunmen killed 4 on Tuesday. A similar raid last year killed 15.",
     [("killed", 4, "incident"), ("killed", 15, "background")]),
])
def test_scope_of_each_cue_list(text, expected):
    assert [(c, v, s) for c, v, s, _, _ in scopes(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a cue of one clause stays in it
    ("At least 40 people have been killed since the war began, and 5 died on Monday.",
     [(40, "toll", None, None), (5, "incident", dt.date(2026, 3, 2), 0)]),
    # two days a sentence names are two events
    ("Gunmen killed 6 people in Ado on Tuesday, while 20 were killed in Ife on Saturday.",
     [(6, "incident", dt.date(2026, 3, 3), 0), (20, "incident", dt.date(2026, 2, 28), 1)]),
    # an undated figure joining an earlier event is background with it
    ("Gunmen killed 4 on Tuesday. Last month, gunmen killed 20 in Ado. The attack also "
     "wounded 30.", [(4, "incident", dt.date(2026, 3, 3), 0), (20, "background", None, 1),
                     (30, "background", None, 1)]),
    # a toll is carried only from the sentence just before
    ("Since the war began, 400 have died. Gunmen killed 5 on Monday. In addition, 3 were "
     "killed.", [(400, "toll", None, None), (5, "incident", dt.date(2026, 3, 2), 0),
                 (3, "incident", dt.date(2026, 3, 2), 0)]),
    # an act and a state in one sentence, each in its clause
    ("Police arrested 3 men on Monday; 1,900 people are still held.",
     [(3, "incident", dt.date(2026, 3, 2), 0), (1900, "stock", None, None)]),
    # a period between two days of a month
    ("Shelling killed 40 people between 1 and 7 February.", [(40, "period", None, None)]),
])
def test_cues_stay_with_their_clause_event_and_day(text, expected):
    assert [(v, s, d, e) for _, v, s, d, e in scopes(text)] == expected


def test_figures_of_tables_are_tolls_or_stocks():
    text = ("Casualties by district, as reported by the Ministry of Health:\n\n"
            "| District | Killed | Displaced |\n|---|---:|---:|\n| Varnu | 12 | 400 |\n"
            "| Osk | 3 | 90 |\n")
    assert [(f.category, f.value, f.scope) for f in extract_figures(text, published=PUBLISHED)] == [
        ("killed", 12, "toll"), ("displaced", 400, "stock"),
        ("killed", 3, "toll"), ("displaced", 90, "stock")]


def test_all_incidents_is_never_less_than_the_main_event():
    totals = document_totals("Clashes between rival clans killed 14 people over the weekend.")
    assert (totals["killed"], totals["killed_all_incidents"]) == (14, 14)


def test_totals_read_the_title_as_figures_do():
    text = "The health ministry puts the death toll at 1,430."
    assert document_totals(text, PUBLISHED)["killed"] == 1430  # an incident's toll, no war named
    totals = document_totals(text, PUBLISHED, title="The war in the north")
    assert (totals["killed"], totals["killed_toll"]) == (None, 1430)


def test_the_quick_screens_change_no_scope(monkeypatch):
    """The screens (a clause with no cue word, a text with no day word, is not read further;
    a cue pattern is not searched in a clause without one of its words; a statement's day is
    looked for only where a day is named) only save time: on every document of the project's
    corpora, the scopes are the same without them."""
    import re

    from extract import dates
    from extract.formats import file_document
    from extract.totals import document_mentions

    root = Path(__file__).resolve().parents[2] / "data"
    texts = [file_document(p.read_bytes(), p.suffix) for folder in ("sample", "reports")
             for p in sorted((root / folder).iterdir())
             if p.suffix in (".txt", ".md", ".html") and p.name.lower() != "readme.md"]

    def read() -> list:
        return [[(k, m.category, m.quantity.value, s) for k, m, s in
                 document_mentions(d.text, d.published)] for d in texts]

    screened = read()
    monkeypatch.setattr(scope, "_CUE_HINT", re.compile(""))
    monkeypatch.setattr(scope, "_DAY_HINT", re.compile(""))
    monkeypatch.setattr(scope._Screened, "holds",
                        lambda self, text, words: self.pattern.search(text) is not None)
    monkeypatch.setattr(dates, "_DATE_HINT", re.compile(""))
    assert len(texts) > 60 and read() == screened
