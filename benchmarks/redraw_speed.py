"""From a filter change to the by-date chart redrawn, in headless Chromium (127.0.0.1 only).

    python benchmarks/redraw_speed.py [--figures 1000000] [--changes 8] [--spread]
        [--no-large]

For the sample store (data/sample refreshed into a temporary SQLite file, as the tests
build it) and for dashboard_speed's store of --figures figures (built once and kept under
/tmp/casualty-bench/, minutes at 1,000,000; with --spread its copies on later report
dates, so that the charts' summary grows with the figures), serves the dashboard
(gunicorn, as deployed), opens the page's Chart tab, then changes a filter the way its
control does (`dash_clientside.set_props` on the dropdown or the date picker: the URL
follows, then the charts) and times, in the page, from the change until the by-date chart
shows the new view: for the category, its panels' titles all name the new category; for
the report dates, a new figure whose step lines (the totals, on the report date) all fall
in the new range. The changes alternate between two values; prints the median, fastest
and slowest of the changes to each value (--changes of each kind), the first one apart (the server's caches
cold for that view), the median until the page's URL changed (the filters' callback
answered), and the load average. After each kind, the URL is checked to hold the last
value set (the change went through the filters, as a user's does).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.dashboard_speed import fill, serve, store_name, store_url  # noqa: E402
from benchmarks.slow_link import browser, free_port  # noqa: E402
from pipeline.refresh import refresh  # noqa: E402
from pipeline.sources import Source  # noqa: E402
from pipeline.store import figures, open_store  # noqa: E402

SAMPLE = ROOT / "data" / "sample"
CATEGORIES = ("killed", "wounded")
GIVE_UP_MS = 300_000

# Run in the page: the change made, then checked at each frame until the chart shows it;
# answers the milliseconds taken (null: not within GIVE_UP_MS) and those until the page's
# URL had changed (the filters' callback answered; null: no change seen).
CHANGE_JS = """
const [filter, props, check, want, giveUp, done] = arguments;
const graph = () => document.querySelector('#timeseries .js-plotly-plot');
const before = graph() && graph().data;
const shown = {
  category: () => {
    const titles = [...document.querySelectorAll('#timeseries .annotation-text')]
      .map(e => e.textContent);
    return titles.length > 0 && titles.every(t => t.startsWith(want));
  },
  dates: () => {
    const gd = graph();
    if (!gd || !gd.data || (filter && gd.data === before)) return false;
    const steps = gd.data.filter(t => t.line && t.line.shape === 'hv');
    return steps.length > 0 && steps.every(t => Array.from(t.x).every(
      x => String(x).slice(0, 10) >= want[0] && String(x).slice(0, 10) <= want[1]));
  },
}[check];
const searchBefore = window.location.search;
let urlAt = null;
const began = performance.now();
if (filter) window.dash_clientside.set_props(filter, props);
const look = () => {
  const spent = performance.now() - began;
  if (urlAt === null && window.location.search !== searchBefore) urlAt = spent;
  if (shown()) return done([spent, urlAt]);
  if (spent > giveUp) return done([null, urlAt]);
  requestAnimationFrame(look);
};
requestAnimationFrame(look);
"""


def date_ranges(url: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """Two report-date ranges of the store's figures: its first half and its second."""
    engine = open_store(url).engine
    with engine.connect() as conn:
        first, last = (dt.date.fromisoformat(str(day)[:10]) for day in conn.execute(
            sa.select(sa.func.min(figures.c.day), sa.func.max(figures.c.day))).one())
    engine.dispose()
    middle = first + (last - first) / 2
    return ((first.isoformat(), middle.isoformat()),
            ((middle + dt.timedelta(days=1)).isoformat(), last.isoformat()))


Timing = tuple[float | None, float | None]  # ms until the chart, ms until the URL changed


def timed_changes(driver, base: str, changes: int, ranges) -> dict[str, list[Timing]]:
    """Each filter change's timing (milliseconds until the chart was redrawn, and until
    the page's URL changed), by kind of filter and the value it changed to."""
    driver.set_script_timeout(GIVE_UP_MS / 1000 + 30)

    def change(filter_id, props, check, want) -> Timing:
        return tuple(driver.execute_async_script(CHANGE_JS, filter_id, props, check, want,
                                                 GIVE_UP_MS))

    def opened(query: str, check: str, want) -> None:
        driver.get(base + query)
        if change(None, None, check, want)[0] is None:
            sys.exit(f"error: {base + query} did not draw the chart within "
                     f"{GIVE_UP_MS / 1000:.0f} s")

    times: dict[str, list[Timing]] = {}
    opened(f"?category={CATEGORIES[0]}", "category", CATEGORIES[0])
    for number in range(1, changes + 1):
        category = CATEGORIES[number % 2]
        timing = change("f-category", {"value": [category]}, "category", category)
        times.setdefault(f"category to {category}", []).append(timing)
    went_through(driver, f"category={CATEGORIES[changes % 2]}")
    opened(f"?from={ranges[0][0]}&to={ranges[0][1]}", "dates", list(ranges[0]))
    for number in range(1, changes + 1):
        start, end = ranges[number % 2]
        timing = change("f-dates", {"start_date": start, "end_date": end}, "dates", [start, end])
        times.setdefault(f"dates to {start}..{end}", []).append(timing)
    went_through(driver, f"from={ranges[changes % 2][0]}&to={ranges[changes % 2][1]}")
    return times


def went_through(driver, query: str) -> None:
    """Stop unless the page's URL (which the filters write) holds `query`."""
    search = driver.execute_script("return window.location.search")
    if query not in search:
        sys.exit(f"error: the page's URL is {search!r} after the changes, not with {query!r}")


def measure(url: str, changes: int) -> dict[str, list[Timing]]:
    """The timed changes on the dashboard serving the store at `url`."""
    ranges = date_ranges(url)
    port = free_port()
    server, _ = serve(url, port)
    try:
        driver = browser()
        try:
            return timed_changes(driver, f"http://127.0.0.1:{port}/", changes, ranges)
        finally:
            driver.quit()
    finally:
        server.terminate()
        server.wait(30)


def report(label: str, times: dict[str, list[Timing]]) -> None:
    """One line per kind of filter and value changed to: the median, fastest and slowest
    change until the chart was redrawn, the first change apart, and the median until the
    URL changed."""
    for kind, timings in times.items():
        drawn = [t for t, _ in timings if t is not None]
        url = [u for _, u in timings if u is not None]
        missed = len(timings) - len(drawn)
        first = f"{timings[0][0] / 1000:.2f}" if timings[0][0] is not None else "none"
        summary = (f"median {statistics.median(drawn) / 1000:.2f} s, fastest "
                   f"{min(drawn) / 1000:.2f}, slowest {max(drawn) / 1000:.2f}"
                   if drawn else "none drawn")
        print(f"{label}, {kind} change -> chart redrawn: {summary} over {len(drawn)} changes "
              f"(first {first} s){f'; {missed} not within the limit' if missed else ''}")
        if url:
            print(f"{'':>{len(label)}}  of which until the URL changed: median "
                  f"{statistics.median(url) / 1000:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=1_000_000)
    parser.add_argument("--changes", type=int, default=10,
                        help="changes of each kind, alternating between its two values")
    parser.add_argument("--spread", action="store_true",
                        help="the large store's copies on later report dates (dashboard_speed)")
    parser.add_argument("--no-large", action="store_true", help="the sample store only")
    args = parser.parse_args()
    os.environ.setdefault("SE_OFFLINE", "true")
    load = os.getloadavg()
    print(f"load average at the start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        sample = f"sqlite:///{Path(folder) / 'sample.sqlite'}"
        refresh(open_store(sample), [Source("sample", "folder", path=SAMPLE)], progress=False)
        report("sample store", measure(sample, args.changes))
    if not args.no_large:
        large = store_url("sqlite", store_name(args.figures, args.spread), None)
        fill(large, args.figures, args.spread)
        report(f"{args.figures:,} figures (SQLite{', spread' if args.spread else ''})",
               measure(large, args.changes))
    load = os.getloadavg()
    print(f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
