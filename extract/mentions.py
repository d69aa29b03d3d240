"""Casualty mentions in one sentence: which numbers count which category.

The sentence is first reduced to a skeleton in which every count stands as a
placeholder `#i#` and every number that is not a count (a date, an age, money)
as `§`. The patterns below then read the skeleton; they are short and never
embed the number grammar, so they stay fast and cannot run away on hostile
text. Each placeholder is claimed by at most one pattern, in a fixed order:
zero statements, labels ("Killed: 12"), parts of a whole named first ("Of the
205 dead, 12 were children"), verbs taking the count as object, "the deaths of
N", counts before their category word, counted nouns, tolls, subsets, running
totals ("bringing the total to 1,320"), counts coordinated with one already
claimed, and single persons.

A sentence in capitals or title case is read in lower case, and one wrapped
over lines as one line; the mentions keep the sentence's own offsets and text.

The patterns run on the standard library's engine, which answers each call
faster than `regex`; the few that repeat a group name or look back over a
varying width use `regex`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import regex

from .lexicon import alternation, normalise, role_index, words
from .numbers import Quantity, is_count, scan_numbers
from .patterns import CAPITAL, first_characters, in_capitals, lowered
from .sentences import Sentence, split_sentences

_F = re.IGNORECASE | re.VERBOSE
_Pattern = re.Pattern[str] | regex.Pattern
_Match = re.Match[str] | regex.Match

_WEEKDAYS = words("weekdays")
# month names, and their short forms ("jan", "sept")
_MONTHS = words("months") + [m[:3] for m in words("months") if len(m) > 3] + ["sept"]


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


# --- word classes -----------------------------------------------------------------

_AFTER = role_index("after")
_NOUNS = role_index("nouns")
_VERBS = role_index("verbs")
_TOLLS = role_index("tolls")
_OFS = role_index("of")
_HEADS = role_index("heads")

_LINK = alternation(words("linking"))
_STOP = alternation(words("stop"))
_NOT_PEOPLE = {normalise(w) for w in words("not_people")}
_PEOPLE = alternation(words("people"))
_HYPOTHETICAL = alternation(words("hypothetical"))
_ADDITIONAL = alternation([w for w in words("additional") if w not in ("other", "also")])
_SUBSET = alternation(words("subset"))
_NOT_BEFORE = {normalise(w) for w in words("not_count_before")} | set(_MONTHS)
_NOT_AFTER = alternation(words("not_count_after") + _MONTHS)

# A word of a counted noun phrase: not a stop word, not a placeholder.
_W = rf"""(?:(?!(?:{_STOP})\b)[\w'’"“”.()/-]*[\w'’"“”()-])"""
# A placeholder, optionally after "of" inside a noun phrase ("members of #2# family").
_NP_WORD = rf"""(?:{_W}|(?<=\bof\s)\#\d+\#)"""
_Q = r"""\#(?P<i>\d+)\#"""

_ZERO = re.compile(
    rf"""(?=[nw\#])  # (the first letters: most positions fail at this one test)
    \b(?P<np>no[\s-]one|nobody|none|no\s+(?:other\s+)?(?:people|person|civilians|one\s+else|lives))
    (?:\s+(?:{_LINK})\b){{0,4}}\s+(?P<trig>{alternation(_AFTER)})\b
  | \b(?:no|without)\s+(?:reported\s+|immediate\s+|other\s+)?
    (?P<noun>casualties|casualty|fatalities|deaths|injuries|loss\s+of\s+lives?|one\s+(?:killed|injured|hurt))\b
  | \#(?P<count>\d+)\#\s+(?:reported\s+)?(?P<casualties>casualties)\b   # "zero casualties", if the count is 0
    """,
    re.VERBOSE,  # run on the lowered skeleton
)

_AFTER_RE = re.compile(
    rf"""{_Q}(?P<subj>(?:\s+{_NP_WORD}){{0,16}}?(?:\s+and\s+(?:[\w'’-]+\s+)?[\w'’-]+s(?=[\s,]))?)
        (?P<plus>\s+and\s+(?:a|an|one|the|his|her|their)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_PEOPLE})\b
                 |\s+and\s+another(?:\s+(?:from|of)\s+(?:[\w'’-]+\s+){{0,5}}?[\w'’-]+)?)?
        (?P<including>\s+including\s+[^,;]{{1,80}}?|,\s+including\s+[^,;]{{1,80}}?(?=\s+(?:{_LINK})\b))?
        # an aside: "7 people, 3 of them children, were killed", "6 people, including two
        # aides of the mayor, Ana Ruiz, were killed"
        (?P<aside>\s*,[^,;]{{1,140}},
                  # "including A, B, and C,"
                | \s*,\s*including\s[^,;]{{1,100}}(?:,[^,;]{{1,100}}){{0,3}},\s+and\s[^,;]{{1,100}},
                | \s*,(?!\s*\#)[^,;]{{1,100}},                                 # "including two aides
                  (?![^,;]*\b(?:were|was|are|is|had|have|has)\b)[^,;#]{{1,60}},  #  of the mayor, Ana Ruiz,"
                | \s+(?:--|[-–—])\s[^;–—]{{1,100}}?\s(?:--|[-–—]))?
        (?P<link>(?:,?\s+(?:{_LINK})\b){{0,5}}?,?)(?P<conj>\s+\w+(?<!s)\s+and(?=\s))?  # "shot and [killed]"
        \s+(?P<trig>{alternation(_AFTER)})\b(?P<tail>\s+(?:\#\d+\#|(?:a|an|the|his|her|their|its|him|them)\b|
            (?!(?:{"|".join(_MONTHS + _WEEKDAYS)})\b)(?-i:{CAPITAL})))?""",
    _F,
)
_NOUN_RE = re.compile(
    rf"""{_Q}(?P<subj>(?:\s+{_W}){{0,3}}?)\s+(?P<trig>{alternation(_NOUNS)})\b""",
    _F,
)
_VERB_RE = re.compile(
    rf"""(?P<trig>\b(?:{alternation(_VERBS)}))\s+
        (?:(?:himself|herself|themselves)\s+and\s+)?   # "killing himself and 5 others"
        (?P<add>(?:(?:at\s+least|more\s+than|over|about|some|nearly|up\s+to)\s+)?(?:{_ADDITIONAL})\s+)?(?:all\s+|the\s+|his\s+|her\s+|their\s+|a\s+total\s+of\s+)?
        (?P<family>(?:a|an|the)\s+(?:[\w'’-]+\s+)?family\s+of\s+)?   # "killed a family of seven"
        {_Q}(?P<subj>(?:\s+{_NP_WORD}){{0,5}})""",
    _F,
)
# a label and its count, in a list or a table: "Killed: 12", "| Wounded (confirmed) | 30 |"
_LABEL_RE = re.compile(
    rf"""^[^\w\#§]*(?P<trig>{alternation(list(_AFTER) + list(_NOUNS))})(?:\s*\([^()]{{0,40}}\))?
        \s*[:|=–—-][\s|]*{_Q}""",
    _F,
)
# "Of the 205 fatalities, 12 were children and 20 women": parts of a whole named first
_PART_OF_RE = re.compile(
    rf"""^[^\w\#§]*(?:of|among(?:st)?)\s+(?:the|those|these)\s+(?:\#\d+\#\s+)?(?:[\w'’-]+\s+){{0,2}}?
        (?P<trig>{alternation(list(_AFTER) + list(_NOUNS))})\b[^,#§]{{0,40}},\s*
        {_Q}\s+(?:were|was|are|is)\s+(?P<subj>{_W}(?:\s+{_W}){{0,3}}?)(?=\s*(?:[,.;]|$|and\b))""",
    _F,
)
# "..., bringing the total to 1,320", "taking the death toll to 70": a running total, of which
# the figures before it are parts
_RUNNING_TOTAL_RE = re.compile(
    rf"""\b(?:bringing|brings|brought|raising|raises|raised|taking|takes|took|pushing|pushes|pushed)\s+
        (?:the|its|their)\s+[^,;\#§]{{0,60}}?\b(?:total|tally|number|figure|count|toll)\b
        [^,;\#]{{0,40}}?\s+to\s+{_Q}""",  # (a date may stand between: "the total since 2020 to 41")
    _F,
)
_RUNNING_HINT = re.compile(r"(?=[bprt])\b(?:bring|brought|rais|tak|took|push)")  # (a cheap test first)
_TOLL_RE = re.compile(
    rf"""(?P<trig>\b(?:{alternation(_TOLLS)}))\b
        (?:(?!\#\d+\#)[^§.;!?]|from\s+(?:\#\d+\#|§)|(?:\#\d+\#|§)(?=\s+(?:days?|weeks?|months?|hours?)\b)){{0,200}}?
        (?:\b(?:to|at|of|reached|reaches|hit|hits|is|was|stands|stood|passed|passes|tops|topped|exceeded|
              exceeds|surpassed|rose|climbed|now|over|above|past|reach)|:)
        \s+(?:about\s+|around\s+|nearly\s+)?{_Q}""",
    _F,
)
_OF_RE = re.compile(
    rf"""(?P<trig>\b(?:{alternation(_OFS)}))\s*(?:,\s*(?:at\s+least|some|about|over|more\s+than)\s*,)?\s+
        (?P<add>(?:{_ADDITIONAL})\s+)?(?:(?:the|all)\s+)?{_Q}(?P<subj>(?:\s+{_NP_WORD}){{0,5}})""",
    _F,
)
_HEAD_RE = re.compile(
    rf"""(?P<trig>\b(?:{alternation(_HEADS)}))\s+(?:\w+\s+)?(?:include|included|includes|were|are|was|numbered)\s+{_Q}(?P<subj>(?:\s+{_W}){{0,4}})""",
    _F,
)
_SUBSET_RE = re.compile(rf"""\b(?:{_SUBSET})\s+{_Q}(?P<subj>(?:\s+{_W}){{0,4}})""", _F)
# a part placed among a whole counted with its own number: "23 children were among the 57
# people killed", "Among the 57 people killed were 23 children"
_AMONG_RE = re.compile(
    rf"""{_Q}(?P<subj>(?:\s+{_W}){{0,3}}?)\s+(?:were|was|are|is)\s+(?:also\s+)?among\s+(?:the\s+)?\#(?P<j>\d+)\#
       | \bamong\s+(?:the\s+)?\#(?P<j2>\d+)\#[^,;.#]{{0,60}}?\s+(?:were|was|are|is)\s+(?:also\s+)?
         \#(?P<i2>\d+)\#(?P<subj2>(?:\s+{_W}){{0,3}})""",
    _F,
)
_KILLED_AFTER = alternation(
    [p for p, c in _AFTER.items() if c in ("killed", "wounded", "abducted", "detained", "missing")]
)
# After "8 displaced": the rest of the phrase when the participle only describes the noun,
# as in "8 displaced Syrians, including four children, were killed".
_ATTRIBUTIVE = re.compile(
    rf"""(?P<subj>(?:\s+{_W}){{1,4}}?)
        (?P<aside>\s*,[^,;]{{1,100}},)?
        (?P<link>(?:\s+(?:{_LINK})\b){{1,5}}?)
        \s+(?P<trig>{alternation(_AFTER)})\b(?P<tail>)""",
    _F,
)
# "[a journalist] was shot dead": a singular verb and a category word after a noun phrase
# that holds no count. The phrase runs back to the nearest clause start.
_SINGLE_RE = re.compile(
    rf"""\s+(?:(?P<aux>was|(?:has|had)\s+(?:reportedly\s+|also\s+|allegedly\s+)?been)\s+
             |(?P<plural>were|have\s+been)\s+        # only after "a couple"
             |(?:has\s+|had\s+|later\s+|then\s+|also\s+)?(?=died|perished|succumbed|received|suffered|sustained))
        (?:(?:also|reportedly|allegedly|later|then|seriously|critically|slightly|badly|fatally|
              mortally|severely|gravely|shot|stabbed|beaten|attacked|tortured|and|subsequently|
              eventually|instantly|immediately|found|discovered)\s+){{0,4}}
        (?:\w+(?:\s+\w+){{0,5}}?\s+and\s+)?(?P<trig>{_KILLED_AFTER})\b""",  # "ambushed ... and killed"
    re.VERBOSE,  # run on the lowered skeleton
)
# "..., with the village chief killed at a fair": a person and a category word, no verb
_WITH_ONE_RE = re.compile(
    rf"""\bwith\s+(?P<np>(?:a|an|the|his|her|their)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{_PEOPLE}))\s+
        (?:also\s+|reportedly\s+)?(?P<trig>{_KILLED_AFTER})\b""",
    _F,
)
# "[his wife] and [his driver] were killed", "[Ana Ruiz] and [Luis Mena] were shot dead"
_ONE_PERSON = rf"""(?:(?:a|an|the|his|her|their|another)\s+(?:[\w'’()-]+\s+){{0,4}}?(?:{_PEOPLE})
                   |(?-i:{CAPITAL}[\w'’-]+(?:\s+{CAPITAL}[\w'’-]+){{0,2}}))"""
_PAIR_RE = re.compile(
    rf"""(?P<np>(?P<a>{_ONE_PERSON})(?P<apposed>\s*,[^,;#§]{{1,80}},)?   # "Ana Ruiz, the mayor,"
        \s+and\s+(?P<b>{_ONE_PERSON}|(?:[\w'’-]+\s+)?(?:{_PEOPLE})(?<![sn]\b))(?:\s*,[^,;#§]{{1,80}},)?)\s+
        (?:were|have\s+been|had\s+been)\s+(?:(?:also|reportedly|allegedly|later|then|fatally|
        shot|stabbed|beaten|attacked|and|subsequently|found)\s+){{0,4}}
        (?P<trig>{_KILLED_AFTER})\b""",
    _F,
)
_ELLIPTICAL_ONE = re.compile(
    rf"""\s*,?\s+and\s+(?P<np>(?:his|her|their|a|an)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_PEOPLE}))\s+
        (?:was\s+|were\s+)?(?:also\s+|seriously\s+|slightly\s+|critically\s+)?
        (?P<trig>{_KILLED_AFTER})\b""",
    _F,
)
_ALONG_WITH = regex.compile(
    rf"""[^.;#]{{0,40}}?\b(?:(?:along\s+with|alongside|together\s+with)\s+
        (?:(?:(?:his|her|their)\s+)?(?:another\s+)?{_Q}(?P<subj>(?:\s+{_W}){{0,4}})
          |(?P<one>(?:a|an|his|her|their|another)\s+(?:[\w'’-]+\s+){{0,2}}?[\w'’-]*[^\Ws]\b))
        |with\s+{_Q}(?P<subj>\s+others?\b))""",
    _F,
)
_CONJUNCTIONS = r"""and|but|while|when|after|before|as|where|because|although|though|
                     if|whether(?:\s+or\s+not)?|that|
                     however|then|whereas"""
_SAYING = r"said|says|say|announced|confirmed|stated|added|claimed"
_CLAUSE_START = re.compile(
    rf"""(?:^|(?=[;:abcehistw])(?:[;:]|\b(?:{_CONJUNCTIONS})\b,?
           |\b(?:{_SAYING})   # "police said [a man] ..."
              (?:\s+(?:on\s+)?(?:{"|".join(_WEEKDAYS)}|yesterday|today))?
              (?:\s+that)?\b(?!\s+to\b)))\s*""",
    re.VERBOSE,  # run on the lowered skeleton; (?=...) lets most positions fail at one test
)
# Where a match of `_CLAUSE_START` can begin: the text's start, a stop, or one of its words.
_CLAUSE_OPENING = re.compile(rf"""^|[;:]|\b(?={_CONJUNCTIONS}|{_SAYING})""", re.VERBOSE)
# a clause set at another time: "a month after [one of her colleagues was murdered]"
_OTHER_TIME = re.compile(r"(?i)\b(?:days?|weeks?|months?|years?)\s+(?:after|before)\s+$")


def _other_time_before(lower: str, pos: int) -> bool:
    """True when the lowered skeleton before `pos` ends "days after", "weeks before": the
    count or person that follows belongs to another event."""
    return lower[max(0, pos - 30) : pos].rstrip().endswith(("after", "before")) \
        and _OTHER_TIME.search(lower, max(0, pos - 30), pos) is not None


_PRONOUN = re.compile(r"(?i)he|she|they")
_NO_ONE = re.compile(r"(?i)\b(?:no[\s-]one|nobody)\b")  # a zero, read by _ZERO
_NOT_A_PERSON = re.compile(
    r"(?i)(?:no|nobody|none|there|it|this|which|that|who|what|they|nothing|each|every|any)\b"
    r"|\#\d+\#\s+of\s+(?:whom|them|those|these)\b"  # "one of whom was beheaded": already counted
)
_PLACE_VERBS = {normalise(w) for w in words("place_verbs")}
_PEOPLES = re.compile(rf"(?-i:{CAPITAL})[\w'’-]*[^\Ws]s")  # one capitalised plural: "Palestinians"
_PEOPLE_WORD = re.compile(rf"(?i)\b(?:{_PEOPLE}|him|her)\b")
_ATTACKER_NOUNS = alternation(words("attackers"))
# a noun phrase that ends in an attacker ("the four assailants"): their own deaths
_ATTACKERS = re.compile(rf"(?i)(?:^|\s)(?:suicide\s+)?(?:{_ATTACKER_NOUNS})$")
_ATTACKER_LAST_WORDS = frozenset(normalise(w).split()[-1] for w in words("attackers"))


def _ends_in_attacker(subject: str) -> bool:
    """True when the counted noun phrase ends in an attacker (its last word is tested first)."""
    last = subject.rsplit(None, 1)[-1].lower() if subject and not subject[-1].isspace() else ""
    return last in _ATTACKER_LAST_WORDS and _ATTACKERS.search(subject) is not None


# a noun phrase that names attackers anywhere ("eight armed assailants kidnapped ...")
_ATTACKER_WORD = re.compile(rf"(?i)\b(?:{_ATTACKER_NOUNS}|militants?)\b")
_PERPETRATOR = r"""(?:suspected\s+)?(?:suicide\s+)?(?:assailant|attacker|bomber|gunman|perpetrator|militant|
                  shooter|hijacker|suspect)"""
_NAME = rf"""(?-i:{CAPITAL}[\w'’.-]+(?:\s+{CAPITAL}[\w'’.-]+){{0,3}})(?<!\w\w\.)"""  # not the sentence's stop
_WEEKDAY_OR_MONTH = re.compile(
    r"(?i)^(?:"
    + "|".join(_WEEKDAYS + _MONTHS)
    + r"|the|a|an|at|in|on|more|some|dozens|hundreds|scores|several|many|all)\b"
)
_FUNCTION_WORDS = r"""a|an|the|by|in|on|at|for|from|with|during|after|before|near|as|when|while|
                     and|or|to|of|his|her|their|its|this|that|these|those|who|which"""
_SINGLE_OBJECT_RE = re.compile(
    rf"""(?P<trig>\b(?:{alternation(list(_VERBS) + list(_OFS))})),?\s+
        (?P<np>(?:a|an|one|his|her|their|another)\s+(?:[\w'’§()-]+\s+){{0,5}}?(?:{_PEOPLE})\b(?![\w'’-])
             # "a" and up to where the phrase ends, if in sight, else one word
             | (?P<any>(?:a|an)\s+(?:[\w'’§-]+\s+){{0,3}}?[\w'’-]+
                       (?=\s*(?:[,.;:()]|$)|\s+(?:in|on|at|near|of|with|to|from|for|as|during|after|
                                                 outside|inside|while|when|who|and|by|was|were|ago)\b)
                       |(?:a|an)\s+[\w'’-]+)
             | the\s+(?!(?:{_PERPETRATOR})\b(?![\w'’-]))(?:[\w'’§-]+\s+){{0,4}}?(?:{_PEOPLE})\b(?![\w'’-])
             | (?P<perp>the\s+(?:lone\s+)?{_PERPETRATOR})\b
             | (?P<another>another)\b(?=\s*(?:[,.;]|$|(?:in|on|at|and|when|as|while|during|with)\b))
             | (?:him|her)\b(?!\s+(?:own|family|home|house|husband|wife|son|daughter|brother|sister|
                                   father|mother|car|way)\b)
             | (?:[\w'’-]+\s+){{0,3}}?(?:{_PEOPLE})\s+{_NAME}(?![\w'’-])
             | (?:(?:{_PEOPLE})\s+)?(?!(?:{_FUNCTION_WORDS})\b){_NAME}(?![\w'’-])  # not "AND" in capitals
             | (?P<bare>(?:(?!(?:{_STOP}|{_FUNCTION_WORDS})\b)[\w'’-]+\s+){{0,3}}?(?:{_PEOPLE})\b
                       (?=\s*(?:[,.;:]|$)|\s+(?:in|on|at|near|of|with|as|during|after|outside|inside|while|
                                             when|who|late|early|last|this|yesterday|today)\b)))""",
    _F,
)
# after the object of a verb, a speech verb: the "object" was the speaker ("killed, OCHA said")
_SPEAKER_AFTER = re.compile(
    r"(?i)\s+(?:also\s+)?(?:said|says|told|reported|reports|added|confirmed|stated|announced)\b")
_ARTICLE_BEFORE = re.compile(r"(?i)\b(?:a|an|the)\s+$")
# a verb made passive ("were killed"): it takes no object
_PASSIVE_BEFORE = re.compile(r"(?i)\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$")
_TO_DEATH_RE = re.compile(
    rf"""\b(?P<trig>{alternation(words("to_death"))})\s+
        (?P<np>(?:a|an|the|his|her|their|one)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_PEOPLE}))\s+to\s+death\b""",
    _F,
)
# "abducted three youths and later killed them": the count named before, taken again
_THEM_RE = re.compile(
    rf"""\b(?P<trig>{alternation(list(_VERBS))})\s+them\b
      | \b(?P<death>{alternation(words("to_death"))})\s+them\s+to\s+death\b""",
    _F,
)
_COUNTED = re.compile(rf"""{_Q}(?P<subj>(?:\s+{_NP_WORD}){{0,5}})""", _F)
# the attackers' own deaths count only when stated ("killing himself and five others", "in
# addition to the bomber"): "a suicide bomber blew himself up, killing five" reports five deaths
_BOMBER_RE = regex.compile(
    rf"""in\s+addition\s+to\s+(?P<np>(?:the|\#\d+\#)\s+(?:[\w'’#-]+\s+){{0,2}}?{_PERPETRATOR}s?)\b
      | (?P<np>\#\d+\#)\s+[^.;#]{{0,80}}?\b(?:killing\s+themselves|
                                        killed\s+themselves)\b""",
    _F,
)
_HIMSELF_RE = re.compile(
    r"""\b(?P<trig>killing|killed|kills)\s+(?:himself|herself)\b""", _F
)
_MODIFIED_AND = re.compile(
    rf"""[^,.;:#§]{{1,60}}?\s+and\s+(?:(?:{_ADDITIONAL})\s+)?{_Q}(?P<subj>(?:\s+{_NP_WORD}){{0,5}})""", _F
)
_MODIFIED_AND_ONE = re.compile(
    rf"""[^,.;:#§]{{1,60}}?,?\s+and\s+(?P<np>(?:a|an|his|her|their)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_PEOPLE}))\b""",
    _F,
)
_COUPLE = re.compile(r"(?i)\b(?:a|an|the)\s+(?:[\w'’-]+\s+){0,2}?couple\b")
_OF_COUNT = re.compile(r"\s+of\s+\#\d+\#")
_SUBJECT_TRIM = re.compile(r"""^(?:of(?:\s+(?:them|whom|those|the))?\b|[\s"“”'’,])+|[\s"“”'’,]+$""", _F)
_PLACEHOLDER = re.compile(r"#(\d+)#")
_LEADING_AND = re.compile(r"(?i)^\s*and\s+")
_ALSO = re.compile(r"(?i)\b(?:also|another)\b")
_OTHERS = re.compile(r"(?i)(?:others?|more)\b")
_INNER_COUNT = re.compile(r"\#\d+\#(?:\s+[\w'’-]+){1,3}\s+of\s+$")
_OWN_VERB = re.compile(
    rf"[^,.;#]{{0,40}}?\b(?:was|were|is|are|has|had)\b|\s+(?:also\s+)?(?:{_KILLED_AFTER})\b", _F
)
# after a count listed with others, a verb of its own: "killed two guards and [four others escaped]"
_GOT_AWAY = re.compile(
    r"(?i)\s+(?:escaped|survived|managed|got\s+away|(?:were|was)\s+(?:unharmed|unhurt|released|freed|rescued))\b"
)
_OWN_WORD = re.compile(rf"(?:\s+(?:{_LINK})\b)*\s+(?:{alternation(_AFTER)})\b", _F)
_PARTITIVE = re.compile(r"(?i)^\s*of\s+(?:the|those|them|whom|these|which)\b")
_DETERMINER = re.compile(r"(?i)^(?:a|an|one|the|his|her|their|its|another|this|that)\s+")
# a preposition after a blank (the blank space runs back from the match's start); run on
# lowered text (twice as fast as ignoring case; one blank to start, and the words as a trie,
# are faster than several blanks and a flat list of words)
_PREPOSITIONS = """in on at from during near since after for by with to into across outside inside out
    around over under when as while last this yesterday today overnight later earlier ago""".split()
_PREPOSITION = re.compile(rf"\s(?:{alternation(_PREPOSITIONS)})\b")
_HYPO_RE = re.compile(rf"""\b(?:{_HYPOTHETICAL})\s*$""", _F)
_HYPO_LAST_WORDS = {normalise(w).split()[-1] for w in words("hypothetical")}
_ADD_BEFORE = re.compile(rf"""\b(?:{_ADDITIONAL})\s*$""", _F)
# a count listed after another: "6 gunmen and [two hostages]", "5 police and the [two] militants"
_LIST_DETERMINER = r"(?:(?:the|his|her|their|its)\s+)?"
_LISTED = re.compile(rf"(?i)(?:,|\band)\s*{_LIST_DETERMINER}$")
_COORD_BEFORE = re.compile(
    rf"""{_Q}(?P<subj>(?:\s+{_W}){{0,9}}?)\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)
        {_LIST_DETERMINER}$""",
    _F,
)
# a name in apposition to the one before: "killing the district governor, Abdul Wahid, ..."
_APPOSED_NAME = rf"""(?:\s*,\s*(?-i:{CAPITAL}[\w'’.-]+(?:\s+{CAPITAL}[\w'’.-]+){{0,3}})(?=\s*,))?"""
_COORD_AFTER = re.compile(
    rf"""^{_APPOSED_NAME}(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+along\s+with\s+|\s+in\s+addition\s+to\s+)
        (?:(?:his|her|their)\s+)?(?P<add>(?:{_ADDITIONAL})\s+)?{_Q}(?P<subj>(?:\s+{_NP_WORD}){{0,5}})""",
    _F,
)
_COORD_ONE_BEFORE = regex.compile(
    rf"""(?<![\w'’-])(?<!\b(?:in\s+addition\s+to|besides|apart\s+from|aside\s+from|except)\s+)
        (?P<np>(?:a|an|the|his|her|their|(?-i:{CAPITAL})[\w-]*['’]s)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{_PEOPLE})
              |(?P<name>(?-i:{CAPITAL}[\w'’-]+(?:\s+{CAPITAL}[\w'’-]+){{1,4}})))
        \s*(?:,\s*(?:and\s+)?|\s+and\s+)$""",
    _F,
)
_PEOPLE_LAST_WORDS = frozenset(normalise(w).split()[-1] for w in words("people"))


def _ends_in_person(text: str) -> bool:
    """The cheap test before `_COORD_ONE_BEFORE`: the words before a closing "," or "and" end
    in a noun for one person or a capitalised word."""
    head = text.rstrip().removesuffix("and").rstrip().rstrip(",").rstrip()
    last = head.rsplit(None, 1)[-1] if head else ""
    return last[:1].isupper() or last.lower() in _PEOPLE_LAST_WORDS


# where a determiner or a capitalised word starts: the only places a noun phrase of
# `_COORD_ONE_BEFORE` can start
_NP_START = re.compile(rf"(?<![\w'’-])(?:(?i:an?|the|his|her|their)\b|{CAPITAL})")


def _coordinated_one_before(skel: str, end: int) -> regex.Match | None:
    """`_COORD_ONE_BEFORE.search(skel, end - 80, end)`, tried only where its noun phrase can
    start: its lookbehinds, tried at every character, made it the slowest search of a
    sentence."""
    for word in _NP_START.finditer(skel, max(0, end - 80), end):
        if one := _COORD_ONE_BEFORE.match(skel, word.start(), end):
            return one
    return None


_COORD_ONE = re.compile(
    rf"""^{_APPOSED_NAME}(?:\s*,\s*and\s+|\s+and\s+|\s*,\s*(?=(?:his|her|their)\s)|\s+along\s+with\s+|
          \s+together\s+with\s+)
        (?P<np>(?:a|an|his|her|their)\s+(?:[\w'’§-]+\s+){{0,3}}?(?:{_PEOPLE})\b
              |(?<=\band\s)(?:{_PEOPLE})\b(?<!s)(?<!men)                 # "his wife and son"
              |(?<=\band\s)(?-i:{CAPITAL}[\w'’-]+(?:\s+{CAPITAL}[\w'’-]+){{1,3}})(?![\w'’-]))""",
    _F,
)
_NOT_AFTER_RE = re.compile(rf"""^\s*(?:{_NOT_AFTER})(?![\w])|^-?\s*years?[\s-]+old|^-year""", _F)
_WORD_BEFORE = re.compile(r"""\s*([\w.$£€']+)""")  # matched on the reversed text before a number
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_CAPITAL_BEFORE = re.compile(rf"(?-i:{CAPITAL})[\w'’.-]*[^\S\n]+$")
_NAME_PAREN = re.compile(rf"(?-i:{CAPITAL})[\w'’.-]+\s*\(\s*$")
_AFTER_NAME = re.compile(rf"(?-i:{CAPITAL})[\w'’.-]+,\s*$")
_CLOCK = re.compile(r"^(?:[01]\d|2[0-3])[0-5]\d$")
_CLOCK_BEFORE = re.compile(r"(?i)\bat\s+$")


_AGE_LIMIT = re.compile(r"(?i)(?:under|over|below|above)\s")
_END_OF_PHRASE = re.compile(r"^\s*(?:[,.;:)]|$|and\b|or\b|years?\b)")
# "the 2011 killing of five women", "the third killing of an imam this month": another event
_EARLIER_EVENT = re.compile(
    rf"""(?:§|\b(?:second|third|fourth|fifth|sixth)                # "the 2011 killing of"
         |\b(?:{alternation(words("motive"))})\s+(?:the|a|an)?)\s*$""", _F
)
_ANOTHER_ACCOUNT = re.compile(rf"(?i)\s*(?:{alternation(words('another_account'))})\b")
_ANOTHER_EVENT = re.compile(rf"(?i)\s*(?:{alternation(words('another_event'))})\b")
_ADVERBS_ONLY = re.compile(r"(?i)^(?:\w+ly\b\s*)*$")  # "", "formerly", "internally"
_COUNT_BEFORE = re.compile(r"\#\d+\#\s+$")
# "On Monday night, at 2100,", "On Tuesday, in Ado, Besk province, Karsova,": a time, or a place
# with its region and country
_PLACE_OR_TIME = rf"""(?:(?:on|during|after|before|shortly|early|late|last|this|yesterday|today)
                         \b[^,\#]{{0,40}},\s+
                       |(?:in|at|near|outside|around)\b[^,\#]{{0,40}},\s+
                        (?:(?-i:{CAPITAL})[\w'’.-]*(?:\s+(?-i:{CAPITAL})[\w'’.-]*){{0,2}},\s+){{0,2}}){{1,3}}"""
_FRONTED = re.compile(
    rf"""(?i)(?:{_PLACE_OR_TIME}|[^,\#]{{1,40}},\s+)         # "On the 28th, another man ..."
         (?=(?:a|an|another|the|one|his|her|their)\b)""",
    re.VERBOSE,
)
# a clause of its own, with its verb and a comma, before a noun phrase (not "who was ...")
_CLAUSE_BEFORE = re.compile(
    r"(?<!who )(?<!which )(?<!that )\b(?:was|were|has\s+been|have\s+been|had\s+been)\s[^,]*,\s*")
_FRONTED_PLACE_OR_TIME = re.compile(rf"(?i){_PLACE_OR_TIME}", re.VERBOSE)
_RELATIVE = re.compile(r"(?i)\b(?:who|that)\b")
_SUBJECT_PRONOUN = re.compile(r"(?i)\b(?:they|he|she|we)\b")
_PEOPLE_NEXT = re.compile(rf"(?i)\s+(?:persons?|people|civilians|families|(?:{_PEOPLE})s?)\b")
_INCLUDING = re.compile(r"(?i)(?:including|among\s+them)\s+")
_RELATIVE_CLAUSE = re.compile(r"(?i),?\s+(?:who|which|that|whose)\s")
_RELATIVE_TAIL = re.compile(r"(?i),?\s+(?:who|that)\s*$")
_MAIN_VERB = re.compile(
    rf"""\s+(?:have|has|had|were|was|are)\s+(?:(?:also|reportedly|since|now|been)\s+){{0,2}}
        (?P<trig>{alternation(_AFTER)})\b""", _F
)
_TITLE = re.compile(rf"""\s*(?:(?-i:{CAPITAL}|\()[\w'’().-]*\s+)+(?:{_PEOPLE})\s+""", _F)
_OF_SPLIT = re.compile(r"(?i)\s+of\s+")
_PARENT_OF = re.compile(rf"(?i)\b(?:{alternation(words('parent_of'))})\s+of\s+$")
_SHARE_OF = re.compile(
    r"(?i)\b(?:most|many|some|half|majority|part|rest|much|all|none|few)\s+of\s+"
    r"(?:the|its|their|his|her|(?:the\s+)?[\w-]+['’]s)?\s*(?:[\w-]+\s+)?$"
)


def _is_count(sentence: str, q: Quantity) -> bool:
    """False for numbers that are dates, years, ages, times, money or shares, ages given as
    "under 18", and the whole from which a share is taken ("most of the city's 180,000")."""
    after = sentence[q.end : q.end + 20]
    if _NOT_AFTER_RE.match(after) or not is_count(sentence, q):  # (is_count: by the number's form)
        return False
    if q.qualifier != "exact" and _AGE_LIMIT.match(q.text) and q.value <= 100 and _END_OF_PHRASE.match(after):
        return False
    before = sentence[max(0, q.start - 40) : q.start]
    if "of" in before.lower():  # (a cheap test first)
        if _PARENT_OF.search(sentence, max(0, q.start - 20), q.start):
            return False
        if _SHARE_OF.search(sentence, max(0, q.start - 40), q.start):
            return False
    if len(q.text) == 4 and q.qualifier == "exact" and _YEAR.match(q.text):
        return False
    if len(q.text) == 4 and _CLOCK.match(q.text) \
            and _CLOCK_BEFORE.search(sentence, max(0, q.start - 20), q.start):
        return False  # "at 0830": a time of day
    if q.qualifier == "exact" and q.value < 120:  # an age after a name: "Ana Ruiz (43)", "Ana Ruiz, 43,"
        window = max(0, q.start - 40)
        if after.lstrip().startswith(")") and _NAME_PAREN.search(sentence, window, q.start):
            return False
        if before.rstrip().endswith(",") and _END_OF_PHRASE.match(after) \
                and _AFTER_NAME.search(sentence, window, q.start):
            return False
    if q.qualifier == "exact" and q.text[:1].isupper() and not q.text[:1].isdigit() \
            and _CAPITAL_BEFORE.search(sentence, max(0, q.start - 30), q.start):
        return False  # a number word in a name: "Moo Six", "Camp Four"
    if q.qualifier in ("exact", "range"):
        m = _WORD_BEFORE.match(sentence[max(0, q.start - 20) : q.start][::-1])
        if m and normalise(m.group(1)[::-1]) in _NOT_BEFORE:
            return False
    return True


_QUOTES = str.maketrans({'"': " ", "“": " ", "”": " "})


@dataclass(frozen=True, slots=True)
class Skeleton:
    """A sentence with counts replaced by `#i#` and other numbers by `§`."""

    text: str
    counts: list[Quantity]
    marks: list[tuple[int, int, int, int]]  # (skeleton start, end, sentence start, end)
    ends: list[int] = field(default_factory=list)  # skeleton end of each mark, for bisecting
    count_marks: list[tuple[int, int, int, int]] = field(default_factory=list)

    def to_sentence(self, pos: int) -> int:
        """The sentence offset of a skeleton offset."""
        k = bisect_right(self.ends, pos)  # marks wholly before pos
        if k < len(self.marks) and self.marks[k][0] < pos:
            return self.marks[k][2]  # inside a placeholder: its number's start
        return pos + (self.marks[k - 1][3] - self.marks[k - 1][1] if k else 0)

    def placeholder_start(self, i: int) -> int:
        """Where count `i`'s placeholder starts in the skeleton."""
        return self.count_marks[i][0]


def skeleton(sentence: str) -> Skeleton:
    """The sentence with counts as `#i#` and other numbers as `§`, and the counts."""
    parts: list[str] = []
    counts: list[Quantity] = []
    marks: list[tuple[int, int, int, int]] = []
    ends: list[int] = []
    count_marks: list[tuple[int, int, int, int]] = []
    last = length = 0
    for q in scan_numbers(sentence):
        parts.append(sentence[last : q.start])
        length += q.start - last
        if _is_count(sentence, q):
            token = f"#{len(counts)}#"
            mark = (length, length + len(token), q.start, q.end)
            counts.append(q)
            count_marks.append(mark)
        else:
            token = "§"
            mark = (length, length + 1, q.start, q.end)
        parts.append(token)
        marks.append(mark)
        length += len(token)
        ends.append(length)
        last = q.end
    parts.append(sentence[last:])
    text = "".join(parts)
    if '"' in text or "“" in text or "”" in text:
        text = text.translate(_QUOTES)
    return Skeleton(text, counts, marks, ends, count_marks)


def _subject(text: str, counts: list[Quantity]) -> str:
    """Who was counted, as written: the noun phrase cut before any preposition but "of"."""
    if "#" in text:
        text = _PLACEHOLDER.sub(lambda m: counts[int(m.group(1))].text, text)
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


_TRIMMED = frozenset('"“”\'’,')


def _head_phrase(np: str, counts: list[Quantity]) -> str:
    """The noun phrase that names who is counted, out of a longer one: before any relative
    clause, after the last comma, without prepositional phrases ("Colombia, the mayor, Ana
    Ruiz, who ..." gives "Ana Ruiz"; "a woman in the car" gives "a woman")."""
    low = np.lower()
    if "wh" in low or "that" in low:  # (the cheap test first)
        np = _RELATIVE_CLAUSE.split(np, maxsplit=1)[0].rstrip(", ")
    else:
        np = np.rstrip(", ")
    return _subject(np.rsplit(",", 1)[-1], counts)


def _names_people(word: str) -> bool:
    """True for a noun for people: a plural ("assailants", "gunmen") or a noun for one person."""
    word = word.lower().strip(".,")
    return word.endswith(("s", "men")) or word in _PEOPLE_LAST_WORDS


def _names_things(subject: str) -> bool:
    """True when the counted noun is a thing, a unit or a time ("three vehicles", "40 km"):
    the head noun, the last word before any "of" ("pieces of artillery", "village leaders")."""
    low = subject.lower()
    head = (_OF_SPLIT.split(subject.strip(), maxsplit=1)[0] if "of" in low else subject).split()
    for k, word in enumerate(head) if "ing" in low else ():
        # "assailants planting explosive devices": assailants
        if k and word.lower().endswith("ing") and normalise(word) not in _NOT_PEOPLE \
                and _names_people(head[k - 1]):  # (not "nearby shopping centres")
            head = head[:k]
            break
    return bool(head) and normalise(head[-1]).strip(".,") in _NOT_PEOPLE


def _one(start: int, end: int, text: str) -> Quantity:
    return Quantity(1, 1, 1, "exact", False, text, start, end)


def _persons(start: int, end: int, text: str) -> Quantity:
    """One person named by a noun phrase, or two for a couple ("an elderly couple")."""
    n = 2 if text.lower().endswith("couple") else 1
    return Quantity(n, n, n, "exact", False, text, start, end)


def _zero(start: int, end: int, text: str) -> Quantity:
    return Quantity(0, 0, 0, "exact", False, text, start, end)


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


_PASSIVE = re.compile(r"(?i)\b(?:were|was|been|be|being|are|is|got|get)\b")
_COMBINED = regex.compile(
    r"""(?:\#(?P<i>\d+)\#[^.;#]{0,80}?\b(?:killed|dead|died)\s+(?:or|and/or)\s+(?:wounded|injured|hurt)
         |\b(?:killed|killing|kills)\s+(?:or|and/or|and)\s+(?:wounded|injured|wounding|injuring)\s+
          (?:at\s+least\s+|more\s+than\s+|some\s+|about\s+)?\#(?P<i>\d+)\#)""",
    _F,
)
_ALL_PHRASES = [p for role in ("after", "nouns", "verbs", "tolls", "of", "heads")
                for p in role_index(role)]
# A sentence with none of these words states no figure: the cheap test run first on each
# sentence (the standard library's engine is the faster one for this).
_TRIGGER = re.compile(
    first_characters(_ALL_PHRASES, also="nc")
    + rf"""\b(?:{alternation(_ALL_PHRASES)}|no[\s-]one|nobody|casualt\w*)"""
)


def has_trigger(text: str) -> bool:
    """True when the text holds a category word: a sentence without one states no figure."""
    return _TRIGGER.search(lowered(text)) is not None


def screen_sentences(text: str) -> Iterator[tuple[Sentence, bool]]:
    """Each sentence of a document, and whether it holds a category word: only those can
    state a figure. The lowered document is searched once per such sentence; the sentences
    between two of them cost nothing."""
    low = lowered(text)
    hit = _TRIGGER.search(low)
    for sentence in split_sentences(text):
        if hit is not None and hit.start() < sentence.start:
            hit = _TRIGGER.search(low, sentence.start)
        yield sentence, hit is not None and hit.start() < sentence.end

# The words each pattern opens (or, for `after` and `nouns`, ends) with.
_OPENING_WORDS = {
    "verbs": list(_VERBS), "of": list(_OFS), "tolls": list(_TOLLS), "heads": list(_HEADS),
    "subset": words("subset"), "single_object": list(_VERBS) + list(_OFS),
    "to_death": words("to_death"), "them": list(_VERBS) + words("to_death"),
    "after": list(_AFTER), "nouns": list(_NOUNS),
    # the first word of `_SINGLE_RE`'s verb, which opens after blank space
    "single": ["was", "were", "have", "has", "had", "later", "then", "also", "died", "perished",
               "succumbed", "received", "suffered", "sustained"],
}
# Where any of these words starts (the lookahead finds overlapping phrases too: "shot dead"
# and "dead"), with the longest phrase found there. A pattern is tried only where the phrase
# found begins with one of its words: the same matches as scanning every character, found
# several times faster.
_OPENING = [w for ws in _OPENING_WORDS.values() for w in ws]
_OPENER = re.compile(rf"""{first_characters(_OPENING)}\b(?=({alternation(_OPENING)}))""")
_OPENS: dict[str, tuple[str, ...]] = {
    phrase: tuple(name for name, ws in _OPENING_WORDS.items() if any(phrase.startswith(w) for w in ws))
    for phrase in {normalise(w) for w in _OPENING}
}
# what every match of `_PAIR_RE` holds: "and", then (with no ";" between) a plural verb and
# a category word; the full pattern runs only where this cheap test finds it
_PAIR_HINT = re.compile(
    rf"""\sand\s[^;#§]*?\s(?:were|have\s+been|had\s+been)\s+(?:\w+\s+){{0,4}}(?:{_KILLED_AFTER})\b"""
)


def _opening_at(pattern: _Pattern, skel: str, starts: list[int]) -> list[_Match]:
    """`pattern.finditer(skel)` for a pattern that can start only at `starts`."""
    found: list[_Match] = []
    end = 0
    for pos in starts:
        if pos >= end and (m := pattern.match(skel, pos)) is not None:
            end = m.end()
            found.append(m)
    return found


def _opening_with_count(pattern: _Pattern, sk: Skeleton, before: int) -> list[_Match]:
    """`pattern.finditer(sk.text)` for a pattern that opens with a count and ends with a word
    that starts before `before`."""
    found: list[_Match] = []
    end = 0
    for start, *_ in sk.count_marks:
        if start >= before:
            break
        if start >= end and (m := pattern.match(sk.text, start)) is not None:
            end = m.end()
            found.append(m)
    return found


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


def _openers(lower: str) -> dict[str, list[int]]:
    """{pattern: where the words it opens with start} in a lowered skeleton."""
    found: dict[str, list[int]] = {name: [] for name in _OPENING_WORDS}
    for m in _OPENER.finditer(lower):
        phrase, start = m.group(1), m.start()
        for name in _OPENS.get(phrase) or _OPENS[normalise(phrase)]:
            found[name].append(start)
    return found


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
        return _find_mentions(sentence)
    return [_as_written(m, sentence) for m in _find_mentions(read)]


def _as_written(mention: Mention, sentence: str) -> Mention:
    """The mention with its number's own letters back from the sentence (a mention read
    unchanged is kept as it is)."""
    text = sentence[mention.quantity.start : mention.quantity.end]
    if text == mention.quantity.text:
        return mention
    return replace(mention, quantity=replace(mention.quantity, text=text))


_BLANKS = str.maketrans("\n\r\t*_", "     ")


def _find_mentions(sentence: str) -> list[Mention]:
    sk = skeleton(sentence)
    skel, counts = sk.text, sk.counts
    found: dict[int, Mention] = {}  # placeholder index -> mention
    extra: list[Mention] = []  # figures with no number in the text (zero, one person)
    group = 0

    def claim(i: int, category: str, subj: str, trig: str, **flags: object) -> bool:
        if i in found:
            return False
        found[i] = Mention(category, counts[i], subj, normalise(trig), **flags)  # type: ignore[arg-type]
        return True

    lower = lowered(skel)
    opens = _openers(lower)
    zero = "no" in lower or "without" in lower \
        or ("casualties" in lower and any(q.value == 0 for q in counts))
    for m in _ZERO.finditer(lower) if zero else ():
        if m.group("count") and counts[int(m.group("count"))].value != 0:
            continue
        cats = (
            (_AFTER[normalise(m.group("trig"))],)
            if m.group("trig")
            else _ZERO_NOUNS[normalise(m.group("noun") or m.group("casualties"))]
        )
        for cat in cats:
            extra.append(Mention(cat, _zero(*_span(sentence, sk, m)), "", "no", group=group))
        group += 1

    label = _LABEL_RE.match(skel) if counts else None
    if label:
        trig = normalise(label.group("trig"))
        claim(int(label.group("i")), _AFTER.get(trig) or _NOUNS[trig], "", trig, group=group)
        group += 1
    part = _PART_OF_RE.match(skel) if counts else None
    if part:
        trig = normalise(part.group("trig"))
        category = _AFTER.get(trig) or _NOUNS[trig]
        subj = _subject(part.group("subj"), counts)
        subj = "" if has_trigger(subj) else subj  # "six were specifically killed in Ado": no noun
        if claim(int(part.group("i")), category, subj, trig, group=group, subset=True):
            _coordinate_after(sentence, sk, part.end(), category, trig, group, claim, extra, subset=True)
            group += 1
    # (the patterns that read a count are skipped where the sentence holds none)
    # counts taken by a hypothetical or threatening verb are no figures: "could kill 10"
    verbs = _opening_at(_VERB_RE, skel, opens["verbs"]) if counts else []
    blocked = {int(m.group("i")) for m in verbs if _hypothetical(skel, m)}
    # "40 people were killed or wounded": a count of both, no figure of either
    blocked |= {int(m.group("i")) for m in _COMBINED.finditer(skel)} if counts and " or " in lower else set()
    for i in blocked:
        found[i] = None  # type: ignore[assignment]
    for m in verbs:
        if int(m.group("i")) in blocked:
            continue
        trig = normalise(m.group("trig"))
        subj = "family" if m.group("family") else _subject(m.group("subj"), counts)
        if _names_things(subj):
            continue
        additional = bool(m.group("add")) or _other(subj)
        if claim(int(m.group("i")), _VERBS[trig], subj, trig, group=group, additional=additional):
            _coordinate_after(sentence, sk, m.end(), _VERBS[trig], trig, group, claim, extra)
            group += 1
    for m in _opening_at(_OF_RE, skel, opens["of"]) if counts else ():
        trig = normalise(m.group("trig"))
        subj = _subject(m.group("subj"), counts)
        if _names_things(subj) or _EARLIER_EVENT.search(skel, max(0, m.start() - 40), m.start()):
            continue
        if claim(int(m.group("i")), _OFS[trig], subj, trig, group=group,
                 additional=bool(m.group("add"))):
            _coordinate_after(sentence, sk, m.end(), _OFS[trig], trig, group, claim, extra)
            group += 1
    for m in _opening_with_count(_AFTER_RE, sk, max(opens["after"], default=-1)):
        i = int(m.group("i"))
        subj = _subject(m.group("subj"), counts)
        trig = normalise(m.group("trig"))
        later = (_ATTRIBUTIVE.match(skel, m.end("trig")) if _ADVERBS_ONLY.match(subj) and not m.group("link")
                 else None)
        if later:
            trig = normalise(later.group("trig"))
            subj = _subject(later.group("subj"), counts)
        # "10 troops who had been detained have been killed"
        elif m.group("link") and _RELATIVE.search(m.group("link")):
            main = _MAIN_VERB.match(skel, m.end("trig"))
            trig = normalise(main.group("trig")) if main else trig
        if _other_time_before(lower, m.start()):
            continue  # "two weeks after 12 police officers were killed": another event
        if _PEOPLE_NEXT.match(skel, m.end("trig")) and not _ADVERBS_ONLY.match(m.group("subj").strip()):
            continue  # "ten men attacked a camp of internally displaced people", "two militants
            # shot and killed imam Ana Ruiz": the word is an adjective, or the count's men acted
        if (m.group("conj") or "").split()[:1] in (["him"], ["her"], ["them"]):
            continue  # "two men shot him and fled": the men acted
        if _SUBJECT_PRONOUN.search(m.group("subj")):
            continue  # "41 civilians ... as they tried to reach positions held": another clause
        if lower[max(0, m.start() - 60) : m.start()].rstrip().endswith("of") \
                and _INNER_COUNT.search(skel, max(0, m.start() - 60), m.start()):
            continue  # "six members of one family": part of another count's noun phrase
        verb_like = trig in _VERBS and m.group("tail") and not later
        if (verb_like and not _PASSIVE.search(m.group("link"))) or _names_things(subj) or i in blocked:
            continue
        link = m.group("link")
        partitive = bool(_PARTITIVE.match(m.group("subj") + link)) or "among" in link.lower()
        additional = _added(skel, m.start(), subj) or bool(_ALSO.search(m.group("link")))
        if claim(i, _AFTER[trig], subj, trig, group=group, additional=additional,
                 subset=partitive):
            if m.group("plus"):
                start, end, np = _span(sentence, sk, m, "plus")
                np = _LEADING_AND.sub("", np)
                extra.append(Mention(_AFTER[trig], _one(end - len(np), end, np),
                                     _DETERMINER.sub("", np), trig, group=group))
            both = normalise(m.group("conj") or "").removesuffix(" and")
            if _AFTER.get(both, _AFTER[trig]) != _AFTER[trig]:  # "one person was wounded and arrested"
                extra.append(Mention(_AFTER[both], counts[i], subj, both, group=group + 10_000))
            group += 1
    for m in _opening_with_count(_NOUN_RE, sk, max(opens["nouns"], default=-1)):
        subj = _subject(m.group("subj"), counts)
        if _names_things(subj):
            continue
        trig = normalise(m.group("trig"))
        if claim(int(m.group("i")), _NOUNS[trig], subj, trig, group=group,
                 additional=_added(skel, m.start(), subj),
                 subset=bool(_PARTITIVE.match(m.group("subj")))):
            group += 1
    for m in _opening_at(_TOLL_RE, skel, opens["tolls"]) if counts else ():
        trig = normalise(m.group("trig"))
        if claim(int(m.group("i")), _TOLLS[trig], "", trig, group=group):
            group += 1
    for m in _opening_at(_HEAD_RE, skel, opens["heads"]) if counts else ():
        trig = normalise(m.group("trig"))
        subj = _subject(m.group("subj"), counts)
        if claim(int(m.group("i")), _HEADS[trig], subj, trig, group=group, subset=True):
            _coordinate_after(sentence, sk, m.end(), _HEADS[trig], trig, group, claim, extra,
                                  subset=True)
            group += 1
    for m in _opening_at(_SUBSET_RE, skel, opens["subset"]) if counts else ():
        i = int(m.group("i"))
        before = [x for j, x in found.items() if j < i and x is not None and not x.subset]
        if not before:
            continue
        parent = max(before, key=lambda x: x.quantity.start)
        subj = _subject(m.group("subj"), counts)
        if _names_things(subj):
            continue  # "including several nearby shops"
        if claim(i, parent.category, subj, "including", group=group, subset=True):
            _coordinate_after(sentence, sk, m.end(), parent.category, "including", group, claim,
                              extra, subset=True)
            group += 1
    for m in _AMONG_RE.finditer(skel) if len(counts) > 1 and "among" in lower else ():
        i, whole = int(m.group("i") or m.group("i2")), found.get(int(m.group("j") or m.group("j2")))
        subj = _subject(m.group("subj") or m.group("subj2") or "", counts)
        if whole is not None and not whole.subset and not _names_things(subj) \
                and claim(i, whole.category, subj, "among", group=group, subset=True):
            group += 1
    for m in _RUNNING_TOTAL_RE.finditer(skel) if counts and _RUNNING_HINT.search(lower) else ():
        i = int(m.group("i"))
        before = [j for j, x in found.items() if j < i and x is not None and not x.subset]
        if before and claim(i, found[max(before)].category, "", "total", group=group):
            group += 1
        if found.get(i) is None:
            continue
        for j in before:  # "45 new deaths, bringing the total to 1,320": the 45 are part of it
            if found[j].category == found[i].category:
                found[j] = replace(found[j], subset=True, additional=False)
    # counts coordinated before a claimed one: "6 gunmen and [two hostages were killed]"
    # A claimed count passes its category to the one listed before it, and so on leftwards.
    pending = sorted((i for i, x in found.items() if x is not None), reverse=True)
    while pending:
        i = pending.pop(0)
        mention = found[i]
        if mention.trigger == "including":
            continue
        start = sk.placeholder_start(i)
        listed = bool(_LISTED.search(skel, max(0, start - 12), start))
        m = _coordinated_before(sk, i) if listed else None
        if m and int(m.group("i")) not in found:
            subj = _subject(m.group("subj"), counts)
            if not _names_things(subj):
                claim(int(m.group("i")), mention.category, subj, mention.trigger,
                      group=mention.group, subset=mention.subset)
                pending.insert(0, int(m.group("i")))
        elif listed and not m and not mention.subset and mention.trigger in _AFTER:
            while _ends_in_person(skel[max(0, start - 80) : start]) \
                    and (one := _coordinated_one_before(skel, start)):
                if one.group("name") and (not _other(mention.subject) or "," in one.group(0)):
                    break  # a name only before "and three others"
                s, e, np = _span(sentence, sk, one, "np")
                extra.append(Mention(mention.category, _one(s, e, np), _DETERMINER.sub("", np),
                                     mention.trigger, group=mention.group))
                start = one.start()
                # "the chief and three others": the others add to the chief, not to the text
                found[i] = replace(mention, additional=False)
    pair = "and" in lower and ("were" in lower or "been" in lower) and _PAIR_HINT.search(lower)
    openings = _clause_openings(lower) if opens["single"] or pair else []
    for m in _opening_at(_SINGLE_RE, lower, _blank_before(lower, opens["single"])):
        np_start = _clause_start(lower, m.start(), openings)
        fronted = _FRONTED.match(skel, np_start, m.start())  # "On the 28th, another man ..."
        if not fronted and _other_time_before(lower, np_start) \
                and not _PRONOUN.fullmatch(skel[np_start : m.start()].strip()):
            continue  # "a month after one of her colleagues was murdered": another event (but
            # "killed the day after he was kidnapped" is the same person)
        np_start = fronted.end() if fronted else np_start
        if lower[max(0, np_start - 4) : np_start].rstrip().endswith("if"):
            continue  # "it was not known if the chief was killed": no statement that he was
        comma = "," in lower[np_start : m.start()]
        for clause in _CLAUSE_BEFORE.finditer(lower, np_start, m.start()) if comma else ():
            np_start = clause.end()  # "A guard was killed, [Ana Ruiz] was wounded"
        part = _INCLUDING.match(skel, np_start, m.start())  # "..., including General Musse, who"
        np_start = part.end() if part else np_start
        np_text = skel[np_start : m.start()]
        inner = [int(i) for i in _PLACEHOLDER.findall(np_text)]
        if not np_text or any(counts[i].value != 1 or _counted(found.get(i)) for i in inner) \
                or _NOT_A_PERSON.match(np_text) or ("no" in np_text.lower() and _NO_ONE.search(np_text)) \
                or _names_things(_head_phrase(np_text, counts)):
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
        subject = " ".join(_subject(_DETERMINER.sub("", np), counts).split()[-6:])
        if couple:  # "a Chinese couple abducted in Quetta have been killed"
            start, end = sk.to_sentence(np_start + couple.start()), sk.to_sentence(np_start + couple.end())
            np = sentence[start:end]
            subject = _DETERMINER.sub("", np)
        extra.append(Mention(_AFTER[trig], _persons(start, end, np), subject, trig, group=group,
                             additional=bool(also) or _added(skel, np_start, np)
                             or np_text.lower().startswith("another "), subset=bool(part)))
        _coordinate_after(sentence, sk, m.end(), _AFTER[trig], trig, group, claim, extra)
        also = _ELLIPTICAL_ONE.match(skel, m.end())
        if also:  # "... was killed and his son injured"
            s, e, other = _span(sentence, sk, also, "np")
            extra.append(Mention(_AFTER[normalise(also.group("trig"))], _one(s, e, other),
                                 _DETERMINER.sub("", other), normalise(also.group("trig")),
                                 group=group + 10_000))
        along = _ALONG_WITH.match(skel, m.end())
        if along and along.group("one"):  # "... was shot dead along with his partner"
            if not _names_things(along.group("one").split()[-1]):
                start, end, other = _span(sentence, sk, along, "one")
                extra.append(Mention(_AFTER[trig], _one(start, end, other),
                                     _DETERMINER.sub("", other), trig, group=group))
        elif along:
            claim(int(along.group("i")), _AFTER[trig], _subject(along.group("subj"), counts), trig,
                  group=group)
        group += 1
    for m in _PAIR_RE.finditer(skel) if pair else ():
        np_start = _clause_start(lower, m.start("np"), openings)
        fronted = _FRONTED_PLACE_OR_TIME.match(skel, np_start, m.start("np"))  # "On Tuesday, in Ado, ..."
        prefix = skel[fronted.end() if fronted else np_start : m.start("np")]
        if prefix.strip() and not _TITLE.fullmatch(prefix):
            continue  # the pair is the whole subject, or comes after a title: "party leader"
        trig = normalise(m.group("trig"))
        for part in ("a", "b"):
            start, end, np = _span(sentence, sk, m, part)
            extra.append(Mention(_AFTER[trig], _one(start, end, np), _DETERMINER.sub("", np), trig,
                                 group=group))
        group += 1
    for m in _opening_at(_SINGLE_OBJECT_RE, skel, opens["single_object"]):
        np_text = m.group("np")
        if _hypothetical(skel, m) or (
            not m.group("perp") and np_text[:1].isupper() and _WEEKDAY_OR_MONTH.match(np_text)
        ):
            continue
        trig = normalise(m.group("trig"))
        category = _VERBS.get(trig) or _OFS[trig]
        if trig not in _OFS and _ARTICLE_BEFORE.search(skel, max(0, m.start() - 5), m.start()):
            continue  # "a kidnap kingpin", "the kill list": a noun's modifier, not a verb
        if _SPEAKER_AFTER.match(skel, m.end("np")) or (
                not trig.endswith("ing") and _PASSIVE_BEFORE.search(skel, max(0, m.start() - 30), m.start())):
            continue  # "five were killed, OCHA said": a passive verb takes no object; a speaker
        if trig in _OFS and _EARLIER_EVENT.search(skel, max(0, m.start() - 40), m.start()):
            continue
        if _COUNT_BEFORE.search(skel, max(0, m.start() - 12), m.start()):
            continue  # "eight displaced Syrians": the word describes a count's noun
        if m.group("bare") and (category != "killed" or trig == "lost"):
            continue  # a bare noun as the object ("kill village chief"): headline style
        if trig in _PLACE_VERBS and not _PEOPLE_WORD.search(np_text):
            continue  # "to seize Tripoli", "captured the airport": a place or a thing
        if _PEOPLES.fullmatch(np_text):
            continue  # "displaced Palestinians": a people, not a person
        if m.group("any") and (category != "killed" or trig == "lost" or _names_things(
                _DETERMINER.sub("", m.group("any")).split()[-1])):
            continue
        if _OF_COUNT.match(skel, m.end("np")):
            continue  # "killed a family of seven": the count is the figure
        start, end, np = _span(sentence, sk, m, "np")
        extra.append(Mention(category, _persons(start, end, np),
                             _subject(_DETERMINER.sub("", np), counts), trig, group=group,
                             additional=np.lower().startswith("another") and not m.group("another"),
                             perpetrator=bool(m.group("perp"))))
        _coordinate_after(sentence, sk, m.end(), category, trig, group, claim, extra)
        later = _MODIFIED_AND.match(skel, m.end())
        if later and not _OWN_WORD.match(skel, later.end()):
            # "killed a judge allied with the rebels and seven members of his family"
            subj = _subject(later.group("subj"), counts)
            if subj and not _names_things(subj):
                claim(int(later.group("i")), category, subj, trig, group=group)
        elif (one := _MODIFIED_AND_ONE.match(skel, m.end())) and not _OWN_WORD.match(skel, one.end()):
            # "killed the son of the mayor, and a woman who was with him"
            start, end, other = _span(sentence, sk, one, "np")
            extra.append(Mention(category, _one(start, end, other), _DETERMINER.sub("", other), trig,
                                 group=group))
        group += 1
    for m in _WITH_ONE_RE.finditer(skel) if "with " in lower else ():
        start, end, np = _span(sentence, sk, m, "np")
        trig = normalise(m.group("trig"))
        extra.append(Mention(_AFTER[trig], _one(start, end, np), _DETERMINER.sub("", np), trig,
                             group=group))
        group += 1
    for m in _opening_at(_TO_DEATH_RE, skel, opens["to_death"]) if "to death" in lower else ():
        start, end, np = _span(sentence, sk, m, "np")  # "hacked an elderly priest to death"
        extra.append(Mention("killed", _one(start, end, np), _DETERMINER.sub("", np),
                             normalise(m.group("trig")) + " to death", group=group))
        group += 1
    for m in _opening_at(_THEM_RE, skel, opens["them"]) if counts and "them" in lower else ():
        earlier = [k for k, mark in enumerate(sk.count_marks) if mark[0] < m.start()]
        if not earlier or _hypothetical(skel, m) or counts[earlier[-1]].value < 2:
            continue
        i = earlier[-1]
        category = "killed" if m.group("death") else _VERBS[normalise(m.group("trig"))]
        before = found.get(i)
        subj = before.subject if before else _subject(
            _COUNTED.match(skel, sk.placeholder_start(i)).group("subj"), counts)
        if (before and before.category == category) or _names_things(subj) \
                or _ATTACKER_WORD.search(subj):
            continue  # "eight assailants kidnapped two men and killed them": not the assailants
        trig = normalise(m.group("trig") or m.group("death") + " to death")
        extra.append(Mention(category, counts[i], subj, trig, group=group))
        group += 1
    for m in _BOMBER_RE.finditer(skel) if "addition" in lower or "themselves" in lower else ():
        start, end, np = _span(sentence, sk, m, "np")
        number = _PLACEHOLDER.search(m.group("np"))
        value = counts[int(number.group(1))] if number else _one(start, end, np)
        if number and int(number.group(1)) in found:
            continue
        extra.append(Mention("killed", Quantity(value.value, value.low, value.high, value.qualifier,
                                                False, np, start, end),
                             "attacker", "suicide attack", group=group, perpetrator=True))
        group += 1
    for m in _HIMSELF_RE.finditer(skel) if "self" in lower else ():
        extra.append(Mention("killed", _one(*_span(sentence, sk, m)), "attacker",
                             "himself", group=group, perpetrator=True))
        group += 1
    mentions = [x for x in found.values() if x is not None] + extra
    # the attackers' own deaths, however stated ("the assailant was killed", "the four
    # assailants and 27 civilians"), are marked so that a total counts them once
    mentions = [replace(x, perpetrator=True) if not x.perpetrator and _ends_in_attacker(x.subject)
                else x for x in mentions]
    # attackers who "fled" or "seized" a place are neither displaced nor abducted
    mentions = [x for x in mentions if not (x.perpetrator and x.category in ("displaced", "abducted"))]
    if _ANOTHER_EVENT.match(sentence):  # "Earlier on Monday, gunmen shot dead three herders"
        mentions = [x if x.subset or x.trigger in _TOLLS else replace(x, additional=True)
                    for x in mentions]
    elif any(x.additional for x in mentions) and _ANOTHER_ACCOUNT.match(sentence):
        # "Another report said 80 others were injured": they restate
        mentions = [replace(x, additional=False) if x.additional else x for x in mentions]
    # one stated figure is one mention, however many patterns read it
    unique: dict[tuple[str, int, int], Mention] = {}
    for x in mentions:
        unique.setdefault((x.category, x.quantity.start, x.quantity.end), x)
    return sorted(unique.values(), key=lambda x: x.quantity.start)


def _relative_tail(sentence: str, start: int, end: int) -> re.Match[str] | None:
    """`_RELATIVE_TAIL` in `sentence[start:end]`, searched only when the stretch ends in
    "who" or "that" (the cheap test first)."""
    if not sentence[start:end].rstrip()[-4:].lower().endswith(("who", "that")):
        return None
    return _RELATIVE_TAIL.search(sentence, start, end)


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
        last = (_subject(np, counts).split() or [""])[-1]
    last = last.lower()
    return (last.endswith("s") and not last.endswith("ss")) or last.endswith("men") \
        or last in ("children", "people", "police", "personnel")


def _clause_openings(lower: str) -> list[int]:
    """Where a clause start can begin in a lowered skeleton, in order (a superset of where
    `_CLAUSE_START` matches): found once per sentence for `_clause_start`."""
    return [m.start() for m in _CLAUSE_OPENING.finditer(lower)]


def _clause_start(lower: str, pos: int, openings: list[int]) -> int:
    """Where the clause that ends at `pos` starts in a lowered skeleton: after the last
    conjunction or stop (within 150 characters). `openings` is `_clause_openings(lower)`."""
    start = max(0, pos - 150)
    last = (lower.find(" ", start, pos) + 1 or start) if start else 0  # (from a word's start)
    k = bisect_left(openings, start)
    if k == len(openings) or openings[k] >= pos:
        return last  # no clause start can begin in the window
    for m in _CLAUSE_START.finditer(lower, start, pos):
        last = m.end()
    return last


def _coordinate_after(sentence, sk, pos, category, trig, group, claim, extra, subset=False) -> None:
    """Claim the counts listed after a claimed one: "killed 3 soldiers and 2 civilians", and
    add the single persons listed there: "killed four children and a woman"."""
    skel, counts = sk.text, sk.counts
    while True:  # "killing him, his son and two guests"
        m = _COORD_AFTER.match(skel[pos:])
        if not m:
            one = None if subset else _COORD_ONE.match(skel[pos:])
            if not one or _OWN_VERB.match(skel, pos + one.end()):
                return
            start, end, np = _span(sentence, sk, one, "np", offset=pos)
            extra.append(Mention(category, _one(start, end, np),
                                 _subject(_DETERMINER.sub("", np), counts), trig, group=group))
            pos += one.end()
            continue
        nxt = skel[pos + m.end() : pos + m.end() + 40]
        after = pos + m.start("subj")
        if _OWN_WORD.match(nxt) or _GOT_AWAY.search(m.group("subj") + nxt) \
                or _PARTITIVE.match(skel[after : after + 20]):
            return  # "killed 5 and [3 were wounded]", "killed 5 men, [one of whom ...]"
        subj = _subject(m.group("subj"), counts)
        if _names_things(subj) or not claim(int(m.group("i")), category, subj, trig, group=group,
                                            subset=subset):
            return
        pos += m.end()


def _coordinated_before(sk: Skeleton, i: int) -> re.Match[str] | None:
    """`_COORD_BEFORE` ending where count `i` starts: it can only start at the count before
    (its noun phrase holds no placeholder), within 100 characters."""
    if i == 0:
        return None
    start, before = sk.placeholder_start(i), sk.placeholder_start(i - 1)
    return _COORD_BEFORE.match(sk.text, before, start) if before >= start - 100 else None


def _counted(mention: Mention | None) -> bool:
    """True for a count already read as a figure of its own (not as a subset)."""
    return mention is not None and not mention.subset


def _hypothetical(skel: str, m: _Match) -> bool:
    """True when the verb is a hypothetical or a threat: "could kill", "threatened to kill"."""
    start = m.start("trig")
    before = skel[max(0, start - 40) : start].split()
    if not before or before[-1].lower() not in _HYPO_LAST_WORDS:  # (a cheap test first)
        return False
    return bool(_HYPO_RE.search(skel, max(0, start - 40), start))


def _added(skel: str, pos: int, subject: str) -> bool:
    """True for a count added to the others: "another three", "two more", "five others" (but
    not "the three others", which names the rest of a group already counted)."""
    if skel[max(0, pos - 4) : pos].lower() == "the ":
        return False
    return bool(_ADD_BEFORE.search(skel, max(0, pos - 25), pos)) or _other(subject)


def _other(subject: str) -> bool:
    return bool(_OTHERS.match(subject))


def _span(sentence: str, sk: Skeleton, m: _Match, group: str | int = 0,
          offset: int = 0) -> tuple[int, int, str]:
    """The sentence span of a skeleton match (or of one of its groups)."""
    start = sk.to_sentence(m.start(group) + offset)
    end = sk.to_sentence(m.end(group) + offset)
    return start, end, sentence[start:end]
