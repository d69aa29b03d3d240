"""The CSV download: `<base>download.csv?<the page's query string>` streams exactly the
page's filtered figures from the store, as `python -m pipeline export` writes them with
the same filters (pipeline.export.csv_chunks: a chunk at a time, in memory that does not
grow with the store). The page's "Download CSV" link follows its URL."""

from __future__ import annotations

import datetime as dt
import unicodedata
from urllib.parse import parse_qs

from dash import Dash, Input, Output
from flask import Response, request, stream_with_context

from pipeline.export import csv_chunks
from pipeline.history import utc_time

from .callbacks import AS_OF_QUERY_KEY, view_from_search, whole_number, without_tab
from .data import STORE_ERRORS, StoreData, View
from .layout import DOWNLOAD_PATH

DAY_KEYS = ("from", "to")  # the URL's keys for the first and last report date
VALUE_KEYS = ("min", "max")  # the URL's keys for the least and most value


def register_download(app: Dash, data: StoreData) -> None:
    """Serve the download under the app's path, and keep the page's link (`download-link`)
    pointing at it with the page's query string."""
    prefix = app.config.routes_pathname_prefix.rstrip("/")
    app.server.add_url_rule(prefix + DOWNLOAD_PATH, "download_csv", lambda: _download(data))
    path = app.get_relative_path(DOWNLOAD_PATH)

    @app.callback(Output("download-link", "href"), Input("url", "search"))
    def download_href(search):
        """The download of the view the URL holds (the open tab left out)."""
        return path + without_tab(search)


def checked_view(search: str) -> View:
    """The View of a query string, as the page reads it; ValueError saying what is wrong
    when a value holds a control character (a NUL, which no filter can match and
    PostgreSQL refuses, a line break), its dates or "as of" time name none, or its least or
    most value is not a whole number (UnicodeDecodeError: not UTF-8)."""
    query = parse_qs(search, errors="strict")
    for key, values in query.items():
        for value in values:
            if any(unicodedata.category(c) == "Cc" for c in value):
                raise ValueError(f"{key[:40]}: holds a control character ({value[:40]!r})")
    for key in DAY_KEYS:
        for value in query.get(key, []):
            try:
                dt.date.fromisoformat(value[:10])
            except ValueError:
                raise ValueError(f"{key}: not a date ({value[:40]!r}; 2026-03-09)") from None
    for key in VALUE_KEYS:
        for value in query.get(key, []):
            if whole_number(value) is None:
                raise ValueError(f"{key}: not a whole number ({value[:40]!r}; 12)")
    for value in query.get(AS_OF_QUERY_KEY, []):
        if utc_time(value) is None:
            raise ValueError(f"{AS_OF_QUERY_KEY}: not a time ({value[:40]!r}; 2026-03-09T12:00)")
    return view_from_search(search)


def _download(data: StoreData) -> Response:
    """The filtered figures as a CSV attachment, streamed; 400 for a query string that
    names no view, 503 when the store cannot be read."""
    try:
        view = checked_view(request.query_string.decode("utf-8"))
    except UnicodeDecodeError:
        return _line("bad query string: not UTF-8", 400)
    except ValueError as exc:
        return _line(f"bad query string: {exc}", 400)
    if data.store is None:
        return _line("the store cannot be read", 503)
    chunks = csv_chunks(data.store, view.filters(), as_of=view.as_of)
    try:
        header, _ = next(chunks)  # the store is read before the first chunk
    except STORE_ERRORS:
        return _line("the store cannot be read", 503)
    stamp = data.freshness().get("last_refresh")
    day = (stamp.date() if stamp else dt.date.today()).isoformat()

    def body():
        try:
            yield header
            for text, _ in chunks:
                yield text
        finally:  # also when the client goes: the cursor stops
            chunks.close()

    return Response(stream_with_context(body()), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="casualty-figures_{day}.csv"'})


def _line(message: str, status: int) -> Response:
    return Response(message + "\n", status, mimetype="text/plain")
