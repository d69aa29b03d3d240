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
    """Per category, the document's total.

    Within a sentence, coordinated counts add up ("6 gunmen and two hostages") and counts
    marked as additional ("and another three") add to the largest other one. Across
    sentences the largest sentence total stands, since later sentences mostly restate or
    break down the first; a sentence that only adds ("A policeman was also killed") adds.
    Subsets ("including 12 children") never count again, and the attackers' own deaths
    ("the suicide bomber") count once, on top.
    """
    by_sentence: dict[str, dict[int, dict[int, list[Mention]]]] = defaultdict(dict)
    perpetrators: dict[str, int] = defaultdict(int)
    for k, m in mentions:
        if m.subset:
            continue
        if m.perpetrator:
            perpetrators[m.category] = max(perpetrators[m.category], m.quantity.value)
            by_sentence[m.category].setdefault(k, {})
            continue
        by_sentence[m.category].setdefault(k, {}).setdefault(m.group, []).append(m)
    totals: dict[str, int | None] = {c: None for c in CATEGORIES}
    for category, sentences in by_sentence.items():
        stated = 0
        added = 0
        for groups in sentences.values():
            base = extra = 0
            only_additional = bool(groups)
            for members in groups.values():
                value = sum(m.quantity.value for m in members)
                if any(m.additional for m in members):
                    extra += value
                else:
                    base = max(base, value)
                    only_additional = False
            if only_additional:
                added += extra
            else:
                stated = max(stated, base + extra)
        totals[category] = stated + added + perpetrators.get(category, 0)
    return totals


def document_totals(text: str) -> dict[str, int | None]:
    """The totals a document reports, per category (None where it reports none)."""
    return totals_from_mentions(document_mentions(text))
