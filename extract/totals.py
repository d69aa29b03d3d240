"""Document totals: how many the document reports in all, per category."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from .invisible import clean
from .lexicon import CATEGORIES, alternation, normalise, words
from .mentions import Mention, find_mentions, screen_sentences
from .numbers import Quantity
from .skeleton import skeleton


def document_mentions(text: str) -> list[tuple[int, Mention]]:
    """(sentence number, mention) for every figure in a document, in reading order, read
    without format characters (see invisible.py; the offsets are those of the cleaned text).
    The attackers named again without a count ("the assailants were killed") take the count
    they were given before ("Three assailants opened fire")."""
    cleaned = clean(text).text
    sentences = list(screen_sentences(cleaned))
    found = [(k, mention) for k, (sentence, holds) in enumerate(sentences) if holds
             for mention in find_mentions(sentence.text, screened=True)]
    if any(m.refers for _, m in found):
        found = [(k, _counted_before(m, [s.text for s, _ in sentences[:k + 1]]) if m.refers else m)
                 for k, m in found]
    return found


_ATTACKER_WORDS = alternation([w for w in words("attackers") if w.endswith(("s", "men"))])
# attackers counted where they are first named: "Three gunmen opened fire", "two suicide bombers"
_ATTACKERS_COUNTED = re.compile(
    rf"(?i)\#(\d+)\#\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_ATTACKER_WORDS})\b"
)


def _counted_before(m: Mention, texts: list[str]) -> Mention:
    """The attackers named again ("the assailants were killed") take the count they were
    last given before (in the sentence, up to the mention, or in a sentence before it);
    with none, they stay as read."""
    for k in range(len(texts) - 1, -1, -1):
        text = texts[k][: m.quantity.start] if k == len(texts) - 1 else texts[k]
        if not _ATTACKER_WORD_HINT.search(text):
            continue
        sk = skeleton(text)
        counted = list(_ATTACKERS_COUNTED.finditer(sk.text))
        if counted:
            q = sk.counts[int(counted[-1].group(1))]
            return replace(m, quantity=replace(m.quantity, value=q.value, low=q.low, high=q.high,
                                               qualifier=q.qualifier))
    return m


_ATTACKER_WORD_HINT = re.compile(rf"(?i)\b(?:{_ATTACKER_WORDS})\b")


def totals_from_mentions(mentions: Iterable[tuple[int, Mention]]) -> dict[str, int | None]:
    """Per category, the document's total.

    Within a sentence, coordinated counts add up ("6 gunmen and two hostages") and counts
    marked as additional ("and another three") add to the largest other one. Across
    sentences the largest sentence total stands, since later sentences mostly restate or
    break down the first; a sentence that only adds ("A policeman was also killed") adds to
    the sentence before it, so that a breakdown ("In Ado, six died. In Ife, four more were
    killed.") never adds to the total it breaks down.
    Subsets ("including 12 children") never count again unless nothing else is stated,
    the attackers' own deaths ("the suicide bomber") count once, on top, and vague
    amounts ("dozens") make no total. A superseded value ("gone up from 682 to 1,376":
    682) never counts.
    """
    by_sentence: dict[str, dict[int, dict[int, list[Mention]]]] = defaultdict(dict)
    perpetrators: dict[str, int] = defaultdict(int)
    subsets: dict[str, int] = defaultdict(int)
    marked = [(k, m, _armed_group(m.subject)) for k, m in mentions  # (sentence, mention, fighters?)
              if not m.superseded]
    drop_fighters = {m.category for _, m, armed in marked if armed} & {
        m.category for _, m, armed in marked if not armed and not m.perpetrator
        and not m.subset and not m.quantity.vague and m.quantity.value > 0  # "no other casualties"
    }
    for k, m, armed in marked:
        if m.quantity.vague or (armed and m.category in drop_fighters):
            continue
        if m.subset:
            subsets[m.category] = max(subsets[m.category], m.quantity.value)
            continue
        if m.perpetrator:
            perpetrators[m.category] = max(perpetrators[m.category], m.quantity.value)
            by_sentence[m.category].setdefault(k, {})
            continue
        by_sentence[m.category].setdefault(k, {}).setdefault(m.group, []).append(m)
    for category, value in subsets.items():  # "14 of them died" and nothing else: 14
        if category not in by_sentence:
            by_sentence[category] = {-1: {-1: [_stand_in(category, value)]}}
    totals: dict[str, int | None] = {c: None for c in CATEGORIES}
    for category, sentences in by_sentence.items():
        best = running = 0
        for groups in sentences.values():
            base = extra = 0
            only_additional = bool(groups)
            for members in groups.values():
                value = sum(_count(m) for m in members)
                if any(m.additional for m in members):
                    extra += value
                else:
                    base = max(base, value)
                    only_additional = False
            # a sentence that only adds ("Two more were killed") adds to the one before it
            running = running + extra if only_additional else base + extra
            best = max(best, running)
        # a whole is never smaller than its stated part ("no casualties among the police" and
        # "two of the attackers were killed" is 2)
        totals[category] = max(best + perpetrators.get(category, 0), subsets.get(category, 0))
    return totals


_ARMED = {normalise(w) for w in words("armed_group_members")}


def _armed_group(subject: str) -> bool:
    """True when the counted people are members of an armed group ("43 rebel fighters")."""
    return any(w in _ARMED for w in normalise(subject).split()[-2:])


def _stand_in(category: str, value: int) -> Mention:
    return Mention(category, Quantity(value, value, value, "exact", False, "", 0, 0), "", "")


def document_totals(text: str) -> dict[str, int | None]:
    """The totals a document reports, per category (None where it reports none)."""
    return totals_from_mentions(document_mentions(text))


def _count(m: Mention) -> int:
    """What a mention adds to a total: a range counts at its upper bound ("4 to 10": 10)."""
    q = m.quantity
    return q.high if q.qualifier == "range" and q.high is not None else q.value
