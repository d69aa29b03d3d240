"""Places on the page: the Place, Country and Admin-1 area filters live in the URL (an old
URL's `location` still chooses the place), offer what the store holds with counts, and
narrow the charts' table and the CSV download alike."""

import datetime as dt

import pytest

from dashboard.app import create_app
from dashboard.callbacks import filter_options, map_for, query_string, view_from_search
from dashboard.data import StoreData, View
from pipeline.store import open_store

from ..pipeline.test_columns import STORES, postgres_schema_url
from ..rows import MOPTI, NORTH_DARFUR, TRIPOLI, a_document, a_figure
from .dash_client import (
    SYNC_OUTPUTS,
    changed_input,
    download_rows,
    downloaded,
    post_callback,
    sync_inputs,
)

BENGHAZI = TRIPOLI | dict(place="Benghazi", place_name="Benghazi", admin1="Benghazi",
                          admin1_code="LY-BA", lat=32.1167, lon=20.0667)
# Tripoli in Lebanon: the same words as Libya's capital, another country
TRIPOLI_LEBANON = dict(place="Tripoli", place_name="Tripoli", admin1="North",
                       admin1_code="LB-AS", country="Lebanon", country_code="LBN", lat=34.4367,
                       lon=35.8497, geo_precision=1)


def placed_store(tmp_path) -> str:
    """One report: 12 killed in Tripoli (Libya), 30 in Tripoli (Lebanon) the same day by the
    same ministry, 4 in Benghazi, 340 in North Darfur, 7 in Mopti and 5 at no place."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = open_store(url)
    store.write([(a_document(), [
        a_figure("1" * 16, 12, **TRIPOLI),
        a_figure("2" * 16, 30, start=5, end=7, **TRIPOLI_LEBANON),
        a_figure("3" * 16, 4, start=10, end=11, **BENGHAZI),
        a_figure("4" * 16, 340, start=20, end=23, **NORTH_DARFUR),
        a_figure("5" * 16, 7, start=30, end=31, **MOPTI),
        a_figure("6" * 16, 5, start=40, end=41),
    ])])
    store.engine.dispose()
    return url


def loaded(tmp_path) -> StoreData:
    data = StoreData(placed_store(tmp_path))
    data.refresh_if_changed()
    return data


def test_place_country_and_admin1_round_trip_through_the_url():
    search = query_string({"f-place": ["Tripoli"], "f-country": ["LBY", "SDN"],
                           "f-admin1": ["LY-TB"]}, None, None, [])
    assert search == "?place=Tripoli&country=LBY&country=SDN&admin1=LY-TB"
    assert view_from_search(search) == View(places=("Tripoli",), countries=("LBY", "SDN"),
                                            admin1s=("LY-TB",))


def test_an_old_url_with_a_location_chooses_the_place(tmp_path):
    assert view_from_search("?location=Besk&scope=toll") == View(places=("Besk",),
                                                                  scopes=("toll",))
    assert view_from_search("?place=Ado&location=Besk") == View(places=("Ado",))
    client = create_app(placed_store(tmp_path)).server.test_client()
    inputs = sync_inputs("?location=Mopti")
    read = post_callback(client, SYNC_OUTPUTS, inputs, changed=0).get_json()["response"]
    assert read["f-place"]["value"] == ["Mopti"]
    # the filter written back to the URL uses the new key
    inputs = [(i, p, ["Mopti"] if i == "f-place" else v) for i, p, v in inputs]
    written = post_callback(client, SYNC_OUTPUTS, inputs, changed=changed_input("f-place"))
    assert written.get_json()["response"]["url"]["search"] == "?place=Mopti"


def test_country_and_admin1_options_are_codes_shown_by_name_with_counts(tmp_path):
    options = filter_options(loaded(tmp_path))
    assert options["country"] == [
        {"label": "Libya (2)", "value": "LBY"}, {"label": "Lebanon (1)", "value": "LBN"},
        {"label": "Mali (1)", "value": "MLI"}, {"label": "Sudan (1)", "value": "SDN"}]
    assert sorted((o["label"], o["value"]) for o in options["admin1"]) == [
        ("Benghazi, Libya (1)", "LY-BA"), ("Mopti, Mali (1)", "ML-5"),
        ("North Darfur, Sudan (1)", "SD-DN"), ("North, Lebanon (1)", "LB-AS"),
        ("Tripoli, Libya (1)", "LY-TB")]
    assert options["place"][0] == {"label": "Tripoli (2)", "value": "Tripoli"}


def filter_controls(page) -> dict[str, tuple[str, object]]:
    """{control id: (its label, the control)} of every filter of the page."""
    found, stack = {}, [page]
    while stack:
        component = stack.pop()
        children = getattr(component, "children", None)
        if getattr(component, "className", None) == "filter":
            label, control = children
            found[control.id] = (label.children, control)
        elif isinstance(children, list):
            stack += children
        elif children is not None and not isinstance(children, str):
            stack.append(children)
    return found


def test_the_page_has_the_place_country_and_admin1_filters(tmp_path):
    controls = filter_controls(create_app(placed_store(tmp_path)).layout())
    assert {f: controls[f][0] for f in ("f-place", "f-country", "f-admin1")} == {
        "f-place": "Place", "f-country": "Country", "f-admin1": "Admin-1 area"}
    assert "f-location" not in controls
    assert {"label": "Sudan (1)", "value": "SDN"} in controls["f-country"][1].options
    assert {"label": "Tripoli, Libya (1)", "value": "LY-TB"} in controls["f-admin1"][1].options


def test_filters_narrow_the_figures_the_charts_and_the_download_alike(tmp_path):
    data = loaded(tmp_path)
    views = {View(countries=("LBY",)): {"1" * 16, "3" * 16},
             View(countries=("LBN",)): {"2" * 16},
             View(admin1s=("LY-TB", "ML-5")): {"1" * 16, "5" * 16},
             View(countries=("LBY",), admin1s=("SD-DN",)): set(),
             View(places=("Tripoli",)): {"1" * 16, "2" * 16},
             View(places=("Tripoli",), countries=("LBN",)): {"2" * 16}}
    for view, expected in views.items():
        assert set(data.figure_rows(view)["figure_id"]) == expected, view
        # Tripoli in Libya and in Lebanon are two groups of the charts' summary: each
        # filter keeps or drops them whole
        assert set(data.filtered(view)["figure_id"]) == expected, view
        assert set(downloaded(data, view)["figure_id"]) == expected, view


def test_download_with_a_country_filter_holds_its_places(tmp_path):
    client = create_app(placed_store(tmp_path)).server.test_client()
    rows = download_rows(client, "?country=LBY&country=MLI")
    assert sorted((r["place_name"], r["admin1_code"], r["country"], r["lon"]) for r in rows) == [
        ("Benghazi", "LY-BA", "Libya", "20.0667"), ("Mopti", "ML-5", "Mali", "-4.1827"),
        ("Tripoli", "LY-TB", "Libya", "13.1913")]


def test_the_summary_has_float_coordinates_even_when_nothing_is_placed(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = open_store(url)
    store.write([(a_document(), [a_figure("1" * 16, 12)])])
    store.engine.dispose()
    data = StoreData(url)
    data.refresh_if_changed()
    frame = data.filtered(View())
    assert len(frame) == 1
    assert (str(frame.lat.dtype), str(frame.lon.dtype), str(frame.geo_precision.dtype)) == (
        "float64", "float64", "Int64")
    assert filter_options(data)["country"] == [] and filter_options(data)["admin1"] == []


def test_a_clicked_map_points_figures_are_all_of_its_figures_newest_first(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = open_store(url)
    days = range(1, 6)
    store.write([(a_document(key=f"w:{day}", doc_id=f"{day:016d}", content_hash=str(day)),
                  [a_figure(f"{day:016d}", 2, doc_id=f"{day:016d}", scope="incident",
                            report_date=dt.date(2026, 3, day), **TRIPOLI)]) for day in days]
                + [(a_document(key="w:x", doc_id="9" * 16, content_hash="x"),
                    [a_figure("9" * 16, 3, doc_id="9" * 16, scope="incident", **MOPTI)])])
    # a second figure of the 5 March group, smaller: in the point, not its largest
    store.write([(a_document(key="w:5b", doc_id="8" * 16, content_hash="5b"),
                  [a_figure("8" * 16, 1, doc_id="8" * 16, scope="incident",
                            report_date=dt.date(2026, 3, 5), **TRIPOLI)])])
    store.engine.dispose()
    data = StoreData(url)
    data.connect()
    newest = [f"{day:016d}" for day in reversed(days)]
    assert data.place_figure_ids(View(), newest[0], 10) == (
        [newest[0], "8" * 16, *newest[1:]], 6)
    assert data.place_figure_ids(View(), newest[-1], 2) == (newest[:2], 6)
    assert data.place_figure_ids(View(start=dt.date(2026, 3, 4)), newest[0], 10) == (
        [newest[0], "8" * 16, newest[1]], 3)
    assert data.place_figure_ids(View(), "9" * 16, 10) == (["9" * 16], 1)
    assert data.place_figure_ids(View(), "gone", 10) == ([], 0)


@pytest.fixture(params=STORES)
def undated_point_url(request, tmp_path) -> str:
    """Three figures in Tripoli on 1, 2 and 3 March and one undated (no report date, no
    publication date), each its own group; SQLite or PostgreSQL."""
    url = (f"sqlite:///{tmp_path / 'store.sqlite'}" if request.param == "sqlite"
           else postgres_schema_url("places_undated_point"))
    store = open_store(url)
    store.write([(a_document(key=f"w:{day}", doc_id=f"{day:016d}", content_hash=str(day),
                             published=dt.date(2026, 3, day) if day else None),
                  [a_figure(f"{day:016d}", 2, doc_id=f"{day:016d}", scope="incident",
                            report_date=dt.date(2026, 3, day) if day else None, **TRIPOLI)])
                 for day in (0, 1, 2, 3)], now=dt.datetime(2026, 3, 9, 8))
    store.engine.dispose()
    return url


def test_a_clicked_points_figures_list_the_undated_last_on_both_stores(undated_point_url):
    data = StoreData(undated_point_url)
    data.connect()
    newest = [f"{day:016d}" for day in (3, 2, 1, 0)]
    assert data.place_figure_ids(View(), newest[0], 10) == (newest, 4)
    assert data.place_figure_ids(View(), newest[0], 2) == (newest[:2], 4)
    as_of = View(as_of=dt.datetime(2026, 3, 9, 9))
    assert data.place_figure_ids(as_of, newest[0], 3) == (newest[:3], 4)


def test_the_map_as_of_a_time_before_any_figure_says_the_store_held_none(tmp_path):
    app = create_app(placed_store(tmp_path))
    figure, summary = map_for(app.store_data, "?as_of=2026-01-01", "/geodata/world_110m.geojson")
    assert [a.text for a in figure.layout.annotations] == ["The store holds no figures yet."]
    assert summary == "The chart shows no figures."
    now, summary = map_for(app.store_data, "", "/geodata/world_110m.geojson")
    assert summary.startswith("Map of ") and " by place: " in summary
    assert now.data and "The store holds no figures yet." not in [
        a.text for a in now.layout.annotations]
