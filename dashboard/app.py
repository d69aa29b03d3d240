"""The Dash app: `create_app(store_url)` builds it on a store."""

from __future__ import annotations

from dash import Dash
from flask import Response, send_file

from . import maps
from .callbacks import filter_options, register
from .data import StoreData
from .layout import POLL_MS, layout
from .tryit import MAX_TEXT, request_limit


def create_app(store_url: str | None = None, poll_ms: int = POLL_MS,
               max_text: int = MAX_TEXT) -> Dash:
    """The dashboard on the store at `store_url` (the default store when None), polling
    it every `poll_ms`; the try-it panel reads at most `max_text` bytes, and the server
    no request body much larger.

    A store that cannot be opened still gives a page, which says so.
    """
    data = StoreData(store_url)
    data.connect()
    data.refresh_if_changed()
    # no page address (with its filters) goes to the sites the evidence links to
    app = Dash(__name__, title="Casualty figures", update_title=None,
               meta_tags=[{"name": "referrer", "content": "no-referrer"}])
    app.server.config["MAX_CONTENT_LENGTH"] = request_limit(max_text)
    app.server.add_url_rule(app.config.routes_pathname_prefix.rstrip("/") + maps.OUTLINES_PATH,
                            "outlines", _outlines)
    app.layout = lambda: layout(filter_options(data), poll_ms, max_text)
    register(app, data, max_text)
    app.store_data = data  # for tests and benchmarks
    return app


def _outlines() -> Response:
    """The map's bundled country outlines, for its outlines layer (cached a day)."""
    return send_file(maps.OUTLINES, mimetype="application/geo+json", max_age=86400)
