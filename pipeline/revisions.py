"""Revisions: an agency stating a different value for what it counted before (pure).

A claim first seen is compared with the earlier claims of the same series: the same
agency and category, places that agree (pipeline/claims.py), and, for a generic source
("officials": no agency of its own), the same document, since two unnamed officials are
not one agency. Two statements in one version of one document are never a revision (a
new extractor reading a text again is a re-reading). A revision is:

- "revised count": the same incident, another value. The same incident is a later
  version of the same document (the story updated at its URL; a claim's `origin` is the
  document of its first statement, or the one that reprints), or event dates within a
  day and the same place named on both sides, at admin-1 or finer: with no place, an
  agency's two incidents of one day cannot be told from one incident revised;
- "revised count" too: the same period (the same first and last day), another value;
- "toll down": a toll lower than the series' latest earlier toll, where the series is the
  agency's tolls of one category, of the same people ("health workers" are not all the
  dead) and of the same place, named alike (a toll for a country is not one for a town).
  A stock that goes down is not a revision: people return and are released.

Of two claims the older is the one stated earlier (report date, else publication date),
then published first, then first fetched by an earlier refresh run, then the one whose
first statement's document has the smaller key (pipeline/arrival.py), then by id. An
earlier claim is revised once by the claims of one update: by the nearest (event dates
closest, then the place named alike), so that an incident added to an updated story is
not taken for its revision.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from functools import partial

from .arrival import Arrivals
from .claims import is_generic, places_agree

_FAR = dt.date.max


def revision_id(old_claim: str, new_claim: str) -> str:
    """The id of the revision of one claim by another."""
    return hashlib.sha256(f"{old_claim}>{new_claim}".encode()).hexdigest()[:16]


def stated_day(claim: dict) -> dt.date | None:
    """The day a claim was stated: its report date, else its first publication."""
    return claim.get("report_date") or claim.get("first_published")


def stated(claim: dict, arrivals: Arrivals) -> tuple:
    """When a claim was stated, for ordering: its `stated_day`, then its first
    publication, then when it arrived (`arrivals`: the refresh run that first fetched it,
    then the key of its first statement's document), then its id."""
    published = claim.get("first_published") or _FAR
    return (stated_day(claim) or _FAR, published,
            *arrivals.order(claim["first_seen"], claim["origin"]), claim["claim_id"])


def revisions_of(new_claims: list[dict], earlier: list[dict], arrivals: Arrivals) -> list[dict]:
    """The revisions the new claims make of the earlier ones (which may include them),
    as rows of the `revisions` table without `found_at`; `arrivals` orders claims stated
    on one day."""
    when = partial(stated, arrivals=arrivals)
    closest: dict[tuple[str, str], tuple[tuple, dict]] = {}  # (kind, old claim): the nearest
    for new in new_claims:
        same = [old for old in earlier if _same_series(old, new)]
        for kind, old in _revised(new, same, when):
            first, then = sorted((old, new), key=when)
            distance = (abs((old["event_date"] - new["event_date"]).days)
                        if kind == "revised count" and new["event_date"] else 0,
                        _series_place(old) != _series_place(new))
            known = closest.get((kind, old["claim_id"]))
            if known is None or distance < known[0]:
                closest[(kind, old["claim_id"])] = (distance, _row(kind, first, then))
    found = {row["revision_id"]: row for _, row in closest.values()}
    return list(found.values())


def _same_series(old: dict, new: dict) -> bool:
    if old["claim_id"] == new["claim_id"] or (old["origin"], old["content_hash"]) == (
            new["origin"], new["content_hash"]):
        return False
    if series_key(old) != series_key(new):
        return False
    if old.get("dropped_at") is not None and old["origin"] != new["origin"]:
        return False
    return places_agree(old, new)


def _revised(new: dict, same: list[dict], when: Callable[[dict], tuple]) -> list[tuple[str, dict]]:
    """(kind, the earlier claim) for each revision the new claim makes in its series,
    claims ordered by `when` (`stated`)."""
    if new["scope"] == "incident" and new["event_date"]:
        near = [o for o in same if o["event_date"] and o["value"] != new["value"]
                and abs((o["event_date"] - new["event_date"]).days) <= 1
                and (o["origin"] == new["origin"] or _placed(o) and _placed(new))]
        return [("revised count", max(near, key=when))] if near else []
    if new["scope"] == "period" and new["period_start"] and new["period_end"]:
        near = [o for o in same if (o["period_start"], o["period_end"]) == (
            new["period_start"], new["period_end"]) and o["value"] != new["value"]]
        return [("revised count", max(near, key=when))] if near else []
    if new["scope"] == "toll":
        before = [o for o in same if when(o) < when(new) and toll_series(o) == toll_series(new)]
        latest = max(before, key=when, default=None)
        if latest is not None and latest["value"] > new["value"]:
            return [("toll down", latest)]
    return []


def series_key(claim: dict) -> tuple:
    """What the claims of one series share: agency, category and scope, and for a generic
    source ("officials") its document, since two unnamed officials are not one agency."""
    return (claim["agency"], claim["category"], claim["scope"],
            claim["origin"] if is_generic(claim["agency"]) else None)


def toll_series(claim: dict) -> tuple:
    """The series of tolls a claim belongs to: its `series_key`, the place named alike,
    and the people counted."""
    return (*series_key(claim), _series_place(claim), claim["subject"].casefold())


def _series_place(claim: dict) -> tuple:
    return (claim["country_code"], claim["admin1_code"], claim["place_name"] or claim["place"])


def _placed(claim: dict) -> bool:
    """Whether a claim names a place at admin-1 or finer."""
    return bool(claim["admin1_code"]) or bool(claim["place"]) and not claim["country_code"]


def _row(kind: str, old: dict, new: dict) -> dict:
    return {
        "revision_id": revision_id(old["claim_id"], new["claim_id"]), "kind": kind,
        "agency": new["agency"], "category": new["category"], "scope": new["scope"],
        "place": new["place_name"] or new["place"], "old_claim": old["claim_id"],
        "new_claim": new["claim_id"], "old_value": old["value"], "new_value": new["value"],
        "old_stated": stated_day(old), "new_stated": stated_day(new),
        "old_sentence": old["sentence"], "old_url": old["url"],
        "new_sentence": new["sentence"], "new_url": new["url"],
    }
