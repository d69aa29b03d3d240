"""Make the dashboard map's country outlines (dashboard/geodata/world_110m.geojson) from
Natural Earth's admin-0 countries at 1:110m, as npm's `world-atlas` package ships them.

Run once; rerun only to change the source or the rounding. No npm install is needed, only
the package's tarball (nothing of it is committed but this file's output and its licence):

    cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/world_geojson.py "$OLDPWD/package"    # from the repository root

What it does with `package/countries-110m.json` (TopoJSON, spec:
github.com/topojson/topojson-specification):

- decodes the arcs: each arc is a list of quantized positions, the first absolute and the
  rest deltas from the one before; a position is (x * scale + translate) in degrees;
- builds each country's rings from its arc indices: arc i as stored, a negative index
  ~i (that is -i - 1) for arc i reversed; consecutive arcs share their end point, which is
  kept once;
- rounds coordinates to `DECIMALS` places (0.01 degree is about 1 km, finer than the 1:110m
  data itself), drops points that rounding made repeat, and winds rings as RFC 7946 wants
  (outer rings counter-clockwise, holes clockwise);
- keeps each feature's `id` (ISO 3166-1 numeric, as world-atlas gives it) and `name`, and
  adds `iso_a3`, the ISO 3166-1 alpha-3 code, from ISO3166_NUMERIC_TO_ALPHA3 below (checked
  against Debian's iso-codes 4.15.0). Three features have no ISO code in Natural Earth and
  no `id`: Kosovo gets "XKX" (the user-assigned code the EU, IMF, World Bank and OCHA use);
  N. Cyprus and Somaliland get none (null): places there are in CYP and SOM;
- carries a ring that crosses the 180th meridian on past it (Russia, Fiji: see
  `unwrapped`), and leaves Antarctica out (LEFT_OUT).

It also copies world-atlas's LICENSE beside the output. Natural Earth is public domain.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "dashboard" / "geodata"
DECIMALS = 2
SOURCE = "countries-110m.json"
# Features world-atlas leaves without an ISO 3166-1 numeric id, by name.
NO_ISO_NUMERIC = {"Kosovo": "XKX", "N. Cyprus": None, "Somaliland": None}
ISO3166_NUMERIC_TO_ALPHA3 = {
    "004": "AFG", "008": "ALB", "010": "ATA", "012": "DZA", "024": "AGO", "031": "AZE",
    "032": "ARG", "036": "AUS", "040": "AUT", "044": "BHS", "050": "BGD", "051": "ARM",
    "056": "BEL", "064": "BTN", "068": "BOL", "070": "BIH", "072": "BWA", "076": "BRA",
    "084": "BLZ", "090": "SLB", "096": "BRN", "100": "BGR", "104": "MMR", "108": "BDI",
    "112": "BLR", "116": "KHM", "120": "CMR", "124": "CAN", "140": "CAF", "144": "LKA",
    "148": "TCD", "152": "CHL", "156": "CHN", "158": "TWN", "170": "COL", "178": "COG",
    "180": "COD", "188": "CRI", "191": "HRV", "192": "CUB", "196": "CYP", "203": "CZE",
    "204": "BEN", "208": "DNK", "214": "DOM", "218": "ECU", "222": "SLV", "226": "GNQ",
    "231": "ETH", "232": "ERI", "233": "EST", "238": "FLK", "242": "FJI", "246": "FIN",
    "250": "FRA", "260": "ATF", "262": "DJI", "266": "GAB", "268": "GEO", "270": "GMB",
    "275": "PSE", "276": "DEU", "288": "GHA", "300": "GRC", "304": "GRL", "320": "GTM",
    "324": "GIN", "328": "GUY", "332": "HTI", "340": "HND", "348": "HUN", "352": "ISL",
    "356": "IND", "360": "IDN", "364": "IRN", "368": "IRQ", "372": "IRL", "376": "ISR",
    "380": "ITA", "384": "CIV", "388": "JAM", "392": "JPN", "398": "KAZ", "400": "JOR",
    "404": "KEN", "408": "PRK", "410": "KOR", "414": "KWT", "417": "KGZ", "418": "LAO",
    "422": "LBN", "426": "LSO", "428": "LVA", "430": "LBR", "434": "LBY", "440": "LTU",
    "442": "LUX", "450": "MDG", "454": "MWI", "458": "MYS", "466": "MLI", "478": "MRT",
    "484": "MEX", "496": "MNG", "498": "MDA", "499": "MNE", "504": "MAR", "508": "MOZ",
    "512": "OMN", "516": "NAM", "524": "NPL", "528": "NLD", "540": "NCL", "548": "VUT",
    "554": "NZL", "558": "NIC", "562": "NER", "566": "NGA", "578": "NOR", "586": "PAK",
    "591": "PAN", "598": "PNG", "600": "PRY", "604": "PER", "608": "PHL", "616": "POL",
    "620": "PRT", "624": "GNB", "626": "TLS", "630": "PRI", "634": "QAT", "642": "ROU",
    "643": "RUS", "646": "RWA", "682": "SAU", "686": "SEN", "688": "SRB", "694": "SLE",
    "703": "SVK", "704": "VNM", "705": "SVN", "706": "SOM", "710": "ZAF", "716": "ZWE",
    "724": "ESP", "728": "SSD", "729": "SDN", "732": "ESH", "740": "SUR", "748": "SWZ",
    "752": "SWE", "756": "CHE", "760": "SYR", "762": "TJK", "764": "THA", "768": "TGO",
    "780": "TTO", "784": "ARE", "788": "TUN", "792": "TUR", "795": "TKM", "800": "UGA",
    "804": "UKR", "807": "MKD", "818": "EGY", "826": "GBR", "834": "TZA", "840": "USA",
    "854": "BFA", "858": "URY", "860": "UZB", "862": "VEN", "887": "YEM", "894": "ZMB",
}


# Antarctica: no one is counted there, and its ring around the pole cannot be drawn on a
# flat map without an edge across the whole of it
LEFT_OUT = frozenset({"Antarctica"})


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc of a quantized TopoJSON topology as absolute (lon, lat) positions."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        positions = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            positions.append((x * sx + tx, y * sy + ty))
        arcs.append(positions)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """A closed ring from its arc indices (~i: arc i reversed), rounded, without repeats."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])  # an arc starts where the last ended
    rounded: list[list[float]] = []
    for x, y in unwrapped(points):
        point = [round(x, DECIMALS), round(y, DECIMALS)]
        if not rounded or point != rounded[-1]:
            rounded.append(point)
    if rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded


def unwrapped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the 180th meridian (Russia's Chukotka, Fiji) with its
    longitudes carried on past 180 (or -180), so that no edge runs across the whole map;
    MapLibre draws longitudes beyond 180 where they belong."""
    found = points[:1]
    for x, y in points[1:]:
        x += 360 * round((found[-1][0] - x) / 360)
        found.append((x, y))
    return found


def signed_area(points: list[list[float]]) -> float:
    """Twice the ring's area in the lon/lat plane: positive when counter-clockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False))


def polygon(rings: list[list[int]], arcs) -> list[list[list[float]]]:
    """A polygon's rings, the outer one counter-clockwise and holes clockwise (RFC 7946).
    Rings that rounding shrank below a triangle are dropped."""
    built = []
    for i, indices in enumerate(rings):
        points = ring(indices, arcs)
        if len(points) < 4:
            continue
        outer = i == 0
        if (signed_area(points) > 0) != outer:
            points.reverse()
        built.append(points)
    return built


def feature(geometry: dict, arcs) -> dict:
    """One country as a GeoJSON feature: its id, name and ISO alpha-3 code, and outline."""
    name = geometry["properties"]["name"]
    numeric = geometry.get("id")
    if numeric is None:
        iso_a3 = NO_ISO_NUMERIC[name]
    else:
        iso_a3 = ISO3166_NUMERIC_TO_ALPHA3[numeric]
    if geometry["type"] == "Polygon":
        shape = {"type": "Polygon", "coordinates": polygon(geometry["arcs"], arcs)}
    elif geometry["type"] == "MultiPolygon":
        parts = [polygon(p, arcs) for p in geometry["arcs"]]
        shape = {"type": "MultiPolygon", "coordinates": [p for p in parts if p]}
    else:
        raise ValueError(f"{name}: unexpected geometry {geometry['type']}")
    found = {"type": "Feature"} if numeric is None else {"type": "Feature", "id": numeric}
    return found | {"properties": {"name": name, "iso_a3": iso_a3}, "geometry": shape}


def convert(package: Path) -> dict:
    """The GeoJSON FeatureCollection of world-atlas's countries-110m.json in `package`."""
    meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
    topology = json.loads((package / SOURCE).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = topology["objects"]["countries"]["geometries"]
    return {
        "type": "FeatureCollection",
        # a foreign member (RFC 7946 section 6.1): where the outlines come from
        "source": f"Natural Earth admin-0 countries 1:110m (public domain), from npm "
                  f"{meta['name']}@{meta['version']} {SOURCE}; see README.md beside this file",
        "features": [feature(g, arcs) for g in countries
                     if g["properties"]["name"] not in LEFT_OUT],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", type=Path, help="the unpacked world-atlas package folder")
    parser.add_argument("-o", "--out", type=Path, default=OUT, help="output folder")
    args = parser.parse_args(argv)
    collection = convert(args.package)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / "world_110m.geojson"
    target.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n",
                      encoding="utf-8")
    shutil.copyfile(args.package / "LICENSE", args.out / "LICENSE-world-atlas")
    print(f"{target}: {len(collection['features'])} countries, {target.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
