"""One CSV writer for the whole project, safe to open in a spreadsheet.

Every field that holds a carriage return, a line feed, a quote or the separator is
quoted (rows end in CRLF, as RFC 4180 has it, so the csv module quotes a bare CR too),
and text that a spreadsheet would run as a formula gets a leading apostrophe: a cell
starting with = + - @ (or their full-width forms), also after leading spaces, no-break
spaces or invisible format characters, or starting with a tab or a carriage return.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from typing import IO, Any

import pandas as pd
import regex

LINE_END = "\r\n"
FORMULA_SIGNS = "=+-@\uff1d\uff0b\uff0d\uff20"  # what opens a formula, and full-width forms
# blanks and invisible characters (Z*: spaces, Cc: controls, Cf: zero-width and direction marks)
_BLANK = r"[\p{Z}\p{Cc}\p{Cf}]"
# What a spreadsheet may run: a formula sign after any run of blanks, or a cell that opens
# with a tab or a carriage return.
_FORMULA = regex.compile(rf"[\t\r]|{_BLANK}*[{regex.escape(FORMULA_SIGNS)}]")


def safe_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, with a leading apostrophe;
    any other value as it is."""
    if isinstance(value, str) and value and not value[0].isalnum() and _FORMULA.match(value):
        return "'" + value
    return value


@functools.cache
def blank_characters() -> str:
    """Every character that may stand before a formula sign (`_BLANK`), in code point
    order: what the database strips when it makes a cell safe (pipeline/csv_sql.py)."""
    return "".join(regex.findall(_BLANK, "".join(map(chr, range(0x110000)))))


class SafeWriter:
    """A csv.writer whose every text cell passes through `safe_cell`."""

    def __init__(self, handle: IO[str]) -> None:
        self._writer = csv.writer(handle, lineterminator=LINE_END)

    def writerow(self, row: Iterable[Any]) -> None:
        """Write one row."""
        self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write many rows: only a text opening with neither a letter nor a digit goes
        through `safe_cell` (the rest cannot be a formula), which spares a large download
        a function call a cell."""
        self._writer.writerows(
            [safe_cell(v) if isinstance(v, str) and v and not v[0].isalnum() else v
             for v in row] for row in rows)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table with every text cell passed through `safe_cell`."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(safe_cell)
    return out


def write_frame(frame: pd.DataFrame, target: str | IO[str]) -> None:
    """A table as safe UTF-8 CSV, with ISO dates, to a path or an open text handle."""
    safe_frame(frame).to_csv(target, index=False, encoding="utf-8", date_format="%Y-%m-%d",
                             lineterminator=LINE_END, quoting=csv.QUOTE_MINIMAL)
