"""Fixtures: a loopback HTTP server with feeds and pages (good and bad), and stores."""

from __future__ import annotations

import hashlib
import os
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from ..loopback import serving

ROOT = Path(__file__).resolve().parents[2]


def article(n: int, killed: int, charset: str = "utf-8") -> bytes:
    html = f"""<!DOCTYPE html><html><head><meta charset="{charset}">
<title>Clashes in district {n} | Test Wire</title>
<meta property="og:site_name" content="Test Wire">
<meta property="article:published_time" content="2026-03-1{n % 10}T10:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Clashes in district {n}</h1>
<p>At least {killed} people were killed in clashes in district {n}, the World Health
Organization said on Monday. Médecins Sans Frontières said its teams treated the wounded.</p>
<p>The fighting began before dawn and lasted several hours, residents said.</p>
</article><footer>Test Wire. All rights reserved.</footer></body></html>"""
    return html.encode(charset)


def feed(base: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Item {i}</title><link>{link}</link>"
        f"<pubDate>Mon, 1{i % 10} Mar 2026 10:00:00 GMT</pubDate></item>"
        for i, link in enumerate(links)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
            f"<link>{base}/</link><description>Test feed</description>{items}</channel></rss>").encode()


class Site:
    """What the server serves, and what it was asked for."""

    def __init__(self) -> None:
        self.hits: dict[str, int] = {}
        self.pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.delay: dict[str, float] = {}

    def add(self, path: str, body: bytes, status: int = 200, headers: dict[str, str] | None = None):
        headers = dict(headers or {})
        headers.setdefault("Content-Type", "text/html; charset=utf-8")
        headers.setdefault("ETag", '"' + hashlib.sha1(body).hexdigest()[:12] + '"')
        self.pages[path] = (status, headers, body)


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server API)
            site.hits[self.path] = site.hits.get(self.path, 0) + 1
            if self.path in site.delay:
                time.sleep(site.delay[self.path])
            if self.path not in site.pages:
                self.send_error(404)
                return
            status, headers, body = site.pages[self.path]
            if status == 200 and self.headers.get("If-None-Match") == headers.get("ETag"):
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def server():
    """A server on 127.0.0.1 (a free port), serving a `Site`; yields (base URL, site)."""
    site = Site()
    with serving(_handler(site)) as base:
        yield base, site


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


def postgres_url() -> str | None:
    """The test PostgreSQL URL from $CASUALTY_TEST_PG or scripts/start-postgres.sh, if any."""
    url = os.environ.get("CASUALTY_TEST_PG")
    marker = ROOT / ".venv" / "postgres-url"
    if not url and marker.exists():
        url = marker.read_text().strip()
    return url or None
