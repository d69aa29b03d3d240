"""A text alternative for the chart by date and the map (the comparison's is in
comparison.py): a sentence or two, under the chart's heading and
before the graph (role="note"), saying what the chart shows — its categories, how many
agencies, points, groups or places, and the largest value with its agency and date.
Pure: each function reads the table its chart is drawn from."""

from __future__ import annotations

import pandas as pd
from dash import html

from . import charts
from .headlines import day_text

NOTHING = "The chart shows no figures."
NO_DATA = "No data: the store cannot be opened."


def _plural(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def _listed(words: list[str]) -> str:
    """"killed", "killed and wounded", "killed, wounded and missing"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _day(day) -> str:
    return day_text(day) if pd.notna(day) else "an unknown date"


def by_date_summary(points: pd.DataFrame, chosen: tuple[str, ...] = ()) -> str:
    """What the chart by date shows of a view's `by_date_points` (the agencies `chosen`,
    else those with most points): its categories, agencies shown of all, points, and per
    category the largest figure with its agency and date."""
    if points.empty:
        return NOTHING
    shown = charts.agencies_shown(points, chosen)
    total = points["agency"].astype(str).nunique()
    plotted = points[points["agency"].astype(str).isin(shown)]
    if plotted.empty:
        return NOTHING
    order = list(charts.CATEGORY_COLOURS)
    categories = sorted(dict.fromkeys(plotted["category"].astype(str)),
                        key=lambda c: (order.index(c) if c in order else len(order), c))
    largest = [
        f"{category} {charts.stated(row)} ({row['agency']}, {_day(row['x'])})"
        for category in categories
        for _, row in plotted[plotted["category"] == category]
        .sort_values(["value", "x"], kind="stable").tail(1).iterrows()]
    return (f"Figures by date of {_listed(categories)}: {len(shown):,} of "
            f"{_plural(total, 'agency', 'agencies')} shown, {_plural(len(plotted), 'point')}. "
            f"Largest: {'; '.join(largest)}.")


def map_summary(points: pd.DataFrame) -> str:
    """What the map of figures by place shows of `maps.map_points`: its categories, places,
    and the largest value with its place, basis and date; figures without a place."""
    unplaced = points.attrs.get("unplaced", 0)
    left_out = (f" {_plural(unplaced, 'figure')} without a place not shown." if unplaced
                else "")
    if points.empty:
        return "The map shows no places." + left_out
    categories = [str(c) for c in dict.fromkeys(points["category"])]
    places = points[["place_name", "admin1", "country_code", "lat", "lon"]].drop_duplicates()
    top = points.sort_values("value", kind="stable").iloc[-1]
    where = top["place_name"] or top["admin1"] or top["country"] or top["country_code"]
    basis = (f"latest {top['basis']}, {_day(top['as_of'])}" if pd.notna(top["as_of"])
             else f"{top['basis']}, latest report {_day(top['latest'])}")
    return (f"Map of {_listed(categories)} by place: {_plural(len(places), 'place')}. "
            f"Largest: {top['category']} {int(top['value']):,} at {where} ({basis})."
            + left_out)


def countries_summary(tolls: pd.DataFrame, category: str) -> str:
    """What the map of countries shows of `maps.country_tolls`: how many countries and the
    largest latest toll or stock with its agency and date."""
    if tolls.empty:
        return f"The map shows no country-wide {category} toll or stock."
    top = tolls.iloc[0]  # country_tolls sorts by value, largest first
    return (f"Map of countries by their latest {category} toll or stock: "
            f"{_plural(len(tolls), 'country', 'countries')}. Largest: "
            f"{top['country'] or top['country_code']} {int(top['value']):,} "
            f"({top['scope']}, {top['agency']}, {_day(top['day'])}).")


def note(summary_id: str) -> html.P:
    """The place of a chart's summary, right before its graph (dcc.Graph takes no
    aria-describedby): a note the callback drawing the chart fills."""
    return html.P(id=summary_id, role="note", className="chart-summary")
