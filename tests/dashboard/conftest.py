"""Browser tests run dash's `dash_duo` in Debian's headless Chromium (see README)."""

import http.server
import os
import shutil
import threading
from functools import cache

import pytest
from selenium.webdriver.chrome.options import Options

from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import open_store

from ..pipeline.conftest import ROOT

SAMPLE = ROOT / "data" / "sample"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Selenium Manager, which selenium runs to find the driver, otherwise asks the internet for
# Chrome's known versions at every start; the driver and browser are the machine's own.
os.environ.setdefault("SE_OFFLINE", "true")


class Outside(http.server.BaseHTTPRequestHandler):
    """Stands in for every address but loopback as the browser's proxy: it notes each
    request (the page's, its workers', the browser's own) and refuses it, so nothing the
    browser asks for leaves the machine, and a test can see what was asked for."""

    hits: list[str] = []

    def refuse(self) -> None:
        self.hits.append(f"{self.command} {self.path}")
        self.send_response(403)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_PUT = do_OPTIONS = do_CONNECT = refuse

    def log_message(self, *args):
        pass


# what Chromium asks for of its own accord (clock, updates, sign-in, autofill), whatever
# the page: never a page's or a worker's request
CHROMIUM_OWN_HOSTS = frozenset({
    "clients2.google.com", "accounts.google.com", "update.googleapis.com",
    "content-autofill.googleapis.com", "optimizationguide-pa.googleapis.com",
    "safebrowsingohttpgateway.googleapis.com", "redirector.gvt1.com", "edgedl.me.gvt1.com",
    "www.google.com", "android.clients.google.com"})


def page_requests_outside() -> list[str]:
    """The requests `outside` has refused this run that were not Chromium's own."""
    return [hit for hit in Outside.hits if _host(hit) not in CHROMIUM_OWN_HOSTS]


def _host(hit: str) -> str:
    """The host of a proxy request line: "CONNECT host:443" or "GET http://host/...". """
    target = hit.split(" ", 1)[1]
    return target.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]


@cache
def outside() -> http.server.ThreadingHTTPServer:
    """The loopback server that plays the outside world for the browsers of this run."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Outside)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def pytest_setup_options():
    options = Options()
    if CHROMIUM:
        options.binary_location = CHROMIUM
    # loopback (the dashboard) bypasses a proxy by default; every other address goes to
    # `outside`, whatever asks for it
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
                 f"--proxy-server=http://127.0.0.1:{outside().server_port}"):
        options.add_argument(flag)
    return options


@pytest.fixture
def sample_store(tmp_path):
    """A SQLite store refreshed from the sample corpus."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    refresh(open_store(url), [Source("sample", "folder", path=SAMPLE)], progress=False)
    return url
