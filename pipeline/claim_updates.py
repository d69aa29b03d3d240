"""The store's claims and revisions, kept up to date in the transaction of every write.

After documents are stored, re-read, withdrawn or corrected, and linked to what they
reprint, `update_claims` gives each of their figures its claim key and its claim
(pipeline/claims.py): a figure's claim is its own key, date and place, but an incident's
depends on the other incidents of its key (joined within a day), so the incident figures
of the keys touched are read and joined again. Then only the claims that the written
figures had before or have now (and those of incidents that moved) are built again, from
every figure stating them (figures.claim_id is indexed). A claim is stored once and never
deleted: one whose documents all changed keeps its row with `documents` 0 and the time it
was dropped. A claim seen for the first time is compared with its agency's earlier claims
(`revisions_of`). Writing the same documents again changes no claim and adds no revision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import export, history  # (modules: they import the store, which imports this one)
from .claims import CLAIM_COLUMNS, STORED_EXTRA, claim_ids, counted_rows, is_generic, is_incident, summarise
from .revisions import revisions_of, series_key
from .store import chunks, claims, documents, figures, read_arrivals, revisions

REBUILD_BATCH = 1000  # documents whose claims the upgrade builds at a time
_STORED = [c for c in [*CLAIM_COLUMNS, *STORED_EXTRA] if c != "claim_id"]
# what a figure's claim is computed from, and what its claim's row is summarised from
_KEYED = ["doc_key", "figure_id", "category", "scope", "value", "low", "high", "qualifier",
          "agency", "report_date", "event_date", "period_start", "period_end", "place",
          "place_name", "admin1_code", "country_code", "geo_precision", "superseded",
          "subset", "wrong", "start"]
_SUMMARISED = [*_KEYED, "subject", "sentence"]


@dataclass
class Updated:
    """What one update did: the claims first seen, the revisions found, and the alerts
    raised (pipeline/alerts.py, by the caller)."""

    new_claims: list[dict] = field(default_factory=list)
    revisions: list[dict] = field(default_factory=list)
    alerts: list[dict] = field(default_factory=list)
    rebuilt: set[str] = field(default_factory=set)  # the claims built again


def update_claims(conn: Connection, written: history.Written, relinked: set[str]) -> Updated:
    """Bring the claims of the documents written (and of those whose reprint link
    changed) up to date; see the module's docstring."""
    mine = set(written.documents) | relinked
    if not mine:
        return Updated()
    mine |= _reprints_of(conn, mine)
    before = written.old_claim_ids | _ids_of(conn, mine)
    return _rebuild(conn, before | _assign(conn, mine), written.now)


def rebuild_all(conn: Connection, now: dt.datetime) -> None:
    """Claims for every stored figure, REBUILD_BATCH documents at a time (the upgrade to
    schema 6)."""
    keys = sorted(conn.execute(sa.select(documents.c.key)).scalars())
    for part in chunks(keys, REBUILD_BATCH):
        update_claims(conn, history.Written(now, documents=part), set())


def _reprints_of(conn: Connection, keys: set[str]) -> set[str]:
    found: set[str] = set()
    for part in chunks(sorted(keys)):
        found |= set(conn.execute(sa.select(documents.c.key).where(
            documents.c.reprint_of.in_(part))).scalars())
    return found


def _ids_of(conn: Connection, keys: set[str]) -> set[str]:
    found: set[str] = set()
    for part in chunks(sorted(keys)):
        found |= set(conn.execute(sa.select(figures.c.claim_id).distinct().where(
            figures.c.doc_key.in_(part), figures.c.claim_id.is_not(None))).scalars())
    return found


def _read(conn: Connection, where: sa.ColumnElement, columns: list[str]) -> list[dict]:
    """The figure rows that match, with these columns, their document's url, dates,
    publisher and version, the url of the document it reprints (`reprint_of`, "" for
    none), its origin and the origin's publisher, and their stored claim key and id
    (`stored_key`, `stored_id`)."""
    stmt = (sa.select(*[figures.c[c] for c in columns], figures.c.claim_key.label("stored_key"),
                      figures.c.claim_id.label("stored_id"), documents.c.url,
                      documents.c.published, documents.c.publisher, documents.c.content_hash,
                      documents.c.fetched_at, export.reprint_url(),
                      *export.origin_columns(figures, documents, documents.c.reprint_of))
            .join(documents, documents.c.key == figures.c.doc_key)
            .outerjoin(export.ORIGINAL, export.ORIGINAL.c.key == documents.c.reprint_of)
            .where(where))
    result = conn.execute(stmt)
    names = list(result.keys())
    return [dict(zip(names, row, strict=True)) for row in result.all()]


def _read_in(conn: Connection, column: sa.Column, values: list, columns: list[str],
             also: sa.ColumnElement | None = None) -> list[dict]:
    """`_read` of the rows whose `column` is one of `values`, a chunk at a time."""
    return [r for part in chunks(sorted(values)) for r in _read(
        conn, column.in_(part) if also is None else sa.and_(column.in_(part), also), columns)]


def _assign(conn: Connection, keys: set[str]) -> set[str]:
    """Give the figures of these documents their claim key and claim, and the incident
    figures of their keys their claims again; the claims given (and those taken from an
    incident that moved)."""
    originals: set[str] = set()
    for part in chunks(sorted(keys)):
        originals |= set(conn.execute(sa.select(documents.c.reprint_of).where(
            documents.c.key.in_(part), documents.c.reprint_of.is_not(None))).scalars())
    read = _read_in(conn, figures.c.doc_key, list(keys | originals), _KEYED)
    rows = [r for r in counted_rows(read) if r["doc_key"] in keys]
    local = [r for r in rows if not is_incident(r)]
    found = {(r["doc_key"], r["figure_id"]): (r["claim_key"], None) for r in rows}
    found |= {(r["doc_key"], r["figure_id"]): (r["claim_key"], claim)
              for r, claim in zip(local, claim_ids(local), strict=True)}
    changes = []
    for r in read:
        if r["doc_key"] in keys:
            key, claim = found.get((r["doc_key"], r["figure_id"]), (None, None))
            if (key, claim) != (r["stored_key"], r["stored_id"]):
                changes.append({"k": r["doc_key"], "f": r["figure_id"], "new_key": key,
                                "new_id": claim})
    _set(conn, changes)
    given = {claim for _, claim in found.values() if claim}
    days: dict[str, set[dt.date]] = {}
    for r in rows:
        if is_incident(r):
            days.setdefault(r["claim_key"], set()).add(r["event_date"])
    if days:
        given |= _join_incidents(conn, days)
    return given


def _join_incidents(conn: Connection, days: dict[str, set[dt.date]]) -> set[str]:
    """Join again the incident figures of these claim keys around these event days
    (`_windows`); the claims of those whose claim changed, before and after."""
    incident = sa.and_(figures.c.scope == "incident", figures.c.event_date.is_not(None))
    terms = [sa.and_(figures.c.claim_key == key, figures.c.event_date >= start,
                     *([figures.c.event_date < end] if end else []))
             for key, (start, end) in _windows(conn, days, incident).items()]
    group = [r for part in chunks(terms, 100)
             for r in _read(conn, sa.and_(incident, sa.or_(*part)), _KEYED)]
    rows = [r for r in counted_rows(group) if is_incident(r)]
    moved = [(r, claim) for r, claim in zip(rows, claim_ids(rows), strict=True)
             if claim != r["stored_id"]]
    _set(conn, [{"k": r["doc_key"], "f": r["figure_id"], "new_id": claim}
                for r, claim in moved], key=False)
    return {claim for _, claim in moved} | {r["stored_id"] for r, _ in moved if r["stored_id"]}


WINDOW_MARGIN = 3  # days around the new ones: a copy whose dateline moves its event date


def _windows(conn: Connection, days: dict[str, set[dt.date]],
             incident: sa.ColumnElement) -> dict[str, tuple[dt.date, dt.date | None]]:
    """For each claim key, the event days whose incidents are joined again: from the
    last day on or before its new days (less WINDOW_MARGIN) that follows a day without an
    incident of the key, up to (not including) the first such day after them (None: to
    the end). Joining incidents (pipeline/claims.py) begins again on such a day, since an
    incident stays open one day, so figures outside the window keep their claims."""
    stored: dict[str, set[dt.date]] = {key: set() for key in days}
    for part in chunks(sorted(days)):
        for key, day in conn.execute(sa.select(figures.c.claim_key, figures.c.event_date)
                                     .where(figures.c.claim_key.in_(part), incident)
                                     .distinct()):
            stored[key].add(day)
    windows = {}
    margin = dt.timedelta(days=WINDOW_MARGIN)
    for key, new in days.items():
        every = stored[key] | new
        fresh = sorted(d for d in every if d - dt.timedelta(days=1) not in every)
        first, last = min(new) - margin, max(new) + margin
        start = max((d for d in fresh if d <= first), default=min(every))
        end = min((d for d in fresh if d > last), default=None)
        windows[key] = (start, end)
    return windows


def _set(conn: Connection, changes: list[dict], key: bool = True) -> None:
    """Set figures' claim ids (and keys) in one statement: each change names the figure
    (`k`, `f`) and its `new_id` (and `new_key`)."""
    if not changes:
        return
    values = {"claim_id": sa.bindparam("new_id")}
    if key:
        values["claim_key"] = sa.bindparam("new_key")
    conn.execute(figures.update().where(figures.c.doc_key == sa.bindparam("k"),
                                        figures.c.figure_id == sa.bindparam("f"))
                 .values(values), changes)


def _rebuild(conn: Connection, ids: set[str], now: dt.datetime) -> Updated:
    """Build these claims again from every figure that states them, store them, and find
    the revisions the new ones make."""
    ids.discard(None)
    if not ids:
        return Updated()
    rows = _read_in(conn, figures.c.claim_id, list(ids), _SUMMARISED)
    for r in rows:
        r["claim"], r["claim_key"] = r["stored_id"], r["stored_key"]
    updated = _store(conn, summarise(rows, STORED_EXTRA), ids, now)
    updated.rebuilt = ids
    updated.revisions = _store_revisions(conn, updated.new_claims, now)
    return updated


def _store(conn: Connection, built: list[dict], ids: set[str], now: dt.datetime) -> Updated:
    """Insert the claims first built now, update those that changed, and mark dropped
    those of these ids that no figure states any more."""
    stored: dict[str, dict] = {}
    for part in chunks(sorted(ids)):
        for row in conn.execute(sa.select(claims).where(claims.c.claim_id.in_(part))).mappings():
            stored[row["claim_id"]] = dict(row)
    updated = Updated()
    inserts, changes = [], []
    for claim in built:
        row = {c: claim.get(c) for c in ("claim_id", *_STORED)}
        row["dropped_at"] = None
        before = stored.pop(row["claim_id"], None)
        if before is None:
            inserts.append(row)
        elif any(before[c] != row[c] for c in row):
            changes.append(row)
    if inserts:
        conn.execute(claims.insert(), [row | {"created_at": now} for row in inserts])
        updated.new_claims = inserts
    if changes:  # (one statement for all: bound names other than the columns')
        conn.execute(claims.update().where(claims.c.claim_id == sa.bindparam("_claim_id"))
                     .values({c: sa.bindparam(f"_{c}") for c in changes[0]}),
                     [{f"_{c}": v for c, v in row.items()} | {"_claim_id": row["claim_id"]}
                      for row in changes])
    dropped = [cid for cid, row in stored.items() if row["dropped_at"] is None]
    for part in chunks(dropped):
        conn.execute(claims.update().where(claims.c.claim_id.in_(part)).values(
            documents=0, independent_publishers=0, dropped_at=now))
    return updated


def _can_revise(claim: dict) -> bool:
    """Whether a claim can revise or be revised (revisions.py's `_revised`): an incident
    with its event date, a period with its days, a toll."""
    return (claim["scope"] == "incident" and claim["event_date"] is not None
            or claim["scope"] == "period" and claim["period_start"] is not None
            and claim["period_end"] is not None or claim["scope"] == "toll")


def _earlier(conn: Connection, new: list[dict]) -> list[dict]:
    """The stored claims these could revise, read through the claims' series index: of
    each one's agency (a generic source's only of its document) and category, the
    incidents within a day of its event date, the periods of its days, and the tolls of
    its place."""
    terms = {}
    for c in new:
        who = [claims.c.agency == c["agency"], claims.c.category == c["category"],
               claims.c.scope == c["scope"]]
        if is_generic(c["agency"]):
            who.append(claims.c.origin == c["origin"])
        if c["scope"] == "incident":
            where = (c["event_date"],)
            who.append(claims.c.event_date.between(c["event_date"] - dt.timedelta(days=1),
                                                    c["event_date"] + dt.timedelta(days=1)))
        elif c["scope"] == "period":
            where = (c["period_start"], c["period_end"])
            who += [claims.c.period_start == c["period_start"],
                    claims.c.period_end == c["period_end"]]
        else:
            where = (c["country_code"], c["admin1_code"], c["place_name"], c["place"])
            who += [claims.c.country_code == c["country_code"],
                    claims.c.admin1_code == c["admin1_code"],
                    claims.c.place_name == c["place_name"]]
            if not c["place_name"]:
                who.append(claims.c.place == c["place"])
        terms[(series_key(c), where)] = sa.and_(*who)
    found = []
    for part in chunks(list(terms.values()), 100):
        found += [dict(r) for r in conn.execute(sa.select(claims).where(sa.or_(*part))).mappings()]
    return found


def _store_revisions(conn: Connection, new_claims: list[dict], now: dt.datetime) -> list[dict]:
    """The revisions that the new claims make of their series' earlier claims, stored
    (once each). Each series (revisions.py: the same agency, category and scope, and for a
    generic source the same document) is compared on its own, with only the earlier
    claims that could be revised read (`_earlier`)."""
    series: dict[tuple, tuple[list[dict], list[dict]]] = {}
    for claim in new_claims:
        if _can_revise(claim):
            series.setdefault(series_key(claim), ([], []))[0].append(claim)
    if not series:
        return []
    for row in _earlier(conn, [c for mine, _ in series.values() for c in mine]):
        if (mine := series.get(series_key(row))) is not None:
            mine[1].append(row)
    arrivals = read_arrivals(conn)
    found = [r for new, earlier in series.values() for r in revisions_of(new, earlier, arrivals)]
    if not found:
        return []
    ids = [r["revision_id"] for r in found]
    known = set()
    for part in chunks(ids):
        known |= set(conn.execute(sa.select(revisions.c.revision_id).where(
            revisions.c.revision_id.in_(part))).scalars())
    fresh = [r | {"found_at": now} for r in found if r["revision_id"] not in known]
    if fresh:
        conn.execute(revisions.insert(), fresh)
    return fresh
