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
    """One row of the agency table: canonical name, kind and the names it goes by."""

    name: str
    kind: str  # UN, NGO, Red Cross, government, armed group, media, hospital
    aliases: tuple[str, ...]


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
            Agency(row["name"], row["kind"], tuple(a for a in row["aliases"].split("|") if a))
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
        if agency:
            found.append(AgencyMention(agency, m.group(0), m.start(), m.end()))
    return found


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
