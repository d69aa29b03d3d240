"""The try-it panel's input: size limits on pasted text and uploads, and reading an
uploaded file in whatever text encoding it is in (extract.formats.decode_text)."""

from __future__ import annotations

import base64

from extract.formats import HTML_SUFFIXES, Document, decode_text, html_document, text_document

MAX_TEXT = 1_000_000  # bytes of pasted text or of an uploaded file


def request_limit(max_text: int) -> int:
    """The largest request body the server reads: the try-it callback carries the pasted
    text (at most `max_text` characters, up to 3 bytes each in UTF-8) and an upload
    (base64: 4 bytes for 3), plus room for the rest of the callback's JSON."""
    return 3 * max_text + -(-4 * max_text // 3) + 64 * 1024


def size_message(what: str, size: int, limit: int) -> str | None:
    """"… is 5.0 MB; the limit is 1 MB." when `size` bytes are over `limit`, else None."""
    if size <= limit:
        return None
    shown, allowed = amount(size, ".1f"), amount(limit)
    if shown == amount(limit, ".1f"):  # just over: rounded, they would read as equal
        shown, allowed = f"{size:,} bytes", f"{limit:,} bytes"
    return f"{what} is {shown}; the limit is {allowed}."


def amount(size: int, style: str = "g") -> str:
    """A number of bytes in kB or MB: "50 kB", "1.5 MB"."""
    scale, unit = (1e6, "MB") if size >= 1e6 else (1e3, "kB")
    return f"{size / scale:{style}} {unit}"


def upload_size(contents: str) -> int:
    """The size in bytes of an upload (a data: URL), without decoding it."""
    payload = contents.partition(",")[2]
    return len(payload) * 3 // 4 - payload[-2:].count("=")


def uploaded_document(contents: str, filename: str | None) -> Document:
    """The document in an upload (a data: URL): an HTML page or text with front matter.
    ValueError, with the reason, when it is not readable text."""
    header, comma, payload = contents.partition(",")
    if not comma or not header.endswith(";base64"):
        raise ValueError("not a file upload")
    text = decode_text(base64.b64decode(payload, validate=True))
    if filename and filename.lower().endswith(HTML_SUFFIXES):
        return html_document(text)
    return text_document(text)
