"""The headline cards: per category, the latest toll or stock by a stated rule, the range
of the agencies' tolls, and the latest incident apart. Read by SQL from the charts' summary
(pipeline/summaries.py), a few rows per category, whatever the store's size.

The rule, among the summary's rows the page's filters keep:

1. only tolls and stocks ("205 killed since the war began", "12,000 displaced"), never an
   incident, a period or a background figure; a category without one says so (figures of
   a store not yet re-read, whose scope is unknown, come after tolls and stocks, and say
   so);
2. about people in general (`subject` empty, "people", "persons", "individuals") before a
   group of them ("rebels", "children"); subsets ("including 12 children") never count
   (the summary holds none);
3. the latest by its day (the report date, else the publication date);
4. between figures of one day, the agency listed first in the sources file's [headline]
   agencies (pipeline/headline.py; those not listed after those listed);
5. then the largest.

The range is each agency's latest toll or stock of the same people (in general, or groups
of them, as the headline; of unknown scope, as the headline): lowest to highest, and how
many agencies. The latest incident (by the day it happened, else its day; the largest of
that day) is shown apart.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from dash import html

from pipeline.headline import headline_agencies
from pipeline.summaries import chart_rows

from . import charts

GENERAL_SUBJECTS = ("", "people", "persons", "individuals")
TOTAL_SCOPES = ("toll", "stock", "")  # "": not yet known, after the others
UNLISTED = 1_000_000  # the place of an agency not in the [headline] list
CARD_COLUMNS = ["category", "agency", "subject", "scope", "value", "low", "high", "qualifier",
                "day", "report_date", "published", "event_date", "figure_id", "claim_id"]


def general(columns) -> sa.ColumnElement:
    """Whether a row counts people in general, not a group of them."""
    return sa.func.lower(sa.func.trim(sa.func.coalesce(columns.subject, ""))).in_(
        GENERAL_SUBJECTS)


def _listed_at(columns) -> sa.ColumnElement:
    """The agency's place in the [headline] list (UNLISTED when it is not there)."""
    position = (sa.select(headline_agencies.c.position)
                .where(sa.func.lower(headline_agencies.c.agency) == sa.func.lower(columns.agency))
                .limit(1).scalar_subquery())
    return sa.func.coalesce(position, UNLISTED)


def totals_select(where: list[sa.ColumnElement]) -> sa.Select:
    """Per category, the headline toll or stock of the summary rows `where` keeps, with
    `low_value`, `high_value` and `agencies`: the range of the agencies' latest tolls or
    stocks of the same people."""
    c = chart_rows.c
    rows = (sa.select(*[c[name] for name in CARD_COLUMNS],
                      sa.case((general(c), 1), else_=0).label("general"),
                      sa.case((c.scope == "", 1), else_=0).label("unknown"),
                      _listed_at(c).label("listed_at"))
            .where(*where, c.scope.in_(TOTAL_SCOPES), c.day.is_not(None))).subquery("totals")
    t = rows.c
    ranked = sa.select(
        t,
        sa.func.row_number().over(partition_by=t.category, order_by=(
            t.unknown, t.general.desc(), t.day.desc(), t.listed_at, t.value.desc(), t.figure_id)
        ).label("headline_rank"),
        sa.func.row_number().over(partition_by=(t.category, t.unknown, t.general, t.agency),
                                  order_by=(t.day.desc(), t.value.desc(), t.figure_id)
                                  ).label("agency_rank"),
    ).cte("ranked")
    r = ranked.c
    spread = (sa.select(r.category, r.unknown, r.general,
                        sa.func.min(r.value).label("low_value"),
                        sa.func.max(r.value).label("high_value"),
                        sa.func.count().label("agencies"))
              .where(r.agency_rank == 1).group_by(r.category, r.unknown, r.general)
              .subquery("spread"))
    return (sa.select(*[r[name] for name in CARD_COLUMNS], r.general, spread.c.low_value,
                      spread.c.high_value, spread.c.agencies)
            .join_from(ranked, spread, sa.and_(spread.c.category == r.category,
                                               spread.c.unknown == r.unknown,
                                               spread.c.general == r.general))
            .where(r.headline_rank == 1))


def incidents_select(where: list[sa.ColumnElement]) -> sa.Select:
    """Per category, the latest incident of the summary rows `where` keeps: by the day
    it happened (else its day), the largest of that day."""
    c = chart_rows.c
    happened = sa.func.coalesce(c.event_date, c.day)
    rows = (sa.select(*[c[name] for name in CARD_COLUMNS], happened.label("happened"),
                      sa.func.row_number().over(partition_by=c.category, order_by=(
                          happened.desc(), c.value.desc(), c.figure_id)).label("rank"))
            .where(*where, c.scope == "incident", happened.is_not(None))).subquery("incidents")
    return sa.select(*[rows.c[name] for name in CARD_COLUMNS]).where(rows.c.rank == 1)


def headline_cards(totals: pd.DataFrame, incidents: pd.DataFrame) -> list[dict]:
    """The cards, in the page's order of categories, from what `totals_select` and
    `incidents_select` read: each with its `headline` (a row, or None when the category
    has no toll or stock) and its `incident` (a row, or None)."""
    found = []
    for category in charts.CATEGORY_COLOURS:
        headline = _row(totals, category)
        incident = _row(incidents, category)
        if headline is not None or incident is not None:
            found.append({"category": category, "headline": headline, "incident": incident,
                          "claim_id": "" if headline is None else headline["claim_id"] or ""})
    return found


def _row(frame: pd.DataFrame, category: str) -> pd.Series | None:
    rows = frame[frame["category"] == category]
    return None if rows.empty else rows.iloc[0]


def day_text(day) -> str:
    """A date as the cards write it: "12 Apr 2026"."""
    day = pd.Timestamp(day)
    return f"{day.day} {day:%b %Y}"


def stated_on(row: pd.Series) -> str:
    """When a figure was stated: its report date ("12 Apr 2026"), else "published" and
    its document's date."""
    if pd.notna(row["report_date"]):
        return day_text(row["report_date"])
    return f"published {day_text(row['day'])}"


def who_counted(row: pd.Series) -> str:
    """Who a figure counts, for the cards: its subject as written ("rebels"), or "people"
    ("person" for 1) when it counts people in general."""
    subject = " ".join(str(row["subject"] or "").split())
    return general_word(row) if subject.casefold() in GENERAL_SUBJECTS else subject


def general_word(row: pd.Series) -> str:
    """People in general, as a count of them says it: "people", "person" for 1."""
    return "person" if row["value"] == 1 else "people"


def card(found: dict, revised_from: int | None = None) -> html.Div:
    """A headline card (one of `headline_cards`); `revised_from`, the value its claim
    revised in the last day (StoreData.revised), marks it so."""
    category, headline, incident = found["category"], found["headline"], found["incident"]
    if headline is None:
        parts = [html.Div("no toll or stock stated", className="shows"),
                 html.Div("—", className="figure")]
    else:
        group = "" if headline["general"] else f" of {who_counted(headline)}"
        agencies = int(headline["agencies"])
        spread = (f"{agencies} agencies: {int(headline['low_value']):,}–"
                  f"{int(headline['high_value']):,}" if agencies > 1 else "1 agency")
        shows = (f"latest {headline['scope']}" if headline["scope"]
                 else "latest figure, scope unknown")
        parts = [html.Div(f"{shows}{group}", className="shows"),
                 html.Div(charts.stated(headline), className="figure"),
                 html.Div(f"{headline['agency']}, {stated_on(headline)}", className="who"),
                 html.Div(spread, className="spread")]
    if revised_from is not None:
        parts.append(html.Div(f"revised in the last day, from {revised_from:,}",
                              className="revised"))
    if incident is not None:
        when = (day_text(incident["event_date"]) if pd.notna(incident["event_date"])
                else stated_on(incident))
        parts.append(html.Div(f"latest incident: {charts.stated(incident)} "
                              f"{who_counted(incident)}, {when} ({incident['agency']})",
                              className="incident"))
    return html.Div([html.Div(category, className="label"), *parts],
                    className=f"card {'total' if headline is not None else 'none'}",
                    style={"borderLeftColor": charts.CATEGORY_COLOURS[category]})
