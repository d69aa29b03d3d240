"""The [headline] settings: read from the sources file (one clear line for anything that
does not fit), stored by the refresh for the dashboard; the summary's groups part by who
was counted; and the upgrade of a version 7 store."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
import sqlalchemy as sa

from pipeline.__main__ import main
from pipeline.headline import HeadlineError, headline_agencies, load_headline_agencies
from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import SCHEMA_VERSION, figures, meta, open_store
from pipeline.store import sources as store_sources
from pipeline.summaries import chart_rows

from ..summary_oracle import differences, expected_groups, summary_rows
from .test_columns import STORES, postgres_schema_url
from .test_history import corpus

JANUARY = dt.datetime(2026, 1, 1)
FOLDER = '[[source]]\nname = "docs"\nkind = "folder"\npath = "docs"\n'
BAD = {
    "an array": ('[[headline]]\nagencies = ["WHO"]\n', r"must be a single table"),
    "a typo": ('[headline]\nagency = ["WHO"]\n', r"unknown key 'agency'; known keys: agencies"),
    "a string": ('[headline]\nagencies = "WHO"\n', r"'agencies' must be a list of non-empty"),
    "an empty name": ('[headline]\nagencies = ["WHO", " "]\n', r"list of non-empty strings"),
    "twice by alias": ('[headline]\nagencies = ["OCHA", "WHO", "UNOCHA"]\n',
                       r"the agency 'UNOCHA' is listed twice \(as 'UN Office for the "
                       r"Coordination of Humanitarian Affairs'\)"),
}


@pytest.fixture(params=STORES)
def any_url(request, tmp_path) -> str:
    """An empty store's URL, SQLite or PostgreSQL (a schema named after the test)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return postgres_schema_url(f"headline_{request.node.originalname}"[:63])


def stored_order(url: str) -> list[str]:
    engine = open_store(url).engine
    with engine.connect() as conn:
        found = list(conn.execute(sa.select(headline_agencies.c.agency)
                                  .order_by(headline_agencies.c.position)).scalars())
    engine.dispose()
    return found


@pytest.mark.parametrize("name", BAD)
def test_a_bad_headline_table_is_one_clear_error(tmp_path, caplog, name):
    text, message = BAD[name]
    path = tmp_path / "sources.toml"
    path.write_text(FOLDER + text)
    with pytest.raises(HeadlineError, match=message) as caught:
        load_headline_agencies(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)
    (tmp_path / "docs").mkdir()
    with caplog.at_level(logging.ERROR, logger="pipeline"):
        assert main(["refresh", "--store", str(tmp_path / "s.sqlite"), "--sources",
                     str(path)]) == 1
    (line,) = [r.getMessage() for r in caplog.records]
    assert line.startswith(f"error: {path}: [headline]") and "\n" not in line


def test_the_refresh_stores_the_order_read_from_the_sources_file(tmp_path):
    (tmp_path / "docs").mkdir()
    path = tmp_path / "sources.toml"
    path.write_text(FOLDER + '[headline]\nagencies = ["Ministry of Health", "OCHA", '
                    '"Karsova Red Crescent"]\n')
    assert load_headline_agencies(path) == [
        "Ministry of Health", "UN Office for the Coordination of Humanitarian Affairs",
        "Karsova Red Crescent"]
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    assert main(["refresh", "--store", url, "--sources", str(path)]) == 0
    assert stored_order(url) == load_headline_agencies(path)
    # another order in the file replaces it; a file without [headline] clears it
    path.write_text(FOLDER + '[headline]\nagencies = ["WHO", "Ministry of Health"]\n')
    assert main(["refresh", "--store", url, "--sources", str(path)]) == 0
    assert stored_order(url) == ["World Health Organization", "Ministry of Health"]
    path.write_text(FOLDER)
    assert main(["refresh", "--store", url, "--sources", str(path)]) == 0
    assert stored_order(url) == []


def test_the_summary_parts_figures_of_one_agency_and_day_by_who_was_counted(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "army.txt").write_text(
        "---\npublished: 2026-04-12\npublisher: Wire\n---\n"
        "The army said on Sunday that 1,100 rebels had been killed in Orsel since the offensive "
        "began. The army said on Sunday that 45 soldiers had been killed in Orsel since the "
        "offensive began.\n")
    (docs / "army-again.txt").write_text(
        "---\npublished: 2026-04-12\npublisher: Wire\n---\n"
        "Army spokesman: 1,150 rebels have been killed in Orsel since the offensive began, "
        "the army said on Sunday.\n")
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    refresh(open_store(url), [Source("docs", "folder", path=docs)], progress=False)
    engine = open_store(url).engine
    rows = {r["subject"]: r for r in summary_rows(engine)}
    assert {s: (r["value"], r["figures"]) for s, r in rows.items()} == {
        "rebels": (1150, 2), "soldiers": (45, 1)}
    assert differences(expected_groups(engine), summary_rows(engine)) == []


def as_version_7(conn) -> None:
    """The store as schema 7 left it: no [headline] table nor table of sources (version
    9), the summary without subjects (its rows opened on 1 January)."""
    headline_agencies.drop(conn)
    store_sources.drop(conn)
    conn.exec_driver_sql("ALTER TABLE chart_rows DROP COLUMN subject")
    conn.execute(chart_rows.update().values(valid_from=JANUARY))
    conn.execute(meta.update().where(meta.c.key == "schema_version").values(value="7"))


def test_a_version_7_store_is_upgraded_keeping_its_figures_and_its_summary_of_then(
        tmp_path, any_url):
    url = any_url
    _, sources = corpus(tmp_path)
    refresh(open_store(url), sources, progress=False)
    store = open_store(url)
    with store.engine.begin() as conn:
        as_version_7(conn)
    with store.engine.connect() as conn:
        figures_before = conn.execute(sa.select(figures).order_by(figures.c.figure_id)).all()
        current = list(conn.execute(sa.select(chart_rows.c.id)).scalars())
    store.engine.dispose()
    upgraded = open_store(url)
    assert upgraded.schema_version() == SCHEMA_VERSION == 9
    engine = upgraded.engine
    with engine.connect() as conn:
        assert conn.execute(sa.select(figures).order_by(figures.c.figure_id)).all() == \
            figures_before
        assert conn.execute(sa.select(sa.func.count()).select_from(headline_agencies)
                            ).scalar_one() == 0
    now = summary_rows(engine)
    assert differences(expected_groups(engine), now) == []
    assert all(r["subject"] is not None for r in now)
    # the rows of before the upgrade stand as they were until it, without their subject
    then = summary_rows(engine, JANUARY + dt.timedelta(days=1))
    assert sorted(r["id"] for r in then) == sorted(current)
    assert all(r["subject"] is None for r in then)
    assert open_store(url).schema_version() == SCHEMA_VERSION  # opened again: as it is

