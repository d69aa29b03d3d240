"""The article the product was designed around, in our own words: exactly its figures."""

import datetime as dt

from extract import extract_figures

ARTICLE = """Tripoli forces push rivals back south of the Libyan capital

Fighting for the Libyan capital has killed at least 205 people and wounded more than 900, \
the World Health Organization said Thursday.

"Over the past week, WHO Libya's emergency surgical teams in front-line hospitals carried out \
89 major and 63 surgeries," the agency said.

The clashes began on April 5, when the Libyan National Army, commanded by Khalifa Haftar and \
allied to an eastern administration, moved against militias backing the UN-supported government.

The US military pulled a small contingent of troops out of Libya in April, citing growing unrest.

Residents said they heard sustained rocket fire in several districts on Saturday.

Haftar, once an army officer, became head of the LNA in 2015. His offensive on Tripoli was \
launched on April 4.

Analysts read the US president's praise for Haftar as backing for his drive to seize Tripoli.
"""

PUBLISHED = dt.date(2019, 4, 20)  # a Saturday
WHO = "World Health Organization"


def test_seed_article_gives_exactly_its_figures():
    figures = extract_figures(ARTICLE, published=PUBLISHED, publisher="Wire")
    rows = [(f.category, f.value, f.low, f.high, f.qualifier, f.agency) for f in figures]
    assert rows == [
        ("killed", 205, 205, None, "at_least", WHO),
        ("wounded", 900, 901, None, "more_than", WHO),
        ("surgeries", 89, 89, 89, "exact", WHO),
        ("surgeries", 63, 63, 63, "exact", WHO),
    ]
    killed, wounded, major, other = figures
    assert killed.report_date == wounded.report_date == dt.date(2019, 4, 18)
    assert killed.number_text == "at least 205" and wounded.number_text == "more than 900"
    assert major.period == other.period == "Over the past week"
    assert (major.period_start, major.period_end) == (dt.date(2019, 4, 13), PUBLISHED)
    for f in figures:
        assert ARTICLE[f.start : f.end] == f.number_text
        assert f.number_text in f.sentence


def test_seed_article_scopes_and_totals():
    """The battle's killed and wounded are tolls stated on Thursday 18 April; the surgeries a
    period (the past week); no incident is told, so the main-event totals are blank and the
    toll columns hold the battle's dead and wounded."""
    from extract import document_totals

    found = extract_figures(ARTICLE, published=PUBLISHED, publisher="Wire")
    assert [(f.category, f.value, f.scope, f.report_date) for f in found] == [
        ("killed", 205, "toll", dt.date(2019, 4, 18)), ("wounded", 900, "toll", dt.date(2019, 4, 18)),
        ("surgeries", 89, "period", None), ("surgeries", 63, "period", None)]
    totals = document_totals(ARTICLE, PUBLISHED)
    assert totals["killed"] is None and totals["wounded"] is None and totals["surgeries"] is None
    assert (totals["killed_toll"], totals["wounded_toll"]) == (205, 900)
