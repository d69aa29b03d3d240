"""Document formats, as strings: front matter on plain text, and HTML pages.

Pure functions: the caller reads the file or fetches the page and passes its text.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def decode_text(raw: bytes) -> str:
    """The bytes of a text file as text; ValueError naming the reason when they are not."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if "\x00" in text:
        raise ValueError("binary file, not text")
    return text


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
