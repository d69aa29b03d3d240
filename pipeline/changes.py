"""The changes feed: what the store learned, newest first.

New claims, revisions, new versions of documents (the old one kept), documents withdrawn
from their source, people's corrections, re-readings by a newer extractor, and alerts,
each as a `Change` with the time, a title, a line of detail, the evidence (sentence and
source) and a link. `python -m pipeline changes` prints them; the dashboard serves them as
an Atom feed (/changes.atom).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import regex
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .store import Store, alerts, claims, corrections, document_history, documents, figure_history, revisions

# characters a terminal would act on rather than show: controls (the escape of colour and
# cursor codes) and the bidirectional overrides and isolates
_UNSHOWN = regex.compile(r"[\p{Cc}\u202a-\u202e\u2066-\u2069]")
KINDS = ("new claim", "revision", "new version", "withdrawn", "correction", "re-read", "alert")


@dataclass(frozen=True)
class Evidence:
    """One statement behind a change: its label ("before", "after", "stated"), sentence
    and source."""

    label: str
    sentence: str
    url: str


@dataclass(frozen=True)
class Change:
    """One entry of the feed."""

    at: dt.datetime
    kind: str  # one of KINDS
    title: str
    detail: str
    url: str
    evidence: tuple[Evidence, ...] = field(default=())

    @property
    def id(self) -> str:
        """A stable id for the entry (the same change always has the same id)."""
        text = f"{self.kind}|{self.at.isoformat()}|{self.title}|{self.url}"
        return hashlib.sha256(text.encode()).hexdigest()[:24]

    def line(self) -> str:
        """The change on one line, as `pipeline changes` prints it (see `printable`)."""
        return f"{self.at:%Y-%m-%d %H:%M:%S}  {self.kind:<11}  {printable(self.title)}" + (
            f"  ({printable(self.url)})" if self.url else "")


def printable(text: str) -> str:
    """Text from documents as one line a terminal shows as it is: blank space as single
    spaces, and each character a terminal would act on (an escape sequence, a bidirectional
    override) as a backslash escape."""
    return _UNSHOWN.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"),
                        " ".join(text.split()))


def changes(store: Store, since: dt.datetime | None = None, until: dt.datetime | None = None,
            limit: int | None = None, kinds: tuple[str, ...] = KINDS) -> list[Change]:
    """The changes from `since` up to `until` (both optional, inclusive), newest first,
    at most `limit`."""
    readers = {"new claim": _new_claims, "revision": _revisions, "new version": _versions,
               "withdrawn": _withdrawn, "correction": _corrections, "re-read": _rereadings,
               "alert": _alerts}
    found: list[Change] = []
    with store.engine.connect() as conn:
        for kind in kinds:
            found += readers[kind](conn, since, until, limit)
    found.sort(key=lambda c: (c.at, KINDS.index(c.kind), c.title), reverse=True)
    return found[:limit] if limit else found


def _between(column: sa.Column, since, until) -> list[sa.ColumnElement]:
    conditions = []
    if since is not None:
        conditions.append(column >= since)
    if until is not None:
        conditions.append(column <= until)
    return conditions


def _newest(stmt: sa.Select, column: sa.Column, limit: int | None) -> sa.Select:
    stmt = stmt.order_by(column.desc())
    return stmt.limit(limit) if limit else stmt


def _count(claim) -> str:
    where = f" in {claim.place_name or claim.place}" if (claim.place_name or claim.place) else ""
    scope = f" ({claim.scope})" if claim.scope else ""
    return f"{claim.value:,} {claim.category}{scope}{where}"


def _new_claims(conn: Connection, since, until, limit) -> list[Change]:
    stmt = _newest(sa.select(claims).where(*_between(claims.c.created_at, since, until)),
                   claims.c.created_at, limit)
    return [Change(c.created_at, "new claim", f"{c.agency or 'unnamed source'}: {_count(c)}",
                   f"stated in {c.documents} document(s) by {c.independent_publishers} "
                   f"independent publisher(s): {c.publishers}", c.url,
                   (Evidence("stated", c.sentence, c.url),))
            for c in conn.execute(stmt)]


def _revisions(conn: Connection, since, until, limit) -> list[Change]:
    stmt = _newest(sa.select(revisions).where(*_between(revisions.c.found_at, since, until)),
                   revisions.c.found_at, limit)
    return [Change(r.found_at, "revision",
                   f"{r.agency}: {r.category} {r.old_value:,} → {r.new_value:,}"
                   + (f" in {r.place}" if r.place else ""),
                   f"{r.kind}: {r.old_value:,} stated {r.old_stated or 'undated'}, "
                   f"{r.new_value:,} stated {r.new_stated or 'undated'}", r.new_url,
                   (Evidence("before", r.old_sentence, r.old_url),
                    Evidence("after", r.new_sentence, r.new_url)))
            for r in conn.execute(stmt)]


def _versions(conn: Connection, since, until, limit) -> list[Change]:
    h = document_history
    stmt = _newest(sa.select(h.c.replaced_at, h.c.title, h.c.url, h.c.locator, h.c.fetched_at)
                   .where(*_between(h.c.replaced_at, since, until)), h.c.replaced_at, limit)
    return [Change(r.replaced_at, "new version", f"new version of {r.title or r.locator}",
                   f"the version fetched {r.fetched_at:%Y-%m-%d %H:%M} is kept as history",
                   r.url)
            for r in conn.execute(stmt)]


def _withdrawn(conn: Connection, since, until, limit) -> list[Change]:
    d = documents
    stmt = _newest(sa.select(d.c.withdrawn_at, d.c.title, d.c.url, d.c.locator).where(
        d.c.withdrawn_at.is_not(None), *_between(d.c.withdrawn_at, since, until)),
        d.c.withdrawn_at, limit)
    return [Change(r.withdrawn_at, "withdrawn", f"withdrawn: {r.title or r.locator}",
                   "no longer at its source; its figures are kept as history", r.url)
            for r in conn.execute(stmt)]


def _corrections(conn: Connection, since, until, limit) -> list[Change]:
    c, d = corrections, documents
    stmt = _newest(sa.select(c, d.c.url).join(d, d.c.key == c.c.doc_key, isouter=True)
                   .where(*_between(c.c.made_at, since, until)), c.c.made_at, limit)
    return [Change(r.made_at, "correction",
                   f"{r.by} marked figure {r.figure_id} wrong" if r.field == "wrong" else
                   f"{r.by} set figure {r.figure_id}'s {r.field}: {r.old} → {r.new}",
                   f"reason: {r.reason}", r.url or "")
            for r in conn.execute(stmt)]


def _rereadings(conn: Connection, since, until, limit) -> list[Change]:
    h, d = figure_history, documents
    stmt = _newest(
        sa.select(h.c.replaced_at, h.c.doc_key, sa.func.count().label("n"),
                  sa.func.max(h.c.extractor).label("extractor"), d.c.title, d.c.url)
        .join(d, d.c.key == h.c.doc_key, isouter=True)
        .where(h.c.reason == "re-read", *_between(h.c.replaced_at, since, until))
        .group_by(h.c.replaced_at, h.c.doc_key, d.c.title, d.c.url), h.c.replaced_at, limit)
    return [Change(r.replaced_at, "re-read", f"re-read: {r.title or r.doc_key}",
                   f"{r.n} figure row(s) read differently by a newer extractor (before: "
                   f"{r.extractor or 'unknown'}); not an agency's revision", r.url or "")
            for r in conn.execute(stmt)]


def _alerts(conn: Connection, since, until, limit) -> list[Change]:
    a, c = alerts, claims
    stmt = _newest(sa.select(a, c.c.url, c.c.sentence).join(c, c.c.claim_id == a.c.claim_id,
                                                            isouter=True)
                   .where(*_between(a.c.found_at, since, until)), a.c.found_at, limit)
    return [Change(r.found_at, "alert", f"alert {r.rule}: {r.message}", "", r.url or "",
                   (Evidence("stated", r.sentence or "", r.url or ""),))
            for r in conn.execute(stmt)]
