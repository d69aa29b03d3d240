"""Refresh: read every source once, extract changed documents, and store them in batches.

Text is cleaned on the way in (extract.formats.clean_document). A bad document or a
failing source is logged in one line and recorded on the run; the refresh goes on.
Each batch's documents are read (cleaned, figures extracted, language told) by an
`Extraction`: here, or on a Dask cluster (pipeline/cluster.py), which reads the next batches
while this process writes one; batches are written in the order read from the source, so
the store is the same either way.
Documents are committed in batches, each document replaced whole, so a refresh killed at
any moment leaves the store consistent and a rerun finishes the work without
duplicating anything; the next refresh marks a run left "running" by a killed process
"interrupted". A refresh asked to stop (`stop` set, as on SIGTERM) commits what it has,
records the run as "stopped" and releases the lock.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tqdm import tqdm

from extract import detect_language, doc_id, extract_figures
from extract.language import not_english
from extract.row import as_date

from .alerts import AlertRule
from .changes import printable
from .claim_updates import Updated
from .extraction import Extraction, InProcess, Read
from .fetch import Fetcher
from .history import Written, withdraw
from .sources import Item, Source, SourceError, read_source, storable
from .store import Store

log = logging.getLogger("pipeline")
BATCH = 100


@dataclass
class SourceResult:
    """What one source gave in one run."""

    source: str
    status: str = "ok"
    documents_seen: int = 0
    documents_changed: int = 0
    documents_failed: int = 0
    error: str = ""


@dataclass
class RunResult:
    """What a refresh did, in all and per source."""

    run_id: int
    status: str
    sources: list[SourceResult] = field(default_factory=list)
    figures_written: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, one-line reason)
    new_claims: int = 0
    revisions: list[dict] = field(default_factory=list)
    withdrawn: int = 0
    alert_rules: tuple[AlertRule, ...] = ()
    alerts: list[dict] = field(default_factory=list)

    @property
    def documents_changed(self) -> int:
        return sum(s.documents_changed for s in self.sources)


def document_row(item: Item, source: Source, doc_id: str, language: str = "") -> dict:
    doc = item.document
    return {
        "key": item.key, "doc_id": doc_id, "source": source.name, "locator": item.locator,
        "url": doc.url, "title": doc.title, "publisher": doc.publisher,
        "published": as_date(doc.published), "fetched_at": _utcnow(),
        "content_hash": item.content_hash, "text": doc.text,
        "language": language or detect_language(doc.text),
    }


class Stopped(Exception):
    """The refresh was asked to stop between two documents."""


def refresh(store: Store, sources: list[Source], fetcher: Fetcher | None = None,
            batch_size: int = BATCH, progress: bool = True,
            stop: threading.Event | None = None,
            alert_rules: Sequence[AlertRule] = (),
            extraction: Extraction | None = None,
            headline_agencies: Sequence[str] | None = None) -> RunResult:
    """Read every source once and bring the store up to date; returns what was done.
    Setting `stop` ends the refresh after the document in hand (and the batches sent to
    be read), with status "stopped". Alert rules (pipeline/alerts.py) are checked on every
    claim first seen. `extraction` reads the documents (default: in this process).
    `headline_agencies` (pipeline/headline.py), when given, is stored in place of the
    order stored."""
    fetcher = fetcher or Fetcher()
    stop = stop or threading.Event()
    extraction = extraction or InProcess()
    with store.writer_lock():
        interrupted = store.mark_interrupted_runs()
        if interrupted:
            log.warning("runs %s were left running by a process that ended: marked interrupted",
                        ", ".join(map(str, interrupted)))
        if headline_agencies is not None:
            store.set_headline_agencies(list(headline_agencies))
        run = RunResult(store.start_run(), "running", alert_rules=tuple(alert_rules))
        store.declare_sources([{"name": storable(s.name), "kind": s.kind,
                                "location": storable(s.location),
                                "expected_interval": s.expected_interval} for s in sources])
        bar = tqdm(desc="refresh", unit="doc", disable=None if progress else True)
        try:
            for source in sources:
                batches = _Batches(store, source, extraction, run)
                run.sources.append(_refresh_source(source, fetcher, batch_size, batches, bar,
                                                   stop))
                if stop.is_set():
                    break
        except BaseException as exc:  # recorded on the run, then raised again
            run.status = "failed"
            run.errors.append(("", f"refresh ended by {type(exc).__name__}: {exc}"[:500]))
            try:
                _finish(store, run)
            except Exception as failure:  # the next refresh marks the run interrupted
                log.error("the run could not be recorded: %s", failure)
            raise
        finally:
            bar.close()
        failed = sum(s.status == "failed" for s in run.sources)
        partial = any(s.status != "ok" for s in run.sources)
        run.status = ("stopped" if stop.is_set() else "failed" if failed == len(run.sources)
                      else "partial" if partial else "ok")
        _finish(store, run)
    return run


def _finish(store: Store, run: RunResult) -> None:
    """Record a run's status, totals, per-source results and error lines."""
    totals = {
        "documents_seen": sum(s.documents_seen for s in run.sources),
        "documents_changed": run.documents_changed,
        "documents_failed": sum(s.documents_failed for s in run.sources),
        "figures_written": run.figures_written,
    }
    errors = [(storable(source), storable(error)) for source, error in run.errors]
    per_source = [{k: storable(v) if isinstance(v, str) else v for k, v in vars(s).items()}
                  for s in run.sources]
    store.finish_run(run.run_id, run.status, totals, per_source, errors)


def _refresh_source(source: Source, fetcher: Fetcher, batch_size: int, batches: _Batches,
                    bar: tqdm, stop: threading.Event) -> SourceResult:
    store, result, run = batches.store, batches.result, batches.run
    known = store.content_hashes(source.name)
    validators = _validators(store, source)
    pending: list[Item] = []
    seen: set[str] = set()
    gone: list[str] = []
    try:
        for item in read_source(source, known, fetcher, validators):
            bar.update(1)
            if stop.is_set():
                raise Stopped
            if not item.key:  # the feed itself, read to the end: remember its validators
                pending.append(item)
                continue
            seen.add(item.key)
            result.documents_seen += 1
            if item.gone and item.key in known:  # a stored page the server says is no more
                gone.append(item.key)
                continue
            if item.error:  # (a file that cannot be read now still holds its records)
                seen |= {k for k in known if k.startswith(item.key + "#")}
                result.documents_failed += 1
                run.errors.append((source.name, item.error))
                log.error("%s: %s", source.name, item.error)
                continue
            if item.unchanged:
                if item.validators:
                    pending.append(item)
                continue
            pending.append(item)
            if sum(1 for p in pending if p.document) >= batch_size:
                batches.send(pending)
                pending = []
        batches.send(pending)
        batches.write_all()
    except Stopped:
        batches.send([p for p in pending if p.key])
        batches.write_all()
        result.status, result.error = "stopped", "stopped before the end"
        return result
    except SourceError as exc:
        batches.send([p for p in pending if p.key])
        batches.write_all()
        result.status, result.error = "failed", str(exc)
        run.errors.append((source.name, str(exc)))
        log.error("%s: %s", source.name, exc)
        return result
    if source.kind == "folder":  # read to the end: a file no longer there was withdrawn
        gone += sorted(set(known) - seen)
    _withdraw(store, gone, run)
    if result.documents_failed:
        result.status = "partial"
        result.error = f"{result.documents_failed} document(s) could not be read"
    return result


def _withdraw(store: Store, keys: list[str], run: RunResult) -> None:
    """Mark documents that left their source withdrawn (a file no longer in its folder, a
    page the server says is no more), and build their claims again."""
    if not keys:
        return
    with store.batch() as conn:
        written = Written(_utcnow())
        withdraw(conn, keys, written)
        _count(run, store.update_claims(conn, written, set()))
    run.withdrawn += len(keys)
    for key in keys:
        log.info("%s: withdrawn (no longer at its source)", key)


def _count(run: RunResult, updated: Updated) -> None:
    """Add what a claims update did to the run, and log its revisions and alerts."""
    run.new_claims += len(updated.new_claims)
    run.revisions += updated.revisions
    run.alerts += updated.alerts
    for alert in updated.alerts:
        log.warning("alert %s: %s", printable(alert["rule"]), printable(alert["message"]))
    for revision in updated.revisions:
        log.info("revision: %s %s %s (%s) %s -> %s", printable(revision["agency"]),
                 revision["category"], printable(revision["place"] or ""), revision["kind"],
                 revision["old_value"], revision["new_value"])


class _Batches:
    """A source's batches of changed documents: each sent to be read (by the extraction)
    when complete, and written in the order sent, with at most `extraction.ahead` batches
    sent ahead of the one being written."""

    def __init__(self, store: Store, source: Source, extraction: Extraction,
                 run: RunResult) -> None:
        self.store, self.source, self.extraction, self.run = store, source, extraction, run
        self.result = SourceResult(source.name)
        self.sent: deque[tuple[list[Item], Callable[[], list[Read]]]] = deque()

    def send(self, items: list[Item]) -> None:
        """Send a batch to be read; write the oldest batches sent beyond `ahead`."""
        documents = [item.document for item in items if item.document is not None]
        self.sent.append((items, self.extraction.submit(documents) if documents
                          else lambda: []))
        while len(self.sent) > self.extraction.ahead:
            self._write(*self.sent.popleft())

    def write_all(self) -> None:
        """Write every batch sent and not yet written, in order."""
        while self.sent:
            self._write(*self.sent.popleft())

    def _write(self, items: list[Item], reads: Callable[[], list[Read]]) -> None:
        """Store a batch's documents as read, in one transaction, then their HTTP
        validators. A document that fails (in reading or in the database) is recorded on
        the run and left out; the others of the batch are stored."""
        store, source, result, run = self.store, self.source, self.result, self.run
        extracted = []
        failed: set[str] = set()
        read = iter(reads())
        for item in items:
            if item.document is None:
                continue
            got = next(read)
            if got.document is None:
                failed.add(item.key)
                _document_failed(item.locator, got.error, source, result, run)
                continue
            item.document = got.document
            extracted.append((document_row(item, source, got.figures[0].doc_id if got.figures
                                           else doc_id(got.document.text), got.language),
                              got.figures))
            if (line := not_english(item.locator, got.language, len(got.figures))) is not None:
                log.info("%s: %s", source.name, line)
        try:
            result.documents_changed += _store(store, extracted, run)
        except Exception:  # the batch failed as a whole: store its documents one by one
            for row, found in extracted:
                try:
                    result.documents_changed += _store(store, [(row, found)], run)
                except Exception as exc:
                    failed.add(row["key"])
                    _document_failed(row["locator"], f"{type(exc).__name__}: {exc}", source,
                                     result, run)
        for item in items:
            if item.validators and item.key not in failed:
                store.save_validators(item.validators["url"], item.validators["etag"],
                                      item.validators["last_modified"], item.content_hash)


def _store(store: Store, extracted: list[tuple[dict, list]], run: RunResult) -> int:
    """Replace the documents and their figures in one transaction, then link reprints and
    build their claims again, in the same transaction; how many documents were stored."""
    rows, updated = store.write(extracted, alert_rules=run.alert_rules)
    run.figures_written += rows
    _count(run, updated)
    return len(extracted)


def _document_failed(locator: str, error: str, source: Source, result: SourceResult,
                     run: RunResult) -> None:
    reason = " ".join(f"{locator}: {error}".split())[:500]
    result.documents_failed += 1
    run.errors.append((source.name, reason))
    log.error("%s: %s", source.name, reason)


def reextract(store: Store, progress: bool = True) -> tuple[int, int]:
    """Run the current extractor (and language detection) again over every stored
    document; no fetching. Returns (documents, figures) written."""
    docs = figures_written = 0
    with store.writer_lock():
        batch: list[dict] = []
        rows = list(store.stored_documents())
        for row in tqdm(rows, desc="re-extract", unit="doc", disable=None if progress else True):
            batch.append(row)
            if len(batch) >= BATCH:
                figures_written += _reextract_batch(store, batch)
                docs += len(batch)
                batch = []
        figures_written += _reextract_batch(store, batch)
        docs += len(batch)
    return docs, figures_written


def _reextract_batch(store: Store, rows: list[dict]) -> int:
    """Re-extract and replace a batch; a document whose extraction fails keeps the
    figures it had, with one log line."""
    read: list[tuple[dict, list | None]] = []  # each document and its new figures (or None)
    for row in rows:
        try:
            found = extract_figures(row["text"], row["published"], row["publisher"],
                                    row["title"], row["url"])
            row = dict(row, language=detect_language(row["text"]))
        except Exception as exc:  # one bad document never stops the re-extraction
            log.error("%s: %s: %s, its figures are kept", row["key"], type(exc).__name__,
                      " ".join(str(exc).split())[:300])
            found = None
        read.append((row, found))
    return store.write(read, fetched=False)[0]


def _validators(store: Store, source: Source) -> dict[str, dict[str, str]]:
    if source.kind == "folder":
        return {}
    urls = [source.url] if source.kind == "feed" else list(source.urls)
    found = {url: store.validators(url) for url in urls}
    if source.kind == "feed":
        found.update(store.page_validators(source.name))
    return {url: v for url, v in found.items() if v}


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
