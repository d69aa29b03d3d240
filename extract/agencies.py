"""Who states figures: the agency table (data/agencies.csv) and finding agencies in text."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import regex

from .lexicon import DATA, words
from .patterns import in_capitals, phrase_pattern


@dataclass(frozen=True, slots=True)
class Agency:
    """One row of the agency table: canonical name, the acronym it is best known by (if
    any), kind and the names it goes by."""

    name: str
    kind: str  # UN, NGO, Red Cross, government, armed group, media, hospital
    aliases: tuple[str, ...]
    acronym: str = ""


@dataclass(frozen=True, slots=True)
class AgencyMention:
    """An agency named in a text: where, as which words, and who it is."""

    agency: Agency
    text: str
    start: int
    end: int


def _is_proper(alias: str) -> bool:
    """Acronyms and names whose every word is capitalised are matched case-sensitively,
    so that "amnesty" or "care" in running text is not taken for an agency."""
    return all(w[:1].isupper() or not w[:1].isalpha() or w in _SMALL for w in alias.split())


_SMALL = {"of", "for", "the", "and", "in", "on", "du", "sans", "la", "to", "de", "al"}


@cache
def agencies() -> tuple[Agency, ...]:
    """Every agency in the table, in table order."""
    with open(DATA / "agencies.csv", newline="", encoding="utf-8") as f:
        return tuple(
            Agency(row["name"], row["kind"], tuple(a for a in row["aliases"].split("|") if a),
                   row["acronym"])
            for row in csv.DictReader(f)
        )


@dataclass(frozen=True, slots=True)
class _Index:
    pattern: regex.Pattern  # every alias, proper names as written
    capitals: regex.Pattern  # for a text in capitals: names of several words in any case
    # each of the two for the standard library's engine, with ASCII word boundaries: it
    # matches wherever the `regex` one does (and rarely elsewhere), in a fraction of the time
    pattern_candidates: re.Pattern
    capitals_candidates: re.Pattern
    exact: dict[str, Agency]  # proper names and acronyms, as written
    folded: dict[str, Agency]  # other aliases, lower case
    proper_folded: dict[str, Agency]  # proper names of several words, lower case


@cache
def _index() -> _Index:
    exact: dict[str, Agency] = {}
    folded: dict[str, Agency] = {}
    for agency in agencies():
        for alias in (agency.name, *agency.aliases):
            if _is_proper(alias):
                exact.setdefault(alias, agency)
            else:
                folded.setdefault(" ".join(alias.lower().split()), agency)
    several = {a: agency for a, agency in exact.items() if len(a.split()) > 1}
    single = {a: agency for a, agency in exact.items() if a not in several and a not in _CAPITAL_WORDS}

    def compile_(proper: str, firsts: set[str]) -> tuple[regex.Pattern, re.Pattern]:
        # (the first characters first: most positions fail at that one test, not at the
        # lookbehind and both tries)
        first = regex.escape("".join(sorted(firsts | _in_either_case([*folded, "the"]))))
        names = rf"(?:(?i:(?:the\s+)?(?:{phrase_pattern(folded)}))|{proper})"
        return (regex.compile(rf"(?=[{first}])(?<![\w-]){names}(?![\w-])", regex.VERBOSE),
                re.compile(rf"(?=[{first}])(?<![A-Za-z0-9_-]){names}(?![A-Za-z0-9_-])", re.VERBOSE))

    pattern, pattern_candidates = compile_(phrase_pattern(exact, lower=False), {a[0] for a in exact})
    capitals, capitals_candidates = compile_(
        rf"(?i:{phrase_pattern(several)})|{phrase_pattern(single, lower=False)}",
        _in_either_case(several) | {a[0] for a in single},
    )
    return _Index(
        pattern,
        capitals,
        pattern_candidates,
        capitals_candidates,
        exact,
        folded,
        {" ".join(a.lower().split()): agency for a, agency in several.items()},
    )


_CAPITAL_WORDS = set(words("capital_words"))


def _in_either_case(phrases: Iterable[str]) -> set[str]:
    """The first characters of the phrases, in lower and in upper case."""
    return {c for p in phrases for c in (p[0].lower(), p[0].upper())}


def lookup(name: str, any_case: bool = False) -> Agency | None:
    """The table's agency for a name or alias ("WHO", "the health ministry"), if any.
    Names of several words are matched in any case when `any_case` is set or the name is in
    capitals ("WORLD HEALTH ORGANIZATION")."""
    index = _index()
    name = name.strip()
    if name in index.exact:
        return index.exact[name]
    key = " ".join(name.lower().split())
    key = key[4:] if key.startswith("the ") else key
    if key in index.folded:
        return index.folded[key]
    return index.proper_folded.get(key) if any_case or name.isupper() else None


def find_agencies(text: str) -> list[AgencyMention]:
    """Every agency from the table named in the text, in order. In a text in capitals, names
    of several words are found in any case, and acronyms that are also words ("WHO") not at all."""
    index = _index()
    capitals = in_capitals(text)
    found = []
    for m in _names(index.capitals if capitals else index.pattern,
                    index.capitals_candidates if capitals else index.pattern_candidates, text):
        agency = lookup(m.group(0), any_case=capitals)  # "World Health organization" in a headline
        if agency and not (not capitals and _renamed(text, m.start(), m.group(0), agency, index)):
            found.append(AgencyMention(agency, m.group(0), m.start(), m.end()))
    return found


# the capitalised words right before a name ("the Eastern Covenant [Army]")
_WORDS_BEFORE = regex.compile(r"(?:(?<![\w'’.-])\p{Lu}[\w'’.-]*[^\S\n]+)+$")


def _renamed(text: str, start: int, alias: str, agency: Agency, index: _Index) -> bool:
    """True when proper-name words before a name shared by many bodies make it another
    organisation's name: a national society of the Red Cross movement ("the Velmora Red
    Cross", not the ICRC), or an armed group named with the common noun of a force ("the
    Eastern Covenant Army", not the army; "the Afghan National Army" and "the Nigerian Army" are
    the state's army: a single word of place or nationality, or words that describe a state
    force, `force_descriptors`)."""
    proper = alias in index.exact
    if proper and agency.kind != "Red Cross" or not proper and (
            agency.kind != "government" or not alias[:1].isupper()):
        return False
    m = _WORDS_BEFORE.search(text, max(0, start - 80), start)
    if m is None:
        return False
    names = []
    for word in reversed(m.group(0).split()):
        folded = word.lower()
        if folded in _NOT_NAME_WORDS or lookup(word):
            break
        names.append(folded)
    if proper:
        return bool(names)
    return len([w for w in names if w not in _FORCE_DESCRIPTORS]) >= 2


_FORCE_DESCRIPTORS = frozenset(words("force_descriptors"))
_NOT_NAME_WORDS = frozenset([*words("articles"), *words("source_not_first"), *words("weekdays"),
                             *words("months")])


def _names(pattern: regex.Pattern, candidates: re.Pattern, text: str) -> Iterator[re.Match | regex.Match]:
    """`pattern.finditer(text)`, where `candidates` matches wherever `pattern` does: `pattern`
    is tried only where a candidate starts, and not at all where the candidate and the
    characters on either side are printable ASCII, which both engines read alike."""
    pos = 0
    while (candidate := candidates.search(text, pos)) is not None:
        start, end = candidate.span()
        around = text[max(0, start - 1) : end + 1]
        m = candidate if around.isascii() and around.isprintable() else pattern.match(text, start)
        if m is None:
            pos = start + 1
        else:
            yield m
            pos = m.end()


@dataclass(frozen=True, slots=True)
class _SourceWords:
    actors: frozenset[str]
    not_first: frozenset[str]
    not_last: frozenset[str]
    clause_verbs: frozenset[str]
    not_names: frozenset[str]
    prepositions: frozenset[str]


@cache
def _source_words() -> _SourceWords:
    people = [*words("person_nouns"), *words("attackers"), *words("armed_group_members")]
    actors = {*words("source_actors"), *people, *(p + "s" for p in people)}
    not_first = frozenset(words("source_not_first"))
    return _SourceWords(
        frozenset(a.lower() for a in actors if " " not in a),
        not_first,
        frozenset(words("source_not_last")),
        frozenset(words("source_clause_verbs")),
        frozenset(words("source_not_names") + words("source_documents")),
        frozenset(words("source_prepositions")),
    )


_SMALL_IN_NAMES = _SMALL | {"a", "an", "des", "el", "le", "y", "del", "da", "do", "van", "von", "bin", "ibn"}
_AGENT_NOUN = re.compile(r"[a-z]{2,}(?:er|or|ist|ian|ant|ent|eer)s?")  # worker, governor, activist
_THING_NOUN = re.compile(r"[a-z]*ments?")  # (not "statement", "document": no agents)
_PAST = re.compile(r"[a-z]{3,}ed")  # "continued", "fired": a verb where no noun follows
_NUMBER = re.compile(r"\d[\d,.]*")
_TOKEN_EDGES = "\"'“”‘’.,;:!?()[]{}<>*•▪◦–—-|"


def _is_capitalised(token: str) -> bool:
    """A word of a name: capitalised, an @handle, or "al-Azawi"."""
    return token[:1].isupper() or token[:1] == "@" or token.rpartition("-")[2][:1].isupper()


def is_valid_agency(name: str, publisher: str = "") -> bool:
    """True when `name` can be who stated a figure: an organisation, an official or a role.

    A name is valid when it is the publisher or in the agency table; otherwise when it is a
    noun phrase, not a clause, whose head names an actor. In order:

    - it is not empty, has a letter and at most 16 words;
    - it neither opens with a function word ("in its latest", "including a United", "who
      witnessed") nor a lower-case "-ing" word ("killing ..."), nor ends with one ("based on a");
    - it holds no finite verb: no auxiliary or common past tense ("did", "gave"), and no
      "-ed" word that follows a plural noun or stands before a preposition, an article or
      the end ("hostilities continued to be", "information obtained by");
    - its head, the last word before the first preposition of each of its conjuncts (a
      person's name after a role is read past: "spokesman Rupert Colville"), is an actor
      (a noun of `source_actors`, of people, or of agent: "officials", "police", "the
      spokesman", "activists", "governor"), or the words before the first preposition are
      a proper name: capitalised words that are not, alone, words of `source_not_names`
      ("Orsel Regional Hospital", "Rupert Colville", "IPOB", but not "New" or "Estimates").
    """
    name = " ".join(name.split()).strip(_TOKEN_EDGES + " ")
    if not name or not any(c.isalpha() for c in name):
        return False
    if name == " ".join(publisher.split()) or lookup(name) or lookup(name, any_case=True):
        return True
    tokens = [t.strip(_TOKEN_EDGES) for t in name.split()]
    tokens = [t for t in tokens if t]
    if not tokens or len(tokens) > 16:
        return False
    v = _source_words()
    lower = [t.lower() for t in tokens]
    if lower[0] in v.not_first or lower[-1] in v.not_last:
        return False
    if any(_NUMBER.fullmatch(t) for t in tokens):
        return False  # "bomb killed 10 civilians": a figure, not a name
    if tokens[0].islower() and lower[0].endswith("ing") and lower[0] not in v.actors:
        return False  # "killing ...", "drawing a denial ...": a participle opens a clause
    for k, word in enumerate(lower):
        if word in v.clause_verbs:
            return False
        if k and tokens[k].islower() and _PAST.fullmatch(word) and (
            k + 1 == len(lower) or lower[k + 1] in v.not_last or lower[k + 1] in v.prepositions
            or (lower[k - 1].endswith("s") and tokens[k - 1].islower())
        ):
            return False  # "assailants fired upon", "users circulated photos"
    # the head part ends before a preposition or a participle ("coalition fighting in Yemen")
    cut = next((k for k, w in enumerate(lower) if k and (w in v.prepositions or (
        tokens[k].islower() and w.endswith("ing") and _is_actor(tokens[k - 1], v)))), len(lower))
    head_part = tokens[:cut]
    conjunct: list[str] = []
    for token in [*head_part, "and"]:
        if token.lower() not in ("and", "or", "&"):
            conjunct.append(token)
            continue
        named = len(conjunct)  # a name after a role or a modifier: "spokesman Rupert Colville"
        while named > 0 and _is_capitalised(conjunct[named - 1]):
            named -= 1
        if 0 < named < len(conjunct) and conjunct[-1].lower() not in v.not_names:
            return True
        if conjunct and _is_actor(conjunct[-1], v):
            return True
        conjunct = []
    proper = [t for t in head_part if t.lower() not in _SMALL_IN_NAMES or t is head_part[0]]
    if proper and all(_is_capitalised(t) for t in proper):
        return len(proper) > 1 or proper[0].lower() not in v.not_names
    return False


def is_actor_word(word: str) -> bool:
    """True for a common noun that names a body, a role or people ("officials", "police",
    "witnesses", "governor"), which a sentence's capital does not make a name."""
    return _is_actor(word, _source_words())


def _is_actor(word: str, v: _SourceWords) -> bool:
    """True for a noun that names a body, a role or people ("ministry", "officials",
    "governor", "activists", "Ministry")."""
    word = word.lower()
    word = word[:-2] if word.endswith(("'s", "’s")) else word
    if word in v.actors:
        return True
    if word in v.not_names or word in v.not_first or word in v.not_last:
        return False
    return bool(_AGENT_NOUN.fullmatch(word)) and not _THING_NOUN.fullmatch(word)
