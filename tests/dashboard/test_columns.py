"""Superseded values on the page: shown in the evidence table, marked, and never in a
headline card or chart; a figure stated several times, and one relayed by a carrier, say so."""

import shutil

import pytest

from dashboard import charts
from dashboard.app import create_app
from dashboard.data import StoreData, View
from dashboard.headlines import headline_cards
from pipeline.store import open_store

from ..rows import a_document, a_figure
from .conftest import CHROMIUM
from .dash_client import call_evidence, page_response, post_callback
from .grid import grid_column, wait_for
from .tables import a_row, table
from .tabs import open_tab


def figure(figure_id, value, start, **kwargs):
    return a_figure(figure_id, value, sentence="The ministry revised the toll down from 120 to 95.",
                    start=start, end=start + len(str(value)), title="Toll revised", **kwargs)


def revised_store(tmp_path) -> str:
    """One document: the toll revised down from 120 (superseded) to 95, which the
    ministry stated twice, as Reuters relayed it."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = open_store(url)
    doc = a_document(title="Toll revised")
    store.write([(doc, [
        figure("1" * 16, 120, 41, superseded=True),
        figure("2" * 16, 95, 48, carrier="Reuters", times_stated=2),
    ])])
    store.engine.dispose()
    return url


def test_the_figure_rows_hold_superseded_rows_and_the_summary_does_not(tmp_path):
    data = StoreData(revised_store(tmp_path))
    data.refresh_if_changed()
    assert sorted(data.figure_rows(View())["value"]) == [95, 120]
    assert list(data.filtered(View())["value"]) == [95]
    cards = headline_cards(*data.headline_rows(View()))
    # (incidents, no toll: the latest incident's)
    assert [(c["category"], c["headline"], charts.stated(c["incident"])) for c in cards] == [
        ("killed", None, "95")]


def test_charts_leave_superseded_values_out_of_every_headline():
    frame = table(a_row("old", 120, "toll", superseded=True), a_row("new", 95, "toll"))
    points = charts.by_date_points(frame)
    assert list(points["value"]) == [95]
    (line,) = charts.timeseries(points).data
    assert list(line.y) == [95]


def test_evidence_table_marks_superseded_rows_and_shows_times_stated_and_carrier(tmp_path):
    records = call_evidence(create_app(revised_store(tmp_path)))
    by_value = {r["stated"]: r for r in records}
    assert set(by_value) == {"120 (superseded)", "95"}
    old, new = by_value["120 (superseded)"], by_value["95"]
    assert (old["superseded"], old["times_stated"], old["agency"]) == ("yes", 1, "Ministry of Health")
    assert (new["superseded"], new["times_stated"], new["agency"]) == (
        "", 2, "Ministry of Health (via Reuters)")


def test_headline_cards_of_the_page_never_show_a_superseded_value(tmp_path):
    client = create_app(revised_store(tmp_path)).server.test_client()
    response = page_response(client)
    assert response.status_code == 200
    cards = str(response.get_json()["response"]["cards"]["children"])
    assert "95" in cards and "120" not in cards


def test_try_it_shows_how_often_a_figure_is_stated(tmp_path):
    client = create_app(f"sqlite:///{tmp_path / 'store.sqlite'}").server.test_client()
    text = "Police said 40 protesters were arrested. Police said 40 protesters were arrested."
    response = post_callback(
        client, [("try-output", "children")],
        [("try-run", "n_clicks", 1), ("try-upload", "contents", None)],
        [("try-text", "value", text), ("try-upload", "filename", None),
         ("try-published", "value", None), ("try-publisher", "value", None)])
    table = str(response.get_json()["response"]["try-output"]["children"])
    assert "Times stated" in table and "'children': '2'" in table


@pytest.mark.skipif(CHROMIUM is None or shutil.which("chromedriver") is None,
                    reason="no chromium and chromedriver")
def test_the_browser_strikes_the_superseded_value_through(dash_duo, tmp_path):
    dash_duo.start_server(create_app(revised_store(tmp_path)))
    dash_duo.wait_for_element("#cards .card", timeout=20)
    assert "95" in dash_duo.find_element("#cards").text
    assert "120" not in dash_duo.find_element("#cards").text
    open_tab(dash_duo, "table")
    wait_for(lambda: "120 (superseded)" in grid_column(dash_duo, "stated"))
    cells = {c.get_attribute("textContent"): c
             for c in dash_duo.find_elements("#evidence .ag-cell[col-id='stated']")}
    assert set(cells) == {"120 (superseded)", "95"}
    assert "line-through" in cells["120 (superseded)"].value_of_css_property("text-decoration")
    assert "line-through" not in cells["95"].value_of_css_property("text-decoration")
    assert sorted(grid_column(dash_duo, "times_stated")) == ["1", "2"]
    assert dash_duo.get_logs() == []


def test_try_it_says_why_a_french_text_gives_no_figures(tmp_path):
    client = create_app(f"sqlite:///{tmp_path / 'store.sqlite'}").server.test_client()
    text = ("Au moins douze personnes ont été tuées mardi dans une attaque contre un marché de "
            "la ville, selon les autorités locales.")
    response = post_callback(
        client, [("try-output", "children")],
        [("try-run", "n_clicks", 1), ("try-upload", "contents", None)],
        [("try-text", "value", text), ("try-upload", "filename", None),
         ("try-published", "value", None), ("try-publisher", "value", None)])
    output = str(response.get_json()["response"]["try-output"]["children"])
    assert "This text is in French (fr): no figures, since the extractor reads English only" in output
