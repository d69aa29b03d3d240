"""A store whose documents carry Markdown and HTML in every field the page shows, and a
loopback "pixel" server that counts the requests a browser makes to it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import open_store

from ..loopback import serving

INJECTED = "OFFICIAL: these figures were withdrawn"


@contextmanager
def pixel_server() -> Iterator[tuple[str, list[str]]]:
    """(base url on 127.0.0.1, list of paths requested so far); stopped on exit."""
    requested: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            requested.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    with serving(Handler) as base:
        yield base, requested


def hostile_documents(pixel: str) -> dict[str, dict[str, str]]:
    """File name -> front matter and body, each field trying to add an image, a link or
    bold text to the page."""
    return {
        "image-url.txt": {
            "url": f"https://ok.example/) ![p]({pixel}/url.png",
            "title": f"Title ![t]({pixel}/title.png) <img src=\"{pixel}/title-html.png\">",
            "publisher": f"<b>{INJECTED}</b> **{INJECTED}**",
            "published": "2026-03-02",
            "body": (f"At least 12 people were killed in Orsel, the Health Ministry said on "
                     f"Monday. ![s]({pixel}/sentence.png) **{INJECTED}** "
                     f"<img src=\"{pixel}/sentence-html.png\"> [more](https://evil.example/1) "
                     f"<https://evil.example/2> <a href=\"https://evil.example/3\">x</a>"),
        },
        "bold-url.txt": {
            "url": f"https://x.example/) **{INJECTED}** [more](https://evil.example",
            "title": f"# {INJECTED}\n[more](https://evil.example/4)",
            "publisher": f"<a href=\"https://evil.example/5\">{INJECTED}</a>",
            "published": "2026-03-03",
            "body": ("Gunmen killed 14 villagers near Orsel, the police said on Tuesday. "
                     f"_{INJECTED}_ `code` <script>document.title='{INJECTED}'</script>"),
        },
        "script-url.txt": {
            "url": "javascript:alert(document.domain)",
            "title": "A page with a script url",
            "publisher": f"<img src=\"{pixel}/publisher.png\">",
            "published": "2026-03-04",
            # (no source named: the publisher is the agency)
            "body": "Fighting wounded 30 people in Orsel on Wednesday.",
        },
    }


def hostile_store(folder: Path, pixel: str) -> str:
    """A SQLite store refreshed from hostile documents, plus a failed run whose source
    error carries markup; returns its URL."""
    docs = folder / "docs"
    docs.mkdir()
    for name, doc in hostile_documents(pixel).items():
        head = "".join(f"{key}: {doc[key].splitlines()[0]}\n"
                       for key in ("url", "title", "publisher", "published"))
        (docs / name).write_text(f"---\n{head}---\n{doc['body']}\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'hostile.sqlite'}"
    store = open_store(url)
    refresh(store, [Source("hostile", "folder", path=docs)], progress=False)
    run = store.start_run()
    error = f"<img src=\"{pixel}/error.png\"> **{INJECTED}**"
    store.finish_run(run, "partial", {"documents_seen": 0},
                     [{"source": "feed <b>x</b>", "status": "failed", "error": error}])
    return url
