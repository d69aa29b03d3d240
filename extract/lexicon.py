"""The word lists of extract/data, loaded once and compiled into patterns."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from .patterns import phrase_pattern

DATA = Path(__file__).parent / "data"
CATEGORIES = ("killed", "wounded", "surgeries", "missing", "displaced", "detained", "abducted")


@cache
def data_table(name: str) -> dict:
    """One TOML file of extract/data, read once: every reader of the word files goes here."""
    return tomllib.loads((DATA / name).read_text("utf-8"))


def category_words() -> dict[str, dict[str, list[str]]]:
    """{category: {role: [phrases]}} from categories.toml."""
    return data_table("categories.toml")


def words(name: str) -> list[str]:
    """One word list from lexicon.toml (linking, stop, not_people, people, ...)."""
    return data_table("lexicon.toml")[name]


@lru_cache(maxsize=8192)  # (the same few trigger words, over and over)
def normalise(phrase: str) -> str:
    """Lower case with single spaces: the key under which a phrase is looked up."""
    return " ".join(phrase.lower().split())


def alternation(phrases: Iterable[str]) -> str:
    """A regex matching any of the phrases (longest first); a space matches any blank."""
    return phrase_pattern(phrases)


def role_index(role: str) -> dict[str, str]:
    """{phrase: category} for one role; the first category listing a phrase keeps it."""
    index: dict[str, str] = {}
    for category, roles in category_words().items():
        for phrase in roles.get(role, []):
            index.setdefault(normalise(phrase), category)
    return index
