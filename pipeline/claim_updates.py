"""The store's claims and revisions, kept up to date in the transaction of every write.

After documents are stored, re-read, withdrawn or corrected, and linked to what they
reprint, `update_claims` gives each of their figures its claim key (pipeline/claims.py),
then builds again only the claims of the keys those figures had before or have now,
reading every figure of those keys from the store. A claim is stored once and never
deleted: one whose documents all changed keeps its row with `documents` 0 and the time it
was dropped. A claim seen for the first time is compared with its agency's earlier claims
(`revisions_of`). Writing the same documents again changes no claim and adds no revision.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import export, history  # (modules: they import the store, which imports this one)
from .claims import CLAIM_COLUMNS, STORED_EXTRA, claim_rows, counted_rows, is_generic, summarise
from .revisions import revisions_of
from .store import claims, documents, figures, revisions

CHUNK = 500  # values in one IN (...) list
_STORED = [c for c in [*CLAIM_COLUMNS, *STORED_EXTRA] if c != "claim_id"]


@dataclass
class Updated:
    """What one update did: the claims first seen, the revisions found, and the alerts
    raised (pipeline/alerts.py, by the caller)."""

    new_claims: list[dict] = field(default_factory=list)
    revisions: list[dict] = field(default_factory=list)
    alerts: list[dict] = field(default_factory=list)


def update_claims(conn: Connection, written: history.Written, relinked: set[str]) -> Updated:
    """Bring the claims of the documents written (and of those whose reprint link
    changed) up to date; see the module's docstring."""
    mine = set(written.documents) | relinked
    if not mine:
        return Updated()
    mine |= _reprints_of(conn, mine)
    old_keys = written.old_claim_keys | _keys_of(conn, mine)
    new_keys = _set_claim_keys(conn, mine)
    return _rebuild(conn, old_keys | new_keys, written.now)


def rebuild_all(conn: Connection, now: dt.datetime) -> Updated:
    """Claim keys for every stored figure, then every claim (the upgrade to schema 6)."""
    keys = {row.key for row in conn.execute(sa.select(documents.c.key))}
    new_keys = set()
    for part in _chunks(sorted(keys), CHUNK * 4):
        new_keys |= _set_claim_keys(conn, set(part))
    return _rebuild(conn, new_keys, now)


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _reprints_of(conn: Connection, keys: set[str]) -> set[str]:
    found: set[str] = set()
    for part in _chunks(sorted(keys)):
        found |= set(conn.execute(sa.select(documents.c.key).where(
            documents.c.reprint_of.in_(part))).scalars())
    return found


def _keys_of(conn: Connection, keys: set[str]) -> set[str]:
    found: set[str] = set()
    for part in _chunks(sorted(keys)):
        found |= set(conn.execute(sa.select(figures.c.claim_key).distinct().where(
            figures.c.doc_key.in_(part), figures.c.claim_key.is_not(None))).scalars())
    return found


def _frame(conn: Connection, where: sa.ColumnElement) -> pd.DataFrame:
    """The tidy table's rows (with reprint_of) that match, with the columns claims need."""
    stmt = export.query(export.Filters()).add_columns(
        figures.c.doc_key, figures.c.wrong, figures.c.claim_key.label("stored_key"),
        figures.c.claim_id.label("stored_id"), documents.c.content_hash,
        sa.func.coalesce(documents.c.reprint_of, figures.c.doc_key).label("origin"),
        sa.func.coalesce(export.ORIGINAL.c.publisher, documents.c.publisher, "")
        .label("origin_publisher"),
        documents.c.fetched_at).where(where).order_by(None)
    frame = pd.read_sql(stmt, conn)
    frame["reprint_of"] = frame["reprint_of"].fillna("")
    for column in ("value", "low", "high", "geo_precision", "event", "start", "end"):
        frame[column] = frame[column].astype("Int64")
    for column in ("report_date", "published", "event_date", "period_start", "period_end"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def _set_claim_keys(conn: Connection, keys: set[str]) -> set[str]:
    """Give the figures of these documents their claim key (none for a figure that makes
    no claim); a figure whose key changes loses its claim id until its claims are built
    again. The keys they have now."""
    docs = sorted(keys)
    originals: set[str] = set()
    for part in _chunks(docs):
        originals |= set(conn.execute(sa.select(documents.c.reprint_of).where(
            documents.c.key.in_(part), documents.c.reprint_of.is_not(None))).scalars())
    frames = [_frame(conn, figures.c.doc_key.in_(part))
              for part in _chunks(sorted(set(docs) | originals))]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if frame.empty:
        return set()
    rows = counted_rows(frame)
    key_of = dict(zip(zip(rows["doc_key"], rows["figure_id"], strict=True), rows["claim_key"],
                      strict=True))
    mine = frame[frame["doc_key"].isin(keys)]
    changes = [{"k": d, "f": f, "new_key": key_of.get((d, f))}
               for d, f, stored in zip(mine["doc_key"], mine["figure_id"], mine["stored_key"],
                                       strict=True)
               if key_of.get((d, f)) != (None if pd.isna(stored) else stored)]
    if changes:
        conn.execute(figures.update().where(
            figures.c.doc_key == sa.bindparam("k"), figures.c.figure_id == sa.bindparam("f"))
            .values(claim_key=sa.bindparam("new_key"), claim_id=None), changes)
    return {key_of[k] for k in zip(mine["doc_key"], mine["figure_id"], strict=True)
            if k in key_of}


def _rebuild(conn: Connection, keys: set[str], now: dt.datetime) -> Updated:
    """Build the claims of these keys again from every figure that has one of them."""
    if not keys:
        return Updated()
    frames = [_frame(conn, figures.c.claim_key.in_(part)) for part in _chunks(sorted(keys))]
    frame = pd.concat(frames, ignore_index=True)
    rows = claim_rows(frame) if not frame.empty else frame
    if not rows.empty:
        _set_claim_ids(conn, rows)
    built = summarise(rows) if not rows.empty else pd.DataFrame(columns=[*CLAIM_COLUMNS,
                                                                           *STORED_EXTRA])
    updated = _store(conn, built, keys, now)
    updated.revisions = _store_revisions(conn, updated.new_claims, now)
    return updated


def _set_claim_ids(conn: Connection, rows: pd.DataFrame) -> None:
    changes = [{"k": d, "f": f, "new_id": c} for d, f, c, stored in zip(
        rows["doc_key"], rows["figure_id"], rows["claim"], rows["stored_id"], strict=True)
        if c != stored]
    if changes:
        conn.execute(figures.update().where(
            figures.c.doc_key == sa.bindparam("k"), figures.c.figure_id == sa.bindparam("f"))
            .values(claim_id=sa.bindparam("new_id")), changes)


def _store(conn: Connection, built: pd.DataFrame, keys: set[str], now: dt.datetime) -> Updated:
    """Insert the claims first built now, update those that changed, and mark dropped
    those of these keys that no figure states any more."""
    stored: dict[str, dict] = {}
    for part in _chunks(sorted(keys)):
        for row in conn.execute(sa.select(claims).where(claims.c.claim_key.in_(part))).mappings():
            stored[row["claim_id"]] = dict(row)
    updated = Updated()
    inserts, changes = [], []
    for claim in built.astype(object).where(built.notna(), None).to_dict("records"):
        row = {c: _plain(claim.get(c)) for c in ("claim_id", *_STORED)}
        row["dropped_at"] = None
        before = stored.pop(row["claim_id"], None)
        if before is None:
            inserts.append(row)
        elif any(before[c] != row[c] for c in row):
            changes.append(row)
    if inserts:
        conn.execute(claims.insert(), inserts)
        updated.new_claims = inserts
    if changes:  # (one statement for all: bound names other than the columns')
        conn.execute(claims.update().where(claims.c.claim_id == sa.bindparam("_claim_id"))
                     .values({c: sa.bindparam(f"_{c}") for c in changes[0]}),
                     [{f"_{c}": v for c, v in row.items()} | {"_claim_id": row["claim_id"]}
                      for row in changes])
    dropped = [cid for cid, row in stored.items() if row["dropped_at"] is None]
    for part in _chunks(dropped):
        conn.execute(claims.update().where(claims.c.claim_id.in_(part)).values(
            documents=0, independent_publishers=0, dropped_at=now))
    return updated


def _plain(value):
    """A value as the database takes it (numpy and pandas scalars as Python's)."""
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):
        return value.item()
    return value


def _series(claim) -> tuple:
    """What two claims of one series share (see revisions.py)."""
    return (claim["agency"], claim["category"], claim["scope"],
            claim["origin"] if is_generic(claim["agency"]) else None)


def _store_revisions(conn: Connection, new_claims: list[dict], now: dt.datetime) -> list[dict]:
    """The revisions that the new claims make of their agencies' earlier claims, stored
    (once each)."""
    if not new_claims:
        return []
    # A revision is of a claim of the same series (revisions.py: the same agency, category
    # and scope, and for a generic source the same document), so each series is compared
    # on its own: the same revisions, without comparing every new claim with every claim
    # of its agency (quadratic: a store's upgrade compares every claim).
    # Only an incident with its event date, a period with its dates and a toll can revise
    # (revisions.py's _revised), and an incident only one of event dates within a day,
    # a period one of the same dates: only those earlier claims are read.
    series: dict[tuple, tuple[list[dict], list[dict]]] = {}
    wanted: dict[tuple, set] = {}
    for claim in new_claims:
        if claim["scope"] == "incident" and claim["event_date"]:
            day = claim["event_date"]
            dates = {day + dt.timedelta(days=d) for d in (-1, 0, 1)}
        elif claim["scope"] == "period" and claim["period_start"] and claim["period_end"]:
            dates = {claim["period_start"]}
        elif claim["scope"] == "toll":
            dates = set()
        else:
            continue
        series.setdefault(_series(claim), ([], []))[0].append(claim)
        wanted.setdefault((claim["agency"], claim["category"], claim["scope"]), set()).update(
            dates)
    # (each agency, category and scope read on its own: the agency's index, in its order)
    for (agency, category, scope), dates in sorted(wanted.items()):
        stmt = sa.select(claims).where(claims.c.agency == agency, claims.c.category == category,
                                       claims.c.scope == scope)
        if scope != "toll":
            column = claims.c.event_date if scope == "incident" else claims.c.period_start
            stmt = stmt.where(column.in_(sorted(dates)))
        for row in conn.execute(stmt).mappings():
            if (mine := series.get(_series(row))) is not None:
                mine[1].append(dict(row))
    found = [r for new, earlier in series.values() for r in revisions_of(new, earlier)]
    if not found:
        return []
    ids = [r["revision_id"] for r in found]
    known = set()
    for part in _chunks(ids):
        known |= set(conn.execute(sa.select(revisions.c.revision_id).where(
            revisions.c.revision_id.in_(part))).scalars())
    fresh = [r | {"found_at": now} for r in found if r["revision_id"] not in known]
    if fresh:
        conn.execute(revisions.insert(), fresh)
    return fresh
