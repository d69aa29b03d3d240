"""Refresh from folders, feeds and URLs into the store: incremental, idempotent, robust."""

import json
import logging
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
import urllib3

from pipeline.__main__ import main
from pipeline.fetch import Fetcher
from pipeline.refresh import reextract, refresh
from pipeline.sources import Source, SourceError, load_sources
from pipeline.store import StoreError, documents, figures, open_store

from ..loopback import urls_sources_file
from ..processes import started
from .conftest import ROOT, article, feed

SAMPLE = ROOT / "data" / "sample"


def fast():
    return Fetcher(timeout=urllib3.Timeout(connect=1.0, read=0.5), retries=1, backoff=0.01,
                   max_bytes=200_000)


def rows(store, table):
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def figure_keys(store):
    with store.engine.connect() as conn:
        return set(conn.execute(sa.select(figures.c.doc_key, figures.c.figure_id)).all())


def test_sample_folder_refresh_then_nothing_changed(sqlite_url):
    store = open_store(sqlite_url)
    sources = [Source("sample", "folder", path=SAMPLE)]
    first = refresh(store, sources, progress=False)
    assert first.status == "ok" and first.documents_changed == 41
    before = figure_keys(store)
    assert len(before) == 141
    second = refresh(store, sources, progress=False)
    assert second.status == "ok" and second.documents_changed == 0
    assert figure_keys(store) == before


def test_changed_file_replaces_its_figures(tmp_path, sqlite_url):
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "a.txt"
    doc.write_text("---\npublisher: Desk\npublished: 2026-01-05\n---\nGunmen killed 5 people.\n")
    store = open_store(sqlite_url)
    source = [Source("local", "folder", path=folder)]
    refresh(store, source, progress=False)
    doc.write_text("---\npublisher: Desk\npublished: 2026-01-05\n---\nGunmen killed 7 people "
                   "and wounded 3.\n")
    run = refresh(store, source, progress=False)
    assert run.documents_changed == 1
    with store.engine.connect() as conn:
        values = sorted(conn.execute(sa.select(figures.c.category, figures.c.value)).all())
    assert values == [("killed", 7), ("wounded", 3)]


def test_folder_formats_and_a_bad_file(tmp_path, sqlite_url, caplog):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text("# Note\n\nTwelve people were killed, police said.\n")
    (folder / "b.html").write_bytes(article(1, 30))
    (folder / "c.json").write_text(json.dumps([
        {"id": "x1", "text": "Four people were injured.", "publisher": "J", "published": "2026-02-01"},
        {"id": "x2", "text": "Nine people are missing."},
    ]))
    (folder / "d.jsonl").write_text('{"text": "Three people were abducted."}\nnot json\n')
    (folder / "e.txt").write_bytes(b"\xff\xfe\x00garbage\x00")
    store = open_store(sqlite_url)
    with caplog.at_level(logging.ERROR, logger="pipeline"):
        run = refresh(store, [Source("local", "folder", path=folder)], progress=False)
    assert run.status == "partial"
    (result,) = run.sources
    assert (result.documents_changed, result.documents_failed) == (4, 2)
    errors = [r.getMessage() for r in caplog.records]
    assert len(errors) == 2
    assert any("d.jsonl" in e and "not valid JSON" in e for e in errors)
    assert any("e.txt" in e and "not valid UTF-16" in e for e in errors)
    with store.engine.connect() as conn:
        stored = sorted(conn.execute(sa.select(figures.c.category, figures.c.value)).all())
    assert stored == [("killed", 12), ("killed", 30), ("missing", 9), ("wounded", 4)]
    assert rows(store, documents) == 4


def test_feed_with_good_and_bad_entries(server, sqlite_url, caplog):
    base, site = server
    site.add("/page/1", article(1, 12))
    site.add("/page/2", article(2, 34))
    site.add("/latin1", article(3, 56, charset="iso-8859-1"),
             headers={"Content-Type": "text/html; charset=ISO-8859-1"})
    site.add("/moved", b"", status=302, headers={"Location": "/page/3"})
    site.add("/page/3", article(4, 78))
    site.add("/error", b"down", status=500)
    site.add("/slow", article(5, 90))
    site.delay["/slow"] = 2.0
    site.add("/huge", b"<p>" + b"y" * 400_000 + b"</p>")
    links = [f"{base}/page/1", f"{base}/page/2", f"{base}/latin1", f"{base}/moved",
             f"{base}/error", f"{base}/slow", f"{base}/huge", "file:///etc/passwd"]
    site.add("/feed.xml", feed(base, links), headers={"Content-Type": "application/rss+xml"})
    store = open_store(sqlite_url)
    source = [Source("wire", "feed", url=f"{base}/feed.xml", allow_private=True)]
    with caplog.at_level(logging.ERROR, logger="pipeline"):
        run = refresh(store, source, fetcher=fast(), progress=False)
    (result,) = run.sources
    assert run.status == "partial"
    assert (result.documents_seen, result.documents_changed, result.documents_failed) == (8, 4, 4)
    messages = " | ".join(r.getMessage() for r in caplog.records)
    recorded = " | ".join(error for _, error in store.run_errors(run.run_id))
    for expected in ("/error: HTTP 500", "/slow: timed out", "/huge:", "/etc/passwd: refused"):
        assert expected in messages and expected in recorded
    with store.engine.connect() as conn:
        killed = sorted(v for (v,) in conn.execute(
            sa.select(figures.c.value).where(figures.c.category == "killed")))
        publishers = set(conn.execute(sa.select(documents.c.publisher)).scalars())
    assert killed == [12, 34, 56, 78]
    assert publishers == {"Test Wire"}
    # Unchanged feed: one small conditional request, nothing re-read.
    hits = dict(site.hits)
    again = refresh(store, source, fetcher=fast(), progress=False)
    assert again.documents_changed == 0
    assert site.hits["/feed.xml"] == hits["/feed.xml"] + 1
    assert site.hits["/page/1"] == hits["/page/1"]


def test_malformed_feed_fails_its_source_only(server, sqlite_url):
    base, site = server
    site.add("/bad.xml", b"<html><body>this is not a feed", headers={"Content-Type": "text/html"})
    store = open_store(sqlite_url)
    sources = [Source("bad", "feed", url=f"{base}/bad.xml", allow_private=True),
               Source("sample", "folder", path=SAMPLE)]
    run = refresh(store, sources, fetcher=fast(), progress=False)
    assert run.status == "partial"
    assert [s.status for s in run.sources] == ["failed", "ok"]
    assert "not a readable RSS or Atom feed" in run.sources[0].error
    only_bad = refresh(store, sources[:1], fetcher=fast(), progress=False)
    assert only_bad.status == "failed"


def test_url_list_source(server, sqlite_url):
    base, site = server
    site.add("/one", article(1, 5))
    store = open_store(sqlite_url)
    run = refresh(store, [Source("list", "urls", urls=(f"{base}/one", f"{base}/missing"),
                                         allow_private=True)],
                  fetcher=fast(), progress=False)
    assert (run.sources[0].documents_changed, run.sources[0].documents_failed) == (1, 1)


def test_sources_file_errors(tmp_path):
    bad = tmp_path / "sources.toml"
    bad.write_text('[[source]]\nname = "x"\nkind = "feed"\nurl = "file:///etc/passwd"\n')
    with pytest.raises(SourceError, match="only http and https"):
        load_sources(bad)
    bad.write_text('[[source]]\nname = "x"\nkind = "ftp"\n')
    with pytest.raises(SourceError, match="kind must be one of"):
        load_sources(bad)
    with pytest.raises(SourceError, match="No such file"):
        load_sources(tmp_path / "missing.toml")
    assert [s.name for s in load_sources()] == ["sample"]  # the default file


def test_second_writer_is_refused(sqlite_url):
    store = open_store(sqlite_url)
    with store.writer_lock():
        with pytest.raises(StoreError, match="another refresh"):
            refresh(store, [Source("sample", "folder", path=SAMPLE)], progress=False)


def test_reextract_restores_figures_without_fetching(sqlite_url):
    store = open_store(sqlite_url)
    refresh(store, [Source("sample", "folder", path=SAMPLE)], progress=False)
    before = figure_keys(store)
    with store.engine.begin() as conn:
        conn.execute(figures.delete())
    assert reextract(store, progress=False) == (41, 141)
    assert figure_keys(store) == before


def test_command_line_refresh_status_and_exit_codes(tmp_path, capsys, caplog):
    store = f"sqlite:///{tmp_path / 's.sqlite'}"
    assert main(["--store", store, "refresh"]) == 0
    assert main(["--store", store, "status"]) == 0
    out = capsys.readouterr().out
    assert "41 documents, 141 figures" in out and "sample" in out
    broken = tmp_path / "sources.toml"
    broken.write_text('[[source]]\nname = "gone"\nkind = "folder"\npath = "nowhere"\n')
    with caplog.at_level(logging.ERROR, logger="pipeline"):
        assert main(["--store", store, "refresh", "--sources", str(broken)]) == 1
        assert main(["--store", "postgresql+psycopg://nobody@127.0.0.1:1/none", "status"]) == 1
    errors = [r.getMessage() for r in caplog.records]
    assert len(errors) == 2 and all("\n" not in e for e in errors)
    assert "nowhere: no such folder" in errors[0] and "cannot open the store" in errors[1]


def test_newer_schema_is_refused_and_older_is_upgraded(sqlite_url, monkeypatch):
    import pipeline.store as store_module

    store = open_store(sqlite_url)
    assert store.schema_version() == store_module.SCHEMA_VERSION
    applied = []
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", store_module.SCHEMA_VERSION + 1)
    monkeypatch.setitem(store_module.MIGRATIONS, store_module.SCHEMA_VERSION - 1,
                        lambda conn: applied.append(conn.execute(sa.text("SELECT 1")).scalar()))
    upgraded = open_store(sqlite_url)
    assert applied == [1] and upgraded.schema_version() == store_module.SCHEMA_VERSION
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", store_module.SCHEMA_VERSION - 1)
    with pytest.raises(StoreError, match="upgrade the program"):
        open_store(sqlite_url)


def test_scheduled_refresh_runs_repeatedly_until_sigterm(tmp_path):
    """Service managers and containers stop programs with SIGTERM; a job started in the
    background has SIGINT ignored. SIGTERM stops the schedule cleanly, exit 0."""
    url = f"sqlite:///{tmp_path / 'sched.sqlite'}"
    with started([sys.executable, "-m", "pipeline", "refresh", "--store", url, "--every", "1s"],
                 cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) as proc:
        # the first run reads the whole sample corpus, which takes long on a loaded machine;
        # the runs after it find nothing changed: each must follow within 30 s of the last
        deadline = time.monotonic() + 120
        runs = 0
        while time.monotonic() < deadline and runs < 3:
            time.sleep(0.3)
            if Path(tmp_path / "sched.sqlite").exists():
                try:
                    now = len([r for r in open_store(url).recent_runs(10) if r["status"] == "ok"])
                except StoreError:
                    now = 0
                if now > runs:
                    runs, deadline = now, time.monotonic() + 30
        proc.send_signal(signal.SIGTERM)
        err = proc.communicate(timeout=30)[1]
    assert runs >= 3, err
    assert proc.returncode == 0, err
    assert "refreshing every 0:00:01" in err and "SIGTERM: stopping" in err


def test_sigterm_stops_a_refresh_after_its_current_document(server, tmp_path):
    base, site = server
    for n in range(20):
        site.add(f"/p{n}", article(n, 10 + n))
        site.delay[f"/p{n}"] = 0.3
    sources = urls_sources_file(tmp_path, [f"{base}/p{n}" for n in range(20)])
    url = f"sqlite:///{tmp_path / 't.sqlite'}"
    with started([sys.executable, "-m", "pipeline", "refresh", "--store", url, "--sources",
                  str(sources)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                 text=True) as proc:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and sum(site.hits.values()) < 3:
            time.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        err = proc.communicate(timeout=30)[1]
    assert proc.returncode == 0, err
    store = open_store(url)
    (run,) = store.recent_runs(1)
    assert run["status"] == "stopped" and 0 < run["documents_changed"] < 20
    assert store.counts()["documents"] == run["documents_changed"]
    with store.writer_lock():  # released
        pass


def test_store_option_after_the_command(tmp_path, capsys):
    store = str(tmp_path / "after.sqlite")
    assert main(["refresh", "--store", store]) == 0
    assert main(["status", "--store", store]) == 0
    assert "41 documents, 141 figures" in capsys.readouterr().out
    out = tmp_path / "f.csv"
    assert main(["export", "-o", str(out), "--store", store, "--category", "killed"]) == 0
    assert main(["--store", store, "reextract"]) == 0
    assert out.read_text().count("killed") > 10
