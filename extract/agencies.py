"""Who states figures: the agency table (data/agencies.csv) and finding agencies in text."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

import regex

from .lexicon import DATA
from .patterns import phrase_pattern


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


@cache
def _index() -> tuple[regex.Pattern, dict[str, Agency], dict[str, Agency]]:
    exact: dict[str, Agency] = {}
    folded: dict[str, Agency] = {}
    for agency in agencies():
        for alias in (agency.name, *agency.aliases):
            if _is_proper(alias):
                exact.setdefault(alias, agency)
            else:
                folded.setdefault(" ".join(alias.lower().split()), agency)
    pattern = regex.compile(
        rf"""(?<![\w-])
            (?:(?i:(?:the\s+)?(?:{phrase_pattern(folded)}))|{phrase_pattern(exact, lower=False)})
            (?![\w-])""",
        regex.VERBOSE,
    )
    return pattern, exact, folded


def lookup(name: str) -> Agency | None:
    """The table's agency for a name or alias ("WHO", "the health ministry"), if any."""
    _, exact, folded = _index()
    name = name.strip()
    if name in exact:
        return exact[name]
    key = " ".join(name.lower().split())
    key = key[4:] if key.startswith("the ") else key
    return folded.get(key)


def find_agencies(text: str) -> list[AgencyMention]:
    """Every agency from the table named in the text, in order."""
    pattern, _, _ = _index()
    found = []
    for m in pattern.finditer(text):
        agency = lookup(m.group(0))
        if agency is not None:
            found.append(AgencyMention(agency, m.group(0), m.start(), m.end()))
    return found
