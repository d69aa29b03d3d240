"""Evidence grid speed: `dashboard.evidence.evidence_page` on a large store.

    python benchmarks/evidence_speed.py [--figures 1000000] [--store URL] [--runs 5]
        [--dashboard-store]

Builds the store once (the sample corpus, then its figures copied by SQL under new
documents and ids, each copy's dates moved back a day more, up to the count) and keeps a
SQLite one under /tmp/casualty-bench/ for the next run; `--store` names a PostgreSQL
database (or schema) to fill instead, used as it is when it already holds the count.
`--dashboard-store` times the store benchmarks/dashboard_speed.py keeps for the same
count instead (SQLite, or in the PostgreSQL database at `--store`), built that way first
when missing, so that one store of ten million figures serves both benchmarks; its copies
keep their originals' documents and dates, so its month is March 2026 (the sample's) and
holds nearly every row. Prints the median time of each kind of block the grid asks for (a
block of 100 rows and the count of the view, counted up to dashboard.evidence.COUNT_CAP),
of finding the values a text typed under a header sets the page's filter to
(dashboard/table_filters.py), and of an exact count of every row. Target: a sentence
text filter <= 500 ms at 10,000,000 figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import dashboard_speed  # noqa: E402
from dashboard.data import StoreData, View  # noqa: E402
from dashboard.evidence import BLOCK, evidence_page  # noqa: E402
from dashboard.table_filters import summary_values  # noqa: E402
from pipeline.refresh import refresh  # noqa: E402
from pipeline.sources import Source  # noqa: E402
from pipeline.store import documents, figures, open_store  # noqa: E402
from pipeline.summaries import chart_rows  # noqa: E402

CACHE = Path("/tmp/casualty-bench")


def cases(month: dt.date) -> list[tuple[str, View, list | None, int | float]]:
    """Label, view (the grid's column filters are its fields), sort and where the block
    starts (a row, or a share of the rows) of each block timed; `month` the first day of
    the month the views filter on."""
    end = (month + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    name = month.strftime("%B %Y")
    return [
        ("first block, newest first", View(), None, 0),
        ("sorted block (figure, largest first)", View(), [{"colId": "stated", "sort": "desc"}],
         0),
        ("deep block (half way down)", View(), None, 0.5),
        ("view filter (category=wounded)", View(categories=("wounded",)), None, 0),
        (f"view filter (a month: {name})", View(start=month, end=end), None, 0),
        ("view filter (wounded, a month)", View(categories=("wounded",), start=month, end=end),
         None, 0),
        ("sorted block (day, oldest first)", View(), [{"colId": "day", "sort": "asc"}], 0),
        ("second block (rows 100-199)", View(), None, 100),
        ("block 101 (rows 10,000-10,099)", View(), None, 10_000),
        ("sentence filter, a rare word", View(sentence="crowns"), None, 0),
        ("sentence filter, two words", View(sentence="health ministry"), None, 0),
        ("sentence filter, a common word", View(sentence="killed"), None, 0),
        ("agency (Ministry of Health)", View(agencies=("Ministry of Health",)), None, 0),
        ("figure from 10 to 100", View(least=10, most=100), None, 0),
        ("sorted block (place, A first)", View(), [{"colId": "place", "sort": "asc"}], 0),
        ("sorted block (date is stated/published)", View(), [{"colId": "dated", "sort": "asc"}],
         0),
    ]


def build(url: str, rows: int) -> None:
    """Fill an empty store: the sample corpus, then copies of its documents (without their
    text) and figures made by the database until it holds `rows` figures."""
    store = open_store(url)
    if store.counts()["figures"] >= rows:
        return
    refresh(store, [Source("sample", "folder", path=ROOT / "data" / "sample")], progress=False)
    base = store.counts()["figures"]
    copies = -(-rows // base) - 1
    pg = store.engine.dialect.name == "postgresql"
    series = ("generate_series(1, :n) AS s(k)" if pg else
              "(WITH RECURSIVE s(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM s WHERE k < :n) "
              "SELECT k FROM s) AS s")
    suffix = "'#' || s.k"
    new_id = ("lpad(to_hex(s.k), 5, '0') || substr(f.figure_id, 6)" if pg
              else "printf('%05x', s.k) || substr(f.figure_id, 6)")
    earlier = ("f.{0} - (s.k % 365)" if pg else "date(f.{0}, '-' || (s.k % 365) || ' days')")
    doc_columns = [c.name for c in documents.columns]
    fig_columns = [c.name for c in figures.columns]
    moved = {"doc_key": f"f.doc_key || {suffix}", "figure_id": new_id,
             "report_date": earlier.format("report_date"),
             "event_date": earlier.format("event_date"),
             "day": f"coalesce({earlier.format('report_date')}, (SELECT published FROM "
                    "documents d WHERE d.key = f.doc_key))"}
    quoted = {"end": '"end"', "start": '"start"'}
    with store.engine.begin() as conn:
        conn.execute(sa.text(
            f"INSERT INTO documents ({', '.join(doc_columns)}) SELECT "
            + ", ".join(f"d.key || {suffix}" if c == "key" else "''" if c == "text" else f"d.{c}"
                        for c in doc_columns)
            + f" FROM documents d CROSS JOIN {series}"), {"n": copies})
        conn.execute(sa.text(
            f"INSERT INTO figures ({', '.join(quoted.get(c, c) for c in fig_columns)}) SELECT "
            + ", ".join(moved.get(c, f"f.{quoted.get(c, c)}") for c in fig_columns)
            + f" FROM (SELECT * FROM figures WHERE doc_key NOT LIKE '%#%') f CROSS JOIN {series}"
            + " ORDER BY s.k LIMIT :extra"), {"n": copies, "extra": rows - base})
        if pg:
            conn.exec_driver_sql("ANALYZE")
    store.engine.dispose()


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=1_000_000)
    parser.add_argument("--store", help="a PostgreSQL URL to fill and time (default: SQLite)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dashboard-store", action="store_true",
                        help="time benchmarks/dashboard_speed.py's store of --figures (in the "
                             "PostgreSQL database at --store, else SQLite), built if missing")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    if args.dashboard_store:
        kind = "postgresql" if args.store else "sqlite"
        url = dashboard_speed.store_url(kind, dashboard_speed.store_name(args.figures, False),
                                        args.store)
        dashboard_speed.fill(url, args.figures)
        month = dt.date(2026, 3, 1)
    else:
        url = args.store or f"sqlite:///{CACHE / f'evidence-{args.figures}.sqlite'}"
        build(url, args.figures)
        month = dt.date(2025, 6, 1)
    store = open_store(url)
    total = store.counts()["figures"]
    print(f"store: {store.engine.dialect.name}, {total:,} figures "
          f"(ready in {time.perf_counter() - began:.1f} s)")
    print(f"{'block of ' + str(BLOCK) + ' rows and the count':<44}{'median ms':>10}{'rows':>8}"
          f"{'count':>10}")
    for label, view, sort, where in cases(month):
        start = int(total * where) if isinstance(where, float) else where
        rows, count = evidence_page(store, view, sort, start, BLOCK)
        took = median_time(lambda: evidence_page(store, view, sort, start, BLOCK),  # noqa: B023
                           args.runs)
        print(f"{label:<44}{took * 1000:>10.0f}{len(rows):>8}"
              f"{'10,000+' if count is None else f'{count:,}':>10}")
    data = StoreData(url)
    data.connect()
    with store.engine.connect() as conn:  # (the copies above are not in the summary)
        groups = conn.execute(sa.select(sa.func.count()).select_from(chart_rows)).scalar_one()
    print(f"the charts' summary: {groups:,} rows")
    for column, text in (("agency", "health"), ("place", "o"), ("publisher", "wire")):
        took = median_time(lambda: summary_values(data, column, "contains", text),  # noqa: B023
                           args.runs)
        label = f"{column} header '{text}' -> the page's filter"
        print(f"{label:<44}{took * 1000:>10.0f}"
              f"{len(summary_values(data, column, 'contains', text)):>8}")
    with store.engine.connect() as conn:
        exact = sa.select(sa.func.count()).select_from(figures.join(
            documents, documents.c.key == figures.c.doc_key))
        took = median_time(lambda: conn.execute(exact).scalar_one(), max(1, args.runs // 2))
    print(f"{'exact count of every row (not used)':<44}{took * 1000:>10.0f}")


if __name__ == "__main__":
    main()
