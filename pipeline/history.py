"""What the store held before: nothing is overwritten in place.

A stored figure row is replaced whole, never edited. When a document's text changes (a new
version at the same URL), when the extractor reads it differently (`reextract`), when it
leaves its source (withdrawn) or when a person corrects one of its figures, the rows that
change are first copied to `figure_history` with the time and the reason, and the old
version of the document to `document_history`. A row that comes out the same keeps the
time it was first stored (`stored_at`), so a refresh or re-reading that changes nothing
writes no history. `figures_as_of` reads the store as it stood at any earlier time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from extract import Figure

from .store import (
    CORRECTABLE,
    FIGURE_COLUMNS,
    HISTORY_COLUMNS,
    chunks,
    corrections,
    day_of,
    document_history,
    documents,
    figure_history,
    figures,
    link_history,
)

_EXTRACT = Path(__file__).resolve().parents[1] / "extract"
# what makes two versions of a figure row the same (the extractor that read it aside)
_SAME = [*FIGURE_COLUMNS, "wrong", "correction", "day"]
_DOCUMENT_VERSION = [c.name for c in document_history.columns if c.name not in ("id", "replaced_at")]


@cache
def extractor_version() -> str:
    """The version of the extractor: a hash of its code and its word lists, so that any
    change to the rules is a new version."""
    digest = hashlib.sha256()
    for path in sorted(p for p in _EXTRACT.rglob("*") if p.is_file() and p.suffix in
                       (".py", ".toml", ".csv", ".txt", ".json")):
        digest.update(path.relative_to(_EXTRACT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def utc_time(text: str | None, end_of_day: bool = True) -> dt.datetime | None:
    """The time a text names, as the store keeps times (naive UTC): "2026-03-09 12:00"
    (or with a "T", seconds, or a UTC offset, converted to UTC); a bare date is the end
    of that day (its start, unless `end_of_day`). None for an empty text or one that
    names no time (out of the calendar too)."""
    text = (text or "").strip()
    try:
        if len(text) == 10:
            return dt.datetime.combine(dt.date.fromisoformat(text),
                                       dt.time.max if end_of_day else dt.time.min)
        when = dt.datetime.fromisoformat(text.replace(" ", "T", 1)) if text else None
        if when is not None and when.tzinfo is not None:
            when = when.astimezone(dt.UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):  # (an offset that takes it out of the calendar)
        return None
    return when


@dataclass
class Written:
    """One transaction's writes, at one time: the documents whose figures changed (or may
    have), and the claims and summary groups their rows had before, so that those are
    built again."""

    now: dt.datetime
    old_claim_ids: set[str] = field(default_factory=set)
    old_chart_keys: set[str] = field(default_factory=set)
    documents: list[str] = field(default_factory=list)


def replace_documents(conn: Connection, stored: list[tuple[dict, Iterable[Figure]]],
                      written: Written) -> int:
    """Store documents and their figures, each in place of what was stored under its key,
    keeping what changes as history: the old version of a document whose text changed,
    and each old figure row that does not come out the same ("new version" or
    "re-read"). People's corrections are applied to the new rows again. A document's link
    (and its time) carries over from the stored one into its row, for the link step. A
    batch is read and written in a few statements. How many figure rows were written."""
    docs = {doc["key"]: (doc, found) for doc, found in stored}
    if not docs:
        return 0
    keys = list(docs)
    old_docs = _rows_in(conn, sa.select(*[documents.c[c] for c in (
        "key", "content_hash", "reprint_of", "linked_at", "withdrawn_at")]), documents.c.key,
        keys)
    changed = [k for k, old in old_docs.items() if old["content_hash"] != docs[k][0]["content_hash"]]
    # the old version is kept when the text changed, and when the document comes back
    # after it was withdrawn (an export as of a time before must still find it)
    kept = changed + [k for k, old in old_docs.items()
                      if old["withdrawn_at"] is not None and k not in changed]
    if kept:
        versions = sa.select(*[documents.c[c] for c in _DOCUMENT_VERSION])
        conn.execute(document_history.insert(), [
            dict(row) | {"replaced_at": written.now}
            for row in _rows_in(conn, versions, documents.c.key, kept).values()])
    old_rows = _stored_rows(conn, keys)
    made = _corrections_of(conn, keys)
    rows: list[dict] = []
    gone: dict[str, list[dict]] = {"re-read": [], "new version": []}
    for key, (doc, found) in docs.items():
        old_doc = old_docs.get(key)
        if old_doc is not None:
            doc.setdefault("reprint_of", old_doc["reprint_of"])
            doc.setdefault("linked_at", old_doc["linked_at"])
        doc["withdrawn_at"] = None
        reason = "new version" if old_doc is None or key in changed else "re-read"
        mine, replaced = _compared(_new_rows(key, doc.get("published"), found, made.get(key, [])),
                                   old_rows.get(key, []), written.now)
        rows += mine
        gone[reason] += replaced
        written.old_claim_ids |= {r["claim_id"] for r in old_rows.get(key, ()) if r["claim_id"]}
        written.old_chart_keys |= {r["chart_key"] for r in old_rows.get(key, ()) if r["chart_key"]}
        written.documents.append(key)
    for reason, kept in gone.items():
        _keep(conn, kept, written.now, reason)
    for part in chunks(keys):
        conn.execute(figures.delete().where(figures.c.doc_key.in_(part)))
        conn.execute(documents.delete().where(documents.c.key.in_(part)))
    conn.execute(documents.insert(), [_document_row(doc) for doc, _ in docs.values()])
    if rows:
        conn.execute(figures.insert(), rows)
    return len(rows)


def _rows_in(conn: Connection, stmt: sa.Select, column: sa.Column, keys: list) -> dict:
    """{key: row} of the rows whose `column` (their first selected column) is one of
    `keys`, read a chunk of keys at a time."""
    found = {}
    for part in chunks(keys):
        for row in conn.execute(stmt.where(column.in_(part))).mappings():
            found[row[column.name]] = row
    return found


_DOCUMENT_COLUMNS = [c.name for c in documents.columns]


def _document_row(doc: dict) -> dict:
    """A document's row, every column given (an executemany needs the same keys in each)."""
    return {c: doc.get(c) for c in _DOCUMENT_COLUMNS}


def _compared(rows: list[dict], old: list[dict], now: dt.datetime) -> tuple[list[dict], list[dict]]:
    """The new rows of a document, those that come out the same as a stored one keeping
    its time and claim; and the stored rows that do not come out the same."""
    before = {r["figure_id"]: r for r in old}
    gone = []
    for row in rows:
        was = before.pop(row["figure_id"], None)
        if was is not None and all(was[c] == row[c] for c in _SAME):
            row.update(stored_at=was["stored_at"], claim_key=was["claim_key"],
                       claim_id=was["claim_id"])
        else:
            row["stored_at"] = now
            if was is not None:
                gone.append(was)
    return rows, gone + list(before.values())


def _corrections_of(conn: Connection, keys: list[str]) -> dict[str, list[dict]]:
    """People's corrections of these documents' figures, by document, in the order made."""
    found: dict[str, list[dict]] = {}
    for part in chunks(keys):
        for row in conn.execute(sa.select(corrections).where(corrections.c.doc_key.in_(part))
                                .order_by(corrections.c.id)).mappings():
            found.setdefault(row["doc_key"], []).append(dict(row))
    return found


def _new_rows(key: str, published: dt.date | None, found: Iterable[Figure],
              made: list[dict]) -> list[dict]:
    """The figure rows of a document (one per figure_id) published on `published`, read
    by this extractor, with their day and the corrections people made to them (`made`, in
    order) applied."""
    rows: dict[str, dict] = {}
    version = extractor_version()
    for f in found:
        if f.figure_id not in rows:
            rows[f.figure_id] = {c: getattr(f, c) for c in FIGURE_COLUMNS} | {
                "doc_key": key, "extractor": version, "wrong": False, "correction": "",
                "claim_key": None, "claim_id": None, "day": day_of(f.report_date, published)}
    for correction in made:
        if correction["figure_id"] in rows:
            apply_correction(rows[correction["figure_id"]], correction)
    return list(rows.values())


def apply_correction(row: dict, correction: dict) -> None:
    """Apply one correction (a `corrections` row) to a figure row, in place."""
    field_, new = correction["field"], correction["new"]
    if field_ == "wrong":
        row["wrong"] = True
    elif field_ == "value":
        value, old = int(new), row["value"]
        row["value"] = value
        row["low"] = value if row["low"] == old else row["low"]
        row["high"] = value if row["high"] == old else row["high"]
    else:
        row[field_] = new
    note = (f"marked wrong: {correction['reason']}" if field_ == "wrong" else
            f"{field_} {correction['old']} → {new}: {correction['reason']}")
    row["correction"] = "; ".join(n for n in (row["correction"], note) if n)


def _stored_rows(conn: Connection, keys: list[str]) -> dict[str, list[dict]]:
    """The stored figure rows of these documents, by document."""
    columns = [figures.c[c] for c in (*HISTORY_COLUMNS, "doc_key", "claim_key", "claim_id",
                                      "chart_key")]
    found: dict[str, list[dict]] = {}
    for part in chunks(keys):
        for row in conn.execute(sa.select(*columns).where(figures.c.doc_key.in_(part))
                                ).mappings():
            found.setdefault(row["doc_key"], []).append(dict(row))
    return found


def _keep(conn: Connection, rows: list[dict], now: dt.datetime, reason: str) -> None:
    """Copy figure rows to the history, replaced now for a reason."""
    if rows:
        conn.execute(figure_history.insert(), [
            {c: r[c] for c in (*HISTORY_COLUMNS, "doc_key")} | {"replaced_at": now,
                                                               "reason": reason}
            for r in rows])


def withdraw(conn: Connection, keys: list[str], written: Written) -> None:
    """Mark documents that left their source withdrawn (now); their figures go to the
    history, and the documents stay, with their text."""
    if not keys:
        return
    rows = [r for found in _stored_rows(conn, keys).values() for r in found]
    now = written.now
    _keep(conn, rows, now, "withdrawn")
    written.old_claim_ids |= {r["claim_id"] for r in rows if r["claim_id"]}
    written.old_chart_keys |= {r["chart_key"] for r in rows if r["chart_key"]}
    written.documents += keys
    for part in chunks(keys):
        conn.execute(figures.delete().where(figures.c.doc_key.in_(part)))
        conn.execute(documents.update().where(documents.c.key.in_(part)).values(
            withdrawn_at=now))


def correct(conn: Connection, figure_id: str, field_: str, new: str, reason: str, by: str,
            written: Written) -> list[dict]:
    """Record a person's correction of a figure (every stored row with this figure_id) and
    apply it, keeping the row as it was in the history. The corrections made, as rows."""
    if field_ not in (*CORRECTABLE, "wrong"):
        raise ValueError(f"cannot correct {field_!r}: one of wrong, {', '.join(CORRECTABLE)}")
    found = [r for r in conn.execute(sa.select(
        *[figures.c[c] for c in (*HISTORY_COLUMNS, "doc_key", "claim_key", "claim_id",
                                 "chart_key")])
        .where(figures.c.figure_id == figure_id)).mappings()]
    made = []
    for row in map(dict, found):
        old = "" if field_ == "wrong" else str(row[field_])
        correction = {"doc_key": row["doc_key"], "figure_id": figure_id, "field": field_,
                      "old": old, "new": new, "reason": reason, "by": by,
                      "made_at": written.now}
        _keep(conn, [row], written.now, "correction")
        apply_correction(row, correction)
        conn.execute(figures.update().where(
            figures.c.doc_key == row["doc_key"], figures.c.figure_id == figure_id).values(
            {c: row[c] for c in (*CORRECTABLE, "low", "high", "wrong", "correction")}
            | {"stored_at": written.now}))
        conn.execute(corrections.insert().values(**correction))
        written.old_claim_ids |= {row["claim_id"]} - {None}
        written.old_chart_keys |= {row["chart_key"]} - {None}
        written.documents.append(row["doc_key"])
        made.append(correction)
    return made


def record_link(conn: Connection, key: str, old: str | None, linked_at: dt.datetime | None,
                now: dt.datetime) -> None:
    """Keep a document's link before it changes (reprint_links.py sets the new one)."""
    conn.execute(link_history.insert().values(doc_key=key, reprint_of=old, linked_at=linked_at,
                                              until=now))


def figures_as_of(when: dt.datetime) -> tuple[sa.Subquery, sa.Subquery, sa.Subquery]:
    """The figure rows, the document versions and the reprint links as they stood at
    `when`: (figures, documents, links), each with the columns of today's tables."""
    def held(table: sa.Table, columns: list[str]) -> sa.Select:
        return sa.select(*[table.c[c] for c in columns])

    figure_columns = [*HISTORY_COLUMNS, "doc_key"]
    rows = sa.union_all(
        held(figures, figure_columns).where(figures.c.stored_at <= when),
        held(figure_history, figure_columns).where(figure_history.c.stored_at <= when,
                                                   figure_history.c.replaced_at > when),
    ).subquery("figures_then")
    document_columns = _DOCUMENT_VERSION
    versions = sa.union_all(
        held(documents, document_columns).where(documents.c.fetched_at <= when),
        held(document_history, document_columns).where(document_history.c.fetched_at <= when,
                                                       document_history.c.replaced_at > when),
    ).subquery("documents_then")
    links = sa.union_all(
        sa.select(documents.c.key.label("doc_key"), documents.c.reprint_of).where(
            sa.or_(documents.c.linked_at.is_(None), documents.c.linked_at <= when)),
        sa.select(link_history.c.doc_key, link_history.c.reprint_of).where(
            sa.or_(link_history.c.linked_at.is_(None), link_history.c.linked_at <= when),
            link_history.c.until > when),
    ).subquery("links_then")
    return rows, versions, links
