"""The changes feed as Atom (served at /changes.atom): pure, from pipeline/changes.py's
`Change`s to the feed's XML.

The XML is written by feedgen (lxml), which escapes every text; characters that XML 1.0
cannot hold (control characters a document may carry) are dropped first, and a link is
given only for an http(s) url.
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from pipeline.changes import Change, Evidence

from .escape import safe_url, xml_text

FEED_TITLE = "Casualty figures: changes"
ENTRY_ID = "tag:casualty-figures,2026:change/{id}"  # an entry's id, from the change's


def atom(changes: list[Change], feed_url: str, page_url: str,
         now: dt.datetime | None = None) -> bytes:
    """The changes (newest first) as an Atom feed whose own address is `feed_url`, linking
    to the dashboard at `page_url`; updated at the newest change (else `now`)."""
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(FEED_TITLE)
    feed.link(href=feed_url, rel="self", type="application/atom+xml")
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.subtitle("What the store learned: new claims, revisions, new versions, withdrawn "
                  "documents, corrections, re-readings and alerts, newest first.")
    newest = changes[0].at if changes else (now or dt.datetime.now(dt.UTC))
    feed.updated(_utc(newest))
    # feedgen puts each new entry first: add the oldest first, so the feed is newest first
    for change in reversed(changes):
        _entry(feed, change)
    return feed.atom_str(pretty=True)


def _entry(feed: FeedGenerator, change: Change) -> None:
    entry = feed.add_entry()
    entry.id(ENTRY_ID.format(id=change.id))
    entry.title(xml_text(f"{change.kind}: {change.title}"))
    entry.updated(_utc(change.at))
    entry.published(_utc(change.at))
    entry.category(term=change.kind.replace(" ", "-"), label=change.kind)
    href = safe_url(change.url)
    if href:
        entry.link(href=href, rel="alternate")
    lines = [change.detail, *(_statement(e) for e in change.evidence if e.sentence)]
    entry.content(xml_text("\n".join(line for line in lines if line)), type="text")


def _statement(evidence: Evidence) -> str:
    """A statement behind a change as a line of text: label, sentence and (an http(s)
    url only) its document."""
    href = safe_url(evidence.url)
    return f"{evidence.label}: {evidence.sentence}" + (f" ({href})" if href else "")


def _utc(when: dt.datetime) -> dt.datetime:
    """A time of the store (naive UTC) as an aware UTC datetime."""
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when
