"""Accuracy of document totals on the real coded data in ../shared/eval.

    python benchmarks/eval_accuracy.py --eval ../shared/eval

Runs `python -m extract totals` on each development file and scores it with the
data's own score.py; prints one table row per file, next to the targets of issue 3.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"pitf_dev.csv": (0.88, 0.90), "gtd_dev.csv": (0.75, 0.85)}


def score(eval_dir: Path, name: str, tmp: Path) -> dict[str, str]:
    pred = tmp / f"{name}.pred.csv"
    subprocess.run(
        [sys.executable, "-m", "extract", "totals", str(eval_dir / name), "--id-column", "uid",
         "--text-column", "text", "-o", str(pred)],
        cwd=ROOT, check=True, stderr=subprocess.DEVNULL,
    )
    out = subprocess.run(
        [sys.executable, str(eval_dir / "score.py"), str(eval_dir / name), str(pred),
         "--errors", str(tmp / f"{name}.errors.csv")],
        check=True, capture_output=True, text=True,
    ).stdout
    summary = out.strip().splitlines()[-1]
    return dict(part.split("=") for part in summary.split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    args = parser.parse_args()
    if not (args.eval / "score.py").exists():
        sys.exit(f"error: {args.eval}: no score.py here (give the eval folder with --eval)")
    print(f"{'file':<14}{'killed_exact':>13}{'target':>8}{'wounded_exact':>15}{'target':>8}{'n':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, (killed_target, wounded_target) in TARGETS.items():
            s = score(args.eval, name, Path(tmp))
            print(f"{name:<14}{s['killed_exact']:>13}{killed_target:>8.2f}"
                  f"{s['wounded_exact']:>15}{wounded_target:>8.2f}{s['n']:>7}")


if __name__ == "__main__":
    main()
