"""Document formats, as strings: front matter on plain text, and HTML pages.

Pure functions: the caller reads the file or fetches the page and passes its text.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

import charset_normalizer
import regex

_FRONT_MATTER = regex.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<head>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", regex.DOTALL)
_FIELD = regex.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*?)\s*$", regex.MULTILINE)


@dataclass(frozen=True, slots=True)
class Document:
    """A document's main text and what is known about it."""

    text: str
    title: str = ""
    publisher: str = ""
    published: str = ""  # ISO date, or empty
    url: str = ""


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The `key: value` header between two `---` lines at the top, and the body after it."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    fields = {}
    for field in _FIELD.finditer(m.group("head")):
        value = field.group("value")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        fields[field.group("key").lower()] = value
    return fields, text[m.end() :]


def text_document(text: str) -> Document:
    """A plain text or Markdown document, with its front matter read if it has one."""
    fields, body = split_front_matter(text)
    return Document(
        text=body,
        title=fields.get("title", ""),
        publisher=fields.get("publisher", fields.get("source", "")),
        published=fields.get("published", fields.get("date", "")),
        url=fields.get("url", ""),
    )


HTML_SUFFIXES = (".html", ".htm", ".xhtml")


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_NOT_TEXT = regex.compile(r"[\x00\ud800-\udfff]")  # NUL, lone surrogates
LARGEST_GUESS = 0.2  # charset-normalizer's "chaos" above which a guess is no text


def decode_text(raw: bytes, declared: Sequence[str] = ()) -> str:
    """The bytes of a file or page as text: by its byte-order mark, else the first
    declared charset that decodes them, else UTF-8 (with U+FFFD for a few stray bytes in
    text that is plainly UTF-8), else charset-normalizer's guess (Latin-1, UTF-16 without
    a mark, ...). ValueError naming the reason when the bytes are not readable text."""
    for mark, name in _BOMS:
        if raw.startswith(mark):
            text = _strict(raw, name)
            if text is None:
                encoding = name.removesuffix("-sig").upper()
                raise ValueError(f"not valid {encoding} text after its byte-order mark")
            return text
    for name in declared:
        text = _strict(raw, name)
        if text is not None:
            return text
    text = _strict(raw, "utf-8")
    if text is not None:
        return text
    if _mostly_utf8(raw):
        return raw.decode("utf-8", "replace")
    best = charset_normalizer.from_bytes(raw).best()
    if best is None or best.chaos > LARGEST_GUESS or "\x00" in str(best):
        raise ValueError("not text in any encoding that can be told (not UTF-8, and no "
                         "declared or likely encoding decodes it)")
    return str(best)


def _strict(raw: bytes, encoding: str) -> str | None:
    """The bytes decoded, or None when they do not decode or hold NUL (UTF-16 read as
    UTF-8 decodes, with a NUL in every other place)."""
    try:
        text = raw.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None
    return None if "\x00" in text else text


def _mostly_utf8(raw: bytes) -> bool:
    """True for UTF-8 text with a few invalid bytes: more valid non-ASCII characters than
    invalid bytes (text in a one-byte encoding has almost no valid UTF-8 sequences)."""
    text = raw.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if c > "\x7f") - bad
    return "\x00" not in text and good >= max(bad, 1)


def clean_text(text: str) -> str:
    """Text safe to store and index: NUL and lone surrogates dropped, normalised to NFC."""
    if _NOT_TEXT.search(text):
        text = _NOT_TEXT.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_document(doc: Document) -> Document:
    """A document with every field passed through `clean_text`."""
    return replace(doc, text=clean_text(doc.text), title=clean_text(doc.title),
                   publisher=clean_text(doc.publisher), published=clean_text(doc.published),
                   url=clean_text(doc.url))


def file_document(raw: bytes, suffix: str) -> Document:
    """A file's bytes as a document: HTML pages through trafilatura, other text with its
    front matter. ValueError when the file is not readable text."""
    text = decode_text(raw)
    return html_document(text) if suffix.lower() in HTML_SUFFIXES else text_document(text)


def html_document(html: str, url: str = "") -> Document:
    """The main text and metadata of a news page (navigation, footers and banners dropped).

    Raises ValueError when the page has no main text.
    """
    import trafilatura  # imported here: a second or so, and only HTML needs it

    doc = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False, include_tables=True
    )
    if doc is None or not (doc.text or "").strip():
        raise ValueError("no main text found in the HTML")
    return Document(
        text=doc.text,
        title=doc.title or "",
        publisher=doc.sitename or "",
        published=doc.date or "",
        url=url or doc.url or "",
    )
