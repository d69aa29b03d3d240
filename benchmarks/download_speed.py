"""The dashboard's "Download CSV" on a store of a million figures, end to end over HTTP.

    python benchmarks/download_speed.py [--figures 1000000] [--repeat 3] [--store URL]

Builds a SQLite store of N figures once (documents made from the sample corpus, figures
copied up to the count, as benchmarks/dashboard_speed.py does) and keeps it under
/tmp/casualty-bench/ for later runs; `--store URL` uses another store instead (a
PostgreSQL one filled with `--fill`). Serves the dashboard with `python -m dashboard` on
loopback, downloads `download.csv` for no filter and a few filters, and prints each
download's time (median of the repeats), its size, the CPU seconds the server spent on
it (its worker process, and any process it starts: none since the download is read by
one cursor), the worker's peak memory growth during it (resident memory, sampled every
20 ms, less before the download) and such processes' peak memory together. Target:
1,000,000 figures in 6 s, in memory that does not grow with the size.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.refresh_speed import fill_figures, make_corpus  # noqa: E402
from dashboard.download import checked_view  # noqa: E402
from pipeline.export import query  # noqa: E402
from pipeline.refresh import refresh  # noqa: E402
from pipeline.sources import Source  # noqa: E402
from pipeline.store import documents, open_store  # noqa: E402

CACHE = Path("/tmp/casualty-bench")
DOCUMENTS = 3000  # documents made from the sample corpus before the figures are copied


def fill_store(url: str, count: int) -> None:
    """Fill an empty store with DOCUMENTS documents and their figures copied up to `count`."""
    with tempfile.TemporaryDirectory() as tmp:
        make_corpus(Path(tmp), DOCUMENTS)
        refresh(open_store(url), [Source("bulk", "folder", path=Path(tmp))], progress=False)
    fill_figures(url, count)


def cached_store(count: int) -> str:
    """The URL of a SQLite store of `count` figures under CACHE, built on first use."""
    path = CACHE / f"download-{count}.sqlite"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        building = path.with_suffix(".building")
        building.unlink(missing_ok=True)
        print(f"building {path} (once) ...", file=sys.stderr)
        fill_store(f"sqlite:///{building}", count)
        with contextlib.closing(sqlite3.connect(building)) as conn:  # the WAL into the file
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for leftover in ("-wal", "-shm", ".lock"):
            Path(f"{building}{leftover}").unlink(missing_ok=True)
        building.rename(path)
    return f"sqlite:///{path}"


def count_figures(url: str, search: str) -> int:
    """How many figures the download of `search` holds (counted by the database)."""
    store = open_store(url)
    view = checked_view(search)
    selected = query(view.filters(), view.as_of).order_by(None).subquery()
    with store.engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(selected)).scalar_one()
    store.engine.dispose()
    return count


def start_server(url: str, port: int) -> subprocess.Popen:
    """`python -m dashboard` on the store (gunicorn, one worker process), once it serves."""
    server = subprocess.Popen([sys.executable, "-m", "dashboard", "--store", url, "--host",
                               "127.0.0.1", "--port", str(port)], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                return server
        except OSError:
            if server.poll() is not None:
                sys.exit("error: the dashboard did not start")
            time.sleep(1)
    server.terminate()
    sys.exit("error: the dashboard did not serve within 10 minutes")


class Sampler:
    """Samples the serving worker's resident memory, and that of the processes it starts
    (the parallel read's), and the CPU time of them all, every 20 ms until stopped."""

    def __init__(self, worker: psutil.Process) -> None:
        self.worker = worker
        self.before = worker.memory_info().rss
        self.peak = self.before
        self.helpers = 0
        self.cpu = {worker.pid: self._cpu(worker)}
        self.cpu_before = dict(self.cpu)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    @staticmethod
    def _cpu(process: psutil.Process) -> float:
        times = process.cpu_times()
        return times.user + times.system

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            try:
                self.peak = max(self.peak, self.worker.memory_info().rss)
                self.cpu[self.worker.pid] = self._cpu(self.worker)
                helpers = 0
                for process in self.worker.children(recursive=True):
                    helpers += process.memory_info().rss
                    self.cpu[process.pid] = self._cpu(process)
                    self.cpu_before.setdefault(process.pid, self.cpu[process.pid])
                self.helpers = max(self.helpers, helpers)
            except psutil.Error:
                pass

    def stop(self) -> tuple[int, int, float]:
        """(the worker's peak memory growth, the peak of its helpers' memory together, in
        bytes; the CPU seconds they used, a read process's from when first seen)."""
        self._stop.set()
        self._thread.join()
        cpu = sum(self.cpu[pid] - self.cpu_before[pid] for pid in self.cpu)
        return self.peak - self.before, self.helpers, cpu


def download(base: str, search: str, worker: psutil.Process) -> tuple[float, int, int, int,
                                                                      float]:
    """(seconds, bytes, the worker's peak memory growth, its helpers' peak memory, the
    server's CPU seconds) of one download read to its end."""
    sampler = Sampler(worker)
    began = time.perf_counter()
    size = 0
    with urllib.request.urlopen(base + "download.csv" + search, timeout=600) as response:
        while block := response.read(1 << 20):
            size += len(block)
    seconds = time.perf_counter() - began
    return seconds, size, *sampler.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--store", help="an existing store's URL instead of the cached one")
    parser.add_argument("--fill", action="store_true",
                        help="first fill the (empty) --store with --figures figures")
    parser.add_argument("--port", type=int, default=8071)
    args = parser.parse_args()
    url = args.store or cached_store(args.figures)
    if args.fill:
        began = time.perf_counter()
        fill_store(url, args.figures)
        print(f"filled in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    with open_store(url).engine.connect() as conn:
        publisher = conn.execute(sa.select(documents.c.publisher).group_by(documents.c.publisher)
                                 .order_by(sa.func.count().desc()).limit(1)).scalar_one()
    views = {"no filter": "", "killed, named sources": "?category=killed&named=1",
             "one publisher": "?" + urllib.parse.urlencode({"publisher": publisher}),
             "ten days": "?from=2026-03-10&to=2026-03-19"}
    counts = {name: count_figures(url, search) for name, search in views.items()}
    server = start_server(url, args.port)
    try:
        (worker,) = psutil.Process(server.pid).children()
        base = f"http://127.0.0.1:{args.port}/"
        print(f"store: {url} ({counts['no filter']:,} figures); server worker "
              f"{worker.memory_info().rss / 2**20:,.0f} MB")
        first = download(base, "?category=killed", worker)
        print(f"first download of the server: {first[0]:.2f} s")
        print(f"{'download':<24}{'figures':>10}{'MB':>8}{'median s':>10}{'runs s':>20}"
              f"{'CPU s':>8}{'worker +MB':>12}{'readers MB':>12}")
        for name, search in views.items():
            runs = [download(base, search, worker) for _ in range(args.repeat)]
            seconds = [r[0] for r in runs]
            print(f"{name:<24}{counts[name]:>10,}{runs[0][1] / 1e6:>8.0f}"
                  f"{statistics.median(seconds):>10.2f}"
                  f"{' '.join(f'{s:.2f}' for s in seconds):>20}"
                  f"{statistics.median(r[4] for r in runs):>8.1f}"
                  f"{max(r[2] for r in runs) / 2**20:>12.0f}"
                  f"{max(r[3] for r in runs) / 2**20:>12.0f}", flush=True)
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
              f"({os.cpu_count()} CPUs); target: 1,000,000 figures in 6 s")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
