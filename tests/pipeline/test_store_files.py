"""Stores that are not stores give one clear error line, never a traceback; locks are
per store file; on PostgreSQL the schema is created once when two processes race."""

import logging
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from pipeline.__main__ import main
from pipeline.store import StoreError, metadata, open_store

from .conftest import ROOT, postgres_url
from .test_columns import postgres_schema_url

PG = postgres_url()


def random_bytes(path):
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(8192)))


def text_file(path):
    path.write_text("this is a note, not a database\n" * 50)


def truncated(path):
    """A store cut short, as an interrupted copy leaves it (no write-ahead log beside it)."""
    store = open_store(f"sqlite:///{path}")
    store.engine.dispose()  # the last connection checkpoints and removes the log
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def version_row(value):
    def make(path):
        open_store(f"sqlite:///{path}")
        with sqlite3.connect(path) as conn:
            if value is None:
                conn.execute("DELETE FROM meta WHERE key = 'schema_version'")
            else:
                conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (value,))
    return make


BROKEN = {"random bytes": random_bytes, "a text file": text_file, "truncated": truncated,
          "no schema_version": version_row(None), "schema_version not a number": version_row("x2")}


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_store_is_one_clear_error(tmp_path, name):
    path = tmp_path / "store.sqlite"
    BROKEN[name](path)
    with pytest.raises(StoreError, match=f"{path}: (cannot open the store|the store)"):
        open_store(str(path))


@pytest.mark.parametrize("name", BROKEN)
@pytest.mark.parametrize("command", [["status"], ["export", "-o", "out.csv"], ["reextract"],
                                     ["refresh"]])
def test_every_command_prints_one_line_for_a_broken_store(tmp_path, caplog, name, command):
    path = tmp_path / "store.sqlite"
    BROKEN[name](path)
    before = path.read_bytes()
    command = [str(tmp_path / c) if c == "out.csv" else c for c in command]  # never in the repo
    with caplog.at_level(logging.ERROR, logger="pipeline"):
        assert main(["--store", str(path), *command]) == 1
    (line,) = [r.getMessage() for r in caplog.records]
    assert line.startswith("error: ") and str(path) in line and "\n" not in line
    if name in ("random bytes", "a text file"):
        assert path.read_bytes() == before  # nothing written over it


def test_no_traceback_from_the_real_command(tmp_path):
    path = tmp_path / "store.sqlite"
    random_bytes(path)
    done = subprocess.run([sys.executable, "-m", "pipeline", "status", "--store", str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1


def test_stores_with_the_same_stem_have_their_own_locks(tmp_path):
    one, two = open_store(str(tmp_path / "a.sqlite")), open_store(str(tmp_path / "a.db"))
    with one.writer_lock():
        with two.writer_lock():  # not "another refresh is writing"
            pass
        with pytest.raises(StoreError, match="another refresh"):
            with open_store(str(tmp_path / "a.sqlite")).writer_lock():
                pass
    assert {p.name for p in tmp_path.glob("*.lock")} == {"a.sqlite.lock", "a.db.lock"}


@pytest.mark.skipif(PG is None, reason="no PostgreSQL server (scripts/start-postgres.sh)")
def test_stores_in_two_postgresql_schemas_have_their_own_locks():
    # (one database, a schema per store, as the tests' stores: a refresh of one no longer
    # fails with "another refresh is writing" while the other is refreshed)
    one, two = (open_store(postgres_schema_url(f"lock_{name}")) for name in ("one", "two"))
    with one.writer_lock():
        with two.writer_lock():
            pass
        with pytest.raises(StoreError, match="another refresh"):
            with open_store(str(one.engine.url.render_as_string(hide_password=False))).writer_lock():
                pass
    with one.writer_lock():  # released
        pass


@pytest.mark.skipif(PG is None, reason="no PostgreSQL server (scripts/start-postgres.sh)")
def test_two_processes_creating_the_postgresql_schema_at_once():
    engine = sa.create_engine(PG)
    for _ in range(10):
        with engine.begin() as conn:
            metadata.drop_all(conn)  # every table of the store, as this program knows them
        with ThreadPoolExecutor(4) as pool:
            stores = list(pool.map(lambda _: open_store(PG), range(4)))
        assert {s.schema_version() for s in stores} == {stores[0].schema_version()}
        for store in stores:
            store.engine.dispose()
    engine.dispose()


def test_a_bad_url_never_shows_its_password():
    with pytest.raises(StoreError) as caught:
        open_store("postgresql+nosuchdriver://reader:s3cret@127.0.0.1/db")
    assert "s3cret" not in str(caught.value) and "reader:***@" in str(caught.value)
