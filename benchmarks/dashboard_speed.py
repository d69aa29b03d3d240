"""Dashboard speed on a large store, SQLite or PostgreSQL.

    python benchmarks/dashboard_speed.py [--figures 1000000] [--pg URL] [--runs 12]
        [--spread] [--no-browser] [--drop]

Builds the store once and keeps it under /tmp/casualty-bench/ (SQLite) or in the schema
bench_<figures> of the PostgreSQL database at --pg: the documents made from the sample
corpus are refreshed, their figures copied in SQL (INSERT ... SELECT with new ids) up to
the count, and the charts' summary built by the upgrade's builder (pipeline/summaries.py).
The copies fall in their originals' groups, so the summary stays as small as the
3000 documents'; with --spread each copy's report dates move on by its number of days,
so that the summary grows with the figures (36,275 rows at 1M figures, against 1,956).
Then serves the dashboard (`python -m dashboard`, gunicorn, in its own process) and
prints: the time until the page is served, the median server time (over loopback) of the
cards-and-charts callback, of the comparison's and of the map callback over several views
(`--runs` calls of each), the first full render of cards, charts, evidence grid and map
(their tabs opened in turn) in headless Chromium, and the memory of all the server's
processes. Targets: start 3 s; filter callback 150 ms at 1M and 300 ms at 10M figures;
first render 1.5 s; memory 1 GB at 10M. `--drop` deletes the kept store afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.refresh_speed import make_corpus  # noqa: E402
from pipeline.refresh import refresh  # noqa: E402
from pipeline.search import add_sentence_search  # noqa: E402
from pipeline.sources import Source  # noqa: E402
from pipeline.store import figures, open_store  # noqa: E402
from pipeline.summaries import build, chart_rows  # noqa: E402

CACHE = Path("/tmp/casualty-bench")
DOCUMENTS = 3000
VIEWS = ["", "?category=killed", "?category=wounded&named=1", "?category=displaced",
         "?category=killed&category=wounded", "?from=2026-03-10&to=2026-03-31",
         "?agency=World+Health+Organization", "?category=missing&category=detained",
         "?scope=toll&scope=incident", "?country=SDN"]
UPDATE = {"outputs": [("cards", "children"), ("timeseries", "figure"), ("message", "children"),
                      ("timeseries-summary", "children")],
          "inputs": [("url", "search"), ("version", "data")], "state": []}
COMPARISON = {"outputs": [("comparison", "figure"), ("compare-note", "children"),
                          ("comparison-summary", "children")],
              "inputs": [("url", "search"), ("compare-category", "value"),
                         ("compare-all", "value"), ("version", "data")], "state": []}
MAP = {"outputs": [("map", "figure"), ("map-drawn", "data"), ("map-summary", "children")],
       "inputs": [("url", "search"), ("version", "data")], "state": [("map-drawn", "data")]}


def store_name(count: int, spread: bool) -> str:
    return f"{count}{'_spread' if spread else ''}"


def store_url(kind: str, name: str, pg: str | None) -> str:
    """Where the benchmark's store `name` is kept."""
    if kind == "sqlite":
        CACHE.mkdir(exist_ok=True)
        return f"sqlite:///{CACHE / f'dashboard-{name}.sqlite'}"
    return schema_url(pg, f"bench_{name}")


def schema_url(pg: str, schema: str) -> str:
    """The PostgreSQL URL `pg` with its search path set to `schema`, made if missing."""
    engine = sa.create_engine(pg)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    engine.dispose()
    return f"{pg}{'&' if '?' in pg else '?'}options=-csearch_path%3D{schema}"


def new_id(dialect: str) -> str:
    """SQL for a copy's figure_id: "z", the copy's number in 5 hex digits, and the end of
    the original's (unique, and never an original's, which are hex)."""
    if dialect == "sqlite":
        return "'z' || printf('%05x', :copy) || substr(figure_id, 7)"
    return "'z' || lpad(to_hex(CAST(:copy AS integer)), 5, '0') || substr(figure_id, 7)"


def moved_dates(dialect: str) -> str:
    """SQL for a spread copy's report date: the original's, :copy days on."""
    if dialect == "sqlite":
        return "date(report_date, '+' || :copy || ' days')"
    return "report_date + CAST(:copy AS integer)"


def fill(url: str, count: int, spread: bool = False) -> None:
    """The store at `url` with `count` figures and its summary, built unless kept."""
    store = open_store(url)
    have = store.counts()["figures"]
    if have >= count:
        return
    began = time.perf_counter()
    if have == 0:
        folder = CACHE / "docs"
        if not folder.exists():
            folder.mkdir(parents=True)
            make_corpus(folder, DOCUMENTS)
        refresh(store, [Source("bulk", "folder", path=folder)], progress=False)
    columns = [c.name for c in figures.columns]
    listed = ", ".join(f'"{c}"' for c in columns)
    dialect = store.engine.dialect.name
    moved = {"figure_id": new_id(dialect)}
    if spread:  # (a copy's day: its moved report date, else its document's publication date)
        moved |= {"report_date": moved_dates(dialect),
                  "day": f"coalesce({moved_dates(dialect)}, (SELECT published FROM documents "
                         "WHERE documents.key = figures.doc_key))"}
    chosen = ", ".join(moved.get(c, f'"{c}"') for c in columns)
    with store.engine.connect() as conn:
        base = conn.execute(sa.select(sa.func.count()).where(
            figures.c.figure_id.not_like("z%"))).scalar_one()
        have = conn.execute(sa.select(sa.func.count()).select_from(figures)).scalar_one()
    copy = -(-(have - base) // base)  # copies made (the last one may be partial)
    # the figures' indexes (and PostgreSQL's sentence index) are built again once, after
    # the copies: far faster than keeping them row by row
    with store.engine.begin() as conn:
        for index in figures.indexes:
            index.drop(conn, checkfirst=True)
        if dialect == "postgresql":
            conn.exec_driver_sql("DROP INDEX IF EXISTS figures_sentence_search")
    while have < count:  # a transaction per copy: SQLite's write-ahead log stays small
        copy += 1
        with store.engine.begin() as conn:
            conn.execute(sa.text(f"INSERT INTO figures ({listed}) SELECT {chosen} FROM figures "
                                 f"WHERE figure_id NOT LIKE 'z%' LIMIT :n"),
                         {"copy": copy, "n": min(base, count - have)})
        have += min(base, count - have)
        if copy % 50 == 0 or have >= count:
            print(f"  {have:,} figures", file=sys.stderr)
    with store.engine.begin() as conn:
        for index in figures.indexes:
            index.create(conn, checkfirst=True)
        if dialect == "postgresql":
            add_sentence_search(conn)
        build(conn, dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0))
    with store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    print(f"  built in {time.perf_counter() - began:.0f} s", file=sys.stderr)


def post(base: str, callback: dict, search: str) -> float:
    """Seconds for one call of a callback with this URL query string."""
    outputs = callback["outputs"]
    values = {("url", "search"): search, ("compare-category", "value"): "killed",
              ("compare-all", "value"): []}
    body = {"output": "...".join(f"{i}.{p}" for i, p in outputs).join(("..", "..")),
            "outputs": [{"id": i, "property": p} for i, p in outputs],
            "inputs": [{"id": i, "property": p, "value": values.get((i, p))}
                       for i, p in callback["inputs"]],
            "changedPropIds": ["url.search"],
            "state": [{"id": i, "property": p, "value": None} for i, p in callback["state"]]}
    request = urllib.request.Request(base + "_dash-update-component", json.dumps(body).encode(),
                                     {"Content-Type": "application/json"})
    began = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        response.read()
        assert response.status in (200, 204), response.status
    return time.perf_counter() - began


def serve(url: str, port: int) -> tuple[subprocess.Popen, float]:
    """The dashboard served on 127.0.0.1:port, and the seconds until its page came."""
    began = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "dashboard", "--store", url, "--port",
                               str(port)], cwd=ROOT, env=os.environ | {"PYTHONPATH": str(ROOT)})
    while time.perf_counter() - began < 600:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as response:
                response.read()
                return server, time.perf_counter() - began
        except OSError:
            if server.poll() is not None:
                sys.exit(f"error: the dashboard on {url} stopped (exit {server.returncode})")
            time.sleep(0.05)
    server.terminate()
    sys.exit("error: the dashboard did not start within 600 s")


def memory(server: subprocess.Popen) -> float:
    """GB resident of the server and all its processes."""
    process = psutil.Process(server.pid)
    return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)]) / 2**30


def first_render(base: str) -> float:
    """Seconds for headless Chromium to draw the cards and both charts of a view (its Chart
    tab, which a link opens), then, each tab opened in turn, the evidence grid's first rows
    and the map (the page's scripts already cached)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    options = Options()
    options.binary_location = shutil.which("chromium") or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1600",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options,
                              service=Service(shutil.which("chromedriver") or "chromedriver"))

    def rendered() -> None:
        wait = WebDriverWait(driver, 300)

        def drawn(selector: str) -> None:
            wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR,
                                                                         selector)))

        for selector in ("#cards .card", "#timeseries .main-svg", "#comparison .main-svg"):
            drawn(selector)
        driver.find_element(By.CSS_SELECTOR, "#tab-table").click()
        wait.until(lambda d: d.execute_script(  # a row of the grid with its day
            "const c = document.querySelector(\"#evidence .ag-row .ag-cell[col-id='day']\");"
            "return c && c.textContent.trim();"))
        driver.find_element(By.CSS_SELECTOR, "#tab-map").click()
        drawn("#map .main-svg")
    try:
        driver.get(base)
        rendered()
        began = time.perf_counter()
        driver.get(base + "?category=killed&category=wounded")
        rendered()
        return time.perf_counter() - began
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=1_000_000)
    parser.add_argument("--pg", help="a PostgreSQL URL: the store in its schema bench_<figures> "
                                     "(default: SQLite)")
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--spread", action="store_true",
                        help="copies on later report dates: a summary that grows with the store")
    parser.add_argument("--port", type=int, default=8071)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--drop", action="store_true", help="delete the store afterwards")
    args = parser.parse_args()
    kind = "postgresql" if args.pg else "sqlite"
    name = store_name(args.figures, args.spread)
    url = store_url(kind, name, args.pg)
    fill(url, args.figures, args.spread)
    engine = open_store(url).engine
    with engine.connect() as conn:
        held = conn.execute(sa.select(sa.func.count()).select_from(figures)).scalar_one()
        rows = conn.execute(sa.select(sa.func.count()).where(
            chart_rows.c.valid_to.is_(None))).scalar_one()
    engine.dispose()
    load = os.getloadavg()
    print(f"{kind}: {held:,} figures, {rows:,} summary rows; load {load[0]:.2f} {load[1]:.2f}")
    server, started = serve(url, args.port)
    base = f"http://127.0.0.1:{args.port}/"
    try:
        timed = {}
        for name, callback in (("filter", UPDATE), ("comparison", COMPARISON), ("map", MAP)):
            per_view = {v: [post(base, callback, v) for _ in range(args.runs)] for v in VIEWS}
            timed[name] = (statistics.median([t for ts in per_view.values() for t in ts]),
                           max(statistics.median(ts) for ts in per_view.values()))
        callbacks_memory = memory(server)
        render = None if args.no_browser else first_render(base)
        after = memory(server)
    finally:
        server.terminate()
        server.wait(30)
    target = 0.15 if args.figures <= 1_000_000 else 0.3
    print(f"{'measure':<52}{'value':>10}{'target':>10}")
    print(f"{'start: until the page is served (s)':<52}{started:>10.2f}{3:>10}")
    for name, label in (("filter", "filter callback (cards, charts)"),
                        ("comparison", "comparison callback"), ("map", "map callback")):
        median, slowest = timed[name]
        print(f"{label + ', median (ms)':<52}{median * 1000:>10.0f}"
              f"{target * 1000 if name == 'filter' else '':>10}")
        print(f"{'   slowest view, its median (ms)':<52}{slowest * 1000:>10.0f}")
    if render is not None:
        print(f"{'first render in Chromium (s)':<52}{render:>10.2f}{1.5:>10}")
    print(f"{'server memory after the callbacks (GB)':<52}{callbacks_memory:>10.2f}{1:>10}")
    print(f"{'server memory after the page in Chromium (GB)':<52}{after:>10.2f}{1:>10}")
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if args.drop:
        drop(kind, name, args.pg)


def drop(kind: str, name: str, pg: str | None) -> None:
    """Delete the kept store."""
    if kind == "sqlite":
        for path in CACHE.glob(f"dashboard-{name}.sqlite*"):
            path.unlink()
        return
    engine = sa.create_engine(pg)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS bench_{name} CASCADE")
    engine.dispose()


if __name__ == "__main__":
    main()
