"""Delivering the page light: responses compressed (brotli or gzip, as the browser
accepts), the compressed component scripts kept in memory (compressed once per worker,
not at every request), and Dash's fingerprinted scripts (their version in their name)
cached by the browser as immutable, so a returning visitor asks for none of them."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_compress import Compress

COMPONENT_SUITES = "/_dash-component-suites/"  # Dash's component and plotly scripts
IMMUTABLE = "public, max-age=31536000, immutable"  # a year: the name changes with the file
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


def _immutable_when_fingerprinted(response: Response) -> Response:
    """Dash gives its fingerprinted scripts a year's max-age: say they never change."""
    if (COMPONENT_SUITES in request.path and response.status_code == 200
            and response.cache_control.max_age == 31536000):
        response.headers["Cache-Control"] = IMMUTABLE
    return response


def lighten(server: Flask) -> None:
    """Compress the Flask `server`'s responses and mark its fingerprinted scripts
    immutable."""
    server.config.update(COMPRESS_ALGORITHM=["br", "gzip"], COMPRESS_BR_LEVEL=BROTLI_LEVEL,
                         COMPRESS_ALGORITHM_STREAMING=["br", "gzip"],
                         COMPRESS_CACHE_BACKEND=ComponentScripts, COMPRESS_CACHE_KEY=_cache_key)
    server.after_request(_immutable_when_fingerprinted)
    Compress(server)
