"""Refresh on a Dask cluster against a refresh in one process, into fresh SQLite stores.

    python benchmarks/dask_refresh.py [--documents 20000] [--workers 2] [--large 100000]
                                      [--runs 1]

1. writes N documents made from the sample corpus (benchmarks/refresh_speed.py),
2. refreshes them in one process (the default) and with `--workers W` (a local Dask
   cluster, its start-up included), each into a fresh store, and prints both times, the
   speed-up (target: 1.7x with 2 workers) and where the main process spent its time:
   reading documents (here, or waiting for the cluster's reads) and writing them; and
   the CPU seconds of the main process and of the workers, which a busy machine does not
   change much, with the time they would take on 2 idle cores (`bound`),
3. with --large M: refreshes M documents with `--workers W` too, and prints the cost per
   document at N and at M (target: within 10% of each other).
The stores are checked to hold the same figures. Run it on an idle machine: the cluster's
workers and the writer share its cores.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.refresh_speed import make_corpus  # noqa: E402
from pipeline.cluster import cluster_extraction  # noqa: E402
from pipeline.extraction import Extraction, InProcess, Read  # noqa: E402
from pipeline.refresh import refresh  # noqa: E402
from pipeline.sources import Source  # noqa: E402
from pipeline.store import Store, figures, open_store  # noqa: E402


class Timed:
    """An extraction that adds up the time this process spends submitting batches and
    waiting for their reads."""

    def __init__(self, extraction: Extraction) -> None:
        self.extraction, self.ahead, self.seconds = extraction, extraction.ahead, 0.0

    def submit(self, documents) -> Callable[[], list[Read]]:
        start = time.perf_counter()
        reads = self.extraction.submit(documents)
        self.seconds += time.perf_counter() - start

        def timed() -> list[Read]:
            start = time.perf_counter()
            found = reads()
            self.seconds += time.perf_counter() - start
            return found

        return timed


def timed_writes(store: Store) -> list[float]:
    """Time every `store.write` of this store; the list the seconds are added to."""
    spent = [0.0]
    write = store.write

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return write(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    store.write = timed  # type: ignore[method-assign]
    return spent


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def one_refresh(folder: Path, url: str, workers: int) -> dict[str, float | str]:
    """Refresh the folder into a fresh store: seconds in all (the cluster's start and stop
    included), spent reading and writing, CPU seconds of this process and of the workers
    (ended child processes), and the run's status."""
    store = open_store(url)
    writing = timed_writes(store)
    cpu, children = cpu_seconds(resource.RUSAGE_SELF), cpu_seconds(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with cluster_extraction(workers=workers) if workers else nullcontext(InProcess()) as ex:
        timed = Timed(ex)
        run = refresh(store, [Source("bulk", "folder", path=folder)], progress=False,
                      extraction=timed)
    return {"seconds": time.perf_counter() - start, "reading": timed.seconds,
            "writing": writing[0], "cpu": cpu_seconds(resource.RUSAGE_SELF) - cpu,
            "workers_cpu": cpu_seconds(resource.RUSAGE_CHILDREN) - children,
            "status": run.status}


def line(label: str, r: dict, documents: int) -> str:
    """One run's figures; `bound`: the time this CPU work would take on 2 idle cores (the
    main process's own, or half of all, whichever is larger)."""
    bound = max(r["cpu"], (r["cpu"] + r["workers_cpu"]) / 2)
    return (f"{label:<16}{r['seconds']:>8.1f}{r['reading']:>8.1f}{r['writing']:>8.1f}"
            f"{r['cpu']:>8.1f}{r['workers_cpu']:>8.1f}{bound:>8.1f}"
            f"{1000 * r['seconds'] / documents:>8.2f}  {load()}")


HEADER = (f"{'refresh':<16}{'seconds':>8}{'reading':>8}{'writing':>8}{'cpu':>8}{'workers':>8}"
          f"{'bound':>8}{'ms/doc':>8}  load (1, 5, 15 min)")


def stored_figures(url: str) -> set[tuple[str, str]]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = set(conn.execute(sa.select(figures.c.doc_key, figures.c.figure_id)).all())
    engine.dispose()
    return found


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--large", type=int, default=0, metavar="M",
                        help="also refresh M documents on the cluster (per-document cost)")
    parser.add_argument("--runs", type=int, default=1,
                        help="runs of each, the median shown (0: only the --large run)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = tmp / "docs"
        folder.mkdir()
        make_corpus(folder, args.documents)
        megabytes = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        print(f"corpus: {args.documents} documents, {megabytes:.1f} MB; load {load()}")
        print(HEADER, flush=True)
        results: dict[int, list[dict]] = {0: [], args.workers: []}
        urls = {}
        for n in range(args.runs):
            for workers in results:
                urls[workers] = f"sqlite:///{tmp / f'w{workers}-{n}.sqlite'}"
                r = one_refresh(folder, urls[workers], workers)
                assert r["status"] == "ok", r["status"]
                results[workers].append(r)
                label = "one process" if not workers else f"--workers {workers}"
                print(line(label, r, args.documents), flush=True)
        if args.runs:
            assert stored_figures(urls[0]) == stored_figures(urls[args.workers])
            single = statistics.median(r["seconds"] for r in results[0])
            cluster = statistics.median(r["seconds"] for r in results[args.workers])
            print(f"speed-up with {args.workers} workers: {single / cluster:.2f}x (target "
                  f"1.7x; medians of {args.runs}); the same figures stored")
        if args.large:
            large = tmp / "large"
            large.mkdir()
            make_corpus(large, args.large)
            url = f"sqlite:///{tmp / 'large.sqlite'}"
            r = one_refresh(large, url, args.workers)
            print(line(f"{args.large} docs", r, args.large))
            if args.runs:
                per_small = 1000 * cluster / args.documents
                per_large = 1000 * r["seconds"] / args.large
                print(f"per document: {per_small:.2f} ms at {args.documents}, {per_large:.2f} "
                      f"ms at {args.large}: {100 * (per_large / per_small - 1):+.1f}% (target "
                      "within 10%)")


if __name__ == "__main__":
    main()
