"""Figures stated by layout: tables, "Place: N" lists and "Killings (9)" items.

Situation reports state many figures in no sentence at all; their layout says what is
counted. Four rules read them, each named in `Laid.rule` (see docs/design.md, "Figures
stated by layout"):

- ``column``: a Markdown (pipe) table or a plain-text table aligned with spaces whose
  header row names what each column counts ("District | Killed | Injured", "Deaths in
  hospital", "New arrivals"): each number in such a column is a figure of that
  category, at the place the row's first cell names when the first column's header is a
  place or a facility ("District", "Hospital"). A row labelled "Total" is a figure of
  its own (subject "total", no place).
- ``row``: a table whose value column names nothing ("Figure", "Value", or no header) and
  whose first cell names what is counted ("Civilians killed | 74 | UNHCR"): a key-figures
  table. A "Source" column gives each row's source.
- ``label``: a list line whose label names what is counted, the count after a colon or
  in brackets: "Killings (9)", "- Injured: 40".
- ``list``: lines "Place: N", "- Place: N", "Place (N)" or "Place      N" under a heading
  line that names what is counted ("Deaths by district (NDMA, 18 May):"): each a figure of
  the heading's category at that place.

What is counted is named with the vocabulary of categories.toml and layout.toml, in
the first words of a header, label or heading (up to "by", "in", a comma or a bracket):
a header of things ("Households displaced", "Trucks", "Funding (US$)", "% injured")
names no category, nor one naming two ("Killed and injured"). A cell or value must be
a number alone ("1,200", "at least 12"), so dates, money, shares and phone numbers are
no figures.

Every line is read at most once, by `str` methods and patterns without nested repeats,
and a line longer than `MAX_LINE` is no row: the reading stays linear however hostile
the text.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from .agencies import find_agencies, lookup
from .attribution import Attributor, Source
from .dates import Period, find_period, report_date
from .invisible import Cleaned
from .lexicon import alternation, category_words, data_table, normalise
from .numbers import Quantity, parse_number
from .row import Figure, figure_id
from .scope import laid_out_scope
from .sentences import Sentence

MAX_LINE = 300  # a longer line is no table row, list line or heading
MAX_LABEL = 80  # the longest label or header cell read

_WORDS = data_table("layout.toml")


def _label_index() -> dict[str, str]:
    """{phrase: category}: the phrases that name what a header or label counts."""
    skip = {normalise(p) for p in _WORDS["not_labels"]}
    index: dict[str, str] = {}
    for category, roles in category_words().items():
        phrases = [*roles.get("after", []), *roles.get("nouns", []), *roles.get("tolls", []),
                   *roles.get("heads", []), *_WORDS["labels"].get(category, [])]
        for phrase in phrases:
            key = normalise(phrase)
            if key not in skip:
                index.setdefault(key, category)
    return index


_LABELS = _label_index()
_LABEL_RE = re.compile(rf"(?<![\w-])(?:{alternation(_LABELS)})(?![\w-])")
_BREAK_RE = re.compile(rf"[(\[,:;]|\s[-–—]\s|(?<![\w-])(?:{alternation(_WORDS['phrase_breaks'])})(?![\w-])")
_OPENERS_RE = re.compile(rf"^(?:\W*(?:{alternation(_WORDS['label_openers'])})(?![\w-])\s*)+")
_NOT_COUNTED_RE = re.compile(rf"(?<![\w-])(?:{alternation(_WORDS['not_counted'])})(?![\w-])")
_UNITS_RE = re.compile(rf"(?<![\w-])(?:{alternation(_WORDS['units'])})(?![\w-])|[%$€£]")
_PLACE_HEADERS = frozenset(normalise(p) for p in _WORDS["place_headers"])
_TOTALS = frozenset(normalise(p) for p in _WORDS["total_labels"])
_SOURCE_HEADERS = frozenset(normalise(p) for p in _WORDS["source_headers"])
_VALUE_HEADERS = frozenset(normalise(p) for p in _WORDS["value_headers"])
_BY_RE = re.compile(r"(?<![\w-])by\s+([^,:;()\[\]]{1,40})")

_DIGIT = re.compile(r"\d")
_BULLET = re.compile(r"[ \t]*(?:[-*•▪◦–+]|\d{1,2}[.)])[ \t]+")
_EMPHASIS = "*_` \t"
_RULE_CELL = re.compile(r":?-{2,}:?")  # a pipe table's delimiter cell: "---", ":--:"
_ALIGNED_SPLIT = re.compile(r"\t+[ \t]*| {2,}\t*")  # columns apart by a tab or two spaces
_CITED = re.compile(r"\([^()\n]{1,80}\)")  # a bracketed source after a count: "6 (WHO)"
_CLOSING = " \t.;,"


@lru_cache(maxsize=4096)
def category_of(label: str) -> str | None:
    """The category a header, label or heading names in its first words ("Deaths by
    district" is killed), or None: none named, two named, things or units counted."""
    low = label.lower()
    if _UNITS_RE.search(low):
        return None
    low = _OPENERS_RE.sub("", low.strip(_EMPHASIS))
    cut = _BREAK_RE.search(low)
    phrase = low[: cut.start()] if cut else low
    if not phrase.strip() or _NOT_COUNTED_RE.search(phrase):
        return None
    found = {_LABELS[normalise(m.group(0))] for m in _LABEL_RE.finditer(phrase)}
    return found.pop() if len(found) == 1 else None


def counted_phrase(label: str) -> str:
    """The first words of a label, which name what is counted ("People killed")."""
    text = label.strip(_EMPHASIS)
    cut = _BREAK_RE.search(text.lower())
    return (text[: cut.start()] if cut else text).strip(" ,-–—")


def _places(header: str) -> bool:
    """True when a first column's header, or a heading's "by ...", names places."""
    return normalise(header.strip(_EMPHASIS)) in _PLACE_HEADERS


def _heading_places(heading: str) -> bool | None:
    """Whether a heading's list is of places: True for "... by district", False for "by
    age group", None when it says nothing ("Deaths (NDMA):")."""
    m = _BY_RE.search(heading.lower())
    if m is None:
        return None
    words = m.group(1).split()
    return any(" ".join(words[:n]) in _PLACE_HEADERS for n in range(1, min(4, len(words)) + 1))


def _number(text: str, offset: int) -> Quantity | None:
    """The count a cell or value states: a number alone, in bold or not ("**1,200**", "at
    least 12"), with its span moved by `offset`; None for anything else."""
    plain = _PLAIN.fullmatch(text)
    if plain is not None:  # (the common case, "12" or "1,200": no need for the full grammar)
        digits = plain.group(1)
        value = int(digits.replace(",", ""))
        return Quantity(value, value, value, "exact", False, digits, offset + plain.start(1),
                        offset + plain.end(1))
    inner = text.strip(_EMPHASIS)
    if not inner or len(inner) > 40 or not _DIGIT.search(inner):
        return None
    q = _count(inner)
    if q is None:
        return None
    shift = offset + text.index(inner)
    return Quantity(q.value, q.low, q.high, q.qualifier, q.vague, q.text, q.start + shift, q.end + shift)


_PLAIN = re.compile(r"[ \t*_`]*(\d{1,3}(?:,\d{3})+|\d{1,15})[ \t*_`]*")


@lru_cache(maxsize=1024)
def _count(inner: str) -> Quantity | None:
    q = parse_number(inner)
    return None if q is None or q.vague else q


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    start: int  # in the document

    @property
    def plain(self) -> str:
        return self.text.strip(_EMPHASIS)


@dataclass(slots=True)
class Line:
    """One line of the document: where it is, and what its layout makes of it."""

    start: int
    end: int
    kind: str  # blank, text, pipe, rule, aligned, item
    cells: list[Cell] = field(default_factory=list)  # pipe and aligned: the cells; item: label, value


@dataclass(frozen=True, slots=True)
class Laid:
    """A figure stated by layout, in the cleaned text's offsets."""

    rule: str  # column, row, label, list
    category: str
    quantity: Quantity
    subject: str
    place: str
    total: bool  # a table's total row, or a key figure: may restate a figure stated elsewhere
    # the evidence: parts (the header or heading, then the row), each of cells' spans
    evidence: tuple[tuple[tuple[int, int], ...], ...]
    source: str  # the row's own source cell, "" if none
    heading: tuple[int, int] | None  # the line above the table or list, if any
    caption: str  # a source in a bracket closing the heading or a "Source: ..." line below


def _lines(text: str) -> list[Line]:
    """Every line of the text, classified."""
    found: list[Line] = []
    start = 0
    for raw in text.split("\n"):
        end = start + len(raw)
        found.append(_classify(text, raw, start, end))
        start = end + 1
    return found


def _classify(text: str, raw: str, start: int, end: int) -> Line:
    if not raw.strip():
        return Line(start, end, "blank")
    if len(raw) > MAX_LINE:
        return Line(start, end, "text")
    if "|" in raw and raw.strip(" \t|"):
        cells = _pipe_cells(raw, start)
        if cells is not None:
            if all(_RULE_CELL.fullmatch(c.plain.replace(" ", "")) for c in cells if c.plain) and any(
                    c.plain for c in cells):
                return Line(start, end, "rule", cells)
            return Line(start, end, "pipe", cells)
    if not _DIGIT.search(raw):
        return Line(start, end, "text")
    item = _item(raw, start)
    if item is not None:
        return Line(start, end, "item", item)
    cells = _aligned_cells(raw, start)
    if cells is not None and _number(cells[-1].text, cells[-1].start) is not None:
        return Line(start, end, "aligned", cells)
    return Line(start, end, "text")


def _pipe_cells(raw: str, start: int) -> list[Cell] | None:
    """The cells of a pipe table's row; None for a line that is no row."""
    body = raw.rstrip()
    lead = len(body) - len(body.lstrip())
    body = body.strip()
    if not body.startswith("|") and body.count("|") < 2:
        return None
    cells: list[Cell] = []
    pos = start + lead
    for part in body.split("|"):
        cells.append(Cell(part, pos))
        pos += len(part) + 1
    if body.startswith("|"):
        cells = cells[1:]
    if body.endswith("|") and cells:
        cells = cells[:-1]
    return cells if len(cells) >= 2 else None


def _aligned_cells(raw: str, start: int) -> list[Cell] | None:
    """The cells of a line aligned in columns (two spaces or a tab apart); None for one."""
    bullet = _BULLET.match(raw)
    lead = bullet.end() if bullet else len(raw) - len(raw.lstrip())
    cells: list[Cell] = []
    pos = lead
    for m in _ALIGNED_SPLIT.finditer(raw, lead):
        if m.start() > pos:
            cells.append(Cell(raw[pos : m.start()], start + pos))
        pos = m.end()
    if pos < len(raw.rstrip()):
        cells.append(Cell(raw[pos:].rstrip(), start + pos))
    return cells if len(cells) >= 2 else None


def _item(raw: str, start: int) -> list[Cell] | None:
    """A list line's label and value: "Label: N", "Label (N)", "Label - N" (with a bullet
    or not, a bracketed source after the count or not); None for any other line."""
    bullet = _BULLET.match(raw)
    lead = bullet.end() if bullet else len(raw) - len(raw.lstrip())
    body = raw.rstrip(_CLOSING + "*_")
    if body.endswith(")"):
        opening = body.rfind("(")
        if opening > lead:
            inner = body[opening + 1 : -1]
            if _number(inner, 0) is not None:  # "Killings (9)"
                label = raw[lead:opening]
                if _label_ok(label) and not _ends_in_number(label):
                    return [Cell(label, start + lead), Cell(inner, start + opening + 1)]
                return None
            cited = _CITED.search(body, lead)
            if cited is not None and cited.end() == len(body):  # "Tiverne: 6 (WHO)"
                body = body[: cited.start()].rstrip(_CLOSING + "*_")
    colon = body.find(":", lead)
    if colon > lead and not body[colon - 1].isdigit():  # (not a time, "10:30")
        label, value = raw[lead:colon], body[colon + 1 :]
        if _label_ok(label) and _number(value, 0) is not None:
            return [Cell(label, start + lead), Cell(value, start + colon + 1)]
        return None
    for dash in (" - ", " – ", " — "):
        at = body.rfind(dash, lead)
        if at > lead:
            label, value = raw[lead:at], body[at + len(dash) :]
            if _label_ok(label) and _number(value, 0) is not None:
                return [Cell(label, start + lead), Cell(value, start + at + len(dash))]
            return None
    return None


_BRACKET_END = re.compile(r"\(([^()\n]{1,80})\)[\s*_]*:?[\s*_]*$")


def _without_date(source: str) -> str:
    """A source's name without the date written after it: "Civil Liberties Forum, 22
    September" gives "Civil Liberties Forum"; a name with commas of its own is kept."""
    name, comma, rest = source.partition(",")
    return name.strip() if comma and _DIGIT.search(rest) else source


def _bracketed(heading: str) -> str:
    """The source a bracket closing a heading names: "Deaths by district (NDMA, 18 May):"
    gives "NDMA"; "(number of victims)" names none."""
    m = _BRACKET_END.search(heading)
    if m is None:
        return ""
    name = m.group(1).split(",")[0].strip()
    if not name[:1].isupper() or _DIGIT.search(name) or len(name.split()) > 6:
        return ""
    return name


def _span(cell: Cell) -> tuple[int, int]:
    inner = cell.text.strip()
    start = cell.start + cell.text.index(inner) if inner else cell.start
    return start, start + len(inner)


def _label_ok(label: str) -> bool:
    label = label.strip(_EMPHASIS)
    return 0 < len(label) <= MAX_LABEL and ". " not in label and "|" not in label


def _ends_in_number(label: str) -> bool:
    """True for "fifty (50)": the bracket restates a number, it is no label's count."""
    words = label.split()
    return bool(words) and parse_number(words[-1]) is not None


class _Blocks:
    """The tables and lists of a text, read into `Laid` figures."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _lines(text)
        self.found: list[Laid] = []

    def read(self) -> list[Laid]:
        lines = self.lines
        k = 0
        while k < len(lines):
            kind = lines[k].kind
            if kind in ("pipe", "rule"):
                end = self._run(k, ("pipe", "rule"))
                self._table(k, end)
                k = end
            elif kind in ("item", "aligned"):
                end = self._run(k, ("item", "aligned"))
                self._list(k, end)
                k = end
            else:
                k += 1
        self.found.sort(key=lambda laid: laid.quantity.start)
        return self.found

    def _run(self, k: int, kinds: tuple[str, ...]) -> int:
        end = k
        while end < len(self.lines) and self.lines[end].kind in kinds:
            end += 1
        return end

    def _above(self, k: int) -> int:
        """The line just above line k (one blank line between allowed), or -1."""
        for j in (k - 1, k - 2):
            if j < 0:
                return -1
            if self.lines[j].kind != "blank":
                return j if self.lines[j].kind == "text" else -1
        return -1

    def _below(self, k: int) -> str:
        """The source a "Source: ..." line just below a table or list gives, or ""."""
        for j in (k, k + 1):
            if j >= len(self.lines):
                return ""
            line = self.lines[j]
            if line.kind != "blank":
                words = self.text[line.start : line.end].strip(_EMPHASIS + "()")
                head, colon, rest = words.partition(":")
                if colon and normalise(head.strip(_EMPHASIS)) in _SOURCE_HEADERS:
                    return _without_date(rest.strip(_EMPHASIS + ". "))
                return ""
        return ""

    def _span(self, j: int) -> tuple[int, int] | None:
        """Line j's span without its blank margins; None for no line (j < 0)."""
        if j < 0:
            return None
        line = self.lines[j]
        raw = self.text[line.start : line.end]
        return line.start + len(raw) - len(raw.lstrip()), line.start + len(raw.rstrip())

    def _line_text(self, j: int) -> str:
        return self.text[self.lines[j].start : self.lines[j].end] if j >= 0 else ""

    def _table(self, first: int, end: int) -> None:
        rows = self.lines[first:end]
        rules = [i for i, row in enumerate(rows) if row.kind == "rule"]
        if rules and rules[0] >= 1:
            header, data = rows[rules[0] - 1], [r for r in rows[rules[0] + 1 :] if r.kind == "pipe"]
        elif self.text[rows[0].start : rows[0].end].lstrip().startswith("|"):
            has_number = any(_number(c.text, c.start) for c in rows[0].cells[1:])
            header, data = (None, rows) if has_number else (rows[0], rows[1:])
            data = [r for r in data if r.kind == "pipe"]
        else:
            return  # "a | b" lines without a delimiter row: no table
        above = self._above(first)
        self._cells(header.cells if header else [], [r.cells for r in data], above,
                    _bracketed(self._line_text(above)) or self._below(end))

    def _cells(self, header: list[Cell], rows: list[list[Cell]], above: int, caption: str) -> None:
        """The figures of a table's cells (rules ``column`` and ``row``)."""
        heading = self._line_text(above)
        width = max(len(header), max((len(r) for r in rows), default=0))
        names = [c.plain for c in header] + [""] * (width - len(header))
        sources = [j for j, name in enumerate(names) if j and normalise(name) in _SOURCE_HEADERS]
        columns: list[str | None] = [None] + [category_of(name) if name else None for name in names[1:]]
        generic = [not name or normalise(name) in _VALUE_HEADERS for name in names]
        numeric = [j for j in range(1, width) if j not in sources and any(
            j < len(r) and _number(r[j].text, r[j].start) for r in rows)]
        from_heading = category_of(heading) if len(numeric) == 1 and generic[numeric[0]] else None
        places = _places(names[0]) if names[0] else _heading_places(heading)
        header_spans = [_span(cell) for cell in header]
        for row in rows:
            if not row:
                continue
            cell_spans = None
            label = row[0].plain
            total = normalise(label) in _TOTALS
            source = row[sources[0]].plain if sources and sources[0] < len(row) else ""
            for j in numeric:
                if j >= len(row) or (names[j] and _UNITS_RE.search(names[j].lower())):
                    continue
                q = _number(row[j].text, row[j].start)
                if q is None:
                    continue
                category, rule = columns[j], "column"
                if category is None and generic[j]:
                    category, rule = category_of(label), "row"
                    if category is None and from_heading:
                        category, rule = from_heading, "column"
                if category is None:
                    continue
                if rule == "row":
                    subject, place = label, ""
                else:
                    subject = "total" if total else (names[j] or counted_phrase(heading))
                    place = "" if total or places is False else label
                shown = (0, j, *sources[:1])
                if cell_spans is None:
                    cell_spans = [_span(cell) for cell in row]
                row_part = tuple(cell_spans[i] for i in shown if i < len(row))
                if header:
                    evidence = (tuple(header_spans[i] for i in shown if i < len(header)), row_part)
                elif above >= 0:
                    evidence = ((self._span(above),), row_part)
                else:
                    evidence = (row_part,)
                self.found.append(Laid(rule, category, q, subject, place, total or rule == "row",
                                       evidence, source, self._span(above), caption))

    def _list(self, first: int, end: int) -> None:
        """The figures of a run of list lines (rules ``label`` and ``list``), or of a table
        aligned with spaces (rule ``column``) when the line above is its header row."""
        above = self._above(first)
        lines = self.lines[first:end]
        if above >= 0 and all(line.kind == "aligned" for line in lines):
            header = _aligned_cells(self._line_text(above), self.lines[above].start)
            if header and len(header) == max(len(line.cells) for line in lines) and all(
                    _number(c.text, c.start) is None for c in header):
                over = self._above(above)
                self._cells(header, [line.cells for line in lines], over,
                            _bracketed(self._line_text(over)) or self._below(end))
                return
        heading = self._line_text(above)
        introduces = heading.rstrip(_EMPHASIS + " ").endswith(":") or heading.lstrip().startswith("#")
        from_heading = category_of(heading) if introduces else None
        places = _heading_places(heading)
        caption = _bracketed(heading) or self._below(end)
        for line in lines:
            if len(line.cells) != 2:
                continue  # an aligned row of several numbers without a header: no figure
            label, value = line.cells
            category, rule = category_of(label.plain), "label"
            if category is None:
                category, rule = from_heading, "list"
            q = _number(value.text, value.start) if category else None
            if q is None:
                continue
            total = normalise(label.plain) in _TOTALS
            if rule == "label":
                subject, place = label.plain, ""
            else:
                subject = "total" if total else counted_phrase(heading.lstrip("# "))
                place = "" if total or places is False else label.plain
            line_part = ((line.start, line.end),)
            evidence = ((self._span(above),), line_part) if introduces else (line_part,)
            self.found.append(Laid(rule, category, q, subject, place, total, evidence, "",
                                   self._span(above), caption))


_HINT = re.compile(r"\||\d[)*_]*[ \t.;,]*$|\d[)*_]*[ \t]*\([^()\n]{1,80}\)[ \t.;,]*$", re.MULTILINE)


def find_laid_out(text: str) -> list[Laid]:
    """Every figure the text states by layout, in order of its number (offsets of `text`)."""
    if _HINT.search(text) is None:
        return []  # (most texts: no line ends in a count and none has a pipe)
    return _Blocks(text).read()


class LayoutFigures:
    """The figures one document states by layout, read alongside its sentences.

    `read` is given each sentence in order with the sources the attributor found in it: a
    table's or list's heading line gives the source it states, a row the source it cites
    and the attributor's choice for it (an item of a list a sourced line opened, else the
    publisher). `figures` then builds the rows of the tidy table, leaving out a number the
    sentences already read (the same span) and a total or key figure that restates one
    the document states elsewhere (same category, value and agency). A total or key figure
    with a source replaces a sentence's figure of the same category and value for which
    no source was named (a highlight restating the table: one figure, the table's source).
    """

    def __init__(self, cleaned: Cleaned, attributor: Attributor, published: dt.date | None) -> None:
        self.cleaned = cleaned
        self.attributor = attributor
        self.published = published
        self.laid = find_laid_out(cleaned.text)
        self.headings = sorted({laid.heading for laid in self.laid if laid.heading})
        self.stated: dict[tuple[int, int], tuple[Source, dt.date | None, Period | None]] = {}
        self.chosen: list[tuple[Source, dt.date | None] | None] = [None] * len(self.laid)
        self._k = self._h = 0

    def read(self, sentence: Sentence, sources: list[Source]) -> None:
        """Note what one sentence (in reading order) says of the figures laid out."""
        if not self.laid:
            return
        headings = self.headings
        while self._h < len(headings) and headings[self._h][1] <= sentence.start:
            self._h += 1
        h = self._h
        while h < len(headings) and headings[h][0] < sentence.end:  # a heading in this sentence
            stated = [s for s in sources if s.attribution != "mentioned"]
            if stated:
                reported, date_span = report_date(sentence.text, self.published)
                period = find_period(sentence.text, reported, self.published, skip=date_span)
                self.stated[headings[h]] = (stated[-1], reported, period)
            h += 1
        laid = self.laid
        while self._k < len(laid) and laid[self._k].quantity.start < sentence.start:
            self._k += 1
        k = self._k
        cites = any(s.attribution == "cited" for s in sources)
        while k < len(laid) and laid[k].quantity.start < sentence.end:
            if laid[k].source or (laid[k].heading in self.stated and not cites):
                k += 1  # (a Source cell or a sourced heading names the source: no choice)
                continue
            source = self.attributor.choose(sources, laid[k].quantity.start - sentence.start,
                                            sentence.text)
            cited = source.attribution == "cited"  # (only a citation after the number is chosen)
            self.chosen[k] = (source, report_date(sentence.text, self.published)[0] if cited else None)
            k += 1

    def figures(self, found: list[Figure], doc_id: str, title: str, url: str, publisher: str,
                published: dt.date | None) -> list[Figure]:
        """The figures laid out, as rows of the tidy table, merged into `found` (the
        sentences' figures) in order of their numbers."""
        if not self.laid:
            return found
        spans = sorted((f.start, f.end) for f in found)
        starts = [s for s, _ in spans]
        seen = {(f.category, f.value, f.agency) for f in found}
        unsourced = {(f.category, f.value): f for f in found if f.attribution == "publisher"}
        replaced: set[str] = set()
        cleaned, text = self.cleaned, self.cleaned.original
        extra: list[Figure] = []
        for laid, chosen in zip(self.laid, self.chosen, strict=True):
            q = laid.quantity
            start, end = cleaned.start(q.start), cleaned.end(q.end)
            k = bisect_left(starts, end)
            if k and spans[k - 1][1] > start:
                continue  # a sentence read this number already
            source, reported, period = self._source(laid, chosen)
            if laid.total:
                if (laid.category, q.value, source.agency) in seen:
                    continue  # a total or key figure restating a figure stated elsewhere
                seen.add((laid.category, q.value, source.agency))
                same = unsourced.get((laid.category, q.value))
                if same is not None and source.attribution != "publisher":
                    replaced.add(same.figure_id)  # the same figure, where no source was named
            extra.append(Figure(
                figure_id=figure_id(doc_id, start, end, laid.category), doc_id=doc_id,
                category=laid.category, value=q.value,
                low=q.low, high=q.high, qualifier=q.qualifier, number_text=text[start:end],
                subject=laid.subject, subset=False, agency=source.agency, agency_text=source.text,
                attribution=source.attribution, carrier=source.carrier, report_date=reported,
                period=period.text if period else "", period_start=period.start if period else None,
                period_end=period.end if period else None, place=laid.place,
                sentence=self._evidence(laid), start=start, end=end, title=title, url=url,
                publisher=publisher, published=published,
                scope=laid_out_scope(laid.category, period.text if period else "", published),
                event=None,
            ))
        if replaced:
            found = [f for f in found if f.figure_id not in replaced]
        return list(heapq.merge(found, extra, key=lambda f: f.start))

    def _source(self, laid: Laid, chosen: tuple[Source, dt.date | None] | None,
                ) -> tuple[Source, dt.date | None, Period | None]:
        """Who states a figure laid out: its row's Source cell, a source its row cites, the
        source its heading states, a "Source:" line below, else the attributor's choice."""
        stated = self.stated.get(laid.heading) if laid.heading else None
        period = stated[2] if stated else None
        if laid.source:
            return _named(laid.source, "cited"), None, period
        if chosen and chosen[0].attribution == "cited":  # "Tiverne: 6 (WHO, 3 May)"
            return chosen[0], chosen[1], period
        if stated:
            return stated[0], stated[1], period
        if laid.caption:
            return _named(laid.caption, "cited"), None, None
        if chosen:
            return chosen[0], None, None
        return Source(self.attributor.publisher, "", "publisher", "media", -1), None, None

    def _evidence(self, laid: Laid) -> str:
        """The header or heading and the row, as written: "District | Killed: Olstan | 12"."""
        out = ""
        for part in laid.evidence:
            words = " | ".join(self.cleaned.span(s, e) for s, e in part)
            out = f"{out}{' ' if out.endswith(':') else ': ' if out else ''}{words}"
        return out


def _named(text: str, how: str) -> Source:
    """A source written in a cell or a caption, resolved to the agency table where it can be."""
    agency = lookup(text)
    if agency is None:
        mentions = find_agencies(text)
        agency = mentions[0].agency if mentions else None
    if agency is None:
        return Source(text, text, how, "", -1)
    return Source(agency.name, text, how, agency.kind, -1)
