"""Casualty mentions in one sentence: which numbers count which category.

The sentence is first reduced to a skeleton (extract/skeleton.py) in which every count
stands as a placeholder `#i#` and every number that is not a count (a date, an age, money)
as `§`. The rules of extract/mention_rules.py then read the skeleton, one after another in
the order of `RULES`, each claiming the counts it reads; a count is read by the first rule
that claims it (see docs/design.md, "The mention engine").

A sentence in capitals or title case is read in lower case, and one wrapped over lines as
one line; the mentions keep the sentence's own offsets and text.

The patterns run on the standard library's engine, which answers each call faster than
`regex`; the few that repeat a group name or look back over a varying width use `regex`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from .lexicon import alternation, normalise, words
from .mention_rules import RULES
from .patterns import in_capitals, lowered
from .reading import TOLLS, TRIGGER, Mention, Openers, Reading, has_trigger
from .sentences import Sentence, split_sentences
from .skeleton import Skeleton, skeleton

__all__ = ["RULES", "Mention", "Skeleton", "find_mentions", "has_trigger", "screen_sentences",
           "skeleton"]

# where the words each rule's pattern opens with start: one scan per sentence
_OPENERS = Openers({r.name: list(r.opens) for r in RULES if r.opens})


def screen_sentences(text: str) -> Iterator[tuple[Sentence, bool]]:
    """Each sentence of a document, and whether it holds a category word: only those can
    state a figure. The lowered document is searched once per such sentence; the sentences
    between two of them cost nothing."""
    low = lowered(text)
    hit = TRIGGER.search(low)
    for sentence in split_sentences(text):
        if hit is not None and hit.start() < sentence.start:
            hit = TRIGGER.search(low, sentence.start)
        yield sentence, hit is not None and hit.start() < sentence.end


def find_mentions(sentence: str, screened: bool = False) -> list[Mention]:
    """Every casualty figure stated in one sentence, in reading order.

    `screened` says the caller already found a category word in the sentence.
    """
    if not screened and not has_trigger(sentence):
        return []
    read = sentence
    if "\n" in read or "\r" in read or "\t" in read or "*" in read or "_" in read:
        read = read.translate(_BLANKS)  # a sentence wrapped over lines reads as one line,
        # and Markdown's emphasis ("**12 people** were killed") as blank space
    if in_capitals(read):
        read = lowered(read)  # a capital marks no name there
    if read == sentence:
        return _read(sentence)
    return [_as_written(m, sentence) for m in _read(read)]


_BLANKS = str.maketrans("\n\r\t*_", "     ")


def _read(sentence: str) -> list[Mention]:
    """The mentions the rules find in a sentence, each stated figure once."""
    reading = Reading.of(sentence, _OPENERS)
    lower, opens = reading.lower, reading.opens
    # (`Rule.applies`, written out: it runs for every rule of every sentence; the openers,
    # a lookup, before the pre-check, a call)
    for test, opener, read in _STEPS_BY_COUNTS[min(len(reading.counts), _MOST_COUNTS)]:
        if (opener is None or opener in opens) and (test is None or test(lower)):
            read(reading)
    mentions = list(reading.found.values()) + reading.extra
    return _finish(sentence, mentions) if mentions else mentions


# the rules, in order, that a sentence with so many counts can run (its last entry for that
# many counts or more)
_MOST_COUNTS = max(r.counts for r in RULES)
_RULES_BY_COUNTS = [tuple(r for r in RULES if r.counts <= k) for k in range(_MOST_COUNTS + 1)]
# each as (its pre-check or None, the name its openers are found under or None, its reading)
_STEPS_BY_COUNTS = [tuple((None if r.plain else r.test, r.name if r.opens else None, r.read)
                          for r in rules) for rules in _RULES_BY_COUNTS]


def _as_written(mention: Mention, sentence: str) -> Mention:
    """The mention with its number's own letters back from the sentence (a mention read
    unchanged is kept as it is)."""
    text = sentence[mention.quantity.start : mention.quantity.end]
    if text == mention.quantity.text:
        return mention
    return replace(mention, quantity=replace(mention.quantity, text=text))


def _finish(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """The attackers' own deaths marked, the figures of another event or another account
    marked, and one mention per stated figure, in reading order."""
    # the attackers' own deaths, however stated ("the assailant was killed", "the four
    # assailants and 27 civilians"), are marked so that a total counts them once
    mentions = [replace(x, perpetrator=True) if not x.perpetrator and _ends_in_attacker(x.subject)
                else x for x in mentions]
    # attackers who "fled" or "seized" a place are neither displaced nor abducted
    mentions = [x for x in mentions if not (x.perpetrator and x.category in ("displaced", "abducted"))]
    if _ANOTHER_EVENT.match(sentence):  # "Earlier on Monday, gunmen shot dead three herders"
        mentions = [x if x.subset or x.trigger in TOLLS else replace(x, additional=True)
                    for x in mentions]
    elif any(x.additional for x in mentions) and _ANOTHER_ACCOUNT.match(sentence):
        # "Another report said 80 others were injured": they restate
        mentions = [replace(x, additional=False) if x.additional else x for x in mentions]
    # one stated figure is one mention, however many rules read it
    unique: dict[tuple[str, int, int], Mention] = {}
    for x in mentions:
        unique.setdefault((x.category, x.quantity.start, x.quantity.end), x)
    return sorted(unique.values(), key=lambda x: x.quantity.start)


_ANOTHER_ACCOUNT = re.compile(rf"(?i)\s*(?:{alternation(words('another_account'))})\b")
_ANOTHER_EVENT = re.compile(rf"(?i)\s*(?:{alternation(words('another_event'))})\b")
_ATTACKER_NOUNS = alternation(words("attackers"))
# a noun phrase that ends in an attacker ("the four assailants"): their own deaths
_ATTACKERS = re.compile(rf"(?i)(?:^|\s)(?:suicide\s+)?(?:{_ATTACKER_NOUNS})$")
_ATTACKER_LAST_WORDS = frozenset(normalise(w).split()[-1] for w in words("attackers"))


def _ends_in_attacker(subject: str) -> bool:
    """True when the counted noun phrase ends in an attacker (its last word is tested first)."""
    last = subject.rsplit(None, 1)[-1].lower() if subject and not subject[-1].isspace() else ""
    return last in _ATTACKER_LAST_WORDS and _ATTACKERS.search(subject) is not None
