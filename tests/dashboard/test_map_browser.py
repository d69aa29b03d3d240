"""The map in a real headless Chromium, every address but the dashboard's own blocked: it
renders its points from the page's own server alone, and a click on a point shows its
evidence."""

import http.server
import shutil
import threading
import time

import pytest
from flask import request
from selenium.webdriver.common.action_chains import ActionChains

from dashboard import maps
from dashboard.app import create_app
from dashboard.data import View
from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import open_store

from .conftest import CHROMIUM, page_requests_outside
from .tabs import open_tab

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("chromedriver") is None,
    reason="no chromium and chromedriver (make test installs Debian's packages as root)",
)

MAP_PLOT = "document.querySelector('#map .js-plotly-plot')"
# the MapLibre map plotly draws in (plotly's own handle on it)
MAPLIBRE = f"{MAP_PLOT}._fullLayout.map._subplot.map"


def block_all_but(driver, origin: str) -> None:
    """Block, in the browser, every request that is not to `origin` (the first matching
    pattern decides): nothing the page asks for can leave the machine."""
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urlPatterns": [
        {"urlPattern": f"{origin}/*", "block": False},
        {"urlPattern": "*://*:*/*", "block": True}]})


def requested(driver) -> list[str]:
    """Every URL the page has asked for (resource timing lists failed and blocked requests
    too), and the page's own. Not its workers' (MapLibre reads GeoJSON in one): those, like
    every request to an address other than loopback, go to the browser's proxy, which
    refuses and notes them (conftest.outside, read by page_requests_outside)."""
    return driver.execute_script(
        "return [location.href, ...performance.getEntriesByType('resource').map(e => e.name)]")


def wait_for(driver, script: str, timeout: float = 20):
    """The script's first truthy value, polled."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"never true: {script}")


class Recorder(http.server.BaseHTTPRequestHandler):
    """A loopback server that notes every request it gets."""

    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


# short reports of our own about real places (the sample corpus's places are invented)
PLACED_REPORTS = {
    "tripoli.txt": "TRIPOLI, April 18 (Wire) - Clashes in the Libyan capital killed 14 people "
                   "and wounded 40, the health ministry said on Thursday.",
    "gwoza.txt": "MAIDUGURI, Nigeria (Wire) - Gunmen killed 9 villagers in Gwoza, Borno State, "
                 "on Sunday, police said.",
    "mogadishu.txt": "MOGADISHU (Wire) - A car bomb in Mogadishu wounded 23 people on Monday, "
                     "the Somali police said.",
    "kharkiv.txt": "KYIV (Wire) - Shelling of Kharkiv killed 4 civilians on Tuesday, the "
                   "regional governor said.",
}


@pytest.fixture
def placed_store(tmp_path):
    """A SQLite store refreshed from PLACED_REPORTS."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in PLACED_REPORTS.items():
        (folder / name).write_text(f"---\npublished: 2026-04-20\n---\n{text}\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'placed.sqlite'}"
    refresh(open_store(url), [Source("reports", "folder", path=folder)], progress=False)
    return url


def test_map_renders_its_points_from_the_dashboard_alone(dash_duo, placed_store):
    app = create_app(placed_store)
    expected = maps.map_points(app.store_data.filtered(View()))
    assert set(expected["place_name"]) >= {"Tripoli", "Gwoza", "Mogadishu", "Kharkiv"}
    served: list[str] = []
    app.server.before_request(lambda: served.append(request.path))
    dash_duo.start_server(app)
    origin = dash_duo.server_url.rstrip("/")
    block_all_but(dash_duo.driver, origin)
    dash_duo.driver.get(origin + "/")  # the page again, with the blocking in place
    open_tab(dash_duo, "map")

    dash_duo.wait_for_element("#map .maplibregl-canvas", timeout=20)
    count = wait_for(dash_duo.driver, f"""const g = {MAP_PLOT};
        return g && g.data && g.data.reduce((n, t) => n + (t.lat || []).length, 0)""")
    assert count == len(expected)
    names = dash_duo.driver.execute_script(f"return {MAP_PLOT}.data.map(t => t.name)")
    assert sorted(names) == sorted(set(expected["category"]))
    assert dash_duo.driver.execute_script(f"return {MAP_PLOT}.data.every(t => t.mode === 'markers')")
    # MapLibre has loaded its style, the outlines and whatever else it wants
    wait_for(dash_duo.driver, f"return {MAPLIBRE}.loaded() && {MAPLIBRE}.areTilesLoaded()")
    time.sleep(1)

    assert maps.OUTLINES_PATH in served  # MapLibre's worker read the outlines from the dashboard
    assert page_requests_outside() == []  # nor from its workers, to any address
    assert [u for u in requested(dash_duo.driver) if not u.startswith(origin + "/")] == []
    assert dash_duo.get_logs() == []

    # a click on the largest point lists its evidence
    canvas = dash_duo.find_element("#map .maplibregl-canvas")
    largest = expected.sort_values("value").iloc[-1]
    x, y = dash_duo.driver.execute_script(
        f"const p = {MAPLIBRE}.project([arguments[0], arguments[1]]); return [p.x, p.y]",
        float(largest["lon"]), float(largest["lat"]))
    ActionChains(dash_duo.driver).move_to_element_with_offset(
        canvas, int(x - canvas.size["width"] / 2), int(y - canvas.size["height"] / 2)
    ).click().perform()
    dash_duo.wait_for_element("#map-clicked .map-evidence li", timeout=20)
    heading = dash_duo.find_element("#map-clicked h3").text
    assert heading.startswith(largest["place_name"])
    assert len(dash_duo.find_elements("#map-clicked .map-evidence li")) == min(
        largest["figures"], 10)
    assert dash_duo.find_elements("#map-clicked .map-evidence mark")
    assert [u for u in requested(dash_duo.driver) if not u.startswith(origin + "/")] == []
    assert page_requests_outside() == []
    assert dash_duo.get_logs() == []


def test_the_blocking_holds_for_another_loopback_address(dash_duo, sample_store):
    """What the map test relies on: a request to any other address than the dashboard's
    never leaves the browser (shown with a loopback server, which no request reaches)."""
    Recorder.hits = []
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        dash_duo.start_server(create_app(sample_store))
        origin = dash_duo.server_url.rstrip("/")
        block_all_but(dash_duo.driver, origin)
        dash_duo.driver.get(origin + "/")
        dash_duo.wait_for_element("#cards .card", timeout=20)
        answer = dash_duo.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch(arguments[0], {mode: 'no-cors'}).then(() => done('loaded'), e => done(String(e)))",
            f"http://127.0.0.1:{other.server_port}/probe")
        same_host = dash_duo.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch('/geodata/world_110m.geojson').then(r => done(r.status), e => done(String(e)))")
    finally:
        other.shutdown()
    assert answer.startswith("TypeError") and Recorder.hits == []
    assert same_host == 200


def test_the_kind_of_map_is_chosen_on_the_page_and_kept_in_the_url(dash_duo, sample_store):
    dash_duo.start_server(create_app(sample_store))
    origin = dash_duo.server_url.rstrip("/")
    block_all_but(dash_duo.driver, origin)
    dash_duo.driver.get(origin + "/?category=killed&tab=map")
    dash_duo.wait_for_element("#map .maplibregl-canvas", timeout=20)
    wait_for(dash_duo.driver, f"return {MAP_PLOT} && {MAP_PLOT}.data[0].type === 'scattermap'")
    dash_duo.find_element("#map-kind input[value='countries']").click()
    wait_for(dash_duo.driver, "return location.search.includes('map=countries')")
    assert "category=killed" in dash_duo.driver.current_url
    # the sample places no figure at a whole country: the countries map says so
    wait_for(dash_duo.driver, f"""return ({MAP_PLOT}.layout.annotations || []).some(
        a => a.text.startsWith('No country-wide killed toll'))""")
    dash_duo.driver.get(origin + "/?map=countries&tab=map")  # read back from the URL
    wait_for(dash_duo.driver, "const i = document.querySelector(\"#map-kind input[value='countries']\");"
                              " return i && i.checked")
    assert [u for u in requested(dash_duo.driver) if not u.startswith(origin + "/")] == []
    assert page_requests_outside() == []
    assert dash_duo.get_logs() == []
