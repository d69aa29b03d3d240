"""Schema version 9: the refresh keeps each source as its sources file declares it (kind,
location, expected_interval) in the table `sources`, in SQLite and PostgreSQL; a store
of version 7 is upgraded to hold it and keeps its rows."""

import datetime as dt

import pytest
import sqlalchemy as sa

from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import SCHEMA_VERSION, documents, open_store, sources

from .conftest import ROOT
from .test_columns import STORES, a_document, old_metadata, postgres_schema_url

SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(params=STORES)
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return postgres_schema_url(f"declared_{request.node.originalname}"[:63])


def declared(url: str) -> list[tuple]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(sources.c.name, sources.c.kind, sources.c.location,
                                      sources.c.expected_interval).order_by(sources.c.name)).all()
    engine.dispose()
    return [tuple(r) for r in rows]


def test_the_refresh_stores_each_source_with_its_expected_interval(url, tmp_path):
    store = open_store(url)
    week = dt.timedelta(days=7)
    missing = Source("wire", "urls", urls=("http://127.0.0.1:9/a", "http://127.0.0.1:9/b"),
                     allow_private=True, fetch_deadline=2)
    refresh(store, [Source("sample", "folder", path=SAMPLE, expected_interval=week), missing],
            progress=False)
    assert declared(url) == [("sample", "folder", "sample", week),
                             ("wire", "urls", "http://127.0.0.1:9/a", None)]
    # the next refresh's file changes the interval; a source it no longer lists is kept
    refresh(store, [Source("sample", "folder", path=SAMPLE,
                           expected_interval=dt.timedelta(hours=6))], progress=False)
    assert declared(url) == [("sample", "folder", "sample", dt.timedelta(hours=6)),
                             ("wire", "urls", "http://127.0.0.1:9/a", None)]
    store.engine.dispose()


def test_a_version_7_store_is_upgraded_to_hold_the_sources(url):
    engine = sa.create_engine(url)
    old = old_metadata(7)
    assert "sources" not in old.tables
    with engine.begin() as conn:
        old.create_all(conn)
        conn.execute(old.tables["meta"].insert().values(key="schema_version", value="7"))
        conn.execute(old.tables["documents"].insert().values(a_document("local:a.txt", "None.")))
    engine.dispose()
    store = open_store(url)
    assert store.schema_version() == SCHEMA_VERSION == 9
    assert declared(url) == []
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(documents.c.key)).scalars().all() == ["local:a.txt"]
    store.engine.dispose()
