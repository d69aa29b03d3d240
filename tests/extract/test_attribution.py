"""Who stated each figure, and when."""

import datetime as dt

import pytest

from extract import extract_figures
from extract.agencies import agencies, lookup


def sources(text, publisher="The Daily"):
    return [(f.value, f.agency, f.attribution) for f in extract_figures(text, publisher=publisher)]


@pytest.mark.parametrize(
    "text,agency,attribution",
    [
        ("At least 20 people were killed, the World Health Organization said.",
         "World Health Organization", "said"),
        ("The health ministry said 20 people were killed.", "Ministry of Health", "said"),
        ("According to OCHA, 20,000 people have been displaced.",
         "UN Office for the Coordination of Humanitarian Affairs", "according_to"),
        ("UNHCR reported that 20,000 people had fled.",
         "United Nations High Commissioner for Refugees", "reported"),
        ("A police spokesman told reporters 20 people were killed.", "unnamed: police", "said"),
        ("The UN refugee agency says 20,000 people have fled.",
         "United Nations High Commissioner for Refugees", "said"),
        ("Doctors Without Borders said its teams performed 20 surgeries.",
         "Médecins Sans Frontières", "said"),
        ("Local officials said 20 people were killed.", "unnamed: officials", "said"),
        ("Doctors at St Mary's Hospital said 20 people were wounded.", "St Mary's Hospital", "said"),
        ("The Karsova Red Crescent Society said 20 bodies were recovered.",
         "Karsova Red Crescent Society", "said"),
        ("Twenty people were killed in the raid.", "The Daily", "publisher"),
        ("An estimated 1,200 people have been displaced.", "The Daily", "publisher"),  # no source
        ("Some say he died while others deny it.", "The Daily", "publisher"),  # no source either
        ("12 people were killed, as reported by the Ministry of Health.", "Ministry of Health",
         "reported"),
        ("Figures released by the health ministry show 12 killed.", "Ministry of Health", "reported"),
        ("UNHCR estimated 1,200 people had fled.", "United Nations High Commissioner for Refugees",
         "said"),
        # no statement of figures: a claim of responsibility, a passive "claimed by", "no one"
        ("No group claimed responsibility, but police said a suspect was arrested.", "unnamed: police",
         "said"),
        ("No group claimed responsibility; two suspects were arrested.", "The Daily", "publisher"),
        ("A blast claimed by the group killed 12 people.", "The Daily", "publisher"),
        ("Clashes on Saturday and Sunday claimed the lives of eight people.", "The Daily",
         "publisher"),
        ("- An estimated 1,200 people have been displaced.", "The Daily", "publisher"),  # a bullet
        # the source before a time word, or after "which"
        ("The state police commissioner, Ana Ruiz, yesterday said five people died.", "unnamed: police",
         "said"),
        ("The attack, which local officials said killed 12 people, shocked the town.",
         "unnamed: officials", "said"),
        ("An activist who lives in the town said 12 people were killed.", "unnamed: activists", "said"),
        ("Villagers fled an attack that the army said killed 12 people.", "Military", "said"),
    ],
)
def test_source_of_a_figure(text, agency, attribution):
    (row,) = sources(text)
    assert row[1:] == (agency, attribution)


def test_statement_carried_to_the_next_sentence():
    text = ('The World Health Organization said 96 people had been killed. '
            '"Two health workers were killed in Besk on Saturday."')
    assert sources(text) == [(96, "World Health Organization", "said"),
                             (2, "World Health Organization", "carried")]


def test_according_to_him_refers_to_the_source_named_before():
    text = "Ana Ruiz, a police spokesman, spoke to reporters. According to him, six people died."
    assert sources(text) == [(6, "unnamed: police", "according_to")]


def test_pronoun_refers_to_the_agency_named_before():
    text = ("The World Health Organization said 96 people had been killed. "
            "It said two health workers were among those killed.")
    assert [a for _, a, _ in sources(text)] == ["World Health Organization"] * 2


def test_reference_back_to_an_agency_named_before():
    text = ("Dravik General Hospital said it had received 58 wounded people. "
            "The hospital's director, Dr Ivo Marek, said surgeons performed 26 operations.")
    assert [a for _, a, _ in sources(text)] == ["Dravik General Hospital"] * 2


def test_two_sources_in_one_sentence():
    text = ("Police confirmed seven people killed, although villagers said over 10 people "
            "were killed.")
    assert [(v, a) for v, a, _ in sources(text)] == [(7, "unnamed: police"), (10, "unnamed: residents")]


def test_source_named_after_a_quote_keeps_its_role():
    text = ('"We performed 38 operations in a day," said Dr Lena Vostrik, the chief surgeon of '
            "Orsel Regional Hospital.")
    assert sources(text) == [(38, "Orsel Regional Hospital", "said")]


def test_agency_table_is_large_and_resolves_aliases():
    table = agencies()
    assert len(table) >= 60
    assert {a.kind for a in table} >= {"UN", "NGO", "government", "armed group", "media"}
    assert lookup("WHO").name == "World Health Organization"
    assert lookup("the UN children's agency").name == "UNICEF"
    assert lookup("Islamic State group").name == "Islamic State"
    assert lookup("amnesty") is None  # a common word, not the NGO


@pytest.mark.parametrize(
    "text,published,expected",
    [
        ("20 were killed, the WHO said Thursday.", "2019-04-20", dt.date(2019, 4, 18)),
        ("20 were killed, the WHO said on Saturday.", "2019-04-20", dt.date(2019, 4, 20)),
        ("The WHO said yesterday that 20 were killed.", "2019-04-20", dt.date(2019, 4, 19)),
        ("The WHO said on 5 April that 20 were killed.", "2019-04-20", dt.date(2019, 4, 5)),
        ("The ministry reports 20 people killed as of 12 March.", "2026-03-13",
         dt.date(2026, 3, 12)),
        ("20 were killed, the WHO said Thursday.", None, None),  # no date to resolve against
        ("20 were killed on Monday, the WHO said.", "2019-04-20", None),  # the event, not the statement
    ],
)
def test_report_date(text, published, expected):
    (f,) = extract_figures(text, published=published)
    assert f.report_date == expected


@pytest.mark.parametrize(
    "text,period,start,end",
    [
        ("In the past week, WHO teams performed 89 surgeries.", "In the past week",
         dt.date(2019, 4, 13), dt.date(2019, 4, 20)),
        ("In the past 3 days, 20 people were killed.", "In the past 3 days", dt.date(2019, 4, 17),
         dt.date(2019, 4, 20)),
        ("Since April 4, 205 people have been killed.", "Since April 4", dt.date(2019, 4, 4),
         dt.date(2019, 4, 20)),
        ("Gunmen killed 5 people on Tuesday.", "on Tuesday", dt.date(2019, 4, 16),
         dt.date(2019, 4, 16)),
        ("Five people went missing on 9 April.", "on 9 April", dt.date(2019, 4, 9),
         dt.date(2019, 4, 9)),  # the sentence's stop is no abbreviation's dot
        ("Five people have died since January 2018.", "since January 2018", dt.date(2018, 1, 1),
         dt.date(2019, 4, 20)),
        ("Gunmen killed 5 people on Tuesday and Wednesday.", "on Tuesday and Wednesday",
         dt.date(2019, 4, 16), dt.date(2019, 4, 17)),
        ("Clashes on Saturday and Sunday killed 5 people.", "on Saturday and Sunday",
         dt.date(2019, 4, 13), dt.date(2019, 4, 14)),  # read on a Saturday: last weekend
        ("Since the fighting began, 205 people have been killed.", "Since the fighting began",
         None, None),
        # a month or a year: from its first day ("since May" is last May, read in April)
        ("Since April, 205 people have been killed.", "Since April", dt.date(2019, 4, 1),
         dt.date(2019, 4, 20)),
        ("Since May, 205 people have been killed.", "Since May", dt.date(2018, 5, 1),
         dt.date(2019, 4, 20)),
        ("Since January 2018, 205 people have been killed.", "Since January 2018",
         dt.date(2018, 1, 1), dt.date(2019, 4, 20)),
        ("Since 2015, 205 people have been killed.", "Since 2015", dt.date(2015, 1, 1),
         dt.date(2019, 4, 20)),
        ("205 people have been killed.", "", None, None),
        # calendar periods (20 April 2019 is a Saturday; weeks start on Monday) and date ranges
        ("Last month, 20 people were killed.", "Last month", dt.date(2019, 3, 1), dt.date(2019, 3, 31)),
        ("20 people were killed last week.", "last week", dt.date(2019, 4, 8), dt.date(2019, 4, 14)),
        ("Earlier this month, 20 people were killed.", "Earlier this month", dt.date(2019, 4, 1),
         dt.date(2019, 4, 20)),
        ("In the past 24 hours, 20 people were killed.", "In the past 24 hours", dt.date(2019, 4, 19),
         dt.date(2019, 4, 20)),
        ("Between 4 and 10 April, 20 people were killed.", "Between 4 and 10 April",
         dt.date(2019, 4, 4), dt.date(2019, 4, 10)),
        ("From March 28 to April 3, 20 people were killed.", "From March 28 to April 3",
         dt.date(2019, 3, 28), dt.date(2019, 4, 3)),
        ("In the reporting period (8-14 April), 20 people were killed.", "8-14 April",
         dt.date(2019, 4, 8), dt.date(2019, 4, 14)),
    ],
)
def test_period(text, period, start, end):
    (f,) = extract_figures(text, published="2019-04-20")
    assert (f.period, f.period_start, f.period_end) == (period, start, end)


def test_agencies_named_in_a_text_in_capitals():
    text = "AT LEAST 20 PEOPLE WERE KILLED ON SUNDAY, THE WORLD HEALTH ORGANIZATION SAID ON MONDAY."
    (f,) = extract_figures(text, published="2019-04-20", publisher="The Daily")
    assert (f.value, f.agency, f.attribution, f.report_date) == (
        20, "World Health Organization", "said", dt.date(2019, 4, 15))
    # acronyms that are also words are not agencies there: "IS" is no Islamic State
    text = "The death toll is 12, the mayor who visited the scene said."
    assert sources(text.upper()) == [(12, "MAYOR WHO VISITED THE SCENE", "said")]
    assert sources(text) == [(12, "mayor", "said")]  # (in lower case, "who" starts a clause)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("• 12 people killed and 30 injured in Besk (Ministry of Health, 3 May).",
         [(12, "Ministry of Health", "cited", dt.date(2024, 5, 3)),
          (30, "Ministry of Health", "cited", dt.date(2024, 5, 3))]),
        ("12 killed (MoH) and 900 displaced (IOM).",
         [(12, "Ministry of Health", "cited", None),
          (900, "International Organization for Migration", "cited", None)]),
        ("Casualties: 205 killed, 900 injured (source: local authorities)",
         [(205, "unnamed: officials", "cited", None), (900, "unnamed: officials", "cited", None)]),
        # not citations: a dateline before the figure, asides, the acronym after a name
        ("KABUL (AFP) - At least 5 people were killed, police said.", [(5, "unnamed: police", "said", None)]),
        ("Twelve people were killed in Besk (a town of 20,000) on Monday.",
         [(12, "The Daily", "publisher", None)]),
        ("Five United States (US) citizens were killed.", [(5, "The Daily", "publisher", None)]),
        ("An improvised explosive device (IED) killed 12 people.", [(12, "The Daily", "publisher", None)]),
        ("Gunmen abducted a personal security officer (PSO), police said.",
         [(1, "unnamed: police", "said", None)]),
        ("Nine were wounded (including five police).", [(9, "The Daily", "publisher", None),
                                                       (5, "The Daily", "publisher", None)]),
        ("The UN Office for the Coordination of Humanitarian Affairs (OCHA) said 20 were killed.",
         [(20, "UN Office for the Coordination of Humanitarian Affairs", "said", None)]),
    ],
)
def test_source_cited_in_brackets_after_the_figures(text, expected):
    rows = extract_figures(text, published="2024-05-05", publisher="The Daily")
    assert [(f.value, f.agency, f.attribution, f.report_date) for f in rows] == expected


def test_list_items_carry_the_source_of_the_line_that_introduces_them():
    text = "According to the health ministry:\n- 12 killed\n- 30 injured\nSeparately, 5 people died in Ado."
    assert sources(text) == [(12, "Ministry of Health", "carried"), (30, "Ministry of Health", "carried"),
                             (5, "The Daily", "publisher")]
