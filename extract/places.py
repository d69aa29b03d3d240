"""Where each figure happened: place names found in a document, resolved with the offline
gazetteer (gazetteer.py), and chosen for each figure.

The reading, in order:

1. `find_mentions`: every run of capitalised words (and a dateline's capitals) that the
   gazetteer knows, longest first, with what stands around it: an area type after it
   ("Daraa governorate"), a town word ("the town of Gwoza"), a place word before it ("in",
   "near"), or a word that puts it elsewhere ("taken to hospital in", "35 km south of").
   Demonyms ("the Libyan capital") are mentions of their country or its capital.
2. `document_countries`: the countries the document is about, by votes of its mentions
   (the headline, dateline and first paragraph count double).
3. `resolve`: each mention to one place. A town needs a place word, a town word, the
   dateline or a country after it ("Hyderabad, Pakistan"); a name in several countries is
   the one in a country of the sentence, else of the document; a name twice in one country
   is the one in an admin-1 area the document names, else the much larger one; still
   ambiguous, it is the country (precision 4) when all its candidates share one.
4. `DocumentPlaces.place_for`: a figure's place is the nearest resolved mention in its
   sentence, else in its paragraph, else the lede's, the headline's, the dateline's, and
   last the document's main place.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

import regex

from .agencies import agencies
from .gazetteer import ARTICLES, PRECISION, Place, fold, gazetteer
from .lexicon import alternation, data_table, words

_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’]*(?:-[\p{L}\p{M}][\p{L}\p{M}'’]*)*")
# small words inside a place name: "Rio de Janeiro", "Deir ez-Zor", "Bint Jbeil"
_CONNECTORS = frozenset({"de", "del", "da", "do", "dos", "das", "di", "al", "el", "ez", "az",
                         "ad", "ar", "as", "ash", "la", "le", "les", "du", "bin", "ibn", "es",
                         "et", "y", "of", "and", "sur", "am", "an", "der", "on", "upon"})
_DATELINE = regex.compile(r"\A\s*(?P<place>\p{Lu}[\p{Lu}\p{M} .'’-]+?)(?:,\s*(?P<country>[\p{L} .'’-]+?))?"
                          r"\s*(?:,\s*\p{Lu}\p{Ll}+\.? \d{1,2}\s*)?(?:\(|—|–|-{1,2}\s)")
_PARAGRAPH = regex.compile(r"\n\s*\n")
NEAREST = 64  # mentions looked at each way from a figure
MINOR_TOWN = 100_000  # people: a town this small is no place when its name runs on
_COUNTRY_AFTER = regex.compile(r",\s*(\p{Lu}[\p{L}' ]{2,30}?)\b")
_DISTANCE_BEFORE = regex.compile(r"(?i)\b\d[\d,.]*\s*(?:km|kilometres|kilometers|miles)\b[^.;]{0,30}$")


@cache
def _words() -> dict:
    table = data_table("places.toml")
    return {
        "area": frozenset(fold(w) for w in table["area_types"]),
        "district": frozenset(fold(w) for w in table["district_types"]),
        "town": frozenset(fold(w) for w in table["town_types"]),
        "before": frozenset(fold(w) for w in table["before_place"]),
        "common": frozenset(fold(w) for w in table["common_words"]),
        "capital": frozenset(fold(w) for w in table["capital_words"]),
        "modified": frozenset(fold(w) for w in table["country_modified"]),
        "wider": frozenset(fold(w) for w in table["wider_regions"]),
        "not_places": frozenset(fold(w) for w in table["not_place_words"]),
        "follow": frozenset(fold(w) for w in table["after_place"] + words("weekdays")
                            + words("months")),
        "elsewhere": regex.compile(rf"(?i)\b(?:{alternation(table['elsewhere_before'])})"
                                   r"(?:\s+(?:the|a|an))?\s*$"),
    }


# words that may stand between a place word and the name: "in the northern town of X"
_BETWEEN = frozenset({"the", "a", "an", "northern", "southern", "eastern", "western", "central",
                      "north", "south", "east", "west", "northeastern", "northwestern",
                      "southeastern", "southwestern", "north-eastern", "north-western",
                      "south-eastern", "south-western", "nearby", "remote", "restive",
                      "neighbouring", "neighboring", "of", "rural", "city's", "besieged"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name as the document writes it, with its gazetteer candidates."""

    start: int
    end: int
    text: str
    candidates: tuple[Place, ...]
    area: str = ""  # "admin1" or "district" when an area type follows, "town" for a town word
    placed: bool = False  # a place word, a town word or a country stands beside it
    elsewhere: bool = False  # a hospital, a reference point or a speaker's place
    demonym: str = ""  # the country code of a demonym ("Libyan")
    capital: bool = False  # "the Libyan capital"


@dataclass(slots=True)
class DocumentPlaces:
    """The resolved place mentions of one document, and the places figures fall back to."""

    text: str
    title: str
    mentions: list[tuple[Mention, Place]]
    paragraphs: list[int]  # start offsets of paragraphs
    lede: tuple[Mention, Place] | None = None
    headline: tuple[Mention, Place] | None = None
    dateline: tuple[Mention, Place] | None = None
    main: tuple[Mention, Place] | None = None
    starts: list[int] = field(default_factory=list)
    phrases: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # of one sentence

    def __post_init__(self) -> None:
        self.starts = [m.start for m, _ in self.mentions]

    def place_for(self, position: int, sentence_start: int, sentence_end: int,
                  incident: bool = False) -> tuple[Mention, Place] | None:
        """The place of a figure at `position` (offsets of the document text) in the
        sentence spanning [sentence_start, sentence_end), and the mention that names it:
        the first found of the sentence's, the paragraph's, the lede's, the headline's, the
        dateline's and the document's main place. An incident placed only in a country
        ("Cameroon's army killed 3", "a man died in Colombia's south") happened at the
        first finer place of that country further down this list, when there is one."""
        chain = self._chain(position, sentence_start, sentence_end)
        found = next((c for c in chain if c is not None), None)
        if found is None or not incident or not self._loosely_placed(found):
            return found
        finer = (c for c in chain if c is not None and c[1].kind != "country"
                 and c[1].country_code == found[1].country_code)
        return next(finer, found)

    def _chain(self, position: int, sentence_start: int, sentence_end: int) -> Iterator:
        yield self._in_span(position, sentence_start, sentence_end)
        k = bisect.bisect_right(self.paragraphs, sentence_start) - 1
        start = self.paragraphs[k] if k >= 0 else 0
        end = self.paragraphs[k + 1] if k + 1 < len(self.paragraphs) else len(self.text)
        yield self._in_span(sentence_start, start, end)
        yield from (self.lede, self.headline, self.dateline, self.main)

    def _in_span(self, position: int, start: int, end: int) -> tuple[Mention, Place] | None:
        """The nearest place named after `position` in [start, end), else the last before
        it; a country gives way to a finer place of its own in the span ("in Yemen's Marib
        province", "Somalia's forces in Lower Shabelle"). Looks at most NEAREST mentions
        each way, so that a long paragraph of names costs no more per figure."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        k = bisect.bisect_left(self.starts, position, lo, hi)
        near = [i for i in range(k, min(hi, k + NEAREST))] + [
            i for i in range(k - 1, max(lo, k - NEAREST) - 1, -1)]  # after first, then before
        found = next((self.mentions[i] for i in near if self._names_place(i)), None)
        if found is not None and self._loosely_placed(found):
            finer = (self.mentions[i] for i in near if self.mentions[i][1].kind != "country"
                     and self.mentions[i][1].country_code == found[1].country_code
                     and self._names_place(i))
            found = next(finer, found)
        return found

    def _names_place(self, i: int) -> bool:
        """A demonym names a place only as "the Libyan capital"."""
        m = self.mentions[i][0]
        return not m.demonym or m.capital

    def _loosely_placed(self, found: tuple[Mention, Place]) -> bool:
        """A country named as a modifier or owner ("Somalia's forces", "the Cameroon army",
        "in Colombia's south"), or with no place word, rather than as where things happened
        ("in Turkey"): a finer place of that country may stand for it."""
        m, place = found
        if place.kind != "country" or m.end == 0:
            return False
        after = (self.title if found is self.headline else self.text)[m.end:m.end + 30]
        if after[:2] in ("'s", "’s") or not m.placed:
            return True
        word = _WORD.match(after.lstrip())
        return word is not None and (word.group()[0].isupper()
                                     or _folded(word.group()) in _words()["modified"])

    def _phrase(self, sentence, offset: int, agencies: set[str]) -> str:
        """The sentence's "in <Place>" phrase nearest after `offset`, else the last before
        it (the sentence's phrases read once, for all its figures)."""
        if sentence.start not in self.phrases:
            self.phrases = {sentence.start: place_phrases(sentence.text, agencies)}
        found = self.phrases[sentence.start]
        k = bisect.bisect_left(found, offset, key=lambda phrase: phrase[0])
        return found[k][1] if k < len(found) else (found[-1][1] if found else "")

    def columns(self, sentence, offset: int, incident: bool, agencies: set[str]) -> dict:
        """The place columns of a figure at `offset` of a sentence (with .text, .start and
        .end in the document): the gazetteer's place (`place_for`); where the sentence
        names a place the gazetteer does not know ("in Al-Mashjah"), `place` keeps that
        phrase, placed in the admin-1 area of the place found around it (`area_of`)."""
        found = self.place_for(sentence.start + offset, sentence.start, sentence.end, incident)
        known = bisect.bisect_left(self.starts, sentence.start) < bisect.bisect_left(
            self.starts, sentence.end)  # the sentence names a place the gazetteer knows
        phrase = "" if known else self._phrase(sentence, offset, agencies)
        if found is None or _folded(phrase) in _words()["wider"]:
            return {"place": phrase}
        if phrase:
            return {**place_columns(*area_of(found[1])), "place": phrase}
        return place_columns(*found)


# "in <Capitalised words>": a place the sentence names, known to the gazetteer or not
_PHRASE = regex.compile(
    r"""\b(?:in|near|at|outside|around|across)\s+(?:the\s+)?(?:(?:town|city|village|district|
        province|region|state|capital|suburb|camp)\s+of\s+)?
        (?P<loc>(?-i:\p{Lu}[\w'’-]+)(?:\s+(?-i:\p{Lu}[\w'’-]+)){0,3})""",
    regex.IGNORECASE | regex.VERBOSE,
)
_PHRASE_HINT = regex.compile(r"(?<![a-z0-9_])(?:in|near|at|outside|around|across)\s")


@cache
def _not_places() -> regex.Pattern:
    return regex.compile(rf"(?i)^(?:{alternation(words('weekdays') + words('months'))}|the|a|"
                         r"an|least|all|his|her|their|its|this|that|which|what|some|most|one|"
                         r"two)\b")


def place_phrases(sentence: str, agencies: set[str]) -> list[tuple[int, str]]:
    """Every place phrase ("in <Place>") of a sentence, as (offset, name), in order; the
    sentence's agencies, weekdays and months are no places."""
    if _PHRASE_HINT.search(sentence.casefold()) is None:
        return []
    return [(m.start(), without_possessive(m.group("loc"))) for m in _PHRASE.finditer(sentence)
            if not _not_places().match(m.group("loc")) and m.group("loc") not in agencies
            and not _names_people(m.group("loc"))]


def _names_people(name: str) -> bool:
    """True for words that open with a people, faith, sect or nationality rather than a place:
    "Sunni" in "near the Sunni town of Shirqat", "Afghan" in "in Afghan custody"."""
    first = _folded(name.split()[0])
    return first in _words()["not_places"] or first in gazetteer().demonyms


def without_possessive(name: str) -> str:
    """A place name without the possessive it was written with: "Somalia's" is Somalia,
    "Honduras'" Honduras."""
    if name[-2:] in ("'s", "’s"):
        return name[:-2]
    return name[:-1] if name[-2:] in ("s'", "s’") else name


def place_columns(mention: Mention, place: Place) -> dict:
    """The tidy table's place columns for a resolved mention. `place` is the name as written,
    without a possessive ("Somalia's": Somalia); a nationality ("Afghan", "the Libyan
    capital") is shown by the place it stands for."""
    g = gazetteer()
    admin1 = g.admin1.get(place.admin1_code)
    precision = PRECISION[place.kind]
    if mention.area == "district" and place.kind == "town":
        precision = PRECISION["district"]
    return dict(
        place=place.name if mention.demonym else without_possessive(mention.text),
        place_name=place.name,
        admin1=admin1.name if admin1 else "", admin1_code=place.admin1_code,
        country=g.countries[place.country_code].name, country_code=place.country_code,
        lat=place.lat, lon=place.lon, geo_precision=precision,
    )


def area_of(place: Place) -> tuple[Mention, Place]:
    """The admin-1 area a place lies in (else its country), as a mention of it: where a
    figure at a place the gazetteer does not know is placed, as a coder places a village
    missing from the gazetteer in the area the report names around it."""
    g = gazetteer()
    area = g.admin1.get(place.admin1_code) or g.country_place(place.country_code)
    return Mention(0, 0, area.name, (area,)), area


def read_places(text: str, title: str = "") -> DocumentPlaces:
    """The places of a document (its text and headline), resolved, for `place_for`."""
    dateline_end = _dateline_end(text)
    body = find_mentions(text, in_dateline=dateline_end)
    head = find_mentions(title, names_run_on=False) if title else []
    countries = document_countries(text, body, head)
    named_admin1 = {p.admin1_code for m in body + head for p in m.candidates
                    if p.kind == "admin1" and m.area != "district"}
    resolved = [(m, p) for m in body if (p := resolve(m, countries, named_admin1, text)) and not m.elsewhere]
    heads = [(m, p) for m in head if (p := resolve(m, countries, named_admin1, title))]
    paragraphs = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
    dateline = next(((m, p) for m, p in resolved if m.end <= dateline_end), None)
    first_paragraph_end = paragraphs[1] if len(paragraphs) > 1 else len(text)
    lede = next(((m, p) for m, p in resolved if dateline_end <= m.start < first_paragraph_end
                 and (not m.demonym or m.capital)), None)
    main = _main_place(resolved + heads, countries)
    head = next(((m, p) for m, p in heads if not m.demonym or m.capital), None)
    return DocumentPlaces(text, title, resolved, paragraphs, lede, head, dateline, main)


def _dateline_end(text: str) -> int:
    m = _DATELINE.match(text[:200])
    return m.end() if m else 0


def _main_place(resolved: list[tuple[Mention, Place]], countries: list[str]) -> tuple | None:
    """The place named most often in the document's first country, the finest first."""
    if not resolved or not countries:
        return None
    within = [(m, p) for m, p in resolved if p.country_code == countries[0]]
    named = [(m, p) for m, p in within if not m.demonym or m.capital]  # "Yemeni forces" names no place
    within = named or within
    if not within:
        return None
    counts = Counter((p.kind, p.name, p.admin1_code) for _, p in within)
    best = max(within, key=lambda mp: (counts[(mp[1].kind, mp[1].name, mp[1].admin1_code)],
                                       -PRECISION[mp[1].kind]))
    return best


def find_mentions(text: str, in_dateline: int = 0, names_run_on: bool = True) -> list[Mention]:
    """Every place name the gazetteer knows in a text, in order, longest first. With
    `names_run_on` (not in a headline, whose words may all be capitalised), a name that
    runs on into more capitalised words is part of another name: of minor towns only, no
    place at all ("Human Rights Watch", "the Northern Liberation Front", "KEY FIGURES");
    else where an organisation is based ("the Tijuana Municipal Police", "the Kenya
    Defence Forces"), which tells the document's country but not where a figure happened
    (so marked `elsewhere`)."""
    g = gazetteer()
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    found: list[Mention] = []
    i = 0
    while i < len(words):
        start, _, word = words[i]
        if not (word[0].isupper() or ("-" in word and _article_prefixed(word))):
            i += 1
            continue
        if len(word) <= 3 and word.isupper() and start >= in_dateline:
            i += 1  # "UN", "US", "AU": acronyms, not the towns of those names
            continue
        demonym = _demonym(words, i, text)
        if demonym is not None:
            found.append(demonym[0])
            i = demonym[1]
            continue
        match = _longest(words, i, text, g.longest)
        if match is None:
            i += 1
            continue
        j, candidates = match
        runs_on = names_run_on and _runs_on(text, words, j)
        if not (_folded(text[start:words[j - 1][1]]) in _words()["wider"]
                or (runs_on and _minor(candidates))):
            m = _describe(text, words, i, j, candidates, start < in_dateline)
            found.append(replace(m, elsewhere=True) if runs_on else m)
        i = j
    return found


def _runs_on(text: str, words: list, j: int) -> bool:
    """Whether the capitalised word after a name (words[j]) carries on a longer name: not
    a word for a kind of place ("Idlib Province", "Gaza City", "Jabalia Refugee Camp") or
    a weekday or month ("in Baghdad Monday")."""
    if j >= len(words) or not words[j][2][0].isupper():
        return False
    if text[words[j - 1][1]:words[j][0]] not in (" ", "-"):
        return False  # "Kabul, Afghanistan", "Kyiv (Wire)"
    word = _folded(words[j][2])
    w = _words()
    return not (word in w["area"] or word in w["town"] or word in w["follow"])


def _minor(candidates: tuple[Place, ...]) -> bool:
    """Only towns, none of them a city (MINOR_TOWN people or fewer)."""
    return all(p.kind == "town" and p.population < MINOR_TOWN for p in candidates)


def _article_prefixed(word: str) -> bool:
    """"al-Bab", "el-Fasher": a lower-case article joined to a capitalised name."""
    head, _, rest = word.partition("-")
    return bool(rest) and head in ARTICLES and rest[0].isupper()


def _longest(words: list, i: int, text: str, longest: int) -> tuple[int, tuple] | None:
    """The longest run of words from i that the gazetteer knows: (end index, places)."""
    best = None
    for j in range(i + 1, min(len(words), i + longest) + 1):
        last = words[j - 1][2]
        capitalised = last[0].isupper() or _article_prefixed(last)  # "al-Jawf"
        if j > i + 1 and not (capitalised or last in _CONNECTORS):
            break
        if not capitalised:
            continue
        if j > i + 1 and text[words[j - 2][1]:words[j - 1][0]].strip() not in ("", "-"):
            break  # "Kabul, Afghanistan" is two names
        name = text[words[i][0]:words[j - 1][1]]
        places = _named(_folded(name))
        if not places and name[-2:] in ("'s", "’s"):
            places = _named(_folded(name[:-2]))  # "Papua New Guinea's"
        if places:
            best = (j, places)
    return best


@lru_cache(maxsize=65536)
def _named(key: str) -> tuple[Place, ...]:
    """The places a folded name may be (the gazetteer's `get`, remembered); none for a word
    of a people, faith or sect ("Sunni") or an agency's name ("Taliban")."""
    if key in _words()["not_places"] or key in _agency_names():
        return ()
    return tuple(gazetteer().get(key))


@cache
def _agency_names() -> frozenset[str]:
    """The agency table's proper names and acronyms, folded: no places ("Taliban", "Hamas",
    though a village in Turkey is called Taliban)."""
    return frozenset(fold(name) for agency in agencies() for name in (agency.name, *agency.aliases)
                     if name[:1].isupper())


@lru_cache(maxsize=65536)
def _folded(name: str) -> str:
    return fold(name)


@cache
def _demonym_heads() -> frozenset[str]:
    """The first words of the demonyms, to pass over other words at once."""
    return frozenset(name.split()[0] for name in gazetteer().demonyms if name)


def _demonym(words: list, i: int, text: str) -> tuple[Mention, int] | None:
    """A demonym of up to three words at i ("Libyan", "South Sudanese"), as a mention of
    its country (or of its capital: "the Libyan capital")."""
    g = gazetteer()
    if _folded(words[i][2]) not in _demonym_heads():
        return None
    for j in range(min(len(words), i + 3), i, -1):
        code = g.demonyms.get(_folded(text[words[i][0]:words[j - 1][1]]))
        if not code:
            continue
        after = _folded(words[j][2]) if j < len(words) else ""
        if after not in _words()["area"]:  # "Somali region" is a region
            capital = after in _words()["capital"] and g.capital(code) is not None
            end = words[j][1] if capital else words[j - 1][1]
            start = words[i][0]
            if capital and i > 0 and _folded(words[i - 1][2]) == "the":
                start = words[i - 1][0]
            place = g.capital(code) if capital else g.country_place(code)
            return Mention(start, end, text[start:end], (place,), placed=True, demonym=code,
                           capital=capital), j + bool(capital)
    return None


def _describe(text: str, words: list, i: int, j: int, candidates: tuple, in_dateline: bool) -> Mention:
    """A mention of words[i:j] with what stands around it."""
    w = _words()
    start, end = words[i][0], words[j - 1][1]
    if text[end - 2:end] in ("'s", "’s") and not _named(_folded(text[start:end])):
        end -= 2
    after = _folded(words[j][2]) if j < len(words) else ""
    area = ""
    if after and (after in w["district"] or _folded(" ".join(x[2] for x in words[j:j + 3]))
                  in w["district"]):
        area = "district"
    elif after in w["area"]:
        area = "admin1"
    elif after in w["town"]:
        area = "town"
    if area and text[end:words[j][0]].strip():
        area = ""  # "Gwoza, town officials said": no town word after the name
    before = [_folded(x[2]) for x in words[max(0, i - 5):i]]
    area_before = _area_before(before, w)
    area = area or area_before
    placed = in_dateline or bool(area) or _place_word_before(before, w) or _country_after(text, end)
    prefix = text[max(0, start - 60):start]
    elsewhere = w["elsewhere"].search(prefix) is not None or _DISTANCE_BEFORE.search(prefix) is not None
    return Mention(start, end, text[start:end], candidates, area, placed, elsewhere)


def _area_before(before: list[str], w: dict) -> str:
    """"the town of X" / "the province of X": the kind of place named before "of"."""
    if len(before) >= 2 and before[-1] == "of":
        if before[-2] in w["town"]:
            return "town"
        if before[-2] in w["district"]:
            return "district"
        if before[-2] in w["area"]:
            return "admin1"
    return ""


def _place_word_before(before: list[str], w: dict) -> bool:
    for word in reversed(before):
        if word in w["before"]:
            return True
        if word not in _BETWEEN and word not in w["town"] and word not in w["area"]:
            return False
    return False


def _country_after(text: str, end: int) -> bool:
    """"Hyderabad, Pakistan": a country named right after a comma."""
    m = _COUNTRY_AFTER.match(text, end, end + 40) if text.startswith(",", end) else None
    if not m:
        return False
    return any(p.kind == "country" for p in _named(_folded(m.group(1))))


def document_countries(text: str, body: list[Mention], head: list[Mention]) -> list[str]:
    """The countries a document is about, most named first: a country, demonym or admin-1
    name counts 2, a placed town 1 (when all its candidates share the country), double in
    the headline, the dateline and the first paragraph."""
    first = text.find("\n\n")
    first = len(text) if first < 0 else first
    votes: Counter = Counter()
    for m in head + body:
        weight = 2 if (m in head or m.start < first) else 1
        named = [p for p in m.candidates if p.kind == "country"]
        if named and m.area != "admin1":  # "Lebanon", though towns in the US share its name
            votes[named[0].country_code] += 2 * weight
            continue
        countries = {p.country_code for p in m.candidates}
        if len(countries) != 1 or _is_common(m.text):
            continue
        if m.demonym or any(p.kind == "admin1" for p in m.candidates):
            votes[countries.pop()] += 2 * weight
        elif m.placed:
            votes[countries.pop()] += weight
    ranked = votes.most_common()
    # a country named in passing ("the Red Sea", a neighbour) is not one the text is about
    return [code for code, n in ranked if n * 3 >= ranked[0][1]]


def _is_common(name: str) -> bool:
    return _folded(name) in _words()["common"]


def resolve(m: Mention, countries: list[str], named_admin1: set[str], text: str) -> Place | None:
    """The one place a mention names, or None (see the module's docstring)."""
    if m.demonym:
        return m.candidates[0]
    if _is_common(m.text) and m.area not in ("admin1", "district"):
        return None
    kinds = {p.kind for p in m.candidates}
    if "country" in kinds and m.area != "admin1":
        return next(p for p in m.candidates if p.kind == "country")
    admin1 = [p for p in m.candidates if p.kind == "admin1"]
    towns = [p for p in m.candidates if p.kind == "town"]
    if m.area == "admin1" and admin1:
        return _choose(admin1, countries, named_admin1)
    if m.area == "district" or (m.area == "admin1" and not admin1):
        return _choose(towns, countries, named_admin1) if towns else None
    if towns and (m.placed or (admin1 and m.area == "town")):
        town = _choose(towns, countries, named_admin1)
        if town is None and len(admin1) == 1:
            # a town named as its own admin-1 area is its seat ("Tripoli", "Kabul")
            seats = [p for p in towns if p.admin1_code == admin1[0].admin1_code]
            town = max(seats, key=lambda p: p.population) if seats else None
        if town is not None and not _area_elsewhere(town, admin1, m):
            return town
    if admin1 and (m.placed or len(m.text.split()) > 1 or not towns):
        return _choose(admin1, countries, named_admin1)
    return None


def _area_elsewhere(town: Place, admin1: list[Place], m: Mention) -> bool:
    """"in al-Jawf": an admin-1 area of the town's country has the name, and the town lies
    in another area (the Jawf al Maqbabah of Abyan); the area is meant, unless a town word
    says otherwise."""
    return m.area != "town" and any(a.country_code == town.country_code
                                    and a.admin1_code != town.admin1_code for a in admin1)


def _choose(places: list[Place], countries: list[str], named_admin1: set[str]) -> Place | None:
    """One of several same-named places: the one in the document's first country that has
    one, then in an admin-1 the document names, then much the largest; else that country.
    A document about some countries names no town or area outside them (a "Chai" in a story
    about Mozambique is not Türkiye's)."""
    for code in countries:
        inside = [p for p in places if p.country_code == code]
        if inside:
            places = inside
            break
    else:
        if countries:
            return None
        if len({p.country_code for p in places}) > 1:
            places = sorted(places, key=lambda p: -p.population)
            if places[0].population >= 100_000 and places[0].population >= 10 * places[1].population:
                return places[0]
            return None
    if len(places) == 1:
        return places[0]
    named = [p for p in places if p.admin1_code in named_admin1]
    if len(named) == 1 or (named and len({p.admin1_code for p in named}) == 1):
        return max(named, key=lambda p: p.population)
    ranked = sorted(places, key=lambda p: -p.population)
    if ranked[0].population >= 3 * max(ranked[1].population, 1):
        return ranked[0]
    if len({p.admin1_code for p in places}) == 1:
        return ranked[0]
    return gazetteer().country_place(places[0].country_code)
