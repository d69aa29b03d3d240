"""Alert rules: a toll that rises fast, written to the changes feed and the refresh log.

Declared in the sources file beside the sources:

    [[alert]]
    name = "Mirna toll"      # unique; names the alert in the feed and the log
    category = "killed"      # optional, default killed
    place = "Mirna"          # optional: a place as written or as the gazetteer names it,
                             # an admin-1 or country code or name (any case)
    rise = 20                # more than this many ...
    rise_percent = 25        # ... or more than this % (at least one of the two)
    within_days = 1          # optional, default 1: how far back the earlier toll may be

When a refresh stores a toll claim (a named agency's, or a generic source's within one
document) that matches, it is compared with the latest earlier toll of the same series
(pipeline/revisions.py's `toll_series`) stated at most `within_days` before it; a rise of
more than `rise` or `rise_percent` is an alert, stored once per rule and claim.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from extract.lexicon import CATEGORIES

from .revisions import stated, stated_day, toll_series
from .store import alerts, chunks, claims, read_arrivals

_KEYS = {"name": str, "category": str, "place": str, "rise": int, "rise_percent": (int, float),
         "within_days": int}


class AlertError(ValueError):
    """An [[alert]] table that does not fit; the message names the file, the rule and why."""


@dataclass(frozen=True)
class AlertRule:
    """One [[alert]] of the sources file."""

    name: str
    rise: int | None = None
    rise_percent: float | None = None
    category: str = "killed"
    place: str = ""
    within_days: int = 1

    def matches(self, claim: dict) -> bool:
        """Whether a claim is a toll this rule watches."""
        if claim["scope"] != "toll" or claim["category"] != self.category:
            return False
        wanted = self.place.casefold()
        return not wanted or wanted in {str(claim.get(c) or "").casefold() for c in (
            "place", "place_name", "admin1_code", "country_code")}

    def message(self, old: dict, new: dict) -> str | None:
        """The alert's line when the toll rose from `old` to `new` by more than the rule
        allows, else None."""
        rise = new["value"] - old["value"]
        if rise <= 0:
            return None
        percent = 100 * rise / old["value"] if old["value"] else None
        if not ((self.rise is not None and rise > self.rise) or (
                self.rise_percent is not None and percent is not None
                and percent > self.rise_percent)):
            return None
        share = f", +{percent:.0f}%" if percent is not None else ""
        where = f" in {new['place_name'] or new['place']}" if (new["place_name"] or new["place"]) \
            else ""
        return (f"{new['agency']}: {self.category}{where} rose from {old['value']:,} "
                f"({stated_day(old)}) to {new['value']:,} ({stated_day(new)}), +{rise:,}{share}")


def load_alerts(path: Path | str) -> list[AlertRule]:
    """The [[alert]] rules of a sources file (none when it has none); AlertError naming the
    file, the rule and the key for anything that does not fit."""
    path = Path(path)
    try:
        entries = tomllib.loads(path.read_text("utf-8")).get("alert", [])
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return []  # (load_sources reports an unreadable file)
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise AlertError(f"{path}: 'alert' must be [[alert]] tables")
    rules: list[AlertRule] = []
    for i, entry in enumerate(entries, 1):
        where = f"{path}: alert {i}"
        for key, value in entry.items():
            wanted = _KEYS.get(key)
            if wanted is None:
                raise AlertError(f"{where}: unknown key {key!r}; known keys: {', '.join(_KEYS)}")
            if isinstance(value, bool) or not isinstance(value, wanted):
                raise AlertError(f"{where}: {key!r} must be a {'number' if wanted is not str else 'string'}, "
                                 f"not {value!r}")
        if not str(entry.get("name", "")).strip():
            raise AlertError(f"{where}: 'name' must be a non-empty string")
        if "rise" not in entry and "rise_percent" not in entry:
            raise AlertError(f"{where}: give 'rise', 'rise_percent' or both")
        if entry.get("category", "killed") not in CATEGORIES:
            raise AlertError(f"{where}: 'category' must be one of {', '.join(CATEGORIES)}")
        if any(entry.get(k, 1) <= 0 for k in ("within_days",)) or any(
                entry.get(k, 0) < 0 for k in ("rise", "rise_percent")):
            raise AlertError(f"{where}: rises must be 0 or more, and within_days more than 0")
        rule = AlertRule(**entry)
        if rule.name in {r.name for r in rules}:
            raise AlertError(f"{where}: the name {rule.name!r} is used twice")
        rules.append(rule)
    return rules


def check_alerts(conn: Connection, rules: list[AlertRule], new_claims: list[dict],
                 now: dt.datetime) -> list[dict]:
    """The alerts the new claims raise, stored (once per rule and claim); the rows."""
    watched = [(rule, c) for c in new_claims for rule in rules if rule.matches(c)]
    if not watched:
        return []
    agencies = sorted({c["agency"] for _, c in watched})
    earlier = [dict(r) for part in chunks(agencies) for r in conn.execute(sa.select(claims).where(
        claims.c.agency.in_(part), claims.c.scope == "toll", claims.c.documents > 0)).mappings()]
    when = partial(stated, arrivals=read_arrivals(conn))
    found = []
    for rule, new in watched:
        day = when(new)[0]
        before = [o for o in earlier if toll_series(o) == toll_series(new)
                  and when(o) < when(new) and (day - when(o)[0]).days <= rule.within_days]
        latest = max(before, key=when, default=None)
        line = latest and rule.message(latest, new)
        if line:
            found.append({"rule": rule.name, "claim_id": new["claim_id"], "message": line,
                          "found_at": now})
    if found:
        stored = {tuple(r) for part in chunks([f["claim_id"] for f in found])
                  for r in conn.execute(sa.select(alerts.c.rule, alerts.c.claim_id).where(
                      alerts.c.claim_id.in_(part)))}
        found = [f for f in found if (f["rule"], f["claim_id"]) not in stored]
        if found:
            conn.execute(alerts.insert(), found)
    return found
