"""Test servers on loopback addresses only, and sources files that opt in to them."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler], host: str = "127.0.0.1",
            tls: ssl.SSLContext | None = None) -> Iterator[str]:
    """An HTTP(S) server on a loopback address and a free port until the block ends;
    yields its base URL."""
    assert host.startswith("127.") or host == "::1", "tests serve on loopback only"
    httpd = ThreadingHTTPServer((host, 0), handler)
    httpd.daemon_threads = True
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"{'https' if tls else 'http'}://{host}:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def urls_sources_file(folder: Path, urls: list[str], name: str = "list") -> Path:
    """A sources file with one URL-list source that may reach the loopback test servers."""
    path = folder / "sources.toml"
    listed = ", ".join(f'"{url}"' for url in urls)
    path.write_text(f'[[source]]\nname = "{name}"\nkind = "urls"\nurls = [{listed}]\n'
                    "allow_private = true\n")
    return path
