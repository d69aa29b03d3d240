"""Fetching pages and feeds over HTTP(S): bounded, polite, conditional and guarded.

Only http and https are fetched (a redirect elsewhere is refused). Every hop's host is
resolved and each address checked before connecting: loopback, private, link-local,
shared, multicast and reserved addresses are refused unless the source allows private
addresses, and the connection goes to the very address that was checked, so a name
cannot resolve to another address between the check and the connection. Each fetch has
a total deadline (connect, headers, body, retries and redirects together): a watchdog
shuts the connection down when it passes, so a server that trickles bytes cannot hold a
refresh. Bodies are capped in size; retries back off on timeouts and server errors; a
User-Agent names the tool; ETag / Last-Modified validators make an unchanged feed cost
one small request.
"""

from __future__ import annotations

import contextvars
import ipaddress
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import regex
import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection

from extract.formats import decode_text

USER_AGENT = "casualty-dashboard/0.1 (+https://example.invalid/casualty-dashboard)"
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
RETRIES = 3
BACKOFF = 0.5  # seconds, doubled on each retry
TIMEOUT = urllib3.Timeout(connect=5.0, read=10.0)
DEADLINE = 60.0  # seconds for one fetch, all hops and retries together

_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", regex.IGNORECASE)
_HEADER_CHARSET = regex.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", regex.IGNORECASE)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]


class FetchError(Exception):
    """A URL could not be fetched or decoded; the message names the URL and the reason.
    `gone`: the server says the page is no more (HTTP 404 Not Found or 410 Gone)."""

    def __init__(self, message: str, gone: bool = False) -> None:
        super().__init__(message)
        self.gone = gone


class AddressRefused(urllib3.exceptions.HTTPError):
    """A host resolved to an address that this source may not reach."""


# --- which addresses may be reached -------------------------------------------------


def address_kind(ip: Address) -> str:
    """Why an address is not a public internet address ("loopback", "private", ...), or ""
    for a public one. IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4, Teredo)
    are judged by that address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return address_kind(embedded)
    site_local = isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local
    for kind, test in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                       ("link-local", ip.is_link_local), ("site-local", site_local),
                       ("multicast", ip.is_multicast),
                       ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if test:
            return kind
    return "" if ip.is_global else "non-public"


def system_resolver(host: str, port: int) -> list[str]:
    """Every address a host name resolves to (an address literal resolves to itself)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def checked_addresses(host: str, port: int, allow_private: bool = False,
                      resolver: Resolver = system_resolver) -> list[str]:
    """The addresses of a host that may be connected to; AddressRefused when any of them
    is not public (unless `allow_private`), so a name that also points inward is refused.
    OSError when the name does not resolve."""
    found = resolver(host.strip("[]"), port)
    if not found:
        raise AddressRefused(f"{host} resolves to no address")
    if allow_private:
        return list(found)
    for text in found:
        kind = address_kind(ipaddress.ip_address(text.split("%", 1)[0]))
        if kind:
            shown = host if host.strip("[]") == text else f"{host} ({text})"
            raise AddressRefused(f"refused: {shown} is a {kind} address (set allow_private = "
                                 f"true on the source to fetch it)")
    return list(found)


# --- the policy of the fetch in progress: allowed addresses and its deadline ----------


@dataclass
class _Watchdog:
    """Shuts down every socket of one fetch when its deadline passes."""

    seconds: float
    sockets: list[socket.socket] = field(default_factory=list)
    expired: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.ends = time.monotonic() + self.seconds
        self.timer = threading.Timer(self.seconds, self.expire)
        self.timer.daemon = True
        self.timer.start()

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                _shut(sock)

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                _shut(sock)

    def cancel(self) -> None:
        self.timer.cancel()

    def remaining(self) -> float:
        """Seconds left before the deadline (0 once it has passed)."""
        return max(0.0, self.ends - time.monotonic())


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


@dataclass
class _Policy:
    allow_private: bool
    resolver: Resolver
    watchdog: _Watchdog


_POLICY: contextvars.ContextVar[_Policy | None] = contextvars.ContextVar("fetch_policy",
                                                                        default=None)


class _GuardedConnection(HTTPConnection):
    """Connects only to a checked address of its host, under the fetch's watchdog."""

    def _new_conn(self) -> socket.socket:
        policy = _POLICY.get()
        if policy is None:
            raise AddressRefused("no fetch policy: connections are made through Fetcher.get")
        host = self._dns_host
        try:
            addresses = checked_addresses(host, self.port, policy.allow_private, policy.resolver)
        except OSError as exc:
            raise urllib3.exceptions.NameResolutionError(host, self, exc) from exc  # type: ignore[arg-type]
        error: Exception | None = None
        connect_timeout = self.timeout
        for address in addresses:
            left = policy.watchdog.remaining()
            if left <= 0:
                raise urllib3.exceptions.ConnectTimeoutError(self, f"{host}: deadline passed")
            self._dns_host = address  # connect to the address that was checked
            if isinstance(connect_timeout, int | float):  # never past the fetch's deadline
                self.timeout = min(connect_timeout, left)
            try:
                sock = super()._new_conn()
            except urllib3.exceptions.NewConnectionError as exc:
                error = exc
                continue
            finally:
                self._dns_host = host
                self.timeout = connect_timeout
            policy.watchdog.watch(sock)
            return sock
        assert error is not None
        raise error

    def request(self, *args, **kwargs) -> None:  # type: ignore[override]
        policy = _POLICY.get()
        if policy is not None and self.sock is not None:  # a kept-alive connection
            policy.watchdog.watch(self.sock)
        super().request(*args, **kwargs)


class _GuardedHTTPSConnection(_GuardedConnection, HTTPSConnection):
    """The same for https (certificates are checked against the host name, as usual)."""


class _GuardedHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _GuardedConnection


class _GuardedHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


# --- fetching ------------------------------------------------------------------------


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
    """Connection pools shared by every request of a refresh: one for sources that may
    reach only public addresses and one for those that allow private ones, so that a
    connection opened for an intranet source is never reused by another source."""

    def __init__(self, timeout: urllib3.Timeout = TIMEOUT, max_bytes: int = MAX_BYTES,
                 retries: int = RETRIES, backoff: float = BACKOFF, deadline: float = DEADLINE,
                 resolver: Resolver = system_resolver) -> None:
        self.pools = {allow: _pool_manager(timeout) for allow in (False, True)}
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.deadline = deadline
        self.resolver = resolver

    def get(self, url: str, etag: str = "", last_modified: str = "", *,
            allow_private: bool = False, deadline: float | None = None,
            max_bytes: int | None = None) -> Response:
        """GET a URL, following redirects within http(s) and to allowed addresses only,
        within `deadline` seconds in all; a 304 gives `not_modified`."""
        seconds = min(self.deadline, deadline) if deadline is not None else self.deadline
        if seconds <= 0:
            raise FetchError(f"{url}: not fetched, the source's time is up")
        with self._policy(allow_private, seconds) as watchdog:
            try:
                return self._follow(url, etag, last_modified, watchdog, max_bytes or self.max_bytes,
                                    self.pools[allow_private])
            except FetchError:
                if watchdog.expired:
                    raise FetchError(f"{url}: no complete answer within {seconds:g} s") from None
                raise

    @contextmanager
    def _policy(self, allow_private: bool, seconds: float) -> Iterator[_Watchdog]:
        watchdog = _Watchdog(seconds)
        token = _POLICY.set(_Policy(allow_private, self.resolver, watchdog))
        try:
            yield watchdog
        finally:
            _POLICY.reset(token)
            watchdog.cancel()

    def _follow(self, url: str, etag: str, last_modified: str, watchdog: _Watchdog,
                max_bytes: int, pool: urllib3.PoolManager) -> Response:
        check_scheme(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for _ in range(MAX_REDIRECTS + 1):
            response = self._request(pool, url, headers, watchdog)
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location", "")
                response.release_conn()
                if not location:
                    raise FetchError(f"{url}: redirect without a Location")
                try:
                    url = urljoin(url, location)
                except ValueError:
                    raise FetchError(f"{url}: redirect to a malformed URL {location[:200]!r}") from None
                check_scheme(url)
                continue
            try:
                return self._read(url, response, watchdog, max_bytes)
            finally:
                response.release_conn()
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def _request(self, pool: urllib3.PoolManager, url: str, headers: dict[str, str],
                 watchdog: _Watchdog) -> urllib3.BaseHTTPResponse:
        delay = self.backoff
        for attempt in range(self.retries + 1):
            last = attempt == self.retries or watchdog.expired
            try:
                response = pool.request("GET", url, headers=headers, redirect=False,
                                        preload_content=False, decode_content=False)
            except AddressRefused as exc:
                raise FetchError(f"{url}: {exc}") from None
            except (urllib3.exceptions.TimeoutError, urllib3.exceptions.ProtocolError,
                    urllib3.exceptions.NewConnectionError) as exc:
                if last:
                    raise FetchError(f"{url}: {_reason(exc)} (after {attempt + 1} tries)") from None
            except urllib3.exceptions.HTTPError as exc:
                raise FetchError(f"{url}: {_reason(exc)}") from None
            else:
                if response.status < 500 or last:
                    return response
                response.release_conn()
            if delay >= watchdog.remaining():
                raise FetchError(f"{url}: no complete answer within the deadline")
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    def _read(self, url: str, response: urllib3.BaseHTTPResponse, watchdog: _Watchdog,
              max_bytes: int) -> Response:
        etag = response.headers.get("ETag", "")
        modified = response.headers.get("Last-Modified", "")
        ctype = response.headers.get("Content-Type", "")
        if response.status == 304:
            return Response(url, None, etag, modified, ctype)
        if response.status >= 400:
            raise FetchError(f"{url}: HTTP {response.status} {response.reason or ''}".rstrip(),
                             gone=response.status in (404, 410))
        length = response.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise FetchError(f"{url}: {int(length):,} bytes, more than the {max_bytes:,} bytes allowed")
        body = bytearray()
        try:
            # read1 returns what has arrived, so the watchdog's shutdown ends a trickle;
            # compressed bodies are read as sent and inflated below, within the cap
            while chunk := response.read1(65536, decode_content=False):
                body += chunk
                if len(body) > max_bytes:
                    raise FetchError(f"{url}: more than the {max_bytes:,} bytes allowed")
        except (urllib3.exceptions.TimeoutError, urllib3.exceptions.ProtocolError,
                urllib3.exceptions.DecodeError, OSError) as exc:
            raise FetchError(f"{url}: {_reason(exc)} while reading") from None
        if watchdog.expired:
            raise FetchError(f"{url}: cut off at the deadline")
        raw = inflate(bytes(body), response.headers.get("Content-Encoding", ""), max_bytes, url)
        return Response(url, decode(raw, ctype, url), etag, modified, ctype)


def _pool_manager(timeout: urllib3.Timeout) -> urllib3.PoolManager:
    pool = urllib3.PoolManager(headers={"User-Agent": USER_AGENT}, timeout=timeout, retries=False)
    pool.pool_classes_by_scheme = {"http": _GuardedHTTPPool, "https": _GuardedHTTPSPool}
    return pool


def inflate(body: bytes, encodings: str, max_bytes: int, url: str = "") -> bytes:
    """A body as sent with its Content-Encoding (gzip or deflate, even stacked) undone,
    never holding more than `max_bytes` of it (a small compressed "bomb" that inflates to
    gigabytes is refused); FetchError for another encoding."""
    for encoding in reversed([e.strip().lower() for e in encodings.split(",") if e.strip()]):
        if encoding == "identity":
            continue
        if encoding not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(f"{url}: content encoding {encoding!r} is not read")
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header
        try:
            out = inflater.decompress(body, max_bytes + 1)
        except zlib.error:
            if encoding != "deflate":
                raise FetchError(f"{url}: not valid {encoding} data") from None
            try:  # deflate sent without its zlib header
                out = zlib.decompressobj(-zlib.MAX_WBITS).decompress(body, max_bytes + 1)
            except zlib.error:
                raise FetchError(f"{url}: not valid deflate data") from None
        if len(out) > max_bytes:
            raise FetchError(f"{url}: more than the {max_bytes:,} bytes allowed, once inflated")
        body = out
    return body


def check_scheme(url: str) -> None:
    """Refuse anything but http and https (file:, ftp:, data: ... in a feed or a redirect)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise FetchError(f"{url[:300]}: not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        given = f"{scheme}:" if scheme else "no scheme"
        raise FetchError(f"{url}: refused, only http and https URLs are fetched (not {given})")
    if not host:
        raise FetchError(f"{url}: no host")


def decode(body: bytes, content_type: str = "", url: str = "") -> str:
    """A page's bytes as text: the charset its header or HTML meta declares, else UTF-8,
    else charset-normalizer's guess (extract.formats.decode_text); FetchError naming the
    URL when the encoding cannot be told."""
    declared = [m.group(1) for m in [_HEADER_CHARSET.search(content_type or "")] if m]
    declared += [m.group(1).decode("ascii", "replace") for m in [_META_CHARSET.search(body[:4096])] if m]
    try:
        return decode_text(body, declared)
    except ValueError as exc:
        raise FetchError(f"{url}: {exc}") from None


def _reason(exc: Exception) -> str:
    text = str(exc.reason if hasattr(exc, "reason") and exc.reason else exc)
    if "timed out" in text.lower() or isinstance(exc, urllib3.exceptions.TimeoutError):
        return "timed out"
    return text.split(": ", 1)[-1][:200]
