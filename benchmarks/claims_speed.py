"""What telling reprints apart costs a refresh: N documents of which 30% reprint another
(another publisher, a new headline, boilerplate lines), refreshed into a fresh SQLite store
as the pipeline does it, and again with the reprint step (signatures and links) left out,
as the refresh was before it. Target: at most 25% more.

    python benchmarks/claims_speed.py [--documents 10000]

The originals are benchmarks/refresh_speed.py's (the sample corpus with names and numbers
varied), each keeping a random two thirds of its sentences and stating a figure of its
own; each reprint copies a random original and names its publisher, as carried copies
do. Also checks that every reprint was linked to its original, and no other document.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import regex
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.refresh_speed import make_corpus  # noqa: E402
from pipeline import reprint_links  # noqa: E402
from pipeline.refresh import refresh  # noqa: E402
from pipeline.sources import Source  # noqa: E402
from pipeline.store import documents, open_store  # noqa: E402

CARRIERS = ["Coast Express", "Regional Monitor", "Northline Digest", "Valley Voice"]
SHARE = 0.3


def vary(folder: Path, count: int, seed: int = 5) -> None:
    """Make the originals different stories (refresh_speed's corpus varies only the names
    and numbers of 43 texts, some not at all): each keeps a random two thirds of its
    sentences and states a figure of its own."""
    rng = random.Random(seed)
    for i in range(count):
        path = folder / f"{i:05d}.txt"
        head, sep, body = path.read_text("utf-8").partition("\n---\n")
        sentences = regex.split(r"(?<=[.!?])\s+", body.strip())
        kept = [x for x in sentences if rng.random() < 0.67] or sentences[:2]
        kept.append(f"Police said {20_000 + i:,} people had been detained in the region.")
        path.write_text(head + sep + " ".join(kept) + "\n", encoding="utf-8")


def make_reprints(folder: Path, originals: int, count: int, seed: int = 11) -> dict[str, str]:
    """`count` reprints of random originals in `folder`: {reprint file: original file}."""
    rng = random.Random(seed)
    made = {}
    for i in range(count):
        source = f"{rng.randrange(originals):05d}.txt"
        head, _, body = (folder / source).read_text("utf-8").partition("\n---\n")
        carrier = rng.choice(CARRIERS)
        publisher = next((line.split(":", 1)[1].strip() for line in head.splitlines()
                          if line.startswith("publisher:")), "the wire")
        head = "\n".join(f'title: "{carrier}: {line.split(":", 1)[1].strip().strip(chr(34))}"'
                         if line.startswith("title:") else
                         f"publisher: {carrier}" if line.startswith("publisher:") else
                         f"url: https://{carrier.lower().replace(' ', '')}.example/{i}"
                         if line.startswith("url:") else line for line in head.splitlines())
        text = (f"{head}\n---\nThis article was originally published by {publisher}.\n\n"
                f"{body.strip()}\n\nFollow {carrier} on Telegram for live updates.\n")
        name = f"r{i:05d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        made[name] = source
    return made


def timed_refresh(url: str, folder: Path) -> float:
    store = open_store(url)
    start = time.perf_counter()
    refresh(store, [Source("bulk", "folder", path=folder)], progress=False)
    took = time.perf_counter() - start
    store.engine.dispose()
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args()
    reprints = int(args.documents * SHARE)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = tmp / "docs"
        folder.mkdir()
        make_corpus(folder, args.documents - reprints)
        vary(folder, args.documents - reprints)
        made = make_reprints(folder, args.documents - reprints, reprints)
        print(f"corpus: {args.documents} documents, {reprints} of them reprints")
        times: dict[str, list[float]] = {"with": [], "without": []}
        saved = reprint_links.link_reprints
        for run in range(2):  # alternately, the faster of two each (the machine is shared)
            times["with"].append(timed_refresh(f"sqlite:///{tmp / f'with{run}.sqlite'}", folder))
            reprint_links.link_reprints = lambda *args: None
            try:
                times["without"].append(
                    timed_refresh(f"sqlite:///{tmp / f'without{run}.sqlite'}", folder))
            finally:
                reprint_links.link_reprints = saved
        with_links, without = min(times["with"]), min(times["without"])
        print(f"refresh with reprints told apart {with_links:8.2f} s")
        print(f"refresh without (as before)      {without:8.2f} s")
        print(f"cost: {with_links / without - 1:+.0%} (target at most +25%)")
        store = open_store(f"sqlite:///{tmp / 'with0.sqlite'}")
        with store.engine.connect() as conn:
            links = dict(conn.execute(sa.select(documents.c.locator, documents.c.reprint_of)).all())
        right = sum((links.get(name) or "").endswith(source) for name, source in made.items())
        others = sum(1 for name, link in links.items() if link and name not in made)
        print(f"reprints linked to their original: {right}/{len(made)}; other documents "
              f"linked: {others}")


if __name__ == "__main__":
    main()
