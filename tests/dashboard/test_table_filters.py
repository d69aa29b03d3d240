"""The evidence table's column filters as the page's view (dashboard/table_filters.py): the
new fields (the sentence's words, the least and most value) round trip through the URL,
stay there when another filter changes, reach the download's link, the charts' summary
(the value range) and the page's note on what the charts cannot honour; a filter typed in
the grid sets the URL, and the URL sets what the grid's headers show."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.app import create_app
from dashboard.callbacks import query_string, table_pairs, view_from_search
from dashboard.data import View
from dashboard.table_filters import changed_view, grid_model, search_with, unhonoured

from .dash_client import SYNC_OUTPUTS, changed_input, post_callback, sync_inputs
from .test_evidence import fill

VIEWS = [View(), View(sentence="hosp killed"), View(least=10), View(most=40),
         View(least=7, most=7), View(least=10, most=40, sentence="strike"),
         View(start=dt.date(2026, 3, 2)), View(end=dt.date(2026, 3, 5)),
         View(start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 2)),
         View(categories=("killed",), agencies=("UN OCHA", "Police"), scopes=("",),
              places=("Orsel",), publishers=("Daily Sun",), start=dt.date(2026, 3, 1),
              end=dt.date(2026, 3, 9), least=5, sentence="fishermen")]


@pytest.fixture
def app(tmp_path):
    return create_app(fill(f"sqlite:///{tmp_path / 'store.sqlite'}"))


@pytest.mark.parametrize("view", VIEWS)
def test_the_view_round_trips_through_the_url_and_the_grid_s_filters(view):
    search = search_with("?tab=table", View(), view)
    assert view_from_search(search) == view
    assert ("tab", "table") in [tuple(p.split("=")) for p in search[1:].split("&")]
    # the grid's headers show the view, and showing it changes nothing
    assert changed_view(view, grid_model(view), lambda *_: []) == (view, [])


def test_the_url_keeps_the_table_s_filters_when_another_filter_changes(app):
    assert view_from_search("?q=+hosp+&min=3&max=x") == View(sentence="hosp", least=3)
    assert table_pairs("?category=killed&q=hosp&min=3&tab=table") == [("q", "hosp"), ("min", "3")]
    assert query_string({"f-category": ["killed"]}, None, None, [], tab="table",
                        table=[("q", "hosp"), ("max", "40")]) == (
        "?category=killed&q=hosp&max=40&tab=table")
    client = app.server.test_client()
    inputs = sync_inputs("?q=hosp&min=3", values={"f-category": ["wounded"]})
    written = post_callback(client, SYNC_OUTPUTS, inputs, changed=changed_input("f-category"))
    assert written.get_json()["response"]["url"]["search"] == "?category=wounded&q=hosp&min=3"
    link = post_callback(client, [("download-link", "href")],
                         [("url", "search", "?q=hosp&min=3&tab=table")])
    assert link.get_json()["response"]["download-link"]["href"] == "/download.csv?q=hosp&min=3"


def grid_filters(app, model: dict, search: str, changed: str = "evidence") -> dict:
    """The response of the callback that follows a change of the grid's filter model
    ("evidence": it sets the URL), or of the one that follows the URL ("url": it sets the
    grid's filters)."""
    keys = [k for k in app.callback_map if "evidence.filterModel" in k]
    key = next(k for k in keys if (k.startswith("..url.search@") if changed == "evidence"
                                   else "url.search" not in k))
    outputs = [tuple(o.split(".", 1)) for o in key.strip(".").split("...")]
    inputs = [("evidence", "filterModel", model), ("url", "search", search)]
    if changed == "url":
        inputs.reverse()
    response = post_callback(app.server.test_client(), outputs, inputs[:1], inputs[1:])
    assert response.status_code in (200, 204), response.get_data(as_text=True)[-2000:]
    found = response.get_json()["response"] if response.status_code == 200 else {}
    return {name.split("@")[0]: value for name, value in found.items()}


def text(filter_: str, kind: str = "contains") -> dict:
    return {"filterType": "text", "type": kind, "filter": filter_}


def test_a_filter_typed_in_the_grid_sets_the_url(app):
    typed = grid_filters(app, {"sentence": text("hospital")}, "?tab=table")
    assert typed["url"]["search"] == "?tab=table&q=hospital"
    assert "evidence" not in typed  # the headers already show it
    ranged = grid_filters(app, {"stated": {"filterType": "number", "type": "inRange",
                                           "filter": 10, "filterTo": 40},
                                "day": {"filterType": "date", "type": "greaterThan",
                                        "dateFrom": "2026-03-01 00:00:00"}}, "?category=killed")
    assert view_from_search(ranged["url"]["search"]) == View(
        least=10, most=40, start=dt.date(2026, 3, 2))  # the category's header was cleared
    # a text sets the page's filter to the values that hold it: one is shown in the header
    one = grid_filters(app, {"agency": text("ocha")}, "")
    assert view_from_search(one["url"]["search"]).agencies == ("UN OCHA",)
    assert one["evidence"]["filterModel"] == {"agency": text("UN OCHA", "equals")}
    # more than one: chosen in the page's filter above, the header emptied, the page says so
    two = grid_filters(app, {"place": text("r")}, "")
    assert set(view_from_search(two["url"]["search"]).places) == {"Orsel", "Tarn"}
    assert two["evidence"]["filterModel"] == {}
    assert two["evidence-note"]["children"] == (
        "2 values of place contain “r”: all chosen in the filters above.")
    # none: nothing set, the header emptied, and the page says so
    none = grid_filters(app, {"agency": text("helicopter"), "sentence": text("x")}, "?q=x")
    assert "url" not in none and none["evidence"]["filterModel"] == {"sentence": text("x")}
    assert none["evidence-note"]["children"] == (
        "No agency matches “helicopter”: that filter is not applied.")
    # a header emptied clears its filter, and only its own
    cleared = grid_filters(app, {"sentence": text("x")}, "?agency=Police&q=x&min=3")
    assert view_from_search(cleared["url"]["search"]) == View(sentence="x")


def test_the_url_sets_what_the_grid_s_headers_show(app):
    shown = grid_filters(app, {}, "?category=killed&agency=A&agency=B&q=hosp&min=3",
                         changed="url")
    assert shown["evidence"]["filterModel"] == {
        "category": text("killed", "equals"), "sentence": text("hosp"),
        "stated": {"filterType": "number", "type": "greaterThanOrEqual", "filter": 3}}
    assert shown["evidence-note"]["children"] == ""  # a note on a filter typed before goes
    same = grid_filters(app, {"sentence": text("hosp ")}, "?q=hosp", changed="url")
    assert same == {}  # already shown: left as it is


def test_the_charts_keep_the_value_range_and_the_page_says_what_they_cannot(app):
    data = app.store_data
    assert set(data.filtered(View(least=40))["value"]) == {44, 205, 18500}
    assert set(data.filtered(View(least=10, most=40))["value"]) == {12, 30}
    assert len(data.filtered(View(sentence="hospital"))) == len(data.filtered(View()))
    assert unhonoured(View()) == ""
    note = unhonoured(View(sentence="hosp", least=1000, most=20000))
    assert "The sentence filter “hosp” narrows the Table and the CSV download only" in note
    assert "Figures at least 1,000 and at most 20,000: the charts, cards and map keep" in note
    response = post_callback(app.server.test_client(), [("view-note", "children")],
                             [("url", "search", "?q=hosp")])
    assert response.get_json()["response"]["view-note"]["children"].startswith(
        "The sentence filter “hosp”")
