"""Chart builders: pure functions from a table of figures to a plotly figure or card data.

They take the light table of dashboard/data.py (plus, for hover text, a sentence per
figure where known) and never touch the store.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from .escape import plotly_text

WEBGL_FROM = 1000  # points: above this, traces are drawn with WebGL
QUALIFIER_WORDS = {
    "exact": "", "at_least": "at least ", "more_than": "more than ", "about": "about ",
    "up_to": "up to ", "fewer_than": "fewer than ", "range": "", "vague": "",
}
CATEGORY_COLOURS = {
    "killed": "#b2182b", "wounded": "#ef8a62", "surgeries": "#67a9cf", "missing": "#7570b3",
    "displaced": "#1b9e77", "detained": "#666666", "abducted": "#e7298a",
}


def stated(row: pd.Series) -> str:
    """A figure as words: "at least 205", "10–15", "24–99 (vague)"."""
    if row["qualifier"] in ("range", "vague") and pd.notna(row["high"]):
        text = f"{int(row['low']):,}–{int(row['high']):,}"
        return text + (" (vague)" if row["qualifier"] == "vague" else "")
    return f"{QUALIFIER_WORDS.get(row['qualifier'], '')}{int(row['value']):,}"


def stated_all(frame: pd.DataFrame) -> list[str]:
    """`stated` for every row of a table, without building a Series per row."""
    return [
        (f"{int(low):,}–{int(high):,}" + (" (vague)" if q == "vague" else ""))
        if q in ("range", "vague") and pd.notna(high)
        else f"{QUALIFIER_WORDS.get(q, '')}{int(value):,}"
        for value, low, high, q in zip(frame["value"], frame["low"], frame["high"],
                                       frame["qualifier"], strict=True)
    ]


def empty_figure(message: str) -> go.Figure:
    """A blank chart that says why it is blank."""
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font={"size": 15}, x=0.5, y=0.5,
                       xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(template="plotly_white", margin={"l": 20, "r": 20, "t": 20, "b": 20})
    return fig


def counted(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows that stand for a count of their own: no subset ("including 12 children")
    and no superseded value ("has gone up from 682": 682), so never in a headline."""
    keep = ~frame["subset"].astype(bool)
    if "superseded" in frame:
        keep &= ~frame["superseded"].astype(bool)
    return frame[keep]


def per_agency_day(frame: pd.DataFrame) -> pd.DataFrame:
    """Each agency's largest figure per category and day, subsets and superseded values
    left out."""
    if frame.empty:
        return frame
    rows = counted(frame).dropna(subset=["day"])
    return rows.sort_values("value", kind="stable").drop_duplicates(
        ["category", "agency", "day"], keep="last")


def latest_per_agency(frame: pd.DataFrame) -> pd.DataFrame:
    """Each agency's latest statement per category: its largest figure on its latest day
    (subsets and superseded values left out)."""
    if frame.empty:
        return frame
    rows = counted(frame).dropna(subset=["day"])
    if rows.empty:
        return rows
    last = rows.groupby(["category", "agency"], observed=True)["day"].transform("max")
    rows = rows[rows["day"] == last]
    return rows.sort_values("value").drop_duplicates(["category", "agency"], keep="last")


def timeseries(frame: pd.DataFrame, sentences: dict[str, str] | None = None,
               max_agencies: int = 12) -> go.Figure:
    """Figures by report date, one step line per agency and category (each agency's
    running tally), with the qualifier, quote and publisher on hover and ranges as error
    bars; document text is shown as text, never as plotly's markup. Agencies beyond the
    `max_agencies` with most figures are left out of the chart."""
    per_day = per_agency_day(frame)
    if per_day.empty:
        return empty_figure("No figures match these filters.")
    sentences = sentences or {}
    top = per_day["agency"].value_counts().head(max_agencies).index
    per_day = per_day[per_day["agency"].isin(top)]
    kind = "scattergl" if len(per_day) > WEBGL_FROM else "scatter"
    categories = [c for c in CATEGORY_COLOURS if c in set(per_day["category"])]
    agencies = sorted(set(per_day["agency"].astype(str)))
    colours = qualitative.Dark24
    palette = {a: colours[i % len(colours)] for i, a in enumerate(agencies)}
    grid = make_subplots(rows=len(categories), cols=1, shared_xaxes=True, vertical_spacing=0.06,
                         subplot_titles=categories)
    grid.update_layout(template="plotly_white", hovermode="closest",
                       height=140 + 190 * len(categories), legend={"font": {"size": 11}},
                       margin={"l": 60, "r": 20, "t": 30, "b": 40})
    grid.update_xaxes(title_text="report date", row=len(categories), col=1)
    traces = []
    for (category, agency), points in per_day.groupby(["category", "agency"], observed=True):
        points = points.sort_values("day")
        upper = (points["high"].astype("Float64") - points["value"]).fillna(0).clip(lower=0)
        lower = (points["value"] - points["low"].astype("Float64")).fillna(0).clip(lower=0)
        hover = [
            f"<b>{words}</b> {category}<br>{plotly_text(agency)}, {day:%d %b %Y}<br>"
            f"<i>{plotly_text(_quote(sentences.get(fid, '')))}</i><br>{plotly_text(publisher)}"
            for words, day, fid, publisher in zip(stated_all(points), points["day"],
                                                   points["figure_id"], points["publisher"],
                                                   strict=True)
        ]
        axis = categories.index(category) + 1
        traces.append({
            "type": kind, "x": list(points["day"]), "y": list(points["value"]),
            "name": f"{plotly_text(agency)} – {category}", "mode": "lines+markers",
            "line": {"shape": "hv", "color": palette[agency]}, "marker": {"size": 7},
            "customdata": list(points["figure_id"]), "hovertext": hover, "hoverinfo": "text",
            "legendgroup": category, "xaxis": "x" if axis == 1 else f"x{axis}",
            "yaxis": "y" if axis == 1 else f"y{axis}",
            "error_y": {"type": "data", "array": list(upper), "arrayminus": list(lower),
                        "visible": True, "thickness": 1},
        })
    # The grid's layout is built (and checked) once; the traces are plain, checked data,
    # so the figure skips plotly's per-property validation, the slow part with many traces.
    return go.Figure(data=traces, layout=grid.layout, _validate=False)


def agency_comparison(frame: pd.DataFrame, category: str) -> go.Figure:
    """The latest figure of each agency for one category, as bars with range whiskers."""
    latest = latest_per_agency(frame)
    latest = latest[latest["category"] == category]
    if latest.empty:
        return empty_figure(f"No {category} figures match these filters.")
    latest = latest.sort_values("value")
    upper = (latest["high"].astype("Float64") - latest["value"]).fillna(0).clip(lower=0)
    lower = (latest["value"] - latest["low"].astype("Float64")).fillna(0).clip(lower=0)
    fig = go.Figure(go.Bar(
        x=latest["value"], y=[plotly_text(a) for a in latest["agency"]], orientation="h",
        marker_color=CATEGORY_COLOURS.get(category), customdata=latest["figure_id"],
        text=[f"{words} ({day:%d %b})" for words, day in zip(stated_all(latest), latest["day"],
                                                               strict=True)],
        textposition="auto", hoverinfo="text",
        error_x={"type": "data", "array": upper, "arrayminus": lower, "visible": True},
    ))
    fig.update_layout(template="plotly_white", height=max(220, 48 * len(latest) + 80),
                      margin={"l": 20, "r": 20, "t": 30, "b": 40},
                      title=f"Latest {category} figure of each agency", yaxis={"automargin": True})
    return fig


def headline_cards(frame: pd.DataFrame) -> list[dict]:
    """Per category: the latest figure, who stated it and when, and the agencies' spread."""
    latest = latest_per_agency(frame)
    cards = []
    for category in CATEGORY_COLOURS:
        rows = latest[latest["category"] == category]
        if rows.empty:
            continue
        newest = rows.sort_values(["day", "value"]).iloc[-1]
        cards.append({
            "category": category,
            "figure": stated(newest),
            "agency": str(newest["agency"]),
            "day": newest["day"].date(),
            "agencies": len(rows),
            "spread": (int(rows["value"].min()), int(rows["value"].max())),
            "figure_id": newest["figure_id"],
        })
    return cards


def _quote(sentence: str, limit: int = 160) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
