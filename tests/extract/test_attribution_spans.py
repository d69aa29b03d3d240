"""Attribution as real reports write it: a source relayed by another (the carrier), a
source named once for a paragraph or after a list, a pronoun or a role for a source named
before, and a bracketed source with its date."""

import datetime as dt

import pytest

from extract import extract_figures

OCHA = "UN Office for the Coordination of Humanitarian Affairs"
IOM = "International Organization for Migration"


def rows(text, published="2024-05-20"):
    return [(f.value, f.agency, f.attribution, f.carrier)
            for f in extract_figures(text, published=published, publisher="The Daily")]


@pytest.mark.parametrize(
    "text,agency,carrier",
    [
        ("OCHA, citing IOM, reported that 1,200 people had been displaced from Besk.", IOM, OCHA),
        ("OCHA said, citing figures from IOM, that 4,500 people had fled the fighting.", IOM, OCHA),
        ("The UN humanitarian office reported 3,000 people displaced, citing the IOM.", IOM, OCHA),
        ("At least 800 people were displaced, OCHA said, citing the International Organization "
         "for Migration.", IOM, OCHA),
        ("According to OCHA, citing the health ministry, 37 people were killed.",
         "Ministry of Health", OCHA),
        ("Citing local officials, the Red Cross said 14 people were missing.", "unnamed: officials",
         "International Committee of the Red Cross"),
        ("UNICEF issued an update on Monday. The agency said, quoting district officials, that 9 "
         "children were killed.", "unnamed: officials", "UNICEF"),
    ],
)
def test_a_relayed_source_is_the_agency_and_the_relaying_one_its_carrier(text, agency, carrier):
    (row,) = rows(text)
    assert (row[1], row[3]) == (agency, carrier)


@pytest.mark.parametrize(
    "text",
    [
        "The WHO said 20 people were killed.",
        "Twelve people were killed in Besk.",
        "The government closed schools, citing security concerns, after 5 people were killed.",
    ],
)
def test_no_carrier_without_a_chain(text):
    assert all(carrier == "" for *_, carrier in rows(text))


MOH = "Ministry of Health"


@pytest.mark.parametrize(
    "text,expected",
    [
        # a source that opens a paragraph states its later figures
        ("According to the Ministry of Health, 12 people were killed in Ado on Monday. Shelling "
         "of the market in Tarn later left 40 people injured.",
         [(12, MOH, "according_to"), (40, MOH, "carried")]),
        ("According to the health ministry, 31 people were killed in Besk. A further 58 were "
         "wounded, most of them in the old town.", [(31, MOH, "according_to"), (58, MOH, "carried")]),
        ("Latest figures by the Ministry of Health indicate that 205 people have been killed. "
         "More than 900 people have been injured.", [(205, MOH, "according_to"), (900, MOH, "carried")]),
        # ... but not the next paragraph
        ("According to the Ministry of Health, 12 people were killed in Ado.\n"
         "Heavy rain in Tarn left 3 people dead on Sunday.",
         [(12, MOH, "according_to"), (3, "The Daily", "publisher")]),
        # a statement that goes on: "another", "of these"
        ("Police said 7 people were killed when the bus was hit. Another 15 were wounded.",
         [(7, "unnamed: police", "said"), (15, "unnamed: police", "carried")]),
        ("UNICEF said 40 children had been injured. Of these, 6 were in critical condition.",
         [(40, "UNICEF", "said"), (6, "UNICEF", "carried")]),
        # ... but a sentence of its own with an unnamed speaker is not carried on
        ("According to the Ministry of Health, 12 people were killed. Residents of Tarn who "
         "fled said 20 people died there.", [(12, MOH, "according_to"), (20, "unnamed: residents", "said")]),
    ],
)
def test_a_source_named_once_states_the_paragraph(text, expected):
    assert [r[:3] for r in rows(text)] == expected


@pytest.mark.parametrize(
    "text,agency",
    [
        ("Casualties this week:\n- 12 people killed in Ado\n- 40 people injured in Tarn\n"
         "Source: Ministry of Health", MOH),
        ("Displacement since 3 May:\n• 1,200 people displaced in Besk\n• 640 people displaced in Ado\n"
         "Sources: OCHA, IOM", OCHA),
        ("- 18 people killed in Besk\n- 71 people wounded\nThe figures were confirmed by the "
         "district hospital.", "district hospital"),
        ("- 9 people missing after the flood\n- 4 people killed\nThe Red Crescent gave these "
         "figures, the health ministry said.", MOH),
    ],
)
def test_a_source_named_after_a_list_states_its_items(text, agency):
    assert {r[1] for r in rows(text)} == {agency}
    assert {r[2] for r in rows(text)} == {"carried"}


def test_a_source_line_closes_its_block_only():
    text = ("Twelve people were killed in Besk and 30 injured.\nSource: Ministry of Health\n\n"
            "Five people died in a flood in Ado.")
    assert [r[:3] for r in rows(text)] == [(12, MOH, "carried"), (30, MOH, "carried"),
                                           (5, "The Daily", "publisher")]


@pytest.mark.parametrize(
    "text,agency",
    [
        ("Ana Ruiz, a police spokesman, said 5 people died. Ruiz added that 7 were wounded.",
         "unnamed: police"),
        ("Police spokesman Ali Tarek said 5 people died in Besk. Tarek said 7 more were wounded.",
         "unnamed: police"),
        ("Dr Ivo Marek, director of Dravik General Hospital, said 12 people died. The director "
         "told reporters that 30 were wounded.", "Dravik General Hospital"),
        ("The World Food Programme said 3 of its staff were killed. The agency added that 2 "
         "others were missing.", "World Food Programme"),
        ("A spokeswoman for the Karsova Red Crescent Society said 8 volunteers were hurt. She "
         "said 2 were in hospital.", "Karsova Red Crescent Society"),
    ],
)
def test_a_pronoun_a_role_or_a_surname_refers_back(text, agency):
    assert {r[1] for r in rows(text)} == {agency}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("• 1,200 people displaced from Besk and Ado (DTM Emergency Tracking, 17 May)",
         (1200, IOM, dt.date(2024, 5, 17))),
        ("- 650 people displaced in Orsel district (DTM, 15 May)", (650, IOM, dt.date(2024, 5, 15))),
        ("Some 3,400 people have fled to the coast since the shelling began (IOM DTM, 12 May).",
         (3400, IOM, dt.date(2024, 5, 12))),
    ],
)
def test_a_bracketed_source_with_a_date(text, expected):
    (f,) = extract_figures(text, published="2024-05-20", publisher="The Daily")
    assert (f.value, f.agency, f.report_date) == expected
    assert f.attribution == "cited"
