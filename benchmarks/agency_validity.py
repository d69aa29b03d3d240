"""Agencies that are no names of a source, over given texts.

    python benchmarks/agency_validity.py [PATH ...]

Runs the extractor over every text of the paths (a CSV file with a `text` column, as the
eval files have, and an optional `published`; a document file; or a folder of them; by
default the bundled sample corpus) and prints every figure whose agency is not a valid
source (see extract.agencies.is_valid_agency), with its sentence, then how many figures
were read and how many were invalid. Exits 1 when any was.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import extract_figures  # noqa: E402
from extract.__main__ import read_document  # noqa: E402
from extract.agencies import is_valid_agency  # noqa: E402
from extract.row import Figure  # noqa: E402

SAMPLE = ROOT / "data" / "sample"
DOCUMENTS = (".txt", ".md", ".html", ".htm")


def figures_of(path: Path) -> Iterator[tuple[str, Figure]]:
    """(label, figure) for every figure of every text at `path`."""
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.suffix in (*DOCUMENTS, ".csv") and child.name != "expected_figures.csv":
                yield from figures_of(child)
    elif path.suffix == ".csv":
        csv.field_size_limit(10**9)
        with open(path, newline="", encoding="utf-8") as f:
            for k, row in enumerate(csv.DictReader(f)):
                if "text" not in row:
                    return
                label = f"{path.name}:{row.get('uid') or k}"
                for figure in extract_figures(row["text"], row.get("published") or None):
                    yield label, figure
    else:
        doc = read_document(path)
        for figure in extract_figures(doc.text, doc.published, doc.publisher):
            yield path.name, figure


def invalid(figure: Figure) -> bool:
    """True when a figure's agency is no source: a stated source that is not a valid name,
    or a figure left to the publisher under another name."""
    if figure.attribution == "publisher":
        return figure.agency != figure.publisher
    return not is_valid_agency(figure.agency, figure.publisher)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[SAMPLE])
    args = parser.parse_args()
    read = bad = 0
    for path in args.paths:
        for label, figure in figures_of(path):
            read += 1
            if invalid(figure):
                bad += 1
                print(f"{label}\t{figure.agency!r}\t{figure.attribution}\t{figure.sentence[:160]!r}")
    print(f"figures={read} invalid_agencies={bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
