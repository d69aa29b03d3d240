"""The first render on a slow link: the sample store served (127.0.0.1 only), the page
opened in headless Chromium with a cold cache through Chromium's network throttling.

    python benchmarks/slow_link.py [--runs 3] [--down-kbit 1600] [--latency-ms 150]

Prints, per run and as medians: the bytes transferred (compressed, as on the wire: the
page, its scripts and styles, its data) until the first render, and the seconds from
asking for the page to the first render (the headline cards and both charts drawn).
Target: the first render within 15 s at 1.6 Mbit/s and 150 ms latency.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.refresh import refresh  # noqa: E402
from pipeline.sources import Source  # noqa: E402
from pipeline.store import open_store  # noqa: E402

SAMPLE = ROOT / "data" / "sample"
FIRST_RENDER = ("#cards .card", "#timeseries .main-svg", "#comparison .main-svg")
GIVE_UP_S = 180  # a run that has not rendered by then is reported as such
TARGET_S = 15


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(store: str, port: int) -> subprocess.Popen:
    """The dashboard (gunicorn, as deployed) on 127.0.0.1:port, once its page answers."""
    server = subprocess.Popen([sys.executable, "-m", "dashboard", "--store", store,
                               "--host", "127.0.0.1", "--port", str(port)],
                              cwd=ROOT, env=os.environ | {"PYTHONPATH": str(ROOT)})
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as answer:
                answer.read()
                return server
        except OSError:
            if server.poll() is not None:
                sys.exit(f"error: the dashboard on {store} stopped (exit {server.returncode})")
            time.sleep(0.2)
    server.terminate()
    sys.exit("error: the dashboard did not start within 120 s")


def browser():
    """Headless Chromium with a fresh profile (a cold cache), loopback only."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = shutil.which("chromium") or ""
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1600", "--disable-background-networking",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options,
                            service=Service(shutil.which("chromedriver") or "chromedriver"))


def first_render(url: str, down_kbit: float, latency_ms: float) -> tuple[float | None, int]:
    """Seconds to the first render (None: not within GIVE_UP_S) and the bytes on the wire
    until then, for one cold load of `url` through the throttled link."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser()
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": False, "latency": latency_ms,
            "downloadThroughput": down_kbit * 1000 / 8, "uploadThroughput": down_kbit * 1000 / 16})
        driver.set_page_load_timeout(GIVE_UP_S)
        began = time.perf_counter()
        driver.get(url)
        wait = WebDriverWait(driver, max(1.0, GIVE_UP_S - (time.perf_counter() - began)))
        seconds = None
        try:
            for selector in FIRST_RENDER:
                wait.until(expected_conditions.presence_of_element_located(
                    (By.CSS_SELECTOR, selector)))
            seconds = time.perf_counter() - began
        except Exception:  # noqa: BLE001 - the timeout: reported as not rendered
            seconds = None
        wire = driver.execute_script(
            "return performance.getEntriesByType('navigation')"
            ".concat(performance.getEntriesByType('resource'))"
            ".reduce((sum, e) => sum + (e.transferSize || 0), 0)")
        return seconds, int(wire)
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--down-kbit", type=float, default=1600)
    parser.add_argument("--latency-ms", type=float, default=150)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = f"sqlite:///{Path(folder) / 'sample.sqlite'}"
        refresh(open_store(store), [Source("sample", "folder", path=SAMPLE)], progress=False)
        port = free_port()
        server = serve(store, port)
        try:
            runs = [first_render(f"http://127.0.0.1:{port}/", args.down_kbit, args.latency_ms)
                    for _ in range(args.runs)]
        finally:
            server.terminate()
            server.wait(30)
    print(f"link: {args.down_kbit:g} kbit/s down, {args.latency_ms:g} ms latency, cold cache")
    for number, (seconds, wire) in enumerate(runs, 1):
        shown = f"{seconds:.1f} s" if seconds is not None else f"not within {GIVE_UP_S} s"
        print(f"run {number}: first render {shown}, {wire / 1e6:.2f} MB on the wire")
    rendered = [s for s, _ in runs if s is not None]
    print(f"median bytes on the wire: {statistics.median(w for _, w in runs) / 1e6:.2f} MB")
    if rendered:
        median = statistics.median(rendered)
        print(f"median first render: {median:.1f} s ({len(rendered)} of {len(runs)} runs "
              f"rendered; target {TARGET_S} s: {'met' if median <= TARGET_S else 'missed'})")
    else:
        print(f"first render: none within {GIVE_UP_S} s (target {TARGET_S} s: missed)")


if __name__ == "__main__":
    main()
