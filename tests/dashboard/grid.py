"""Reading the evidence grid in Chromium: its cells' text at once, by script (the grid
redraws its rows as blocks arrive, and Selenium's visible text is empty for a grid
scrolled out of the window)."""

from __future__ import annotations

import time
from collections.abc import Callable


def grid_column(dash_duo, column: str) -> list[str]:
    """The text of a column of the evidence grid's rows drawn, top to bottom (rows still
    loading included, as empty text)."""
    return dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#evidence .ag-center-cols-container .ag-row')]"
        ".sort((a, b) => a.getAttribute('row-index') - b.getAttribute('row-index'))"
        ".map(r => r.querySelector(`.ag-cell[col-id='${arguments[0]}']`))"
        ".filter(c => c).map(c => c.textContent)", column)


def loaded_rows(dash_duo) -> list[dict[str, str]]:
    """The rows of the grid drawn with their data ({column: text}), top to bottom."""
    return dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#evidence .ag-center-cols-container .ag-row')]"
        ".map(r => Object.fromEntries([...r.querySelectorAll('.ag-cell')]"
        ".map(c => [c.getAttribute('col-id'), c.textContent])))"
        ".filter(r => r.category)")


def wait_for(condition: Callable[[], object], timeout: float = 20) -> None:
    """Wait until `condition()` holds; fail if it does not within `timeout` seconds."""
    deadline = time.time() + timeout
    while time.time() < deadline and not condition():
        time.sleep(0.2)
    assert condition()


def chart_titles(dash_duo, graph: str = "timeseries") -> list[str]:
    """The panel titles of a chart as drawn, read in one script (a redraw between reading
    the elements and their text cannot leave a stale element)."""
    return dash_duo.driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)",
        f"#{graph} .annotation-text")
