"""Refreshes of same-day variants whose batches are written at different seconds give the
same store (pipeline/arrival.py), and what reading the runs costs each write.

    python benchmarks/same_day_refresh.py [--documents 100] [--batch-size 10] [--runs 17520]

1. writes N variants of the sample corpus (benchmarks/refresh_speed.py: its places renamed
   and its numbers changed, its dates kept, so many share a day and a publisher),
2. refreshes them into fresh SQLite stores with the store's clock as it is, standing still
   (every batch in one second) and stepping a second at each reading, and prints for each
   the reprint links, claims and revisions, and whether its reprint links, claims,
   revisions and alerts (the columns that hold no time of writing) are those of the first,
3. times reading the runs' starts and ends (`read_arrivals`, asked for by each write for
   its reprint links, revisions and alerts) in a store of R runs (17,520: a refresh every
   30 minutes for a year): the first reading, and the median of 20 after it (the runs kept
   from the first, checked unchanged).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pipeline.store as store_module  # noqa: E402
from benchmarks.refresh_speed import make_corpus  # noqa: E402
from pipeline.refresh import refresh  # noqa: E402
from pipeline.sources import Source  # noqa: E402
from pipeline.store import alerts, claims, documents, open_store, read_arrivals, revisions, runs  # noqa: E402


def stepping(step: int) -> Callable[[], dt.datetime]:
    """A clock from now on, `step` seconds more at each reading."""
    start = store_module._now()
    times = (start + dt.timedelta(seconds=step * n) for n in itertools.count())
    return lambda: next(times)


def compared(url: str) -> dict[str, list[tuple]]:
    """The reprint links, claims, revisions and alerts, without their times, sorted."""
    engine = sa.create_engine(url)
    found = {}
    with engine.connect() as conn:
        for table, columns in ((documents, [documents.c.key, documents.c.reprint_of]),
                               (claims, None), (revisions, None), (alerts, None)):
            columns = columns or [c for c in table.columns if not isinstance(c.type, sa.DateTime)]
            found[table.name] = sorted(conn.execute(sa.select(*columns)).all(), key=repr)
    engine.dispose()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=10)
    parser.add_argument("--runs", type=int, default=17520)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        make_corpus(folder, args.documents)
        sources = [Source("variants", "folder", path=folder)]
        first = None
        real = store_module._now
        for label, clock in (("the clock as it is", real), ("standing still", stepping(0)),
                             ("a second a reading", stepping(1))):
            store_module._now = clock
            url = f"sqlite:///{Path(tmp) / (label + '.sqlite')}"
            refresh(open_store(url), sources, batch_size=args.batch_size, progress=False)
            rows = compared(url)
            first = first or rows
            links = sum(1 for _, link in rows["documents"] if link)
            print(f"{label:>20}: {links} reprint links, {len(rows['claims'])} claims, "
                  f"{len(rows['revisions'])} revisions; the same as the first: {rows == first}")
        store_module._now = real
        url = f"sqlite:///{Path(tmp) / 'runs.sqlite'}"
        store = open_store(url)
        start = dt.datetime(2026, 1, 1)
        with store.engine.begin() as conn:
            conn.execute(runs.insert(), [
                {"started_at": start + dt.timedelta(minutes=30 * n),
                 "finished_at": start + dt.timedelta(minutes=30 * n + 5), "status": "ok",
                 "documents_seen": 0, "documents_changed": 0, "documents_failed": 0,
                 "figures_written": 0} for n in range(args.runs)])
        took = []
        with store.engine.connect() as conn:
            for _ in range(21):
                began = time.perf_counter()
                read_arrivals(conn)
                took.append(time.perf_counter() - began)
        print(f"read_arrivals with {args.runs:,} runs: the first {took[0] * 1000:.1f} ms, "
              f"then {statistics.median(took[1:]) * 1000:.1f} ms (median of 20)")


if __name__ == "__main__":
    main()
