"""The figures' stored `day` (the report date, else the document's publication date): the
same as computing it from the figure and its document, after every kind of write, as of
every earlier time, and after an upgrade from schema 6; and the indexes that read it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from dashboard import evidence
from dashboard.data import View
from dashboard.evidence import evidence_page
from pipeline.export import load_figures
from pipeline.history import figures_as_of
from pipeline.refresh import reextract, refresh
from pipeline.store import SCHEMA_VERSION, documents, figures, open_store

from .test_columns import STORES, postgres_schema_url
from .test_history import corpus, key, new_versions, tick
from .test_summaries import as_version_6


@pytest.fixture(params=STORES)
def url(request, tmp_path) -> str:
    """An empty store's URL, SQLite or PostgreSQL (a schema named after the test)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return postgres_schema_url(f"day_{request.node.originalname}"[:63])


def days(url: str, when=None) -> list[tuple]:
    """(document, figure, stored day, the day computed from the figure and its document)
    of every figure row, as the store holds them or as they stood at `when`."""
    engine = open_store(url).engine
    if when is None:
        held, docs = figures, documents
    else:
        held, docs, _ = figures_as_of(when)
    stmt = (sa.select(held.c.doc_key, held.c.figure_id, held.c.day,
                      sa.func.coalesce(held.c.report_date, docs.c.published))
            .join_from(held, docs, docs.c.key == held.c.doc_key)
            .order_by(held.c.doc_key, held.c.figure_id))
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(stmt)]
    engine.dispose()
    return rows


def agree(url: str, times: list) -> None:
    """Every figure's day is the computed one now and at each of these earlier times; a
    time just after now is added to `times`."""
    rows = days(url)
    assert rows and [r for r in rows if r[2] != r[3]] == []
    for when in times:
        then = days(url, when)
        assert then and [r for r in then if r[2] != r[3]] == [], when
    times.append(tick())


def write_everything(url: str, tmp_path) -> list:
    """Every kind of write, the days checked after each; the times between them."""
    folder, sources = corpus(tmp_path)
    refresh(open_store(url), sources, progress=False)
    times: list = []
    agree(url, times)
    new_versions(folder)  # later versions, some published on other days
    assert refresh(open_store(url), sources, progress=False).documents_changed == 5
    agree(url, times)
    store = open_store(url)
    frame = load_figures(store)
    store.correct(frame.iloc[0].figure_id, "value", "7", "a typo", "desk")
    store.correct(frame.iloc[1].figure_id, "wrong", "", "a road count", "desk")
    agree(url, times)
    (folder / "2026-03-02_radio-tolvan_breaking-orsel.txt").unlink()
    originals = {r["original"] for r in key("key.csv") if r["kind"] == "reprint"}
    (folder / sorted(originals)[0]).unlink()
    assert refresh(open_store(url), sources, progress=False).withdrawn == 2
    agree(url, times)
    reextract(open_store(url), progress=False)
    agree(url, times)
    return times


def test_the_day_is_the_report_date_else_the_publication_date_after_every_write(tmp_path, url):
    write_everything(url, tmp_path)
    undated = [r for r in days(url) if r[2] is None]
    assert len(undated) < len(days(url))


def test_an_upgrade_from_version_6_gives_every_row_and_its_history_its_day(tmp_path, url):
    times = write_everything(url, tmp_path)
    before = {when: days(url, when) for when in [*times[:-1], None]}
    store = open_store(url)
    with store.engine.begin() as conn:
        as_version_6(conn)
    store.engine.dispose()
    upgraded = open_store(url)
    assert upgraded.schema_version() == SCHEMA_VERSION == 9
    for when, rows in before.items():
        assert days(url, when) == rows, when
    indexes = {i["name"] for i in sa.inspect(upgraded.engine).get_indexes("figures")}
    assert {"figures_day", "figures_category_day", "figures_value"} <= indexes
    assert "ix_figures_category" not in indexes
    # and the grid reads the new indexes: newest first, and by value
    newest, _ = evidence_page(upgraded, View(), None, 0, 5)
    largest, _ = evidence_page(upgraded, View(), [{"colId": "stated", "sort": "desc"}], 0, 5)
    with upgraded.engine.connect() as conn:
        top = conn.execute(sa.select(sa.func.max(figures.c.day), sa.func.max(figures.c.value))
                           ).one()
    assert newest[0]["day"] == top[0] and largest[0]["value"] == top[1]


def test_the_grid_s_first_blocks_are_read_from_an_index_on_sqlite(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"  # (no timing: SQLite's plan says it)
    _, sources = corpus(tmp_path)
    refresh(open_store(url), sources, progress=False)
    store = open_store(url)
    plans = []

    def plan(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().startswith("SELECT") and "LIMIT" in statement:
            plans.append(" ".join(r[3] for r in cursor.connection.execute(
                "EXPLAIN QUERY PLAN " + statement, parameters)))

    sa.event.listen(store.engine, "before_cursor_execute", plan)
    monkeypatch.setattr(evidence, "COUNT_CAP", 10)  # a view larger than the cap
    for view, sort in ((View(), None), (View(categories=("killed",)), None),
                       (View(), [{"colId": "day", "sort": "asc"}]),
                       (View(), [{"colId": "stated", "sort": "desc"}])):
        plans.clear()
        evidence_page(store, view, sort, 0, 100)
        assert "USING INDEX figures_" in plans[-1] and "ORDER BY" not in plans[-1], plans[-1]
