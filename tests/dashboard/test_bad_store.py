"""A store file that is not a usable store still gives a page that says so: random bytes,
a text file, a truncated SQLite file, a missing or garbled schema version."""

import gc
import os
import sqlite3
from pathlib import Path

import pytest

from dashboard.app import create_app
from pipeline.store import open_store

from .dash_client import evidence_response, evidence_rows, page_response, post_callback


def random_bytes(path: Path, _sample: str) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def text_file(path: Path, _sample: str) -> None:
    path.write_text("These are not the figures you are looking for.\n" * 200, encoding="utf-8")


def truncated_sqlite(path: Path, sample: str) -> None:
    source = Path(sample.removeprefix("sqlite:///"))
    with sqlite3.connect(source) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _meta(path: Path, statement: str) -> None:
    open_store(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        conn.execute(statement)


def no_schema_version(path: Path, _sample: str) -> None:
    _meta(path, "DELETE FROM meta WHERE key = 'schema_version'")


def schema_version_not_a_number(path: Path, _sample: str) -> None:
    _meta(path, "UPDATE meta SET value = 'one' WHERE key = 'schema_version'")


BAD_STORES = [random_bytes, text_file, truncated_sqlite, no_schema_version,
              schema_version_not_a_number]


def update_message(client) -> str:
    """The message above the charts, as the page's main callback sets it."""
    response = page_response(client)
    assert response.status_code == 200, response.get_data(as_text=True)[-1000:]
    return response.get_json()["response"]["message"]["children"]


def freshness_text(client) -> str:
    """The freshness line, as the page's poll sets it."""
    response = post_callback(client, [("version", "data"), ("freshness", "children")],
                             [("poll", "n_intervals", 1)], [("version", "data", None)])
    assert response.status_code == 200, response.get_data(as_text=True)[-1000:]
    return str(response.get_json()["response"]["freshness"]["children"])


@pytest.mark.parametrize("make", BAD_STORES, ids=lambda f: f.__name__)
def test_a_bad_store_file_gives_a_page_that_says_so(tmp_path, sample_store, make):
    path = tmp_path / "bad.sqlite"
    make(path, sample_store)
    app = create_app(f"sqlite:///{path}")
    client = app.server.test_client()
    page = client.get("/")
    assert page.status_code == 200 and "Traceback" not in page.get_data(as_text=True)
    assert update_message(client).startswith("The store cannot be opened")
    assert "Store unavailable" in freshness_text(client)
    response = evidence_response(client)
    assert response.status_code == 200
    assert evidence_rows(response) == []
    download = client.get("/download.csv")
    assert (download.status_code, download.get_data(as_text=True)) == (
        503, "the store cannot be read\n")


def test_a_store_that_breaks_while_the_page_is_open_says_so(tmp_path, sample_store):
    app = create_app(sample_store)
    client = app.server.test_client()
    assert "documents" in freshness_text(client)
    path = Path(sample_store.removeprefix("sqlite:///"))
    app.store_data.store.engine.dispose()
    # every other connection to the file closed (the refresh's that made it) and its log
    # written into it first: else a connection closed later writes the log's pages back
    # over the broken file, mending it (a test's own doing, not the page's)
    gc.collect()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    random_bytes(path, sample_store)
    assert "Store unavailable" in freshness_text(client)
    assert update_message(client).startswith("The store cannot be opened")
    assert evidence_rows(evidence_response(client)) == []
