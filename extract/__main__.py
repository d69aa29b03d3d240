"""Command line: `python -m extract figures FILE...` and `python -m extract totals IN.csv`."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Iterator
from multiprocessing import Pool
from pathlib import Path

from tqdm import tqdm

from .figures import extract_figures, figures_frame
from .formats import Document, file_document
from .language import detect_language, not_english
from .safe_csv import SafeWriter, write_frame
from .totals import TOTAL_COLUMNS, document_totals


def read_document(path: Path) -> Document:
    """A file as a document (see extract.formats.file_document); ValueError with the reason."""
    return file_document(path.read_bytes(), path.suffix)


def _figures(args: argparse.Namespace) -> int:
    import pandas as pd  # here, not at the top: `totals` has no use for it

    frames = []
    failed = 0
    for name in tqdm(args.files, desc="documents", unit="doc", disable=None, file=sys.stderr):
        path = Path(name)
        try:
            doc = read_document(path)
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"error: {name}: {reason}", file=sys.stderr)
            failed += 1
            continue
        figures = extract_figures(
            doc.text,
            published=doc.published or args.published,
            publisher=doc.publisher or args.publisher or "",
            title=doc.title,
            url=doc.url or path.resolve().as_uri(),
        )
        if (note := not_english(name, detect_language(doc.text), len(figures))) is not None:
            print(f"note: {note}", file=sys.stderr)
        frame = figures_frame(figures)
        frame.insert(2, "document", path.name)
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True) if frames else figures_frame([])
    if "document" not in table.columns:
        table.insert(2, "document", pd.Series(dtype=str))
    write_frame(table, args.output or sys.stdout)
    return 1 if failed else 0


def _rows(path: str, id_column: str, text_column: str, published_column: str,
          ) -> Iterator[tuple[str, str, str]]:
    csv.field_size_limit(sys.maxsize)
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = [c for c in (id_column, text_column) if c not in (reader.fieldnames or [])]
        if missing:
            columns = ", ".join(reader.fieldnames or [])
            raise ValueError(f"no column {', '.join(missing)} (columns: {columns})")
        for row in reader:
            yield row[id_column], row[text_column] or "", row.get(published_column) or ""


def _total_row(item: tuple[str, str, str]) -> list[str]:
    uid, text, published = item
    totals = document_totals(text, published or None)
    return [uid] + ["" if totals[c] is None else str(totals[c]) for c in TOTAL_COLUMNS]


def _totals(args: argparse.Namespace) -> int:
    try:
        rows = list(_rows(args.input, args.id_column, args.text_column, args.published_column))
    except (OSError, ValueError, csv.Error, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        print(f"error: {args.input}: {reason}", file=sys.stderr)
        return 1
    progress = dict(total=len(rows), desc="documents", unit="doc", disable=None, file=sys.stderr)
    if args.jobs > 1:
        with Pool(args.jobs) as pool:
            results = list(tqdm(pool.imap(_total_row, rows, chunksize=64), **progress))
    else:
        results = [_total_row(row) for row in tqdm(rows, **progress)]
    out = open(args.output, "w", newline="", encoding="utf-8") if args.output else sys.stdout
    try:
        writer = SafeWriter(out)
        writer.writerow(["uid", *TOTAL_COLUMNS])
        writer.writerows(results)
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 a file failed, 2 bad usage)."""
    parser = argparse.ArgumentParser(
        prog="python -m extract", description="Casualty figures from news and reports."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    figures = sub.add_parser(
        "figures", help="the tidy table of figures in text, Markdown or HTML files",
        description="Write one CSV row per casualty figure stated in the files.",
    )
    figures.add_argument("files", nargs="+", metavar="FILE")
    figures.add_argument("--published", help="publication date (YYYY-MM-DD) for files without one")
    figures.add_argument("--publisher", help="publisher for files that do not name one")
    figures.add_argument("-o", "--output", metavar="OUT.csv", help="write here instead of stdout")
    figures.set_defaults(run=_figures)
    totals = sub.add_parser(
        "totals", help="per-document totals for a CSV of texts",
        description="Write one row per input row: uid and the total of each category.",
    )
    totals.add_argument("input", metavar="IN.csv")
    totals.add_argument("--id-column", default="uid")
    totals.add_argument("--text-column", default="text")
    totals.add_argument("--published-column", default="published",
                        help="the column of publication dates, if any (resolves \"on Monday\")")
    totals.add_argument("-o", "--output", metavar="OUT.csv", help="write here instead of stdout")
    totals.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes")
    totals.set_defaults(run=_totals)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # the reader stopped early (`| head`): no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
