"""Command line: `python -m dashboard [--store URL] [--host 127.0.0.1] [--port 8050]
[--workers N] [--url-base-pathname /casualties/] [--max-text-bytes N] [--debug]`."""

from __future__ import annotations

import argparse
import signal
import sys

from .app import create_app
from .serve import serve
from .tryit import MAX_TEXT


def main(argv: list[str] | None = None) -> int:
    """Serve the dashboard until interrupted (Ctrl-C or SIGTERM); 0 when stopped so."""
    parser = argparse.ArgumentParser(prog="python -m dashboard",
                                     description="Serve the casualty figures dashboard.")
    parser.add_argument("--store", help="SQLAlchemy URL or SQLite file (default: $CASUALTY_STORE "
                                        "or data/casualties.sqlite)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8050)
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="server processes, each reading the store by SQL (default 1)")
    parser.add_argument("--url-base-pathname", default="/", metavar="PATH",
                        help="the path the page is served under, behind a reverse proxy "
                             "(/casualties/; default /)")
    parser.add_argument("--debug", action="store_true",
                        help="Flask's development server, with Dash's debugging tools")
    parser.add_argument("--max-text-bytes", type=int, default=MAX_TEXT, metavar="N",
                        help=f"largest text or file the try-it panel reads (default {MAX_TEXT:,})")
    args = parser.parse_args(argv)
    if args.max_text_bytes < 1:
        parser.error("--max-text-bytes must be positive")
    if args.workers < 1:
        parser.error("--workers must be 1 or more")
    base = "/" + args.url_base_pathname.strip("/") + "/" if args.url_base_pathname.strip("/") \
        else "/"

    def make_app():
        return create_app(args.store, max_text=args.max_text_bytes, url_base_pathname=base).server

    print(f"Dashboard on http://{args.host}:{args.port}{base}", file=sys.stderr)
    if not args.debug:
        serve(make_app, args.host, args.port, args.workers)
        return 0
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        make_app().run(host=args.host, port=args.port, debug=True)
    except KeyboardInterrupt:
        pass
    return 0


def _interrupt(_signum, _frame) -> None:
    """SIGTERM (a service manager, `docker stop`) stops the server as Ctrl-C does."""
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
