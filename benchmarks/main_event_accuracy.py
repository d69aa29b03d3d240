"""The main event's killed total on full news articles, with its error mix.

    python benchmarks/main_event_accuracy.py --eval ../shared/eval [--errors FILE]

Reads ucdp_aec_dev.csv (articles with the deaths UCDP coders recorded for the one
event each describes, as gold_low..gold_high), runs `document_totals` on each text and
prints, for the tuning part, the check part (the first byte of sha256(uid) below 64)
and all: the share of articles whose killed total lies in the coders' range (with its
95% Wilson interval), and the mix of misses: over (more than gold_high), under (less
than gold_low, not zero) and zero (no killed figure where the coders found deaths). For
the over-counts it prints the scopes of the killed figures behind them (the main event's
incident figures, which make the total) and beside them (the documents' other figures).
--errors writes the tuning part's misses (uid, gold range, total, kind, the scopes of the
document's killed figures) to FILE.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.eval_accuracy import part_of, wilson  # noqa: E402
from extract import document_totals  # noqa: E402
from extract.totals import document_mentions  # noqa: E402

FILE = "ucdp_aec_dev.csv"


def kind_of_miss(total: int, low: int, high: int) -> str:
    """'hit' when low <= total <= high, else 'over', 'under' or 'zero' (no deaths read)."""
    if low <= total <= high:
        return "hit"
    if total > high:
        return "over"
    return "zero" if total == 0 else "under"


def killed_scopes(text: str, published: str) -> Counter:
    """How many killed figures of each scope a text states: "incident/main" for those of the
    main event (behind its total), "incident/other" for other incidents, else the scope."""
    counted: Counter = Counter()
    for _, m, s in document_mentions(text, published):
        if m.category == "killed" and not m.subset:
            counted[f"incident/{'main' if s.event == 0 else 'other'}" if s.scope == "incident"
                    else s.scope] += 1
    return counted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--errors", type=Path, help="write the tuning part's misses here")
    args = parser.parse_args()
    if not (args.eval / FILE).exists():
        sys.exit(f"error: {args.eval / FILE}: not found (give the eval folder with --eval)")
    csv.field_size_limit(sys.maxsize)
    with open(args.eval / FILE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    kinds: dict[str, Counter] = {"tuning": Counter(), "check": Counter()}
    behind_over: Counter = Counter()  # the scopes of the killed figures of over-counted texts
    misses = []
    for row in rows:
        total = document_totals(row["text"], row["published"])["killed"] or 0
        low, high = int(row["gold_low"]), int(row["gold_high"])
        kind = kind_of_miss(total, low, high)
        part = part_of(row["uid"])
        kinds[part][kind] += 1
        scopes = killed_scopes(row["text"], row["published"])
        if kind == "over":
            behind_over.update(scopes)
        if part == "tuning" and kind != "hit":
            misses.append((row["uid"], low, high, total, kind,
                           " ".join(f"{s}:{n}" for s, n in sorted(scopes.items()))))
    kinds["all"] = kinds["tuning"] + kinds["check"]
    print(f"{'part':<8}{'in range [95%]':<24}{'n':>5}{'over':>7}{'under':>7}{'zero':>7}")
    for part, counted in kinds.items():
        n = sum(counted.values())
        share = counted["hit"] / n
        low, high = wilson(share, n)
        print(f"{part:<8}{f'{share:.3f} [{low:.2f}-{high:.2f}]':<24}{n:>5}"
              f"{counted['over']:>7}{counted['under']:>7}{counted['zero']:>7}")
    print("killed figures of the over-counted texts, by scope: "
          + ", ".join(f"{s} {n}" for s, n in behind_over.most_common()))
    if args.errors:
        with open(args.errors, "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["uid", "gold_low", "gold_high", "killed", "kind", "scopes"])
            writer.writerows(misses)


if __name__ == "__main__":
    main()
