"""No hung refresh: a fetch has a total deadline (connect, headers and body together), a
source has one too, and a folder reads only regular files under a size cap."""

import os
import socket
import time
from http.server import BaseHTTPRequestHandler

import pytest
import urllib3

from pipeline.fetch import Fetcher, FetchError
from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import open_store

from ..loopback import serving
from .conftest import article

GOOD = "---\npublisher: Desk\npublished: 2026-01-05\n---\nGunmen killed 5 people.\n"


class Trickle(BaseHTTPRequestHandler):
    """Sends its headers (or, on /headers, the headers themselves) one byte at a time,
    for at most 30 s, so a test that fails never leaves it running long."""

    def do_GET(self):  # noqa: N802 (the http.server API)
        ends = time.monotonic() + 30
        try:
            if self.path == "/headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                while time.monotonic() < ends:
                    self.wfile.write(b"X-Slow: " + b"a" * 2 + b"\r\n")
                    self.wfile.flush()
                    time.sleep(0.05)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000000")
            self.end_headers()
            while time.monotonic() < ends:
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def trickle():
    with serving(Trickle) as base:
        yield base


@pytest.mark.parametrize("path", ["/body", "/headers"])
def test_a_trickling_server_is_cut_off_at_the_deadline(trickle, path):
    fetcher = Fetcher(timeout=urllib3.Timeout(connect=1.0, read=5.0), retries=2, deadline=1.0)
    began = time.monotonic()
    with pytest.raises(FetchError, match=rf"{path}: no complete answer within 1 s"):
        fetcher.get(trickle + path, allow_private=True)
    assert time.monotonic() - began < 10  # a deadline, not the 30 s the server would go on


def test_a_source_stops_at_its_deadline_and_keeps_what_it_read(server, sqlite_url):
    base, site = server
    for n in range(6):
        site.add(f"/p{n}", article(n, 10 + n))
        site.delay[f"/p{n}"] = 0.4
    source = Source("slow", "urls", urls=tuple(f"{base}/p{n}" for n in range(6)),
                    allow_private=True, source_deadline=1)
    store = open_store(sqlite_url)
    run = refresh(store, [source], progress=False)
    (result,) = run.sources
    assert result.status == "failed" and "stopped after 1 s (source_deadline)" in result.error
    assert 1 <= result.documents_changed < 6
    assert store.counts()["documents"] == result.documents_changed
    assert sum(site.hits.values()) < 6


def folder_with_good_file(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD)
    return folder


def test_a_fifo_in_a_folder_is_skipped_not_waited_on(tmp_path, sqlite_url):
    folder = folder_with_good_file(tmp_path)
    os.mkfifo(folder / "x.txt")
    outside = tmp_path / "pipe"
    os.mkfifo(outside)
    (folder / "y.txt").symlink_to(outside)  # followed: still no regular file
    store = open_store(sqlite_url)
    run = refresh(store, [Source("docs", "folder", path=folder, follow_symlinks=True)],
                  progress=False)
    errors = [e for _, e in store.run_errors(run.run_id)]
    assert run.status == "partial" and len(errors) == 2
    assert all("not a regular file" in e for e in errors)
    assert store.counts()["documents"] == 1


def test_a_socket_in_a_folder_is_skipped(tmp_path, sqlite_url):
    folder = folder_with_good_file(tmp_path)
    listener = socket.socket(socket.AF_UNIX)
    try:
        listener.bind(str(folder / "s.txt"))
        store = open_store(sqlite_url)
        run = refresh(store, [Source("docs", "folder", path=folder)], progress=False)
    finally:
        listener.close()
    (error,) = [e for _, e in store.run_errors(run.run_id)]
    assert "s.txt" in error and store.counts()["documents"] == 1


def test_files_over_the_size_cap_are_refused_unread(tmp_path, sqlite_url):
    folder = folder_with_good_file(tmp_path)
    with open(folder / "huge.txt", "wb") as f:
        f.truncate(20_000_000)  # a sparse 20 MB file: nothing to write, refused by its size
    (folder / "big.txt").write_text("Two were killed. " * 700)
    store = open_store(sqlite_url)
    run = refresh(store, [Source("docs", "folder", path=folder)], progress=False)
    (error,) = [e for _, e in store.run_errors(run.run_id)]
    assert "huge.txt: 20,000,000 bytes, more than the 5,000,000 bytes allowed" in error
    capped = refresh(store, [Source("docs", "folder", path=folder, max_bytes=10_000)],
                     progress=False)
    errors = [e for _, e in store.run_errors(capped.run_id)]
    assert len(errors) == 2 and any("big.txt: 11,900 bytes" in e for e in errors)
    assert store.counts()["documents"] == 2  # big.txt, stored before the cap, is kept


def test_connecting_is_bounded_by_the_deadline_too():
    """A listener whose backlog is full never completes a connection: the fetch still
    ends at its deadline, not after the connect timeout."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(8):  # fill the backlog; later connections are left hanging
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        fetcher = Fetcher(timeout=urllib3.Timeout(connect=20.0, read=20.0), retries=3,
                          deadline=1.0)
        began = time.monotonic()
        with pytest.raises(FetchError):
            fetcher.get(f"http://127.0.0.1:{port}/", allow_private=True)
        assert time.monotonic() - began < 10  # the deadline, not 4 tries of 20 s
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
