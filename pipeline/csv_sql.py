"""A row's CSV line built by PostgreSQL, as `extract.safe_csv.SafeWriter` would write it,
so that a large export hands Python one string a row instead of its cells.

Each cell comes out as the csv module writes the value the driver gives: NULL as "",
booleans as True/False, integers in decimal, dates as YYYY-MM-DD, text made formula-safe
(`safe_cell`: a leading apostrophe) and quoted when it holds a quote, a comma, a CR or an
LF (QUOTE_MINIMAL, quotes doubled). Floats are left to Python (its `repr` is not what
PostgreSQL writes): the line comes as parts, the runs of other cells joined by the
database and each float on its own, which `csv_lines` joins with commas.

Checking every text cell costs the database more than the writing it saves, so a row is
checked as a whole: its texts (but those in CELL_BY_CELL, which often hold commas) are
joined with a unit separator and looked at once; when none needs a quote or a mark they
go out as they are, and otherwise the row is built cell by cell. Both ways give the
writer's line. (SQLite does the same work more slowly than Python's writer: a SQLite
store is written by Python, docs/design.md "The download".)
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from extract.safe_csv import FORMULA_SIGNS, blank_characters

QUOTED = '",\r\n'  # a cell holding any of these is quoted
MARK = "'"  # what makes a formula text
CELL_BY_CELL = ("number_text", "sentence", "title")  # texts that often need quotes
SEPARATOR = "\x1f"  # between the texts of a row while they are looked at


def line_select(stmt: sa.Select) -> sa.Select:
    """The SELECT of the CSV line parts (`csv_lines`) of the rows `stmt` selects, its
    columns the cells: each run of cells other than floats as one text, the cells joined
    by commas, and each float cell as it is."""
    cells = list(stmt.selected_columns)
    plain = [i for i, c in enumerate(cells) if _is_text(c) and c.name not in CELL_BY_CELL]
    # each text after a separator ("" first)
    looked_at = sa.func.concat_ws(SEPARATOR, "", *[sa.func.coalesce(cells[i], "") for i in plain])
    texts = stmt.with_only_columns(*[c.label(f"c{i}") for i, c in enumerate(cells)],
                                   looked_at.label("looked_at"))
    row = texts.offset(0).subquery("row")  # OFFSET 0: computed once a row, not merged
    read = [sa.type_coerce(row.c[f"c{i}"], c.type) for i, c in enumerate(cells)]
    as_is = _texts_as_they_are(row.c.looked_at)
    parts: list[sa.ColumnElement] = []
    run: list[int] = []
    for i, cell in enumerate([*read, None]):
        if cell is not None and not isinstance(cell.type, sa.Float):
            run.append(i)
            continue
        if run:
            whole = [sa.func.coalesce(read[j], "") if j in plain else cell_text(read[j])
                     for j in run]
            by_cell = [cell_text(read[j]) for j in run]
            parts.append(sa.case((as_is, sa.func.concat_ws(",", *whole)),
                                 else_=sa.func.concat_ws(",", *by_cell)))
            run = []
        if cell is not None:
            parts.append(cell)
    return sa.select(*parts).select_from(row)


def csv_lines(rows: Sequence[Sequence]) -> bytes:
    """Rows of `line_select` as CSV lines, each ended by CRLF, in UTF-8: the texts as
    the database built them, the floats as the csv module writes them (None as "")."""
    lines = [",".join([p if p.__class__ is str else "" if p is None else str(p) for p in row])
             for row in rows]
    lines.append("")
    return "\r\n".join(lines).encode("utf-8") if rows else b""


def cell_text(cell: sa.ColumnElement) -> sa.ColumnElement:
    """A cell as the text the safe writer gives for the value the driver reads."""
    if isinstance(cell.type, sa.Boolean):
        return sa.case((cell, "True"), else_="False")
    if isinstance(cell.type, sa.Integer):
        return sa.func.coalesce(sa.cast(cell, sa.Text), "")
    if isinstance(cell.type, sa.Date):  # str(date)
        return sa.func.coalesce(sa.func.to_char(cell, "YYYY-MM-DD"), "")
    return safe_text(sa.func.coalesce(cell, ""))


def safe_text(text: sa.ColumnElement) -> sa.ColumnElement:
    """A text (never NULL) as `SafeWriter` writes it: with a leading apostrophe when it
    opens with a tab or CR, or with a formula sign after any run of blanks
    (`blank_characters`), then quoted when it holds a quote, comma, CR or LF."""
    blanks = _blanks()
    opening = sa.func.ascii(text)  # the first character's code point (0 for "")
    mark = sa.case(
        (sa.or_(opening.between(65, 126), opening.between(48, 57)), ""),  # A-z, 0-9
        (opening.in_([ord("\t"), ord("\r")]), MARK),
        (sa.and_(opening.in_([ord(c) for c in blanks + FORMULA_SIGNS]),
                 sa.func.ascii(sa.func.ltrim(text, blanks))
                 .in_([ord(c) for c in FORMULA_SIGNS])), MARK),
        else_="")
    quoted = sa.or_(*[sa.func.strpos(text, c) > 0 for c in QUOTED])
    doubled = sa.func.replace(text, '"', '""')
    return sa.case((quoted, sa.func.concat('"', mark, doubled, '"')),
                   else_=sa.func.concat(mark, text))


def _texts_as_they_are(looked_at: sa.ColumnElement) -> sa.ColumnElement:
    """Whether a row's texts but those built cell by cell (`looked_at`, each after a
    SEPARATOR) can go out as they are: none holds a quote, comma, CR or LF, and none
    opens with a blank or a formula sign (after any separators: a blank after another,
    or a separator in a text, only sends the row cell by cell)."""
    opening = "".join(sorted(set(_blanks() + FORMULA_SIGNS) - {SEPARATOR}))
    return sa.and_(looked_at.op("!~")(f"[{QUOTED}]"),
                   looked_at.op("!~")(SEPARATOR + _bracket(opening)))


def _bracket(chars: str) -> str:
    """A regular expression's bracket expression matching any of `chars` (which hold no
    ], ^, [ nor backslash), as ranges of code points."""
    codes = sorted(ord(c) for c in chars if c != "-")
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    spelt = "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)
    return "[" + ("-" if "-" in chars else "") + spelt + "]"


def _blanks() -> str:
    """The blanks a PostgreSQL text can hold (a NUL it cannot)."""
    return blank_characters().replace("\0", "")


def _is_text(cell: sa.ColumnElement) -> bool:
    """Whether a cell is text as the driver reads it."""
    return not isinstance(cell.type, sa.Boolean | sa.Integer | sa.Float | sa.Date)
