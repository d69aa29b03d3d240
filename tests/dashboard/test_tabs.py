"""The page as tabs (Chart, Table, Map, Changes, Try it, Sources, About): the open tab
lives in the URL, the Map tab waits for places, the Sources tab lists what the store
holds from each source, the About tab says the method; and in Chromium, each tab's
content appears and draws at its size when opened, without console errors."""

import datetime as dt
import json
import shutil

import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard.app import create_app
from dashboard.callbacks import query_string, tab_from_search, without_tab
from dashboard.tabs import TABS
from dashboard.tabs.about import ABOUT
from dashboard.tabs.map import NO_PLACES
from pipeline.store import documents, open_store

from ..pipeline.test_columns import STORES, postgres_schema_url
from ..rows import MOPTI, a_document, a_figure
from .conftest import CHROMIUM
from .dash_client import SYNC_OUTPUTS, changed_input, post_callback, sync_inputs, texts
from .grid import grid_column, wait_for
from .tabs import open_tab


def a_store(tmp_path, placed: bool) -> str:
    """A SQLite store of one document with one killed figure, in Mopti or at no place."""
    url = f"sqlite:///{tmp_path / 'store'}.sqlite"
    store = open_store(url)
    store.write([(a_document(), [a_figure("f" * 16, 12, **(MOPTI if placed else {}))])])
    store.engine.dispose()
    return url


def page(app) -> dict:
    """The app's layout as the browser receives it: a tree of dicts."""
    return json.loads(json.dumps(app.layout(), cls=PlotlyJSONEncoder))


def find(tree, component_id: str) -> dict | None:
    """The component with this id in a serialised component tree."""
    if isinstance(tree, list):
        return next((c for child in tree if (c := find(child, component_id))), None)
    if not isinstance(tree, dict):
        return None
    props = tree.get("props", {})
    if props.get("id") == component_id:
        return tree
    return find(props.get("children"), component_id)


def read_url(client, search: str) -> dict:
    """What the URL callback sets when the page loads at this query string."""
    response = post_callback(client, SYNC_OUTPUTS, sync_inputs(search), changed=0)
    assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
    return response.get_json()["response"]


# --- the tab in the URL ---------------------------------------------------------------


def test_the_open_tab_round_trips_through_the_url(tmp_path):
    assert tab_from_search("?category=killed&tab=table") == "table"
    assert tab_from_search("") == tab_from_search("?tab=<b>") == tab_from_search("?tab=") == "chart"
    assert query_string({"f-category": ["killed"]}, None, None, [], tab="table") == (
        "?category=killed&tab=table")
    assert query_string({"f-category": ["killed"]}, None, None, [], tab="chart") == (
        "?category=killed")
    assert query_string({}, None, None, [], tab="nonsense") == ""
    assert without_tab("?category=killed&tab=table&map=countries") == (
        "?category=killed&map=countries")
    assert without_tab("?tab=table") == without_tab(None) == ""

    client = create_app(a_store(tmp_path, placed=True)).server.test_client()
    inputs = sync_inputs(values={"f-category": ["killed"]}, tab="sources")
    written = post_callback(client, SYNC_OUTPUTS, inputs, changed=changed_input("tabs"))
    assert written.get_json()["response"]["url"]["search"] == "?category=killed&tab=sources"
    read = read_url(client, "?category=killed&tab=sources")
    assert (read["tabs"]["value"], read["f-category"]["value"]) == ("sources", ["killed"])
    assert read_url(client, "?tab=map")["tabs"]["value"] == "map"
    assert read_url(client, "?category=killed")["tabs"]["value"] == "chart"
    assert read_url(client, "?tab=settings")["tabs"]["value"] == "chart"
    # the download link holds the view, not the tab
    href = post_callback(client, [("download-link", "href")],
                         [("url", "search", "?category=killed&tab=table")])
    assert href.get_json()["response"]["download-link"]["href"] == "/download.csv?category=killed"


def test_the_map_tab_is_disabled_while_no_figure_has_a_place(tmp_path):
    unplaced = create_app(a_store(tmp_path / "a", placed=False))
    tab = find(page(unplaced), "tab-map")
    assert tab is not None
    assert (tab["props"]["disabled"], tab["props"]["label"]) == (True, NO_PLACES)
    # a link to the map opens the chart instead
    assert read_url(unplaced.server.test_client(), "?tab=map")["tabs"]["value"] == "chart"

    placed = create_app(a_store(tmp_path / "b", placed=True))
    tab = find(page(placed), "tab-map")
    assert (tab["props"]["disabled"], tab["props"]["label"]) == (False, "Map")


def test_every_tab_is_in_the_layout_in_order_under_the_filters(tmp_path):
    layout = page(create_app(a_store(tmp_path, placed=True)))
    tabs = find(layout, "tabs")
    assert [t["props"]["value"] for t in tabs["props"]["children"]] == list(TABS)
    assert [t["props"]["label"] for t in tabs["props"]["children"]] == [
        "Chart", "Table", "Map", "Changes", "Try it", "Sources", "About"]
    ids = [c["props"].get("id") for c in layout["props"]["children"]
           if isinstance(c, dict)]
    assert ids.index("message") < ids.index("tabs")  # the filters' message, for every tab
    for tab, inside in [("tab-chart", "cards"), ("tab-chart", "timeseries"),
                        ("tab-table", "evidence"), ("tab-table", "download-link"),
                        ("tab-map", "map"), ("tab-map", "map-clicked"), ("tab-changes", "changes"),
                        ("tab-try-it", "try-text"), ("tab-sources", "sources-table"),
                        ("tab-about", "about")]:
        assert find(find(layout, tab), inside) is not None, (tab, inside)


# --- the Sources and About tabs ----------------------------------------------------------


def test_the_sources_tab_lists_each_source_with_what_it_holds_and_its_latest_refresh(
        sample_store):
    client = create_app(sample_store).server.test_client()
    response = post_callback(client, [("sources-table", "children")],
                             [("version", "data", None), ("tabs", "value", "sources")])
    table = response.get_json()["response"]["sources-table"]["children"]
    assert table["type"] == "Table"
    head, body = table["props"]["children"]
    assert texts(head) == ["Source", "Kind", "Location", "Freshness", "Expected every",
                           "Documents", "Figures", "Publishers", "Newest published",
                           "Last fetched (UTC)", "Latest refresh", "Latest refresh at (UTC)",
                           "Last ok (UTC)", "Error"]
    (row,) = body["props"]["children"]
    cells = dict(zip(texts(head), [texts(cell) for cell in row["props"]["children"]],
                     strict=True))
    assert cells["Source"] == ["sample"] and cells["Documents"] == ["41"]
    assert (cells["Kind"], cells["Location"]) == (["folder"], ["sample"])
    assert (cells["Freshness"], cells["Expected every"]) == (["not set"], [""])
    assert int(cells["Figures"][0].replace(",", "")) > 41
    assert int(cells["Publishers"][0]) > 1  # several publishers
    assert cells["Newest published"][0].startswith("2026-")
    # the latest run went well
    assert cells["Latest refresh"] == ["ok"]
    assert cells["Latest refresh at (UTC)"] == cells["Last ok (UTC)"]
    assert cells["Error"] == [""]


@pytest.mark.parametrize("kind", STORES)
def test_the_sources_tab_shows_a_source_name_as_text_and_counts_no_withdrawn_document(
        tmp_path, kind):
    url = (f"sqlite:///{tmp_path / 'store'}.sqlite" if kind == "sqlite"
           else postgres_schema_url("tabs_sources"))
    store = open_store(url)
    name = '<img src="http://127.0.0.1:9/x.png">'
    store.write([(a_document(source=name, key="k:a"), []),
                 (a_document(source=name, key="k:b", locator="b", publisher="Desk",
                             published=dt.date(2026, 3, 12)), [])])
    with store.engine.begin() as conn:  # the second left its source
        conn.execute(documents.update().where(documents.c.key == "k:b")
                     .values(withdrawn_at=dt.datetime(2026, 3, 13)))
    store.engine.dispose()
    client = create_app(url).server.test_client()
    response = post_callback(client, [("sources-table", "children")],
                             [("version", "data", None), ("tabs", "value", "sources")])
    (row,) = response.get_json()["response"]["sources-table"]["children"]["props"]["children"][1][
        "props"]["children"]
    cells = [texts(cell) for cell in row["props"]["children"]]
    assert cells[0] == [name] and cells[5:9] == [["1"], ["0"], ["1"], ["2026-03-12"]]
    assert cells[10] == [""]  # no refresh has run


def test_the_about_tab_says_the_method_in_short_lines_and_links_the_design(tmp_path):
    assert 10 <= len(ABOUT) <= 20
    words = " ".join(ABOUT).lower()
    for said in ("at least", "toll", "stock", "incident", "background", "claim", "reprint",
                 "copied", "corrected", "place", "known limits", "english"):
        assert said in words, said
    app = create_app(a_store(tmp_path, placed=False), url_base_pathname="/casualties/")
    about = find(page(app), "about")
    assert texts(about)[1:len(ABOUT) + 1] == list(ABOUT)
    assert find(about, "design-link")["props"]["href"] == "/casualties/design.md"
    served = app.server.test_client().get("/casualties/design.md")
    assert served.status_code == 200 and served.mimetype == "text/plain"
    assert served.get_data(as_text=True).startswith("# Design")


# --- in Chromium ---------------------------------------------------------------------------

browser = pytest.mark.skipif(CHROMIUM is None or shutil.which("chromedriver") is None,
                             reason="no chromium and chromedriver")
TAB_CONTENT = {  # what each tab shows once open, on the sample store
    "chart": "#timeseries .main-svg", "table": "#evidence .ag-cell[col-id='sentence']",
    "map": "#map .maplibregl-canvas", "changes": "#changes li.change",
    "try-it": "#try-text", "sources": "#sources-table table", "about": "#about #design-link"}


def drawn_width(dash_duo, graph: str) -> tuple[int, int]:
    """The width a graph's plot was drawn at, and its container's."""
    return tuple(dash_duo.driver.execute_script(
        "const g = document.querySelector(arguments[0]);"
        "const c = g.querySelector('.maplibregl-canvas, .main-svg');"
        "return [Math.round(c.getBoundingClientRect().width), g.clientWidth]", graph))


@browser
def test_a_link_with_tab_map_opens_on_the_map_at_its_size(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.driver.set_window_size(1300, 900)
    dash_duo.driver.get(dash_duo.server_url + "/?category=killed&tab=map")
    dash_duo.wait_for_element("#tab-map.tab--selected", timeout=20)
    dash_duo.wait_for_element("#map .maplibregl-canvas", timeout=20)
    assert dash_duo.find_elements("#cards") == []  # the Chart tab is closed
    wait_for(lambda: drawn_width(dash_duo, "#map")[0] > 900)
    width, space = drawn_width(dash_duo, "#map")
    assert abs(width - space) <= 2
    assert dash_duo.get_logs() == []


@browser
def test_opening_table_writes_it_into_the_url_keeps_the_filters_and_loads_rows(
        dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.driver.get(dash_duo.server_url + "/?category=wounded&named=1")
    dash_duo.wait_for_element("#cards .card", timeout=20)
    open_tab(dash_duo, "table")
    wait_for(lambda: "tab=table" in dash_duo.driver.current_url)
    url = dash_duo.driver.current_url
    assert "category=wounded" in url and "named=1" in url
    # the grid, out of the page until now, reads its rows once shown
    wait_for(lambda: set(grid_column(dash_duo, "category")) - {""} == {"wounded"})
    # back to the chart: the tab leaves the URL, the filters stay
    open_tab(dash_duo, "chart")
    wait_for(lambda: "tab=" not in dash_duo.driver.current_url)
    assert "category=wounded" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


@browser
def test_charts_in_a_tab_opened_later_draw_at_their_size(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.driver.set_window_size(1300, 900)
    dash_duo.driver.get(dash_duo.server_url + "/?tab=table")
    dash_duo.wait_for_element("#evidence .ag-cell", timeout=20)
    assert dash_duo.find_elements("#timeseries") == []
    open_tab(dash_duo, "chart")
    for graph in ("#timeseries", "#comparison"):
        dash_duo.wait_for_element(f"{graph} .main-svg", timeout=20)
        wait_for(lambda g=graph: drawn_width(dash_duo, g)[0] > 900)
        width, space = drawn_width(dash_duo, graph)
        assert abs(width - space) <= 2, graph
    assert dash_duo.get_logs() == []


@browser
def test_every_tab_opens_with_its_content_and_no_console_errors(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    dash_duo.wait_for_element("#cards .card", timeout=20)
    for tab in TABS:
        open_tab(dash_duo, tab)
        dash_duo.wait_for_element(TAB_CONTENT[tab], timeout=20)
        assert (f"tab={tab}" in dash_duo.driver.current_url) == (tab != "chart"), tab
        assert dash_duo.get_logs() == [], tab
        if tab == "sources":
            assert "41" in dash_duo.find_element("#sources-table").text
