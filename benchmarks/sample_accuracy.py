"""Accuracy on a bundled sample corpus against its hand-written answer key.

    python benchmarks/sample_accuracy.py [--corpus data/reports] [--errors]

Prints precision and recall of (document, category, value), and of the agency on
the figures found, and the share of matched figures whose agency is right; with
--errors, every miss and every extra row. The corpus is a folder of documents (.txt,
.md, .html; a README.md is not one) with its key in
expected_figures.csv; the default is data/sample.

Superseded rows (the old value of a running toll: "has gone up from 682 to 1,376" gives
682 marked superseded) are left out of the scored figures: the keys list only the current
value, and a superseded row never counts in a document's totals either.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import extract_figures, figures_frame  # noqa: E402
from extract.__main__ import read_document  # noqa: E402
from extract.source_groups import grouped_agency  # noqa: E402

SAMPLE = ROOT / "data" / "sample"


def predicted(corpus: Path = SAMPLE) -> pd.DataFrame:
    frames = []
    for path in sorted(corpus.iterdir()):
        if path.suffix not in (".txt", ".md", ".html") or path.name.lower() == "readme.md":
            continue
        doc = read_document(path)
        frame = figures_frame(extract_figures(doc.text, doc.published, doc.publisher, doc.title))
        frame["document"] = path.name
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _prf(found: Counter, expected: Counter) -> tuple[float, float, int, int, int]:
    hit = sum((found & expected).values())
    return hit / max(1, sum(found.values())), hit / max(1, sum(expected.values())), hit, sum(
        found.values()), sum(expected.values())


def _print_scope_accuracy(key: pd.DataFrame, pred: pd.DataFrame) -> None:
    """Scope and event date on the figures matched by (document, category, value): the k-th
    key row of a kind against the k-th figure of that kind; event_date where the key gives one."""
    found: dict[tuple, list] = {}
    for row in pred.itertuples():
        event_date = "" if pd.isna(row.event_date) else str(row.event_date)
        found.setdefault((row.document, row.category, row.value), []).append((row.scope, event_date))
    scope_right = scope_n = date_right = date_n = 0
    for row in key.itertuples():
        kind = found.get((row.document, row.category, row.value))
        if not kind:
            continue
        scope, event_date = kind.pop(0)
        scope_n += 1
        scope_right += scope == row.scope
        if row.event_date:
            date_n += 1
            date_right += event_date == row.event_date
    print(f"scope right on matched figures: {scope_right}/{scope_n} = {scope_right / max(1, scope_n):.3f}")
    print(f"event date right where the key has one: {date_right}/{date_n} = "
          f"{date_right / max(1, date_n):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SAMPLE,
                        help="folder of documents with expected_figures.csv (default: data/sample)")
    parser.add_argument("--errors", action="store_true", help="list misses and extra rows")
    args = parser.parse_args()
    corpus = args.corpus
    if not corpus.is_absolute() and not corpus.is_dir():
        corpus = ROOT / corpus  # a path such as data/reports, from outside the repository
    key = pd.read_csv(corpus / "expected_figures.csv", dtype=str, keep_default_na=False)
    pred = predicted(corpus)
    pred = pred[~pred.superseded.astype(bool)].astype({"value": str})  # (the current values only)
    if corpus.resolve() != SAMPLE.resolve():
        print(f"corpus: {corpus}")
    key_rows = Counter(zip(key.document, key.category, key.value, strict=True))
    pred_rows = Counter(zip(pred.document, pred.category, pred.value, strict=True))
    p, r, hit, n_pred, n_key = _prf(pred_rows, key_rows)
    # (a key's generic source, "local officials", is compared as stored: "unnamed: officials")
    norm = lambda s: " ".join(grouped_agency(str(s)).lower().split())  # noqa: E731
    key_ag = Counter(zip(key.document, key.category, key.value, key.agency.map(norm), strict=True))
    pred_ag = Counter(zip(pred.document, pred.category, pred.value, pred.agency.map(norm), strict=True))
    ap, ar, ahit, _, _ = _prf(pred_ag, key_ag)
    print(f"{'measure':<34}{'precision':>10}{'recall':>8}{'matched':>9}{'found':>7}{'key':>6}")
    print(f"{'(document, category, value)':<34}{p:>10.3f}{r:>8.3f}{hit:>9}{n_pred:>7}{n_key:>6}")
    print(f"{'... and agency':<34}{ap:>10.3f}{ar:>8.3f}{ahit:>9}{n_pred:>7}{n_key:>6}")
    print(f"agency right on matched figures: {ahit}/{hit} = {ahit / max(1, hit):.3f}")
    if "scope" in key.columns:
        _print_scope_accuracy(key, pred)
    if args.errors:
        for row in (key_ag - pred_ag).elements():
            print("missed", *row, sep=" | ")
        for row in (pred_ag - key_ag).elements():
            print("extra ", *row, sep=" | ")


if __name__ == "__main__":
    main()
