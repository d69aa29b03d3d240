"""The charts' summary kept by the store (pipeline/summaries.py): after every kind of
write its current rows are what the old in-memory computation gives on the same store,
and its rows as of an earlier time are what that computation gave then."""

from __future__ import annotations

import datetime as dt
import shutil
import threading

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from pipeline import history
from pipeline.export import load_figures
from pipeline.refresh import reextract, refresh
from pipeline.sources import Source
from pipeline.store import SCHEMA_VERSION, figures, meta, open_store
from pipeline.summaries import build, chart_rows

from ..rows import a_document, a_figure
from ..summary_oracle import differences, expected_groups, summary_rows
from .test_columns import PG, STORES, postgres_schema_url
from .test_history import corpus, key, new_versions, tick


@pytest.fixture(params=STORES)
def url(request, tmp_path) -> str:
    """An empty store's URL, SQLite or PostgreSQL (a schema named after the test)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return postgres_schema_url(f"summaries_{request.node.originalname}"[:63])


def agrees(url: str, times: list) -> None:
    """The summary agrees with the old computation now, and at each of these earlier times
    (time, the old computation's groups then) with what it gave then; now is added to
    `times` (the time just after)."""
    engine = open_store(url).engine
    now = expected_groups(engine)
    assert differences(now, summary_rows(engine)) == []
    for when, then in times:
        assert differences(then, summary_rows(engine, when)) == [], when
    times.append((tick(), now))
    engine.dispose()


def test_the_summary_follows_every_kind_of_write(tmp_path, url):
    folder, sources = corpus(tmp_path)
    refresh(open_store(url), sources, progress=False)
    store = open_store(url)
    rows = summary_rows(store.engine)
    # (each group of this corpus holds one figure since groups part by subject too:
    # tests/pipeline/test_headline_store.py has groups of several)
    assert len(rows) > 50
    times = []
    agrees(url, times)

    # the same documents again change no row
    refresh(open_store(url), sources, progress=False)
    assert summary_rows(store.engine) == rows

    # later versions of five documents
    new_versions(folder)
    assert refresh(open_store(url), sources, progress=False).documents_changed == 5
    agrees(url, times)

    # a person's corrections: a value, a figure marked wrong, an agency
    frame = load_figures(open_store(url))
    originals = frame[frame.reprint_of == ""]
    top = max(rows, key=lambda r: r["value"])
    store.correct(top["figure_id"], "value", "7", "a typo", "desk")
    store.correct(originals[originals.category == "wounded"].iloc[0].figure_id, "wrong", "",
                  "a road count", "desk")
    store.correct(originals[originals.category == "killed"].iloc[0].figure_id, "agency",
                  "Red Crescent", "misread", "desk")
    agrees(url, times)

    # a document withdrawn, and one of its copies' originals gone
    (folder / "2026-03-02_radio-tolvan_breaking-orsel.txt").unlink()
    originals_of = {r["original"] for r in key("key.csv") if r["kind"] == "reprint"}
    (folder / sorted(originals_of)[0]).unlink()
    assert refresh(open_store(url), sources, progress=False).withdrawn == 2
    agrees(url, times)

    # everything read again by the same extractor
    reextract(open_store(url), progress=False)
    agrees(url, times)


def test_copies_stored_before_their_originals_stop_counting_when_linked(tmp_path, url):
    folder, sources = corpus(tmp_path)
    first = tmp_path / "first"
    first.mkdir()
    copies = [r["file"] for r in key("key.csv") if r["kind"] == "reprint"]
    for name in copies:  # the copies, on their own: each counts
        shutil.copy(folder / name, first / name)
    refresh(open_store(url), [Source("corpus", "folder", path=first)], progress=False)
    alone = summary_rows(open_store(url).engine)
    assert len(alone) > 10
    times = []
    agrees(url, times)
    refresh(open_store(url), sources, progress=False)  # then their originals come
    agrees(url, times)
    engine = open_store(url).engine
    with engine.connect() as conn:
        counted = set(conn.execute(sa.select(chart_rows.c.doc_key).where(
            chart_rows.c.valid_to.is_(None))).scalars())
    assert not counted & {f"corpus:{name}" for name in copies}


def as_version_6(conn: Connection) -> None:
    """The store as schema 6 left it: no summary, no group keys, no days nor their
    indexes, the category's own index (its version 7 sentence index stays: building it
    is idempotent), and no table of sources (version 9)."""
    chart_rows.drop(conn)
    conn.exec_driver_sql("DROP TABLE sources")
    for index in ("ix_figures_chart_key", "figures_day", "figures_category_day",
                  "figures_value"):
        conn.exec_driver_sql(f"DROP INDEX {index}")
    conn.exec_driver_sql("ALTER TABLE figures DROP COLUMN chart_key")
    conn.exec_driver_sql("ALTER TABLE figures DROP COLUMN day")
    conn.exec_driver_sql("ALTER TABLE figure_history DROP COLUMN day")
    conn.exec_driver_sql("CREATE INDEX ix_figures_category ON figures (category)")
    conn.execute(meta.update().where(meta.c.key == "schema_version").values(value="6"))


def test_a_version_6_store_is_upgraded_with_its_summary(tmp_path, url):
    _, sources = corpus(tmp_path)
    refresh(open_store(url), sources, progress=False)
    store = open_store(url)
    now = summary_rows(store.engine)
    with store.engine.begin() as conn:
        as_version_6(conn)
    store.engine.dispose()
    upgraded = open_store(url)
    assert upgraded.schema_version() == SCHEMA_VERSION == 9
    agrees(url, [])
    fields = [c for c in now[0] if c not in ("id", "valid_from")]
    assert (sorted([r[f] for f in fields] for r in summary_rows(upgraded.engine))
            == sorted([r[f] for f in fields] for r in now))
    with upgraded.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).where(
            figures.c.chart_key.is_(None))).scalar_one() == 0


def test_building_the_summary_again_gives_the_rows_kept_by_the_writes(tmp_path, url):
    folder, sources = corpus(tmp_path)
    refresh(open_store(url), sources, progress=False)
    new_versions(folder)
    refresh(open_store(url), sources, progress=False)
    store = open_store(url)
    kept = summary_rows(store.engine)
    with store.engine.begin() as conn:
        build(conn, kept[0]["valid_from"])
    fields = [c for c in kept[0] if c not in ("id", "valid_from")]
    assert (sorted([r[f] for f in fields] for r in summary_rows(store.engine))
            == sorted([r[f] for f in fields] for r in kept))


@pytest.mark.skipif(PG is None, reason="no PostgreSQL server (scripts/start-postgres.sh)")
def test_two_writers_at_once_on_postgresql_leave_the_summary_right():
    """A `pipeline correct` while a refresh's batch is in its transaction (PostgreSQL,
    READ COMMITTED): the second waits for the first, and the summary shows both."""
    store = open_store(postgres_schema_url("summaries_two_writers"))
    store.write([(a_document(), [a_figure("1" * 16, 12, scope="toll"),
                                 a_figure("2" * 16, 20, start=10, end=12, scope="toll")])],
                now=dt.datetime(2026, 3, 9, 8))
    second = threading.Thread(target=store.correct, args=("1" * 16, "value", "15", "typo", "you"),
                              kwargs={"now": dt.datetime(2026, 3, 10, 8, 1)})
    with store.batch() as conn:  # a refresh's batch: here, marking the other figure wrong
        written = history.Written(dt.datetime(2026, 3, 10, 8))
        history.correct(conn, "2" * 16, "wrong", "", "not a toll", "me", written)
        store.update_claims(conn, written, set())
        second.start()
        second.join(2)  # the correction waits for this transaction
        assert second.is_alive()
    second.join(30)
    rows = [(r["value"], r["figures"]) for r in summary_rows(store.engine)]
    assert rows == [(15, 1)]
    assert differences(expected_groups(store.engine), summary_rows(store.engine)) == []
    with store.engine.connect() as conn:
        open_rows = conn.execute(sa.select(sa.func.count()).select_from(chart_rows).where(
            chart_rows.c.valid_to.is_(None))).scalar_one()
    assert open_rows == 1


@pytest.mark.skipif(PG is None, reason="no PostgreSQL server (scripts/start-postgres.sh)")
def test_a_group_cannot_have_two_current_rows_on_postgresql():
    """The summary's current row of a group is unique (an index): a write that would open a
    second one fails, whatever the store's age (the index is added to a schema 7 store
    made before it when the store is opened)."""
    url = postgres_schema_url("summaries_unique_current")
    store = open_store(url)
    store.write([(a_document(), [a_figure("1" * 16, 12)])], now=dt.datetime(2026, 3, 9, 8))
    with store.engine.begin() as conn:  # a store of schema 7 as issue 16 made it
        conn.exec_driver_sql("DROP INDEX chart_rows_current_key")
    store = open_store(url)
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(chart_rows).where(chart_rows.c.valid_to.is_(None))).one()
    with pytest.raises(sa.exc.IntegrityError), store.engine.begin() as conn:
        conn.execute(chart_rows.insert().values(dict(row._mapping) | {"id": row.id + 1}))
