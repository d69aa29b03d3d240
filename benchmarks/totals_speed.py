"""Speed of document totals over the real coded data, in one process.

    python benchmarks/totals_speed.py --eval ../shared/eval [--repeat 5] [--save F | --check F]

Prints MB of text per second for the totals of every text of pitf_dev.csv and
gtd_dev.csv (the median of `--repeat` runs), by wall time and by the process's CPU time
(`time.process_time`: on a machine loaded by other work, wall time counts the waits for a
CPU, CPU time does not), next to a bare `regex.finditer(r"\\d+")` pass over the same texts
in the same run, and the wall time of `python -m extract totals --jobs N` for N = 1, 2.
`--save F` writes every text's totals (without and with a publication date) to F as JSON;
`--check F` compares them with those saved and prints whether they are identical (exit
status 1 when not), so that a change for speed can show it changes no total.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
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
# a publication date for the second reading of each text, so that the days it names resolve
PUBLISHED = "2016-06-15"


def rows(eval_dir: Path) -> list[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    found = []
    for name in FILES:
        with open(eval_dir / name, newline="", encoding="utf-8") as f:
            found += list(csv.DictReader(f))
    return found


def median_of(repeat: int, fn) -> tuple[float, float]:
    """The median wall time and the median CPU time of this process of `repeat` calls of `fn`."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def every_total(corpus: list[dict[str, str]]) -> dict[str, list]:
    """{uid: [totals undated, totals dated PUBLISHED]} for every text."""
    return {row["uid"]: [document_totals(row["text"]), document_totals(row["text"], PUBLISHED)]
            for row in corpus}


def check(found: dict[str, list], path: Path) -> bool:
    """Print whether the totals equal those saved in `path`, and the first that differ."""
    saved = json.loads(path.read_text("utf-8"))
    differ = sorted(uid for uid in saved.keys() | found.keys() if saved.get(uid) != found.get(uid))
    print(f"identical output to {path}: {'yes' if not differ else 'NO'} "
          f"({len(found) - len(differ)} of {len(saved)} texts equal)")
    for uid in differ[:10]:
        print(f"  {uid}: saved {saved.get(uid)}\n  {'':{len(uid)}}  now   {found.get(uid)}")
    return not differ


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--repeat", type=int, default=3)
    outputs = parser.add_mutually_exclusive_group()
    outputs.add_argument("--save", type=Path, metavar="FILE", help="write every text's totals here")
    outputs.add_argument("--check", type=Path, metavar="FILE",
                         help="compare every text's totals with those saved by --save")
    args = parser.parse_args()
    corpus = rows(args.eval)
    texts = [row["text"] for row in corpus]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    digits = regex.compile(r"\d+")
    document_totals(texts[0])  # load the word tables once, as a long-running process would

    bare, bare_cpu = median_of(args.repeat, lambda: [sum(1 for _ in digits.finditer(t)) for t in texts])
    totals, totals_cpu = median_of(args.repeat, lambda: [document_totals(t) for t in texts])
    print(f"texts: {len(texts)}, {megabytes:.2f} MB; medians of {args.repeat} runs")
    print(f"{'pass':<32}{'seconds':>9}{'MB/s':>8}{'x bare':>8}{'cpu s':>9}{'MB/s':>8}{'x bare':>8}")
    label = 'bare regex.finditer(r"\\d+")'
    print(f"{label:<32}{bare:>9.3f}{megabytes / bare:>8.1f}{1:>8.1f}"
          f"{bare_cpu:>9.3f}{megabytes / bare_cpu:>8.1f}{1:>8.1f}")
    print(f"{'document_totals':<32}{totals:>9.3f}{megabytes / totals:>8.2f}{totals / bare:>8.1f}"
          f"{totals_cpu:>9.3f}{megabytes / totals_cpu:>8.2f}{totals_cpu / bare_cpu:>8.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        joined = Path(tmp) / "all.csv"
        with open(joined, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["uid", "text"])
            writer.writerows((str(i), t) for i, t in enumerate(texts))
        for jobs in (1, 2):
            cmd = [sys.executable, "-m", "extract", "totals", str(joined), "-o",
                   str(Path(tmp) / "out.csv"), "--jobs", str(jobs)]
            took, _ = median_of(1, lambda cmd=cmd: subprocess.run(cmd, cwd=ROOT, check=True,
                                                                  stderr=subprocess.DEVNULL))
            label = f"python -m extract totals --jobs {jobs}"
            print(f"{label:<32}{took:>9.3f}{megabytes / took:>8.2f}{'':>8}")
    if args.save:
        args.save.write_text(json.dumps(every_total(corpus), indent=0), "utf-8")
        print(f"saved every text's totals to {args.save}")
    elif args.check:
        return 0 if check(every_total(corpus), args.check) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
