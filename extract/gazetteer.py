"""The offline gazetteer: countries, admin-1 areas and towns, looked up by name.

Its tables live in extract/data/places/ and are built from registry packages by
scripts/build_gazetteer.py (ISO 3166 from pycountry; GeoNames' places of 1,000+ people,
CC BY 4.0). Names of our own (demonyms, English and alternate spellings) are in
extract/data/place_names.csv, and other datasets' names for countries and admin-1 areas in
extract/data/place_aliases.csv. Nothing here touches the network.
"""

from __future__ import annotations

import csv
import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .lexicon import DATA, data_table

PLACES = DATA / "places"
# precision of a resolved place, as ACLED codes it: the exact town, an area within admin-1,
# the admin-1 area, the country
PRECISION = {"town": 1, "district": 2, "admin1": 3, "country": 4}


@dataclass(frozen=True, slots=True)
class Place:
    """One place of the gazetteer."""

    name: str
    kind: str  # town, admin1 or country
    country_code: str  # ISO 3166-1 alpha-3
    admin1_code: str  # ISO 3166-2, "" for a country
    lat: float | None
    lon: float | None
    population: int = 0


@dataclass(frozen=True, slots=True)
class Country:
    """A country: its ISO name, its capital's name and a point to draw it at."""

    code: str
    name: str
    capital: str
    lat: float | None
    lon: float | None


def fold(name: str) -> str:
    """A name as it is looked up: no accents, case, apostrophes or punctuation, and no
    leading Arabic article ("Al-Ḩudaydah" and "Hudaydah" are one key)."""
    name = unicodedata.normalize("NFKD", name.replace("ı", "i"))
    name = "".join(c for c in name if not unicodedata.combining(c)).casefold()
    name = _APOSTROPHES.sub("", name)
    name = " ".join(_PUNCTUATION.sub(" ", name).split())
    return _ARTICLE.sub("", name)


_APOSTROPHES = re.compile(r"['’‘`ʿʾ]")
_PUNCTUATION = re.compile(r"[^\w]+")
# the Arabic article as romanised, which folding drops from a name's start
ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ed", "es", "et", "ez"})
_ARTICLE = re.compile(rf"^(?:{'|'.join(sorted(ARTICLES))}) (?=\w{{3}})")


def bare(name: str) -> str:
    """A folded name without its bracketed parts and type words ("Daraa governorate",
    "Rif Dimashq [Damascus countryside]" -> "daraa", "rif dimashq")."""
    name = fold(re.sub(r"[\[(].*?[\])]", " ", name))
    return " ".join(w for w in name.split() if w not in _type_words() and w not in ("of", "the"))


@cache
def _type_words() -> frozenset[str]:
    return frozenset(fold(w) for w in data_table("places.toml")["area_types"])


class Gazetteer:
    """Every name of the gazetteer's places, folded, with the places it may name."""

    def __init__(self) -> None:
        self.countries: dict[str, Country] = {}
        self.admin1: dict[str, Place] = {}
        self.names: dict[str, list[Place]] = {}
        self.demonyms: dict[str, str] = {}  # folded demonym: country code
        self.longest = 4  # words in the longest name looked up (raised by _add)
        self._read_towns()
        self._read_countries()
        self._read_admin1()
        self._read_own_names()

    def _add(self, name: str, place: Place) -> None:
        key = fold(name)
        if key:
            found = self.names.setdefault(key, [])
            if place not in found:
                found.append(place)
            self.longest = max(self.longest, len(key.split()))

    def get(self, key: str) -> list[Place]:
        """The places a folded name may be: countries and admin-1 areas, then towns."""
        found = self.names.get(key, [])
        rows = self._town_index.get(key)
        if rows:
            found = list(dict.fromkeys(found + [self._town(int(r)) for r in rows.split(",")]))
        return found

    def _read_countries(self) -> None:
        with open(PLACES / "countries.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                lat, lon = _number(r["lat"]), _number(r["lon"])
                self.countries[r["code"]] = Country(r["code"], r["name"], r["capital"], lat, lon)
                place = Place(r["name"], "country", r["code"], "", lat, lon)
                for name in (r["name"], r["common_name"], r["official_name"]):
                    self._add(name, place)

    def _read_admin1(self) -> None:
        with open(PLACES / "admin1.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                place = Place(r["name"], "admin1", r["country_code"], r["code"],
                              _number(r["lat"]), _number(r["lon"]))
                self.admin1[r["code"]] = place
                for name in [r["name"], *r["other_names"].split("|")]:
                    if name:
                        self._add(name, place)
                        self._add(bare(name), place)

    def _read_towns(self) -> None:
        """towns.tsv.gz: the towns, a blank line, then each folded name with the rows of
        the towns it names (built by scripts/build_gazetteer.py). A town becomes a Place
        when a name of it is first looked up."""
        text = gzip.decompress((PLACES / "towns.tsv.gz").read_bytes()).decode("utf-8")
        rows, _, index = text.partition("\n\n")
        self._town_rows = rows.split("\n")[1:]
        cells = index.rstrip("\n").replace("\n", "\t").split("\t")
        self._town_index = dict(zip(cells[::2], cells[1::2], strict=True))
        self._towns: dict[int, Place] = {}

    def _town(self, row: int) -> Place:
        place = self._towns.get(row)
        if place is None:
            name, country, admin1, lat, lon, population = self._town_rows[row].split("\t")
            place = Place(name, "town", country, admin1, float(lat), float(lon), int(population))
            self._towns[row] = place
        return place

    def _read_own_names(self) -> None:
        """place_names.csv: demonyms, English names and spellings of our own."""
        with open(DATA / "place_names.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["kind"] == "demonym":
                    self.demonyms[fold(r["name"])] = r["code"]
                    continue
                for place in self.named(r["code"], r["kind"]):
                    self._add(r["name"], place)

    def named(self, code: str, kind: str) -> list[Place]:
        """The places a place_names.csv code names: a country (ISO3), an admin-1 (ISO
        3166-2), or a town as "ISO3:name of the gazetteer"."""
        if kind == "country":
            return [p for p in self.names.get(fold(self.countries[code].name), [])
                    if p.kind == "country"]
        if kind == "admin1":
            return [self.admin1[code]]
        country, _, name = code.partition(":")
        return [p for p in self.get(fold(name)) if p.kind == "town" and p.country_code == country]

    def lookup(self, name: str) -> list[Place]:
        """The places a name may be (folded as `fold` does)."""
        return self.get(fold(name))

    def country_place(self, code: str) -> Place:
        """A country as a Place, at its capital."""
        c = self.countries[code]
        return Place(c.name, "country", code, "", c.lat, c.lon)

    def capital(self, code: str) -> Place | None:
        """The capital town of a country, where the gazetteer knows it."""
        name = self.countries[code].capital
        towns = [p for p in self.lookup(name) if p.kind == "town" and p.country_code == code]
        return max(towns, key=lambda p: p.population) if towns else None


def _number(text: str) -> float | None:
    return float(text) if text else None


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, read once per process (about a second)."""
    return Gazetteer()


@cache
def _aliases() -> dict[str, tuple[str, str]]:
    with open(DATA / "place_aliases.csv", encoding="utf-8") as f:
        return {fold(r["name"]): (r["country_code"], r["admin1_code"]) for r in csv.DictReader(f)}


def country_code(name: str) -> str:
    """The ISO 3166-1 alpha-3 code of a country as another dataset names it ("Myanmar
    (Burma)", "DR Congo (Zaire)", "Syria"); "" when the name is not known."""
    alias = _aliases().get(fold(name))
    if alias:
        return alias[0]
    for candidate in (name, re.sub(r"\s*\(.*?\)", "", name)):
        for p in gazetteer().lookup(candidate):
            if p.kind == "country":
                return p.country_code
    return ""


def admin1_code(name: str, country: str) -> str:
    """The ISO 3166-2 code of an admin-1 area as another dataset names it ("Daraa
    governorate", "Tigray state") within a country (its ISO3 code); "" when not known."""
    alias = _aliases().get(fold(name))
    if alias and alias[0] == country and alias[1]:
        return alias[1]
    for candidate in (name, bare(name)):
        found = [p for p in gazetteer().lookup(candidate)
                 if p.kind == "admin1" and p.country_code == country]
        if found:
            return found[0].admin1_code
    return ""
