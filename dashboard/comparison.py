""""Where agencies disagree": like compared with like. The figures of one category fall
into groups of what they count: their scope (toll, stock, incident, period), who was
counted (`subject`: people in general, or a group as written, "rebels") and the place
named, and for an incident the day it happened (else its day), for a period its dates.
Each agency's latest figure of a group is a bar (the largest of that day); only groups
where two agencies or more give figures are shown.

Groups come in the order of their largest gap between agencies (highest minus lowest,
then the largest figure): the section asks where agencies disagree, and a gap counted in
people puts a gap of hundreds before one of 1 against 3. The first GROUPS_SHOWN are
shown, all with "show all". Read by SQL from the charts' summary (pipeline/summaries.py);
the page's category filter chooses the categories offered.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import sqlalchemy as sa
from dash import Dash, Input, Output, State, dcc, html, no_update

from pipeline.summaries import chart_rows

from . import chart_summary, charts
from .chart_fallback import charts_unavailable
from .chart_summary import NO_DATA
from .escape import plotly_text
from .headlines import GENERAL_SUBJECTS, day_text, general_word, stated_on

GROUPS_SHOWN = 15
SCOPES = ("toll", "stock", "incident", "period")
GROUP = ["scope", "who", "place_shown", "when_start", "when_end"]
BAR_COLUMNS = ["figure_id", "agency", "value", "low", "high", "qualifier", "day",
               "report_date", "event_date", *GROUP, "group_rank", "groups"]
BAR_PX = 26  # height of one bar: the chart grows with its bars, each stays readable
GROUP_PX = 10  # and the gap between groups
MARGIN_PX = 110


def bars_select(where: list[sa.ColumnElement], groups: int | None) -> sa.Select:
    """Each agency's latest figure (the largest of that day) of each group of the summary
    rows `where` keeps, in groups of two agencies or more: the first `groups` groups in the
    order of their gap (None: all), each bar with its group's `group_rank` (1 first) and
    the number of such `groups`."""
    c = chart_rows.c
    subject = sa.func.lower(sa.func.trim(sa.func.coalesce(c.subject, "")))
    incident, period = c.scope == "incident", c.scope == "period"
    rows = sa.select(
        c.figure_id, c.agency, c.value, c.low, c.high, c.qualifier, c.day, c.report_date,
        c.event_date, c.scope,
        sa.case((subject.in_(GENERAL_SUBJECTS), "people"), else_=subject).label("who"),
        sa.func.coalesce(sa.func.nullif(c.place_name, ""), c.place, "").label("place_shown"),
        sa.case((incident, sa.func.coalesce(c.event_date, c.day)),
                (period, sa.func.coalesce(c.period_start, c.day))).label("when_start"),
        sa.case((period, sa.func.coalesce(c.period_end, c.period_start, c.day))
                ).label("when_end"),
    ).where(*where, c.scope.in_(SCOPES), c.day.is_not(None)).subquery("rows")
    r = rows.c
    group = [r[name] for name in GROUP]
    latest = sa.select(r, sa.func.row_number().over(
        partition_by=[*group, r.agency], order_by=(r.day.desc(), r.value.desc(), r.figure_id)
    ).label("latest")).subquery("latest")
    a = latest.c
    of_group = {"partition_by": [a[name] for name in GROUP]}
    sized = sa.select(*[a[name] for name in BAR_COLUMNS[:-2]],
                      sa.func.count().over(**of_group).label("agencies"),
                      (sa.func.max(a.value).over(**of_group)
                       - sa.func.min(a.value).over(**of_group)).label("gap"),
                      sa.func.max(a.value).over(**of_group).label("top")
                      ).where(a.latest == 1).subquery("sized")
    s = sized.c
    ranked = sa.select(s, sa.func.dense_rank().over(order_by=(
        s.gap.desc(), s.top.desc(), *[s[name] for name in GROUP])).label("group_rank")
    ).where(s.agencies >= 2).subquery("ranked")
    k = ranked.c
    counted = sa.select(k, sa.func.max(k.group_rank).over().label("groups")).subquery("counted")
    stmt = (sa.select(*[counted.c[name] for name in BAR_COLUMNS])
            .order_by(counted.c.group_rank, counted.c.value.desc(), counted.c.agency))
    return stmt if groups is None else stmt.where(counted.c.group_rank <= groups)


def group_label(bar: pd.Series) -> str:
    """What a group counts: "1. toll · rebels · Orsel", with an incident's day or a
    period's dates."""
    place = bar["place_shown"] or "no place named"
    when = ""
    if bar["scope"] == "incident":
        when = f" · {day_text(bar['when_start'])}"
    elif bar["scope"] == "period":
        when = f" · {day_text(bar['when_start'])} to {day_text(bar['when_end'])}"
    return f"{int(bar['group_rank'])}. {bar['scope']} · {bar['who']} · {place}{when}"


def bar_text(bar: pd.Series) -> str:
    """A bar's label: the figure, who it counts and when it was stated ("1,100 rebels, 12
    Apr 2026"; "published 12 Apr 2026" when only the publication date is known)."""
    who = general_word(bar) if bar["who"] == "people" else bar["who"]
    return f"{charts.stated(bar)} {who}, {stated_on(bar)}"


def comparison_figure(bars: pd.DataFrame, category: str, groups: int) -> go.Figure:
    """The bars of `bars_select` for one category: one row of bars per group, each agency's
    bar labelled with its figure, who it counts and its date, range whiskers; `groups` is
    how many groups there are in all."""
    if bars.empty:
        return charts.empty_figure(f"No {category} figures where two agencies or more count "
                                   "the same people in the same place.")
    bars = bars.iloc[::-1]  # plotly draws the first row at the bottom
    labels = [group_label(b) for _, b in bars.iterrows()]
    upper = (bars["high"].astype("Float64") - bars["value"]).fillna(0).clip(lower=0)
    lower = (bars["value"] - bars["low"].astype("Float64")).fillna(0).clip(lower=0)
    fig = go.Figure(go.Bar(
        x=bars["value"], y=[[plotly_text(g) for g in labels],
                            [plotly_text(a) for a in bars["agency"]]],
        orientation="h", marker_color=charts.CATEGORY_COLOURS.get(category),
        customdata=bars["figure_id"], text=[plotly_text(bar_text(b)) for _, b in bars.iterrows()],
        textposition="auto", hoverinfo="text+y", cliponaxis=False,
        error_x={"type": "data", "array": upper, "arrayminus": lower, "visible": True},
    ))
    shown = bars["group_rank"].nunique()
    fig.update_layout(
        template="plotly_white", height=max(260, BAR_PX * len(bars) + GROUP_PX * shown
                                            + MARGIN_PX),
        margin={"l": 20, "r": 20, "t": 40, "b": 40}, yaxis={"automargin": True},
        title=f"{category}: {shown} of {groups} groups where agencies differ, largest gap first")
    return fig


def comparison_summary(bars: pd.DataFrame, category: str, groups: int) -> str:
    """What "Where agencies disagree" shows of `comparison.bars_select`'s bars for one
    category (`groups` in all): groups and bars shown, and the first group with its
    largest and smallest figure, each with its agency and date."""
    if bars.empty:
        return (f"No {category} figures where two agencies or more count the same people "
                "in the same place.")
    shown = bars["group_rank"].nunique()
    first = bars[bars["group_rank"] == bars["group_rank"].min()].sort_values(
        "value", kind="stable")
    high, low = first.iloc[-1], first.iloc[0]
    return (f"Where agencies disagree on {category}: {shown:,} of "
            f"{groups:,} group{'s' if groups != 1 else ''} shown, {len(bars):,} bars. "
            f"Largest gap, in {group_label(high)}: {bar_text(high)} ({high['agency']}) against "
            f"{bar_text(low)} ({low['agency']}).")


def section(categories: list | None = None) -> html.Section:
    """The section: its category choice (the categories the page's filter keeps), "show
    all" and the chart."""
    return html.Section([
        html.H2("Where agencies disagree"),
        html.P("Like with like: each group is what the figures count (toll, stock, incident "
               "or period), who was counted and where, and for an incident its day; a bar is "
               "each agency's latest figure of the group. Only groups where two agencies or "
               f"more give figures, largest gap first; the first {GROUPS_SHOWN} unless all "
               "are asked for.", className="chart-key"),
        html.Span("Category compared", id="compare-category-label", className="visually-hidden"),
        dcc.RadioItems(id="compare-category", inline=True, value="killed",
                       options=categories or []),
        dcc.Checklist(id="compare-all", value=[], inline=True,
                      options=[{"label": " show all groups", "value": "all"}]),
        html.Div(id="compare-note", className="chart-key"),
        charts_unavailable(),
        chart_summary.note("comparison-summary"),
        dcc.Graph(id="comparison", config={"displaylogo": False}),
    ])


def offered(present: set[str], chosen: tuple[str, ...]) -> list[dict]:
    """The category choices of the comparison: the store's (`present`), in the page's order,
    only those the page's filter chose when it chose any."""
    return [{"label": c, "value": c} for c in charts.CATEGORY_COLOURS
            if c in present and (not chosen or c in chosen)]


def register(app: Dash, data, view_from_search) -> None:
    """The section's callbacks: its categories follow the page's filter (the view in the
    URL, by `view_from_search`), its chart the view, the category and "show all"."""

    @app.callback(Output("compare-category", "options"), Output("compare-category", "value"),
                  Input("url", "search"), Input("version", "data"),
                  State("compare-category", "value"))
    def categories(search, _, current):
        options = offered(data.categories(), view_from_search(search).categories)
        values = [o["value"] for o in options]
        return options, (current if current in values else values[0] if values else no_update)

    @app.callback(Output("comparison", "figure"), Output("compare-note", "children"),
                  Output("comparison-summary", "children"),
                  Input("url", "search"), Input("compare-category", "value"),
                  Input("compare-all", "value"), Input("version", "data"))
    def draw(search, category, show_all, _):
        if data.error:
            return charts.empty_figure("No data: the store cannot be opened."), "", NO_DATA
        category = category or "killed"
        bars, groups = data.comparison_rows(view_from_search(search), category,
                                            None if show_all else GROUPS_SHOWN)
        shown = bars["group_rank"].nunique() if not bars.empty else 0
        note = (f"{shown} of {groups} groups shown" if groups > shown
                else f"{groups} group{'s' if groups != 1 else ''}")
        return (comparison_figure(bars, category, groups), note,
                comparison_summary(bars, category, groups))
