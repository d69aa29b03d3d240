"""The Changes view: the store's changes feed (pipeline/changes.py) as page components.

Every text of a change (its title, detail and evidence) may come from a document; it is
only ever a component's text, which the page shows as text, and a link only goes to an
http(s) url (`escape.safe_url`).
"""

from __future__ import annotations

from dash import html

from pipeline.changes import Change, Evidence

from .escape import LINK_REL, plain, safe_url


def change_items(changes: list[Change]) -> html.Ol:
    """The changes, in their order (newest first), as a list."""
    return html.Ol([change_item(c) for c in changes], className="changes")


def change_item(change: Change) -> html.Li:
    """One change: when, what kind, its title and detail, each statement behind it (both,
    before and after, for a revision) and a link to its source."""
    return html.Li([
        html.Span(f"{change.at:%Y-%m-%d %H:%M} UTC", className="when"),
        html.Span(change.kind, className=f"kind kind-{change.kind.replace(' ', '-')}"),
        html.Span(plain(change.title), className="title"),  # bold by style: no markup
        html.Div(plain(change.detail), className="detail") if change.detail else None,
        html.Ul([_evidence(e) for e in change.evidence if e.sentence], className="statements")
        if any(e.sentence for e in change.evidence) else None,
        _link(change.url, "source"),
    ], id=f"change-{change.id}", className="change")


def _evidence(evidence: Evidence) -> html.Li:
    """A statement behind a change: its label ("before", "after", "stated"), its sentence
    and a link to its document."""
    return html.Li([html.Span(f"{evidence.label}: ", className="label"),
                    html.Q(plain(evidence.sentence)), " ", _link(evidence.url, "document")],
                   className=f"statement statement-{evidence.label}")


def _link(url: str, text: str) -> html.A | None:
    """A link to a document's http(s) url, opened apart from the page; None otherwise."""
    href = safe_url(url)
    return html.A(text, href=href, target="_blank", rel=LINK_REL) if href else None
