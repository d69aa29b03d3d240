"""Integrity of the data files of extract/data, in the manner of dateparser's data tests:
no entry listed twice, no key that the code does not read (nor one it reads that is
missing), every category word reachable as its own category, every agency alias unique."""

from __future__ import annotations

import csv
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from extract.lexicon import CATEGORIES, DATA, normalise

SOURCE = Path(__file__).resolve().parents[2] / "extract"
ROLES = {"after", "nouns", "verbs", "tolls", "of", "heads"}  # see categories.toml's header


def _toml(name: str) -> dict:
    return tomllib.loads((DATA / name).read_text("utf-8"))


def _code() -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted(SOURCE.glob("*.py")))


def _repeated(phrases: list[str]) -> list[str]:
    return sorted(p for p, n in Counter(normalise(p) for p in phrases).items() if n > 1)


# --- lexicon.toml ------------------------------------------------------------------------------

LEXICON = _toml("lexicon.toml")


@pytest.mark.parametrize("name", sorted(LEXICON))
def test_lexicon_list_has_no_repeated_word(name):
    assert _repeated(LEXICON[name]) == []


@pytest.mark.parametrize("name", sorted(LEXICON))
def test_lexicon_list_is_a_list_of_words(name):
    assert LEXICON[name] and all(isinstance(w, str) and w.strip() == w and w for w in LEXICON[name])


def test_every_lexicon_list_is_read_and_every_list_read_exists():
    read = set(re.findall(r"""\bwords\(\s*["'](\w+)["']\s*\)""", _code()))
    assert read - set(LEXICON) == set(), "read by the code but not in lexicon.toml"
    assert set(LEXICON) - read == set(), "in lexicon.toml but read by no code"


@pytest.mark.parametrize("name", [n for n in LEXICON if n.startswith("speech_verbs_")])
def test_each_reader_s_speech_verbs_are_speech_verbs(name):
    assert set(LEXICON[name]) - set(LEXICON["speech_verbs"]) == set()


# --- categories.toml ---------------------------------------------------------------------------

CATEGORY_WORDS = _toml("categories.toml")


def test_categories_are_the_known_ones_with_known_roles():
    assert tuple(CATEGORY_WORDS) == CATEGORIES
    for category, roles in CATEGORY_WORDS.items():
        assert set(roles) <= ROLES, category
    read = set(re.findall(r"""\brole_index\(\s*["'](\w+)["']\s*\)""", _code()))
    assert read == ROLES, "each role is read by the code, and only those roles"


@pytest.mark.parametrize("category", list(CATEGORY_WORDS))
def test_category_role_has_no_repeated_phrase(category):
    for role, phrases in CATEGORY_WORDS[category].items():
        assert _repeated(phrases) == [], role


def test_every_category_phrase_is_reachable():
    """A phrase listed under two categories in one role is read as the first one only: the
    later listing could never be read as its own category."""
    first: dict[tuple[str, str], str] = {}
    shadowed = []
    for category, roles in CATEGORY_WORDS.items():
        for role, phrases in roles.items():
            for phrase in phrases:
                key = (role, normalise(phrase))
                if first.setdefault(key, category) != category:
                    shadowed.append((role, phrase, first[key], category))
    assert shadowed == []


# --- numbers_en.toml ---------------------------------------------------------------------------

NUMBERS = _toml("numbers_en.toml")
NUMBER_TABLES = {"units": int, "tens": int, "scales": int, "scale_suffixes": int,
                 "qualifiers": str, "phrases": int, "vague": list, "not_counts": list}


def test_number_tables_are_those_the_code_reads():
    assert set(NUMBERS) == set(NUMBER_TABLES)
    code = (SOURCE / "numbers.py").read_text("utf-8")
    assert set(re.findall(r"""_RULES\[["'](\w+)["']\]""", code)) == set(NUMBER_TABLES)


def test_word_lists_of_what_is_no_count_are_those_the_code_reads():
    """numbers_en.toml's [not_counts] lists: each read by numbers.py, none repeating a word."""
    code = (SOURCE / "numbers.py").read_text("utf-8")
    assert set(re.findall(r"""_NOT_COUNTS\[["'](\w+)["']\]""", code)) == set(NUMBERS["not_counts"])
    for name, listed in NUMBERS["not_counts"].items():
        assert [w for w, n in Counter(map(normalise, listed)).items() if n > 1] == [], name


@pytest.mark.parametrize("table", sorted(NUMBER_TABLES))
def test_number_table_values_have_their_type(table):
    for word, value in NUMBERS[table].items():
        assert word == normalise(word), word
        assert isinstance(value, NUMBER_TABLES[table]), word
        if table == "not_counts":
            assert all(isinstance(w, str) and w.strip() for w in value), word
        if table == "vague":
            assert len(value) == 2 and 0 < value[0] <= value[1], word


def test_a_number_word_has_one_value():
    """(TOML refuses a key twice in one table; this checks across the tables.)"""
    valued = ("units", "tens", "scales", "phrases")
    seen = Counter(w for t in valued for w in NUMBERS[t])
    assert [w for w, n in seen.items() if n > 1] == []


# --- agencies.csv ------------------------------------------------------------------------------

with open(DATA / "agencies.csv", newline="", encoding="utf-8") as _f:
    AGENCIES = list(csv.DictReader(_f))


def test_agency_table_columns():
    assert list(AGENCIES[0]) == ["name", "acronym", "kind", "aliases"]
    kinds = {"UN", "NGO", "Red Cross", "government", "armed group", "media"}
    assert {row["kind"] for row in AGENCIES} <= kinds


def test_agency_names_are_unique():
    assert _repeated([row["name"] for row in AGENCIES]) == []


def test_every_agency_alias_names_one_agency():
    """An alias (in any case) names one agency; an agency lists each alias once as written
    (a proper name is matched as written, a plain phrase in any case: "Police", "police")."""
    owner: dict[str, str] = {}
    clashes = []
    for row in AGENCIES:
        aliases = [a for a in row["aliases"].split("|") if a]
        assert sorted(a for a, n in Counter(aliases).items() if n > 1) == [], row["name"]
        assert all(a.strip() == a for a in aliases), row["name"]
        for alias in [row["name"], *aliases]:
            key = " ".join(alias.lower().split())
            if owner.setdefault(key, row["name"]) != row["name"]:
                clashes.append((alias, owner[key], row["name"]))
    assert clashes == []


def test_an_agency_s_acronym_is_one_of_its_names():
    """The acronym the agency filter shows beside the name ("OCHA — UN Office for the
    Coordination of Humanitarian Affairs") is a name the extractor finds it by."""
    for row in AGENCIES:
        if row["acronym"]:
            assert row["acronym"] in [row["name"], *row["aliases"].split("|")], row["name"]
    assert _repeated([row["acronym"] for row in AGENCIES if row["acronym"]]) == []


# --- layout.toml -------------------------------------------------------------------------------

LAYOUT = _toml("layout.toml")


def test_layout_lists_are_those_tables_reads():
    code = (SOURCE / "tables.py").read_text("utf-8")
    assert set(re.findall(r"""_WORDS\[["'](\w+)["']\]""", code)) == set(LAYOUT)


@pytest.mark.parametrize("name", sorted(n for n in LAYOUT if n != "labels"))
def test_layout_list_has_no_repeated_word(name):
    assert LAYOUT[name] and _repeated(LAYOUT[name]) == []


def test_layout_labels_name_categories_without_repeats():
    assert set(LAYOUT["labels"]) <= set(CATEGORIES)
    for category, phrases in LAYOUT["labels"].items():
        assert _repeated(phrases) == [], category
    every = [p for phrases in LAYOUT["labels"].values() for p in phrases]
    assert _repeated(every) == [], "a label word names one category"


# --- source_groups.toml ------------------------------------------------------------------------

SOURCE_GROUPS = _toml("source_groups.toml")


def test_source_groups_is_one_table_of_groups():
    assert list(SOURCE_GROUPS) == ["groups"]
    for group, members in SOURCE_GROUPS["groups"].items():
        assert group == group.lower() and members, group
        assert all(m == " ".join(m.lower().split()) and len(m.split()) <= 2 for m in members), group


def test_a_source_word_belongs_to_one_group():
    every = [m for members in SOURCE_GROUPS["groups"].values() for m in members]
    assert _repeated(every) == []
