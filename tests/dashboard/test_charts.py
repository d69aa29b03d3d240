"""Chart builders are pure: a table of figures in, a plotly figure out."""

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts

from .tables import a_row, table

MARCH = {d: dt.date(2026, 3, d) for d in range(1, 32)}
TOLLS = [
    a_row("a", 100, "toll", agency="WHO", report_date=MARCH[1]),
    a_row("b", 150, "toll", agency="WHO", report_date=MARCH[8], qualifier="at_least", high=None),
    a_row("c", 210, "toll", agency="Ministry", publisher="Post", report_date=MARCH[7]),
    a_row("d", 12, "toll", agency="Ministry", report_date=MARCH[7], subset=True),
    a_row("e", 10, "stock", category="wounded", agency="MSF", report_date=MARCH[5], high=15,
          qualifier="range"),
]


def chart(frame: pd.DataFrame, sentences: dict[str, str] | None = None) -> go.Figure:
    """The chart by date of a table, as the page draws it."""
    return charts.timeseries(charts.by_date_points(frame), sentences)


def panels(fig: go.Figure) -> dict[str, list]:
    """The traces of each panel, by the panel's title."""
    titles = [a.text for a in fig.layout.annotations]
    axis = {("y" if i == 0 else f"y{i + 1}"): t for i, t in enumerate(titles)}
    found = {t: [] for t in titles}
    for trace in fig.data:
        found[axis[trace.yaxis]].append(trace)
    return found


def day(x) -> pd.Timestamp:
    """A date of the chart (an ISO string) or of a test, comparable."""
    return pd.Timestamp(x)


def test_tolls_and_stocks_are_step_lines_per_agency_by_report_date():
    fig = chart(table(*TOLLS), {"b": "WHO said at least 150 were killed."})
    found = panels(fig)
    assert list(found) == ["killed · running totals and stocks, by report date",
                           "wounded · running totals and stocks, by report date"]
    killed = {t.name: t for t in found["killed · running totals and stocks, by report date"]}
    assert sorted(killed) == ["Ministry", "WHO"]
    who = killed["WHO"]
    assert isinstance(who, go.Scatter) and who.line.shape == "hv" and who.line.dash == "solid"
    assert [day(x) for x in who.x] == [day("2026-03-01"), day("2026-03-08")]
    assert list(who.y) == [100, 150] and list(who.customdata) == ["a", "b"]
    assert "<b>at least 150</b> killed · toll<br>reported on 08 Mar 2026" in who.hovertext[1]
    assert "WHO said at least 150" in who.hovertext[1] and "Wire" in who.hovertext[1]
    assert list(killed["Ministry"].y) == [210]  # the subset of 12 is no point of its own
    (msf,) = found["wounded · running totals and stocks, by report date"]
    assert msf.line.dash == "dash" and "wounded · stock" in msf.hovertext[0]
    assert list(msf.error_y.array) == [5] and list(msf.error_y.arrayminus) == [0]
    assert sorted(t.name for t in fig.data if t.showlegend) == ["MSF", "Ministry", "WHO"]


def test_incidents_are_markers_on_their_event_date_apart_from_the_tolls():
    fig = chart(table(
        a_row("t", 300, "toll", agency="WHO", report_date=MARCH[8]),
        a_row("i", 12, "incident", agency="WHO", report_date=MARCH[8], event_date=MARCH[5]),
        a_row("u", 7, "incident", agency="WHO", report_date=MARCH[9]),
        a_row("p", 4, "incident", agency="WHO", report_date=None, published=MARCH[10]),
    ))
    found = panels(fig)
    (line,) = found["killed · running totals and stocks, by report date"]
    assert list(line.y) == [300]
    (dots,) = found["killed · incidents and periods, when they happened"]
    assert dots.mode == "markers" and list(dots.customdata) == ["i", "u", "p"]
    assert [day(x) for x in dots.x] == [day("2026-03-05"), day("2026-03-09"), day("2026-03-10")]
    assert list(dots.marker.symbol) == ["circle", "circle-open", "circle-open"]
    assert "killed · incident<br>happened on 05 Mar 2026; reported on 08 Mar 2026" in dots.hovertext[0]
    assert "event date unknown; reported on 09 Mar 2026" in dots.hovertext[1]
    assert "event date unknown; published on 10 Mar 2026" in dots.hovertext[2]


def test_period_figures_are_bars_spanning_their_period():
    fig = chart(table(
        a_row("w", 30, "period", agency="OCHA", report_date=MARCH[9], period="in the past week",
              period_start=MARCH[2], period_end=MARCH[8]),
        a_row("s", 40, "period", agency="OCHA", report_date=MARCH[9], period="since 4 March",
              period_start=MARCH[4]),
        a_row("n", 9, "period", agency="OCHA", report_date=MARCH[9], period="recently"),
    ))
    bars, undated = panels(fig)["killed · incidents and periods, when they happened"]
    assert isinstance(bars, go.Bar) and list(bars.y) == [30, 40]
    spans = [(day(x) - pd.Timedelta(milliseconds=w / 2), day(x) + pd.Timedelta(milliseconds=w / 2))
             for x, w in zip(bars.x, bars.width, strict=True)]
    # from the first day's start to the last day's end; "since" runs to the report date
    assert spans == [(day("2026-03-02"), day("2026-03-09")), (day("2026-03-04"), day("2026-03-10"))]
    assert "02 Mar 2026 to 08 Mar 2026; reported on 09 Mar 2026" in bars.hovertext[0]
    assert list(undated.marker.symbol) == ["circle-open"] and list(undated.y) == [9]
    assert [day(x) for x in undated.x] == [day("2026-03-09")]
    assert "period without dates; reported on 09 Mar 2026" in undated.hovertext[0]
    assert fig.layout.barmode == "overlay"


def test_unknown_scope_is_a_dotted_line_and_background_a_hollow_marker_with_a_dot():
    fig = chart(table(
        a_row("x", 50, "", agency="WHO", report_date=MARCH[8]),
        a_row("g", 40, "background", agency="WHO", report_date=MARCH[8], event_date=MARCH[1]),
    ))
    found = panels(fig)
    (line,) = found["killed · running totals and stocks, by report date"]
    assert line.line.dash == "dot" and "killed · scope unknown" in line.hovertext[0]
    (background,) = found["killed · incidents and periods, when they happened"]
    assert list(background.marker.symbol) == ["circle-open-dot"]
    assert [day(x) for x in background.x] == [day("2026-03-01")]


def test_timeseries_uses_webgl_for_many_points():
    rows = [a_row(f"f{i}", i + 1, "toll", agency=f"agency {i % 5}",
                  report_date=dt.date(2026, 1, 1) + dt.timedelta(days=i)) for i in range(1500)]
    fig = chart(table(*rows))
    assert all(isinstance(t, go.Scattergl) for t in fig.data)


def test_empty_tables_say_so():
    empty = table()
    assert chart(empty).layout.annotations[0].text == "No figures match these filters."
