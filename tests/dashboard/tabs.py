"""Opening the page's tabs in Chromium: only the open tab's content is in the page (the
others' components live in Dash's layout, their callbacks running, until opened)."""

from __future__ import annotations


def open_tab(dash_duo, tab: str) -> None:
    """Click the tab whose value is `tab` ("table", "map", "try-it", ...) and wait until
    it is the open one."""
    dash_duo.wait_for_element(f"#tab-{tab}", timeout=20).click()
    dash_duo.wait_for_element(f"#tab-{tab}.tab--selected", timeout=20)
