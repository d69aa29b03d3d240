"""Refresh and export speed on a large local corpus, into a fresh SQLite store.

    python benchmarks/refresh_speed.py [--documents 10000] [--figures 1000000]

1. writes N documents made from the sample corpus (names, places and numbers varied),
2. refreshes them into a fresh store, then refreshes again with nothing changed,
3. fills a store with M figure rows and exports them to CSV.
Prints the time of each step next to its target (30 s, 2 s, 10 s on 2 cores).
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

from pipeline.export import export_csv  # noqa: E402
from pipeline.refresh import refresh  # noqa: E402
from pipeline.sources import Source  # noqa: E402
from pipeline.store import documents, figures, open_store  # noqa: E402

PLACES = ["Orsel", "Mirna", "Besk", "Dravik", "Tolvan", "Sarn", "Kalin", "Vey", "Lesmor"]
SYLLABLES = ["ka", "ro", "vi", "len", "dar", "mo", "sta", "ul", "ne", "bri", "tov", "as"]
NUMBER = regex.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})*(?![\d,]\d)")


def make_corpus(folder: Path, count: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    originals = [p.read_text("utf-8") for p in sorted((ROOT / "data" / "sample").glob("*.txt"))]
    for i in range(count):
        text = originals[i % len(originals)]
        for place in PLACES:
            name = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
            text = text.replace(place, name)
        head, sep, body = text.partition("\n---\n")  # keep the front matter's dates
        body = NUMBER.sub(lambda m: f"{int(m.group(0).replace(',', '')) * rng.randint(1, 9):,}"
                          if not m.group(0).startswith("20") else m.group(0), body)
        text = head + sep + body
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
    return count


def fill_figures(url: str, rows: int) -> None:
    """Copy the stored figures under new documents until the store holds `rows` figures."""
    store = open_store(url)
    with store.engine.begin() as conn:
        docs = [dict(r) for r in conn.execute(sa.select(documents)).mappings()]
        base = [dict(r) for r in conn.execute(sa.select(figures)).mappings()]
        have = len(base)
        copy = 0
        while have < rows:
            copy += 1
            doc_rows, fig_rows = [], []
            for d in docs:
                doc_rows.append(dict(d, key=f"{d['key']}#copy{copy}"))
            for f in base:
                if have >= rows:
                    break
                fig_rows.append(dict(f, doc_key=f"{f['doc_key']}#copy{copy}",
                                     figure_id=f"{copy:05x}{f['figure_id'][5:]}"))
                have += 1
            conn.execute(documents.insert(), doc_rows)
            conn.execute(figures.insert(), fig_rows)


def timed(label: str, target: float, fn):
    start = time.perf_counter()
    result = fn()
    took = time.perf_counter() - start
    print(f"{label:<44}{took:>9.2f}{target:>9.1f}  {'ok' if took <= target else 'OVER'}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--figures", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = tmp / "docs"
        folder.mkdir()
        make_corpus(folder, args.documents)
        megabytes = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        print(f"corpus: {args.documents} documents, {megabytes:.1f} MB")
        print(f"{'step':<44}{'seconds':>9}{'target':>9}")
        url = f"sqlite:///{tmp / 'bench.sqlite'}"
        store = open_store(url)
        source = [Source("bulk", "folder", path=folder)]
        run = timed(f"refresh {args.documents} documents (fresh store)", 30,
                    lambda: refresh(store, source, progress=False))
        timed("refresh again, nothing changed", 2, lambda: refresh(store, source, progress=False))
        print(f"  stored {store.counts()['figures']} figures; first run {run.status}")
        fill_figures(url, args.figures)
        print(f"  filled the store to {store.counts()['figures']} figures")
        out = tmp / "all.csv"
        timed(f"export {args.figures} figures to CSV", 10,
              lambda: export_csv(store, out))
        print(f"  {out.stat().st_size / 1e6:.0f} MB of CSV")


if __name__ == "__main__":
    main()
