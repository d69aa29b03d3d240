"""Map builders are pure: a table of figures in, the map's points and a plotly figure out,
drawn on the bundled country outlines with no network request."""

import importlib.util
import json

import pandas as pd
import pytest

from dashboard import maps
from dashboard.charts import CATEGORY_COLOURS

from ..pipeline.conftest import ROOT

SIRTE = {"place": "Sirte", "place_name": "Sirte", "admin1": "Surt", "admin1_code": "LY-SR",
         "country": "Libya", "country_code": "LBY", "lat": 31.21, "lon": 16.59, "geo_precision": 1}
ALEPPO = {"place": "Aleppo city", "place_name": "Aleppo", "admin1": "Aleppo",
          "admin1_code": "SY-HL", "country": "Syria", "country_code": "SYR", "lat": 36.2,
          "lon": 37.16, "geo_precision": 1}
LIBYA = {"place": "Libya", "place_name": "Libya", "admin1": None, "admin1_code": None,
         "country": "Libya", "country_code": "LBY", "lat": 26.34, "lon": 17.27, "geo_precision": 4}
NOWHERE = {"place": "the border area", "place_name": None, "admin1": None, "admin1_code": None,
           "country": None, "country_code": None, "lat": None, "lon": None, "geo_precision": None}
HOSTILE = "<img src=x onerror=alert(1)>"


def a_figure(figure_id, value, scope, place=SIRTE, category="killed", report_date="2026-03-01",
             agency="WHO", event_date=None, **fields):
    """One row of the tidy table with its place columns."""
    return {"figure_id": figure_id, "category": category, "value": value, "scope": scope,
            "report_date": report_date, "event_date": event_date, "agency": agency,
            **place, **fields}


def frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def point(points: pd.DataFrame, place_name: str, category: str = "killed") -> pd.Series:
    """The one point of a place and category."""
    found = points[(points["place_name"] == place_name) & (points["category"] == category)]
    assert len(found) == 1, found
    return found.iloc[0]


# --- aggregation ---------------------------------------------------------------------


def test_incident_figures_at_one_place_add_up():
    points = maps.map_points(frame(
        a_figure("a", 12, "incident", event_date="2026-03-01"),
        a_figure("b", 5, "incident", event_date="2026-03-03", agency="Ministry",
                 report_date="2026-03-04"),
        a_figure("c", 3, "incident"),  # no event date: counts too
    ))
    sirte = point(points, "Sirte")
    assert (sirte["value"], sirte["basis"], sirte["counted"], sirte["figures"]) == (
        20, "incidents", 3, 3)
    assert sirte["latest"] == pd.Timestamp("2026-03-04")
    assert set(sirte["figure_ids"]) == {"a", "b", "c"}


def test_an_incident_restated_by_several_reports_counts_once():
    points = maps.map_points(frame(
        a_figure("a", 12, "incident", event_date="2026-03-01"),
        a_figure("b", 12, "incident", event_date="2026-03-01", agency="Ministry",
                 report_date="2026-03-02"),
        a_figure("c", 4, "incident", event_date="2026-03-01"),
    ))
    sirte = point(points, "Sirte")
    assert (sirte["value"], sirte["counted"], sirte["figures"]) == (16, 2, 3)
    assert sirte["figure_ids"][0] == "b"  # newest first, and every figure is evidence


def test_an_incident_whose_reports_date_it_a_day_apart_counts_once_as_one_claim():
    points = maps.map_points(frame(
        a_figure("a", 12, "incident", event_date="2026-03-01", claim_id="c1"),
        a_figure("b", 12, "incident", event_date="2026-03-02", report_date="2026-03-02",
                 claim_id="c1"),
        a_figure("c", 12, "incident", event_date="2026-03-09", claim_id="c2"),
    ))
    sirte = point(points, "Sirte")
    assert (sirte["value"], sirte["counted"], sirte["figures"]) == (24, 2, 3)


def test_a_toll_reported_twice_gives_its_latest_value_not_their_sum():
    points = maps.map_points(frame(
        a_figure("a", 120, "toll", report_date="2026-03-01"),
        a_figure("b", 110, "toll", report_date="2026-03-08", agency="Ministry"),  # revised down
        a_figure("c", 115, "toll", report_date="2026-03-05"),
    ))
    sirte = point(points, "Sirte")
    assert (sirte["value"], sirte["basis"], sirte["as_of"]) == (
        110, "toll", pd.Timestamp("2026-03-08"))
    assert sirte["figure_ids"] == ["b", "c", "a"]


def test_the_largest_toll_of_the_latest_day_and_stocks_too():
    points = maps.map_points(frame(
        a_figure("a", 300, "toll", report_date="2026-03-08"),
        a_figure("b", 310, "toll", report_date="2026-03-08", agency="Ministry"),
        a_figure("c", 9000, "stock", category="displaced", report_date="2026-03-01"),
        a_figure("d", 8000, "stock", category="displaced", report_date="2026-03-02"),
    ))
    assert point(points, "Sirte")["value"] == 310
    displaced = point(points, "Sirte", "displaced")
    assert (displaced["value"], displaced["basis"]) == (8000, "stock")


def test_a_toll_at_a_place_is_its_value_even_with_incidents_there():
    points = maps.map_points(frame(
        a_figure("a", 40, "incident", event_date="2026-03-02", report_date="2026-03-09"),
        a_figure("b", 205, "toll", report_date="2026-03-05"),
    ))
    sirte = point(points, "Sirte")
    assert (sirte["value"], sirte["basis"], sirte["figures"]) == (205, "toll", 2)
    assert sirte["latest"] == pd.Timestamp("2026-03-09")
    assert sirte["figure_ids"] == ["a", "b"]


def test_period_or_background_figures_alone_give_their_largest():
    points = maps.map_points(frame(
        a_figure("a", 30, "period"), a_figure("b", 70, "background"), a_figure("c", 9, ""),
    ))
    sirte = point(points, "Sirte")
    assert (sirte["value"], sirte["basis"], sirte["figures"]) == (70, "other", 3)


def test_one_point_per_place_and_category():
    points = maps.map_points(frame(
        a_figure("a", 12, "incident"), a_figure("b", 30, "incident", category="wounded"),
        a_figure("c", 7, "incident", place=ALEPPO), a_figure("d", 900, "toll", place=LIBYA),
    ))
    assert len(points) == 4
    assert list(points["category"]) == ["killed", "killed", "killed", "wounded"]
    assert list(points["value"][:3]) == [900, 12, 7]  # largest first within a category
    libya = point(points, "Libya")
    assert (libya["admin1"], libya["country"], libya["country_code"], libya["geo_precision"]) == (
        "", "Libya", "LBY", 4)
    assert point(points, "Sirte", "wounded")["value"] == 30


def test_figures_without_coordinates_are_left_out_and_counted():
    points = maps.map_points(frame(
        a_figure("a", 12, "incident"), a_figure("b", 5, "incident", place=NOWHERE),
        a_figure("c", 8, "toll", place={**SIRTE, "lat": None}),
    ))
    assert list(points["place_name"]) == ["Sirte"]
    assert point(points, "Sirte")["value"] == 12
    assert points.attrs["unplaced"] == 2
    none = maps.map_points(frame(a_figure("b", 5, "incident", place=NOWHERE)))
    assert none.empty and none.attrs["unplaced"] == 1
    assert list(none.columns) == maps.POINT_COLUMNS


def test_subsets_and_superseded_values_are_left_out():
    points = maps.map_points(frame(
        a_figure("a", 12, "incident", subset=False, superseded=False),
        a_figure("b", 5, "incident", subset=True, superseded=False),
        a_figure("c", 682, "toll", subset=False, superseded=True),
    ))
    sirte = point(points, "Sirte")
    assert (sirte["value"], sirte["basis"], sirte["figure_ids"]) == (12, "incidents", ["a"])


def test_text_columns_as_categories_and_a_day_column_are_read_as_the_light_table_has_them():
    table = frame(a_figure("a", 100, "toll", report_date=None, day="2026-03-09"),
                  a_figure("b", 90, "toll", report_date="2026-03-04", day="2026-03-04"),
                  a_figure("c", 3, "incident", place=LIBYA, day="2026-03-01"))
    for column in ("category", "scope", "agency", "place_name", "admin1", "country",
                   "country_code", "figure_id"):
        table[column] = table[column].astype("category")
    points = maps.map_points(table)
    assert point(points, "Sirte")["value"] == 100  # published later, no report date
    assert point(points, "Libya")["admin1"] == ""


# --- the figure ----------------------------------------------------------------------


def a_map(*rows):
    return maps.map_figure(maps.map_points(frame(*rows)), maps.world_outlines())


def test_the_map_makes_no_network_request_and_carries_the_bundled_outlines():
    fig = a_map(a_figure("a", 12, "incident"), a_figure("b", 5, "incident", place=ALEPPO))
    assert fig.layout.map.style == "white-bg"
    assert "http" not in fig.to_json()  # no tile, style, glyph or sprite url anywhere
    (layer,) = fig.layout.map.layers
    assert (layer.sourcetype, layer.type) == ("geojson", "line")
    assert layer.source["features"] == maps.world_outlines()["features"]
    assert {t.mode for t in fig.data} == {"markers"}  # text would make maplibre fetch glyphs
    assert all(t.type == "scattermap" and t.below == "" for t in fig.data)


def test_one_trace_per_category_sized_by_value_with_the_figure_ids():
    fig = a_map(a_figure("a", 12, "incident"), a_figure("b", 1000, "toll", place=ALEPPO),
                a_figure("c", 30, "incident", category="wounded"),
                a_figure("d", 20, "incident", category="wounded"))
    assert [t.name for t in fig.data] == ["killed", "wounded"]
    killed, wounded = fig.data
    assert killed.marker.color == CATEGORY_COLOURS["killed"]
    assert wounded.marker.color == CATEGORY_COLOURS["wounded"]
    assert list(killed.marker.size) == [1000, 12] and list(wounded.marker.size) == [50]
    assert list(killed.lat) == [36.2, 31.21] and list(killed.lon) == [37.16, 16.59]
    for trace in fig.data:  # area-proportional, the largest MAX_SIZE px across
        assert trace.marker.sizemode == "area"
        assert trace.marker.sizeref == pytest.approx(2 * 1000 / maps.MAX_SIZE ** 2)
        assert trace.marker.sizemin == maps.MIN_SIZE
    assert [list(ids) for ids in killed.customdata] == [["b"], ["a"]]
    assert sorted(wounded.customdata[0]) == ["c", "d"]
    assert "Aleppo" in killed.hovertext[0] and "latest toll, reported 01 Mar 2026" in (
        killed.hovertext[0])
    assert "sum of 2 incidents" in wounded.hovertext[0]
    assert "killed: <b>12</b> (one incident)" in killed.hovertext[1]
    assert "placed at town level" in wounded.hovertext[0]


def test_a_point_carries_at_most_max_evidence_figure_ids_the_newest(monkeypatch):
    monkeypatch.setattr(maps, "MAX_EVIDENCE", 2)
    fig = a_map(*(a_figure(f"f{day}", 1, "incident", report_date=f"2026-03-{day:02}")
                  for day in range(1, 6)))
    assert list(fig.data[0].customdata[0]) == ["f5", "f4"]
    assert "5 figures" in fig.data[0].hovertext[0]


def test_every_map_keeps_the_readers_zoom_across_redraws():
    points = a_map(a_figure("a", 12, "incident"))
    empty = a_map(a_figure("a", 12, "incident", place=NOWHERE))
    countries = maps.choropleth_figure(frame(a_figure("a", 900, "toll", place=LIBYA)),
                                       maps.world_outlines())
    assert {f.layout.uirevision for f in (points, empty, countries)} == {maps.UIREVISION}


def test_hover_says_how_precisely_a_place_is_known():
    fig = a_map(a_figure("a", 900, "toll", place=LIBYA),
                a_figure("b", 3, "incident", place={**ALEPPO, "geo_precision": None}))
    libya, aleppo = fig.data[0].hovertext
    assert libya.startswith("<b>Libya</b><br>killed") and "placed at country level" in libya
    assert "<b>Aleppo</b><br>Syria<br>" in aleppo and "placed at unknown level" in aleppo


def test_hover_text_from_documents_is_escaped():
    hostile = {**SIRTE, "place_name": HOSTILE, "admin1": "<b>Surt</b>", "country": "Libya & co"}
    fig = a_map(a_figure("a", 12, "incident", place=hostile),
                a_figure("b", 3, "incident", category="<i>killed</i>"))
    text = "".join(fig.data[0].hovertext)
    assert "<img" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;b&gt;Surt&lt;/b&gt;" in text and "Libya &amp; co" in text
    assert fig.data[1].name == "&lt;i&gt;killed&lt;/i&gt;"
    assert "<i>" not in "".join(fig.data[1].hovertext)


def test_the_view_fits_the_points():
    one = a_map(a_figure("a", 12, "incident"))
    assert one.layout.map.zoom == maps.MAX_ZOOM
    assert (one.layout.map.center.lat, one.layout.map.center.lon) == pytest.approx((31.21, 16.59))
    both = a_map(a_figure("a", 12, "incident"), a_figure("b", 5, "incident", place=ALEPPO))
    assert 2 < both.layout.map.zoom < maps.MAX_ZOOM
    assert 31.21 < both.layout.map.center.lat < 36.2
    assert both.layout.map.center.lon == pytest.approx((16.59 + 37.16) / 2)
    far = a_map(a_figure("a", 12, "incident"),
                a_figure("b", 5, "incident", place={**ALEPPO, "lat": -33.9, "lon": 151.2}))
    assert far.layout.map.zoom < 2


def test_an_empty_map_says_why_and_counts_figures_without_a_place():
    fig = a_map(a_figure("b", 5, "incident", place=NOWHERE),
                a_figure("c", 5, "incident", place=NOWHERE))
    assert fig.layout.map.style == "white-bg" and len(fig.layout.map.layers) == 1
    assert len(fig.data) == 1 and len(fig.data[0].lat) == 0 and not fig.data[0].showlegend
    (note,) = fig.layout.annotations
    assert note.text == "No figures with a place match these filters. 2 figures without a " \
                        "place not shown."
    assert "http" not in fig.to_json()
    nothing = maps.map_figure(maps.map_points(frame(a_figure("a", 1, "toll")).iloc[:0]),
                              maps.world_outlines())
    assert nothing.layout.annotations[0].text == "No figures with a place match these filters."


def test_a_map_with_points_says_how_many_figures_have_no_place():
    fig = a_map(a_figure("a", 12, "incident"), a_figure("b", 5, "incident", place=NOWHERE))
    assert [a.text for a in fig.layout.annotations] == ["1 figure without a place not shown."]
    assert not a_map(a_figure("a", 12, "incident")).layout.annotations


# --- the bundled outlines ------------------------------------------------------------


def test_the_outlines_are_natural_earths_countries_with_iso_codes():
    outlines = maps.world_outlines()
    assert outlines["type"] == "FeatureCollection"
    features = outlines["features"]
    assert len(features) == 176  # Natural Earth's 177 but Antarctica
    assert "Antarctica" not in {f["properties"]["name"] for f in features}
    by_name = {f["properties"]["name"]: f for f in features}
    codes = {name: f["properties"]["iso_a3"] for name, f in by_name.items()}
    # the documented exceptions (dashboard/geodata/README.md): no ISO code in Natural Earth
    assert {n for n, f in by_name.items() if "id" not in f} == {"Kosovo", "N. Cyprus", "Somaliland"}
    assert (codes["Kosovo"], codes["N. Cyprus"], codes["Somaliland"]) == ("XKX", None, None)
    rest = [c for n, c in codes.items() if n not in ("N. Cyprus", "Somaliland")]
    assert all(isinstance(c, str) and len(c) == 3 and c.isupper() for c in rest)
    assert len(set(rest)) == len(rest)
    assert (codes["Libya"], by_name["Libya"]["id"]) == ("LBY", "434")
    assert (codes["Syria"], by_name["Syria"]["id"]) == ("SYR", "760")


def test_no_outline_edge_runs_across_the_whole_map():
    # rings across the 180th meridian (Russia, Fiji) carry on past it instead of jumping
    # back, which would draw a line from one side of the map to the other
    rings = [ring for f in maps.world_outlines()["features"]
             for polygon in (f["geometry"]["coordinates"] if f["geometry"]["type"] == "MultiPolygon"
                             else [f["geometry"]["coordinates"]])
             for ring in polygon]
    assert all(abs(a[0] - b[0]) < 180 for ring in rings
               for a, b in zip(ring, ring[1:], strict=False))
    assert all(ring[0] == ring[-1] for ring in rings)
    russia = next(f for f in maps.world_outlines()["features"] if f["properties"]["iso_a3"] == "RUS")
    assert max(x for polygon in russia["geometry"]["coordinates"] for ring in polygon
               for x, _ in ring) > 180  # Chukotka, east of the meridian


def test_the_outlines_are_decoded_right_and_small():
    path = maps.OUTLINES
    assert path.stat().st_size < 300_000
    assert "http" not in path.read_text(encoding="utf-8")
    libya = next(f for f in maps.world_outlines()["features"] if f.get("id") == "434")
    ((ring,),) = [libya["geometry"]["coordinates"]]
    lons, lats = [x for x, _ in ring], [y for _, y in ring]
    assert 9 < min(lons) < 10 and 25 < max(lons) < 25.5  # Libya spans 9.3-25.2 E
    assert 19 < min(lats) < 20 and 33 < max(lats) < 33.3  # and 19.5-33.2 N
    assert ring[0] == ring[-1]


def test_missing_outlines_are_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(maps, "OUTLINES", tmp_path / "world_110m.geojson")
    maps.world_outlines.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="country outlines are missing"):
            maps.world_outlines()
    finally:
        maps.world_outlines.cache_clear()


def load_script():
    spec = importlib.util.spec_from_file_location("world_geojson",
                                                  ROOT / "scripts" / "world_geojson.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_conversion_decodes_delta_arcs_and_reverses_negative_indices():
    script = load_script()
    topology = {
        "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
        # arc 0: (0,0) -> (4,0) -> (4,4); arc 1: (0,0) -> (0,4) -> (4,4)
        "arcs": [[[0, 0], [4, 0], [0, 4]], [[0, 0], [0, 4], [4, 0]]],
    }
    arcs = script.decode_arcs(topology)
    assert arcs[0] == [(10, 20), (12, 20), (12, 21)]
    # arc 0 then arc 1 reversed (~1): a closed square, its shared end point kept once
    assert script.ring([0, ~1], arcs) == [[10, 20], [12, 20], [12, 21], [10, 21], [10, 20]]
    geometry = {"type": "Polygon", "arcs": [[1, ~0]], "id": "434", "properties": {"name": "X"}}
    feature = script.feature(geometry, arcs)  # wound counter-clockwise whatever the arcs say
    assert feature["id"] == "434" and feature["properties"] == {"name": "X", "iso_a3": "LBY"}
    assert script.signed_area(feature["geometry"]["coordinates"][0]) > 0
    json.dumps(feature)


# --- the choropleth ------------------------------------------------------------------


def test_each_country_is_coloured_by_its_latest_country_wide_toll():
    table = frame(
        a_figure("a", 900, "toll", place=LIBYA, report_date="2026-03-01"),
        a_figure("b", 950, "toll", place=LIBYA, report_date="2026-03-08", agency="Ministry"),
        a_figure("c", 5000, "toll"),  # Sirte's toll is not Libya's
        a_figure("d", 40, "incident", place=LIBYA),
        a_figure("e", 70, "toll", place={**ALEPPO, "place_name": "Syria", "admin1": None,
                                         "geo_precision": 4}),
        a_figure("f", 8000, "stock", category="displaced", place=LIBYA),
    )
    tolls = maps.country_tolls(table, "killed")
    assert list(tolls["country_code"]) == ["LBY", "SYR"]
    assert list(tolls["value"]) == [950, 70] and list(tolls["figure_id"]) == ["b", "e"]
    fig = maps.choropleth_figure(table, maps.world_outlines(), "killed")
    (trace,) = fig.data
    assert trace.type == "choroplethmap" and trace.featureidkey == "properties.iso_a3"
    assert list(trace.locations) == ["LBY", "SYR"] and list(trace.z) == [950, 70]
    assert [f["properties"]["iso_a3"] for f in trace.geojson["features"]] == ["LBY", "SYR"]
    assert [list(c) for c in trace.customdata] == [["b"], ["e"]]
    assert "latest toll" in trace.hovertext[0] and "by Ministry" in trace.hovertext[0]
    assert fig.layout.map.style == "white-bg" and len(fig.layout.map.layers) == 1
    assert "http" not in fig.to_json()
    displaced = maps.choropleth_figure(table, maps.world_outlines(), "displaced")
    assert list(displaced.data[0].z) == [8000]


def test_a_choropleth_escapes_document_text_and_says_when_it_is_empty():
    hostile = {**LIBYA, "country": HOSTILE}
    fig = maps.choropleth_figure(frame(a_figure("a", 9, "toll", place=hostile, agency="<b>x</b>")),
                                 maps.world_outlines())
    assert "<img" not in fig.data[0].hovertext[0] and "&lt;b&gt;x&lt;/b&gt;" in (
        fig.data[0].hovertext[0])
    somewhere = {**LIBYA, "country": "Atlantis", "country_code": "ATL"}
    empty = maps.choropleth_figure(frame(a_figure("a", 9, "toll", place=somewhere),
                                         a_figure("b", 9, "incident", place=LIBYA)),
                                   maps.world_outlines())
    assert [a.text for a in empty.layout.annotations] == [
        "No country-wide killed toll or stock matches these filters. 1 country not on the "
        "outlines."]
    assert empty.layout.map.style == "white-bg" and "http" not in empty.to_json()
