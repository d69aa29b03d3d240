"""How well reprints are told apart: the pair set data/reprints/pairs.csv (true reprints,
updated versions, other outlets' stories on the same event, unrelated briefs sharing a
publisher's boilerplate), keyed before any detection ran on it.

    python benchmarks/reprint_accuracy.py [--errors]

For each pair (a, b), b is called a reprint of a when pipeline/reprints.is_reprint says
so of their texts and extracted figures. Prints the share called right per kind, for a
tuning and a check part split by a hash of the pair, and each kind's range of estimated
containment (what CONTAINED is set against); --errors prints the tuning part's errors.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import extract_figures  # noqa: E402
from extract.__main__ import read_document  # noqa: E402
from pipeline.reprints import contained, is_reprint, signature  # noqa: E402

PAIRS = ROOT / "data" / "reprints"


def is_tuning(pair: str) -> bool:
    """The tuning part: the first quarter of sha256 values, as the other benchmarks split."""
    return hashlib.sha256(pair.encode()).digest()[0] < 64


def read(name: str) -> tuple:
    doc = read_document(PAIRS / "pairs" / name)
    found = extract_figures(doc.text, doc.published, doc.publisher, doc.title)
    return signature(doc.text), [(f.category, f.value) for f in found if not f.superseded]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print the tuning part's errors")
    args = parser.parse_args()
    key = pd.read_csv(PAIRS / "pairs.csv", dtype=str)
    right: dict = defaultdict(lambda: [0, 0])  # (part, kind): [right, pairs]
    shares: dict = defaultdict(list)
    for r in key.itertuples():
        (sa, fa), (sb, fb) = read(r.a), read(r.b)
        called = is_reprint(sb, fb, sa, fa)
        tuning = is_tuning(f"{r.a},{r.b}")
        tally = right[("tuning" if tuning else "check", r.kind)]
        tally[0] += called == (r.kind == "reprint")
        tally[1] += 1
        shares[r.kind].append(contained(sb, sa))
        if args.errors and tuning and called != (r.kind == "reprint"):
            print(f"  {r.kind:22} {r.a} / {r.b}: contained {contained(sb, sa):.2f}, "
                  f"called {'a reprint' if called else 'not a reprint'}")
    for kind in ("reprint", "update", "same_event", "unrelated_boilerplate"):
        parts = []
        for part in ("tuning", "check"):
            ok, n = right[(part, kind)]
            parts.append(f"{part} {ok}/{n}")
        low, high = min(shares[kind]), max(shares[kind])
        print(f"{kind:22} {', '.join(parts)}; contained {low:.2f}-{high:.2f}")
    ok = sum(v[0] for v in right.values())
    print(f"all: {ok}/{len(key)} pairs called right")


if __name__ == "__main__":
    main()
