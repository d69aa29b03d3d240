"""Command line: `python -m dashboard [--store URL] [--host 127.0.0.1] [--port 8050]
[--max-text-bytes N]`."""

from __future__ import annotations

import argparse
import signal
import sys

from .app import create_app
from .tryit import MAX_TEXT


def main(argv: list[str] | None = None) -> int:
    """Serve the dashboard until interrupted (Ctrl-C or SIGTERM); 0 when stopped so."""
    parser = argparse.ArgumentParser(prog="python -m dashboard",
                                     description="Serve the casualty figures dashboard.")
    parser.add_argument("--store", help="SQLAlchemy URL or SQLite file (default: $CASUALTY_STORE "
                                        "or data/casualties.sqlite)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8050)
    parser.add_argument("--debug", action="store_true")
    parser.add_argument("--max-text-bytes", type=int, default=MAX_TEXT, metavar="N",
                        help=f"largest text or file the try-it panel reads (default {MAX_TEXT:,})")
    args = parser.parse_args(argv)
    if args.max_text_bytes < 1:
        parser.error("--max-text-bytes must be positive")
    app = create_app(args.store, max_text=args.max_text_bytes)
    print(f"Dashboard on http://{args.host}:{args.port}/", file=sys.stderr)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        app.run(host=args.host, port=args.port, debug=args.debug)
    except KeyboardInterrupt:
        pass
    return 0


def _interrupt(_signum, _frame) -> None:
    """SIGTERM (a service manager, `docker stop`) stops the server as Ctrl-C does."""
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
