"""`python -m dashboard` as a process: it serves the page, and stops cleanly (exit 0) on
SIGTERM as on Ctrl-C."""

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from ..pipeline.conftest import ROOT

NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_served(url: str, process: subprocess.Popen, seconds: float = 60) -> bytes:
    """The body at `url` once the server answers; fails if it exits or never answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode()
        try:
            with NO_PROXY.open(url, timeout=5) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer within {seconds} s")


def as_from_a_terminal() -> None:
    """Ctrl-C reaches a program started from a terminal; a suite started as a background
    job starts its children with SIGINT ignored, so the SIGINT case restores it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_server_stops_cleanly_on_a_signal(sample_store, stop):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--store", sample_store, "--port", str(port),
         "--max-text-bytes", "50000"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        preexec_fn=as_from_a_terminal if stop == signal.SIGINT else None)
    try:
        base = f"http://127.0.0.1:{port}"
        assert b"Casualty figures" in wait_until_served(base + "/", process)
        page = json.dumps(json.loads(wait_until_served(base + "/_dash-layout", process)))
        assert "up to 50 kB" in page
        process.send_signal(stop)
        assert process.wait(timeout=20) == 0, process.stderr.read().decode()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()


def test_served_by_a_production_server_under_a_path_with_two_workers(sample_store):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "--store", sample_store, "--port", str(port),
         "--workers", "2", "--url-base-pathname", "casualties"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}/casualties/"
        assert b"Casualty figures" in wait_until_served(base, process)
        with NO_PROXY.open(base, timeout=5) as response:
            assert response.headers["Server"].startswith("gunicorn")
        # the page's own routes are under the path too: its layout, outlines and feed
        layout = json.loads(wait_until_served(base + "_dash-layout", process))
        assert "/casualties/changes.atom" in json.dumps(layout)
        assert wait_until_served(base + "geodata/world_110m.geojson", process).startswith(b"{")
        assert b"<feed" in wait_until_served(base + "changes.atom", process)
        with pytest.raises(urllib.error.HTTPError):
            NO_PROXY.open(f"http://127.0.0.1:{port}/", timeout=5)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert "development server" not in process.stderr.read().decode()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()
