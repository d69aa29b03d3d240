"""Generic sources grouped: "officials", "a security official" and "Afghan officials" are
all "unnamed: officials" (the groups and their words: data/source_groups.toml)."""

from __future__ import annotations

import re
from functools import cache

from .agencies import is_actor_word, lookup
from .lexicon import data_table, words

UNNAMED = "unnamed: "
_PARTS = re.compile(r"\s*(?:,|\band\b|\bor\b|&)\s*", re.IGNORECASE)
_EDGES = "\"'“”‘’.,;:!?()[]{}<>*•–—-"


@cache
def _groups() -> dict[str, str]:
    """{head words, lower case: group}, in the order of the file."""
    return {" ".join(w.lower().split()): group
            for group, members in data_table("source_groups.toml")["groups"].items()
            for w in members}


@cache
def _prepositions() -> frozenset[str]:
    return frozenset(words("source_prepositions"))


def _head(part: str) -> list[str]:
    """The words of a part of a name up to its first preposition or relative word, as
    written, without a possessive: "residents in the area" gives ["residents"]."""
    head: list[str] = []
    for token in part.split():
        word = token.strip(_EDGES)
        if head and (word.lower() in _prepositions() or word.lower() in ("who", "that", "which")):
            break
        head.append(word[:-2] if word.endswith(("'s", "’s")) else word)
    return [w for w in head if w]


def _group_of_part(part: str, first: bool) -> str | None:
    """The group of one part of a name by its head (two words before one); "" for a part
    that is only a modifier ("medical" in "medical and security officials"); None for a
    head of no group ("a rescue worker and a MEMBER of the militia") or a proper name
    ("Local official Leon Bahungako": a capital on the head, unless it opens the name)."""
    head = _head(part)
    if not head:
        return ""
    if head[-1][:1].isupper() and not (first and len(head) == 1):
        return None
    folded = [w.lower() for w in head]
    for size in (2, 1):
        if len(folded) >= size and (group := _groups().get(" ".join(folded[-size:]))):
            return group
    return None if is_actor_word(folded[-1]) else ""


def source_group(name: str) -> str | None:
    """The group(s) of a generic source: "officials", "officials and residents"; None for a
    named one ("Orsel Regional Hospital", "spokesman Ivo Marek") or a role of no group
    ("the provincial governor")."""
    agency = lookup(name)
    if agency is not None:  # of the table's names only "Police", which names no force
        return _groups().get(agency.name.lower())
    found: list[str] = []
    for k, part in enumerate(_PARTS.split(name.strip())):
        group = _group_of_part(part, first=k == 0)
        if group is None:
            return None
        if group and group not in found:
            found.append(group)
    order = list(dict.fromkeys(_groups().values()))  # "witnesses and officials": officials first
    return " and ".join(sorted(found, key=order.index)) or None


def grouped_agency(agency: str) -> str:
    """The agency as the table stores it: "unnamed: officials" for a generic source (its
    words kept in `agency_text`), else `agency` as it is."""
    group = source_group(agency) if agency and not agency.startswith(UNNAMED) else None
    return UNNAMED + group if group else agency
