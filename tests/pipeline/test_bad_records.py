"""One bad record never stops a refresh: text is cleaned on the way in, a document that
fails is recorded on the run and the others are stored, and a run whose process was
killed does not stay "running"."""

import os
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

import pipeline.extraction as extraction
import pipeline.refresh as refresh_module
from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import documents, figures, metadata, open_store

from ..loopback import urls_sources_file
from ..processes import started
from .conftest import ROOT, article, postgres_url

PG = postgres_url()


def hostile_folder(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Gunmen killed 5 people in Besk.\n")
    # JSON escapes: a lone surrogate, a NUL, and a decomposed accent
    (folder / "b.json").write_text(
        '[{"id": "s", "text": "Seven people were killed\\ud800 in Orsel.", "title": "T\\ud800"},'
        ' {"id": "n", "text": "Nine people\\u0000 were wounded.", "publisher": "W\\u0000ire"},'
        ' {"id": "e", "text": "Three were killed in Mire\\u0301na."}]')
    (folder / "c.txt").write_text("Four people were abducted.\n")
    return folder


def stored(store):
    with store.engine.connect() as conn:
        docs = {k.split(":", 1)[1]: dict(text=t, title=ti, publisher=p) for k, t, ti, p in conn.execute(
            sa.select(documents.c.key, documents.c.text, documents.c.title, documents.c.publisher))}
        values = sorted(conn.execute(sa.select(figures.c.category, figures.c.value)).all())
    return docs, values


@pytest.mark.parametrize("url", ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    PG is None, reason="no PostgreSQL server (scripts/start-postgres.sh)"))])
def test_surrogates_and_nul_are_cleaned_and_everything_is_stored(tmp_path, url):
    if url == "postgresql":
        url = PG
        engine = sa.create_engine(PG)
        with engine.begin() as conn:
            metadata.drop_all(conn)  # every table of the store, as this program knows them
        engine.dispose()
    else:
        url = f"sqlite:///{tmp_path / 's.sqlite'}"
    store = open_store(url)
    run = refresh(store, [Source("docs", "folder", path=hostile_folder(tmp_path))],
                  progress=False)
    assert run.status == "ok", store.run_errors(run.run_id)
    docs, values = stored(store)
    assert set(docs) == {"a.txt", "b.json#s", "b.json#n", "b.json#e", "c.txt"}
    assert docs["b.json#s"]["text"] == "Seven people were killed in Orsel."
    assert docs["b.json#s"]["title"] == "T"
    assert docs["b.json#n"]["text"] == "Nine people were wounded."
    assert docs["b.json#n"]["publisher"] == "Wire"
    assert docs["b.json#e"]["text"] == "Three were killed in Mir\u00e9na."  # NFC
    assert values == [("abducted", 4), ("killed", 3), ("killed", 5), ("killed", 7),
                      ("wounded", 9)]
    assert store.recent_runs(1)[0]["status"] == "ok"


def test_a_document_that_fails_is_recorded_and_the_rest_stored(tmp_path, sqlite_url,
                                                              monkeypatch):
    real = extraction.extract_figures

    def breaks_on_four(text, *args):
        if "Four" in text:
            raise UnicodeEncodeError("utf-8", "x", 0, 1, "a stand-in for any failure")
        return real(text, *args)

    monkeypatch.setattr(extraction, "extract_figures", breaks_on_four)  # as a refresh reads
    store = open_store(sqlite_url)
    run = refresh(store, [Source("docs", "folder", path=hostile_folder(tmp_path))],
                  progress=False)
    assert run.status == "partial"
    (error,) = [e for _, e in store.run_errors(run.run_id)]
    assert error.startswith("c.txt: UnicodeEncodeError")
    assert set(stored(store)[0]) == {"a.txt", "b.json#s", "b.json#n", "b.json#e"}
    assert store.recent_runs(1)[0]["status"] == "partial"


def test_a_run_killed_with_sigkill_is_marked_interrupted_by_the_next(server, tmp_path):
    base, site = server
    site.add("/slow", article(1, 5))
    site.delay["/slow"] = 20
    sources = urls_sources_file(tmp_path, [f"{base}/slow"])
    url = f"sqlite:///{tmp_path / 'k.sqlite'}"
    with started([sys.executable, "-m", "pipeline", "refresh", "--store", url, "--sources",
                  str(sources)], cwd=ROOT, stdout=subprocess.DEVNULL,
                 stderr=subprocess.DEVNULL) as proc:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not site.hits.get("/slow"):
            time.sleep(0.1)
        assert site.hits.get("/slow"), "the refresh never reached the page"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    store = open_store(url)
    assert store.recent_runs(1)[0]["status"] == "running"  # what kill -9 leaves
    site.delay.pop("/slow")
    refresh(store, [Source("docs", "folder", path=hostile_folder(tmp_path))], progress=False)
    assert [r["status"] for r in store.recent_runs(2)] == ["ok", "interrupted"]


def test_reextract_keeps_the_figures_of_a_document_that_fails(tmp_path, sqlite_url,
                                                             monkeypatch, caplog):
    store = open_store(sqlite_url)
    refresh(store, [Source("docs", "folder", path=hostile_folder(tmp_path))], progress=False)
    before = stored(store)[1]
    real = refresh_module.extract_figures

    def breaks_on_four(text, *args):
        if "Four" in text:
            raise RecursionError("a stand-in for any failure")
        return real(text, *args)

    monkeypatch.setattr(refresh_module, "extract_figures", breaks_on_four)
    docs, _ = refresh_module.reextract(store, progress=False)
    assert docs == 5 and stored(store)[1] == before
    assert any("docs:c.txt: RecursionError" in r.getMessage() for r in caplog.records)
