"""Figures stated by layout (extract/tables.py): tables, label lists and "Label (N)" items.

Every text here is invented for these tests; the report sample's documents are only
scored, in the last test.
"""

import pytest

from extract import extract_figures
from extract.tables import category_of, find_laid_out


def rows(text, **kwargs):
    """(category, value, place, agency) of each figure, in order."""
    return [(f.category, f.value, f.place, f.agency) for f in extract_figures(text, **kwargs)]


def counted(text):
    return [(f.category, f.value) for f in extract_figures(text)]


# -- what a header, label or heading counts ------------------------------------------------


@pytest.mark.parametrize("label, category", [
    ("Killed", "killed"), ("Deaths in hospital", "killed"), ("Deaths by district", "killed"),
    ("People killed in shelling, by location", "killed"), ("Killings", "killed"),
    ("Injured", "wounded"), ("Trauma admissions", "wounded"), ("Patients admitted", "wounded"),
    ("Injuries from shelling", "wounded"), ("Maiming", "wounded"),
    ("Major surgeries", "surgeries"), ("Surgeries", "surgeries"),
    ("Missing", "missing"), ("Enforced disappearances", "missing"),
    ("People displaced", "displaced"), ("New arrivals", "displaced"),
    ("Refugees in Tarvo", "displaced"), ("Newly displaced individuals, 2-9 June", "displaced"),
    ("Arbitrary detention", "detained"), ("Arrests", "detained"),
    ("Abductions", "abducted"), ("Children abducted", "abducted"),
    ("Number of people killed", "killed"), ("**Total killed**", "killed"),
])
def test_a_label_names_what_is_counted(label, category):
    assert category_of(label) == category


@pytest.mark.parametrize("label", [
    "District", "Hospital", "Date", "Source", "Casualties", "Killed and injured",
    "Households displaced", "Families displaced", "Trucks held at the border", "Houses destroyed",
    "Schools used as shelters", "Beds", "Funding (US$)", "% injured", "Displaced (%)",
    "Killed per 100,000", "Weapons seized", "Meetings held", "Lives saved", "Phone",
    "Recruitment and use of children", "Attacks on health care", "Incidents of killing",
])
def test_a_label_of_things_units_or_two_categories_names_none(label):
    assert category_of(label) is None


# -- rule "column": a header row names what each column counts -----------------------------

DISTRICT_TABLE = """Casualties by district, as reported by the Ministry of Health:

| District | Killed | Injured |
|---|---:|---:|
| Varnu | 12 | 40 |
| Osk | 3 | 0 |
| **Total** | **15** | **40** |
"""


def test_a_pipe_table_gives_a_figure_per_cell_at_its_row_s_place():
    assert rows(DISTRICT_TABLE) == [
        ("killed", 12, "Varnu", "Ministry of Health"), ("wounded", 40, "Varnu", "Ministry of Health"),
        ("killed", 3, "Osk", "Ministry of Health"), ("wounded", 0, "Osk", "Ministry of Health"),
        ("killed", 15, "", "Ministry of Health"), ("wounded", 40, "", "Ministry of Health"),
    ]


def test_a_total_row_is_a_figure_with_the_subject_total():
    total = [f for f in extract_figures(DISTRICT_TABLE) if f.value == 15]
    assert [(f.subject, f.place, f.subset) for f in total] == [("total", "", False)]


def test_a_table_figure_keeps_its_evidence_and_span():
    text = "Intro line.\n\n" + DISTRICT_TABLE
    figures = extract_figures(text)
    osk = next(f for f in figures if f.place == "Osk" and f.category == "killed")
    assert osk.sentence == "District | Killed: Osk | 3"
    assert text[osk.start : osk.end] == osk.number_text == "3"
    total = next(f for f in figures if f.value == 15)
    assert text[total.start : total.end] == "15" and total.sentence == "District | Killed: **Total** | **15**"
    assert len({f.figure_id for f in figures}) == len(figures)


def test_a_hospital_table_under_a_bracketed_citation():
    text = """Trauma cases in the three referral hospitals (WHO, 9 June):

| Hospital | Patients admitted | Deaths | Surgeries |
|---|---|---|---|
| Saint Brel Hospital | 210 | 8 | 64 |
| Korra Clinic | 45 | 1 | 0 |
"""
    figures = extract_figures(text, published="2027-06-10")
    assert [(f.category, f.value, f.place) for f in figures] == [
        ("wounded", 210, "Saint Brel Hospital"), ("killed", 8, "Saint Brel Hospital"),
        ("surgeries", 64, "Saint Brel Hospital"), ("wounded", 45, "Korra Clinic"),
        ("killed", 1, "Korra Clinic"), ("surgeries", 0, "Korra Clinic"),
    ]
    assert {f.agency for f in figures} == {"World Health Organization"}
    assert {str(f.report_date) for f in figures} == {"2027-06-09"}


def test_a_plain_text_table_aligned_with_spaces():
    text = """Displacement by camp (UNHCR, 4 June):

Camp            New arrivals    Deaths
Lekka           1,250           2
Tosa North      830             0
"""
    assert rows(text) == [
        ("displaced", 1250, "Lekka", "United Nations High Commissioner for Refugees"),
        ("killed", 2, "Lekka", "United Nations High Commissioner for Refugees"),
        ("displaced", 830, "Tosa North", "United Nations High Commissioner for Refugees"),
        ("killed", 0, "Tosa North", "United Nations High Commissioner for Refugees"),
    ]


def test_a_source_line_below_a_table_names_its_source():
    text = """| Province | Missing |
|---|---|
| Delm | 14 |
| Ostra | 5 |

Source: Provincial Red Crescent
"""
    assert rows(text) == [("missing", 14, "Delm", "Provincial Red Crescent"),
                          ("missing", 5, "Ostra", "Provincial Red Crescent")]


@pytest.mark.parametrize("line, source", [
    ("Source: Harbour District Council, 4 March.", "Harbour District Council"),
    ("Source: Lake Region Rights Monitor, 12/03/2026", "Lake Region Rights Monitor"),
    ("Sources: Tessa Valley Red Crescent, as of 9 April", "Tessa Valley Red Crescent"),
])
def test_a_source_line_with_a_date_names_the_source_without_the_date(line, source):
    text = f"| Province | Missing |\n|---|---|\n| Delm | 14 |\n\n{line}\n"
    assert rows(text) == [("missing", 14, "Delm", source)]


def test_a_table_without_a_source_falls_back_to_the_publisher():
    text = "| Town | Detained |\n|---|---|\n| Amsel | 31 |\n"
    assert rows(text, publisher="Daily Ledger") == [("detained", 31, "Amsel", "Daily Ledger")]


def test_rows_not_by_place_have_no_place():
    text = """| Age group | Killed |
|---|---|
| Under 18 | 4 |
| Adults | 9 |
"""
    figures = extract_figures(text)
    assert [(f.value, f.place, f.subject) for f in figures] == [(4, "", "Killed"), (9, "", "Killed")]


def test_an_html_table_is_read_as_the_pipe_table_trafilatura_makes_of_it():
    from extract.formats import html_document

    page = """<html><head><title>Update</title></head><body><article><h1>Update</h1>
<p>Casualties by province, as reported by the Ministry of Health:</p>
<table><tr><th>Province</th><th>Killed</th><th>Missing</th></tr>
<tr><td>Delm</td><td>12</td><td>4</td></tr><tr><td>Ostra</td><td>3</td><td>0</td></tr></table>
<p>Aid agencies say access to both provinces remains limited by fighting and roadblocks.</p>
</article></body></html>"""
    assert rows(html_document(page).text) == [
        ("killed", 12, "Delm", "Ministry of Health"), ("missing", 4, "Delm", "Ministry of Health"),
        ("killed", 3, "Ostra", "Ministry of Health"), ("missing", 0, "Ostra", "Ministry of Health")]


# -- rule "row": a key-figures table, the label names what is counted ----------------------


def test_a_key_figures_table_with_a_source_column():
    text = """## Key figures

| Figure | Value | Source |
|---|---|---|
| Civilians killed | 58 | Ministry of Health |
| People displaced | 12,400 | IOM |
| Trucks delivered | 35 | WFP |
| Funding received (US$) | 4,000,000 | OCHA |
"""
    assert rows(text) == [("killed", 58, "", "Ministry of Health"),
                          ("displaced", 12400, "", "International Organization for Migration")]


def test_a_table_of_labels_and_counts_without_a_header():
    text = "| Killed | 7 |\n| Abducted | 2 |\n| Houses burnt | 40 |\n"
    assert counted(text) == [("killed", 7), ("abducted", 2)]


def test_a_key_figure_restating_a_sentence_s_figure_is_one_figure():
    text = """The Ministry of Health said 58 civilians were killed.

| Figure | Value | Source |
|---|---|---|
| Civilians killed | 58 | Ministry of Health |
| Civilians injured | 131 | Ministry of Health |
"""
    assert counted(text) == [("killed", 58), ("wounded", 131)]


def test_a_total_restating_a_sentence_s_figure_is_one_figure():
    text = """WHO said 22 people had died in hospital since Monday.

Deaths in hospital (WHO):

| Hospital | Deaths |
|---|---|
| Brel Hospital | 15 |
| Korra Clinic | 7 |
| Total | 22 |
"""
    assert counted(text) == [("killed", 22), ("killed", 15), ("killed", 7)]


def test_a_sourced_key_figure_replaces_an_unsourced_restatement():
    text = """| Figure | Value | Source |
|---|---|---|
| Children abducted | 41 | UNICEF |

- The 41 children abducted from the school remain missing.
"""
    figures = extract_figures(text, publisher="Relief Wire")
    assert [(f.category, f.value, f.agency) for f in figures if f.category == "abducted"] == [
        ("abducted", 41, "UNICEF")]


# -- rule "label": "Killings (9)" ----------------------------------------------------------


def test_labels_with_a_count_in_brackets():
    text = """Violations recorded by the Protection Cluster (number of victims):

- Killings (9)
- Maiming (17)
- Abductions (4)
- Recruitment and use of children (3)
- Attacks on schools (2)
"""
    figures = extract_figures(text)
    assert [(f.category, f.value, f.subject) for f in figures] == [
        ("killed", 9, "Killings"), ("wounded", 17, "Maiming"), ("abducted", 4, "Abductions")]
    assert figures[0].sentence == (
        "Violations recorded by the Protection Cluster (number of victims): - Killings (9)")


def test_labels_with_a_count_after_a_colon():
    text = ("Casualties so far (Civil Defence, 3 June):\n"
            "* Dead: 11\n* Injured: 52\n* Missing: 6\n* Shelters open: 4\n")
    assert counted(text) == [("killed", 11), ("wounded", 52), ("missing", 6)]


def test_a_count_in_brackets_restating_a_number_word_is_no_label():
    assert counted("Rescuers recovered the bodies of twelve (12)") == [("killed", 12)]
    assert counted("- Arrests (11)\n- Arrests, twelve (12)\n") == [("detained", 11)]


# -- rule "list": places and counts under a heading saying what is counted -----------------


def test_a_list_of_places_under_a_heading_with_its_source():
    text = """Deaths by district (NDMA, 18 May):

Tiverne: 6
- Haldor town: 3,950
  Olstan      12
"""
    figures = extract_figures(text, published="2026-05-20")
    assert [(f.category, f.value, f.place, f.agency) for f in figures] == [
        ("killed", 6, "Tiverne", "NDMA"), ("killed", 3950, "Haldor town", "NDMA"),
        ("killed", 12, "Olstan", "NDMA")]
    assert figures[1].sentence == "Deaths by district (NDMA, 18 May): - Haldor town: 3,950"
    assert all(text[f.start : f.end] == f.number_text for f in figures)


def test_a_list_of_places_under_a_sourced_heading():
    text = """People displaced by location, according to the Kesh Red Crescent Society:
* Camp Ardo - 1,200
* Mesk village - 340
* Unknown - 15
"""
    assert rows(text) == [("displaced", 1200, "Camp Ardo", "Kesh Red Crescent Society"),
                          ("displaced", 340, "Mesk village", "Kesh Red Crescent Society"),
                          ("displaced", 15, "Unknown", "Kesh Red Crescent Society")]


def test_a_list_under_a_markdown_heading():
    text = "### Abductions by region\n\n1. North: 14\n2. Coast: 3\n"
    assert rows(text, publisher="Wire") == [("abducted", 14, "North", "Wire"),
                                            ("abducted", 3, "Coast", "Wire")]


def test_a_list_by_age_or_sex_has_no_places():
    text = "Injured by sex (MSF):\n- Women: 31\n- Men: 44\n"
    figures = extract_figures(text)
    assert [(f.category, f.value, f.place, f.subject) for f in figures] == [
        ("wounded", 31, "", "Injured"), ("wounded", 44, "", "Injured")]


def test_a_list_under_a_sentence_is_no_list_of_figures():
    """A list needs a heading (a line ending in a colon, or a Markdown heading): a sentence
    that ends with a stop says nothing of the lines below it."""
    text = "Nine people were killed in the raid.\n- Trucks: 5\n- Mesk: 40\n"
    assert counted(text) == [("killed", 9)]


# -- no double count -----------------------------------------------------------------------


def test_a_bullet_that_is_a_sentence_is_read_once():
    text = "Key figures (OCHA):\n- 12 people were killed in Varnu\n- Killed: 12\n- 40 injured: 40\n"
    figures = extract_figures(text)
    assert sorted((f.category, f.value, f.start) for f in figures) == sorted(
        {(f.category, f.value, f.start) for f in figures})
    assert counted(text).count(("killed", 12)) == 2  # two lines, two statements


def test_a_table_row_the_sentences_read_is_not_added_again():
    text = "| Killed | 12 |\n| Injured | 30 |\n"
    starts = [f.start for f in extract_figures(text)]
    assert len(starts) == len(set(starts)) == 2


# -- no spurious figures -------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    # money
    "| District | Funding (US$) | Received |\n|---|---|---|\n| Varnu | 2,000,000 | 1,200 |\n",
    # trucks, schools, houses and beds
    "| Town | Trucks | Schools damaged | Houses destroyed | Beds |\n|---|---|---|---|---|\n"
    "| Osk | 12 | 4 | 230 | 80 |\n",
    # shares
    "| District | Killed (%) | Injured |\n|---|---|---|\n| Varnu | 45% | 12% |\n",
    "Share of people displaced, by district (%):\n- Varnu: 40\n- Osk: 60\n",
    # dates and phone numbers
    "| Date | Killed |\n|---|---|\n| 12 May | 3 May |\n",
    "Hotlines by district:\n- Varnu: +254 712 345678\n- Osk: 0712 345 678\n",
    # a header that counts no casualties
    "| District | Population | Households |\n|---|---|---|\n| Varnu | 12,000 | 2,300 |\n",
    "Households displaced by district (IOM):\n- Varnu: 1,150\n- Osk: 300\n",
    "Distribution points by district:\n\n  Varnu      12\n  Osk         4\n",
    # times and years in "Label: N" lines
    "Curfew:\n- Start: 10:30\n- Year: 2026\n",
    # a table of words
    "| District | Killed |\n|---|---|\n| Varnu | unknown |\n",
])
def test_no_figures_from_tables_of_other_things(text):
    assert extract_figures(text) == []


def test_lines_that_look_like_rows_in_prose_give_nothing():
    text = ("The convoy left at 10:30 with 12 trucks.\nNote: 4\nPage 2 of 3\n"
            "Phone: 0712 345 678\nSee table 2 (below)\n| a | b |\n")
    assert extract_figures(text) == []


# -- the report sample ---------------------------------------------------------------------


def test_the_report_sample_s_tables_and_lists_are_read():
    """A benchmark, not the rules' test: every figure of the report sample stated in a
    table or a list under a heading is found, with the value and category of the key."""
    from pathlib import Path

    from extract.__main__ import read_document

    reports = Path(__file__).resolve().parents[2] / "data" / "reports"
    expected = {
        "2026-05-06_relieflink_ocha-sitrep-1.md": {("killed", 19), ("killed", 11), ("killed", 3),
                                                   ("wounded", 71), ("wounded", 35), ("wounded", 12)},
        "2026-05-12_relieflink_who-health-cluster-bulletin-2.md": {
            ("wounded", 341), ("killed", 14), ("surgeries", 118), ("wounded", 96), ("killed", 5),
            ("surgeries", 0), ("wounded", 57), ("killed", 3), ("surgeries", 21),
            ("wounded", 494), ("killed", 22)},
        "2026-05-22_relieflink_ocha-sitrep-3.md": {
            ("killed", 74), ("wounded", 301), ("displaced", 61800), ("displaced", 9250),
            ("abducted", 53), ("killed", 6), ("wounded", 17), ("abducted", 4), ("detained", 29)},
        "2026-05-08_relieflink_ocha-flash-update-3.txt": {
            ("killed", 9), ("wounded", 14), ("abducted", 5), ("detained", 11), ("killed", 6),
            ("killed", 4), ("killed", 2), ("killed", 1)},
        "2026-05-13_relieflink_dtm-flash-report-4.txt": {
            ("displaced", 3950), ("displaced", 2140), ("displaced", 870), ("displaced", 415)},
        "2026-05-18_relieflink_keshet-earthquake-sitrep-2.txt": {
            ("killed", 164), ("killed", 49), ("killed", 18), ("displaced", 5900),
            ("displaced", 6300), ("displaced", 2600)},
    }
    for name, figures in expected.items():
        doc = read_document(reports / name)
        found = {(f.category, f.value) for f in extract_figures(doc.text, doc.published, doc.publisher)}
        assert figures <= found, name


def test_find_laid_out_reads_nothing_in_prose():
    assert find_laid_out("Five people were killed on 3 May. Police detained 12.\nNo one is missing.") == []
