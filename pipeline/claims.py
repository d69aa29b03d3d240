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
figure of one claim has the same key, so the store builds again only the claims of the keys
a refresh touched (pipeline/claim_updates.py).
"""

from __future__ import annotations

import hashlib

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
_COUNT = ["category", "scope", "value", "low", "high", "qualifier"]
_PLACE = ["country_code", "admin1_code", "place_name", "place"]


def is_generic(agency: str) -> bool:
    """An unnamed source ("officials", "police", "local sources"): written in lower case."""
    return not agency or agency[:1].islower()


def build_claims(frame: pd.DataFrame) -> pd.DataFrame:
    """The claims of a tidy table (with `reprint_of`), one row each (CLAIM_COLUMNS, and
    STORED_EXTRA where the table has their columns), the earliest first."""
    rows = claim_rows(frame)
    if rows.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    return summarise(rows)


def counted_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows that make claims (no superseded value, subset or figure marked wrong),
    each with its original's agency, dates and place where it is a reprint's, and its
    `claim_key`."""
    kept = ~frame["superseded"].astype(bool) & ~frame["subset"].astype(bool)
    if "wrong" in frame:
        kept &= ~frame["wrong"].astype(bool)
    rows = frame[kept].copy()
    if rows.empty:
        return rows.assign(when=None, claim_key="")
    rows["when"] = pd.Series([p if pd.isna(r) else r for r, p in zip(
        rows["report_date"], rows["published"], strict=True)], index=rows.index, dtype=object)
    rows = _as_originals(rows)
    rows["claim_key"] = _hashed(_joined(rows, ["agency", *_COUNT]))
    return rows


def claim_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """`counted_rows`, each with its claim's id (`claim`)."""
    rows = counted_rows(frame)
    rows["claim"] = _claim_ids(rows) if not rows.empty else ""
    return rows


def _as_originals(rows: pd.DataFrame) -> pd.DataFrame:
    """A reprint's figures as its original states the same count: its agency, dates and
    place (a copy published a day later, with a dateline added, restates the same)."""
    taken = ["agency", "when", "event_date", "period_start", "period_end", "geo_precision",
             *_PLACE]
    count = _joined(rows, _COUNT)
    originals = rows.loc[rows["reprint_of"] == "", taken].assign(
        _match=rows["url"] + "\x1f" + count).drop_duplicates("_match").set_index("_match")
    copies = rows["reprint_of"] != ""
    found = originals.reindex(rows.loc[copies, "reprint_of"] + "\x1f" + count[copies])
    found.index = rows.index[copies]
    found = found[found["agency"].notna()]
    for column in taken:  # (a column at a time, each in its own type)
        rows.loc[found.index, column] = found[column].astype(rows[column].dtype).to_numpy()
    return rows


def _claim_ids(rows: pd.DataFrame) -> pd.Series:
    """Each figure's claim: equal keys, and incidents joined as the module says."""
    key = _joined(rows, ["agency", *_COUNT])
    incident = (rows["scope"] == "incident") & rows["event_date"].notna()
    when = _joined(rows, ["when"]).where(rows["scope"] != "period",
                                         _joined(rows, ["period_start", "period_end"]))
    place = _joined(rows, _PLACE)
    ids = key + "|" + when + "|" + place
    ids[incident] = _incident_ids(rows[incident], key[incident], place[incident])
    return _hashed(ids)


def _hashed(texts: pd.Series) -> pd.Series:
    return texts.map(lambda text: hashlib.sha256(text.encode()).hexdigest()[:16])


def _joined(rows: pd.DataFrame, columns: list[str]) -> pd.Series:
    """The columns' values as one text per row ("" for a missing value)."""
    texts = [rows[c].astype("string").fillna("") for c in columns]
    joined = texts[0]
    for text in texts[1:]:
        joined = joined + "|" + text
    return joined.astype(object)


def _incident_ids(rows: pd.DataFrame, key: pd.Series, place: pd.Series) -> pd.Series:
    """The incident figures of one agency and count, in event-date order: each joins the
    incident before it when their event dates are within a day and their places agree;
    an incident is named by its first figure's key, date and place."""
    order = rows.assign(claim_key=key, place_key=place).sort_values(
        ["claim_key", "event_date", "when"], kind="stable")
    names = []
    last = None  # (key, first date, first place row)
    for r in order[["claim_key", "event_date", "country_code", "admin1_code", "place_name",
                    "place", "geo_precision", "place_key"]].itertuples(index=False):
        day = pd.Timestamp(r.event_date)
        if (last is None or r.claim_key != last[0] or (day - last[1]).days > 1
                or not _places_agree(last[2], r)):
            last = (r.claim_key, day, r)
        names.append(f"{r.claim_key}|{last[1].date()}|{last[2].place_key}")
    return pd.Series(names, index=order.index).reindex(rows.index)


def _places_agree(a, b) -> bool:
    """The same place, one inside the other (a town in its admin-1 or country, an admin-1
    in its country), or no place on one side."""
    if not a.country_code or not b.country_code:
        return (a.place or "") == (b.place or "") or not a.place or not b.place
    if a.country_code != b.country_code:
        return False
    if not a.admin1_code or not b.admin1_code:
        return True
    if a.admin1_code != b.admin1_code:
        return False
    return a.geo_precision != b.geo_precision or a.place_name == b.place_name


def summarise(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per claim (`claim_rows`): its first statement's fields and evidence, what
    carried it, and when its documents were first and last fetched (where the rows have
    `fetched_at`)."""
    # (the first statement: the earliest published; on one day, an original before a copy)
    rows = rows.assign(_copy=rows["reprint_of"] != "").sort_values(
        ["published", "_copy", "url", "start"], kind="stable", na_position="last")
    by_claim = rows.groupby("claim", sort=False)
    first = by_claim.first()
    if "origin_publisher" in rows:  # a copy's original's publisher, from the store
        roots = by_claim["origin_publisher"].nunique()
    else:
        roots = rows[rows["reprint_of"] == ""].groupby("claim", sort=False)["publisher"].nunique()
    columns = [*CLAIM_COLUMNS, *[c for c in STORED_EXTRA if c in rows]]
    seen = by_claim["fetched_at"] if "fetched_at" in rows else None
    claims = first[[c for c in columns if c in first.columns]].assign(
        claim_id=first.index,
        generic_source=first["agency"].map(is_generic),
        documents=by_claim["url"].nunique(),
        independent_publishers=roots.reindex(first.index).fillna(0).astype(int),
        publishers=by_claim["publisher"].agg(lambda p: "; ".join(sorted(set(p) - {""}))),
        first_published=by_claim["published"].min(),
        last_published=by_claim["published"].max(),
        first_seen=seen.min() if seen is not None else None,
        last_seen=seen.max() if seen is not None else None,
    )
    return claims[columns].reset_index(drop=True)
