"""Fetching pages and feeds over HTTP(S): bounded, polite and conditional.

Only http and https are fetched (a redirect elsewhere is refused), with a timeout,
a size cap, a few retries with backoff on timeouts and server errors, a
User-Agent naming the tool, and ETag / Last-Modified validators so that an
unchanged feed costs one small request.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import charset_normalizer
import regex
import urllib3

USER_AGENT = "casualty-dashboard/0.1 (+https://example.invalid/casualty-dashboard)"
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
RETRIES = 3
BACKOFF = 0.5  # seconds, doubled on each retry
TIMEOUT = urllib3.Timeout(connect=5.0, read=10.0)

_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", regex.IGNORECASE)


class FetchError(Exception):
    """A URL could not be fetched or decoded; the message names the URL and the reason."""


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched resource: final URL, decoded text (None when unchanged) and validators."""

    url: str
    text: str | None
    etag: str
    last_modified: str
    content_type: str

    @property
    def not_modified(self) -> bool:
        return self.text is None


class Fetcher:
    """One connection pool, shared by every request of a refresh."""

    def __init__(self, timeout: urllib3.Timeout = TIMEOUT, max_bytes: int = MAX_BYTES,
                 retries: int = RETRIES, backoff: float = BACKOFF) -> None:
        self.pool = urllib3.PoolManager(headers={"User-Agent": USER_AGENT}, timeout=timeout,
                                        retries=False)
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff

    def get(self, url: str, etag: str = "", last_modified: str = "") -> Response:
        """GET a URL, following redirects within http(s); a 304 gives `not_modified`."""
        check_scheme(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _ in range(MAX_REDIRECTS + 1):
            response = self._request(url, headers)
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location", "")
                response.release_conn()
                if not location:
                    raise FetchError(f"{url}: redirect without a Location")
                url = urljoin(url, location)
                check_scheme(url)
                continue
            try:
                return self._read(url, response)
            finally:
                response.release_conn()
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def _request(self, url: str, headers: dict[str, str]) -> urllib3.BaseHTTPResponse:
        delay = self.backoff
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self.pool.request("GET", url, headers=headers, redirect=False,
                                             preload_content=False)
            except (urllib3.exceptions.TimeoutError, urllib3.exceptions.ProtocolError,
                    urllib3.exceptions.NewConnectionError) as exc:
                if last:
                    raise FetchError(f"{url}: {_reason(exc)} (after {self.retries + 1} tries)") from None
            except urllib3.exceptions.HTTPError as exc:
                raise FetchError(f"{url}: {_reason(exc)}") from None
            else:
                if response.status < 500 or last:
                    return response
                response.release_conn()
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    def _read(self, url: str, response: urllib3.BaseHTTPResponse) -> Response:
        etag = response.headers.get("ETag", "")
        modified = response.headers.get("Last-Modified", "")
        ctype = response.headers.get("Content-Type", "")
        if response.status == 304:
            return Response(url, None, etag, modified, ctype)
        if response.status >= 400:
            raise FetchError(f"{url}: HTTP {response.status} {response.reason or ''}".rstrip())
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > self.max_bytes:
            raise FetchError(f"{url}: {int(length):,} bytes, more than the {self.max_bytes:,} bytes allowed")
        body = bytearray()
        try:
            for chunk in response.stream(65536):
                body += chunk
                if len(body) > self.max_bytes:
                    raise FetchError(f"{url}: more than the {self.max_bytes:,} bytes allowed")
        except (urllib3.exceptions.TimeoutError, urllib3.exceptions.ProtocolError) as exc:
            raise FetchError(f"{url}: {_reason(exc)} while reading") from None
        return Response(url, decode(bytes(body), ctype, url), etag, modified, ctype)


def check_scheme(url: str) -> None:
    """Refuse anything but http and https (file:, ftp:, data: ... in a feed or a redirect)."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        given = f"{scheme}:" if scheme else "no scheme"
        raise FetchError(f"{url}: refused, only http and https URLs are fetched (not {given})")


def decode(body: bytes, content_type: str = "", url: str = "") -> str:
    """Bytes to text: the declared charset (header, then HTML meta), else UTF-8, else a
    confident guess; FetchError when the encoding cannot be told."""
    declared = []
    m = regex.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", regex.IGNORECASE)
    if m:
        declared.append(m.group(1))
    m = _META_CHARSET.search(body[:4096])
    if m:
        declared.append(m.group(1).decode("ascii", "replace"))
    if body.startswith(b"\xef\xbb\xbf"):
        declared.insert(0, "utf-8-sig")
    for name in declared:
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" in body[:4096] and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FetchError(f"{url}: binary content, not text")
    best = charset_normalizer.from_bytes(body).best()
    if best is None or best.chaos > 0.2:
        raise FetchError(f"{url}: cannot tell the text encoding (not UTF-8, none declared)")
    return str(best)


def _reason(exc: Exception) -> str:
    text = str(exc.reason if hasattr(exc, "reason") and exc.reason else exc)
    if "timed out" in text.lower() or isinstance(exc, urllib3.exceptions.TimeoutError):
        return "timed out"
    return text.split(": ", 1)[-1][:200]
