"""Sources of documents, declared in a TOML file: local folders, RSS/Atom feeds, URL lists.

    [[source]]
    name = "sample"
    kind = "folder"          # folder | feed | urls
    path = "sample"          # relative to the sources file
    publisher = "..."        # optional default publisher
    expected_interval = "1 day"  # optional: how often it should give a new document

    [[source]]
    name = "agency-feed"
    kind = "feed"
    url = "https://example.org/feed.xml"

    [[source]]
    name = "reading-list"
    kind = "urls"
    urls = ["https://example.org/a", "https://example.org/b"]

The file is checked against `OPTIONS` (each key's type and the kinds it applies to):
an unknown key, a key of another kind or a value of the wrong type is one clear error
naming the source and the key. Reading a source yields one `Item` per document: its
stable key, and either the parsed document, a note that it is unchanged since the last
refresh, or the reason it could not be read.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import hashlib
import json
import logging
import os
import stat
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import feedparser

from extract.formats import Document, decode_text, file_document, html_document

from .fetch import DEADLINE, MAX_BYTES, Fetcher, FetchError, check_scheme
from .freshness import parse_interval

log = logging.getLogger("pipeline")

KINDS = ("folder", "feed", "urls")
FOLDER_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}
DEFAULT_SOURCES = Path(__file__).resolve().parents[1] / "data" / "sources.toml"
MAX_ENTRIES = 200  # feed entries read per run, newest first
SOURCE_DEADLINE = 600.0  # seconds for a whole feed or URL list


@dataclass(frozen=True)
class Option:
    """One key of a [[source]] table: its type, the kinds it applies to, and its meaning."""

    type: type | tuple[type, ...]
    kinds: tuple[str, ...]
    help: str


OPTIONS: dict[str, Option] = {
    "name": Option(str, KINDS, "the source's name, unique in the file"),
    "kind": Option(str, KINDS, "folder, feed or urls"),
    "publisher": Option(str, KINDS, "publisher of documents that do not name one"),
    "path": Option(str, ("folder",), "the folder, relative to the sources file"),
    "text_field": Option(str, ("folder",), "the text field of .json/.jsonl records"),
    "follow_symlinks": Option(bool, ("folder",), "follow symbolic links out of the folder"),
    "allow_broad_path": Option(bool, ("folder",), "allow / or the home directory as the folder"),
    "url": Option(str, ("feed",), "the feed's URL"),
    "max_entries": Option(int, ("feed",), f"entries read per run, newest first ({MAX_ENTRIES})"),
    "urls": Option(list, ("urls",), "the pages' URLs"),
    "allow_private": Option(bool, ("feed", "urls"),
                            "fetch loopback, private and link-local addresses (an intranet)"),
    "max_bytes": Option(int, KINDS, f"largest file or page read, in bytes ({MAX_BYTES:,})"),
    "fetch_deadline": Option((int, float), ("feed", "urls"),
                             f"seconds for one page, all of it ({DEADLINE:g})"),
    "source_deadline": Option((int, float), KINDS,
                              f"seconds for the whole source ({SOURCE_DEADLINE:g} for feeds "
                              f"and URL lists, none for folders)"),
    "expected_interval": Option(str, KINDS, 'how often the source should give a new document '
                                '("1 day", "7 days"): its freshness (pipeline/freshness.py)'),
}


class SourceError(Exception):
    """A whole source (or the sources file) cannot be read; the message says why."""


@dataclass(frozen=True)
class Source:
    """One declared source, with its limits."""

    name: str
    kind: str
    path: Path | None = None
    url: str = ""
    urls: tuple[str, ...] = ()
    publisher: str = ""
    text_field: str = "text"
    follow_symlinks: bool = False
    allow_broad_path: bool = False
    allow_private: bool = False
    max_entries: int = MAX_ENTRIES
    max_bytes: int = MAX_BYTES
    fetch_deadline: float = DEADLINE
    source_deadline: float | None = None  # None: SOURCE_DEADLINE for feeds and URL lists
    expected_interval: dt.timedelta | None = None  # None: no freshness is judged

    @property
    def location(self) -> str:
        """Where the source is, as the Sources tab shows it: a folder's name (not its path
        on this machine), a feed's URL, the first URL of a list."""
        if self.kind == "folder":
            return self.path.name if self.path else ""
        return self.url or (self.urls[0] if self.urls else "")

    @property
    def time_allowed(self) -> float | None:
        """Seconds the whole source may take (None: no limit)."""
        if self.source_deadline is not None:
            return float(self.source_deadline)
        return None if self.kind == "folder" else SOURCE_DEADLINE


@dataclass
class Item:
    """One document of a source, as read this time."""

    key: str
    locator: str
    content_hash: str = ""
    document: Document | None = None
    unchanged: bool = False
    error: str = ""
    validators: dict[str, str] = field(default_factory=dict)  # url, etag, last_modified
    gone: bool = False  # the server said the page is no more (404, 410)


def load_sources(path: Path | str | None = None) -> list[Source]:
    """The sources declared in a TOML file (data/sources.toml by default); SourceError
    naming the file, the source and the key for anything that does not fit `OPTIONS`."""
    path = Path(path or DEFAULT_SOURCES)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise SourceError(f"{path}: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: not valid TOML ({exc})") from None
    unknown = sorted(set(data) - {"source", "alert", "headline"})
    if unknown:
        raise SourceError(f"{path}: unknown top-level key {unknown[0]!r}; sources are "
                          f"[[source]] tables (alert rules [[alert]] tables, the headline "
                          f"settings a [headline] table)")
    entries = data.get("source", [])
    if isinstance(entries, dict):
        raise SourceError(f"{path}: [source] is a single table; declare each source as "
                          f"[[source]] (an array of tables)")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise SourceError(f"{path}: 'source' must be [[source]] tables")
    if not entries:
        raise SourceError(f"{path}: no [[source]] entries")
    found: list[Source] = []
    for i, entry in enumerate(entries, 1):
        source = _source(entry, path, f"{path}: source {i}")
        if source.name in {s.name for s in found}:
            raise SourceError(f"{path}: source {i}: the name {source.name!r} is used twice")
        found.append(source)
    return found


def _source(entry: dict, path: Path, where: str) -> Source:
    """One [[source]] table, checked against OPTIONS."""
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SourceError(f"{where}: 'name' must be a non-empty string")
    where = f"{where} ({name.strip()})"
    kind = entry.get("kind")
    if kind not in KINDS:
        raise SourceError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    for key, value in entry.items():
        _check_option(key, value, kind, where)
    needed = {"folder": "path", "feed": "url", "urls": "urls"}[kind]
    if needed not in entry or not entry[needed]:
        what = {"path": "a path", "url": "a url", "urls": "a list of urls"}[needed]
        raise SourceError(f"{where}: a {kind} source needs {what}")
    options = {k: v for k, v in entry.items() if k not in ("name", "kind", "path", "urls")}
    if "expected_interval" in options:
        try:
            options["expected_interval"] = parse_interval(options["expected_interval"])
        except ValueError as exc:
            raise SourceError(f"{where}: 'expected_interval': {exc}") from None
    try:
        folder = (path.parent / entry["path"]).resolve() if "path" in entry else None
    except (OSError, RuntimeError) as exc:  # a symbolic link loop
        raise SourceError(f"{where}: path {entry['path']!r} cannot be resolved ({exc})") from None
    source = Source(name=name.strip(), kind=kind, urls=tuple(entry.get("urls", ())),
                    path=folder, **options)
    for url in ([source.url] if source.url else []) + list(source.urls):
        try:
            check_scheme(url)
        except FetchError as exc:
            raise SourceError(f"{where}: {exc}") from None
    if source.path is not None and not source.allow_broad_path and is_broad_path(source.path):
        raise SourceError(f"{where}: path {source.path} is the whole disk or a home directory; "
                          f"name a folder of documents, or set allow_broad_path = true")
    return source


def _check_option(key: str, value: object, kind: str, where: str) -> None:
    option = OPTIONS.get(key)
    if option is None:
        close = difflib.get_close_matches(key, OPTIONS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise SourceError(f"{where}: unknown key {key!r}{hint}; known keys: {', '.join(OPTIONS)}")
    if kind not in option.kinds:
        raise SourceError(f"{where}: {key!r} applies to {' and '.join(option.kinds)} sources, "
                          f"not to a {kind} source")
    types = option.type if isinstance(option.type, tuple) else (option.type,)
    if isinstance(value, bool) and bool not in types or not isinstance(value, types):
        wanted = " or ".join({"str": "a string", "bool": "true or false", "int": "a whole number",
                              "float": "a number", "list": "a list of strings"}[t.__name__]
                             for t in types)
        raise SourceError(f"{where}: {key!r} must be {wanted}, not {value!r}")
    if isinstance(value, list) and not all(isinstance(v, str) for v in value):
        raise SourceError(f"{where}: {key!r} must be a list of strings, not {value!r}")
    if isinstance(value, int | float) and not isinstance(value, bool) and value <= 0:
        raise SourceError(f"{where}: {key!r} must be more than 0, not {value!r}")


def is_broad_path(path: Path) -> bool:
    """True for the filesystem's root, the home directory, or a folder that holds it."""
    try:
        path = path.resolve()
    except (OSError, RuntimeError):  # a symbolic link loop: no folder at all
        return False
    if path == Path(path.anchor):
        return True
    try:
        home = Path.home().resolve()
    except (RuntimeError, KeyError):  # no home directory known: only the root is broad
        return False
    return home == path or home.is_relative_to(path)


def read_source(source: Source, known: dict[str, str], fetcher: Fetcher | None,
                validators: dict[str, dict[str, str]]) -> Iterator[Item]:
    """Every document of a source. `known` maps stored keys to content hashes (to skip
    unchanged files cheaply); `validators` maps URLs to their stored ETag/Last-Modified.
    Raises SourceError when the source as a whole cannot be read, or when it runs past
    its deadline (what was read until then is kept)."""
    clock = _Clock(source)
    if source.kind == "folder":
        yield from _folder(source, known, clock)
    elif source.kind == "feed":
        yield from _feed(source, fetcher or Fetcher(), validators, clock)
    else:
        for url in source.urls:
            clock.check()
            yield _page(source, url, fetcher or Fetcher(), validators.get(url, {}), {}, clock)


class _Clock:
    """The time a source has left."""

    def __init__(self, source: Source) -> None:
        self.source = source
        allowed = source.time_allowed
        self.ends = None if allowed is None else time.monotonic() + allowed

    def left(self) -> float | None:
        return None if self.ends is None else self.ends - time.monotonic()

    def check(self) -> None:
        """SourceError once the source's deadline has passed."""
        left = self.left()
        if left is not None and left <= 0:
            raise SourceError(f"stopped after {self.source.time_allowed:g} s (source_deadline); "
                              f"the rest is read on the next refresh")


def _key(source: Source, locator: str) -> str:
    return f"{source.name}:{locator}"


def _hash(data: bytes | str) -> str:
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(raw).hexdigest()


def _folder(source: Source, known: dict[str, str], clock: _Clock) -> Iterator[Item]:
    folder = source.path
    if folder is None or not folder.is_dir():
        raise SourceError(f"{folder}: no such folder")
    for path in _folder_files(folder, source.follow_symlinks):
        clock.check()
        locator = shown_path(path.relative_to(folder))
        key = _key(source, locator)
        try:
            raw = read_regular_file(path, folder, source.follow_symlinks, source.max_bytes)
        except ValueError as exc:
            yield Item(key, locator, error=f"{shown_path(path)}: {exc}")
            continue
        if path.suffix.lower() in (".json", ".jsonl"):
            yield from _records(source, path, locator, raw, known)
            continue
        digest = _hash(raw)
        if known.get(key) == digest:
            yield Item(key, locator, digest, unchanged=True)
            continue
        try:
            doc = file_document(raw, path.suffix)
        except ValueError as exc:
            yield Item(key, locator, digest, error=f"{shown_path(path)}: {exc}")
            continue
        yield Item(key, locator, digest, _with_defaults(doc, source.publisher, path.as_uri()))


def _folder_files(folder: Path, follow_symlinks: bool) -> list[Path]:
    """The document files under a folder, in name order. Symbolic links to folders are
    entered only with `follow_symlinks`, and a folder seen before is never entered again."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    for here, dirs, files in os.walk(folder, followlinks=follow_symlinks):
        info = os.stat(here)
        if (info.st_dev, info.st_ino) in seen:
            dirs.clear()
            continue
        seen.add((info.st_dev, info.st_ino))
        dirs.sort()
        found += [Path(here) / name for name in files if Path(name).suffix.lower() in FOLDER_SUFFIXES]
    return sorted(found)


def read_regular_file(path: Path, folder: Path, follow_symlinks: bool, max_bytes: int) -> bytes:
    """The bytes of a regular file of the folder, at most `max_bytes`. ValueError for a
    symbolic link out of the folder (unless followed), a FIFO, device or socket (opened
    without blocking, so a FIFO cannot hold the refresh), or a file over the cap."""
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a symbolic link loop
        raise ValueError("a symbolic link loop, not followed") from None
    if not follow_symlinks and not inside:
        raise ValueError("a symbolic link to outside the folder, not followed "
                         "(set follow_symlinks = true to follow it)")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        raise ValueError(exc.strerror or str(exc)) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file (a FIFO, device or socket), skipped")
        if info.st_size > max_bytes:
            raise ValueError(f"{info.st_size:,} bytes, more than the {max_bytes:,} bytes allowed "
                             f"(max_bytes)")
        raw = handle.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ValueError(f"more than the {max_bytes:,} bytes allowed (max_bytes)")
    return raw


def shown_path(path: Path) -> str:
    """A path as text that can be stored and printed: bytes of a file name that are not
    UTF-8 are shown as backslash escapes ("\\xff.txt")."""
    return os.fsencode(path.as_posix()).decode("utf-8", "backslashreplace")


def storable(text: str) -> str:
    """Text with any lone surrogate written as a backslash escape, so that it can be
    stored and printed."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _records(source: Source, path: Path, locator: str, raw: bytes,
             known: dict[str, str]) -> Iterator[Item]:
    """Documents from a .json file (an object or a list of objects) or a .jsonl file."""
    try:
        text = decode_text(raw)
        if path.suffix.lower() == ".jsonl":
            records = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            data = json.loads(text)
            records = data if isinstance(data, list) else [data]
    except (ValueError, json.JSONDecodeError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        yield Item(_key(source, locator), locator,
                   error=f"{shown_path(path)}: not valid JSON ({reason})")
        return
    for i, record in enumerate(records):
        ident = record.get("id", i) if isinstance(record, dict) else i
        record_locator = f"{locator}#{storable(str(ident))}"
        key = _key(source, record_locator)
        if not isinstance(record, dict) or not isinstance(record.get(source.text_field), str):
            yield Item(key, record_locator, error=f"{shown_path(path)}: record {i} has no text field "
                                                  f"{source.text_field!r}")
            continue
        digest = _hash(json.dumps(record, sort_keys=True, ensure_ascii=False))
        if known.get(key) == digest:
            yield Item(key, record_locator, digest, unchanged=True)
            continue
        doc = Document(
            text=record[source.text_field],
            title=str(record.get("title", "")),
            publisher=str(record.get("publisher", record.get("source", ""))),
            published=str(record.get("published", record.get("date", ""))),
            url=str(record.get("url", "")),
        )
        yield Item(key, record_locator, digest, _with_defaults(doc, source.publisher, path.as_uri()))


def _with_defaults(doc: Document, publisher: str, url: str) -> Document:
    return Document(doc.text, doc.title, doc.publisher or publisher, doc.published, doc.url or url)


def _feed(source: Source, fetcher: Fetcher, validators: dict[str, dict[str, str]],
          clock: _Clock) -> Iterator[Item]:
    cached = validators.get(source.url, {})
    try:
        response = fetcher.get(source.url, cached.get("etag", ""), cached.get("last_modified", ""),
                               **_limits(source, clock))
    except FetchError as exc:
        raise SourceError(str(exc)) from None
    if response.not_modified:
        return
    feed = feedparser.parse(response.text)
    if feed.bozo and not feed.entries:
        raise SourceError(f"{source.url}: not a readable RSS or Atom feed "
                          f"({feed.get('bozo_exception', 'no entries')})")
    entries = newest_entries(feed.entries, source.max_entries)
    if len(feed.entries) > len(entries):
        log.info("%s: %d entries in the feed; the %d newest are read (max_entries)",
                 source.name, len(feed.entries), len(entries))
    for entry in entries:
        link = entry.get("link", "")
        if not link:
            continue
        clock.check()
        published = ""
        stamp = _stamp(entry)
        if stamp:
            published = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).date().isoformat()
        defaults = {"title": entry.get("title", ""), "published": published,
                    "publisher": source.publisher or feed.feed.get("title", "")}
        yield _page(source, link, fetcher, validators.get(link, {}), defaults, clock)
    yield Item("", source.url, _hash(response.text), unchanged=True,
               validators={"url": source.url, "etag": response.etag,
                           "last_modified": response.last_modified})


def _stamp(entry: dict) -> time.struct_time | None:
    return entry.get("published_parsed") or entry.get("updated_parsed")


def newest_entries(entries: list, limit: int) -> list:
    """At most `limit` feed entries, newest first (undated entries after dated ones, in
    the feed's order)."""
    dated = sorted((e for e in entries if _stamp(e)), key=lambda e: tuple(_stamp(e)),
                   reverse=True)
    return (dated + [e for e in entries if not _stamp(e)])[:limit]


def _limits(source: Source, clock: _Clock) -> dict:
    left = clock.left()
    deadline = source.fetch_deadline if left is None else min(source.fetch_deadline, left)
    return {"allow_private": source.allow_private, "deadline": deadline,
            "max_bytes": source.max_bytes}


def _page(source: Source, url: str, fetcher: Fetcher, cached: dict[str, str],
          defaults: dict[str, str], clock: _Clock) -> Item:
    key = _key(source, url)
    try:
        check_scheme(url)
        response = fetcher.get(url, cached.get("etag", ""), cached.get("last_modified", ""),
                               **_limits(source, clock))
    except FetchError as exc:
        return Item(key, url, error=str(exc), gone=exc.gone)
    if response.not_modified:
        return Item(key, url, cached.get("content_hash", ""), unchanged=True)
    digest = _hash(response.text)
    validators = {"url": url, "etag": response.etag, "last_modified": response.last_modified}
    if cached.get("content_hash") == digest:
        return Item(key, url, digest, unchanged=True, validators=validators)
    try:
        doc = html_document(response.text, url=response.url)
    except ValueError as exc:
        return Item(key, url, digest, error=f"{url}: {exc}")
    doc = Document(doc.text, doc.title or defaults.get("title", ""),
                   doc.publisher or defaults.get("publisher", "") or source.publisher,
                   doc.published or defaults.get("published", ""), doc.url or url)
    return Item(key, url, digest, doc, validators=validators)
