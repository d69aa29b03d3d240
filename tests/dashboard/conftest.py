"""Browser tests run dash's `dash_duo` in Debian's headless Chromium (see README)."""

import os
import shutil

import pytest
from selenium.webdriver.chrome.options import Options

from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import open_store

from ..pipeline.conftest import ROOT

SAMPLE = ROOT / "data" / "sample"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Selenium Manager, which selenium runs to find the driver, otherwise asks the internet for
# Chrome's known versions at every start; the driver and browser are the machine's own.
os.environ.setdefault("SE_OFFLINE", "true")


def pytest_setup_options():
    options = Options()
    if CHROMIUM:
        options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"):
        options.add_argument(flag)
    return options


@pytest.fixture
def sample_store(tmp_path):
    """A SQLite store refreshed from the sample corpus."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    refresh(open_store(url), [Source("sample", "folder", path=SAMPLE)], progress=False)
    return url
