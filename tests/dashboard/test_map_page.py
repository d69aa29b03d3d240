"""The map on the page: drawn from the filtered figures of the URL's view (points by place,
or countries by their latest toll with `map=countries` in the URL), a click on it lists the
evidence of its figures, and the headline cards follow the place filters."""

import datetime as dt

from dashboard.app import create_app
from dashboard.callbacks import LINK_REL, map_kind_from_search, query_string, view_from_search
from dashboard.data import View
from dashboard.maps import OUTLINES_PATH, UIREVISION, world_outlines
from pipeline.store import open_store

from ..rows import MOPTI, TRIPOLI, a_document, a_figure
from .dash_client import (
    SYNC_OUTPUTS,
    changed_input,
    page_response,
    post_callback,
    sync_inputs,
    texts,
)
from .test_places import placed_store

HOSTILE = "<img src=x onerror=alert(1)>"
# country-wide places (geo_precision 4): what the countries map colours
LIBYA = dict(place="Libya", place_name="Libya", admin1="", admin1_code="", country="Libya",
             country_code="LBY", lat=26.34, lon=17.27, geo_precision=4)
SUDAN = dict(place="Sudan", place_name="Sudan", admin1="", admin1_code="", country="Sudan",
             country_code="SDN", lat=15.5, lon=30.0, geo_precision=4)


def a_store(tmp_path, figures: list, name: str = "store") -> str:
    """A SQLite store of one document holding these figures."""
    url = f"sqlite:///{tmp_path / name}.sqlite"
    store = open_store(url)
    store.write([(a_document(), figures)])
    store.engine.dispose()
    return url


def mopti_store(tmp_path) -> str:
    """Twelve incidents in Mopti, one a day from 1 to 12 March (the ministry's, but the UN's
    on days 1 to 3), each in a sentence of its own (the fifth's with markup in it), and 40
    wounded there on 12 March."""
    figures = []
    for day in range(1, 13):
        sentence = (HOSTILE if day == 5 else "") + f"Gunmen killed {day} people on the road."
        start = sentence.index(str(day))
        figures.append(a_figure(
            f"{day:016}", day, scope="incident", sentence=sentence, start=start,
            end=start + len(str(day)), number_text=str(day), report_date=dt.date(2026, 3, day),
            event_date=dt.date(2026, 3, day), agency="UN" if day <= 3 else "Ministry of Health",
            **MOPTI))
    figures.append(a_figure("w" * 16, 40, category="wounded", scope="incident",
                            report_date=dt.date(2026, 3, 12), **MOPTI))
    return a_store(tmp_path, figures)


def countries_store(tmp_path) -> str:
    """Country-wide tolls: Libya 900 killed, Sudan 1,200 killed and 50 wounded; and 12 killed
    in the town of Tripoli (no country's toll)."""
    return a_store(tmp_path, [
        a_figure("l" * 16, 900, scope="toll", **LIBYA),
        a_figure("s" * 16, 1200, scope="toll", start=10, end=14, **SUDAN),
        a_figure("u" * 16, 50, category="wounded", scope="toll", start=20, end=22, **SUDAN),
        a_figure("t" * 16, 12, scope="toll", start=30, end=32, **TRIPOLI),
    ])


def map_response(client, search: str = "", drawn: str | None = None) -> dict:
    """The map callback's answer for this URL query string, the map drawn being `drawn`."""
    response = post_callback(client, [("map", "figure"), ("map-drawn", "data"),
                                      ("map-summary", "children")],
                             [("url", "search", search), ("version", "data", None)],
                             [("map-drawn", "data", drawn)])
    assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
    return response.get_json()["response"]


def map_of(client, search: str = "") -> dict:
    """The map figure the page draws for this URL query string."""
    return map_response(client, search)["map"]["figure"]


def places_on(figure: dict) -> set[tuple[float, float, str, float]]:
    """(lat, lon, category, marker size) of every point of a points map."""
    return {(lat, lon, trace["name"], size) for trace in figure["data"]
            for lat, lon, size in zip(trace["lat"], trace["lon"], trace["marker"]["size"],
                                      strict=True)}


def notes(figure: dict) -> list[str]:
    return [a["text"] for a in figure["layout"].get("annotations", [])]


def click_map(client, customdata, search: str = ""):
    """The map's clicked panel's callback for a click on a map point with this customdata."""
    return post_callback(client, [("map-clicked", "children")],
                         [("map", "clickData", {"points": [{"customdata": customdata}]})],
                         [("url", "search", search)])


def components(tree, kind: str) -> list[dict]:
    """Every component of a type ("A", "Li", ...) in a serialised component tree."""
    if isinstance(tree, list):
        return [c for child in tree for c in components(child, kind)]
    if not isinstance(tree, dict):
        return []
    found = [tree] if tree.get("type") == kind else []
    return found + components(tree.get("props", {}).get("children"), kind)


# --- the map follows the URL ---------------------------------------------------------


def test_map_points_follow_the_filters(tmp_path):
    client = create_app(placed_store(tmp_path)).server.test_client()
    everything = map_of(client)
    assert places_on(everything) == {
        (32.8872, 13.1913, "killed", 12), (34.4367, 35.8497, "killed", 30),
        (32.1167, 20.0667, "killed", 4), (15.7662, 24.9042, "killed", 340),
        (14.4843, -4.1827, "killed", 7)}
    assert notes(everything) == ["1 figure without a place not shown."]
    assert everything["layout"]["map"]["style"] == "white-bg"
    assert everything["layout"]["uirevision"] == UIREVISION
    assert places_on(map_of(client, "?country=LBY")) == {
        (32.8872, 13.1913, "killed", 12), (32.1167, 20.0667, "killed", 4)}
    assert places_on(map_of(client, "?place=Tripoli&country=LBN")) == {
        (34.4367, 35.8497, "killed", 30)}
    assert places_on(map_of(client, "?admin1=ML-5&country=MLI")) == {
        (14.4843, -4.1827, "killed", 7)}
    # the kind of map does not change what the filters keep
    assert map_of(client, "?country=LBY")["layout"]["uirevision"] == UIREVISION


def test_the_maps_outlines_come_from_the_dashboard_itself(tmp_path):
    client = create_app(countries_store(tmp_path)).server.test_client()
    for search in ("", "?map=countries"):
        (layer,) = map_of(client, search)["layout"]["map"]["layers"]
        assert layer["source"] == OUTLINES_PATH == "/geodata/world_110m.geojson"
    served = client.get(OUTLINES_PATH)
    assert served.status_code == 200 and served.mimetype == "application/geo+json"
    assert served.get_json()["features"] == world_outlines()["features"]


def test_a_refresh_that_leaves_the_map_as_it_was_does_not_redraw_it(tmp_path):
    client = create_app(placed_store(tmp_path)).server.test_client()
    drawn = map_response(client, "?country=LBY")["map-drawn"]["data"]
    assert map_response(client, "?country=LBY", drawn) == {}  # nothing to send
    assert set(map_response(client, "?country=LBN", drawn)) == {"map", "map-drawn", "map-summary"}


def test_map_says_when_nothing_is_there_to_draw(tmp_path):
    client = create_app(placed_store(tmp_path)).server.test_client()
    assert notes(map_of(client, "?category=wounded")) == ["No figures match these filters."]
    unplaced = a_store(tmp_path, [a_figure("1" * 16, 12)], name="unplaced")
    figure = map_of(create_app(unplaced).server.test_client())
    assert notes(figure) == ["No figures with a place match these filters. 1 figure without a "
                             "place not shown."]
    empty_url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    open_store(empty_url).engine.dispose()
    assert notes(map_of(create_app(empty_url).server.test_client())) == [
        "The store holds no figures yet."]
    broken = tmp_path / "broken.sqlite"
    broken.write_text("not a store\n" * 100, encoding="utf-8")
    assert notes(map_of(create_app(f"sqlite:///{broken}").server.test_client())) == [
        "No data: the store cannot be opened."]


def test_countries_map_colours_each_country_by_its_latest_toll_under_the_filters(tmp_path):
    client = create_app(countries_store(tmp_path)).server.test_client()
    (trace,) = map_of(client, "?map=countries")["data"]
    assert trace["type"] == "choroplethmap"
    assert (trace["locations"], trace["z"]) == (["SDN", "LBY"], [1200, 900])
    assert trace["customdata"] == [["s" * 16], ["l" * 16]]
    (trace,) = map_of(client, "?map=countries&country=LBY")["data"]
    assert (trace["locations"], trace["z"]) == (["LBY"], [900])
    (trace,) = map_of(client, "?map=countries&category=wounded")["data"]
    assert (trace["locations"], trace["z"]) == (["SDN"], [50])
    assert "wounded" in trace["colorbar"]["title"]["text"]
    # the same URL without map=countries: the points, the town's among them
    points = map_of(client, "?country=LBY")
    assert {trace["type"] for trace in points["data"]} == {"scattermap"}
    assert (32.8872, 13.1913, "killed", 12) in places_on(points)


# --- the kind of map in the URL ------------------------------------------------------


def test_the_kind_of_map_round_trips_through_the_url():
    assert query_string({"f-country": ["LBY"]}, None, None, [], "countries") == (
        "?country=LBY&map=countries")
    assert query_string({"f-country": ["LBY"]}, None, None, [], "points") == "?country=LBY"
    assert query_string({"f-country": ["LBY"]}, None, None, []) == "?country=LBY"
    assert map_kind_from_search("?country=LBY&map=countries") == "countries"
    assert map_kind_from_search("?country=LBY") == map_kind_from_search("?map=<b>") == "points"
    assert view_from_search("?country=LBY&map=countries") == View(countries=("LBY",))


def test_the_page_writes_the_kind_of_map_into_the_url_and_reads_it_back(tmp_path):
    client = create_app(placed_store(tmp_path)).server.test_client()
    inputs = sync_inputs(values={"f-country": ["LBY"]}, map_kind="countries")
    written = post_callback(client, SYNC_OUTPUTS, inputs, changed=changed_input("map-kind"))
    assert written.get_json()["response"]["url"]["search"] == "?country=LBY&map=countries"
    inputs[0] = ("url", "search", "?country=LBY&map=countries")
    read = post_callback(client, SYNC_OUTPUTS, inputs, changed=0).get_json()["response"]
    assert (read["f-country"]["value"], read["map-kind"]["value"]) == (["LBY"], "countries")
    inputs[0] = ("url", "search", "?country=LBY")
    read = post_callback(client, SYNC_OUTPUTS, inputs, changed=0).get_json()["response"]
    assert read["map-kind"]["value"] == "points"


# --- a click on the map --------------------------------------------------------------


def test_a_click_on_a_map_point_lists_the_evidence_of_its_figures(tmp_path):
    client = create_app(mopti_store(tmp_path)).server.test_client()
    # the point's customdata may hold only its newest figures: all twelve are its evidence
    response = click_map(client, [f"{12:016}", f"{11:016}"])
    assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
    shown = response.get_json()["response"]["map-clicked"]["children"]
    heading, listed, more = shown
    assert texts(heading) == ["Mopti, Mali: 12 figures"]
    items = components(listed, "Li")
    assert len(items) == 10
    assert texts(items[0])[0] == "12 killed (incident) — Ministry of Health, 2026-03-12"
    assert texts(items[0])[1:4] == ["Gunmen killed ", "12", " people on the road."]
    assert components(items[0], "Mark")[0]["props"]["children"] == "12"
    assert texts(items[-1])[0] == "3 killed (incident) — UN, 2026-03-03"
    assert texts(more) == ["and 2 more"]
    links = components(listed, "A")
    assert len(links) == 10 and {(a["props"]["href"], a["props"]["rel"], a["props"]["target"])
                                 for a in links} == {("https://example.org/a", LINK_REL, "_blank")}
    # a document's markup is text in the page, never an element
    fifth = next(i for i in items if texts(i)[0].startswith("5 killed"))
    assert texts(fifth)[1] == HOSTILE + "Gunmen killed "
    assert components(listed, "Img") == [] and "dangerouslySetInnerHTML" not in str(shown)


def test_a_click_on_a_map_point_lists_only_the_figures_the_filters_keep(tmp_path):
    client = create_app(mopti_store(tmp_path)).server.test_client()
    shown = click_map(client, [f"{3:016}"], "?agency=UN").get_json()["response"]["map-clicked"][
        "children"]
    assert texts(shown[0]) == ["Mopti, Mali: 3 figures"]
    assert [texts(i)[0] for i in components(shown, "Li")] == [
        f"{d} killed (incident) — UN, 2026-03-0{d}" for d in (3, 2, 1)]
    assert shown[2] is None  # nothing more
    # the wounded are a point of their own
    wounded = click_map(client, ["w" * 16]).get_json()["response"]["map-clicked"]["children"]
    assert texts(wounded[0]) == ["Mopti, Mali: 1 figure"]


def test_a_click_on_a_country_shows_its_tolls_evidence(tmp_path):
    client = create_app(countries_store(tmp_path)).server.test_client()
    shown = click_map(client, ["l" * 16], "?map=countries").get_json()["response"]["map-clicked"][
        "children"]
    assert texts(shown[0]) == ["Libya: 1 figure"]
    assert texts(components(shown, "Li")[0])[0] == "900 killed (toll) — Ministry of Health, 2026-03-09"


def test_a_click_on_a_figure_a_refresh_has_removed_changes_nothing(tmp_path):
    client = create_app(mopti_store(tmp_path)).server.test_client()
    for customdata in (["gone" * 4], [], None):
        response = click_map(client, customdata)
        assert response.status_code == 200 and response.get_json()["response"] == {}


# --- cards per place -----------------------------------------------------------------


def card_figures(client, search: str) -> dict[str, str]:
    """{category: the figure its card shows} for this URL query string: its headline, or
    (these figures are incidents, none a toll) its latest incident's, the largest of the
    day: all are stated on one day."""
    response = page_response(client, search)
    assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
    cards = response.get_json()["response"]["cards"]["children"]
    found = {}
    for card in cards:
        parts = {p["props"]["className"]: p["props"]["children"]
                 for p in card["props"]["children"] if p}
        assert parts["figure"] == "—" and parts["incident"].startswith("latest incident: ")
        found[parts["label"]] = parts["incident"].split()[2]
    return found


def test_the_cards_show_each_places_own_figures_under_its_filter(tmp_path):
    client = create_app(placed_store(tmp_path)).server.test_client()
    assert card_figures(client, "") == {"killed": "340"}
    assert card_figures(client, "?country=LBY") == {"killed": "12"}
    assert card_figures(client, "?country=LBN") == {"killed": "30"}
    assert card_figures(client, "?admin1=LY-BA") == {"killed": "4"}
    assert card_figures(client, "?place=Mopti") == {"killed": "7"}
    assert card_figures(client, "?place=Tripoli&country=LBN") == {"killed": "30"}
