"""Each module of the pipeline imports on its own, first in a fresh interpreter: the
store and the modules that keep its history and claims import each other, and the
dashboard imports the exporter first."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT

MODULES = sorted(f"pipeline.{p.stem}" for p in (ROOT / "pipeline").glob("*.py")
                 if p.stem != "__init__") + ["dashboard.app", "dashboard.data"]


@pytest.mark.parametrize("module", MODULES)
def test_the_module_imports_first(module):
    done = subprocess.run([sys.executable, "-c", f"import {module}"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
