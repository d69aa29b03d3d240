"""The Sources tab's read on a large store: StoreData.sources (the documents' and the
figures' counts per source, the declarations, the runs' health and each source's
freshness) and the table built from it.

    python benchmarks/sources_tab_speed.py [--figures 1000000] [--pg URL] [--runs 5]

Builds the store as benchmarks/dashboard_speed.py does (3,000 documents refreshed, their
figures copied in SQL up to the count), kept under /tmp/casualty-bench-sources/ (SQLite) or
in the schema bench_sources_<figures> at --pg, and prints the median time of `--runs`
reads with the load average. The table is read only while the Sources tab is open.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.dashboard_speed import fill, schema_url  # noqa: E402
from dashboard.data import StoreData  # noqa: E402
from dashboard.tabs.sources import sources_table  # noqa: E402

CACHE = Path("/tmp/casualty-bench-sources")


def store_url(figures: int, pg: str | None) -> str:
    """Where this benchmark's store of `figures` figures is kept (its own: another
    benchmark's store is never opened, which would upgrade it)."""
    if pg is None:
        CACHE.mkdir(exist_ok=True)
        return f"sqlite:///{CACHE / f'sources-{figures}.sqlite'}"
    return schema_url(pg, f"bench_sources_{figures}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=1_000_000)
    parser.add_argument("--pg", help="a PostgreSQL URL (default: a SQLite file)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    url = store_url(args.figures, args.pg)
    fill(url, args.figures)
    data = StoreData(url)
    data.connect()
    times = []
    for _ in range(args.runs):
        began = time.perf_counter()
        found = data.sources()
        sources_table(found)
        times.append(time.perf_counter() - began)
    kind = "PostgreSQL" if args.pg else "SQLite"
    print(f"Sources tab read, {kind}, {int(found['figures'].sum()):,} figures in "
          f"{len(found)} source(s): median {statistics.median(times) * 1000:.0f} ms of "
          f"{args.runs} (min {min(times) * 1000:.0f} ms); load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    data.store.engine.dispose()


if __name__ == "__main__":
    main()
