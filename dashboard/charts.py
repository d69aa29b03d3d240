"""Chart builders: pure functions from a table of figures to a plotly figure or card data.

They take the light table of dashboard/data.py, or what `by_date_points` (the chart by
date) makes of it, plus, for hover text, a sentence per figure where known; they never
touch the store. (The cards and the comparison: dashboard/headlines.py, comparison.py.)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .agency_style import AgencyStyle, agency_styles
from .escape import plotly_text

WEBGL_FROM = 1000  # points: above this, markers and lines are drawn with WebGL
AGENCIES_SHOWN = 12  # agencies the chart by date shows unless others are chosen
PANEL_HEIGHT = 190  # px of the chart by date per panel
PANEL_GAP = 50  # px between its panels, for a panel's dates
LEGEND_ROW = 20  # px of the chart by date per agency, for its legend
QUALIFIER_WORDS = {
    "exact": "", "at_least": "at least ", "more_than": "more than ", "about": "about ",
    "up_to": "up to ", "fewer_than": "fewer than ", "range": "", "vague": "",
}
CATEGORY_COLOURS = {
    "killed": "#b2182b", "wounded": "#ef8a62", "surgeries": "#67a9cf", "missing": "#7570b3",
    "displaced": "#1b9e77", "detained": "#666666", "abducted": "#e7298a",
}
# What each scope (extract.row.SCOPES; "" not yet known) looks like on the by-date chart.
LINE_SCOPES = ("toll", "stock", "")  # step lines by report date
EVENT_SCOPES = ("incident", "background")  # markers on the event date
SCOPE_NAMES = {"toll": "toll", "stock": "stock", "": "scope unknown", "incident": "incident",
               "period": "period", "background": "background"}
LINE_DASH = {"toll": "solid", "stock": "dash", "": "dot"}
# what a marker adds to its agency's symbol (agency_style.py): filled, an incident on the
# day it happened; hollow, placed on the report date (its day unknown, or a period without
# dates); hollow with a dot, a figure about earlier events
MARKER_FILLS = {"incident": "", "background": "-open-dot", "period": "-open"}
PANELS = {"totals": "running totals and stocks, by report date",
          "events": "incidents and periods, when they happened"}
DAY = pd.Timedelta(days=1)


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
    """The rows that stand for a count of their own: no subset ("including 12 children"),
    no superseded value ("has gone up from 682": 682), no reprint's copy and no figure a
    person marked wrong, so never in a headline (where the table says; a table without
    one of these columns has none)."""
    keep = pd.Series(True, index=frame.index)
    for column in ("subset", "superseded", "reprint", "wrong"):
        if column in frame:
            keep &= ~frame[column].fillna(False).astype(bool)
    return frame[keep]


def one_per_claim(frame: pd.DataFrame) -> pd.DataFrame:
    """The counted rows, one per claim (`claim_id`): its first statement (the earliest
    `day`), however many documents carry it. A row without a claim (a table built by
    hand) is a claim of its own."""
    rows = counted(frame)
    if "claim_id" not in rows:
        return rows
    rows = rows.sort_values("day", kind="stable")
    return rows[(rows["claim_id"] == "") | ~rows["claim_id"].duplicated()]


def by_date_points(frame: pd.DataFrame) -> pd.DataFrame:
    """Every point of the by-date chart, one per claim (`one_per_claim`: subsets, superseded
    values, reprints and figures marked wrong left out), with its
    `panel` ("totals" or "events"), its `mark` (line, marker or bar) and its dates `x`
    (and `x_end` for a bar):

    - tolls, stocks and figures of unknown scope: each agency's largest per category,
      scope and report date (`day`), on step lines;
    - incidents and background figures: each agency's largest per category, scope and
      event date, as markers on the event date (on `day` when it is unknown);
    - period figures: each agency's largest per category and period, as bars from
      period_start to period_end (the report date when only the start is known); a marker
      on `day` when the period has no dates.
    """
    rows = one_per_claim(frame).dropna(subset=["day"])
    scope = rows["scope"]
    lines = rows[scope.isin(LINE_SCOPES)]
    lines = lines.assign(panel="totals", mark="line", x=lines["day"], x_end=pd.NaT)
    events = rows[scope.isin(EVENT_SCOPES)]
    events = events.assign(panel="events", mark="marker",
                           x=events["event_date"].fillna(events["day"]), x_end=pd.NaT)
    periods = rows[scope == "period"]
    end = periods["period_end"].fillna(periods["day"])
    spans = periods["period_start"].notna() & (end >= periods["period_start"])
    periods = periods.assign(panel="events", mark=spans.map({True: "bar", False: "marker"}),
                             x=periods["period_start"].where(spans, periods["day"]),
                             x_end=end.where(spans))
    return pd.concat([
        _largest(lines, ["category", "agency", "scope", "x"]),
        _largest(events, ["category", "agency", "scope", "x"]),
        _largest(periods, ["category", "agency", "x", "x_end"]),
    ])


def _largest(rows: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """The largest figure of each group of `key`."""
    return rows.sort_values("value", kind="stable").drop_duplicates(key, keep="last")


def agencies_shown(points: pd.DataFrame, chosen: Sequence[str] = (),
                   limit: int = AGENCIES_SHOWN) -> list[str]:
    """The agencies the chart by date shows of its points: those `chosen` that have points,
    else the `limit` with most points (claims), ties by name."""
    present = points["agency"].astype(str).value_counts()
    if chosen:
        return [a for a in dict.fromkeys(chosen) if a in present.index]
    ranked = sorted(present.items(), key=lambda item: (-item[1], item[0]))
    return [agency for agency, _ in ranked[:limit]]


def shown_line(shown: int, total: int, chosen: bool, limit: int = AGENCIES_SHOWN) -> str:
    """What the count line above the chart by date says: how many of the agencies with
    points it shows, and which."""
    if chosen:
        return (f"{shown} of {total} agencies shown, as chosen in \u201cAgencies shown\u201d "
                "(clear it to show the ones with most points).")
    if shown == total:
        return f"All {total} agencies shown." if total != 1 else "1 agency shown."
    return (f"{shown} of {total} agencies shown: the {limit} with most points (claims) under "
            "these filters. Choose others in \u201cAgencies shown\u201d.")


def timeseries(points: pd.DataFrame, sentences: dict[str, str] | None = None,
               chosen: Sequence[str] = (), log: bool = False,
               max_agencies: int = AGENCIES_SHOWN) -> go.Figure:
    """The figures of a table by date (its `by_date_points`), in two panels per category:
    running totals and stocks as each agency's step lines by report date, and incidents
    (markers on their event date), background figures and period figures (bars spanning
    their period). Each agency has its colour and marker (agency_style.py) and one legend
    entry, the legend below the chart; the qualifier, scope, dates, quote, publisher and
    how many documents and independent publishers carried the claim on hover, and ranges
    as error bars; document text is shown as text, never as plotly's markup. It shows the
    agencies `chosen` (those with points), else the `max_agencies` with most points
    (`agencies_shown`); its layout's `meta` says so in words (`shown_line`). `log`: the
    value axes on a log scale."""
    if points.empty:
        return empty_figure("No figures match these filters.")
    total = points["agency"].nunique()
    shown = agencies_shown(points, chosen, max_agencies)
    meta = {"shown": shown_line(len(shown), total, bool(chosen), max_agencies)}
    if not shown:
        blank = empty_figure("None of the agencies chosen has figures under these filters.")
        blank.update_layout(meta=meta)
        return blank
    points = points[points["agency"].isin(shown)].sort_values("x", kind="stable")
    panel_of = set(zip(points["category"], points["panel"], strict=True))
    panels = [(c, p) for c in CATEGORY_COLOURS for p in PANELS if (c, p) in panel_of]
    styles = agency_styles(shown)
    kind = "scattergl" if len(points) > WEBGL_FROM else "scatter"
    columns = _trace_columns(points, sentences or {})
    traces, in_legend = [], set()
    groups = points.groupby(["category", "panel", "agency", "scope", "mark"], observed=True)
    # the totals panel first, so that an agency's legend entry shows its line
    order = sorted(groups.indices.items(), key=lambda item: (item[0][1] != "totals", item[0]))
    for (category, panel, agency, scope, mark), at in order:
        axis = panels.index((category, panel)) + 1
        trace = {key: values[at].tolist() for key, values in columns.items()
                 if key in TRACE_COLUMNS[mark]}
        style = styles[agency]
        trace.update(TRACE_STYLES[mark](kind, style, scope), hoverinfo="text",
                     name=plotly_text(agency), legendgroup=agency,
                     showlegend=agency not in in_legend,
                     xaxis="x" if axis == 1 else f"x{axis}", yaxis="y" if axis == 1 else f"y{axis}")
        trace["error_y"] = {"type": "data", "array": trace.pop("upper"),
                            "arrayminus": trace.pop("lower"), "visible": True, "thickness": 1}
        if "modifier" in trace:
            trace["marker"]["symbol"] = [style.symbol + m for m in trace.pop("modifier")]
        in_legend.add(agency)
        traces.append(trace)
    layout = _grid(tuple(f"{c} · {PANELS[p]}" for c, p in panels), len(shown))
    if log:
        layout = {key: {**value, "type": "log"} if key.startswith("yaxis") else value
                  for key, value in layout.items()}
    # The grid's layout is built (and checked) once for its panels; the traces are plain,
    # checked data, so the figure skips plotly's per-property validation, the slow part.
    return go.Figure(data=traces, layout={**layout, "meta": meta}, _validate=False)


@lru_cache(maxsize=128)  # one per set of panels shown and number of agencies
def _grid(titles: tuple[str, ...], agencies: int) -> dict:
    """The layout of a column of panels with these titles, sharing the date axis (each
    panel with its dates), the legend of these many agencies below them: the figure is
    taller by a row of the legend per agency, which a wide screen's legend, in fewer rows,
    leaves to the panels."""
    height = 140 + PANEL_HEIGHT * len(titles) + LEGEND_ROW * agencies
    grid = make_subplots(rows=len(titles), cols=1, shared_xaxes=True,
                         vertical_spacing=min(PANEL_GAP / height, 0.9 / max(len(titles) - 1, 1)),
                         subplot_titles=titles)
    grid.update_layout(template="plotly_white", hovermode="closest", barmode="overlay",
                       height=height, margin={"l": 60, "r": 20, "t": 50, "b": 20},
                       legend={"font": {"size": 11}, "orientation": "h", "x": 0,
                               "xanchor": "left", "yref": "container", "y": 0,
                               "yanchor": "bottom"})
    grid.update_xaxes(showticklabels=True)
    grid.update_annotations(font_size=13)  # the panels' titles, to fit a phone
    return grid.layout.to_plotly_json()


def _trace_columns(points: pd.DataFrame, sentences: dict[str, str]) -> dict[str, np.ndarray]:
    """The values of every point, for all traces at once: x (a bar's middle), y, width (of
    a bar, in ms), what a marker adds to its agency's symbol, ids to click, hover text and
    range whiskers."""
    bar = (points["mark"] == "bar").to_numpy()
    width = (points["x_end"] + DAY - points["x"]).where(bar)
    middle = points["x"].where(~bar, points["x"] + width / 2)
    fill = points["scope"].astype(str).map(MARKER_FILLS).fillna("")
    fill = fill.where(points["event_date"].notna() | (fill != ""), "-open")
    hover = [
        f"<b>{words}</b> {category} · {SCOPE_NAMES[scope]}<br>{when}<br>{plotly_text(agency)}"
        f"<br><i>{plotly_text(_quote(sentences.get(fid, '')))}</i><br>{plotly_text(publisher)}"
        + (f"<br>{carried}" if carried else "")
        for words, category, scope, when, agency, fid, publisher, carried in zip(
            stated_all(points), points["category"], points["scope"], _when(points),
            points["agency"], points["figure_id"], points["publisher"], carried_by(points),
            strict=True)
    ]
    value = points["value"].to_numpy(dtype=float)
    return {
        "x": np.datetime_as_string(middle.to_numpy(), unit="m"),
        "y": points["value"].to_numpy(),
        "width": (width.dt.total_seconds() * 1000).to_numpy(),
        "modifier": fill.to_numpy(dtype=object),
        "customdata": points["figure_id"].to_numpy(dtype=object),
        "hovertext": np.array(hover, dtype=object),
        "upper": _whisker(points["high"].to_numpy(dtype=float, na_value=np.nan) - value),
        "lower": _whisker(value - points["low"].to_numpy(dtype=float, na_value=np.nan)),
    }


def carried_by(points: pd.DataFrame) -> list[str]:
    """How many documents and independent publishers carried each point's claim, in words
    ("carried by 5 documents, 3 independent publishers"); "" where the table does not say."""
    if "documents" not in points:
        return [""] * len(points)
    return ["" if pd.isna(docs) else
            f"carried by {_plural(docs, 'document')}, "
            f"{_plural(independent, 'independent publisher')}"
            for docs, independent in zip(points["documents"],
                                         points["independent_publishers"].fillna(0), strict=True)]


def _plural(n, noun: str) -> str:
    return f"{int(n):,} {noun}{'' if n == 1 else 's'}"


def _whisker(lengths: np.ndarray) -> np.ndarray:
    """Error bar lengths: none where the bound is unknown or on the wrong side."""
    return np.nan_to_num(np.clip(lengths, 0, None), nan=0.0)


def _when(points: pd.DataFrame) -> list[str]:
    """The dates of each point in words: when it was stated, and when what it counts
    happened where that is not the point's own place on the chart."""
    texts = []
    for mark, scope, x, x_end, event, report, day in zip(
            points["mark"], points["scope"], points["x"], points["x_end"], points["event_date"],
            points["report_date"], points["day"], strict=True):
        stated_on = f"reported on {report:%d %b %Y}" if pd.notna(report) else (
            f"published on {day:%d %b %Y}")
        if mark == "bar":
            texts.append(f"{x:%d %b %Y} to {x_end:%d %b %Y}; {stated_on}")
        elif mark == "line":
            texts.append(stated_on)
        elif scope == "period":
            texts.append(f"period without dates; {stated_on}")
        elif pd.notna(event):
            texts.append(f"happened on {event:%d %b %Y}; {stated_on}")
        else:
            texts.append(f"event date unknown; {stated_on}")
    return texts


def _line_style(kind: str, style: AgencyStyle, scope: str) -> dict:
    """An agency's running totals or stocks: a step line, dashed by scope, with its
    markers."""
    return {"type": kind, "mode": "lines+markers",
            "marker": {"size": 7, "symbol": style.symbol, "color": style.colour},
            "line": {"shape": "hv", "color": style.colour, "dash": LINE_DASH[scope]}}


def _marker_style(kind: str, style: AgencyStyle, _scope: str) -> dict:
    """Incidents, background figures or undated periods: markers (their symbols per point)."""
    return {"type": kind, "mode": "markers",
            "marker": {"size": 9, "color": style.colour,
                       "line": {"color": style.colour, "width": 1.5}}}


def _bar_style(_kind: str, style: AgencyStyle, _scope: str) -> dict:
    """Period figures: bars from the first day of their period to the end of its last."""
    return {"type": "bar", "marker": {"color": style.colour, "opacity": 0.45,
                                      "pattern": {"shape": style.pattern},
                                      "line": {"color": style.colour, "width": 1}}}


COMMON_COLUMNS = {"x", "y", "customdata", "hovertext", "upper", "lower"}
TRACE_COLUMNS = {"line": COMMON_COLUMNS, "marker": COMMON_COLUMNS | {"modifier"},
                 "bar": COMMON_COLUMNS | {"width"}}
TRACE_STYLES = {"line": _line_style, "marker": _marker_style, "bar": _bar_style}


def _quote(sentence: str, limit: int = 160) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
