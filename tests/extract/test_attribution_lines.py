"""Sources named in the other ways reports name them (sentences written for these tests):
bodies whose name ends in "Forum", "Alliance", "Board" ...; a line over a list or a table
that names whose figures follow without a speech verb ("Figures of X as of noon:", "X
breaks down its figures as follows:"); a source line after a plain-text list of aligned
columns or dotted leaders."""

from extract import extract_figures


def sources(text, publisher="The Daily"):
    return [(f.category, f.value, f.agency) for f in extract_figures(text, publisher=publisher)]


def test_names_ending_in_other_body_words_are_sources():
    assert sources("The Harbour Defence Alliance said 4 people were killed.") == [
        ("killed", 4, "Harbour Defence Alliance")]
    assert sources("The Tessel Press Freedom Forum said 12 journalists were detained.") == [
        ("detained", 12, "Tessel Press Freedom Forum")]
    assert sources("The Marrow Valley Water Board reported 3 staff missing.") == [
        ("missing", 3, "Marrow Valley Water Board")]


def test_a_line_naming_whose_figures_a_list_gives():
    text = ("Figures of the Harlow Fire Service as of noon on 2 May:\n\n"
            "- Killed: 6\n- Injured: 31\n")
    assert sources(text) == [("killed", 6, "Harlow Fire Service"), ("wounded", 31, "Harlow Fire Service")]
    text = ("Figures from the Brenna Coast Guard:\n\n- Missing: 14\n")
    assert sources(text) == [("missing", 14, "Brenna Coast Guard")]
    text = ("The Ulm Disaster Agency reported heavy rain.\n\n"
            "The agency breaks down its figures as follows:\n\n- Dead: 9\n- Displaced: 1,400\n")
    assert [a for _, _, a in sources(text)] == ["Ulm Disaster Agency"] * 2


def test_a_source_line_after_a_plain_text_list():
    text = ("Casualties over the weekend:\n\n"
            "  Harlow      killed 2    injured 5\n"
            "  Tessel      killed 1    injured 8\n\n"
            "(figures compiled by the Harlow Fire Service)\n")
    assert sources(text) == [
        ("killed", 2, "Harlow Fire Service"), ("wounded", 5, "Harlow Fire Service"),
        ("killed", 1, "Harlow Fire Service"), ("wounded", 8, "Harlow Fire Service")]


def test_a_lower_case_short_name_goes_back_to_the_full_name():
    text = ("The Harlow County Fire Service said 3 people were killed. "
            "The county fire service said 12 people were injured.")
    assert sources(text) == [("killed", 3, "Harlow County Fire Service"),
                             ("wounded", 12, "Harlow County Fire Service")]
    text = ("The Tessel District Health Office met on Monday. "
            "The district health office reported 40 people missing.")
    assert sources(text) == [("missing", 40, "Tessel District Health Office")]
    text = ("The Brenna Mountain Rescue Service searched all night. "
            "The mountain rescue service said 2 climbers were missing.")
    assert sources(text) == [("missing", 2, "Brenna Mountain Rescue Service")]
