"""The Dash app: `create_app(store_url)` builds it on a store."""

from __future__ import annotations

from pathlib import Path

from dash import Dash
from flask import Response, request, send_file

from pipeline.history import utc_time

from . import maps
from .callbacks import filter_options, register
from .data import StoreData
from .delivery import lighten
from .download import register_download
from .feed import atom
from .layout import DOWNLOAD_PATH, FEED_PATH, POLL_MS, layout
from .table_filters import register_table_filters
from .tabs.about import DESIGN_PATH
from .tabs.changes import CHANGES_SHOWN
from .tryit import MAX_TEXT, request_limit

DESIGN = Path(__file__).resolve().parents[1] / "docs" / "design.md"  # the method in full


def create_app(store_url: str | None = None, poll_ms: int = POLL_MS,
               max_text: int = MAX_TEXT, url_base_pathname: str = "/") -> Dash:
    """The dashboard on the store at `store_url` (the default store when None), polling
    it every `poll_ms`, served under `url_base_pathname` ("/casualties/" behind a reverse
    proxy); the try-it panel reads at most `max_text` bytes, and the server no request
    body much larger.

    A store that cannot be opened still gives a page, which says so.
    """
    data = StoreData(store_url)
    data.connect()
    data.refresh_if_changed()
    # no page address (with its filters) goes to the sites the evidence links to
    app = Dash(__name__, title="Casualty figures", update_title=None,
               url_base_pathname=url_base_pathname,
               meta_tags=[{"name": "referrer", "content": "no-referrer"}])
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
    app.server.config["MAX_CONTENT_LENGTH"] = request_limit(max_text)
    lighten(app.server)
    prefix = app.config.routes_pathname_prefix.rstrip("/")
    app.server.add_url_rule(prefix + maps.OUTLINES_PATH, "outlines", _outlines)
    app.server.add_url_rule(prefix + FEED_PATH, "changes_feed", lambda: _changes_feed(data))
    app.server.add_url_rule(prefix + DESIGN_PATH, "design", _design)
    app.layout = lambda: layout(filter_options(data), poll_ms, max_text,
                                app.get_relative_path(FEED_PATH),
                                app.get_relative_path(DOWNLOAD_PATH), data.has_places(),
                                app.get_relative_path(DESIGN_PATH))
    register(app, data, max_text)
    register_download(app, data)
    register_table_filters(app, data)
    app.store_data = data  # for tests and benchmarks
    return app


def _outlines() -> Response:
    """The map's bundled country outlines, for its outlines layer (cached a day)."""
    return send_file(maps.OUTLINES, mimetype="application/geo+json", max_age=86400)


def _design() -> Response:
    """The design document (the About tab's link) as plain text; 404 where the program
    runs without it."""
    if not DESIGN.is_file():
        return Response("the design document is not installed here\n", 404,
                        mimetype="text/plain")
    return send_file(DESIGN, mimetype="text/plain", max_age=3600)


def _changes_feed(data: StoreData) -> Response:
    """The newest CHANGES_SHOWN changes of the store as Atom; `?since=` (a day, or a time
    in UTC unless it says) keeps those from then on. 400 for a `since` that names no time,
    503 when the store cannot be read."""
    since = request.args.get("since", "")
    when = utc_time(since, end_of_day=False)  # a day: from its start
    if since and when is None:
        return Response("since: not a date or time (2026-03-09, 2026-03-09T12:00)\n", 400,
                        mimetype="text/plain")
    found = data.changes(since=when, limit=CHANGES_SHOWN)
    if found is None:
        return Response("the store cannot be read\n", 503, mimetype="text/plain")
    page = request.url_root
    return Response(atom(found, request.base_url, page), mimetype="application/atom+xml")
