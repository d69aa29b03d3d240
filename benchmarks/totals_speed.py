"""Speed of document totals over the real coded data, in one process.

    python benchmarks/totals_speed.py --eval ../shared/eval [--repeat 3]

Prints MB of text per second for the totals of every text of pitf_dev.csv and
gtd_dev.csv, next to a bare `regex.finditer(r"\\d+")` pass over the same texts
in the same run, and the time of `python -m extract totals --jobs N` for N = 1, 2.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import document_totals  # noqa: E402

FILES = ("pitf_dev.csv", "gtd_dev.csv")


def texts(eval_dir: Path) -> list[str]:
    csv.field_size_limit(sys.maxsize)
    found = []
    for name in FILES:
        with open(eval_dir / name, newline="", encoding="utf-8") as f:
            found += [row["text"] for row in csv.DictReader(f)]
    return found


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = texts(args.eval)
    megabytes = sum(len(t.encode("utf-8")) for t in corpus) / 1e6
    digits = regex.compile(r"\d+")
    document_totals(corpus[0])  # load the word tables once, as a long-running process would

    bare = best_of(args.repeat, lambda: [sum(1 for _ in digits.finditer(t)) for t in corpus])
    totals = best_of(args.repeat, lambda: [document_totals(t) for t in corpus])
    print(f"texts: {len(corpus)}, {megabytes:.2f} MB")
    print(f"{'pass':<32}{'seconds':>9}{'MB/s':>8}{'x bare':>8}")
    label = 'bare regex.finditer(r"\\d+")'
    print(f"{label:<32}{bare:>9.3f}{megabytes / bare:>8.1f}{1:>8.1f}")
    print(f"{'document_totals':<32}{totals:>9.3f}{megabytes / totals:>8.2f}{totals / bare:>8.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        joined = Path(tmp) / "all.csv"
        with open(joined, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["uid", "text"])
            writer.writerows((str(i), t) for i, t in enumerate(corpus))
        for jobs in (1, 2):
            cmd = [sys.executable, "-m", "extract", "totals", str(joined), "-o",
                   str(Path(tmp) / "out.csv"), "--jobs", str(jobs)]
            took = best_of(1, lambda cmd=cmd: subprocess.run(cmd, cwd=ROOT, check=True,
                                                             stderr=subprocess.DEVNULL))
            label = f"python -m extract totals --jobs {jobs}"
            print(f"{label:<32}{took:>9.3f}{megabytes / took:>8.2f}{'':>8}")


if __name__ == "__main__":
    main()
