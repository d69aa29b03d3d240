"""Delivering the page light: responses compressed (brotli or gzip, as the browser
accepts), the compressed component scripts kept in memory (compressed once per worker,
not at every request), Dash's fingerprinted scripts (their version in their name) cached
by the browser as immutable, and the scripts Dash asks for without a fingerprint (plotly's
bundle, the components' chunks loaded later) kept a day, then checked by their ETag."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_compress import Compress

COMPONENT_SUITES = "/_dash-component-suites/"  # Dash's component and plotly scripts
IMMUTABLE = "public, max-age=31536000, immutable"  # a year: the name changes with the file
A_DAY = "public, max-age=86400"  # unfingerprinted scripts: fixed until the packages change
BROTLI_LEVEL = 5  # compressed once per file per worker, so a smaller result is worth it


class ComponentScripts:
    """flask-compress's cache, holding the compressed component scripts only (their
    content is fixed by the installed packages); other responses pass uncached."""

    def __init__(self) -> None:
        self.compressed: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.compressed.get(key)

    def set(self, key: str, value: bytes) -> None:
        if ";GET " in key and COMPONENT_SUITES in key:
            self.compressed[key] = value


def _cache_key(req) -> str:
    """The cache's key: the method and the full path (a fingerprint or `?m=` included)."""
    return f"GET {req.full_path}" if req.method == "GET" else f"{req.method} -"


def _cache_component_scripts(response: Response) -> Response:
    """Dash gives its fingerprinted scripts a year's max-age: say they never change; keep
    the others (with their ETag) a day rather than asking again at every page."""
    if COMPONENT_SUITES in request.path and response.status_code in (200, 304):
        fingerprinted = response.cache_control.max_age == 31536000
        response.headers["Cache-Control"] = IMMUTABLE if fingerprinted else A_DAY
    return response


def lighten(server: Flask) -> None:
    """Compress the Flask `server`'s responses and let browsers keep its component
    scripts."""
    server.config.update(COMPRESS_ALGORITHM=["br", "gzip"], COMPRESS_BR_LEVEL=BROTLI_LEVEL,
                         COMPRESS_ALGORITHM_STREAMING=["br", "gzip"],
                         COMPRESS_CACHE_BACKEND=ComponentScripts, COMPRESS_CACHE_KEY=_cache_key)
    server.after_request(_cache_component_scripts)
    Compress(server)
