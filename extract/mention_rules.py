"""The mention rules: each reads one English pattern of a casualty figure in a sentence's
skeleton, and they run in the order of `RULES` (see docs/design.md, "The mention engine").

A rule is a function of one `Reading`, with its patterns beside it. It claims the counts it
reads (a count claimed is taken: no later rule reads it again) and adds the figures that
have no number of their own (a zero, one person). `@rule(...)` declares what the sentence
must hold before the rule is worth running: how many counts, which words, which cheap
pattern, and the words the rule's pattern opens with (the rule is tried only where they
start).

To add a rule: write one function of a `Reading`, decorate it with `@rule`, put it in
`RULES` where it should run, and give it example sentences in
tests/extract/test_mention_rules.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

import regex

from .lexicon import alternation, normalise, words
from .numbers import Quantity
from .patterns import CAPITAL
from .reading import (
    ADDITIONAL,
    AFTER,
    CASELESS,
    COUNT,
    DETERMINER,
    EARLIER_EVENT,
    HEADS,
    KILLED_AFTER,
    LINKING,
    NOUNS,
    OFS,
    OWN_WORD,
    PARTITIVE,
    PERPETRATOR,
    PERSON_NOUN,
    PERSON_NOUN_LAST_WORDS,
    PHRASE_WORD,
    PHRASE_WORD_OR_COUNT,
    PLACEHOLDER,
    STOP_WORD,
    TOLLS,
    VERBS,
    Match,
    Mention,
    Pattern,
    Reading,
    added,
    has_trigger,
    hypothetical,
    names_people,
    names_things,
    one_person,
    other,
    other_time_before,
    persons,
    subject,
    zero,
)
from .skeleton import MONTHS, WEEKDAYS


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule, and what a sentence must hold for it to run."""

    name: str
    read: Callable[[Reading], None]
    counts: int = 0  # how many counts the sentence must hold
    # words the lowered skeleton must hold: each string, and one of each tuple of strings
    words: tuple[str | tuple[str, ...], ...] = ()
    hint: re.Pattern[str] | None = None  # a cheap pattern that must find something there
    # the words the rule's pattern opens with (see `Openers`): a rule that declares them
    # reads only where they start, and is not run where none is found
    opens: tuple[str, ...] = ()
    plain: bool = True  # True when the rule needs no word and no hint (only its counts)
    # the test of `words` and `hint` on the lowered skeleton (see `_pre_check`)
    test: Callable[[str], bool] = bool

    def applies(self, reading: Reading) -> bool:
        """True when the sentence holds what the rule needs."""
        return len(reading.counts) >= self.counts and (self.plain or self.test(reading.lower)) \
            and (not self.opens or bool(reading.opens[self.name]))

    def __call__(self, reading: Reading) -> None:
        if self.applies(reading):
            self.read(reading)


def rule(counts: int = 0, words: tuple[str | tuple[str, ...], ...] = (),
         hint: re.Pattern[str] | None = None, opens: list[str] | tuple[str, ...] = ()
         ) -> Callable[[Callable[[Reading], None]], Rule]:
    """Make a function of a `Reading` a rule named after it (see `Rule`)."""
    def make(read: Callable[[Reading], None]) -> Rule:
        return Rule(read.__name__, read, counts, words, hint, tuple(opens),
                    plain=not words and hint is None, test=_pre_check(words, hint))
    return make


def _pre_check(needs: tuple[str | tuple[str, ...], ...], hint: re.Pattern[str] | None
               ) -> Callable[[str], bool]:
    """The test that a lowered skeleton holds each word of `needs` (one of each tuple) and
    that `hint` finds something there, written out as one expression of `in` tests: the
    generic loop over the words cost more than most rules it kept from running. (A word
    of a tuple that holds another of it is left out: the other is in the text then too.)"""
    clauses = []
    for need in needs:
        alternatives = {need} if isinstance(need, str) else set(need)
        kept = sorted(w for w in alternatives if not any(v != w and v in w for v in alternatives))
        clauses.append("(" + " or ".join(f"{w!r} in lower" for w in kept) + ")")
    if hint is not None:
        clauses.append("hint(lower) is not None")
    source = "lambda lower: " + (" and ".join(clauses) or "True")
    return eval(source, {"hint": hint.search if hint is not None else None})  # noqa: S307


def opening_at(pattern: Pattern, text: str, starts: list[int]) -> list[Match]:
    """`pattern.finditer(text)` for a pattern that can start only at `starts`."""
    found: list[Match] = []
    end = 0
    for pos in starts:
        if pos >= end and (m := pattern.match(text, pos)) is not None:
            end = m.end()
            found.append(m)
    return found


def opening_with_count(pattern: Pattern, r: Reading, before: int) -> list[Match]:
    """`pattern.finditer(r.skel)` for a pattern that opens with a count and ends with a word
    that starts before `before`."""
    found: list[Match] = []
    end = 0
    for start, *_ in r.sk.count_marks:
        if start >= before:
            break
        if start >= end and (m := pattern.match(r.skel, start)) is not None:
            end = m.end()
            found.append(m)
    return found


# --- 1. zero: "no one was killed", "no casualties", "zero casualties" -------------------------

_ZERO = re.compile(
    rf"""(?=[nw\#])  # (the first letters: most positions fail at this one test)
    \b(?P<np>no[\s-]one|nobody|none|no\s+(?:other\s+)?(?:people|person|civilians|one\s+else|lives))
    (?:\s+(?:{LINKING})\b){{0,4}}\s+(?P<trig>{alternation(AFTER)})\b
  | \b(?:no|without)\s+(?:reported\s+|immediate\s+|other\s+)?
    (?P<noun>casualties|casualty|fatalities|deaths|injuries|loss\s+of\s+lives?|one\s+(?:killed|injured|hurt))\b
  | \#(?P<count>\d+)\#\s+(?:reported\s+)?(?P<casualties>casualties)\b   # "zero casualties", if the count is 0
    """,
    re.VERBOSE,  # run on the lowered skeleton
)
# the categories a zero noun denies
_ZERO_NOUNS = {
    "casualties": ("killed", "wounded"),
    "casualty": ("killed", "wounded"),
    "fatalities": ("killed",),
    "deaths": ("killed",),
    "injuries": ("wounded",),
    "loss of life": ("killed",),
    "loss of lives": ("killed",),
    "one killed": ("killed",),
    "one injured": ("wounded",),
    "one hurt": ("wounded",),
}


# what every match of `_ZERO` holds (the cheap test before it)
_ZERO_HINT = re.compile(r"\bno(?:[\s-]|body|ne)|without|casualties")


@rule(words=(("no", "without", "casualties"),), hint=_ZERO_HINT)
def zero_statements(r: Reading) -> None:
    """No one counted: "no one was hurt", "without casualties", "0 casualties"."""
    for m in _ZERO.finditer(r.lower):
        if m.group("count") and r.counts[int(m.group("count"))].value != 0:
            continue
        categories = (
            (AFTER[normalise(m.group("trig"))],)
            if m.group("trig")
            else _ZERO_NOUNS[normalise(m.group("noun") or m.group("casualties"))]
        )
        for category in categories:
            r.add(Mention(category, zero(*r.span(m)), "", "no", group=r.group))
        r.new_group()


# --- 2. label: "Killed: 12", "| Wounded (confirmed) | 30 |" ----------------------------------

# the label may name the people first ("Persons abducted", "People reported missing"), and
# its count may follow a dotted leader or a wide gap ("Persons detained ....... 13")
_LABEL_RE = re.compile(
    rf"""^[^\w\#§]*(?:(?![^|]*\|)(?:(?:{PERSON_NOUN})s?|people|men|women|children)\s+(?:[a-z]+\s+)?)?
        (?P<trig>{alternation(list(AFTER) + list(NOUNS))})(?:\s*\([^()]{{0,40}}\))?
        (?:\s*[:|=–—-][\s|]*|\s*\.{{2,}}\s*|\s{{2,}}){COUNT}""",
    CASELESS,
)
# a row of aligned columns, each label before its count: "Dunmere    killed 7    injured 22"
_ALIGNED = re.compile(r"\S {3,}\S")
_ROW_LABEL_RE = re.compile(
    rf"""(?:^|(?<=\s\s))(?P<trig>{alternation(list(AFTER) + list(NOUNS))})\s+{COUNT}(?=\s\s|\s*$)""",
    CASELESS,
)


@rule(counts=1)
def label(r: Reading) -> None:
    """A label and its count, in a list or a table: "Killed: 12", "Persons detained .... 13",
    and each label of a row of aligned columns: "Dunmere    killed 7    injured 22"."""
    m = _LABEL_RE.match(r.skel)
    found = [m] if m else []
    if not m and "|" not in r.skel and "   " in r.skel and _ALIGNED.search(r.skel):  # (cheap test first)
        found = list(_ROW_LABEL_RE.finditer(r.skel))
    for m in found:
        trig = normalise(m.group("trig"))
        r.claim(int(m.group("i")), AFTER.get(trig) or NOUNS[trig], "", trig, group=r.group)
        r.new_group()


# --- 3. part of: "Of the 205 dead, 12 were children" ----------------------------------------

_PART_OF_RE = re.compile(
    rf"""^[^\w\#§]*(?:of|among(?:st)?)\s+(?:the|those|these)\s+(?:\#\d+\#\s+)?(?:[\w'’-]+\s+){{0,2}}?
        (?P<trig>{alternation(list(AFTER) + list(NOUNS))})\b[^,#§]{{0,40}},\s*
        {COUNT}\s+(?:(?:were|was|are|is)\s+(?P<subj>{PHRASE_WORD}(?:\s+{PHRASE_WORD}){{0,3}}?)(?=\s*(?:[,.;]|$|and\b))
                  # parts by place: "Of the deaths, 9 occurred in Ado and 5 in Bel"
                  |(?:occurred|took\s+place|happened|were\s+(?:recorded|reported))\s+(?:in|at|near)
                   (?:\s+[\w'’-]+){{1,5}}?(?=\s*(?:[,.;]|$|and\b)))""",
    CASELESS,
)


@rule(counts=1)
def part_of(r: Reading) -> None:
    """Parts of a whole named first: "Of the 205 fatalities, 12 were children and 20 women"."""
    m = _PART_OF_RE.match(r.skel)
    if not m:
        return
    trig = normalise(m.group("trig"))
    category = AFTER.get(trig) or NOUNS[trig]
    subj = subject(m.group("subj") or "", r.counts)
    subj = "" if has_trigger(subj) else subj  # "six were specifically killed in Ado": no noun
    if r.claim(int(m.group("i")), category, subj, trig, group=r.group, subset=True):
        r.coordinate_after(m.end(), category, trig, r.group, subset=True)
        r.new_group()


# --- 4. hypothetical: "could kill 10", "threatened to kill 50" -------------------------------

_VERB_RE = re.compile(
    rf"""(?P<trig>\b(?:{alternation(VERBS)}))\s+
        (?:(?:himself|herself|themselves)\s+and\s+)?   # "killing himself and 5 others"
        (?P<add>(?:(?:at\s+least|more\s+than|over|about|some|nearly|up\s+to)\s+)?(?:{ADDITIONAL})\s+)?(?:all\s+|the\s+|his\s+|her\s+|their\s+|a\s+total\s+of\s+)?
        (?P<family>(?:a|an|the)\s+(?:[\w'’-]+\s+)?family\s+of\s+)?   # "killed a family of seven"
        {COUNT}(?P<subj>(?:\s+{PHRASE_WORD_OR_COUNT}){{0,5}})""",
    CASELESS,
)


def _verb_objects(r: Reading) -> list[Match]:
    """The counts taken as the object of a verb ("killed 14 civilians"), found once."""
    found = r.memo.get("verbs")
    if found is None:
        found = r.memo["verbs"] = opening_at(_VERB_RE, r.skel, r.opens["verbs"])
    return found


@rule(counts=1)
def hypotheticals(r: Reading) -> None:
    """A count taken by a hypothetical or threatening verb is no figure: "could kill 10"."""
    for m in _verb_objects(r):
        if hypothetical(r.skel, m):
            r.block(int(m.group("i")))


# --- 5. killed or wounded: "40 people were killed or wounded" --------------------------------

_COMBINED = regex.compile(
    r"""(?:\#(?P<i>\d+)\#[^.;#]{0,80}?\b(?:killed|dead|died)\s+(?:or|and/or)\s+(?:wounded|injured|hurt)
         |\b(?:killed|killing|kills)\s+(?:or|and/or|and)\s+(?:wounded|injured|wounding|injuring)\s+
          (?:at\s+least\s+|more\s+than\s+|some\s+|about\s+)?\#(?P<i>\d+)\#)""",
    CASELESS,
)


@rule(counts=1, words=(" or ",))
def killed_or_wounded(r: Reading) -> None:
    """A count of the killed and the wounded together is a figure of neither."""
    for m in _COMBINED.finditer(r.skel):
        r.block(int(m.group("i")))


# --- 6. verbs: "gunmen killed 14 civilians and 2 soldiers" -----------------------------------

@rule(counts=1, opens=list(VERBS))
def verbs(r: Reading) -> None:
    """A count as the object of a verb: "killed 14 civilians"."""
    for m in _verb_objects(r):
        i = int(m.group("i"))
        if i in r.blocked:
            continue
        trig = normalise(m.group("trig"))
        subj = "family" if m.group("family") else subject(m.group("subj"), r.counts)
        if names_things(subj):
            continue
        additional = bool(m.group("add")) or other(subj)
        if r.claim(i, VERBS[trig], subj, trig, group=r.group, additional=additional):
            r.coordinate_after(m.end(), VERBS[trig], trig, r.group)
            r.new_group()


# --- 7. of: "the deaths of three children" ----------------------------------------------------

_OF_RE = re.compile(
    rf"""(?P<trig>\b(?:{alternation(OFS)}))\s*(?:,\s*(?:at\s+least|some|about|over|more\s+than)\s*,)?\s+
        (?P<add>(?:{ADDITIONAL})\s+)?(?:(?:the|all)\s+)?{COUNT}(?P<subj>(?:\s+{PHRASE_WORD_OR_COUNT}){{0,5}})""",
    CASELESS,
)


@rule(counts=1, opens=list(OFS))
def of(r: Reading) -> None:
    """A noun, "of" and the count: "the killing of five women"."""
    for m in opening_at(_OF_RE, r.skel, r.opens["of"]):
        trig = normalise(m.group("trig"))
        subj = subject(m.group("subj"), r.counts)
        if names_things(subj) or EARLIER_EVENT.search(r.skel, max(0, m.start() - 40), m.start()):
            continue
        if r.claim(int(m.group("i")), OFS[trig], subj, trig, group=r.group,
                   additional=bool(m.group("add"))):
            r.coordinate_after(m.end(), OFS[trig], trig, r.group)
            r.new_group()


# --- parts named "of them": "four of whom were still held", "37 of them had been charged" ------

_DETAINED_PARTS = words("detained_parts")
_OF_THEM_RE = re.compile(
    rf"""{COUNT}\s+of\s+(?:(?P<whom>whom)|them|these|those(?:\s+[\w'’-]+){{0,2}}?|(?P<the>the\s+[\w'’-]+))
        (?:\s+(?:{LINKING})\b){{0,5}}?\s+(?P<trig>{alternation(list(AFTER) + _DETAINED_PARTS)})\b""",
    CASELESS,
)
_DETAINED_PART = {normalise(w) for w in _DETAINED_PARTS}


@rule(counts=1, hint=re.compile(r"\#\s+of\s+(?:whom|them|these|those|the)\b"))
def of_them(r: Reading) -> None:
    """A part of a group counted before, with its own category word after "of whom", "of
    them": "four of whom were still held", "37 of them had been charged", "26 of the
    suspects were indicted" (only people detained are charged: a detained figure)."""
    for m in _OF_THEM_RE.finditer(r.skel):
        trig = normalise(m.group("trig"))
        if trig not in _DETAINED_PART and m.group("whom") is None:
            continue  # "4 of the attackers were killed", "two of them died": read by `after`,
            # with its noun (only "whom" stops its phrase)
        category = "detained" if trig in _DETAINED_PART else AFTER[trig]
        subj = subject(m.group("the") or "", r.counts)
        if r.claim(int(m.group("i")), category, subj, trig, group=r.group, subset=True):
            r.new_group()


# --- taken: "gunmen took more than 80 students", "the total number taken was revised to 84" ---

_ATTACKERS_OR_CAPTORS = re.compile(
    rf"(?i)\b(?:{alternation(words('attackers') + words('captors'))}|militants|kidnappers|abductors)\b")
_TAKE_RE = re.compile(
    rf"""\b(?P<trig>{alternation(words("take_verbs"))})\s+(?:away\s+)?["“”'‘’]?\s*{COUNT}
        (?P<subj>(?:\s+{PHRASE_WORD_OR_COUNT}){{1,5}})""",
    CASELESS,
)
_TAKEN_FROM_RE = re.compile(
    rf"""{COUNT}(?P<subj>(?:\s+{PHRASE_WORD}){{1,4}}?)\s+(?:who\s+were\s+|were\s+|had\s+been\s+)?
        (?P<trig>taken|seized|snatched)\s+from\s+(?:the|their|a|an|its|his|her)\s+(?:[\w'’-]+\s+){{0,3}}?
        (?:{alternation(words("abduction_places"))})\b""",
    CASELESS,
)
_NUMBER_TAKEN_RE = re.compile(
    rf"""\b(?:total\s+)?number\s+(?:of\s+(?:[\w'’-]+\s+){{1,2}}?)?(?P<trig>taken|abducted|kidnapped|seized)\b
        (?!\s+(?:to|into|in|away\s+to)\b)[^.;\#§]{{0,80}}?\b(?:to|at|is|was|reached|stands|stood)\s+{COUNT}""",
    CASELESS,
)
# "took 3 people hostage": read by `nouns`
_HOSTAGE_END = re.compile(r"(?i)\bhostages?$")
# after the object of "took": somewhere they took them to, or another sense ("took 3 hostages")
_TAKEN_TO = re.compile(r"(?i)\s+(?:to|into)\s+(?:the\s+|a\s+)?(?:hospital|clinic|safety)\b")


@rule(counts=1, words=(tuple(words("take_verbs")),),
      hint=re.compile(rf"(?=t)\b(?:{alternation(words('take_verbs'))})\b"))
def taken(r: Reading) -> None:
    """People taken by attackers: "gunmen stormed the school and took more than 80 students",
    "the gunmen had taken 'eighty-four of our children'", "the 84 students taken from their
    school", "the total number taken had been revised to 84"."""
    skel, lower = r.skel, r.lower
    for m in _TAKE_RE.finditer(skel):
        subj = subject(m.group("subj"), r.counts)
        start = r.clause_start(m.start())
        before = skel[max(0, start - 120) : m.start()]  # the takers: in this clause or the one before
        if not subj or names_things(subj) or hypothetical(skel, m) or _HOSTAGE_END.search(subj) \
                or not _ATTACKERS_OR_CAPTORS.search(before) or _TAKEN_TO.match(skel, m.end()):
            continue
        if r.claim(int(m.group("i")), "abducted", subj, "taken", group=r.group):
            r.new_group()
    for m in _TAKEN_FROM_RE.finditer(skel):
        subj = subject(m.group("subj"), r.counts)
        if subj and not names_things(subj) and r.claim(int(m.group("i")), "abducted", subj,
                                                         "taken from", group=r.group):
            r.new_group()
    if "number" in lower:
        for m in _NUMBER_TAKEN_RE.finditer(skel):
            if r.claim(int(m.group("i")), "abducted", "", "number taken", group=r.group):
                r.new_group()


# --- 8. after: "14 civilians were killed", "205 dead" -----------------------------------------

_AFTER_RE = re.compile(
    rf"""{COUNT}(?P<subj>(?:\s+{PHRASE_WORD_OR_COUNT}){{0,16}}?(?:\s+and\s+(?:[\w'’-]+\s+)?[\w'’-]+s(?=[\s,]))?)
        (?P<plus>\s+and\s+(?:a|an|one|the|his|her|their)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{PERSON_NOUN})\b
                 |\s+and\s+another(?:\s+(?:from|of)\s+(?:[\w'’-]+\s+){{0,5}}?[\w'’-]+)?)?
        (?P<including>\s+including\s+[^,;]{{1,80}}?|,\s+including\s+[^,;]{{1,80}}?(?=\s+(?:{LINKING})\b))?
        # an aside: "7 people, 3 of them children, were killed", "6 people, including two
        # aides of the mayor, Ana Ruiz, were killed"
        (?P<aside>\s*,[^,;]{{1,140}},
                  # "including A, B, and C,"
                | \s*,\s*including\s[^,;]{{1,100}}(?:,[^,;]{{1,100}}){{0,3}},\s+and\s[^,;]{{1,100}},
                | \s*,(?!\s*\#)[^,;]{{1,100}},                                 # "including two aides
                  (?![^,;]*\b(?:were|was|are|is|had|have|has)\b)[^,;#]{{1,60}},  #  of the mayor, Ana Ruiz,"
                | \s+(?:--|[-–—])\s[^;–—]{{1,100}}?\s(?:--|[-–—]))?
        (?P<link>(?:,?\s+(?:{LINKING})\b){{0,5}}?,?)(?P<conj>\s+\w+(?<!s)\s+and(?=\s))?  # "shot and [killed]"
        \s+(?P<trig>{alternation(AFTER)})\b(?P<tail>\s+(?:\#\d+\#|(?:a|an|the|his|her|their|its|him|them)\b|
            (?!(?:{"|".join(MONTHS + WEEKDAYS)})\b)(?-i:{CAPITAL})))?""",
    CASELESS,
)
# After "8 displaced": the rest of the phrase when the participle only describes the noun,
# as in "8 displaced Syrians, including four children, were killed".
_ATTRIBUTIVE = re.compile(
    rf"""(?P<subj>(?:\s+{PHRASE_WORD}){{1,4}}?)
        (?P<aside>\s*,[^,;]{{1,100}},)?
        (?P<link>(?:\s+(?:{LINKING})\b){{1,5}}?)
        \s+(?P<trig>{alternation(AFTER)})\b(?P<tail>)""",
    CASELESS,
)
_ADVERBS_ONLY = re.compile(r"(?i)^(?:\w+ly\b\s*)*$")  # "", "formerly", "internally"
_RELATIVE = re.compile(r"(?i)\b(?:who|that)\b")
# "[Nine] of the [injured] later died": the group named by its category word, then the part's own
_PART_ONLY = re.compile(r"(?i)^\s*of\s+(?:the|those|these)\s*$")
_OWN_AFTER = re.compile(rf"(?:\s+(?:{LINKING})\b){{0,4}}?\s+(?P<trig>{alternation(AFTER)})\b", CASELESS)
# "10 troops who had been detained [have been killed]": the main clause's verb
_MAIN_VERB = re.compile(
    rf"""\s+(?:have|has|had|were|was|are)\s+(?:(?:also|reportedly|since|now|been)\s+){{0,2}}
        (?P<trig>{alternation(AFTER)})\b""", CASELESS
)
# a noun for people after the category word: "displaced [people]": the word is an adjective
_PEOPLE_NOUN_NEXT = re.compile(rf"(?i)\s+(?:persons?|people|civilians|families|(?:{PERSON_NOUN})s?)\b")
_SUBJECT_PRONOUN = re.compile(r"(?i)\b(?:they|he|she|we)\b")
_INNER_COUNT = re.compile(r"\#\d+\#(?:\s+[\w'’-]+){1,3}\s+of\s+$")
_PASSIVE = re.compile(r"(?i)\b(?:were|was|been|be|being|are|is|got|get)\b")
_ALSO = re.compile(r"(?i)\b(?:also|another)\b")
# a part of the attackers: "two [of the assailants] were also killed"
_OF_THE_ATTACKERS = re.compile(
    rf"(?i)^\s*of\s+the\s+(?:[\w'’-]+\s+)?(?:{alternation(words('attackers'))})\b")
_LEADING_AND = re.compile(r"(?i)^\s*and\s+")


@rule(counts=1, opens=list(AFTER))  # (the pattern ends with these words)
def after(r: Reading) -> None:
    """A count before its category word: "14 civilians were reportedly killed"."""
    skel, counts, lower = r.skel, r.counts, r.lower
    for m in opening_with_count(_AFTER_RE, r, max(r.opens["after"], default=-1)):
        i = int(m.group("i"))
        subj = subject(m.group("subj"), counts)
        trig = normalise(m.group("trig"))
        later = (_ATTRIBUTIVE.match(skel, m.end("trig")) if _ADVERBS_ONLY.match(subj) and not m.group("link")
                 else None)
        if later:
            trig = normalise(later.group("trig"))
            subj = subject(later.group("subj"), counts)
        # "Nine of the injured later died": a part of the group, with its own word
        elif not m.group("link") and _PART_ONLY.match(m.group("subj")) \
                and (own := _OWN_AFTER.match(skel, m.end("trig"))):
            trig = normalise(own.group("trig"))
        # "10 troops who had been detained have been killed"
        elif m.group("link") and _RELATIVE.search(m.group("link")):
            main = _MAIN_VERB.match(skel, m.end("trig"))
            trig = normalise(main.group("trig")) if main else trig
        if other_time_before(lower, m.start()):
            continue  # "two weeks after 12 police officers were killed": another event
        if _PEOPLE_NOUN_NEXT.match(skel, m.end("trig")) and not _ADVERBS_ONLY.match(m.group("subj").strip()):
            continue  # "ten men attacked a camp of internally displaced people", "two militants
            # shot and killed imam Ana Ruiz": the word is an adjective, or the count's men acted
        if (m.group("conj") or "").split()[:1] in (["him"], ["her"], ["them"]):
            continue  # "two men shot him and fled": the men acted
        if _SUBJECT_PRONOUN.search(m.group("subj")):
            continue  # "41 civilians ... as they tried to reach positions held": another clause
        if lower[max(0, m.start() - 60) : m.start()].rstrip().endswith("of") \
                and _INNER_COUNT.search(skel, max(0, m.start() - 60), m.start()):
            continue  # "six members of one family": part of another count's noun phrase
        verb_like = trig in VERBS and m.group("tail") and not later
        if (verb_like and not _PASSIVE.search(m.group("link"))) or names_things(subj) or i in r.blocked:
            continue
        link = m.group("link")
        partitive = bool(PARTITIVE.match(m.group("subj") + link)) or "among" in link.lower()
        if partitive and _OF_THE_ATTACKERS.match(m.group("subj")) and _ALSO.search(link) \
                and "among" not in link.lower():
            partitive = False  # "Two of the gunmen were also killed": on top of the victims
        additional = added(skel, m.start(), subj) or bool(_ALSO.search(m.group("link")))
        if r.claim(i, AFTER[trig], subj, trig, group=r.group, additional=additional,
                   subset=partitive):
            if m.group("plus"):  # "5 soldiers and a civilian were killed"
                start, end, np = r.span(m, "plus")
                np = _LEADING_AND.sub("", np)
                r.add(Mention(AFTER[trig], one_person(end - len(np), end, np),
                              DETERMINER.sub("", np), trig, group=r.group))
            both = normalise(m.group("conj") or "").removesuffix(" and")
            if AFTER.get(both, AFTER[trig]) != AFTER[trig]:  # "one person was wounded and arrested"
                r.add(Mention(AFTER[both], counts[i], subj, both, group=r.apart_group()))
            r.new_group()


# --- 9. nouns: "31 civilian deaths" -------------------------------------------------------------

_NOUN_RE = re.compile(
    rf"""{COUNT}(?P<subj>(?:\s+{PHRASE_WORD}){{0,3}}?)\s+(?P<trig>{alternation(NOUNS)})\b""",
    CASELESS,
)


@rule(counts=1, opens=list(NOUNS))  # (the pattern ends with these words)
def nouns(r: Reading) -> None:
    """A counted noun: "31 civilian deaths", "89 surgeries"."""
    for m in opening_with_count(_NOUN_RE, r, max(r.opens["nouns"], default=-1)):
        subj = subject(m.group("subj"), r.counts)
        if names_things(subj):
            continue
        trig = normalise(m.group("trig"))
        if r.claim(int(m.group("i")), NOUNS[trig], subj, trig, group=r.group,
                   additional=added(r.skel, m.start(), subj),
                   subset=bool(PARTITIVE.match(m.group("subj")))):
            r.new_group()


# --- registered: "UNHCR has registered 6,400 people" where refugees are spoken of ---------------

_REGISTERED_RE = re.compile(
    rf"""\b(?:registered|counted|received)\s+{COUNT}(?P<subj>(?:\s+{PHRASE_WORD}){{0,3}})""", CASELESS)
_PEOPLE = re.compile(r"(?i)(?:people|persons|individuals|civilians)$")
_DISPLACED_WORDS = [p for index in (AFTER, NOUNS, TOLLS, HEADS) for p, c in index.items()
                    if c == "displaced"] + words("displaced_context")
_DISPLACED_CONTEXT = re.compile(rf"(?i)\b(?:{alternation(_DISPLACED_WORDS)})\b")


@rule(counts=1, words=(("registered", "counted", "received"),),
      hint=re.compile(r"(?=[rc])\b(?:registered|counted|received)\s+\#"))
def registered(r: Reading) -> None:
    """People registered or received where the sentence speaks of people displaced: "refugees
    continue to arrive at the crossing, where UNHCR has registered 6,400 people", "the
    reception centre received 1,200 people, most of them refugees"."""
    if not _DISPLACED_CONTEXT.search(r.skel):
        return
    for m in _REGISTERED_RE.finditer(r.skel):
        subj = subject(m.group("subj"), r.counts)
        if subj and (names_things(subj) or has_trigger(subj)
                     or not (names_people(subj.split()[-1]) or _PEOPLE.match(subj.split()[-1]))):
            continue  # "registered 30 deaths", "received 40 tonnes": not people displaced
        if r.claim(int(m.group("i")), "displaced", subj, "registered", group=r.group):
            r.new_group()


# --- 10. tolls: "the death toll rose to 205" -----------------------------------------------------

_TOLL_RE = re.compile(
    rf"""(?P<trig>\b(?:{alternation(TOLLS)}))\b
        (?:(?!\#\d+\#)[^§.;!?]|(?:from|since)\s+(?:\#\d+\#|§)|(?:\#\d+\#|§)(?=\s+(?:days?|weeks?|months?|hours?)\b)){{0,200}}?
        (?:\b(?:to|at|of|reached|reaches|hit|hits|is|was|stands|stood|passed|passes|tops|topped|exceeded|
              exceeds|surpassed|rose|climbed|now|over|above|past|reach)|:)
        \s+(?:about\s+|around\s+|nearly\s+)?{COUNT}""",
    CASELESS,
)


@rule(counts=1, opens=list(TOLLS))
def tolls(r: Reading) -> None:
    """A total introduced by a noun: "the death toll rose to 205"."""
    for m in opening_at(_TOLL_RE, r.skel, r.opens["tolls"]):
        trig = normalise(m.group("trig"))
        if r.claim(int(m.group("i")), TOLLS[trig], "", trig, group=r.group):
            r.new_group()


# --- 11. heads: "the dead included 12 children" ---------------------------------------------------

_HEAD_RE = re.compile(
    rf"""(?P<trig>\b(?:{alternation(HEADS)}))\s+(?:\w+\s+)?(?:include|included|includes|were|are|was|numbered)\s+{COUNT}(?P<subj>(?:\s+{PHRASE_WORD}){{0,4}})""",
    CASELESS,
)


@rule(counts=1, opens=list(HEADS))
def heads(r: Reading) -> None:
    """The group a part is taken from: "the dead included 12 children"."""
    for m in opening_at(_HEAD_RE, r.skel, r.opens["heads"]):
        trig = normalise(m.group("trig"))
        subj = subject(m.group("subj"), r.counts)
        if r.claim(int(m.group("i")), HEADS[trig], subj, trig, group=r.group, subset=True):
            r.coordinate_after(m.end(), HEADS[trig], trig, r.group, subset=True)
            r.new_group()


# --- 12. subsets: "..., including 12 children" ----------------------------------------------------

_SUBSET_WORDS = words("subset")
_SUBSET_RE = re.compile(
    rf"""\b(?:{alternation(_SUBSET_WORDS)})\s+{COUNT}(?P<subj>(?:\s+{PHRASE_WORD}){{0,4}})""", CASELESS
)


@rule(counts=1, opens=_SUBSET_WORDS)
def subsets(r: Reading) -> None:
    """A part of the figure before it: "killed 30 people, including 12 children"."""
    for m in opening_at(_SUBSET_RE, r.skel, r.opens["subsets"]):
        i = int(m.group("i"))
        before = [x for j, x in r.found.items() if j < i and not x.subset]
        if not before:
            continue
        parent = max(before, key=lambda x: x.quantity.start)
        subj = subject(m.group("subj"), r.counts)
        if names_things(subj):
            continue  # "including several nearby shops"
        if r.claim(i, parent.category, subj, "including", group=r.group, subset=True):
            r.coordinate_after(m.end(), parent.category, "including", r.group, subset=True)
            r.new_group()


# --- 13. among: "23 children were among the 57 people killed" -------------------------------------

_AMONG_RE = re.compile(
    rf"""{COUNT}(?P<subj>(?:\s+{PHRASE_WORD}){{0,3}}?)\s+(?:were|was|are|is)\s+(?:also\s+)?among\s+(?:the\s+)?\#(?P<j>\d+)\#
       | \bamong\s+(?:the\s+)?\#(?P<j2>\d+)\#[^,;.#]{{0,60}}?\s+(?:were|was|are|is)\s+(?:also\s+)?
         \#(?P<i2>\d+)\#(?P<subj2>(?:\s+{PHRASE_WORD}){{0,3}})""",
    CASELESS,
)


@rule(counts=2, words=("among",))
def among(r: Reading) -> None:
    """A part placed among a whole counted with its own number: "23 children were among the
    57 people killed", "Among the 57 people killed were 23 children"."""
    for m in _AMONG_RE.finditer(r.skel):
        i, whole = int(m.group("i") or m.group("i2")), r.found.get(int(m.group("j") or m.group("j2")))
        subj = subject(m.group("subj") or m.group("subj2") or "", r.counts)
        if whole is not None and not whole.subset and not names_things(subj) \
                and r.claim(i, whole.category, subj, "among", group=r.group, subset=True):
            r.new_group()


# --- 14. running totals: "..., bringing the total to 1,320" ---------------------------------------

_RUNNING_TOTAL_RE = re.compile(
    rf"""\b(?:bringing|brings|brought|raising|raises|raised|taking|takes|took|pushing|pushes|pushed)\s+
        (?:the|its|their)\s+[^,;\#§]{{0,60}}?\b(?:total|tally|number|figure|count|toll)\b
        [^,;\#]{{0,40}}?\s+to\s+{COUNT}""",  # (a date may stand between: "the total since 2020 to 41")
    CASELESS,
)


@rule(counts=1, words=(("bring", "brought", "rais", "tak", "took", "push"),),
      hint=re.compile(r"(?=[bprt])\b(?:bring|brought|rais|tak|took|push)"))
def running_totals(r: Reading) -> None:
    """A running total, of which the figures before it are parts: "45 new deaths, bringing
    the total to 1,320", "taking the death toll to 70"."""
    found = r.found
    for m in _RUNNING_TOTAL_RE.finditer(r.skel):
        i = int(m.group("i"))
        before = [j for j, x in found.items() if j < i and not x.subset]
        if before and r.claim(i, found[max(before)].category, "", "total", group=r.group):
            r.new_group()
        if found.get(i) is None:
            continue
        for j in before:  # "45 new deaths, bringing the total to 1,320": the 45 are part of it
            if found[j].category == found[i].category:
                found[j] = replace(found[j], subset=True, additional=False)


# --- revisions: "has gone up from 682 to 1,376", "has risen to 41, up from 19" -------------

_REVISION = alternation(words("revision_verbs"))
_REVISION_RE = re.compile(
    rf"""\b(?P<verb>{_REVISION})\s+(?:[\w'’-]+\s+){{0,2}}?from\s+(?:about\s+|around\s+|some\s+)?
          \#(?P<old>\d+)\#\s+to\s+(?:about\s+|around\s+|at\s+least\s+|more\s+than\s+)?\#(?P<new>\d+)\#
      | ,\s*(?:up|down)\s+from\s+(?:about\s+|around\s+|some\s+)?\#(?P<was>\d+)\#""",
    CASELESS,
)
# a category word of any role, to read what a changed figure counts: "DEATHS rose from 12 to 30"
_ROLES = (AFTER, NOUNS, TOLLS, HEADS, VERBS, OFS)
_CATEGORY_WORD = re.compile(
    rf"\b(?:{alternation([p for index in _ROLES for p in index])})\b", CASELESS)


def _category_before(r: Reading, pos: int) -> str | None:
    """The category of the last category word in the clause that ends at `pos`."""
    words_before = list(_CATEGORY_WORD.finditer(r.skel, r.clause_start(pos), pos))
    if not words_before:
        return None
    word = normalise(words_before[-1].group(0))
    return next(index[word] for index in _ROLES if word in index)


@rule(counts=2, words=("from",), hint=re.compile(r"\bfrom\s+(?:\w+\s+)?\#\d+\#"))
def revisions(r: Reading) -> None:
    """A figure changed, its old value superseded: "the number arrested has gone up from 682
    to 1,376" (1,376, and 682 superseded), "deaths rose from 12 to 30", "the toll has risen to
    41, up from 19". The old value keeps the category of the new one, in a group of its own,
    so that no total counts it."""
    found = r.found
    for m in _REVISION_RE.finditer(r.skel):
        if m.group("was"):  # "..., up from 19": the figure before it is the new value
            old = int(m.group("was"))
            before = [j for j, x in found.items() if j < old and not x.subset and not x.superseded]
            if before and not r.taken(old):
                new = found[max(before)]
                r.claim(old, new.category, new.subject, new.trigger, group=r.apart_group(),
                        superseded=True)
            continue
        old, new_i = int(m.group("old")), int(m.group("new"))
        new = found.get(new_i)
        if new is None and new_i not in r.blocked:
            category = _category_before(r, m.start())
            if category is None or not r.claim(new_i, category, "", normalise(m.group("verb")),
                                               group=r.group):
                continue
            r.new_group()
            new = found[new_i]
        if new is not None and not r.taken(old):
            r.claim(old, new.category, new.subject, new.trigger, group=r.apart_group(),
                    superseded=True)


# --- held by captors: "53 of them are still held by their abductors" --------------------------

_CAPTORS = re.compile(rf"(?i)\b(?:{alternation(words('captors'))})\b")
_HELD = {"held", "being held"}


@rule(counts=1, words=("held",))
def held_by_captors(r: Reading) -> None:
    """People "held" are abducted, not detained, when their holders are captors or when they
    are a part of the people abducted before them: "84 children were abducted; 53 of them are
    still held", "12 passengers are still being held, their captors said"."""
    found = r.found
    captors = _CAPTORS.search(r.skel) is not None
    for i, x in sorted(found.items()):
        if x.category != "detained" or x.trigger not in _HELD:
            continue
        if captors or any(j < i and y.category == "abducted" for j, y in found.items()):
            found[i] = replace(x, category="abducted")


# --- 15. listed before: "6 gunmen and [two hostages were killed]" ---------------------------------

# a count listed before another: "[6 gunmen and ]two hostages", "[5 police and the ]two militants"
_LIST_DETERMINER = r"(?:(?:the|his|her|their|its)\s+)?"
_LISTED = re.compile(rf"(?i)(?:,|\band|\bas\s+well\s+as)\s*{_LIST_DETERMINER}$")
_COORD_BEFORE = re.compile(
    rf"""{COUNT}(?P<subj>(?:\s+{PHRASE_WORD}){{0,9}}?)\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)
        {_LIST_DETERMINER}$""",
    CASELESS,
)
_PART_OF_BEFORE = re.compile(r"(?i)\s+of\s+(?:whom|them)\b")
# one person listed before a count: "[the chief and ]three others were killed"
# a category verb or noun whose object a person is ("killed the gunman", "the death of the bomber")
_OBJECT_OF = alternation(list(VERBS) + list(OFS))
_NAME_BEFORE = rf"""(?-i:{CAPITAL}[\w'’-]+(?:\s+{CAPITAL}[\w'’-]+){{0,4}})"""
_COORD_ONE_BEFORE = regex.compile(
    rf"""(?<![\w'’-])(?<!\b(?:in\s+addition\s+to|besides|apart\s+from|aside\s+from|except)\s+)
        (?<!\b(?:{_OBJECT_OF})\s+)  # counted already, as a verb's object: "killing the gunman and"
        (?:(?P<np>(?:a|an|the|his|her|their|(?-i:{CAPITAL})[\w-]*['’]s)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{PERSON_NOUN}))
             (?P<post>\s+of\s+{_NAME_BEFORE}|\s*,\s*{_NAME_BEFORE}(?=\s*,))?  # "the guard of Ana Ruiz"
           |(?P<np>(?P<name>{_NAME_BEFORE}))
             (?P<post>\s*,\s*(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{PERSON_NOUN})(?=\s*,))?)
                  # "Ana Ruiz, a judge,"
        \s*(?:,\s*(?:and\s+)?|\s+and\s+)(?P<poss>(?:his|her|their)\s+)?$""",  # "the imam, [his] two sons"
    CASELESS,
)
# where a determiner or a capitalised word starts: the only places a noun phrase of
# `_COORD_ONE_BEFORE` can start
_NP_START = re.compile(rf"(?<![\w'’-])(?:(?i:an?|the|his|her|their)\b|{CAPITAL})")


def _coordinated_before(r: Reading, i: int) -> re.Match[str] | None:
    """`_COORD_BEFORE` ending where count `i` starts: it can only start at the count before
    (its noun phrase holds no placeholder), within 100 characters."""
    if i == 0:
        return None
    start, before = r.sk.placeholder_start(i), r.sk.placeholder_start(i - 1)
    return _COORD_BEFORE.match(r.skel, before, start) if before >= start - 100 else None


_POSSESSIVE_LAST = re.compile(r"(?i)(?<=[\s,])(?:his|her|their)$")


def _ends_in_person(text: str) -> bool:
    """The cheap test before `_COORD_ONE_BEFORE`: the words before a closing "," or "and" end
    in a noun for one person or a capitalised word."""
    head = _POSSESSIVE_LAST.sub("", text.rstrip()).rstrip().removesuffix("and").rstrip().rstrip(",").rstrip()
    last = head.rsplit(None, 1)[-1] if head else ""
    return last[:1].isupper() or last.lower() in PERSON_NOUN_LAST_WORDS


def _coordinated_one_before(skel: str, end: int) -> regex.Match | None:
    """`_COORD_ONE_BEFORE.search(skel, end - 80, end)`, tried only where its noun phrase can
    start: its lookbehinds, tried at every character, made it the slowest search of a
    sentence."""
    for word in _NP_START.finditer(skel, max(0, end - 80), end):
        if one := _COORD_ONE_BEFORE.match(skel, word.start(), end):
            return one
    return None


def _opens_clause(r: Reading, pos: int) -> bool:
    """Nothing but a fronted place or time stands between where the clause starts and `pos`."""
    start = r.clause_start(pos)
    fronted = _FRONTED_PLACE_OR_TIME.match(r.skel, start, pos)
    return not r.skel[fronted.end() if fronted else start : pos].strip()


@rule(counts=1)
def listed_before(r: Reading) -> None:
    """Counts and persons listed before a claimed count take its category, and so on
    leftwards: "6 gunmen and [two hostages were killed]", "the chief and [three others]"."""
    skel, found = r.skel, r.found
    pending = sorted(found, reverse=True)
    while pending:
        i = pending.pop(0)
        mention = found[i]
        if mention.trigger == "including":
            continue
        start = r.sk.placeholder_start(i)
        if _PART_OF_BEFORE.match(skel, skel.index("#", start + 1) + 1):
            continue  # "14 survivors, [six of whom were hurt]": a part, not a count listed
        window = r.lower[max(0, start - 12) : start]
        listed = ("," in window or "and" in window or "as " in window) \
            and bool(_LISTED.search(skel, max(0, start - 12), start))  # (the cheap test first)
        m = _coordinated_before(r, i) if listed else None
        if m and not r.taken(int(m.group("i"))):
            subj = subject(m.group("subj"), r.counts)
            if not names_things(subj):
                r.claim(int(m.group("i")), mention.category, subj, mention.trigger,
                        group=mention.group, subset=mention.subset)
                pending.insert(0, int(m.group("i")))
        elif listed and not m and not mention.subset and mention.trigger in AFTER:
            while _ends_in_person(skel[max(0, start - 80) : start]) \
                    and (one := _coordinated_one_before(skel, start)):
                if one.group("name") and not one.group("post") and not one.group("poss") \
                        and (not other(mention.subject) or "," in one.group(0)):
                    break  # a name only before "and three others", or named as a person
                if one.group("post") and not _opens_clause(r, one.start()):
                    break  # "killed Hamza, [the son of Ali and] 12 ...": an object's apposition
                s, e, np = r.span(one, "np")
                r.add(Mention(mention.category, one_person(s, e, np), DETERMINER.sub("", np),
                              mention.trigger, group=mention.group))
                start = one.start()
                # "the chief and three others": the others add to the chief, not to the text
                found[i] = replace(mention, additional=False)


# --- 16. single persons: "a journalist was shot dead" ----------------------------------------------

# "[a journalist] was shot dead": a singular verb and a category word after a noun phrase
# that holds no count. The phrase runs back to the nearest clause start.
_SINGLE_RE = re.compile(
    rf"""\s+(?:(?P<aux>was|(?:has|had)\s+(?:reportedly\s+|also\s+|allegedly\s+)?been)\s+
             |(?P<plural>were|have\s+been)\s+        # only after "a couple"
             |(?:has\s+|had\s+|later\s+|then\s+|also\s+)?(?=died|perished|succumbed|received|suffered|sustained))
        (?:(?:also|reportedly|allegedly|later|then|seriously|critically|slightly|badly|fatally|
              mortally|severely|gravely|shot|stabbed|beaten|attacked|tortured|and|subsequently|
              eventually|instantly|immediately|found|discovered)\s+){{0,4}}
        (?:\w+(?:\s+\w+){{0,5}}?\s+and\s+)?(?P<trig>{KILLED_AFTER})\b""",  # "ambushed ... and killed"
    re.VERBOSE,  # run on the lowered skeleton
)
# the first word of `_SINGLE_RE`'s verb, which opens after blank space
_SINGLE_VERBS = ["was", "were", "have", "has", "had", "later", "then", "also", "died", "perished",
                 "succumbed", "received", "suffered", "sustained"]
_PRONOUN = re.compile(r"(?i)he|she|they")
_NO_ONE = re.compile(r"(?i)\b(?:no[\s-]one|nobody)\b")  # a zero, read by `zero_statements`
_NOT_A_PERSON = re.compile(
    r"(?i)(?:no|nobody|none|there|it|this|which|that|who|what|they|nothing|each|every|any)\b"
    r"|\#\d+\#\s+of\s+(?:whom|them|those|these)\b"  # "one of whom was beheaded": already counted
)
# "On Monday night, at 2100,", "On Tuesday, in Ado, Besk province, Karsova,": a time, or a place
# with its region and country
_PLACE_OR_TIME = rf"""(?:(?:on|during|after|before|shortly|early|late|last|this|yesterday|today)
                         \b[^,\#]{{0,40}},\s+
                       |(?:in|at|near|outside|around)\b[^,\#]{{0,40}},\s+
                        (?:(?-i:{CAPITAL})[\w'’.-]*(?:\s+(?-i:{CAPITAL})[\w'’.-]*){{0,3}},\s+){{0,3}}){{1,3}}"""
_FRONTED = re.compile(
    rf"""(?i)(?:{_PLACE_OR_TIME}|[^,\#]{{1,40}},\s+)         # "On the 28th, another man ..."
         (?=(?:a|an|another|the|one|his|her|their)\b)""",
    re.VERBOSE,
)
_FRONTED_PLACE_OR_TIME = re.compile(rf"(?i){_PLACE_OR_TIME}", re.VERBOSE)
# a clause of its own, with its verb and a comma, before a noun phrase (not "who was ...")
_CLAUSE_BEFORE = re.compile(
    r"(?<!who )(?<!which )(?<!that )\b(?:was|were|has\s+been|have\s+been|had\s+been)\s[^,]*,\s*")
_INCLUDING = re.compile(r"(?i)(?:including|among\s+them)\s+")
_COUPLE = re.compile(r"(?i)\b(?:a|an|the)\s+(?:[\w'’-]+\s+){0,2}?couple\b")
_RELATIVE_CLAUSE = re.compile(r"(?i),?\s+(?:who|which|that|whose)\s")
_RELATIVE_TAIL = re.compile(r"(?i),?\s+(?:who|that)\s*$")
# "... was killed[ and his son injured]"
_ELLIPTICAL_ONE = re.compile(
    rf"""\s*,?\s+and\s+(?P<np>(?:his|her|their|a|an)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{PERSON_NOUN}))\s+
        (?:was\s+|were\s+)?(?:also\s+|seriously\s+|slightly\s+|critically\s+)?
        (?P<trig>{KILLED_AFTER})\b""",
    CASELESS,
)
# "... was shot dead[ along with his partner]", "[ along with 3 others]"
_ALONG_WITH = regex.compile(
    rf"""[^.;#]{{0,40}}?\b(?:(?:along\s+with|alongside|together\s+with)\s+
        (?:(?:(?:his|her|their)\s+)?(?:another\s+)?{COUNT}(?P<subj>(?:\s+{PHRASE_WORD}){{0,4}})
          |(?P<one>(?:a|an|his|her|their|another)\s+(?:[\w'’-]+\s+){{0,2}}?[\w'’-]*[^\Ws]\b))
        |with\s+{COUNT}(?P<subj>\s+others?\b))""",
    CASELESS,
)


def _counted(mention: Mention | None) -> bool:
    """True for a count already read as a figure of its own (not as a subset)."""
    return mention is not None and not mention.subset


def _head_phrase(np: str, counts: list[Quantity]) -> str:
    """The noun phrase that names who is counted, out of a longer one: before any relative
    clause, after the last comma, without prepositional phrases ("Colombia, the mayor, Ana
    Ruiz, who ..." gives "Ana Ruiz"; "a woman in the car" gives "a woman")."""
    low = np.lower()
    if "wh" in low or "that" in low:  # (the cheap test first)
        np = _RELATIVE_CLAUSE.split(np, maxsplit=1)[0].rstrip(", ")
    else:
        np = np.rstrip(", ")
    return subject(np.rsplit(",", 1)[-1], counts)


def _plural(np: str, counts: list[Quantity]) -> bool:
    """True when a noun phrase names more than one person: its last word is a plural noun
    ("the civilians", "protesters who"), or, when it ends in a name ("a candidate in Isla
    Mujeres"), the noun before its first preposition is."""
    words = [w.strip(",.;:") for w in np.split()]
    relative = False
    while words and words[-1].lower() in ("who", "that", "which"):  # "protesters who [died]"
        words.pop()
        relative = True
    last = words[-1] if words else ""
    if not relative and last[:1].isupper():
        last = (subject(np, counts).split() or [""])[-1]
    last = last.lower()
    return (last.endswith("s") and not last.endswith("ss")) or last.endswith("men") \
        or last in ("children", "people", "police", "personnel")


def _relative_tail(sentence: str, start: int, end: int) -> re.Match[str] | None:
    """`_RELATIVE_TAIL` in `sentence[start:end]`, searched only when the stretch ends in
    "who" or "that" (the cheap test first)."""
    if not sentence[start:end].rstrip()[-4:].lower().endswith(("who", "that")):
        return None
    return _RELATIVE_TAIL.search(sentence, start, end)


def _blank_before(text: str, starts: list[int]) -> list[int]:
    """Where the blank space before each word starting at `starts` begins (a word with none
    before it is left out)."""
    found = []
    for start in starts:
        pos = start
        while pos and text[pos - 1].isspace():
            pos -= 1
        if pos < start:
            found.append(pos)
    return found


def _single_subject(r: Reading, m: Match) -> int | None:
    """Where the noun phrase before a single person's verb starts, or None when there is no
    such person ("no one", "it", another event, a count read already)."""
    skel, lower = r.skel, r.lower
    np_start = r.clause_start(m.start())
    fronted = _FRONTED.match(skel, np_start, m.start())  # "On the 28th, another man ..."
    if not fronted and other_time_before(lower, np_start) \
            and not _PRONOUN.fullmatch(skel[np_start : m.start()].strip()):
        return None  # "a month after one of her colleagues was murdered": another event (but
        # "killed the day after he was kidnapped" is the same person)
    np_start = fronted.end() if fronted else np_start
    if lower[max(0, np_start - 4) : np_start].rstrip().endswith("if"):
        return None  # "it was not known if the chief was killed": no statement that he was
    comma = "," in lower[np_start : m.start()]
    for clause in _CLAUSE_BEFORE.finditer(lower, np_start, m.start()) if comma else ():
        np_start = clause.end()  # "A guard was killed, [Ana Ruiz] was wounded"
    return np_start


@rule(opens=_SINGLE_VERBS)  # (the pattern opens with the blank space before these)
def single_persons(r: Reading) -> None:
    """One person, named by a noun phrase with no count: "a journalist was shot dead"."""
    sentence, sk, skel, counts = r.sentence, r.sk, r.skel, r.counts
    couples = "couple" in r.lower
    for m in opening_at(_SINGLE_RE, r.lower, _blank_before(r.lower, r.opens["single_persons"])):
        if m.group("plural") and not couples:
            continue  # "were killed" reads one person only after "a couple" (see below): the
            # test that drops most matches, made before the noun phrase is looked for
        np_start = _single_subject(r, m)
        if np_start is None:
            continue
        part = _INCLUDING.match(skel, np_start, m.start())  # "..., including General Musse, who"
        np_start = part.end() if part else np_start
        np_text = skel[np_start : m.start()]
        inner = [int(i) for i in PLACEHOLDER.findall(np_text)]
        if not np_text or any(counts[i].value != 1 or _counted(r.found.get(i)) for i in inner) \
                or _NOT_A_PERSON.match(np_text) or ("no" in np_text.lower() and _NO_ONE.search(np_text)) \
                or names_things(_head_phrase(np_text, counts)):
            continue  # "Ana Ruiz, one of the best known reporters, was killed" is still one;
            # "the attack was executed" names a thing
        couple = _COUPLE.search(np_text) if m.group("plural") else None
        if m.group("plural") and not couple:
            continue
        if not m.group("aux") and not m.group("plural") and _plural(np_text, counts):
            continue  # "the policemen and civilians received minor injuries": not one person
        trig = normalise(m.group("trig"))
        start, end = sk.to_sentence(np_start), sk.to_sentence(m.start())
        if rel := _relative_tail(sentence, start, end):  # "the chairman, who [was hurt]"
            end = rel.start()
        np = sentence[start:end]
        also = _ALSO.search(m.group(0))
        subj = " ".join(subject(DETERMINER.sub("", np), counts).split()[-6:])
        if couple:  # "a Chinese couple abducted in Quetta have been killed"
            start, end = sk.to_sentence(np_start + couple.start()), sk.to_sentence(np_start + couple.end())
            np = sentence[start:end]
            subj = DETERMINER.sub("", np)
        r.add(Mention(AFTER[trig], persons(start, end, np), subj, trig, group=r.group,
                      additional=bool(also) or added(skel, np_start, np)
                      or np_text.lower().startswith("another "), subset=bool(part)))
        r.coordinate_after(m.end(), AFTER[trig], trig, r.group)
        _also_after_one(r, m, trig)
        r.new_group()


def _also_after_one(r: Reading, m: Match, trig: str) -> None:
    """The persons named after one: "... was killed and his son injured", "... was shot dead
    along with his partner"."""
    also = _ELLIPTICAL_ONE.match(r.skel, m.end())
    if also:  # "... was killed and his son injured"
        s, e, np = r.span(also, "np")
        r.add(Mention(AFTER[normalise(also.group("trig"))], one_person(s, e, np),
                      DETERMINER.sub("", np), normalise(also.group("trig")),
                      group=r.apart_group()))
    along = _ALONG_WITH.match(r.skel, m.end())
    if along and along.group("one"):  # "... was shot dead along with his partner"
        if not names_things(along.group("one").split()[-1]):
            start, end, np = r.span(along, "one")
            r.add(Mention(AFTER[trig], one_person(start, end, np),
                          DETERMINER.sub("", np), trig, group=r.group))
    elif along:
        r.claim(int(along.group("i")), AFTER[trig], subject(along.group("subj"), r.counts), trig,
                group=r.group)


# --- 17. pairs: "his wife and his driver were killed" ----------------------------------------------

# "[his wife] and [his driver] were killed", "[Ana Ruiz] and [Luis Mena] were shot dead"
_ONE_PERSON = rf"""(?:(?:a|an|the|his|her|their|another)\s+(?:[\w'’()-]+\s+){{0,4}}?(?:{PERSON_NOUN})
                   |(?-i:{CAPITAL}[\w'’-]+(?:\s+{CAPITAL}[\w'’-]+){{0,2}}))"""
_PAIR_RE = re.compile(
    rf"""(?P<np>(?P<a>{_ONE_PERSON})(?P<apposed>\s*,[^,;#§]{{1,80}},)?   # "Ana Ruiz, the mayor,"
        (?P<tail>\s+(?:of|from|in|at|near|for|with|on|[\w'’-]+ing)\b(?:\s+(?!and\b)[\w'’-]+){{0,5}}?
                 (?=\s+and\s+(?:his|her)\s))?  # "a chief from Ado [and his wife]"
        \s+and\s+(?P<b>{_ONE_PERSON}|(?:[\w'’-]+\s+)?(?:{PERSON_NOUN})(?<![sn]\b))(?:\s*,[^,;#§]{{1,80}},)?)\s+
        (?:were|have\s+been|had\s+been)\s+(?:(?:also|reportedly|allegedly|later|then|fatally|
        shot|stabbed|beaten|attacked|and|subsequently|found)\s+){{0,4}}
        (?P<trig>{KILLED_AFTER})\b""",
    CASELESS,
)
# what every match of `_PAIR_RE` holds: "and", then (with no ";" between) a plural verb and
# a category word; the full pattern runs only where this cheap test finds it
_PAIR_HINT = re.compile(
    rf"""\sand\s[^;#§]*?\s(?:were|have\s+been|had\s+been)\s+(?:\w+\s+){{0,4}}(?:{KILLED_AFTER})\b"""
)
# a title before the pair: "party leader [Ana Ruiz and Luis Mena]"
_TITLE = re.compile(rf"""\s*(?:(?-i:{CAPITAL}|\()[\w'’().-]*\s+)+(?:{PERSON_NOUN})\s+""", CASELESS)


@rule(words=("and", ("were", "been")), hint=_PAIR_HINT)
def pairs(r: Reading) -> None:
    """Two persons named as the subject: "his wife and his driver were killed"."""
    for m in _PAIR_RE.finditer(r.skel):
        np_start = r.clause_start(m.start("np"))
        fronted = _FRONTED_PLACE_OR_TIME.match(r.skel, np_start, m.start("np"))  # "On Tuesday, in Ado, ..."
        prefix = r.skel[fronted.end() if fronted else np_start : m.start("np")]
        if prefix.strip() and not _TITLE.fullmatch(prefix):
            continue  # the pair is the whole subject, or comes after a title: "party leader"
        trig = normalise(m.group("trig"))
        b_start, b_end, _ = r.span(m, "b")  # read before as one ("[his wife] had been killed"):
        group = next((x.group for x in r.extra  # the pair joins its group
                      if x.quantity.start < b_end and b_start < x.quantity.end), r.group)
        for part in ("a", "b"):
            start, end, np = r.span(m, part)
            r.add(Mention(AFTER[trig], one_person(start, end, np), DETERMINER.sub("", np), trig,
                          group=group))
        r.new_group()


# --- 18. one person as an object: "gunmen killed a village chief" ----------------------------------

_NAME = rf"""(?-i:{CAPITAL}[\w'’.-]+(?:\s+{CAPITAL}[\w'’.-]+){{0,3}})(?<!\w\w\.)"""  # not the sentence's stop
_FUNCTION_WORDS = r"""a|an|the|by|in|on|at|for|from|with|during|after|before|near|as|when|while|
                     and|or|to|of|his|her|their|its|this|that|these|those|who|which"""
_SINGLE_OBJECT_RE = re.compile(
    rf"""(?P<trig>\b(?:{alternation(list(VERBS) + list(OFS))})),?\s+
        (?P<np>(?:a|an|one|his|her|their|another)\s+(?:[\w'’§()-]+\s+){{0,5}}?(?:{PERSON_NOUN})\b(?![\w'’-])
             # "a" and up to where the phrase ends, if in sight, else one word
             | (?P<any>(?:a|an)\s+(?:[\w'’§-]+\s+){{0,3}}?[\w'’-]+
                       (?=\s*(?:[,.;:()]|$)|\s+(?:in|on|at|near|of|with|to|from|for|as|during|after|
                                                 outside|inside|while|when|who|and|by|was|were|ago)\b)
                       |(?:a|an)\s+[\w'’-]+)
             | the\s+(?!(?:{PERPETRATOR})\b(?![\w'’-]))(?:[\w'’§-]+\s+){{0,4}}?(?:{PERSON_NOUN})\b(?![\w'’-])
             | (?P<perp>the\s+(?:lone\s+)?{PERPETRATOR})\b
             | (?P<another>another)\b(?=\s*(?:[,.;]|$|(?:in|on|at|and|when|as|while|during|with)\b))
             | (?:him|her)\b(?!\s+(?:own|family|home|house|husband|wife|son|daughter|brother|sister|
                                   father|mother|car|way)\b)
             | (?:[\w'’-]+\s+){{0,3}}?(?:{PERSON_NOUN})\s+{_NAME}(?![\w'’-])
             | (?:(?:{PERSON_NOUN})\s+)?(?!(?:{_FUNCTION_WORDS})\b){_NAME}(?![\w'’-])  # not "AND" in capitals
             | (?P<bare>(?:(?!(?:{STOP_WORD}|{_FUNCTION_WORDS})\b)[\w'’-]+\s+){{0,3}}?(?:{PERSON_NOUN})\b
                       (?=\s*(?:[,.;:]|$)|\s+(?:in|on|at|near|of|with|as|during|after|outside|inside|while|
                                             when|who|late|early|last|this|yesterday|today)\b)))""",
    CASELESS,
)
_WEEKDAY_OR_MONTH = re.compile(
    r"(?i)^(?:"
    + "|".join(WEEKDAYS + MONTHS)
    + r"|the|a|an|at|in|on|more|some|dozens|hundreds|scores|several|many|all)\b"
)
_ARTICLE_BEFORE = re.compile(r"(?i)\b(?:a|an|the)\s+$")
# after the object of a verb, a speech verb: the "object" was the speaker ("killed, OCHA said")
_SPEAKER_AFTER = re.compile(
    rf"(?i)\s+(?:also\s+)?(?:{alternation(words('speech_verbs_after_object'))})\b")
# a verb made passive ("were killed"): it takes no object
_PASSIVE_BEFORE = re.compile(r"(?i)\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$")
_COUNT_BEFORE = re.compile(r"\#\d+\#\s+$")
_PLACE_VERBS = {normalise(w) for w in words("place_verbs")}
_CAPITALISED_PLURAL = re.compile(rf"(?-i:{CAPITAL})[\w'’-]*[^\Ws]s")  # a people: "Palestinians"
_PERSON_WORD = re.compile(rf"(?i)\b(?:{PERSON_NOUN}|him|her)\b")
_OF_COUNT = re.compile(r"\s+of\s+\#\d+\#")
# after the object, more: "killed a judge allied with the rebels[ and seven members of his family]"
_MODIFIED_AND = re.compile(
    rf"""[^,.;:#§]{{1,60}}?\s+and\s+(?:(?:{ADDITIONAL})\s+)?{COUNT}(?P<subj>(?:\s+{PHRASE_WORD_OR_COUNT}){{0,5}})""",
    CASELESS,
)
_MODIFIED_AND_ONE = re.compile(
    rf"""[^,.;:#§]{{1,60}}?,?\s+and\s+(?P<np>(?:a|an|his|her|their)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{PERSON_NOUN}))\b""",
    CASELESS,
)


def _not_an_object(r: Reading, m: Match, trig: str, category: str) -> bool:
    """True when the words after the verb name no person it took: a time, a speaker, a
    place or a thing, a noun the verb only describes."""
    skel, np_text = r.skel, m.group("np")
    if hypothetical(skel, m) or (
        not m.group("perp") and np_text[:1].isupper() and _WEEKDAY_OR_MONTH.match(np_text)
    ):
        return True
    if trig not in OFS and _ARTICLE_BEFORE.search(skel, max(0, m.start() - 5), m.start()):
        return True  # "a kidnap kingpin", "the kill list": a noun's modifier, not a verb
    if _SPEAKER_AFTER.match(skel, m.end("np")) or (
            not trig.endswith("ing") and _PASSIVE_BEFORE.search(skel, max(0, m.start() - 30), m.start())):
        return True  # "five were killed, OCHA said": a passive verb takes no object; a speaker
    if trig in OFS and EARLIER_EVENT.search(skel, max(0, m.start() - 40), m.start()):
        return True
    if _COUNT_BEFORE.search(skel, max(0, m.start() - 12), m.start()):
        return True  # "eight displaced Syrians": the word describes a count's noun
    if m.group("bare") and (category != "killed" or trig == "lost"):
        return True  # a bare noun as the object ("kill village chief"): headline style
    if trig in _PLACE_VERBS and not _PERSON_WORD.search(np_text):
        return True  # "to seize Tripoli", "captured the airport": a place or a thing
    if _CAPITALISED_PLURAL.fullmatch(np_text):
        return True  # "displaced Palestinians": a people, not a person
    if m.group("any") and (category != "killed" or trig == "lost" or names_things(
            DETERMINER.sub("", m.group("any")).split()[-1])):
        return True
    return bool(_OF_COUNT.match(skel, m.end("np")))  # "killed a family of seven": the count is the figure


@rule(opens=list(VERBS) + list(OFS))
def single_objects(r: Reading) -> None:
    """One person as the object of a verb or after "of": "gunmen killed a village chief",
    "the killing of a journalist"."""
    for m in opening_at(_SINGLE_OBJECT_RE, r.skel, r.opens["single_objects"]):
        trig = normalise(m.group("trig"))
        category = VERBS.get(trig) or OFS[trig]
        if _not_an_object(r, m, trig, category):
            continue
        start, end, np = r.span(m, "np")
        r.add(Mention(category, persons(start, end, np),
                      subject(DETERMINER.sub("", np), r.counts), trig, group=r.group,
                      additional=np.lower().startswith("another") and not m.group("another"),
                      perpetrator=bool(m.group("perp"))))
        r.coordinate_after(m.end(), category, trig, r.group)
        later = _MODIFIED_AND.match(r.skel, m.end())
        if later and not OWN_WORD.match(r.skel, later.end()):
            # "killed a judge allied with the rebels and seven members of his family"
            subj = subject(later.group("subj"), r.counts)
            if subj and not names_things(subj):
                r.claim(int(later.group("i")), category, subj, trig, group=r.group)
        elif (one := _MODIFIED_AND_ONE.match(r.skel, m.end())) and not OWN_WORD.match(r.skel, one.end()):
            # "killed the son of the mayor, and a woman who was with him"
            start, end, other_np = r.span(one, "np")
            r.add(Mention(category, one_person(start, end, other_np), DETERMINER.sub("", other_np),
                          trig, group=r.group))
        r.new_group()


# --- 19. with one: "..., with the village chief killed at a fair" ----------------------------------

_WITH_ONE_RE = re.compile(
    rf"""\bwith\s+(?P<np>(?:a|an|the|his|her|their)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{PERSON_NOUN}))\s+
        (?:also\s+|reportedly\s+)?(?P<trig>{KILLED_AFTER})\b""",
    CASELESS,
)


@rule(words=("with ",))
def with_one(r: Reading) -> None:
    """A person and a category word after "with", no verb: "with the chief killed"."""
    for m in _WITH_ONE_RE.finditer(r.skel):
        start, end, np = r.span(m, "np")
        trig = normalise(m.group("trig"))
        r.add(Mention(AFTER[trig], one_person(start, end, np), DETERMINER.sub("", np), trig,
                      group=r.group))
        r.new_group()


# --- 20. to death: "hacked an elderly priest to death" ---------------------------------------------

_TO_DEATH_VERBS = words("to_death")
_TO_DEATH_RE = re.compile(
    rf"""\b(?P<trig>{alternation(_TO_DEATH_VERBS)})\s+
        (?P<np>(?:a|an|the|his|her|their|one)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{PERSON_NOUN}))\s+to\s+death\b""",
    CASELESS,
)


@rule(words=("to death",), opens=_TO_DEATH_VERBS)
def to_death(r: Reading) -> None:
    """One person killed "to death": "hacked an elderly priest to death"."""
    for m in opening_at(_TO_DEATH_RE, r.skel, r.opens["to_death"]):
        start, end, np = r.span(m, "np")
        r.add(Mention("killed", one_person(start, end, np), DETERMINER.sub("", np),
                      normalise(m.group("trig")) + " to death", group=r.group))
        r.new_group()


# --- 21. them: "abducted three youths and later killed them" ---------------------------------------

_THEM_RE = re.compile(
    rf"""\b(?P<trig>{alternation(list(VERBS))})\s+them\b
      | \b(?P<death>{alternation(_TO_DEATH_VERBS)})\s+them\s+to\s+death\b""",
    CASELESS,
)
_COUNTED = re.compile(rf"""{COUNT}(?P<subj>(?:\s+{PHRASE_WORD_OR_COUNT}){{0,5}})""", CASELESS)
# a noun phrase that names attackers anywhere ("eight armed assailants kidnapped ...")
_ATTACKER_WORD = re.compile(rf"(?i)\b(?:{alternation(words('attackers'))}|militants?)\b")


@rule(counts=1, words=("them",), opens=list(VERBS) + _TO_DEATH_VERBS)
def them(r: Reading) -> None:
    """The count named before, taken again: "abducted three youths and later killed them"."""
    counts = r.counts
    for m in opening_at(_THEM_RE, r.skel, r.opens["them"]):
        earlier = [k for k, mark in enumerate(r.sk.count_marks) if mark[0] < m.start()]
        if not earlier or hypothetical(r.skel, m) or counts[earlier[-1]].value < 2:
            continue
        i = earlier[-1]
        category = "killed" if m.group("death") else VERBS[normalise(m.group("trig"))]
        before = r.found.get(i)
        subj = before.subject if before else subject(
            _COUNTED.match(r.skel, r.sk.placeholder_start(i)).group("subj"), counts)
        if (before and before.category == category) or names_things(subj) \
                or _ATTACKER_WORD.search(subj):
            continue  # "eight assailants kidnapped two men and killed them": not the assailants
        trig = normalise(m.group("trig") or m.group("death") + " to death")
        r.add(Mention(category, counts[i], subj, trig, group=r.group))
        r.new_group()


# --- 22. suicide attackers: "in addition to the bomber", "killing themselves" ----------------------

# the attackers' own deaths count only when stated ("killing himself and five others", "in
# addition to the bomber"): "a suicide bomber blew himself up, killing five" reports five deaths
_BOMBER_RE = regex.compile(
    rf"""in\s+addition\s+to\s+(?P<np>(?:the|\#\d+\#)\s+(?:[\w'’#-]+\s+){{0,2}}?{PERPETRATOR}s?)\b
      | (?P<np>\#\d+\#)\s+[^.;#]{{0,80}}?\b(?:killing\s+themselves|
                                        killed\s+themselves)\b""",
    CASELESS,
)


@rule(words=(("addition", "themselves"),))
def bombers(r: Reading) -> None:
    """The attackers' own deaths, when stated: "in addition to the bomber", "two men blew
    themselves up, killing themselves"."""
    for m in _BOMBER_RE.finditer(r.skel):
        start, end, np = r.span(m, "np")
        number = PLACEHOLDER.search(m.group("np"))
        value = r.counts[int(number.group(1))] if number else one_person(start, end, np)
        if number and r.taken(int(number.group(1))):
            continue
        r.add(Mention("killed", Quantity(value.value, value.low, value.high, value.qualifier,
                                         False, np, start, end),
                      "attacker", "suicide attack", group=r.group, perpetrator=True,
                      refers=not number and _PLURAL_ATTACKER_END.search(np) is not None))
        r.new_group()


# --- 23. the attackers: "the assailants were killed", "the bomber was the only casualty" ----

# the attackers named in the plural ("assailants", "gunmen"), from the lexicon's list
_PLURAL_ATTACKERS = alternation([w for w in words("attackers") if w.endswith(("s", "men"))])
_PLURAL_ATTACKER_END = re.compile(rf"(?i)\b(?:{_PLURAL_ATTACKERS})$")
_ATTACKER_NP = rf"""(?:the|all\s+(?:of\s+)?the)\s+(?:\#\d+\#\s+)?(?:[\w'’-]+\s+){{0,2}}?
                    (?:{alternation(words("attackers"))})"""
# one person named after the attackers: "the gunmen and a cashier"
_ONE_OTHER = re.compile(r"(?i)(?:a|an|one)\s+[\w'’-]+(?:\s+[\w'’-]+)?$")
_KILLED_AFTER = alternation([p for p, c in AFTER.items() if c == "killed"])
_ATTACKERS_DIED_RE = re.compile(
    rf"""(?=[tan])  # ("the", "all", "no": most positions fail at this one test)
    (?:(?<![\w'’-]\s)(?<!\bof\s)\b(?P<np>{_ATTACKER_NP})\b
         (?:\s+and\s+(?P<others>[^.;:,()]{{1,50}}?))?
         (?:\s+(?:were|was|had\s+been|have\s+been|has\s+been)(?:\s+(?:also|all|both))?\s+
            (?:{_KILLED_AFTER})
          | \s+(?:also\s+)?(?:died|perished)
          | \s+(?:was|were)\s+the\s+only\s+(?:reported\s+|known\s+|confirmed\s+)?
            (?:casualty|casualties|fatality|fatalities|deaths?|victims?))\b
      | \bno\s+(?:other\s+)?(?:reported\s+)?(?:casualties|deaths|fatalities)\s+
        (?:were\s+reported\s+)?(?:other\s+than|besides|apart\s+from|except(?:\s+for)?)\s+
        (?P<np2>{_ATTACKER_NP})\b)""",
    CASELESS,
)


@rule(words=(tuple(words("attackers")),))
def the_attackers(r: Reading) -> None:
    """The attackers' own deaths, the attackers named with "the" and no count of their own:
    "the assailants were killed", "the attackers and a soldier died", "the bomber was the
    only reported casualty", "no casualties other than the gunmen". A plural takes its
    count from where the attackers were first counted ("Three gunmen opened fire ...")."""
    for m in _ATTACKERS_DIED_RE.finditer(r.skel):
        name = "np" if m.group("np") else "np2"
        start, end, np = r.span(m, name)
        number = PLACEHOLDER.search(m.group(name))
        if number and r.taken(int(number.group(1))):
            continue
        value = r.counts[int(number.group(1))] if number else one_person(start, end, np)
        group = r.group
        others = PLACEHOLDER.search(m.group("others") or "")
        if others and int(others.group(1)) in r.found:  # "the assailants and one soldier"
            group = r.found[int(others.group(1))].group
        elif m.group("others") and _ONE_OTHER.match(m.group("others")):  # "... and a guard"
            o_start, o_end, o_text = r.span(m, "others")
            if not any(x.quantity.start < o_end and o_start < x.quantity.end for x in r.extra):
                r.add(Mention("killed", one_person(o_start, o_end, o_text),
                              DETERMINER.sub("", o_text), "killed", group=group))
        # a plural read before as one person ("the gunmen and a guard") is read again here
        r.extra[:] = [x for x in r.extra if (x.quantity.start, x.quantity.end) != (start, end)]
        r.add(Mention("killed", Quantity(value.value, value.low, value.high, value.qualifier,
                                         False, np, start, end),
                      "attacker", "killed", group=group, perpetrator=True,
                      refers=not number and _PLURAL_ATTACKER_END.search(np) is not None))
        r.new_group()


_HIMSELF_RE = re.compile(
    r"""\b(?P<trig>killing|killed|kills)\s+(?:himself|herself)\b""", CASELESS
)


@rule(words=("self",))
def himself(r: Reading) -> None:
    """An attacker's own death: "killing himself"."""
    for m in _HIMSELF_RE.finditer(r.skel):
        r.add(Mention("killed", one_person(*r.span(m)), "attacker", "himself", group=r.group,
                      perpetrator=True))
        r.new_group()


# --- counts in the wording of hospital statements and situation reports -------------------------
# (they run where RULES puts them: the blocking ones early, the others after the rules that
# find the figures they take a part of)

_CAPACITY_RE = re.compile(
    rf"""\b(?:{alternation(words("capacity"))})\s+(?:up\s+to\s+)?{COUNT}""", CASELESS
)


@rule(counts=1, words=(("enough", "sufficient", "capacity", "built", "designed", "equipped",
                        "kits", "supplies", "able"),))
def capacities(r: Reading) -> None:
    """A capacity is no count of people: "surgical kits, enough for 300 operations", "a
    clinic equipped to treat 40 wounded"."""
    for m in _CAPACITY_RE.finditer(r.skel):
        r.block(int(m.group("i")))


_FREED = alternation(words("freed"))
_FREED_RE = re.compile(rf"""\b(?:{_FREED})\s+(?:(?:all|the|another)\s+)?{COUNT}""", CASELESS)


@rule(counts=1, words=(("free", "releas", "liberat"),))
def freed(r: Reading) -> None:
    """People freed or released by someone are held no more: "the army freed 22 of the
    villagers kidnapped", "the kidnappers released 12 of the hostages". (The passive "had been released"
    is left to the other rules: "58 people held by the government had been released" still
    counts them as held.)"""
    for m in _FREED_RE.finditer(r.skel):
        r.block(int(m.group("i")))


_CARE_VERBS = words("care_verbs")
_WITH_WOUNDS_RE = re.compile(
    rf"""\b(?:{alternation(_CARE_VERBS)})\s+(?:(?:all|the|another)\s+)?{COUNT}
        (?P<subj>(?:\s+{PHRASE_WORD}){{0,3}}?)\s+(?:with|for|suffering\s+from)\s+
        (?:(?!\#)[\w'’-]+\s+){{0,2}}?(?P<trig>wounds|injuries|burns|fractures)\b""",
    CASELESS,
)


@rule(counts=1, words=(("wounds", "injuries", "burns", "fractures"),), opens=_CARE_VERBS)
def with_wounds(r: Reading) -> None:
    """People taken in by a hospital with their wounds: "the hospital admitted 64 patients
    with gunshot wounds", "medics treated 27 protesters for blast wounds"."""
    for m in opening_at(_WITH_WOUNDS_RE, r.skel, r.opens["with_wounds"]):
        subj = subject(m.group("subj"), r.counts)
        if names_things(subj) or hypothetical(r.skel, m):
            continue
        if r.claim(int(m.group("i")), "wounded", subj, m.group("trig"), group=r.group):
            r.coordinate_after(m.end(), "wounded", m.group("trig"), r.group)
            r.new_group()


_TO_HOSPITAL_VERBS = words("to_hospital_verbs")
_TO_HOSPITAL_RE = re.compile(
    rf"""(?P<trig>\b(?:{alternation(_TO_HOSPITAL_VERBS)}))\s+(?:(?:all|the|another)\s+)?{COUNT}
        (?P<subj>(?:\s+{PHRASE_WORD}){{0,3}}?|\s+of\s+(?:them|those|these|the\s+[\w'’-]+))\s+
        to\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){{0,3}}?(?:{alternation(words("care_places"))})\b""",
    CASELESS,
)
_THE_DEAD = re.compile(r"(?i)\b(?:bodies|corpses|remains|dead|deceased)\b")


@rule(counts=1, words=(("hospital", "clinic", "cent"),), opens=_TO_HOSPITAL_VERBS)
def to_hospital(r: Reading) -> None:
    """People carried to a hospital: "neighbours took three of them to a clinic",
    "ambulances rushed 12 villagers to the district hospital"."""
    for m in opening_at(_TO_HOSPITAL_RE, r.skel, r.opens["to_hospital"]):
        subj = subject(m.group("subj"), r.counts)
        if names_things(subj) or _THE_DEAD.search(m.group("subj")) or hypothetical(r.skel, m):
            continue  # "took 12 bodies to the hospital": the dead
        if r.claim(int(m.group("i")), "wounded", subj, "to hospital", group=r.group):
            r.new_group()


_GRADE_RE = re.compile(
    rf"""{COUNT}(?:\s+(?:patients|people|persons|cases|victims|casualties|injuries|wounded|injured))?
        \s+(?:(?:as|were|are|in)\s+)?(?P<grade>{alternation(words("severity"))})\b
        (?=\s*(?:[,;.)]|$|and\b|or\b|cases\b|injuries\b|condition\b|\())""",
    CASELESS,
)
_GRADE_JOIN = re.compile(r"(?i)\s*(?:cases|injuries|condition)?\s*(?:,\s*(?:and\s+)?|;\s*|\s+and\s+)$")


@rule(counts=2, words=(("severe", "moderate", "mild", "critical", "serious", "minor"),),
      hint=re.compile(rf"\b(?:{alternation(words('wound_stems'))})"))
def severities(r: Reading) -> None:
    """A triage breakdown of the wounded, each grade a part: "Injured: 5 severe, 22
    moderate, 61 mild", "doctors rated 9 patients as critical and 17 as serious"."""
    runs: list[list[Match]] = []
    for m in _GRADE_RE.finditer(r.skel):
        if runs and _GRADE_JOIN.match(r.skel[runs[-1][-1].end() : m.start()]):
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        if len(run) < 2:
            continue  # one grade alone ("3 critical") is no breakdown
        for m in run:
            i = int(m.group("i"))
            if i in r.found and r.found[i].category == "wounded":
                r.found[i] = replace(r.found[i], subset=True, subject=m.group("grade"))
            else:
                r.claim(i, "wounded", m.group("grade"), "severity", group=r.group, subset=True)
        r.new_group()


_BRINGS_TO_RE = re.compile(
    rf"""\b(?:brings?|brought|bringing|raises?|raised|raising|takes?|took|taking|push(?:es|ed|ing)?)
        \s+to\s+{COUNT}\s+the\s+
        (?:(?:total|overall)\s+)?(?:number|total|tally|count|figure)\s+of\s+
        (?P<subj>(?:{PHRASE_WORD}\s+){{0,4}}?)(?:(?:who\s+)?(?:have|had|has)\s+been\s+|(?:were|was)\s+)?
        (?P<trig>{alternation(AFTER)})\b
      | \b(?:brings?|brought|bringing|raises?|raised|raising|takes?|took|taking|push(?:es|ed|ing)?)
        \s+to\s+(?P<i2>\#\d+\#)\s+the\s+(?P<toll>{alternation(TOLLS)})\b""",
    CASELESS,
)


@rule(counts=1, words=(("bring", "brought", "rais", "tak", "took", "push"), " to "))
def brings_to(r: Reading) -> None:
    """A running total stated before what it counts: "the ambush brings to 19 the number of
    soldiers killed this month", "raised to 61 the death toll"."""
    for m in _BRINGS_TO_RE.finditer(r.skel):
        if m.group("toll"):
            i, trig = int(m.group("i2").strip("#")), normalise(m.group("toll"))
            category, subj = TOLLS[trig], ""
        else:
            i, trig = int(m.group("i")), normalise(m.group("trig"))
            category, subj = AFTER[trig], subject(m.group("subj"), r.counts)
        if r.claim(i, category, subj, trig, group=r.group):
            r.new_group()


# "[, 12] of whom have since died", "[, three] of them badly", "[, 16] of them children"
_PARTITIVE_RE = re.compile(
    rf"""(?:[,(]|\band\b|\bwhile\b|[–—]|\s-)\s*{COUNT}\s+of\s+(?:them|whom|those|these)\b""", CASELESS
)
_PARTITIVE_OWN = re.compile(
    rf"""(?P<link>(?:\s+(?:{LINKING})\b){{0,4}})\s+(?P<trig>{alternation(AFTER)})\b""", CASELESS
)
_PARTITIVE_SUBJECT = re.compile(
    rf"""\s+(?:(?:were|are|was|is)\s+)?(?P<subj>{PHRASE_WORD}(?:\s+{PHRASE_WORD}){{0,2}}?)
        (?=\s*(?:[,;.)]|$|\band\b|[–—]|\s-\s))""",
    CASELESS,
)
# after a part "of whom 4 are infants", the next: "[ and 6 are girls]"
_MORE_PARTS = re.compile(
    rf"""\s+(?:are|were|was|is)\s+{PHRASE_WORD}(?:\s+{PHRASE_WORD}){{0,2}}?
        \s*(?:,\s*(?:and\s+)?|\s+and\s+){COUNT}\s+(?:are|were|was|is)\s+
        (?P<subj>{PHRASE_WORD}(?:\s+{PHRASE_WORD}){{0,2}}?)(?=\s*(?:[,;.)§]|$|\band\b|\s(?:under|over|aged)\b))""",
    CASELESS,
)
# after the part, the verb of the whole: "Nine people, five of them women[, were killed]"
_ASIDE_THEN_VERB = re.compile(
    rf"""\s*,(?:\s+(?:{LINKING})\b){{0,5}}\s+(?:{alternation(AFTER)})\b""", CASELESS
)
_DEGREE = re.compile(rf"""(?i)(?:{alternation(words("degree_adverbs"))})$""")
_PEOPLE_LAST = re.compile(r"(?i)(?:\w+s|\w*men|children|people|police|personnel|staff)$")


@rule(counts=2, words=((" of them", " of whom", " of those", " of these"),))
def partitives(r: Reading) -> None:
    """A part of the figure before it, the count first: "the shelling wounded 44 people, 16
    of them children", "20 protesters had been injured, three of them badly", "took in 90
    injured people, 12 of whom have since died" (a part in its own category)."""
    for m in _PARTITIVE_RE.finditer(r.skel):
        i = int(m.group("i"))
        if r.taken(i):
            continue
        before = [j for j, x in r.found.items() if j < i and not x.subset]
        parent = r.found[max(before)] if before else None
        if own := _PARTITIVE_OWN.match(r.skel, m.end()):  # "12 of whom have since died"
            trig = normalise(own.group("trig"))
            category = AFTER[trig]
            same = parent is not None and parent.category == category
            if r.claim(i, category, "", trig, group=r.group if same else r.apart_group(),
                       subset=same):
                r.new_group()
            continue
        found = _PARTITIVE_SUBJECT.match(r.skel, m.end())
        if parent is None or not found:
            continue
        subj = found.group("subj")
        if _ASIDE_THEN_VERB.match(r.skel, found.end()):
            continue  # "Nine people, five of them women, were killed": an aside of the subject
        if not _DEGREE.fullmatch(subj) and (not _PEOPLE_LAST.search(subj) or names_things(subj)
                                            or has_trigger(subj)):
            continue  # "40 men, 12 of them later released": not a part by who or how badly
        if r.claim(i, parent.category, subject(subj, r.counts), parent.trigger, group=parent.group,
                   subset=True):
            r.new_group()
    # "of whom 20 are women[ and 31 are children]": the parts listed after a part
    for k in sorted(r.found):
        part = r.found[k]
        if not part.subset:
            continue
        pos = r.skel.index("#", r.sk.placeholder_start(k) + 1) + 1
        while (more := _MORE_PARTS.match(r.skel, pos)) and not r.taken(int(more.group("i"))):
            subj = more.group("subj")
            if not _PEOPLE_LAST.search(subj) or names_things(subj) or has_trigger(subj):
                break
            r.claim(int(more.group("i")), part.category, subject(subj, r.counts), part.trigger,
                    group=part.group, subset=True)
            pos = more.end()


# "7 traders were killed in Bresk[, 4 in Ollan and 3 near Vesna]": counts by place, their
# category that of the count before
_IN_PLACE = rf"""\s+(?:in|at|near|around|outside)\s+(?:the\s+)?
                (?-i:{CAPITAL}[\w'’.-]*(?:\s+{CAPITAL}[\w'’.-]*){{0,2}})"""
_PLACE_BEFORE = re.compile(rf"""[^\#;]{{0,80}}?{_IN_PLACE}\s*(?:,\s*(?:and\s+)?|\s+and\s+)$""", CASELESS)
_PLACE_AFTER = re.compile(
    rf"""(?P<place>{_IN_PLACE})(?=\s*(?:[,;.]|$)(?!\s*(?:{LINKING})\b)|\s+and\s+(?!(?:{LINKING})\b))""",
    CASELESS,
)


@rule(counts=2, words=((" in ", " at ", " near ", " around ", " outside "),))
def by_place(r: Reading) -> None:
    """Counts listed by place after a figure take its category: "seven traders were killed
    in Bresk, 4 in Ollan and 3 near Vesna, and 19 were injured"."""
    for i in range(1, len(r.counts)):
        prev = r.found.get(i - 1)
        if prev is None or r.taken(i):
            continue
        start, prev_end = r.sk.placeholder_start(i), r.skel.index("#", r.sk.placeholder_start(i - 1) + 1) + 1
        if not _PLACE_BEFORE.fullmatch(r.skel, prev_end, start):
            continue
        end = r.skel.index("#", start + 1) + 1
        place = _PLACE_AFTER.match(r.skel, end)
        if place:
            _, _, where = r.span(place, "place")
            r.claim(i, prev.category, where.strip(), prev.trigger, group=prev.group,
                    subset=prev.subset)


# The rules, in the order they run: a count is read by the first rule that claims it.
RULES: tuple[Rule, ...] = (
    zero_statements, label, part_of, hypotheticals, killed_or_wounded, capacities, freed, verbs,
    of, of_them, taken, after, nouns, with_wounds, to_hospital, severities, registered, tolls,
    brings_to, heads, subsets, partitives, among, running_totals, revisions, held_by_captors,
    by_place, listed_before, single_persons, pairs, single_objects, with_one, to_death, them,
    bombers, the_attackers, himself,
)
