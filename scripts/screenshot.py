"""Regenerate the README's screenshot: the dashboard on the sample corpus, in headless Chromium.

    python scripts/screenshot.py docs/dashboard.png
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.app import create_app  # noqa: E402
from pipeline.refresh import refresh  # noqa: E402
from pipeline.sources import Source  # noqa: E402
from pipeline.store import open_store  # noqa: E402


def main(out: str) -> None:
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'sample.sqlite'}"
        refresh(open_store(url), [Source("sample", "folder", path=ROOT / "data" / "sample")],
                progress=False)
        server = make_server("127.0.0.1", 0, create_app(url).server, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        options = Options()
        options.binary_location = shutil.which("chromium") or ""
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,1700", "--hide-scrollbars",
                     "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"):
            options.add_argument(flag)
        driver = webdriver.Chrome(options=options,
                                  service=Service(shutil.which("chromedriver") or "chromedriver"))
        try:
            driver.get(f"http://127.0.0.1:{server.server_port}/?category=killed&category=wounded"
                       "&category=displaced&named=1")
            WebDriverWait(driver, 30).until(expected_conditions.presence_of_element_located(
                (By.CSS_SELECTOR, "#comparison .main-svg")))
            time.sleep(2)  # let the charts finish drawing
            driver.save_screenshot(out)
        finally:
            driver.quit()
            server.shutdown()
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "docs" / "dashboard.png"))
