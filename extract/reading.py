"""One sentence being read by the mention rules: the `Reading`, the words the rules share,
and the helpers several rules use (see docs/design.md, "The mention engine")."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

import regex

from .lexicon import alternation, normalise, role_index, words
from .numbers import Quantity
from .patterns import CAPITAL, first_characters, lowered
from .skeleton import WEEKDAYS, Skeleton, skeleton

# the flags of most patterns (those run on the lowered skeleton have none)
CASELESS = re.IGNORECASE | re.VERBOSE
Pattern = re.Pattern[str] | regex.Pattern
Match = re.Match[str] | regex.Match


@dataclass(frozen=True, slots=True)
class Mention:
    """One stated casualty figure inside a sentence (offsets are the sentence's)."""

    category: str
    quantity: Quantity
    subject: str
    trigger: str
    subset: bool = False
    additional: bool = False
    group: int = -1  # mentions coordinated in one phrase share a group
    perpetrator: bool = False  # the attacker's own death ("the suicide bomber")
    # the attackers named before, without a number ("the assailants were killed"): the
    # document's total takes their count from where they were first counted
    refers: bool = False
    superseded: bool = False  # an old value the text replaces ("has gone up from 682 to 1,376")


# --- the category words, by the role they play around a count (categories.toml) ----------

AFTER = role_index("after")  # "14 civilians were KILLED"
NOUNS = role_index("nouns")  # "31 civilian DEATHS"
VERBS = role_index("verbs")  # "gunmen KILLED 14"
TOLLS = role_index("tolls")  # "the DEATH TOLL rose to 205"
OFS = role_index("of")  # "the DEATHS OF three children"
HEADS = role_index("heads")  # "THE DEAD included 12 children"
# the "after" words of the categories a single person can be counted in
KILLED_AFTER = alternation(
    [p for p, c in AFTER.items() if c in ("killed", "wounded", "abducted", "detained", "missing")]
)

# --- the other words (lexicon.toml) --------------------------------------------------------

LINKING = alternation(words("linking"))
STOP_WORD = alternation(words("stop"))
PERSON_NOUN = alternation(words("person_nouns"))
PERSON_NOUN_LAST_WORDS = frozenset(normalise(w).split()[-1] for w in words("person_nouns"))
HYPOTHETICAL = alternation(words("hypothetical"))
ADDITIONAL = alternation([w for w in words("additional") if w not in ("other", "also")])
_NOT_PEOPLE = {normalise(w) for w in words("not_people")}

# A word of a counted noun phrase: not a stop word, not a placeholder.
PHRASE_WORD = rf"""(?:(?!(?:{STOP_WORD})\b)[\w'’"“”.()/-]*[\w'’"“”()-])"""
# A word of a counted noun phrase, or a placeholder after "of" ("members of #2# family").
PHRASE_WORD_OR_COUNT = rf"""(?:{PHRASE_WORD}|(?<=\bof\s)\#\d+\#)"""
# A count's placeholder, its index as the group `i`.
COUNT = r"""\#(?P<i>\d+)\#"""
PLACEHOLDER = re.compile(r"#(\d+)#")
PERPETRATOR = r"""(?:suspected\s+)?(?:suicide\s+)?(?:assailant|attacker|bomber|gunman|perpetrator|militant|
                  shooter|hijacker|suspect)"""
DETERMINER = re.compile(r"(?i)^(?:a|an|one|the|his|her|their|its|another|this|that)\s+")
PARTITIVE = re.compile(r"(?i)^\s*of\s+(?:the|those|them|whom|these|which)\b")
# after a count, its own category word: "killed 5 and [3 were wounded]"
OWN_WORD = re.compile(rf"(?:\s+(?:{LINKING})\b)*\s+(?:{alternation(AFTER)})\b", CASELESS)
# "the 2011 killing of five women", "the third killing of an imam this month": another event
EARLIER_EVENT = re.compile(
    rf"""(?:§|\b(?:second|third|fourth|fifth|sixth)                # "the 2011 killing of"
         |\b(?:{alternation(words("motive"))})\s+(?:the|a|an)?)\s*$""", CASELESS
)


# A sentence with none of these words states no figure: the cheap test run first on each
# sentence (the standard library's engine is the faster one for this).
_ALL_PHRASES = [p for index in (AFTER, NOUNS, VERBS, TOLLS, OFS, HEADS) for p in index]
# (and the words of the rules that read a category without a category word: "37 of them had
# been CHARGED", "gunmen TOOK 80 students")
_ALL_PHRASES += [normalise(w) for w in words("detained_parts") + words("take_verbs")]
# (and the words of a triage breakdown and of a hospital, which rules read counts by)
_ALL_PHRASES += [normalise(w) for w in words("severity") + words("care_places")]
TRIGGER = re.compile(
    first_characters(_ALL_PHRASES, also="nc")
    + rf"""\b(?:{alternation(_ALL_PHRASES)}|no[\s-]one|nobody|casualt\w*)"""
)


def has_trigger(text: str) -> bool:
    """True when the text holds a category word: a sentence without one states no figure."""
    return TRIGGER.search(lowered(text)) is not None


# --- where the rules can match: the words they open with ----------------------------------

class Openers:
    """Where the words each rule's pattern opens with (or, for a pattern that opens with a
    count, ends with) start in a lowered skeleton.

    One scan finds every such word (the lookahead finds overlapping phrases too: "shot dead"
    and "dead"), with the longest phrase found there. A rule's pattern is then tried only
    where a phrase found begins with one of its words: the same matches as scanning every
    character, found several times faster.
    """

    def __init__(self, opening_words: dict[str, list[str]]):
        opening = [w for ws in opening_words.values() for w in ws]
        self._opener = re.compile(rf"""{first_characters(opening)}\b(?=({alternation(opening)}))""")
        self._opens: dict[str, tuple[str, ...]] = {
            phrase: tuple(name for name, ws in opening_words.items()
                          if any(phrase.startswith(w) for w in ws))
            for phrase in {normalise(w) for w in opening}
        }

    def find(self, lower: str) -> Starts:
        """{rule name: where the words it opens with start} in a lowered skeleton (a rule
        whose words are not found is not in it)."""
        found = Starts()
        opens = self._opens
        for m in self._opener.finditer(lower):
            phrase, start = m.group(1), m.start()
            for name in opens.get(phrase) or opens[normalise(phrase)]:
                if name in found:
                    found[name].append(start)
                else:
                    found[name] = [start]
        return found


class Starts(dict[str, list[int]]):
    """{rule name: where the words it opens with start}; a rule not in it has none (only the
    names found are stored: most sentences hold the words of few rules)."""

    def __missing__(self, name: str) -> list[int]:
        return []


# --- the reading of one sentence -----------------------------------------------------------

@dataclass(slots=True)
class Reading:
    """One sentence as the rules read it, and what they have found in it so far.

    Each count (placeholder `#i#`) is claimed by at most one rule: the first to read it.
    A blocked count (a hypothetical "could kill 10", a "killed or wounded" count of both) is
    claimed by none. Mentions with no number of their own (a zero, one person) go to `extra`.
    Mentions coordinated in one phrase share a group: a rule opens a new group once it has
    read its phrase.
    """

    sentence: str  # as written (the offsets of the mentions are its own)
    sk: Skeleton
    skel: str  # the skeleton's text
    counts: list[Quantity]  # the counts, by placeholder index
    lower: str  # the skeleton's text in lower case, letter for letter
    opens: Starts  # {rule name: where the words its pattern opens with start}
    found: dict[int, Mention] = field(default_factory=dict)  # placeholder index -> its mention
    blocked: set[int] = field(default_factory=set)  # counts that are no figure
    extra: list[Mention] = field(default_factory=list)  # figures without a number of their own
    group: int = 0  # the group of the next mention
    memo: dict[str, list[Match]] = field(default_factory=dict)  # matches rules share, by name
    _apart: int = -1  # the last group set apart
    _clause_openings: list[int] | None = None

    @classmethod
    def of(cls, sentence: str, openers: Openers) -> Reading:
        sk = skeleton(sentence)
        lower = lowered(sk.text)
        return cls(sentence, sk, sk.text, sk.counts, lower, openers.find(lower))

    def taken(self, i: int) -> bool:
        """True when count `i` is claimed or blocked."""
        return i in self.found or i in self.blocked

    def claim(self, i: int, category: str, subj: str, trig: str, **flags: object) -> bool:
        """Read count `i` as a figure of `category`, unless it is taken already."""
        if i in self.found or i in self.blocked:
            return False
        self.found[i] = Mention(category, self.counts[i], subj, normalise(trig), **flags)  # type: ignore[arg-type]
        return True

    def block(self, i: int) -> None:
        """Count `i` is no figure: drop any mention of it, and let no rule claim it."""
        self.found.pop(i, None)
        self.blocked.add(i)

    def add(self, mention: Mention) -> None:
        """A figure with no number of its own: a zero, one person."""
        self.extra.append(mention)

    def new_group(self) -> None:
        """The next mention starts a phrase of its own."""
        self.group += 1

    def apart_group(self) -> int:
        """A group of its own, for a mention read inside another's phrase that shares it with
        no other ("one person was wounded and ARRESTED"): the groups numbered in reading
        order count up from 0, those set apart count down from -2 (-1 is no group)."""
        self._apart -= 1
        return self._apart

    def span(self, m: Match, group: str | int = 0, offset: int = 0) -> tuple[int, int, str]:
        """The sentence span of a skeleton match (or of one of its groups), and its text."""
        start = self.sk.to_sentence(m.start(group) + offset)
        end = self.sk.to_sentence(m.end(group) + offset)
        return start, end, self.sentence[start:end]

    def clause_start(self, pos: int) -> int:
        """Where the clause that ends at `pos` starts in the lowered skeleton: after the last
        conjunction or stop (within 150 characters)."""
        if self._clause_openings is None:  # (found once per sentence, when first needed)
            self._clause_openings = [m.start() for m in _CLAUSE_OPENING.finditer(self.lower)]
        lower, openings = self.lower, self._clause_openings
        start = max(0, pos - 150)
        last = (lower.find(" ", start, pos) + 1 or start) if start else 0  # (from a word's start)
        k = bisect_left(openings, start)
        if k == len(openings) or openings[k] >= pos:
            return last  # no clause start can begin in the window
        for m in _CLAUSE_START.finditer(lower, start, pos):
            last = m.end()
        return last

    def coordinate_after(self, pos: int, category: str, trig: str, group: int,
                         subset: bool = False) -> None:
        """Claim the counts listed after a claimed one: "killed 3 soldiers and 2 civilians",
        and add the single persons listed there: "killed four children and a woman"."""
        skel, counts = self.skel, self.counts
        while True:  # "killing him, his son and two guests"
            m = _COORD_AFTER.match(skel[pos:])
            if not m:
                one = None if subset else _COORD_ONE.match(skel[pos:])
                if not one or _OWN_VERB.match(skel, pos + one.end()):
                    return
                start, end, np = self.span(one, "np", offset=pos)
                self.add(Mention(category, one_person(start, end, np),
                                 subject(DETERMINER.sub("", np), counts), trig, group=group))
                pos += one.end()
                continue
            nxt = skel[pos + m.end() : pos + m.end() + 40]
            after = pos + m.start("subj")
            if OWN_WORD.match(nxt) or _GOT_AWAY.search(m.group("subj") + nxt) \
                    or PARTITIVE.match(skel[after : after + 20]):
                return  # "killed 5 and [3 were wounded]", "killed 5 men, [one of whom ...]"
            subj = subject(m.group("subj"), counts)
            if names_things(subj) or not self.claim(int(m.group("i")), category, subj, trig,
                                                    group=group, subset=subset):
                return
            pos += m.end()


# Where a clause starts: after a conjunction, a stop or a speech verb.
_CONJUNCTIONS = alternation(words("clause_conjunctions"))
_SAYING = alternation(words("speech_verbs_before_clause"))
_CLAUSE_FIRSTS = first_characters(words("clause_conjunctions") + words("speech_verbs_before_clause"), ";:")
_CLAUSE_START = re.compile(
    rf"""(?:^|{_CLAUSE_FIRSTS}(?:[;:]|\b(?:{_CONJUNCTIONS})\b,?
           |\b(?:{_SAYING})   # "police said [a man] ..."
              (?:\s+(?:on\s+)?(?:{"|".join(WEEKDAYS)}|yesterday|today))?
              (?:\s+that)?\b(?!\s+to\b)))\s*""",
    re.VERBOSE,  # run on the lowered skeleton; (?=...) lets most positions fail at one test
)
# Where a match of `_CLAUSE_START` can begin: the text's start, a stop, or one of its words.
_CLAUSE_OPENING = re.compile(rf"""^|[;:]|\b(?={_CONJUNCTIONS}|{_SAYING})""", re.VERBOSE)

# a count or a person listed after a claimed one: "killed 3 soldiers[, and 2 civilians]"
# (a name in apposition may come between: "killing the district governor, Abdul Wahid, ...")
_APPOSED_NAME = rf"""(?:\s*,\s*(?-i:{CAPITAL}[\w'’.-]+(?:\s+{CAPITAL}[\w'’.-]+){{0,3}})(?=\s*,))?"""
_COORD_AFTER = re.compile(
    rf"""^{_APPOSED_NAME}(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+along\s+with\s+|\s+in\s+addition\s+to\s+
                          |,?\s+as\s+well\s+as\s+)
        (?:(?:his|her|their)\s+)?(?P<add>(?:{ADDITIONAL})\s+)?{COUNT}(?P<subj>(?:\s+{PHRASE_WORD_OR_COUNT}){{0,5}})""",
    CASELESS,
)
# bare nouns for a body of people add no one: "35 civilians and security personnel"
_COLLECTIVE = alternation(words("collective_person_nouns"))
_COORD_ONE = re.compile(
    rf"""^{_APPOSED_NAME}(?:\s*,\s*and\s+|\s+and\s+|\s*,\s*(?=(?:his|her|their)\s)|\s+along\s+with\s+|
          \s+together\s+with\s+)
        (?P<np>(?:a|an|his|her|their)\s+(?:[\w'’§-]+\s+){{0,3}}?(?:{PERSON_NOUN})\b
              |(?<=\band\s)(?!(?:{_COLLECTIVE})\b)(?:{PERSON_NOUN})\b(?<!s)(?<!men)  # "his wife and son"
              |(?<=\band\s)(?-i:{CAPITAL}[\w'’-]+(?:\s+{CAPITAL}[\w'’-]+){{1,3}})(?![\w'’-]))""",
    CASELESS,
)
# after a person listed, a verb of their own: "killed a guard and [his son was wounded]"
_OWN_VERB = re.compile(
    rf"[^,.;#]{{0,40}}?\b(?:was|were|is|are|has|had)\b|\s+(?:also\s+)?(?:{KILLED_AFTER})\b", CASELESS
)
# after a count listed with others, a verb of its own: "killed two guards and [four others escaped]"
_GOT_AWAY = re.compile(
    r"(?i)\s+(?:escaped|survived|managed|got\s+away|(?:were|was)\s+(?:unharmed|unhurt|released|freed|rescued))\b"
)


# --- helpers of several rules --------------------------------------------------------------

def subject(text: str, counts: list[Quantity]) -> str:
    """Who was counted, as written: the noun phrase cut before any preposition but "of"."""
    if "#" in text:
        text = PLACEHOLDER.sub(lambda m: counts[int(m.group(1))].text, text)
    text = " " + text.strip()
    low = lowered(text)
    if cut := _PREPOSITION.search(low):
        end = cut.start()
        while end and low[end - 1].isspace():  # from the start of the blank space
            end -= 1
        text = text[:end]
    text = text.strip()
    if text and (text[0] in _TRIMMED or text[-1] in _TRIMMED or text[:2].lower() == "of"):
        text = _SUBJECT_TRIM.sub("", text)  # (the cheap test first)
    return text


# a preposition after a blank (the blank space runs back from the match's start); run on
# lowered text (twice as fast as ignoring case; one blank to start, and the words as a trie,
# are faster than several blanks and a flat list of words)
_PREPOSITIONS = words("subject_end_words")
_PREPOSITION = re.compile(rf"\s(?:{alternation(_PREPOSITIONS)})\b")
_SUBJECT_TRIM = re.compile(r"""^(?:of(?:\s+(?:them|whom|those|the))?\b|[\s"“”'’,])+|[\s"“”'’,]+$""", CASELESS)
_TRIMMED = frozenset('"“”\'’,')


def names_people(word: str) -> bool:
    """True for a noun for people: a plural ("assailants", "gunmen") or a noun for one person."""
    word = word.lower().strip(".,")
    return word.endswith(("s", "men")) or word in PERSON_NOUN_LAST_WORDS


def names_things(subject: str) -> bool:
    """True when the counted noun is a thing, a unit or a time ("three vehicles", "40 km"):
    the head noun, the last word before any "of" ("pieces of artillery", "village leaders")."""
    low = subject.lower()
    head = (_OF_SPLIT.split(subject.strip(), maxsplit=1)[0] if "of" in low else subject).split()
    for k, word in enumerate(head) if "ing" in low else ():
        # "assailants planting explosive devices": assailants
        if k and word.lower().endswith("ing") and normalise(word) not in _NOT_PEOPLE \
                and names_people(head[k - 1]):  # (not "nearby shopping centres")
            head = head[:k]
            break
    return bool(head) and normalise(head[-1]).strip(".,") in _NOT_PEOPLE


_OF_SPLIT = re.compile(r"(?i)\s+of\s+")


def one_person(start: int, end: int, text: str) -> Quantity:
    """One person, named by the text at `start:end`."""
    return Quantity(1, 1, 1, "exact", False, text, start, end)


def persons(start: int, end: int, text: str) -> Quantity:
    """One person named by a noun phrase, or two for a couple ("an elderly couple")."""
    n = 2 if text.lower().endswith("couple") else 1
    return Quantity(n, n, n, "exact", False, text, start, end)


def zero(start: int, end: int, text: str) -> Quantity:
    """No one, stated by the text at `start:end`."""
    return Quantity(0, 0, 0, "exact", False, text, start, end)


def hypothetical(skel: str, m: Match) -> bool:
    """True when the verb is a hypothetical or a threat: "could kill", "threatened to kill"."""
    start = m.start("trig")
    before = skel[max(0, start - 40) : start].split()
    if not before or before[-1].lower() not in _HYPO_LAST_WORDS:  # (a cheap test first)
        return False
    return bool(_HYPO_RE.search(skel, max(0, start - 40), start))


_HYPO_RE = re.compile(rf"""\b(?:{HYPOTHETICAL})\s*$""", CASELESS)
_HYPO_LAST_WORDS = {normalise(w).split()[-1] for w in words("hypothetical")}


def added(skel: str, pos: int, subject: str) -> bool:
    """True for a count added to the others: "another three", "two more", "five others" (but
    not "the three others", which names the rest of a group already counted)."""
    if skel[max(0, pos - 4) : pos].lower() == "the ":
        return False
    return bool(_ADD_BEFORE.search(skel, max(0, pos - 25), pos)) or other(subject)


_ADD_BEFORE = re.compile(rf"""\b(?:{ADDITIONAL})\s*$""", CASELESS)


def other(subject: str) -> bool:
    """True for "others", "more": a count added to those named before."""
    return bool(_OTHERS.match(subject))


_OTHERS = re.compile(r"(?i)(?:others?|more)\b")


def other_time_before(lower: str, pos: int) -> bool:
    """True when the lowered skeleton before `pos` ends "days after", "weeks before": the
    count or person that follows belongs to another event."""
    return lower[max(0, pos - 30) : pos].rstrip().endswith(("after", "before")) \
        and _OTHER_TIME.search(lower, max(0, pos - 30), pos) is not None


# a clause set at another time: "a month after [one of her colleagues was murdered]"
_OTHER_TIME = re.compile(r"(?i)\b(?:days?|weeks?|months?|years?)\s+(?:after|before)\s+$")
