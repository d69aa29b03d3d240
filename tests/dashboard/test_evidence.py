"""The evidence grid's rows read by the store (dashboard/evidence.py), on SQLite and
PostgreSQL: the view's filters (the sentence through the full-text index, the value
range), every shown column's sort, each column filter of the grid as the view it sets
(dashboard/table_filters.py), as of an earlier time, blocks that cover every row once,
and the answer the grid's infinite row model expects."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from dashboard import evidence
from dashboard.app import create_app
from dashboard.data import StoreData, View
from dashboard.evidence import GRID_COLUMNS, SORTABLE, evidence_page, grid_row
from dashboard.table_filters import changed_view, summary_values
from pipeline.export import csv_chunks
from pipeline.store import open_store

from ..pipeline.test_columns import STORES, postgres_schema_url
from ..pipeline.test_search import HOSTILE, starts_words
from ..rows import a_document, a_figure
from .dash_client import evidence_response, evidence_rows, post_callback

FIRST = dt.datetime(2026, 3, 9, 12)
LATER = dt.datetime(2026, 3, 12, 12)
# (document key, publisher, published, [(figure id, category, value, agency, report date,
#  place, sentence)])
DOCUMENTS = [
    ("w:a", "Coast Wire", dt.date(2026, 3, 2), [
        ("a1", "killed", 12, "Ministry of Health", dt.date(2026, 3, 2), "Besk",
         "At least 12 people were killed in a strike on the hospital in Besk."),
        ("a2", "wounded", 30, "Ministry of Health", dt.date(2026, 3, 2), "Besk",
         "Another 30 were wounded, the health ministry said."),
    ]),
    ("w:b", "Daily Sun", dt.date(2026, 3, 5), [
        ("b1", "killed", 205, "UN OCHA", dt.date(2026, 3, 4), "Orsel",
         "OCHA said 205 have been killed since the fighting began."),
        ("b2", "displaced", 18500, "UN OCHA", None, "",
         "Partners estimate 18,500 people have been displaced [from] *Orsel*."),
        ("b3", "missing", 7, "Red Crescent", dt.date(2026, 3, 1), "Orsel",
         "Seven fishermen (7) are missing at sea, the Red Crescent said."),
    ]),
    ("w:c", "Coast Wire", dt.date(2026, 3, 8), [
        ("c1", "killed", 40, "Police", dt.date(2026, 3, 8), "Tarn",
         "Police said 40 were killed near the hospital 100% \"NEAR\" OR."),
    ]),
]
IDS = {f[0] for _, _, _, found in DOCUMENTS for f in found}
# what else each figure says: who was counted, its scope, period and event date
MORE = {
    "a1": dict(subject="people", scope="incident", event_date=dt.date(2026, 3, 1),
               period="on Sunday", period_start=dt.date(2026, 3, 1),
               period_end=dt.date(2026, 3, 1)),
    "a2": dict(subject="", scope="incident", event_date=dt.date(2026, 3, 1)),
    "b1": dict(subject="people", scope="toll", period="since the fighting began"),
    "b2": dict(subject="people", scope="stock", period="since 2 March",
               period_start=dt.date(2026, 3, 2), period_end=dt.date(2026, 3, 5)),
    "b3": dict(subject="fishermen", scope="stock"),
    "c1": dict(subject="Civilians", scope="incident", event_date=dt.date(2026, 3, 7)),
    "c2": dict(subject="Civilians", scope="incident", event_date=dt.date(2026, 3, 10),
               times_stated=2),
}


def fill(url: str) -> str:
    """Store the DOCUMENTS; then, later, a new version of w:c that drops its figure for
    another one."""
    store = open_store(url)
    for key, publisher, published, found in DOCUMENTS:
        doc = a_document(key=key, locator=key, publisher=publisher, published=published,
                         content_hash=key, fetched_at=FIRST)
        store.write([(doc, [a_figure(fid, value, category=category, agency=agency,
                                     report_date=day, place=place, sentence=sentence,
                                     number_text=str(value), publisher=publisher,
                                     published=published, **MORE[fid])
                            for fid, category, value, agency, day, place, sentence in found])],
                    now=FIRST)
    doc = a_document(key="w:c", locator="w:c", publisher="Coast Wire",
                     published=dt.date(2026, 3, 11), content_hash="w:c2")
    store.write([(doc, [a_figure("c2", 44, agency="Police", report_date=dt.date(2026, 3, 11),
                                 sentence="Police now say 44 were killed in Tarn.",
                                 number_text="44", place="Tarn", **MORE["c2"])])], now=LATER)
    store.engine.dispose()
    return url


@pytest.fixture(params=STORES)
def store(request, tmp_path):
    """A store of the DOCUMENTS, SQLite or PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    else:
        url = postgres_schema_url(f"evidence_{request.node.originalname}"[:63])
    return open_store(fill(url))


def ids(store, view: View | None = None, sort=None, start=0, count=100) -> list[str]:
    rows, _ = evidence_page(store, view or View(), sort, start, count)
    return [r["figure_id"] for r in rows]


def filtered(store, model: dict, view: View | None = None) -> set[str]:
    """The figures the grid shows once its filter `model` has set the view (as the page's
    callback does: the text columns' values from the store's summary)."""
    data = StoreData(str(store.engine.url.render_as_string(hide_password=False)))
    data.connect()
    new, _ = changed_view(view or View(), model, lambda column, kind, text: summary_values(
        data, column, kind, text))
    return set(ids(store, new))


def text(filter_: str, kind: str = "contains") -> dict:
    return {"filterType": "text", "type": kind, "filter": filter_}


def test_newest_first_by_default_and_the_view_filters(store):
    rows, total = evidence_page(store, View(), None, 0, 100)
    # the day is the report date, else the publication date (b2 has none: 5 March); the
    # figures of one day and document last figure first (the index read backwards)
    assert total == 6 and [r["figure_id"] for r in rows] == ["c2", "b2", "b1", "a2", "a1", "b3"]
    assert [r["day"] for r in rows] == [dt.date(2026, 3, d) for d in (11, 5, 4, 2, 2, 1)]
    assert ids(store, View(categories=("killed",))) == ["c2", "b1", "a1"]
    assert set(ids(store, View(agencies=("UN OCHA",)))) == {"b1", "b2"}
    assert set(ids(store, View(publishers=("Coast Wire",)))) == {"a1", "a2", "c2"}
    assert set(ids(store, View(places=("Orsel",)))) == {"b1", "b3"}
    assert set(ids(store, View(start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 4)))) == {
        "a1", "a2", "b1"}


def test_sorts_by_any_shown_column_both_ways(store):
    assert ids(store, sort=[{"colId": "stated", "sort": "asc"}]) == [
        "b3", "a1", "a2", "c2", "b1", "b2"]
    assert ids(store, sort=[{"colId": "stated", "sort": "desc"}])[0] == "b2"
    assert ids(store, sort=[{"colId": "agency", "sort": "asc"}])[:3] == ["a1", "a2", "c2"]
    assert ids(store, sort=[{"colId": "day", "sort": "asc"}])[0] == "b3"
    publishers = [r["publisher"] for r in evidence_page(
        store, View(), [{"colId": "publisher", "sort": "desc"}], 0, 10)[0]]
    assert publishers == sorted(publishers, reverse=True)
    # a column the grid cannot sort by (the sentence), or garbage: newest first
    assert ids(store, sort=[{"colId": "sentence", "sort": "asc"}]) == ids(store)
    assert ids(store, sort=[{"colId": "day", "sort": "sideways"}]) == ids(store)


# each sortable column's order as a person reads the column: what it sorts by, and
# whether a row without it (None) comes last either way (else it sorts as the smallest)
ORDER = {"day": (lambda r: r["day"], False),
         "dated": (lambda r: grid_row(r)["dated"], False),
         "category": (lambda r: r["category"], False),
         "stated": (lambda r: r["value"], False),
         "subject": (lambda r: r["subject"].lower() or None, True),
         "scope": (lambda r: r["scope"], False),
         "period": (lambda r: r["period_start"], True),
         "event_date": (lambda r: r["event_date"], True),
         "place": (lambda r: r["place"].lower() or None, True),
         "agency": (lambda r: r["agency"].lower(), False),
         "times_stated": (lambda r: r["times_stated"], False),
         "publisher": (lambda r: r["publisher"].lower(), False)}


@pytest.mark.parametrize("column", SORTABLE)
def test_every_sortable_column_is_sorted_by_the_store_both_ways(store, column):
    key, none_last = ORDER[column]
    for direction in ("asc", "desc"):
        rows, total = evidence_page(store, View(), [{"colId": column, "sort": direction}], 0, 100)
        assert total == 6 and {r["figure_id"] for r in rows} == {"a1", "a2", "b1", "b2", "b3", "c2"}
        keys = [key(r) for r in rows]
        present = [k for k in keys if k is not None]
        assert present == sorted(present, reverse=direction == "desc"), (direction, keys)
        missing = [k is None for k in keys]
        if none_last or direction == "desc":  # an undated row is the oldest
            assert missing == sorted(missing), (direction, keys)
        else:
            assert missing == sorted(missing, reverse=True), (direction, keys)
        assert len(set(present)) > 1, keys  # the data tells the orders apart
    # the two orders differ
    assert ids(store, sort=[{"colId": column, "sort": "asc"}]) != ids(
        store, sort=[{"colId": column, "sort": "desc"}])


def test_every_shown_control_is_one_the_store_honours():
    """A header the grid lets a person sort by is one the store sorts by, and a column
    filter it shows is one that sets the page's view (the rest have none)."""
    for column in GRID_COLUMNS:
        assert (column.get("sortable", True) is not False) == (column["field"] in SORTABLE), column
    filtered_columns = {c["field"] for c in GRID_COLUMNS if c.get("filter", True) is not False}
    assert filtered_columns == {"day", "category", "stated", "scope", "place", "agency",
                                "sentence", "publisher"}


def test_the_new_columns_say_who_was_counted_the_period_the_place_and_the_date_s_kind(store):
    shown = {r["figure_id"]: grid_row(r) for r in evidence_page(store, View(), None, 0, 100)[0]}
    assert shown["b3"]["subject"] == "fishermen" and shown["a2"]["subject"] == ""
    assert shown["b2"]["period"] == "2026-03-02 – 2026-03-05 (since 2 March)"
    assert shown["a1"]["period"] == "2026-03-01 (on Sunday)"
    assert shown["b1"]["period"] == "since the fighting began"
    assert shown["b3"]["place"] == "Orsel" and shown["c2"]["place"] == "Tarn"
    # b2 states no report date: its day is the publication date
    assert shown["b2"]["dated"] == "published" and shown["b2"]["day"] == "2026-03-05"
    assert {shown[f]["dated"] for f in ("a1", "a2", "b1", "b3", "c2")} == {"stated"}
    assert evidence.place_text("Besk", "Libya") == "Besk, Libya"
    assert evidence.place_text("Libya", "Libya") == "Libya"
    assert evidence.period_text(dt.date(2026, 3, 2), None, "since 2 March") == (
        "from 2026-03-02 (since 2 March)")


def test_a_view_past_the_count_cap_reads_the_same_blocks(store, monkeypatch):
    """A view of more than COUNT_CAP rows is read in order from the indexes, a smaller one
    sorted: the same rows in the same order either way."""
    cases = [(View(), None), (View(categories=("killed",)), None),
             (View(), [{"colId": "day", "sort": "asc"}]),
             (View(), [{"colId": "stated", "sort": "desc"}]),
             (View(), [{"colId": "event_date", "sort": "asc"}]),
             (View(), [{"colId": "publisher", "sort": "desc"}]),
             (View(), [{"colId": "dated", "sort": "asc"}]),
             (View(sentence="killed"), None), (View(least=10, most=300), None)]
    sorted_ = [ids(store, view, sort, start, 2) for view, sort in cases for start in (0, 2, 4)]
    monkeypatch.setattr(evidence, "COUNT_CAP", 1)
    assert [ids(store, view, sort, start, 2) for view, sort in cases
            for start in (0, 2, 4)] == sorted_
    assert evidence_page(store, View(), None, 0, 2)[1] is None


def test_an_undated_figure_sorts_as_the_oldest(store):
    doc = a_document(key="w:u", locator="w:u", published=None, content_hash="w:u")
    store.write([(doc, [a_figure("u1", 3, report_date=None, published=None)])], now=LATER)
    assert ids(store)[-1] == "u1"
    assert ids(store, sort=[{"colId": "day", "sort": "asc"}])[0] == "u1"
    assert ids(store, View(categories=("killed",)))[-1] == "u1"
    assert evidence.grid_row(evidence_page(store, View(), None, 6, 1)[0][0])["day"] == ""


def test_the_sentence_filter_finds_words_through_the_index(store):
    assert set(ids(store, View(sentence="hospital"))) == {"a1"}
    assert set(ids(store, View(sentence="KILLED"))) == {"a1", "b1", "c2"}
    assert set(ids(store, View(sentence="kill hosp"))) == {"a1"}
    assert ids(store, View(sentence="helicopter")) == []
    assert set(ids(store, View(sentence='"near" OR'))) == set()  # c1 replaced
    assert set(ids(store, View(sentence="[from] *orsel*"))) == {"b2"}
    sentences = {f[0]: f[6] for _, _, _, found in DOCUMENTS for f in found if f[0] != "c1"}
    sentences["c2"] = "Police now say 44 were killed in Tarn."
    for hostile in HOSTILE:  # never an error, never syntax; no words is no filter
        assert set(ids(store, View(sentence=hostile))) == {
            f for f, sentence in sentences.items() if starts_words(sentence, hostile)}, hostile
    assert len(ids(store, View(sentence="***"))) == 6


def test_the_value_range(store):
    assert set(ids(store, View(least=40))) == {"b1", "b2", "c2"}
    assert set(ids(store, View(least=10, most=40))) == {"a1", "a2"}
    assert set(ids(store, View(most=7))) == {"b3"}
    assert set(ids(store, View(least=12, most=12, sentence="killed"))) == {"a1"}


def test_each_column_filter_of_the_grid_sets_the_view_the_store_reads(store):
    assert filtered(store, {"agency": text("health")}) == {"a1", "a2"}
    assert filtered(store, {"agency": text("un ocha", "equals")}) == {"b1", "b2"}
    assert filtered(store, {"publisher": text("SUN")}) == {"b1", "b2", "b3"}
    assert filtered(store, {"place": text("ORS")}) == {"b1", "b3"}
    assert filtered(store, {"category": text("kill")}) == {"a1", "b1", "c2"}
    assert filtered(store, {"scope": text("stock", "equals")}) == {"b2", "b3"}
    assert filtered(store, {"stated": {"filterType": "number", "type": "greaterThanOrEqual",
                                       "filter": 40}}) == {"b1", "b2", "c2"}
    assert filtered(store, {"stated": {"filterType": "number", "type": "inRange",
                                       "filter": 10, "filterTo": 40}}) == {"a1", "a2"}
    assert filtered(store, {"stated": {"filterType": "number", "type": "equals",
                                       "filter": 7}}) == {"b3"}
    assert filtered(store, {"day": {"filterType": "date", "type": "inRange",
                                    "dateFrom": "2026-03-02 00:00:00",
                                    "dateTo": "2026-03-05 00:00:00"}}) == {"a1", "a2", "b1", "b2"}
    assert filtered(store, {"day": {"filterType": "date", "type": "lessThan",
                                    "dateFrom": "2026-03-02"}}) == {"b3"}
    assert filtered(store, {"day": {"filterType": "date", "type": "greaterThan",
                                    "dateFrom": "2026-03-05 00:00:00"}}) == {"c2"}
    assert filtered(store, {"sentence": text("killed"), "publisher": text("coast")}) == {
        "a1", "c2"}
    # what matches nothing sets nothing (the page says so), and so do half-typed values
    for ignored in ({"agency": text("health", "equals")}, {"agency": text("%")},
                    {"source": text("x")}, {"stated": {"filterType": "number", "type": "equals"}},
                    {"day": {"filterType": "date", "type": "equals", "dateFrom": "soon"}},
                    {"agency": "health"}, {"agency": text("x", "regex")}):
        assert len(filtered(store, ignored)) == 6, ignored


def test_as_of_reads_the_rows_as_they_stood(store):
    then = View(as_of=FIRST + dt.timedelta(hours=1))
    assert set(ids(store, then)) == IDS
    assert set(ids(store, View(as_of=then.as_of, sentence="near hospital"))) == {"c1"}
    assert ids(store, View(sentence="near hospital")) == []
    assert ids(store, View(as_of=FIRST - dt.timedelta(days=1))) == []
    assert set(ids(store, View(as_of=LATER, sentence="tarn"))) == {"c2"}
    assert set(ids(store, View(as_of=then.as_of, least=40))) == {"b1", "b2", "c1"}


@pytest.mark.parametrize("sort", [None, [{"colId": "stated", "sort": "asc"}],
                                  [{"colId": "publisher", "sort": "desc"}],
                                  [{"colId": "event_date", "sort": "asc"}]])
def test_blocks_cover_every_row_exactly_once(store, sort):
    seen, start = [], 0
    while True:
        rows, total = evidence_page(store, View(), sort, start, 4)
        seen += [r["figure_id"] for r in rows]
        if len(rows) < 4:
            break
        start += 4
    assert sorted(seen) == sorted(IDS - {"c1"} | {"c2"}) and total == 6


def test_the_count_stops_at_its_cap(store, monkeypatch):
    monkeypatch.setattr(evidence, "COUNT_CAP", 3)
    rows, total = evidence_page(store, View(), None, 0, 2)
    assert len(rows) == 2 and total is None
    assert evidence_page(store, View(categories=("killed",)), None, 0, 2)[1] == 3


def test_the_grid_gets_blocks_as_its_infinite_row_model_expects(tmp_path, monkeypatch):
    client = create_app(fill(f"sqlite:///{tmp_path / 's.sqlite'}")).server.test_client()
    response = evidence_response(client, size=4)
    body = response.get_json()["response"]
    assert set(body["evidence"]["getRowsResponse"]) == {"rowData", "rowCount"}
    assert body["evidence"]["getRowsResponse"]["rowCount"] == 6
    assert body["evidence-count"]["children"] == "6 figures"
    rows = evidence_rows(response)
    assert len(rows) == 4 and rows[0]["figure_id"] == "c2"
    assert {"day", "dated", "category", "stated", "subject", "scope", "period", "event_date",
            "place", "agency", "times_stated", "sentence", "publisher", "source_title",
            "source_url"} <= set(rows[0])
    assert rows[0]["sentence_parts"] == ["Police now say ", "44", " were killed in Tarn."]
    last = evidence_response(client, page=1, size=4).get_json()["response"]
    assert last["evidence"]["getRowsResponse"]["rowCount"] == 6
    assert len(last["evidence"]["getRowsResponse"]["rowData"]) == 2
    killed = evidence_rows(evidence_response(client, search="?category=killed&q=killed",
                                             sort=[{"colId": "stated", "sort": "asc"}]))
    assert [r["stated"] for r in killed] == ["12", "44", "205"]
    # the rows are the URL's view: a filter model the URL does not hold yet is not read
    ranged = evidence_response(client, search="?q=killed&max=100",
                               filters={"sentence": text("hospital")}).get_json()["response"]
    assert [r["stated"] for r in ranged["evidence"]["getRowsResponse"]["rowData"]] == ["44", "12"]
    assert ranged["evidence-count"]["children"] == "2 figures"
    monkeypatch.setattr(evidence, "COUNT_CAP", 3)
    capped = evidence_response(client, size=2).get_json()["response"]
    assert capped["evidence"]["getRowsResponse"]["rowCount"] == -1
    assert capped["evidence-count"]["children"].startswith("3+ figures")


def test_the_sentence_filter_finds_its_rows_by_the_index_on_sqlite(tmp_path):
    """The words pick the figures' rows by their rowids from the full-text index, in the
    grid and in the download (no scan of the table checking every row)."""
    store = open_store(fill(f"sqlite:///{tmp_path / 'store.sqlite'}"))
    plans = []

    def plan(conn, cursor, statement, parameters, context, executemany):
        if "figures_fts" in statement and statement.lstrip().startswith("SELECT"):
            plans.append(" ".join(r[3] for r in cursor.connection.execute(
                "EXPLAIN QUERY PLAN " + statement, parameters)))

    sa.event.listen(store.engine, "before_cursor_execute", plan)
    evidence_page(store, View(sentence="killed"), None, 0, 10)
    list(csv_chunks(store, View(sentence="killed").filters()))
    assert len(plans) == 3
    for found in plans:
        assert "SEARCH figures USING INTEGER PRIMARY KEY" in found, found


def test_a_crafted_block_request_reads_one_block_at_most(tmp_path, monkeypatch):
    """A getRowsRequest asking for a billion rows gets one block; one whose rows are not
    numbers gets an empty block, never an error."""
    client = create_app(fill(f"sqlite:///{tmp_path / 's.sqlite'}")).server.test_client()
    monkeypatch.setattr(evidence, "BLOCK", 2)

    def block(start, end) -> dict:
        response = post_callback(client, [("evidence", "getRowsResponse"),
                                          ("evidence-count", "children")],
                                 [("evidence", "getRowsRequest",
                                   {"startRow": start, "endRow": end, "sortModel": [],
                                    "filterModel": {}})], [("url", "search", "")])
        assert response.status_code == 200, response.get_data(as_text=True)[-500:]
        return response.get_json()["response"]["evidence"]["getRowsResponse"]

    assert len(block(0, 10**9)["rowData"]) == 2
    assert len(block(4, 10**9)["rowData"]) == 2 and block(4, 10**9)["rowCount"] == 6
    for start, end in (("x", 10), (0, "1e9"), (-5, 10), (None, None), ([1], 3), (3, 3),
                       (2.5, 10), (True, 3)):
        assert block(start, end)["rowData"] == [], (start, end)
