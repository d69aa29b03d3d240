"""Chart builders are pure: a table of figures in, a plotly figure or card data out."""

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts


def table(rows):
    frame = pd.DataFrame(rows, columns=["figure_id", "category", "value", "low", "high",
                                        "qualifier", "subset", "agency", "publisher", "day"])
    frame["day"] = pd.to_datetime(frame["day"])
    for column in ("low", "high"):
        frame[column] = frame[column].astype("Int64")
    return frame


ROWS = [
    ("a", "killed", 100, 100, 100, "exact", False, "WHO", "Wire", "2026-03-01"),
    ("b", "killed", 150, 150, None, "at_least", False, "WHO", "Wire", "2026-03-08"),
    ("c", "killed", 210, 210, 210, "exact", False, "Ministry", "Post", "2026-03-07"),
    ("d", "killed", 12, 12, 12, "exact", True, "Ministry", "Post", "2026-03-07"),
    ("e", "wounded", 10, 10, 15, "range", False, "MSF", "Post", "2026-03-05"),
]


def test_timeseries_has_a_step_line_per_agency_and_category():
    fig = charts.timeseries(table(ROWS), {"b": "WHO said at least 150 were killed."})
    names = sorted(t.name for t in fig.data)
    assert names == ["MSF – wounded", "Ministry – killed", "WHO – killed"]
    who = next(t for t in fig.data if t.name == "WHO – killed")
    assert isinstance(who, go.Scatter) and who.line.shape == "hv"
    assert list(who.y) == [100, 150] and list(who.customdata) == ["a", "b"]
    assert "at least 150" in who.hovertext[1] and "WHO said at least 150" in who.hovertext[1]
    assert "Wire" in who.hovertext[1]
    msf = next(t for t in fig.data if t.name == "MSF – wounded")
    assert list(msf.error_y.array) == [5] and list(msf.error_y.arrayminus) == [0]
    assert [a.text for a in fig.layout.annotations] == ["killed", "wounded"]


def test_timeseries_uses_webgl_for_many_points():
    rows = [(f"f{i}", "killed", i, i, i, "exact", False, f"agency {i % 5}", "Wire",
             pd.Timestamp("2026-01-01") + pd.Timedelta(days=i)) for i in range(1500)]
    fig = charts.timeseries(table(rows))
    assert all(isinstance(t, go.Scattergl) for t in fig.data)


def test_agency_comparison_shows_each_agencys_latest_figure():
    fig = charts.agency_comparison(table(ROWS), "killed")
    (bars,) = fig.data
    assert list(bars.y) == ["WHO", "Ministry"] and list(bars.x) == [150, 210]
    assert "at least 150" in bars.text[0]


def test_headline_cards_latest_figure_and_spread():
    cards = charts.headline_cards(table(ROWS))
    killed = next(c for c in cards if c["category"] == "killed")
    assert (killed["figure"], killed["agency"], killed["agencies"], killed["spread"]) == (
        "at least 150", "WHO", 2, (150, 210))
    wounded = next(c for c in cards if c["category"] == "wounded")
    assert wounded["figure"] == "10–15"


def test_empty_tables_say_so():
    empty = table([])
    assert charts.timeseries(empty).layout.annotations[0].text == "No figures match these filters."
    assert "No killed figures" in charts.agency_comparison(empty, "killed").layout.annotations[0].text
    assert charts.headline_cards(empty) == []
