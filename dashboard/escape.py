"""Document text made safe for the page: plotly's HTML-like labels, the Atom feed's XML,
and links that only ever go to the document's own http(s) url.

Documents come from anywhere; none of their fields may add an element, a link or an
image to the page.
"""

from __future__ import annotations

import html
import math
from urllib.parse import quote, urlsplit

import regex

# What XML 1.0 cannot hold: control characters but tab and line breaks, lone surrogates,
# U+FFFE and U+FFFF.
_NOT_XML = regex.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What may stay as it is in a link: unreserved characters, the delimiters of a url and
# existing %-escapes. Brackets, parentheses, quotes, spaces and the like are %-encoded.
_URL_SAFE = ":/?#@!$&+,;=%"
LINK_SCHEMES = ("http", "https")
LINK_REL = "noopener noreferrer"  # a document's site gets neither the page nor its address


def plain(value) -> str:
    """A document field as text: missing values (None, NaN) become the empty string."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def safe_url(value) -> str | None:
    """The document's url if it is an http(s) url with a host, %-encoded so that it is one
    attribute in HTML; None for anything else
    (javascript:, data:, relative paths, file urls, garbage)."""
    url = plain(value).strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in LINK_SCHEMES or not host:
        return None
    return quote(url, safe=_URL_SAFE)


def xml_text(value) -> str:
    """A document field for an XML text (the Atom feed): the characters XML cannot hold
    are dropped; the XML writer escapes the rest."""
    return _NOT_XML.sub("", plain(value))


def plotly_text(value) -> str:
    """A document field for plotly's labels (legend, hover, ticks, bar text), which read
    <b>, <i>, <a href> and the like as markup: `<`, `>` and `&` are shown as themselves."""
    return html.escape(plain(value), quote=False)
