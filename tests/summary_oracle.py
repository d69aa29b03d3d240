"""The dashboard's old in-memory computation of the charts' table, kept as the tests'
oracle for the store's summary (pipeline/summaries.py): every figure read into pandas
(as the store holds it, or as it stood at an earlier time, claims built again from the
figures of then), and the largest countable figure of each group kept."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from dashboard.data import light_table
from pipeline.claims import claim_rows, records, summarise
from pipeline.history import figures_as_of
from pipeline.store import claims, documents, figures
from pipeline.summaries import CHART_KEY, TOP, as_of, chart_rows

LIGHT = ["figure_id", "doc_key", "category", "value", "low", "high", "qualifier", "subject",
         "subset", "superseded", "times_stated", "scope", "agency", "attribution", "report_date",
         "event_date", "period_start", "period_end", "place", "place_name", "admin1",
         "admin1_code", "country", "country_code", "lat", "lon", "geo_precision", "publisher",
         "published", "reprint", "wrong", "stored_at", "claim_id", "documents",
         "independent_publishers"]
FIGURE_LIGHT = [c for c in LIGHT if c not in ("publisher", "published", "reprint", "claim_id",
                                              "documents", "independent_publishers")]
DATES = ["report_date", "event_date", "period_start", "period_end", "published"]


def _light_select(held, docs, link) -> sa.Select:
    return (sa.select(*[held.c[c] for c in FIGURE_LIGHT], docs.c.publisher, docs.c.published,
                      link.is_not(None).label("reprint"))
            .join_from(held, docs, docs.c.key == held.c.doc_key))


def _with_claims(read: pd.DataFrame) -> pd.DataFrame:
    """Figure rows of an earlier time, each with its claim built again (pipeline/claims.py)."""
    typed = read.assign(reprint_of=read["reprint_of"].fillna(""),
                        wrong=read["wrong"].fillna(False).astype(bool))
    for column in ("value", "low", "high", "geo_precision", "start"):
        typed[column] = typed[column].astype("Int64")
    for column in DATES:
        typed[column] = pd.to_datetime(typed[column]).dt.date
    rows = claim_rows(records(typed))
    if not rows:
        return read.assign(claim_id=None, documents=pd.NA, independent_publishers=pd.NA)
    built = summarise(rows)
    documents_ = {c["claim_id"]: c["documents"] for c in built}
    independent = {c["claim_id"]: c["independent_publishers"] for c in built}
    claim = pd.Series({r["_index"]: r["claim"] for r in rows}, dtype=object).reindex(read.index)
    return read.assign(claim_id=claim, documents=claim.map(documents_),
                       independent_publishers=claim.map(independent).fillna(0))


def light_frame(engine: sa.Engine, when: dt.datetime | None = None) -> pd.DataFrame:
    """The old light table of every figure, now or as the store stood at `when`."""
    if when is None:
        stmt = (_light_select(figures, documents, documents.c.reprint_of)
                .add_columns(figures.c.claim_id, claims.c.documents,
                             claims.c.independent_publishers)
                .outerjoin(claims, claims.c.claim_id == figures.c.claim_id))
        with engine.connect() as conn:
            return light_table(with_day(pd.read_sql(stmt, conn)))
    figures_then, documents_then, links = figures_as_of(when)
    original = documents.alias("original")
    stmt = (_light_select(figures_then, documents_then, links.c.reprint_of)
            .add_columns(documents_then.c.url, figures_then.c.start,
                         sa.func.coalesce(original.c.url, "").label("reprint_of"))
            .outerjoin(links, links.c.doc_key == figures_then.c.doc_key)
            .outerjoin(original, original.c.key == links.c.reprint_of))
    with engine.connect() as conn:
        read = pd.read_sql(stmt, conn)
    return light_table(with_day(_with_claims(read)[LIGHT]))


def with_day(read: pd.DataFrame) -> pd.DataFrame:
    """The rows with their day worked out again, as the old computation did (the report
    date, else the publication date), not read from the store: the oracle checks the
    stored day too."""
    return read.assign(day=pd.to_datetime(read["report_date"]).fillna(
        pd.to_datetime(read["published"])))


def countable(frame: pd.DataFrame) -> pd.DataFrame:
    """The old charts' table's rows before reduction: no subset, superseded value,
    reprint's figure or figure marked wrong."""
    return frame[~frame["subset"] & ~frame["superseded"] & ~frame["reprint"] & ~frame["wrong"]]


def charts_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The old charts' table: the largest countable figure of each group of CHART_KEY."""
    return countable(frame).sort_values("value", kind="stable").drop_duplicates(
        CHART_KEY, keep="last")


def _plain(value):
    """A cell as a plain Python value, missing values as None, for comparing."""
    if value is None or value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date() if value == value.normalize() else value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if hasattr(value, "item"):
        return value.item()
    return value


def _key(row: dict) -> tuple:
    return tuple(_plain(row[c]) or None for c in CHART_KEY)


def summary_rows(engine: sa.Engine, when: dt.datetime | None = None) -> list[dict]:
    """The store's summary rows, now or as they stood at `when`."""
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(chart_rows).where(as_of(when))
                                              .order_by(chart_rows.c.chart_key)).mappings()]


def expected_groups(engine: sa.Engine, when: dt.datetime | None = None) -> dict[tuple, list]:
    """The old computation's groups (now, or at `when`): {key: the group's countable
    figures, as plain dicts}."""
    light = countable(light_frame(engine, when))
    expected: dict[tuple, list] = {}
    for row in light.to_dict("records"):
        expected.setdefault(_key(row), []).append({k: _plain(v) for k, v in row.items()})
    return expected


def differences(expected: dict[tuple, list], rows: list[dict]) -> list[str]:
    """How summary rows differ from the old computation's groups (`expected_groups`): one
    line per difference; empty when they agree. A group's row must hold a largest figure
    of the group (ties in any order), with that figure's columns, and the group's count."""
    found = {_key(r): r for r in rows}
    wrong = [f"missing group {k}" for k in expected.keys() - found.keys()]
    wrong += [f"extra group {k}" for k in found.keys() - expected.keys()]
    wrong += [f"{len(rows) - len(found)} groups with more than one row"] if len(found) < len(
        rows) else []
    for key in expected.keys() & found.keys():
        group, row = expected[key], found[key]
        top = max(r["value"] for r in group)
        mine = [r for r in group if (r["doc_key"], r["figure_id"]) == (row["doc_key"],
                                                                      row["figure_id"])]
        if len(mine) != 1 or mine[0]["value"] != top:
            wrong.append(f"group {key}: {row['figure_id']} ({row['value']}) is not its "
                         f"largest figure ({top})")
            continue
        for column in TOP:
            old, new = mine[0][column], _plain(row[column])
            if column == "claim_id":
                old = old or None
            if old != new and not (isinstance(old, float) and abs(old - (new or 0)) < 1e-9):
                wrong.append(f"group {key}: {column} {new!r}, not {old!r}")
        if row["figures"] != len(group):
            wrong.append(f"group {key}: {row['figures']} figures, not {len(group)}")
    return wrong
