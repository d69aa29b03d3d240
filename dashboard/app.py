"""The Dash app: `create_app(store_url)` builds it on a store."""

from __future__ import annotations

from dash import Dash

from .callbacks import filter_options, register
from .data import StoreData
from .layout import POLL_MS, layout


def create_app(store_url: str | None = None, poll_ms: int = POLL_MS) -> Dash:
    """The dashboard on the store at `store_url` (the default store when None).

    A store that cannot be opened still gives a page, which says so.
    """
    data = StoreData(store_url)
    data.connect()
    data.refresh_if_changed()
    # no page address (with its filters) goes to the sites the evidence links to
    app = Dash(__name__, title="Casualty figures", update_title=None,
               meta_tags=[{"name": "referrer", "content": "no-referrer"}])
    app.layout = lambda: layout(filter_options(data), poll_ms)
    register(app, data)
    app.store_data = data  # for tests and benchmarks
    return app
