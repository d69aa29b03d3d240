"""Document totals: how many the document reports, per category: for its main event (the
default columns), as the largest stated toll (`killed_toll`, ...) and over all its
incidents (`killed_all_incidents`, ...)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from .invisible import clean
from .lexicon import CATEGORIES, alternation, normalise, words
from .mentions import Mention, find_mentions, screen_sentences
from .numbers import Quantity
from .row import as_date
from .scope import Scope, read_scopes
from .skeleton import skeleton

# what the extra columns of document_totals hold
TOLL_SUFFIX, ALL_INCIDENTS_SUFFIX = "_toll", "_all_incidents"
# the categories whose figures over a few days stand for the main event where the text tells
# of no single incident ("14 were killed in clashes over the weekend")
BRIEF_VIOLENCE = ("killed", "wounded")
TOTAL_COLUMNS = (list(CATEGORIES) + [c + TOLL_SUFFIX for c in CATEGORIES]
                 + [c + ALL_INCIDENTS_SUFFIX for c in CATEGORIES])


def document_mentions(text: str, published: dt.date | str | None = None, title: str = "",
                      ) -> list[tuple[int, Mention, Scope]]:
    """(sentence number, mention, scope) for every figure in a document, in reading order,
    read without format characters (see invisible.py; the offsets are those of the cleaned
    text); `published` resolves the days the text names ("on Monday"). The attackers named
    again without a count ("the assailants were killed") take the count they were given
    before ("Three assailants opened fire")."""
    cleaned = clean(text).text
    screened = list(screen_sentences(cleaned))
    sentences = [s.text for s, _ in screened]
    found = [(k, mention) for k, (sentence, holds) in enumerate(screened) if holds
             for mention in find_mentions(sentence.text, screened=True)]
    if any(m.refers for _, m in found):
        found = [(k, _counted_before(m, sentences[:k + 1]) if m.refers else m) for k, m in found]
    scopes = read_scopes(sentences, found, as_date(published), title)
    return [(k, m, s) for (k, m), s in zip(found, scopes, strict=True)]


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
    return any(w in _ARMED for w in subject.lower().split()[-2:])


def _stand_in(category: str, value: int) -> Mention:
    return Mention(category, Quantity(value, value, value, "exact", False, "", 0, 0), "", "")


def document_totals(text: str, published: dt.date | str | None = None, title: str = "",
                    ) -> dict[str, int | None]:
    """The totals a document reports, per category (None where it reports none): under the
    category's name, its main event's (the incident figures of event 0, see scope.py); under
    `<category>_toll`, the largest toll or stock it states; under
    `<category>_all_incidents`, the sum of its incidents' totals (background left out).
    Where a text tells of no incident with dead or wounded, or its first such figure is
    one of a few days ("killed over the weekend"), those days are its main event.
    `published` resolves the days the text names, which tell its events apart; `title`,
    where it is not part of the text, tells what the text is about (as for extract_figures)."""
    found = _parts_as_wholes(_without_shared_counts(document_mentions(text, published, title)))
    by_event: dict[int, list[tuple[int, Mention]]] = defaultdict(list)  # incidents, by event
    tolls: dict[str, int] = {}
    for k, m, s in found:
        if s.scope == "incident" and s.event is not None:
            by_event[s.event].append((k, m))
        elif s.scope in ("toll", "stock") and not (m.subset or m.superseded or m.quantity.vague):
            tolls[m.category] = max(tolls.get(m.category, 0), _count(m))
    per_event = {event: totals_from_mentions(told) for event, told in by_event.items()}
    totals = dict(per_event.get(0) or {c: None for c in CATEGORIES})
    for category in BRIEF_VIOLENCE:
        first = next((s for _, m, s in found if m.category == category and not m.subset), None)
        # no incident told, or a lede that tells of a few days of violence: those days are the
        # event ("Clashes have killed 22 people over the past two days. ... on Sunday ...")
        if first is not None and (totals[category] is None or first.brief):
            brief = totals_from_mentions(
                (k, m) for k, m, s in found if s.brief and m.category == category)[category]
            if brief is not None:
                totals[category] = max(brief, totals[category] or 0)
    for c, toll_column, all_column in _COLUMNS:
        totals[toll_column] = tolls.get(c)
        summed = [t[c] for t in per_event.values() if t[c] is not None] if per_event else ()
        # (never less than the main event's: a few days of violence may stand for it)
        main = totals[c]
        totals[all_column] = max(sum(summed), main or 0) if summed or main is not None else None
    return totals


# each category's name, and the names of its toll and all-incidents columns
_COLUMNS = [(c, c + TOLL_SUFFIX, c + ALL_INCIDENTS_SUFFIX) for c in CATEGORIES]


def _without_shared_counts(found: list[tuple[int, Mention, Scope]]) -> list[tuple[int, Mention, Scope]]:
    """The mentions without a count of the dead and the hurt together ("five soldiers killed
    and wounded in an ambush"): it says how many were hit, not how many of each."""
    if not any(m.category == "wounded" for _, m, _ in found):
        return found
    spans: dict[tuple[int, int, int], dict[str, str]] = defaultdict(dict)  # category: trigger
    for k, m, _ in found:
        if m.quantity.value > 0:  # ("no casualties": none of either)
            spans[(k, m.quantity.start, m.quantity.end)][m.category] = m.trigger
    shared = {span for span, told in spans.items()  # (one word for both, "casualties", is no pair)
              if {"killed", "wounded"} <= told.keys() and told["killed"] != told["wounded"]}
    return [(k, m, s) for k, m, s in found if (k, m.quantity.start, m.quantity.end) not in shared
            or m.category not in ("killed", "wounded")]


def _parts_as_wholes(found: list[tuple[int, Mention, Scope]]) -> list[tuple[int, Mention, Scope]]:
    """The mentions, with an incident's part counted as a whole where its whole is no
    incident figure: "killed 5 in Ado and 3 in Ife, bringing the toll to 40" is 8 killed
    in the incident, the 40 a toll."""
    if not any(m.subset for _, m, _ in found):
        return found
    other_wholes = {(k, m.category) for k, m, s in found if not m.subset and s.scope != "incident"}
    wholes = {(k, m.category) for k, m, s in found if not m.subset and s.scope == "incident"}
    return [(k, replace(m, subset=False), s) if m.subset and s.scope == "incident"
            and (k, m.category) in other_wholes - wholes else (k, m, s) for k, m, s in found]


def _count(m: Mention) -> int:
    """What a mention adds to a total: a range counts at its upper bound ("4 to 10": 10)."""
    q = m.quantity
    return q.high if q.qualifier == "range" and q.high is not None else q.value
