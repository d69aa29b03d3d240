"""Sources of documents, declared in a TOML file: local folders, RSS/Atom feeds, URL lists.

    [[source]]
    name = "sample"
    kind = "folder"          # folder | feed | urls
    path = "sample"          # relative to the sources file
    publisher = "..."        # optional default publisher

    [[source]]
    name = "agency-feed"
    kind = "feed"
    url = "https://example.org/feed.xml"

    [[source]]
    name = "reading-list"
    kind = "urls"
    urls = ["https://example.org/a", "https://example.org/b"]

Reading a source yields one `Item` per document: its stable key, and either the
parsed document, a note that it is unchanged since the last refresh, or the
reason it could not be read.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import feedparser

from extract.formats import Document, decode_text, file_document, html_document

from .fetch import Fetcher, FetchError, check_scheme

KINDS = ("folder", "feed", "urls")
FOLDER_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}
DEFAULT_SOURCES = Path(__file__).resolve().parents[1] / "data" / "sources.toml"


class SourceError(Exception):
    """A whole source (or the sources file) cannot be read; the message says why."""


@dataclass(frozen=True)
class Source:
    """One declared source."""

    name: str
    kind: str
    path: Path | None = None
    url: str = ""
    urls: tuple[str, ...] = ()
    publisher: str = ""
    text_field: str = "text"


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


def load_sources(path: Path | str | None = None) -> list[Source]:
    """The sources declared in a TOML file (data/sources.toml by default)."""
    path = Path(path or DEFAULT_SOURCES)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise SourceError(f"{path}: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: not valid TOML ({exc})") from None
    found = []
    names = set()
    for i, entry in enumerate(data.get("source", []), 1):
        where = f"{path}: source {i}"
        name = str(entry.get("name", "")).strip()
        kind = entry.get("kind", "")
        if not name:
            raise SourceError(f"{where}: no name")
        if name in names:
            raise SourceError(f"{where}: the name {name!r} is used twice")
        names.add(name)
        if kind not in KINDS:
            raise SourceError(f"{where} ({name}): kind must be one of {', '.join(KINDS)}, not {kind!r}")
        source = Source(
            name=name,
            kind=kind,
            path=(path.parent / entry["path"]).resolve() if "path" in entry else None,
            url=entry.get("url", ""),
            urls=tuple(entry.get("urls", ())),
            publisher=entry.get("publisher", ""),
            text_field=entry.get("text_field", "text"),
        )
        if kind == "folder" and source.path is None:
            raise SourceError(f"{where} ({name}): a folder source needs a path")
        if kind == "feed" and not source.url:
            raise SourceError(f"{where} ({name}): a feed source needs a url")
        if kind == "urls" and not source.urls:
            raise SourceError(f"{where} ({name}): a urls source needs a list of urls")
        for url in ([source.url] if source.url else []) + list(source.urls):
            try:
                check_scheme(url)
            except FetchError as exc:
                raise SourceError(f"{where} ({name}): {exc}") from None
        found.append(source)
    if not found:
        raise SourceError(f"{path}: no [[source]] entries")
    return found


def read_source(source: Source, known: dict[str, str], fetcher: Fetcher | None,
                validators: dict[str, dict[str, str]]) -> Iterator[Item]:
    """Every document of a source. `known` maps stored keys to content hashes (to skip
    unchanged files cheaply); `validators` maps URLs to their stored ETag/Last-Modified.
    Raises SourceError when the source as a whole cannot be read."""
    if source.kind == "folder":
        yield from _folder(source, known)
    elif source.kind == "feed":
        yield from _feed(source, fetcher or Fetcher(), validators)
    else:
        for url in source.urls:
            yield _page(source, url, fetcher or Fetcher(), validators.get(url, {}), {})


def _key(source: Source, locator: str) -> str:
    return f"{source.name}:{locator}"


def _hash(data: bytes | str) -> str:
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode("utf-8")).hexdigest()


def _folder(source: Source, known: dict[str, str]) -> Iterator[Item]:
    folder = source.path
    if folder is None or not folder.is_dir():
        raise SourceError(f"{folder}: no such folder")
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in FOLDER_SUFFIXES):
        locator = path.relative_to(folder).as_posix()
        try:
            raw = path.read_bytes()
        except OSError as exc:
            yield Item(_key(source, locator), locator, error=f"{path}: {exc.strerror}")
            continue
        if path.suffix.lower() in (".json", ".jsonl"):
            yield from _records(source, path, locator, raw, known)
            continue
        key, digest = _key(source, locator), _hash(raw)
        if known.get(key) == digest:
            yield Item(key, locator, digest, unchanged=True)
            continue
        try:
            doc = file_document(raw, path.suffix)
        except ValueError as exc:
            yield Item(key, locator, digest, error=f"{path}: {exc}")
            continue
        yield Item(key, locator, digest, _with_defaults(doc, source.publisher, path.as_uri()))


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
    except (ValueError, json.JSONDecodeError) as exc:
        yield Item(_key(source, locator), locator, error=f"{path}: not valid JSON ({exc})")
        return
    for i, record in enumerate(records):
        record_locator = f"{locator}#{record.get('id', i) if isinstance(record, dict) else i}"
        key = _key(source, record_locator)
        if not isinstance(record, dict) or not isinstance(record.get(source.text_field), str):
            yield Item(key, record_locator, error=f"{path}: record {i} has no text field "
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


def _feed(source: Source, fetcher: Fetcher, validators: dict[str, dict[str, str]]) -> Iterator[Item]:
    cached = validators.get(source.url, {})
    try:
        response = fetcher.get(source.url, cached.get("etag", ""), cached.get("last_modified", ""))
    except FetchError as exc:
        raise SourceError(str(exc)) from None
    if response.not_modified:
        return
    feed = feedparser.parse(response.text)
    if feed.bozo and not feed.entries:
        raise SourceError(f"{source.url}: not a readable RSS or Atom feed "
                          f"({feed.get('bozo_exception', 'no entries')})")
    for entry in feed.entries:
        link = entry.get("link", "")
        if not link:
            continue
        published = ""
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).date().isoformat()
        defaults = {"title": entry.get("title", ""), "published": published,
                    "publisher": source.publisher or feed.feed.get("title", "")}
        yield _page(source, link, fetcher, validators.get(link, {}), defaults)
    yield Item("", source.url, _hash(response.text), unchanged=True,
               validators={"url": source.url, "etag": response.etag,
                           "last_modified": response.last_modified})


def _page(source: Source, url: str, fetcher: Fetcher, cached: dict[str, str],
          defaults: dict[str, str]) -> Item:
    key = _key(source, url)
    try:
        check_scheme(url)
        response = fetcher.get(url, cached.get("etag", ""), cached.get("last_modified", ""))
    except FetchError as exc:
        return Item(key, url, error=str(exc))
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
