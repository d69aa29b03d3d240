"""`python -m pipeline backup`: a consistent copy of the store in a new SQLite file, never
upgrading the store it copies."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from pipeline.__main__ import main
from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import SCHEMA_VERSION, documents, figures, metadata, open_store

from .conftest import ROOT
from .test_columns import PG, make_version_1_store

SAMPLE = ROOT / "data" / "sample"


def rows(url: str) -> tuple[list, list]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        docs = conn.execute(sa.select(documents.c.key, documents.c.content_hash,
                                      documents.c.reprint_of).order_by(documents.c.key)).all()
        found = conn.execute(sa.select(figures.c.doc_key, figures.c.figure_id, figures.c.value,
                                       figures.c.place_name, figures.c.lat)
                             .order_by(figures.c.doc_key, figures.c.figure_id)).all()
    engine.dispose()
    return [tuple(r) for r in docs], [tuple(r) for r in found]


def test_a_backup_holds_every_document_and_figure_and_opens_as_a_store(tmp_path, caplog):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    refresh(open_store(url), [Source("sample", "folder", path=SAMPLE)], progress=False)
    out = tmp_path / "backups" / "before-upgrade.sqlite"
    assert main(["--store", url, "backup", "-o", str(out)]) == 0
    copy = f"sqlite:///{out}"
    assert rows(copy) == rows(url) and len(rows(url)[1]) == 141
    assert open_store(copy).counts()["figures"] == 141
    # a second backup to the same file is refused, and the first is kept
    size = out.stat().st_size
    assert main(["--store", url, "backup", "-o", str(out)]) == 1
    assert "already exists" in caplog.text and str(out) in caplog.text
    assert out.stat().st_size == size


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    PG is None, reason="no PostgreSQL server (scripts/start-postgres.sh)"))])
def test_a_backup_of_an_old_store_does_not_upgrade_it(tmp_path, kind):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}" if kind == "sqlite" else PG
    if kind == "postgresql":
        engine = sa.create_engine(PG)
        with engine.begin() as conn:
            metadata.drop_all(conn)
        engine.dispose()
    make_version_1_store(url)
    out = tmp_path / "copy.sqlite"
    assert main(["--store", url, "backup", "-o", str(out)]) == 0
    for copy in (url, f"sqlite:///{out}"):
        engine = sa.create_engine(copy)
        with engine.connect() as conn:
            assert conn.exec_driver_sql(
                "SELECT value FROM meta WHERE key = 'schema_version'").scalar() == "1"
        engine.dispose()
    # the copy is a store of version 1, which the program upgrades when it opens it
    assert open_store(f"sqlite:///{out}").schema_version() == SCHEMA_VERSION


def test_what_is_no_store_is_not_backed_up(tmp_path, caplog):
    empty = tmp_path / "empty.sqlite"
    out = tmp_path / "copy.sqlite"
    assert main(["--store", f"sqlite:///{empty}", "backup", "-o", str(out)]) == 1
    assert "holds no store" in caplog.text and not out.exists()


@pytest.mark.skipif(PG is None, reason="no PostgreSQL server (scripts/start-postgres.sh)")
def test_a_postgresql_store_is_backed_up_to_one_sqlite_file(tmp_path):
    engine = sa.create_engine(PG)
    with engine.begin() as conn:
        metadata.drop_all(conn)
    engine.dispose()
    refresh(open_store(PG), [Source("sample", "folder", path=SAMPLE)], progress=False)
    out = tmp_path / "pg.sqlite"
    assert main(["--store", PG, "backup", "-o", str(out)]) == 0
    assert rows(f"sqlite:///{out}") == rows(PG)
    assert open_store(f"sqlite:///{out}").counts()["documents"] == 41
