"""Claims: one statement of a figure by one agency, however many documents carry it.

A claim is (agency, category, scope, value with low and high, qualifier, when, where):
when is the event date for an incident, the period for a period figure, else the report
date (the publication date where none is stated); where is the place the gazetteer found
(or the place as written). Built from the tidy table with `reprint_of` (export.py's), in
this order:

1. A reprint's figure is its original's figure of the same count: its agency, dates and
   place (so that twenty copies of a story whose publisher named no one are one claim,
   the original publisher's, whatever day each copy came out).
2. Figures with the same key are one claim. Two incident figures of one agency, category
   and count whose event dates are within a day and whose places agree (the same place,
   or one inside the other: a town in its admin-1 area or country) are one incident, so
   one claim.
3. Documents and publishers: every document that states the claim; its independent
   publishers are those of the documents that state it or whose copies do (a reprint is
   no second source, and a copy of a story since revised still speaks for its publisher).

Generic sources ("officials", "police", "residents": written in lower case) make claims
like any other, but never a series of one agency. Superseded values, subsets and figures
a person marked wrong are no claims of their own.

`claim_key` hashes a figure's agency (its original's, for a reprint) and count: every
figure of one claim has the same key. A figure's claim is its key, when and where, except
an incident's, which depends on the incidents of its key before it; so the store
(pipeline/claim_updates.py) gives the figures it writes their claims, joins the incidents
of their keys again, and builds again only the claims touched.

The work is on rows (dicts, as the database gives them): a refresh's batch is small, and
plain Python is quicker on it than a table library; `build_claims` takes and gives tables.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

import pandas as pd

CLAIM_COLUMNS = [
    "claim_id", "agency", "generic_source", "category", "scope", "value", "low", "high",
    "qualifier", "subject", "event_date", "period_start", "period_end", "report_date",
    "place", "place_name", "admin1_code", "country_code", "documents",
    "independent_publishers", "publishers", "first_published", "last_published",
    "sentence", "url", "first_seen", "last_seen",
]
# what the store keeps of a claim beside those: its key, its place's precision, and the
# document of its first statement (for a reprint, the one it reprints: its origin) and the
# version of the text it was read in
STORED_EXTRA = ["claim_key", "geo_precision", "origin", "content_hash"]
_COUNT = ("category", "scope", "value", "low", "high", "qualifier")
_PLACE = ("country_code", "admin1_code", "place_name", "place")
# what a copy takes from its original's figure of the same count
_TAKEN = ("agency", "when", "event_date", "period_start", "period_end", "geo_precision", *_PLACE)
# the fields of a claim's first statement (the rest are counted over its rows)
_FIRST = [c for c in CLAIM_COLUMNS if c not in (
    "claim_id", "generic_source", "documents", "independent_publishers", "publishers",
    "first_published", "last_published", "first_seen", "last_seen")]
_LATE = dt.date.max


def is_generic(agency: str) -> bool:
    """An unnamed source ("officials", "police", "local sources"): written in lower case."""
    return not agency or agency[:1].islower()


def build_claims(frame: pd.DataFrame) -> pd.DataFrame:
    """The claims of a tidy table (with `reprint_of`), one row each (CLAIM_COLUMNS, and
    STORED_EXTRA where the table has their columns), the earliest first."""
    rows = claim_rows(records(frame))
    extra = [c for c in STORED_EXTRA if c in frame.columns]
    return pd.DataFrame(summarise(rows, extra), columns=[*CLAIM_COLUMNS, *extra])


def records(frame: pd.DataFrame) -> list[dict]:
    """A table's rows as dicts, a missing value as None, each with its `_index`."""
    plain = frame.astype(object).where(frame.notna(), None)
    return [dict(r, _index=i) for i, r in zip(frame.index, plain.to_dict("records"),
                                              strict=True)]


def counted_rows(rows: Iterable[dict]) -> list[dict]:
    """Copies of the rows that make claims (no superseded value, subset or figure marked
    wrong), each with `when`, its original's agency, dates and place where it is a
    reprint's figure (and its original's is among the rows), and its `claim_key`. A copy
    of a figure a person marked wrong in the original makes no claim either. Documents
    are told apart by `doc_key` where the rows have it (a copy names its original by
    `origin`), else by url (`reprint_of` the original's)."""
    stated = [dict(r) for r in rows if not r["superseded"] and not r["subset"]]
    for r in stated:
        r["when"] = r["report_date"] or r["published"]
        r["_count"] = _text(r, _COUNT)
    originals: dict[tuple, dict] = {}
    for r in stated:
        if not r["reprint_of"]:
            originals.setdefault((_document(r), r["_count"]), r)
    kept = []
    for r in stated:
        found = originals.get((_original(r), r["_count"])) if r["reprint_of"] else None
        if r.get("wrong") or (found is not None and found.get("wrong")):
            continue
        if found is not None:
            r.update({c: found[c] for c in _TAKEN})
        r["claim_key"] = _hash(f"{_plain(r['agency'])}|{r['_count']}")
        kept.append(r)
    return kept


def _document(row: dict) -> str:
    return row.get("doc_key") or row["url"]


def _original(row: dict) -> str:
    """The document a copy reprints (its key where the rows have keys, else its url)."""
    return row["origin"] if "doc_key" in row and "origin" in row else row["reprint_of"]


def claim_rows(rows: Iterable[dict]) -> list[dict]:
    """`counted_rows`, each with its claim's id (`claim`)."""
    kept = counted_rows(rows)
    for r, claim in zip(kept, claim_ids(kept), strict=True):
        r["claim"] = claim
    return kept


def is_incident(row: dict) -> bool:
    """Whether a row's claim depends on the other incidents of its key (those of one
    agency and count within a day): an incident figure with an event date. Every other
    row's claim is its own key, date and place."""
    return row["scope"] == "incident" and row["event_date"] is not None


def claim_ids(rows: list[dict]) -> list[str]:
    """Each figure's claim (rows of `counted_rows`): equal keys, and incidents joined as
    the module says (among the rows given: give every incident row of a key, or none)."""
    ids: list[str | None] = []
    for r in rows:
        if is_incident(r):
            ids.append(None)
            continue
        when = (f"{_plain(r['period_start'])}|{_plain(r['period_end'])}"
                if r["scope"] == "period" else _plain(r["when"]))
        ids.append(_hash(f"{_key(r)}|{when}|{_text(r, _PLACE)}"))
    incidents = [i for i, r in enumerate(rows) if is_incident(r)]
    for i, claim in zip(incidents, _incident_ids([rows[i] for i in incidents]), strict=True):
        ids[i] = claim
    return ids


def _key(row: dict) -> str:
    return f"{_plain(row['agency'])}|{row.get('_count') or _text(row, _COUNT)}"


def _plain(value) -> str:
    """A value as text in a key ("" for none)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return str(value)


def _text(row: dict, columns: Iterable[str]) -> str:
    return "|".join(_plain(row[c]) for c in columns)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _incident_ids(rows: list[dict]) -> list[str]:
    """The incident figures of one agency and count, in event-date order: each joins the
    first incident of its key begun at most a day before it whose place agrees with its
    own, else begins one; an incident is named by its first figure's key, date and place
    (so an incident elsewhere the same day does not split it)."""
    order = sorted(range(len(rows)), key=lambda i: (
        _key(rows[i]), rows[i]["event_date"], rows[i]["when"] or _LATE))
    names: list[str] = [""] * len(rows)
    key_now, open_ = None, []  # the key in hand, and its incidents begun a day back or less
    for i in order:
        r = rows[i]
        key, day = _key(r), _day(r["event_date"])
        if key != key_now:
            key_now, open_ = key, []
        open_ = [(first, row) for first, row in open_ if (day - first).days <= 1]
        found = next(((first, row) for first, row in open_ if places_agree(row, r)), None)
        if found is None:
            found = (day, r)
            open_.append(found)
        names[i] = _hash(f"{key}|{found[0]}|{_text(found[1], _PLACE)}")
    return names


def _day(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def places_agree(a: dict, b: dict) -> bool:
    """Whether two figures' (or claims') places agree: the same place, one inside the
    other (a town in its admin-1 or country, an admin-1 in its country), or no place on
    one side."""
    if not a["country_code"] or not b["country_code"]:
        return (a["place"] or "") == (b["place"] or "") or not a["place"] or not b["place"]
    if a["country_code"] != b["country_code"]:
        return False
    if not a["admin1_code"] or not b["admin1_code"]:
        return True
    if a["admin1_code"] != b["admin1_code"]:
        return False
    return a["geo_precision"] != b["geo_precision"] or a["place_name"] == b["place_name"]


def first_order(row: dict) -> tuple:
    """Statements of a claim in order, the first first: the earliest published (undated
    last); on one day, an original before a copy; then by url and place in the text."""
    return (_day(row["published"]) or _LATE, bool(row["reprint_of"]), row["url"] or "",
            row["start"] or 0)


def summarise(rows: list[dict], extra: Iterable[str] = ()) -> list[dict]:
    """One row per claim (rows of `claim_rows`), in the order of their first statements:
    CLAIM_COLUMNS (and the `extra` of STORED_EXTRA), the fields of its first statement
    (`first_order`), what carried the claim, and when its documents were first and last
    fetched (where the rows have `fetched_at`)."""
    ordered = sorted(rows, key=first_order)
    by_claim: dict[str, list[dict]] = {}
    for r in ordered:
        by_claim.setdefault(r["claim"], []).append(r)
    fields = [*_FIRST, *extra]
    built = []
    for claim, mine in by_claim.items():
        first = {c: mine[0].get(c) for c in fields}
        if "origin_publisher" in mine[0]:  # a copy counts as its original's publisher
            independent = {r["origin_publisher"] for r in mine}
        else:
            independent = {r["publisher"] for r in mine if not r["reprint_of"]}
        published = [r["published"] for r in mine if r["published"] is not None]
        fetched = [r["fetched_at"] for r in mine if r.get("fetched_at") is not None]
        built.append(first | {
            "claim_id": claim, "generic_source": is_generic(first["agency"] or ""),
            "documents": len({_document(r) for r in mine}),
            "independent_publishers": len(independent),
            "publishers": "; ".join(sorted({r["publisher"] or "" for r in mine} - {""})),
            "first_published": min(published, default=None),
            "last_published": max(published, default=None),
            "first_seen": min(fetched, default=None), "last_seen": max(fetched, default=None),
        })
    return built
