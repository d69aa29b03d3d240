"""Serving the dashboard with a production WSGI server (gunicorn), not Flask's
development server: `serve(make_app, ...)` runs gunicorn's arbiter in this process, each
worker process building its own app (its own store connections) with `make_app`.
SIGTERM and Ctrl-C stop it gracefully, exit status 0."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from gunicorn.app.base import BaseApplication

THREADS = 4  # requests one worker serves at once (the page polls; callbacks are short)
GRACEFUL = 10  # seconds a stopping worker may finish its requests


class _Server(BaseApplication):
    """gunicorn with the options given here (no command line, no configuration file)."""

    def __init__(self, make_app: Callable[[], Flask], options: dict) -> None:
        self.make_app = make_app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.make_app()


def bind_address(host: str, port: int) -> str:
    """gunicorn's bind for a host and port (an IPv6 address in brackets)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def serve(make_app: Callable[[], Flask], host: str, port: int, workers: int = 1) -> None:
    """Serve the WSGI app that `make_app` builds (once in each worker) on host:port with
    `workers` processes of THREADS threads, until SIGTERM or Ctrl-C."""
    _Server(make_app, {
        "bind": [bind_address(host, port)], "workers": workers, "worker_class": "gthread",
        "threads": THREADS, "graceful_timeout": GRACEFUL, "timeout": 120,
        "accesslog": None, "errorlog": "-", "loglevel": "warning",
        "proc_name": "casualty-dashboard",
    }).run()
