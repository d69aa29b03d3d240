r"""Characters that change how a number reads but not how it looks.

A zero-width space, a joiner, a direction mark or a soft hyphen (Unicode's format
characters, category Cf) inside "1\u200b000" would split the number in two, and
full-width digits ("１２") would not be read as digits, nor a full-width comma ("３，０００")
as a thousands separator. `clean` removes the format characters and writes the full-width
forms of ASCII characters (U+FF01 to U+FF5E) as ASCII, one for one; the extractor reads the
cleaned text and maps every offset back into the original text with `Cleaned.start`
and `Cleaned.end`, so that evidence points at the characters as written.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

_FORMAT = regex.compile(r"\p{Cf}+")
_SPECIAL = regex.compile(r"[\p{Cf}\uff01-\uff5e]")  # (the quick test: most texts have none)
_FULL_WIDTH = {code: code - 0xFF01 + 0x21 for code in range(0xFF01, 0xFF5F)}  # "１" to "1"


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A text without format characters, and where its characters stand in the original."""

    text: str
    original: str
    cuts: tuple[int, ...] = ()  # cleaned offsets at which removed characters stood
    shifts: tuple[int, ...] = ()  # how many characters were removed up to each cut

    @property
    def changed(self) -> bool:
        """True when cleaning changed the text."""
        return self.text is not self.original

    def start(self, pos: int) -> int:
        """The original offset of the cleaned character at `pos` (a span's start)."""
        k = bisect_right(self.cuts, pos)
        return pos + (self.shifts[k - 1] if k else 0)

    def end(self, pos: int) -> int:
        """The original offset just after the cleaned character before `pos` (a span's end):
        characters removed inside a span stay in it, those after it do not."""
        return self.start(pos - 1) + 1 if pos > 0 else 0

    def span(self, start: int, end: int) -> str:
        """The original text of a cleaned span."""
        if not self.cuts:
            return self.original[start:end]
        return self.original[self.start(start) : self.end(end)]


def clean(text: str) -> Cleaned:
    """The text without format characters and with full-width forms (digits, commas) in
    ASCII; the text itself when it has neither (the common case, at the cost of one quick search)."""
    if _SPECIAL.search(text) is None:
        return Cleaned(text, text)
    cuts: list[int] = []
    shifts: list[int] = []
    parts: list[str] = []
    last = removed = 0
    for m in _FORMAT.finditer(text):
        parts.append(text[last : m.start()])
        removed += m.end() - m.start()
        cuts.append(m.end() - removed)
        shifts.append(removed)
        last = m.end()
    parts.append(text[last:])
    cleaned = "".join(parts).translate(_FULL_WIDTH)
    return Cleaned(cleaned, text, tuple(cuts), tuple(shifts))
