"""Accuracy of document totals on the real coded data in ../shared/eval, by part.

    python benchmarks/eval_accuracy.py --eval ../shared/eval [--errors DIR]

Runs `python -m extract totals` on each development file and scores it with the
data's own scorers (score.py for PITF and GTD, score_range.py for UCDP-AEC). Each
file is split by the hash of its uid: the check part is where the first byte of
sha256(uid) is below 64 (about a quarter), the rest is the tuning part. Errors are
read only in the tuning part (--errors writes the tuning part's mismatches); a rule
that helps tuning but not check is suspect. Every score is printed with its 95%
Wilson interval and its n, beside the targets of issue 12.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXACT_FILES = {"pitf_dev.csv": (0.90, 0.94), "gtd_dev.csv": (0.87, 0.92)}
RANGE_FILES = ("ucdp_aec_dev.csv",)
PARTS = ("tuning", "check", "all")
_CATEGORY_LINE = re.compile(r"^(killed|wounded)\s+n=\s*(\d+)\s+exact=([\d.]+|nan)", re.M)
_RANGE_LINE = re.compile(r"killed_in_range=([\d.]+) n=(\d+)")


def part_of(uid: str) -> str:
    """'check' when the first byte of sha256(uid) is below 64, else 'tuning'."""
    return "check" if hashlib.sha256(uid.encode("utf-8")).digest()[0] < 64 else "tuning"


def wilson(share: float, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% Wilson score interval of a share observed over n trials."""
    if n == 0:
        return math.nan, math.nan
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _split(path: Path, tmp: Path) -> dict[str, Path]:
    """The gold file written out once per part (and whole)."""
    csv.field_size_limit(sys.maxsize)
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    out = {}
    for part in PARTS:
        out[part] = tmp / f"{path.stem}.{part}.csv"
        with open(out[part], "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            writer.writerows(r for r in rows if part == "all" or part_of(r["uid"]) == part)
    return out


def _predict(path: Path, tmp: Path) -> Path:
    pred = tmp / f"{path.stem}.pred.csv"
    subprocess.run(
        [sys.executable, "-m", "extract", "totals", str(path), "--id-column", "uid",
         "--text-column", "text", "-o", str(pred)],
        cwd=ROOT, check=True, stderr=subprocess.DEVNULL,
    )
    return pred


def _run(*args: object) -> str:
    return subprocess.run([sys.executable, *map(str, args)], check=True, capture_output=True,
                          text=True).stdout


def _cell(share: float, n: int) -> str:
    low, high = wilson(share, n)
    return f"{share:.3f} [{low:.2f}-{high:.2f}] n={n}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--errors", type=Path, help="write each file's tuning-part errors here")
    args = parser.parse_args()
    if not (args.eval / "score.py").exists():
        sys.exit(f"error: {args.eval}: no score.py here (give the eval folder with --eval)")
    if args.errors:
        args.errors.mkdir(parents=True, exist_ok=True)
    print(f"{'file':<18}{'part':<8}{'killed_exact [95%]':<30}{'wounded_exact [95%]':<30}target")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for name, targets in EXACT_FILES.items():
            parts, pred = _split(args.eval / name, tmp), _predict(args.eval / name, tmp)
            for part in PARTS:
                extra = (["--errors", args.errors / f"{name}.tuning-errors.csv"]
                         if args.errors and part == "tuning" else [])
                out = _run(args.eval / "score.py", parts[part], pred, *extra)
                cells = {c: _cell(float(s), int(n)) for c, n, s in _CATEGORY_LINE.findall(out)}
                print(f"{name:<18}{part:<8}{cells['killed']:<30}{cells['wounded']:<30}"
                      f"{targets[0]:.2f} / {targets[1]:.2f}")
        for name in RANGE_FILES:
            parts, pred = _split(args.eval / name, tmp), _predict(args.eval / name, tmp)
            for part in PARTS:
                share, n = _RANGE_LINE.search(_run(args.eval / "score_range.py", parts[part],
                                                   pred)).groups()
                print(f"{name:<18}{part:<8}{'in range ' + _cell(float(share), int(n)):<30}")


if __name__ == "__main__":
    main()
