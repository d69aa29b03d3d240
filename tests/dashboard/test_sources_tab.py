"""The Sources tab's freshness (schema version 9): each source as its sources file declared
it (kind, location, expected interval), its documents and figures, and HDX's fresh / due /
overdue / delinquent at a fixed time, in SQLite and PostgreSQL; a hostile name or location
is shown as text, a location linked only when http(s), never with the page's opener; the
table is read only when the tab is open; and in Chromium, the tab shows it."""

import datetime as dt
import shutil

import pytest

from dashboard.app import create_app
from dashboard.data import StoreData
from dashboard.escape import LINK_REL
from dashboard.tabs.sources import COLUMNS, sources_table
from pipeline.store import open_store

from ..pipeline.test_columns import STORES, postgres_schema_url
from ..rows import a_document, a_figure
from .conftest import CHROMIUM
from .dash_client import post_callback
from .tabs import open_tab

NOW = dt.datetime(2026, 3, 20, 12, 0)
DAY = dt.timedelta(days=1)
HOSTILE = '<img src="http://127.0.0.1:9/x.png" onerror="alert(1)">'
FEED = "https://wire.example/feed.xml?a=1&b=<2>"
# name: (kind, location, expected interval, age of its newest document, or None for none)
DECLARED = {
    "daily": ("folder", "reports", DAY, 30 * dt.timedelta(hours=1)),
    "weekly": ("feed", FEED, 7 * DAY, 22 * DAY),
    "hourly": ("urls", "http://127.0.0.1:9/page", dt.timedelta(hours=1), dt.timedelta(minutes=20)),
    HOSTILE: ("urls", "javascript:alert(1)", None, 2 * DAY),
    "silent": ("feed", "https://quiet.example/feed", 14 * DAY, None),
}
EXPECTED = {"daily": "due", "weekly": "delinquent", "hourly": "fresh", HOSTILE: "not set",
            "silent": "nothing stored"}


def make_store(url: str, now: dt.datetime) -> str:
    """A store holding DECLARED's sources as a refresh declared them, each source's one
    document stored at its age before `now` with two figures (one document withdrawn)."""
    store = open_store(url)
    store.declare_sources([{"name": name, "kind": kind, "location": location,
                            "expected_interval": every}
                           for name, (kind, location, every, _) in DECLARED.items()])
    for n, (name, (*_, age)) in enumerate(DECLARED.items()):
        if age is not None:
            store.write([(a_document(key=f"{n}:a", doc_id=f"{n:016d}", source=name,
                                     content_hash=str(n)),
                          [a_figure(f"{n}a{'0' * 14}", 12), a_figure(f"{n}b{'0' * 14}", 3)])],
                        now=now - age)
    store.engine.dispose()
    return url


@pytest.fixture(params=STORES)
def store_url(request, tmp_path):
    url = (f"sqlite:///{tmp_path / 'store.sqlite'}" if request.param == "sqlite"
           else postgres_schema_url(f"sources_tab_{request.node.originalname}"[:63]))
    return make_store(url, NOW)


def test_each_source_has_its_declaration_counts_and_freshness_at_a_fixed_time(store_url):
    data = StoreData(store_url)
    data.connect()
    found = data.sources(now=NOW).set_index("source")
    assert dict(found["freshness"]) == EXPECTED
    assert found.loc["weekly", "kind"] == "feed" and found.loc["weekly", "location"] == FEED
    assert list(found.loc[["daily", "silent"], "documents"]) == [1, 0]
    assert list(found.loc[["daily", "silent"], "figures"]) == [2, 0]
    # a week later the daily source is delinquent, the hourly one too
    later = data.sources(now=NOW + 7 * DAY).set_index("source")["freshness"]
    assert (later["daily"], later["hourly"]) == ("delinquent", "delinquent")
    data.store.engine.dispose()


def test_the_table_shows_freshness_with_its_ages_and_names_as_text(store_url):
    data = StoreData(store_url)
    data.connect()
    table = sources_table(data.sources(now=NOW)).to_plotly_json()
    data.store.engine.dispose()
    head, body = table["props"]["children"]
    rows = {r.children[0].children: r.children for r in body.children}
    assert set(rows) == set(DECLARED)  # the hostile name is a cell's text
    column = list(COLUMNS).index
    badge = rows["weekly"][column("freshness")].children
    assert (badge.children, badge.className) == ("delinquent", "freshness freshness-delinquent")
    assert badge.title == "due from 7 days, overdue from 14 days, delinquent from 21 days"
    assert rows["weekly"][column("expected_interval")].children == "7 days"
    assert rows[HOSTILE][column("freshness")].children.title is None
    # an http(s) location is a link that gives the site neither the page nor its address
    link = rows["weekly"][column("location")].children
    assert link.href == "https://wire.example/feed.xml?a=1&b=%3C2%3E"
    assert (link.children, link.rel, link.target) == (FEED, LINK_REL, "_blank")
    # anything else is text
    assert rows[HOSTILE][column("location")].children == "javascript:alert(1)"
    assert rows["daily"][column("location")].children == "reports"


def test_the_table_is_read_only_when_the_sources_tab_is_open(tmp_path):
    client = create_app(make_store(f"sqlite:///{tmp_path / 's.sqlite'}", NOW)
                        ).server.test_client()
    closed = post_callback(client, [("sources-table", "children")],
                           [("version", "data", None), ("tabs", "value", "chart")])
    assert closed.get_json()["response"] == {}  # nothing to update
    opened = post_callback(client, [("sources-table", "children")],
                           [("version", "data", None), ("tabs", "value", "sources")], changed=1)
    assert opened.status_code == 200 and "delinquent" in opened.get_data(as_text=True)


browser = pytest.mark.skipif(CHROMIUM is None or shutil.which("chromedriver") is None,
                             reason="no chromium and chromedriver")


@browser
def test_the_sources_tab_in_chromium(dash_duo, tmp_path):
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    dash_duo.start_server(create_app(make_store(f"sqlite:///{tmp_path / 's.sqlite'}", now)))
    dash_duo.wait_for_element("#tabs", timeout=20)
    open_tab(dash_duo, "sources")
    dash_duo.wait_for_element("#sources-table table", timeout=20)
    assert "tab=sources" in dash_duo.driver.current_url
    badges = {e.text for e in dash_duo.find_elements("#sources-table .freshness")}
    assert badges == set(EXPECTED.values())
    table = dash_duo.find_element("#sources-table")
    assert HOSTILE in table.text
    assert dash_duo.find_elements("#sources-table img") == []
    links = {a.text: a for a in dash_duo.find_elements("#sources-table a")}
    assert set(links) == {FEED, "http://127.0.0.1:9/page", "https://quiet.example/feed"}
    assert all(a.get_attribute("rel") == LINK_REL for a in links.values())
    assert links[FEED].get_attribute("href") == "https://wire.example/feed.xml?a=1&b=%3C2%3E"
    # the badge's title says the ages of its interval
    (overdue,) = [e for e in dash_duo.find_elements("#sources-table .freshness")
                  if e.text == "delinquent"]
    assert overdue.get_attribute("title").startswith("due from 7 days")
    assert dash_duo.get_logs() == []
