"""Document totals: how many the document reports in all, per category."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .lexicon import CATEGORIES
from .mentions import Mention
from .sentences import split_sentences
from .mentions import find_mentions


def document_mentions(text: str) -> list[tuple[int, Mention]]:
    """(sentence number, mention) for every figure in a document, in reading order."""
    found = []
    for k, sentence in enumerate(split_sentences(text)):
        for mention in find_mentions(sentence.text):
            found.append((k, mention))
    return found


def totals_from_mentions(mentions: Iterable[tuple[int, Mention]]) -> dict[str, int | None]:
    """Per category, the document's total: coordinated counts add up ("6 gunmen and two
    hostages"), counts marked as additional ("another three") add to the largest other
    statement, subsets ("including 12 children") and repeats do not count again."""
    groups: dict[str, dict[tuple[int, int], list[Mention]]] = defaultdict(dict)
    for k, m in mentions:
        if m.subset:
            continue
        groups[m.category].setdefault((k, m.group), []).append(m)
    totals: dict[str, int | None] = {c: None for c in CATEGORIES}
    for category, by_group in groups.items():
        base = 0
        added = 0
        for members in by_group.values():
            value = sum(m.quantity.value for m in members)
            if any(m.additional for m in members):
                added += value
            else:
                base = max(base, value)
        totals[category] = base + added
    return totals


def document_totals(text: str) -> dict[str, int | None]:
    """The totals a document reports, per category (None where it reports none)."""
    return totals_from_mentions(document_mentions(text))
