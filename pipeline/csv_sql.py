"""A row's CSV line built by the database, as `extract.safe_csv.SafeWriter` would write
it, so that a large export hands Python one string a row instead of its cells.

Each cell comes out as the csv module writes the value the driver gives: NULL as "",
booleans as True/False, integers in decimal, dates as YYYY-MM-DD, text made formula-safe
(`safe_cell`: a leading apostrophe) and quoted when it holds a quote, a comma, a CR or an
LF (QUOTE_MINIMAL, quotes doubled). Floats are left to Python (its `repr` is not what
either database writes): the line comes as parts, the runs of other cells joined by the
database and each float on its own, which `csv_lines` joins with commas.

Checking every text cell costs the database more than Python's writer did, so a row is
checked as a whole: its texts (but those in CELL_BY_CELL, which often hold commas) are
joined with a unit separator and looked at once; when none needs a quote or a mark (and
none holds a NUL, at which SQLite's printf stops) the texts go out as they are, and
otherwise the row is built cell by cell. Both ways give the writer's line.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence

import sqlalchemy as sa

from extract.safe_csv import FORMULA_SIGNS, LINE_END, SafeWriter, blank_characters

QUOTED = '",\r\n'  # a cell holding any of these is quoted
MARK = "'"  # what makes a formula text
CELL_BY_CELL = ("number_text", "sentence", "title")  # texts that often need quotes
SEPARATOR = "\x1f"  # between the texts of a row while they are looked at


def line_select(stmt: sa.Select, dialect: str) -> sa.Select:
    """The SELECT of the CSV line parts (`csv_lines`) of the rows `stmt` selects, its
    columns the cells, on a database of `dialect` ("sqlite" or "postgresql"): each run
    of cells other than floats as one text, the cells joined by commas, each float cell
    as it is, and last, for a row the database cannot write (a SQLite text holding a
    NUL), its cells as a JSON array (else NULL)."""
    cells = list(stmt.selected_columns)
    plain = [i for i, c in enumerate(cells) if _is_text(c, dialect) and c.name not in CELL_BY_CELL]
    texts = [sa.func.coalesce(cells[i], "") for i in plain]
    # each text after a separator: "" first
    looked_at = [_joined([sa.literal("", sa.Text), *texts], SEPARATOR, dialect).label("looked_at")]
    if dialect == "sqlite":  # the bytes printf would give, had it not stopped at a NUL
        looked_at.append(sum((_bytes(t) for t in texts), sa.literal(len(texts))).label("bytes"))
    texts_row = _unflattened(stmt.with_only_columns(
        *[c.label(f"c{i}") for i, c in enumerate(cells)], *looked_at), dialect).subquery("texts")
    free = [texts_row.c[f"c{i}"] for i, c in enumerate(cells)
            if i not in plain and _is_text(c, dialect)]
    row = _unflattened(sa.select(
        *[texts_row.c[f"c{i}"] for i in range(len(cells))],
        _texts_as_they_are(texts_row, free, dialect).label("as_is")), dialect).subquery("row")
    read = [sa.type_coerce(row.c[f"c{i}"], c.type) for i, c in enumerate(cells)]
    parts: list[sa.ColumnElement] = []
    run: list[int] = []
    for i, cell in enumerate([*read, None]):
        if cell is not None and not isinstance(cell.type, sa.Float):
            run.append(i)
            continue
        if run:
            whole = [sa.func.coalesce(read[j], "") if j in plain else cell_text(read[j], dialect)
                     for j in run]
            by_cell = [cell_text(read[j], dialect) for j in run]
            parts.append(sa.case((row.c.as_is, _joined(whole, ",", dialect)),
                                 else_=_concat_texts(by_cell, ",")))
            run = []
        if cell is not None:
            parts.append(cell)
    return sa.select(*parts, _left_to_python(read, row.c.as_is, dialect)).select_from(row)


def csv_lines(rows: Sequence[Sequence]) -> bytes:
    """Rows of `line_select` as CSV lines, each ended by CRLF, in UTF-8: the texts as
    the database built them, the floats as the csv module writes them (None as ""), and
    a row the database left to Python through the safe writer."""
    lines = [",".join([p if p.__class__ is str else "" if p is None else str(p)
                       for p in row[:-1]]) if row[-1] is None else _written(row)
             for row in rows]
    lines.append("")
    return "\r\n".join(lines).encode("utf-8") if rows else b""


def _left_to_python(cells: list[sa.ColumnElement], as_is: sa.ColumnElement,
                    dialect: str) -> sa.ColumnElement:
    """For a row whose texts hold a NUL, on SQLite (whose text functions stop there): its
    cells as a JSON array, booleans as True/False, each float as [] (it is among the
    parts); otherwise NULL."""
    if dialect != "sqlite":
        return sa.null()
    texts = [c for c in cells if _is_text(c, dialect)]
    nul = sa.or_(*[sa.func.instr(sa.func.coalesce(c, ""), sa.func.char(0)) > 0 for c in texts])
    values = [sa.func.json_array() if isinstance(c.type, sa.Float)
              else sa.case((c, "True"), else_="False") if isinstance(c.type, sa.Boolean) else c
              for c in cells]
    return sa.case((as_is, None), (nul, sa.func.json_array(*values)))


def _written(row: Sequence) -> str:
    """The safe writer's line (without its end) of a row `_left_to_python` gave: its
    cells, each float taken from the parts."""
    floats = iter([p for p in row[:-1] if p.__class__ is not str])
    buffer = io.StringIO(newline="")
    SafeWriter(buffer).writerow([next(floats) if c == [] else c for c in json.loads(row[-1])])
    return buffer.getvalue()[:-len(LINE_END)]


def cell_text(cell: sa.ColumnElement, dialect: str) -> sa.ColumnElement:
    """A cell as the text the safe writer gives for the value the driver reads."""
    if isinstance(cell.type, sa.Boolean):
        return sa.case((cell, "True"), else_="False")
    if isinstance(cell.type, sa.Integer):
        return sa.func.coalesce(sa.cast(cell, sa.Text), "")
    if isinstance(cell.type, sa.Date) and dialect == "postgresql":  # a date: str(date)
        return sa.func.coalesce(sa.func.to_char(cell, "YYYY-MM-DD"), "")
    return safe_text(sa.func.coalesce(cell, ""), dialect)  # SQLite keeps dates as text


def safe_text(text: sa.ColumnElement, dialect: str) -> sa.ColumnElement:
    """A text (never NULL; on SQLite, holding no NUL) as `SafeWriter` writes it: with a
    leading apostrophe when it opens with a tab or CR, or with a formula sign after any
    run of blanks (`blank_characters`), then quoted when it holds a quote, comma, CR or LF."""
    find, first = ((sa.func.instr, sa.func.unicode) if dialect == "sqlite"
                   else (sa.func.strpos, sa.func.ascii))
    blanks = _blanks()
    opening = first(text)
    mark = sa.case(
        (sa.or_(opening.between(65, 126), opening.between(48, 57)), ""),  # A-z, 0-9
        (opening.in_([ord("\t"), ord("\r")]), MARK),
        (sa.and_(opening.in_([ord(c) for c in blanks + FORMULA_SIGNS]),
                 first(sa.func.ltrim(text, blanks)).in_([ord(c) for c in FORMULA_SIGNS])), MARK),
        else_="")
    quoted = sa.or_(*[find(text, c) > 0 for c in QUOTED])
    doubled = sa.func.replace(text, '"', '""')
    return sa.case((quoted, _concat([sa.literal('"', sa.Text), mark, doubled,
                                     sa.literal('"', sa.Text)])),
                   else_=_concat([mark, text]))


def _texts_as_they_are(row: sa.Subquery, free: list[sa.ColumnElement], dialect: str) -> sa.ColumnElement:
    """Whether a row's texts but those built cell by cell (`looked_at`, each after a
    SEPARATOR) can go out as they are: none holds a quote, comma, CR or LF, none opens
    with a blank or a formula sign (after any separators: a blank after another, or a
    separator in a text, only sends the row cell by cell), and on SQLite none holds a NUL
    (the texts printf gave are as long as the texts), nor do the texts built cell by cell."""
    opening = "".join(sorted(set(_blanks() + FORMULA_SIGNS) - {SEPARATOR}))
    looked_at = row.c.looked_at
    if dialect == "postgresql":
        return sa.and_(looked_at.op("!~")(f"[{QUOTED}]"),
                       looked_at.op("!~")(SEPARATOR + _bracket(opening)))
    # GLOB reads a long bracket slowly: a row with a text opening with a character past
    # ASCII goes cell by cell
    glob = looked_at.op("GLOB")
    return sa.and_(sa.not_(sa.or_(*[glob(f"*{c}*") for c in QUOTED],
                                  glob(f"*{SEPARATOR}{_bracket(opening, beyond_ascii=True)}*"))),
                   sa.func.length(sa.cast(looked_at, sa.LargeBinary)) == row.c.bytes,
                   *[sa.func.instr(sa.func.coalesce(c, ""), sa.func.char(0)) == 0 for c in free])


def _bracket(chars: str, beyond_ascii: bool = False) -> str:
    """A bracket expression (GLOB's and PostgreSQL's regular expressions') matching any
    of `chars` (which hold no ], ^ nor backslash), as ranges of code points; with
    `beyond_ascii`, any character past ASCII too."""
    codes = sorted(ord(c) for c in chars if c != "-")
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    if beyond_ascii:
        ranges = [r for r in ranges if r[1] < 0x80] + [[0x80, 0x10FFFF]]
    spelt = "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)
    return "[" + ("-" if "-" in chars else "") + spelt + "]"


def _blanks() -> str:
    """The blanks a SQL literal can hold (a NUL it cannot)."""
    return blank_characters().replace("\0", "")


def _is_text(cell: sa.ColumnElement, dialect: str) -> bool:
    """Whether a cell is text as the driver reads it (SQLite keeps dates as text)."""
    if isinstance(cell.type, sa.Boolean | sa.Integer | sa.Float):
        return False
    return dialect == "sqlite" or not isinstance(cell.type, sa.Date)


def _unflattened(stmt: sa.Select, dialect: str) -> sa.Select:
    """A SELECT the database computes once a row when it is read from (as a SQLite
    co-routine, a PostgreSQL subquery scan), not merged into the query around it."""
    return stmt.limit(-1).offset(0) if dialect == "sqlite" else stmt.offset(0)


def _bytes(text: sa.ColumnElement) -> sa.ColumnElement:
    """The length of a text in bytes, NULs counted."""
    return sa.func.length(sa.cast(text, sa.LargeBinary))


def _joined(texts: list[sa.ColumnElement], separator: str, dialect: str) -> sa.ColumnElement:
    """Texts (never NULL) joined by `separator` in one call: printf on SQLite (which
    stops at a NUL), concat_ws on PostgreSQL."""
    if dialect == "sqlite":
        return sa.type_coerce(sa.func.printf(separator.join(["%s"] * len(texts)), *texts), sa.Text)
    return sa.type_coerce(sa.func.concat_ws(separator, *texts), sa.Text)


def _concat_texts(texts: list[sa.ColumnElement], separator: str) -> sa.ColumnElement:
    """Texts joined by `separator` with SQL's ||, which keeps NULs."""
    parts: list[sa.ColumnElement] = []
    for text in texts:
        parts += [sa.literal(separator, sa.Text), text] if parts else [text]
    return _concat(parts)


def _concat(parts: Sequence[sa.ColumnElement | str]) -> sa.ColumnElement:
    """SQL's `a || b || ...` of texts and literal strings."""
    joined = sa.literal(parts[0], sa.Text) if isinstance(parts[0], str) else parts[0]
    for part in parts[1:]:
        joined = joined.op("||")(sa.literal(part, sa.Text) if isinstance(part, str) else part)
    return sa.type_coerce(joined, sa.Text)
