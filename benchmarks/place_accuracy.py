"""How well figures are placed: the places corpus's key (country and admin-1 per figure)
and UCDP-AEC's coded event place (country and admin-1 of each article's main event).

    python benchmarks/place_accuracy.py [--eval ../shared/eval] [--errors]

The places corpus (data/places, key data/places/expected_places.csv): each key row is
matched to the extracted figure of its category and value; the score is over the rows
matched (the rows no figure matches are counted apart, as extraction misses). UCDP: the
main event's place is that of the first incident figure of event 0 that has one, else the
document's main place; countries and admin-1 areas are compared by ISO code, the coders'
names resolved through extract/data/place_aliases.csv and the gazetteer. Both are split into
a tuning and a check part by a hash of the document (or uid); --errors prints the tuning
part's errors only.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import extract_figures, figures  # noqa: E402
from extract.__main__ import read_document  # noqa: E402
from extract.gazetteer import admin1_code, country_code, gazetteer  # noqa: E402
from extract.places import read_places  # noqa: E402

PLACES = ROOT / "data" / "places"


def is_tuning(uid: str) -> bool:
    """The tuning part: the first quarter of sha256 values, as eval_accuracy.py splits."""
    return hashlib.sha256(str(uid).encode()).digest()[0] < 64


def places_corpus(errors: bool) -> None:
    key = pd.read_csv(PLACES / "expected_places.csv", dtype=str, keep_default_na=False)
    parts = {True: [0, 0, 0, 0], False: [0, 0, 0, 0]}  # matched, country, admin1, unmatched
    for document, rows in key.groupby("document"):
        doc = read_document(PLACES / document)
        figures = extract_figures(doc.text, doc.published, doc.publisher, doc.title)
        tally = parts[is_tuning(document)]
        for r in rows.itertuples():
            f = next((f for f in figures if f.category == r.category and f.value == int(r.value)), None)
            if f is None:
                tally[3] += 1
                continue
            tally[0] += 1
            tally[1] += f.country_code == r.country_code
            tally[2] += f.admin1_code == r.admin1_code
            wrong = (f.country_code, f.admin1_code) != (r.country_code, r.admin1_code)
            if errors and is_tuning(document) and wrong:
                print(f"  {document[:44]:44} {r.category:9} {r.value:>8} key {r.country_code}/"
                      f"{r.admin1_code or '-'} ({r.place}) got {f.country_code or '-'}/"
                      f"{f.admin1_code or '-'} ({f.place})")
    for name, tuning in (("tuning", True), ("check", False), ("all", None)):
        t = [sum(parts[k][i] for k in parts if tuning is None or k == tuning) for i in range(4)]
        print(f"places key {name:6}: {t[0]} figures matched ({t[3]} key rows not extracted): "
              f"country {t[1] / t[0]:.3f}, admin-1 {t[2] / t[0]:.3f}")


def main_event_place(text: str, published: str) -> tuple[str, str]:
    """(country code, admin-1 code) of a document's main event."""
    figures = extract_figures(text, published)
    for f in figures:
        if f.scope == "incident" and f.event == 0 and f.country_code:
            return f.country_code, f.admin1_code
    main = read_places(text).main
    return (main[1].country_code, main[1].admin1_code) if main else ("", "")


def ucdp(eval_dir: Path, errors: bool) -> None:
    data = pd.read_csv(eval_dir / "ucdp_aec_dev.csv")
    parts = {True: [0, 0, 0, 0], False: [0, 0, 0, 0]}  # documents, country, with admin-1, admin-1
    for r in data.itertuples():
        want_country = country_code(r.country)
        want_admin1 = admin1_code(r.adm1, want_country) if isinstance(r.adm1, str) else ""
        got_country, got_admin1 = main_event_place(r.text, str(r.published)[:10])
        tally = parts[is_tuning(r.uid)]
        tally[0] += 1
        tally[1] += got_country == want_country
        if want_admin1:
            tally[2] += 1
            tally[3] += got_admin1 == want_admin1
        wrong = got_country != want_country or (want_admin1 and got_admin1 != want_admin1)
        if errors and is_tuning(r.uid) and wrong:
            print(f"  {r.uid}: coded {want_country}/{want_admin1 or '-'} ({r.adm1}; {r.where}) "
                  f"got {got_country or '-'}/{got_admin1 or '-'}")
    for name, tuning in (("tuning", True), ("check", False), ("all", None)):
        t = [sum(parts[k][i] for k in parts if tuning is None or k == tuning) for i in range(4)]
        print(f"UCDP main event {name:6}: {t[0]} articles: country {t[1] / t[0]:.3f}, "
              f"admin-1 {t[3] / max(t[2], 1):.3f} (of {t[2]} coded with one)")


def cost(eval_dir: Path) -> None:
    """Place reading's share of extraction time on the dev texts: extraction as it is
    against extraction with a reader that finds no place (the gazetteer's one-off load
    apart), the faster of three runs of each."""
    texts = [str(t) for name in ("ucdp_aec_dev.csv", "gtd_dev.csv", "pitf_dev.csv")
             for t in pd.read_csv(eval_dir / name)["text"]]
    gazetteer.cache_clear()  # read again, to time it
    start = time.perf_counter()
    gazetteer()
    load = time.perf_counter() - start
    nowhere = read_places("")
    real = figures.read_places
    timings: dict[str, list[float]] = {"with": [], "without": []}
    for _ in range(3):
        for name, reader in (("with", real), ("without", lambda text, title="": nowhere)):
            figures.read_places = reader
            start = time.perf_counter()
            for text in texts:
                extract_figures(text)
            timings[name].append(time.perf_counter() - start)
    figures.read_places = real
    with_places, without = min(timings["with"]), min(timings["without"])
    print(f"gazetteer load {load:.2f} s once; on {len(texts)} dev texts extraction takes "
          f"{with_places:.2f} s, {without:.2f} s without reading places: places cost "
          f"{(with_places - without) / with_places:.0%} of extraction time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, help="../shared/eval, for UCDP and the cost")
    parser.add_argument("--errors", action="store_true", help="print the tuning part's errors")
    args = parser.parse_args()
    places_corpus(args.errors)
    if args.eval:
        ucdp(args.eval, args.errors)
        cost(args.eval)


if __name__ == "__main__":
    main()
