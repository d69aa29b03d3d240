"""The store's side of reprints (pipeline/reprints.py says what a reprint is): each
document's signature and buckets, kept beside it, and `documents.reprint_of`, the earliest
document it copies, set in the transaction that stores it.

A document's original is the first of its candidates (see `_before`: by publication date;
on one day, the one the other credits, then the one fetched by an earlier refresh run, then
the smaller key: pipeline/arrival.py) that it reprints, or that one's own original; a later
document that reprints it points to the same original unless it already points to an
earlier one. Candidates are the documents sharing most buckets with it, at most
CANDIDATES, read for a whole batch at once. Nothing is deleted: a reprint keeps its rows,
and readers count it once (see docs/design.md, "Reprints")."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cmp_to_key

import regex
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from extract import Figure

from . import history, store
from .arrival import Arrivals
from .reprints import CONTAINED, Signature, bands, contained, is_reprint, signature

_LAST = dt.date.max
CANDIDATES = 10  # documents compared with each one stored, those sharing most buckets (a
# template a source fills every day shares some with all its days; a copy shares most)


def save_signatures(conn: Connection, stored: list[tuple[str, str]]) -> dict[str, Signature]:
    """Store the signature and buckets of each (key, text), in place of any it had; the
    signatures, by key."""
    for part in store.chunks([key for key, _ in stored]):
        for table in (store.document_bands, store.document_signatures):
            conn.execute(table.delete().where(table.c.doc_key.in_(part)))
    signed = {key: signature(text) for key, text in stored}
    if not signed:
        return signed
    store.insert_rows(conn, store.document_signatures, ("doc_key", "minhash", "size"),
                      [(key, sig.to_bytes(), sig.size) for key, sig in signed.items()])
    store.insert_rows(conn, store.document_bands, ("bucket", "doc_key"),
                      [(bucket, key) for key, sig in signed.items() if sig.size
                       for bucket in dict.fromkeys(bands(sig))])
    return signed


def link_reprints(conn: Connection, stored: list[tuple[dict, list[Figure] | None]],
                  now: dt.datetime) -> set[str]:
    """Sign documents just stored (their rows, with the figures stored with them, or None
    when those were kept from before), then set `reprint_of` for them and for the later
    copies of them. The copies of a document whose text changed keep their link: they
    copied its earlier version, which the history keeps. The keys of the documents whose
    link changed."""
    signed = save_signatures(conn, [(doc["key"], doc["text"]) for doc, _ in stored])
    # a document whose figures were kept is read back as stored
    kept = _documents(conn, [doc["key"] for doc, found in stored if found is None])
    mine = [kept[doc["key"]] if found is None else {
        "key": doc["key"], "published": doc.get("published"), "fetched_at": doc["fetched_at"],
        "publisher": doc.get("publisher") or "", "text": doc["text"],
        "reprint_of": doc.get("reprint_of"), "linked_at": doc.get("linked_at"),
        "sig": signed[doc["key"]],
        "figures": [(f.category, f.value) for f in found if not f.superseded]}
        for doc, found in stored if found is not None or doc["key"] in kept]
    linking = _Linking(now, set(), store.read_arrivals(conn))
    _link_batch(conn, mine, linking)
    return linking.changed


def link_all(conn: Connection, batch: int, now: dt.datetime) -> None:
    """Signatures for every stored document, then links, the earliest published first
    (for the upgrade to schema version 5)."""
    docs = store.documents
    after = None
    while True:
        stmt = sa.select(docs.c.key, docs.c.text).order_by(docs.c.key).limit(batch)
        rows = conn.execute(stmt if after is None else stmt.where(docs.c.key > after)).all()
        if not rows:
            break
        save_signatures(conn, [tuple(r) for r in rows])
        after = rows[-1][0]
    linking = _Linking(now, set(), store.read_arrivals(conn))
    keys = [r.key for r in sorted(
        conn.execute(sa.select(docs.c.key, docs.c.published, docs.c.fetched_at)),
        key=lambda r: (r.published or _LAST, linking.arrivals.order(r.fetched_at, r.key)))]
    for start in range(0, len(keys), batch):
        found = _documents(conn, keys[start:start + batch])
        _link_batch(conn, [found[k] for k in keys[start:start + batch] if k in found], linking)


def _link_batch(conn: Connection, batch: list[dict], linking: _Linking) -> None:
    """Link each document of a batch (as `_documents` reads them), in order, with the
    candidates of all of them read at once: the figures only of those near enough to one
    of them to be a copy or an original. Adds the keys of those whose link changed to
    `linking.changed`."""
    if not batch:
        return
    shared = _candidates(conn, {me["key"]: me["sig"] for me in batch if me["figures"]})
    known = {me["key"]: me for me in batch}
    read = _read(conn, {k for found in shared.values() for k in found} - set(known))
    near: dict[str, list[str]] = {}
    for me in batch:
        near[me["key"]] = [k for k in shared.get(me["key"], ()) if (d := read.get(k) or known.get(k))
                           and contained(me["sig"], d["sig"]) >= CONTAINED]
    wanted = {k for keys in near.values() for k in keys if k in read}
    known |= _with_figures(conn, {k: read[k] for k in wanted})
    for me in batch:
        _link(conn, me, [known[k] for k in near[me["key"]]], known, linking)


def _link(conn: Connection, me: dict, candidates: list[dict], known: dict[str, dict],
          linking: _Linking) -> None:
    """Link one document to the first earlier of its near candidates it reprints (or to that one's
    original), and the later candidates that reprint it to the same original, unless they
    already have an earlier one. A document that states no figure is linked to none."""
    if not me["figures"]:
        _set(conn, me, None, known, linking)
        return
    arrivals = linking.arrivals
    earlier = [c for c in candidates
               if is_reprint(me["sig"], me["figures"], c["sig"], c["figures"])
               and _before(conn, c, me, arrivals)]
    first = min(earlier, key=cmp_to_key(lambda x, y: -1 if _before(conn, x, y, arrivals) else 1),
                default=None)
    original = (first["reprint_of"] or first["key"]) if first else None
    _set(conn, me, original, known, linking)
    target = _document(conn, original, known) if original else me
    for c in candidates:
        if not (is_reprint(c["sig"], c["figures"], me["sig"], me["figures"])
                and _before(conn, me, c, arrivals)):
            continue
        current = _document(conn, c["reprint_of"], known)
        if current is None or _before(conn, target, current, arrivals):
            _set(conn, c, target["key"], known, linking)


def _document(conn: Connection, key: str | None, known: dict[str, dict]) -> dict | None:
    """One document as `_documents` reads it, from those already read where it is."""
    if not key:
        return None
    if key not in known:
        known |= _documents(conn, [key])
    return known.get(key)


def _before(conn: Connection, x: dict, y: dict, arrivals: Arrivals) -> bool:
    """Whether document x came before y: published earlier; on the same day (or with no
    dates) the one the other credits ("originally published by Radio Tolvan", "Source:
    The Meridian Post"), then the one that arrived first (fetched by an earlier refresh
    run, else the smaller key: pipeline/arrival.py)."""
    if x["published"] != y["published"]:
        return (x["published"] or _LAST) < (y["published"] or _LAST)
    x_credits, y_credits = _credits(conn, x, y), _credits(conn, y, x)
    if x_credits != y_credits:
        return y_credits
    return arrivals.order(x["fetched_at"], x["key"]) < arrivals.order(y["fetched_at"], y["key"])


def _credits(conn: Connection, x: dict, y: dict) -> bool:
    """Whether x's text names y's publisher, as words ("AP" is not in "Japan"; and it is
    not x's own); x's text is read the first time it is asked for."""
    name = y["publisher"].casefold()
    if not name or name == x["publisher"].casefold():
        return False
    if x.get("text") is None:
        x["text"] = conn.execute(sa.select(store.documents.c.text).where(
            store.documents.c.key == x["key"])).scalar() or ""
    return regex.search(rf"(?<!\w){regex.escape(name)}(?!\w)", x["text"].casefold()) is not None


def _candidates(conn: Connection, signatures: dict[str, Signature]) -> dict[str, list[str]]:
    """For each signature, the documents sharing most of its buckets (itself left out), at
    most CANDIDATES, in one query for them all."""
    mine = {key: bands(sig) for key, sig in signatures.items() if sig.size}
    wanted = {bucket for buckets in mine.values() for bucket in buckets}
    if not wanted:
        return {}
    table = store.document_bands
    holders: dict[int, list[str]] = defaultdict(list)
    for bucket, key in store.select_in(conn, table, ("bucket", "doc_key"), "bucket", wanted):
        holders[bucket].append(key)
    found = {}
    for key, buckets in mine.items():
        shared = Counter(k for bucket in buckets for k in holders[bucket] if k != key)
        found[key] = [k for k, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))
                      [:CANDIDATES]]
    return found


def _documents(conn: Connection, keys: Iterable[str | None]) -> dict[str, dict]:
    """Each document's dates, publisher, signature, figures (category, value) and link."""
    return _with_figures(conn, _read(conn, keys))


def _read(conn: Connection, keys: Iterable[str | None]) -> dict[str, dict]:
    """Each document's dates, publisher, signature and link (its figures not yet read)."""
    keys = [k for k in keys if k]
    if not keys:
        return {}
    docs, sigs = store.documents, store.document_signatures
    rows = conn.execute(sa.select(docs.c.key, docs.c.published, docs.c.fetched_at,
                                  docs.c.publisher, docs.c.reprint_of, docs.c.linked_at,
                                  sigs.c.minhash,
                                  sigs.c.size)
                        .join(sigs, sigs.c.doc_key == docs.c.key)
                        .where(docs.c.key.in_(keys))).all()
    return {r.key: {"key": r.key, "published": r.published, "fetched_at": r.fetched_at,
                    "publisher": r.publisher or "", "reprint_of": r.reprint_of,
                    "linked_at": r.linked_at,
                    "figures": [], "sig": Signature.from_bytes(r.minhash, r.size)}
            for r in rows}


def _with_figures(conn: Connection, found: dict[str, dict]) -> dict[str, dict]:
    """The documents with their figures (category, value; superseded values left out) and
    their texts (which `_credits` reads)."""
    if found:
        figs, docs = store.figures, store.documents
        for doc_key, category, value in conn.execute(
                sa.select(figs.c.doc_key, figs.c.category, figs.c.value).where(
                    figs.c.doc_key.in_(list(found)), sa.not_(figs.c.superseded))):
            found[doc_key]["figures"].append((category, value))
        for key, text in conn.execute(sa.select(docs.c.key, docs.c.text).where(
                docs.c.key.in_(list(found)))):
            found[key]["text"] = text
    return found


@dataclass
class _Linking:
    """When links are set, the documents whose link changed, and the refresh runs that
    order documents of one day."""

    now: dt.datetime
    changed: set[str]
    arrivals: Arrivals


def _set(conn: Connection, doc: dict, original: str | None, known: dict[str, dict],
         linking: _Linking) -> None:
    """Point a document at its original (None: it reprints nothing); the documents that
    pointed at it as theirs now point at its original too, so that every link names a
    document that reprints nothing. Each link replaced is kept in the history."""
    if doc["reprint_of"] == original:
        return
    docs = store.documents
    moved = [(doc["key"], doc["reprint_of"], doc.get("linked_at"))]
    if original is not None:
        moved += conn.execute(sa.select(docs.c.key, docs.c.reprint_of, docs.c.linked_at)
                              .where(docs.c.reprint_of == doc["key"])).all()
    for key, old, linked_at in moved:
        if old is not None:  # (no link before: the history has nothing to keep)
            history.record_link(conn, key, old, linked_at, linking.now)
        conn.execute(docs.update().where(docs.c.key == key).values(
            reprint_of=original, linked_at=linking.now))
        linking.changed.add(key)
    doc["reprint_of"], doc["linked_at"] = original, linking.now
    for other in known.values():
        if other["reprint_of"] == doc["key"] and original is not None:
            other["reprint_of"], other["linked_at"] = original, linking.now
