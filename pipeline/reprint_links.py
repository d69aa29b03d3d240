"""The store's side of reprints (pipeline/reprints.py says what a reprint is): each
document's signature and buckets, kept beside it, and `documents.reprint_of`, the earliest
document it copies, set in the transaction that stores it.

A document's original is the first of its candidates (see `_before`: by publication date;
on one day, the one the other credits, then the earlier fetched) that it reprints, or that
one's own original; a later document
that reprints it points to the same original unless it already points to an earlier one.
Nothing is deleted: a reprint keeps its rows, and readers count it once (see
docs/design.md, "Reprints")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cmp_to_key

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import store
from .reprints import Signature, bands, is_reprint, signature

_LAST = dt.date.max


def save_signature(conn: Connection, key: str, text: str) -> None:
    """Store a document's signature and buckets (its old ones already deleted)."""
    sig = signature(text)
    conn.execute(store.document_signatures.insert().values(
        doc_key=key, minhash=sig.to_bytes(), size=sig.size))
    if sig.size:
        conn.execute(store.document_bands.insert(), [
            {"band": band, "bucket": bucket, "doc_key": key}
            for band, bucket in enumerate(bands(sig))])


def link_reprints(conn: Connection, keys: Iterable[str]) -> None:
    """Set `reprint_of` for documents just stored, for the later copies of them, and again
    for the copies of a document whose text changed."""
    todo = list(dict.fromkeys(keys))
    for key in todo:
        copies = conn.execute(sa.select(store.documents.c.key).where(
            store.documents.c.reprint_of == key)).scalars().all()
        _link(conn, key)
        for copy in copies:  # do they still copy it?
            _link(conn, copy)


def link_all(conn: Connection, batch: int) -> None:
    """Signatures for every stored document, then links, the earliest published first
    (for the upgrade to schema version 5)."""
    docs = store.documents
    after = None
    while True:
        stmt = sa.select(docs.c.key, docs.c.text).order_by(docs.c.key).limit(batch)
        rows = conn.execute(stmt if after is None else stmt.where(docs.c.key > after)).all()
        if not rows:
            break
        for key, text in rows:
            save_signature(conn, key, text)
        after = rows[-1][0]
    order = sa.select(docs.c.key).order_by(docs.c.published, docs.c.fetched_at, docs.c.key)
    for key in conn.execute(order).scalars().all():
        _link(conn, key)


def _link(conn: Connection, key: str) -> None:
    """Link one document to the first earlier candidate it reprints (or to that one's
    original), and the later candidates that reprint it to the same original, unless they
    already have an earlier one."""
    me = _document(conn, key, {})
    if me is None:
        return
    candidates = _documents(conn, _candidates(conn, me["sig"]) - {key})
    earlier = [c for c in candidates.values() if _before(c, me)
               and is_reprint(me["sig"], me["figures"], c["sig"], c["figures"])]
    first = min(earlier, key=cmp_to_key(lambda x, y: -1 if _before(x, y) else 1), default=None)
    original = (first["reprint_of"] or first["key"]) if first else None
    _set(conn, key, me["reprint_of"], original)
    target = _document(conn, original, candidates) if original else me
    for c in candidates.values():
        if not _before(me, c) or not is_reprint(c["sig"], c["figures"], me["sig"], me["figures"]):
            continue
        current = _document(conn, c["reprint_of"], candidates)
        if current is None or _before(target, current):
            _set(conn, c["key"], c["reprint_of"], target["key"])


def _document(conn: Connection, key: str | None, known: dict[str, dict]) -> dict | None:
    """One document as `_documents` reads it, from those already read where it is."""
    if not key:
        return None
    return known.get(key) or _documents(conn, [key]).get(key)


def _before(x: dict, y: dict) -> bool:
    """Whether document x came before y: published earlier; on the same day (or with no
    dates) the one the other credits ("originally published by Radio Tolvan", "Source:
    The Meridian Post"), then the one fetched first."""
    if x["published"] != y["published"]:
        return (x["published"] or _LAST) < (y["published"] or _LAST)
    x_credits, y_credits = _credits(x, y), _credits(y, x)
    if x_credits != y_credits:
        return y_credits
    return (x["fetched_at"], x["key"]) < (y["fetched_at"], y["key"])


def _credits(x: dict, y: dict) -> bool:
    """Whether x's text names y's publisher (and it is not x's own)."""
    name = y["publisher"].casefold()
    return bool(name) and name != x["publisher"].casefold() and name in x["text"].casefold()


def _candidates(conn: Connection, sig: Signature) -> set[str]:
    if not sig.size:
        return set()
    table = store.document_bands
    shared = sa.or_(*(sa.and_(table.c.band == band, table.c.bucket == bucket)
                      for band, bucket in enumerate(bands(sig))))
    return set(conn.execute(sa.select(table.c.doc_key).where(shared)).scalars())


def _documents(conn: Connection, keys: Iterable[str | None]) -> dict[str, dict]:
    """Each document's dates, publisher, text, signature, figures (category, value) and
    link."""
    keys = [k for k in keys if k]
    if not keys:
        return {}
    docs, sigs, figs = store.documents, store.document_signatures, store.figures
    rows = conn.execute(sa.select(docs.c.key, docs.c.published, docs.c.fetched_at,
                                  docs.c.publisher, docs.c.text, docs.c.reprint_of,
                                  sigs.c.minhash, sigs.c.size)
                        .join(sigs, sigs.c.doc_key == docs.c.key)
                        .where(docs.c.key.in_(keys))).all()
    found = {r.key: {"key": r.key, "published": r.published, "fetched_at": r.fetched_at,
                     "publisher": r.publisher or "", "text": r.text,
                     "reprint_of": r.reprint_of, "figures": [],
                     "sig": Signature.from_bytes(r.minhash, r.size)} for r in rows}
    for doc_key, category, value in conn.execute(
            sa.select(figs.c.doc_key, figs.c.category, figs.c.value).where(
                figs.c.doc_key.in_(keys), sa.not_(figs.c.superseded))):
        found[doc_key]["figures"].append((category, value))
    return found


def _set(conn: Connection, key: str, current: str | None, original: str | None) -> None:
    if current != original:
        conn.execute(store.documents.update().where(store.documents.c.key == key)
                     .values(reprint_of=original))
