"""The chart by date at many agencies: each agency's fixed colour, the agencies shown and
the count line, the log scale, the chart's CSV and its state in the URL."""

import csv
import datetime as dt
import io

import pandas as pd
import plotly.graph_objects as go

from dashboard import by_date, charts
from dashboard.agency_style import PALETTE, SYMBOLS, agency_colour, agency_styles
from dashboard.app import create_app

from .dash_client import SYNC_OUTPUTS, changed_input, post_callback, sync_inputs
from .tables import a_row, table

AGENCIES = [f"Agency {i:03d}" for i in range(120)]


def many_agencies() -> pd.DataFrame:
    """120 agencies, agency i with i % 7 + 1 tolls (so the ones with most points are
    known), in two categories."""
    rows = [a_row(f"f{i}-{k}", 10 * i + k + 1, "toll", agency=agency,
                  category="killed" if i % 2 else "wounded",
                  report_date=dt.date(2026, 1, 1) + dt.timedelta(days=k))
            for i, agency in enumerate(AGENCIES) for k in range(i % 7 + 1)]
    return table(*rows)


def looks(fig: go.Figure) -> dict[str, set[tuple[str, str]]]:
    """Each agency's (colour, marker symbol) pairs on a chart."""
    found: dict[str, set] = {}
    for trace in fig.data:
        symbols = trace.marker.symbol
        for symbol in ([symbols] if isinstance(symbols, str) else symbols):
            found.setdefault(trace.name, set()).add((trace.marker.color, symbol))
    return found


def test_an_agency_has_one_colour_whatever_the_filter():
    points = charts.by_date_points(many_agencies())
    everything = charts.timeseries(points, chosen=AGENCIES)
    killed = charts.timeseries(points[points["category"] == "killed"], chosen=AGENCIES[:40])
    default = charts.timeseries(points)
    colours = {t.name: t.line.color for t in everything.data}
    assert len(colours) == 120 and set(colours.values()) <= set(PALETTE)
    for fig in (killed, default):
        for trace in fig.data:
            assert trace.line.color == trace.marker.color == colours[trace.name]
            assert trace.line.color == agency_colour(trace.name)  # the name alone decides
    assert {t.name for t in killed.data} == {a for a in AGENCIES[:40] if int(a[-3:]) % 2}


def test_no_two_agencies_of_a_chart_share_colour_and_marker():
    points = charts.by_date_points(many_agencies())
    for chosen in (AGENCIES, AGENCIES[10:50], ()):
        found = looks(charts.timeseries(points, chosen=chosen))
        pairs = [pair for agency_pairs in found.values() for pair in agency_pairs]
        assert all(len(p) == 1 for p in found.values())  # one look per agency...
        assert len(set(pairs)) == len(pairs)  # ...and no two alike
    # nine colours: a dozen agencies share some, told apart by the marker
    styles = agency_styles(AGENCIES[:12])
    assert len({s.colour for s in styles.values()}) < 12
    assert len({(s.colour, s.symbol) for s in styles.values()}) == 12
    assert styles["Agency 000"].symbol == SYMBOLS[0]


def test_the_chart_shows_the_twelve_agencies_with_most_points_and_says_so():
    points = charts.by_date_points(many_agencies())
    fig = charts.timeseries(points)
    most = [a for a in AGENCIES if int(a[-3:]) % 7 == 6][:12]  # 7 points each, ties by name
    assert sorted({t.name for t in fig.data}) == most
    assert fig.layout.meta["shown"] == (
        "12 of 120 agencies shown: the 12 with most points (claims) under these filters. "
        "Choose others in \u201cAgencies shown\u201d.")
    assert sorted(t.name for t in fig.data if t.showlegend) == most  # one legend entry each
    assert fig.layout.legend.orientation == "h"  # below the chart
    chosen = charts.timeseries(points, chosen=["Agency 003", "Nobody"])
    assert {t.name for t in chosen.data} == {"Agency 003"}
    assert chosen.layout.meta["shown"].startswith("1 of 120 agencies shown, as chosen")
    none = charts.timeseries(points, chosen=["Nobody"])
    assert not none.data and none.layout.meta["shown"].startswith("0 of 120 agencies shown")
    assert charts.shown_line(5, 5, False) == "All 5 agencies shown."


def test_log_scale_sets_every_value_axis():
    fig = charts.timeseries(charts.by_date_points(many_agencies()), log=True)
    axes = [k for k in fig.layout.to_plotly_json() if k.startswith("yaxis")]
    assert len(axes) == 2 and all(fig.layout[a].type == "log" for a in axes)
    linear = charts.timeseries(charts.by_date_points(many_agencies()))
    assert linear.layout.yaxis.type in (None, "-", "linear")


def test_chart_csv_holds_the_plotted_points_made_safe():
    frame = table(
        a_row("a", 100, "toll", agency="=HYPERLINK(\"http://x\")", report_date=dt.date(2026, 3, 1)),
        a_row("b", 150, "toll", agency="=HYPERLINK(\"http://x\")", report_date=dt.date(2026, 3, 8),
              qualifier="at_least"),
        a_row("c", 12, "incident", agency="WHO", report_date=dt.date(2026, 3, 9),
              event_date=dt.date(2026, 3, 5), publisher="+Post"),
        a_row("d", 30, "period", agency="OCHA", report_date=dt.date(2026, 3, 9),
              period_start=dt.date(2026, 3, 2), period_end=dt.date(2026, 3, 8)),
    )
    points = charts.by_date_points(frame)
    shown = by_date.chart_points(points, by_date.ChartView(agencies=("WHO", "=HYPERLINK(\"http://x\")")))
    text = by_date.chart_csv(shown)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == by_date.CSV_COLUMNS
    assert [(r["agency"], r["date"], r["figure"], r["scope"]) for r in rows] == [
        ("'=HYPERLINK(\"http://x\")", "2026-03-01", "100", "toll"),
        ("'=HYPERLINK(\"http://x\")", "2026-03-08", "at least 150", "toll"),
        ("WHO", "2026-03-05", "12", "incident"),
    ]
    assert rows[2]["publisher"] == "'+Post" and rows[2]["report_date"] == "2026-03-09"
    plotted = charts.timeseries(points, chosen=("WHO", "=HYPERLINK(\"http://x\")"))
    assert sorted(y for t in plotted.data for y in t.y) == sorted(int(r["value"]) for r in rows)
    everything = list(csv.DictReader(io.StringIO(by_date.chart_csv(
        by_date.chart_points(points, by_date.ChartView())), newline="")))
    (bar,) = [r for r in everything if r["agency"] == "OCHA"]
    assert (bar["date"], bar["date_end"], bar["scope"]) == ("2026-03-02", "2026-03-08", "period")
    assert by_date.chart_csv(points.iloc[:0]) == ",".join(by_date.CSV_COLUMNS) + "\r\n"


def test_the_chart_state_round_trips_through_the_url():
    chart = by_date.ChartView(agencies=("WHO", "A & B"), log=True)
    search = by_date.with_chart_view("?category=killed&tab=table", chart)
    assert search == "?category=killed&tab=table&shown=WHO&shown=A+%26+B&scale=log"
    assert by_date.chart_view_from_search(search) == chart
    assert by_date.chart_view_from_search("?scale=linear") == by_date.ChartView()
    assert by_date.with_chart_view(search, by_date.ChartView()) == "?category=killed&tab=table"
    assert by_date.keep_chart_view("?agency=WHO", search) == (
        "?agency=WHO&shown=WHO&shown=A+%26+B&scale=log")


def test_a_filter_change_keeps_the_chart_state_in_the_url(sample_store):
    app = create_app(sample_store)
    client = app.server.test_client()
    inputs = sync_inputs("?shown=WHO&scale=log", values={"f-category": ["killed"]})
    written = post_callback(client, SYNC_OUTPUTS, inputs, changed=changed_input("f-category"))
    assert written.get_json()["response"]["url"]["search"] == (
        "?category=killed&shown=WHO&scale=log")
    # the chart's own callback writes the URL too: its output is named apart
    (key,) = [k for k in app.callback_map if k.startswith("..url.") and "chart-agencies" in k]
    url_output = key.split("...")[0].removeprefix("..url.")
    read = post_callback(client, [("url", url_output), ("chart-agencies", "value"),
                                  ("chart-scale", "value")],
                         [("url", "search", "?category=killed&shown=WHO&scale=log"),
                          ("chart-agencies", "value", []), ("chart-scale", "value", [])])
    response = read.get_json()["response"]
    assert response["chart-agencies"]["value"] == ["WHO"]
    assert response["chart-scale"]["value"] == ["log"]
