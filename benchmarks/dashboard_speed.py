"""Dashboard speed on a store of a million figures.

    python benchmarks/dashboard_speed.py [--figures 1000000] [--changes 12] [--spread-scopes]

Builds the store (documents made from the sample corpus, figures copied up to the
count; with --spread-scopes, the figures take every scope in turn, so that the chart
draws every kind of mark), serves the dashboard, opens it in headless Chromium, times the first full
render, then changes the filters through the URL and prints the median server time
of the filter callback and the server's memory (targets: 300 ms, 2 s, 1.5 GB), and the
time to build the rows of a "Download CSV" for a few filtered views.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.refresh_speed import fill_figures, make_corpus  # noqa: E402
from dashboard import callbacks  # noqa: E402
from dashboard.app import create_app  # noqa: E402
from dashboard.data import StoreData, View  # noqa: E402
from pipeline.refresh import refresh  # noqa: E402
from pipeline.sources import Source  # noqa: E402
from pipeline.store import open_store  # noqa: E402

VIEWS = ["?category=killed", "?category=wounded&named=1", "?category=displaced",
         "?category=killed&category=wounded", "?from=2026-03-10&to=2026-03-31",
         "?agency=World+Health+Organization", "?category=missing&category=detained", ""]


# Every scope in turn by rowid; every other incident dated two days before its report, and
# periods without dates given the week to their report date.
SPREAD_SCOPES = """
UPDATE figures SET
  scope = CASE rowid % 6 WHEN 0 THEN 'toll' WHEN 1 THEN 'stock' WHEN 2 THEN 'incident'
          WHEN 3 THEN 'period' WHEN 4 THEN 'background' ELSE '' END,
  event_date = CASE WHEN rowid % 12 = 2 THEN date(report_date, '-2 days') END,
  period_start = CASE WHEN rowid % 6 = 3 THEN coalesce(period_start, date(report_date, '-6 days'))
                 ELSE period_start END,
  period_end = CASE WHEN rowid % 6 = 3 THEN coalesce(period_end, report_date) ELSE period_end END
"""


def spread_scopes(url: str) -> None:
    """Give the figures of a SQLite store every scope in turn (SPREAD_SCOPES)."""
    with open_store(url).engine.begin() as conn:
        conn.exec_driver_sql(SPREAD_SCOPES)


def browser() -> webdriver.Chrome:
    options = Options()
    options.binary_location = shutil.which("chromium") or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1600",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options,
                            service=Service(shutil.which("chromedriver") or "chromedriver"))


def rendered(driver, timeout=60) -> None:
    """Wait until the cards, both charts and the evidence table are on the page."""
    wait = WebDriverWait(driver, timeout)
    for selector in ("#cards .card", "#timeseries .main-svg", "#comparison .main-svg",
                     "#evidence td[data-dash-column='sentence']"):
        try:
            wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector)))
        except Exception:
            sys.exit(f"error: {driver.current_url}: {selector} never appeared")


def time_downloads(url: str) -> list[tuple[str, float, int]]:
    """Seconds to build the rows of the "Download CSV" button for a few filtered views."""
    data = StoreData(url)
    data.refresh_if_changed()
    publisher = data.frame.loc[data.frame["publisher"] != "", "publisher"].iloc[0]
    views = {"one category, named sources": View(categories=("killed",), named_only=True),
             "one publisher": View(publishers=(publisher,)),
             "one agency": View(agencies=("World Health Organization",))}
    timed = []
    for name, view in views.items():
        began = time.perf_counter()
        rows = len(data.export_frame(view))
        timed.append((name, time.perf_counter() - began, rows))
    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=3000)
    parser.add_argument("--changes", type=int, default=12)
    parser.add_argument("--spread-scopes", action="store_true",
                        help="give the figures every scope in turn")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = tmp / "docs"
        folder.mkdir()
        make_corpus(folder, args.documents)
        url = f"sqlite:///{tmp / 'big.sqlite'}"
        refresh(open_store(url), [Source("bulk", "folder", path=folder)], progress=False)
        fill_figures(url, args.figures)
        if args.spread_scopes:
            spread_scopes(url)
        process = psutil.Process()
        start = time.perf_counter()
        app = create_app(url, poll_ms=60_000)
        load = time.perf_counter() - start
        print(f"store: {open_store(url).counts()['figures']:,} figures; app loaded in {load:.1f} s")
        server = make_server("127.0.0.1", 0, app.server, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        driver = browser()
        try:
            driver.get(base)  # warm the browser's cache of the page's scripts
            rendered(driver)
            callbacks.TIMINGS.clear()
            began = time.perf_counter()
            driver.get(base + "?category=killed&category=wounded")
            rendered(driver)
            first = time.perf_counter() - began
            callbacks.TIMINGS.clear()
            for i in range(args.changes):
                driver.get(base + VIEWS[i % len(VIEWS)])
                rendered(driver)
            timings = list(callbacks.TIMINGS)
        finally:
            driver.quit()
            server.shutdown()
        rss = process.memory_info().rss / 2**30
        downloads = time_downloads(url)
        median = statistics.median(timings) * 1000
        print(f"{'measure':<44}{'value':>10}{'target':>10}")
        print(f"{'filter callback, median server time (ms)':<44}{median:>10.0f}{300:>10}")
        print(f"{'   (slowest of ' + str(len(timings)) + ' runs, ms)':<44}{max(timings) * 1000:>10.0f}")
        print(f"{'first full render in the browser (s)':<44}{first:>10.2f}{2:>10}")
        print(f"{'server process memory (GB)':<44}{rss:>10.2f}{1.5:>10}")
        for name, seconds, rows in downloads:
            print(f"{'CSV download, ' + name + ' (s)':<44}{seconds:>10.2f}{'':>10}  {rows:,} rows")


if __name__ == "__main__":
    main()
