"""A folder of reports whose figures change on every rewrite, and a thread refreshing a
store from it again and again, as a scheduled refresh does while people read the page."""

from __future__ import annotations

import threading
from pathlib import Path

from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import open_store

DOCUMENTS = 30


def write_reports(folder: Path, round_: int) -> None:
    """Every report, with numbers that differ from one round to the next (so every figure
    id changes and a refresh deletes the figures a reader may still hold)."""
    folder.mkdir(exist_ok=True)
    for n in range(DOCUMENTS):
        day = 1 + n % 28
        (folder / f"report-{n:02d}.txt").write_text(
            f"---\ntitle: Report {n}\npublisher: Desk {n % 4}\nurl: https://news.example/{n}\n"
            f"published: 2026-02-{day:02d}\n---\n"
            f"Gunmen killed {10 + n + 100 * round_} villagers near Orsel, the police said. "
            f"At least {3 + n + 50 * round_} people were wounded, the Health Ministry said.\n",
            encoding="utf-8")


class Refresher(threading.Thread):
    """Rewrites the reports and refreshes the store `rounds` times; `errors` holds what
    went wrong, for the test to assert on."""

    def __init__(self, folder: Path, url: str, rounds: int = 10):
        super().__init__(daemon=True)
        self.folder, self.url, self.rounds = folder, url, rounds
        self.errors: list[BaseException] = []
        self.done = 0

    def run(self) -> None:
        try:
            for round_ in range(1, self.rounds + 1):
                write_reports(self.folder, round_)
                refresh(open_store(self.url), [Source("live", "folder", path=self.folder)],
                        batch_size=5, progress=False)
                self.done += 1
        except BaseException as exc:  # noqa: BLE001 (reported to the test)
            self.errors.append(exc)


def live_store(tmp_path: Path) -> tuple[Path, str]:
    """(folder, store URL) of a store refreshed once from the reports."""
    folder = tmp_path / "reports"
    write_reports(folder, 0)
    url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    refresh(open_store(url), [Source("live", "folder", path=folder)], progress=False)
    return folder, url
