"""A store of about 600 real texts, and what the page's headline cards and comparison
show on it.

    python benchmarks/real_store.py --eval ../shared/eval --out DIR [--documents 600]

Writes the texts of the evaluation folder as documents, one .txt file each (front matter:
a title, the publisher and, where the row gives one, the publication date; then the text
as it is) into DIR/texts: every article of ucdp_aec_dev.csv (its first line is its
title; its `published` its publication date), then ledes of pitf_dev.csv and summaries
of gtd_dev.csv up to --documents, chosen by the SHA-256 of their uid (their rows give an
event date, never a publication date, so none is written). Then refreshes them into
DIR/store.sqlite (again on a later run: only what changed is read) and prints the
documents, figures, agencies and places, the headline cards, and the comparison of
agencies of each category, as the page shows them on the whole store, and how long
reading the cards' rows and the comparison's takes (medians).

Nothing of the evaluation folder is kept in the repository: the texts are read from
--eval and written under --out.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import statistics
import sys
import time
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard import charts, comparison, headlines  # noqa: E402
from dashboard.data import StoreData, View  # noqa: E402
from pipeline.refresh import refresh  # noqa: E402
from pipeline.sources import Source  # noqa: E402
from pipeline.store import figures, open_store  # noqa: E402

DOCUMENTS = 600
RUNS = 7  # reads timed, for a median
TITLE_CHARS = 100  # a lede's or summary's title: its first sentence, cut to this


def texts(folder: Path, documents: int) -> list[dict]:
    """The documents to write: each UCDP-AEC article, then PITF ledes and GTD summaries
    (by the hash of their uid) up to `documents`."""
    ucdp = pd.read_csv(folder / "ucdp_aec_dev.csv", dtype=str, keep_default_na=False)
    chosen = [{"uid": f"ucdp-{row.uid}", "title": row.text.split("\n", 1)[0].strip(),
               "publisher": "UCDP-AEC", "published": row.published, "text": row.text}
              for row in ucdp.itertuples()]
    others = []
    for name, publisher in (("pitf_dev.csv", "PITF"), ("gtd_dev.csv", "GTD")):
        rows = pd.read_csv(folder / name, dtype=str, keep_default_na=False)
        for row in rows.itertuples():
            source = getattr(row, "news_source", "") or ""
            others.append({"uid": row.uid, "title": _first_sentence(row.text),
                           "publisher": source.split(",")[0].strip() or publisher,
                           "published": "", "text": row.text})
    others.sort(key=lambda d: hashlib.sha256(d["uid"].encode()).hexdigest())
    return chosen + others[:max(0, documents - len(chosen))]


def _first_sentence(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", " ".join(text.split()), maxsplit=1)[0]
    return first if len(first) <= TITLE_CHARS else first[:TITLE_CHARS - 1] + "…"


def write_documents(documents: list[dict], folder: Path) -> None:
    """One .txt file per document, with its front matter; files of earlier runs that are
    not among them are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    names = set()
    for doc in documents:
        name = re.sub(r"[^A-Za-z0-9_-]", "_", doc["uid"]) + ".txt"
        names.add(name)
        front = {"title": " ".join(doc["title"].split()), "publisher": doc["publisher"],
                 "published": doc["published"]}
        lines = [f"{k}: {v}" for k, v in front.items() if v]
        body = "---\n" + "\n".join(lines) + "\n---\n" + doc["text"]
        path = folder / name
        if not path.exists() or path.read_text("utf-8") != body:
            path.write_text(body, "utf-8")
    for old in folder.glob("*.txt"):
        if old.name not in names:
            old.unlink()


def counts(url: str) -> dict[str, int]:
    """Documents, figures, agencies and places (as written) of the store."""
    store = open_store(url)
    with store.engine.connect() as conn:
        found = {
            "figures": conn.execute(sa.select(sa.func.count()).select_from(figures)).scalar(),
            "agencies": conn.execute(sa.select(sa.func.count(sa.distinct(figures.c.agency)))
                                     ).scalar(),
            "places": conn.execute(sa.select(sa.func.count(sa.distinct(figures.c.place)))
                                   .where(figures.c.place != "")).scalar(),
        }
    found["documents"] = store.counts()["documents"]
    store.engine.dispose()
    return found


def show_page(url: str) -> None:
    """The headline cards and the comparison of each category, as the page shows them on
    the whole store."""
    data = StoreData(url)
    data.connect()
    print("headline cards:")
    for card in headlines.headline_cards(*data.headline_rows(View())):
        print("  " + " | ".join(_texts(headlines.card(card))))
    print("comparison (\"Where agencies disagree\"):")
    for category in charts.CATEGORY_COLOURS:
        bars, groups = data.comparison_rows(View(), category, comparison.GROUPS_SHOWN)
        if bars.empty:
            continue
        fig = comparison.comparison_figure(bars, category, groups)
        print(f"  {category}: {groups} groups, {len(bars)} bars of the first "
              f"{bars['group_rank'].nunique()} in {fig.layout.height} px; the first groups:")
        for _, group in list(bars.groupby("group_rank"))[:3]:
            print(f"    {comparison.group_label(group.iloc[0])}: " + "; ".join(
                f"{a}: {comparison.bar_text(b)}" for a, (_, b) in zip(
                    group["agency"], group.iterrows(), strict=True)))
    every, groups = data.comparison_rows(View(), "killed", None)
    tall = comparison.comparison_figure(every, "killed", groups).layout.height
    print(f"  killed, all shown: {len(every)} bars in {tall} px")
    cards_ms = _median_ms(lambda: data.headline_rows(View()))
    compare_ms = _median_ms(lambda: data.comparison_rows(View(), "killed", comparison.GROUPS_SHOWN))
    print(f"reading the cards' rows {cards_ms:.1f} ms, the comparison's {compare_ms:.1f} ms "
          f"(medians of {RUNS}; load {os.getloadavg()[0]:.2f})")


def _median_ms(read) -> float:
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        read()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def _texts(component) -> list[str]:
    """The texts of a card's parts."""
    return [str(part.children) for part in component.children if part is not None]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval", type=Path, required=True, help="the folder of the eval CSVs")
    parser.add_argument("--out", type=Path, required=True, help="where to write the texts "
                        "and the store")
    parser.add_argument("--documents", type=int, default=DOCUMENTS)
    args = parser.parse_args()
    write_documents(texts(args.eval, args.documents), args.out / "texts")
    url = f"sqlite:///{(args.out / 'store.sqlite').resolve()}"
    refresh(open_store(url), [Source("real", "folder", path=(args.out / "texts").resolve())],
            progress=False)
    found = counts(url)
    print(f"store: {args.out / 'store.sqlite'}")
    print(", ".join(f"{found[k]:,} {k}" for k in ("documents", "figures", "agencies", "places")))
    show_page(url)


if __name__ == "__main__":
    main()
