"""Claim building at scale: a refresh of 1,000 new documents into a store of 1,000,000
figures, with the time spent building claims (`update_claims`) apart from the rest.
Target: claim building within 5 s.

    python benchmarks/claims_scale.py [--figures 1000000] [--documents 1000]
                                      [--cache FILE] [--repeat 3]

1. Set-up: a SQLite store of synthetic documents and figure rows (about 10 figures a
   document), bulk-inserted with SQLAlchemy core: agencies drawn from a few hundred names
   with a long tail, and generic lower-case sources ("officials", "police"); categories,
   scopes, qualifiers, values (many small, a few very large), report and event dates,
   periods and places (country, admin-1 area, town) varied; a fifth of the documents
   reprint an earlier one (linked, with its figures), and some figures restate an earlier
   figure's agency and count from another outlet. Every document's signature and buckets
   are stored (for the link step), then every figure's claim key and every claim built once
   by `pipeline.claim_updates.rebuild_all`. The time of each step is printed. With
   `--cache FILE` the store is built once into FILE (its parameters and set-up times in
   FILE.json) and reused by later runs with the same parameters.
2. Measured: a copy of that store takes N new documents through `Store.write`, in batches
   of 100 as a refresh commits them: 30% restate agency counts already stored (other
   outlets quoting the same statements), 25% reprint stored documents (text and figures
   copied, boilerplate added: the link step links them), 5% revise a stored incident's
   count, the rest new stories. The time in `update_claims` (claim keys set, claims built
   again from every figure of the touched keys, revisions found) is printed apart from the
   rest of the write (figures and their history, the link step). Repeated on fresh copies;
   medians.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import Figure  # noqa: E402
from pipeline import claim_updates, history  # noqa: E402
from pipeline.reprint_links import save_signatures  # noqa: E402
from pipeline.store import (  # noqa: E402
    FIGURE_COLUMNS,
    Store,
    day_of,
    documents,
    figures,
    open_store,
)

GENERATOR = 2  # bump when the synthetic store changes: cached stores of another are rebuilt
TARGET = 5.0
BATCH = 100  # documents a refresh commits at once (pipeline/refresh.py BATCH)
START = dt.date(2023, 1, 1)
DAYS = 730
NOW = dt.datetime(2025, 1, 15, 12, 0)

CATEGORIES = {"killed": 38, "wounded": 25, "displaced": 10, "detained": 10, "missing": 7,
              "abducted": 6, "surgeries": 4}
SCOPES = {"incident": 42, "toll": 22, "stock": 12, "period": 10, "background": 14}
QUALIFIERS = {"exact": 62, "at_least": 18, "more_than": 8, "about": 7, "up_to": 3, "range": 2}
GENERIC = ["officials", "police", "local sources", "residents", "witnesses", "medics",
           "security sources", "activists", "hospital sources", "rescuers", "the army",
           "local officials", "aid workers", "a spokesman", "tribal elders"]
BODIES = ["Ministry of Health", "Ministry of Interior", "Civil Defence", "Red Crescent",
          "Police Department", "Armed Forces", "Governor's Office", "Health Directorate",
          "Human Rights Commission", "Disaster Management Agency", "Emergency Service"]
INTERNATIONAL = ["OCHA", "UNHCR", "IOM", "WHO", "UNICEF", "ICRC", "MSF", "Amnesty International",
                 "Human Rights Watch", "ACLED", "Airwars", "UN Human Rights Office",
                 "Save the Children", "World Food Programme", "Norwegian Refugee Council"]
COUNTRIES = ["SDN", "SSD", "YEM", "SYR", "IRQ", "AFG", "PAK", "NGA", "MLI", "BFA", "NER",
             "SOM", "ETH", "COD", "CAF", "CMR", "MOZ", "LBY", "UKR", "MMR", "PHL", "COL",
             "MEX", "HTI", "LBN", "PSE", "ISR", "IND", "BGD", "KEN", "TCD", "IRN", "TUR",
             "VEN", "ECU", "PER", "BRA", "NIC", "HND", "GTM"]
SYLLABLES = ["ka", "ro", "vi", "len", "dar", "mo", "sta", "ul", "ne", "bri", "tov", "as",
             "mir", "sa", "bek", "or", "tal", "zu", "han", "gol"]
CARRIERS = ["Coast Express", "Regional Monitor", "Northline Digest", "Valley Voice",
            "Daily Ledger", "Morning Wire"]


def weighted(rng: random.Random, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def name(rng: random.Random, parts: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


class World:
    """The synthetic world the documents talk about: places, agencies, publishers, words."""

    def __init__(self, rng: random.Random):
        self.places = []  # (country code, country, admin-1 code, admin-1, town, lat, lon)
        for code in COUNTRIES:
            country = name(rng, 3)
            for a in range(rng.randint(4, 14)):
                admin1 = name(rng, 2)
                lat, lon = rng.uniform(-30, 45), rng.uniform(-90, 120)
                for _ in range(rng.randint(3, 25)):
                    self.places.append((code, country, f"{code[:2]}-{a:02d}", admin1,
                                        name(rng, rng.randint(2, 3)),
                                        round(lat + rng.uniform(-2, 2), 4),
                                        round(lon + rng.uniform(-2, 2), 4)))
        # a few hundred named agencies, the first far more often quoted than the last
        named = [f"{body} of {c}" for c in rng.sample(COUNTRIES, 25) for body in
                 rng.sample(BODIES, 7)] + INTERNATIONAL
        named += [f"{name(rng, 2)} {rng.choice(['Brigade', 'Front', 'Council', 'Network'])}"
                  for _ in range(400 - len(named))]
        rng.shuffle(named)
        self.agencies = named
        self.agency_weights = [1 / (rank + 3) ** 1.1 for rank in range(len(named))]
        self.publishers = [f"{name(rng, 2)} {rng.choice(['Times', 'News', 'Post', 'Herald'])}"
                           for _ in range(250)]
        self.publisher_weights = [1 / (rank + 2) for rank in range(len(self.publishers))]
        self.words = [name(rng, rng.randint(1, 3)).lower() for _ in range(20_000)]

    def agency(self, rng: random.Random, publisher: str) -> tuple[str, str]:
        """(agency, attribution): a named agency, a generic source, or the publisher."""
        draw = rng.random()
        if draw < 0.18:
            return rng.choice(GENERIC[:6] if rng.random() < 0.7 else GENERIC), "said"
        if draw < 0.28:
            return publisher, "publisher"
        agency = rng.choices(self.agencies, weights=self.agency_weights)[0]
        return agency, rng.choice(["said", "reported", "according_to", "cited"])


def quantity(rng: random.Random, category: str, scope: str) -> tuple[int, int | None,
                                                                     int | None, str, str]:
    """(value, low, high, qualifier, words): many small counts, a few very large."""
    top = 6.0 if category == "displaced" or scope == "stock" else 4.5
    value = max(1, int(10 ** (rng.random() ** 1.6 * top)))
    qualifier = weighted(rng, QUALIFIERS)
    low, high = {"exact": (value, value), "at_least": (value, None),
                 "more_than": (value + 1, None), "about": (None, None),
                 "up_to": (None, value), "range": (value, value + rng.randint(1, value))
                 }[qualifier]
    words = {"exact": "", "at_least": "at least ", "more_than": "more than ",
             "about": "about ", "up_to": "up to ", "range": ""}[qualifier]
    return value, low, high, qualifier, f"{words}{value:,}"


class Corpus:
    """Documents and their figure rows, made one at a time; remembers what it made so that
    later documents can reprint or restate earlier ones."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.world = World(self.rng)
        self.count = 0
        self.originals: list[tuple[dict, list[dict]]] = []  # recent documents reprinting none
        self.statements: list[dict] = []  # recent figure rows others may restate

    def document(self, published: dt.date, kind: str = "new") -> tuple[dict, list[dict]]:
        """One document and its figure rows (dicts of FIGURE_COLUMNS and doc_key).
        kind: "new", "reprint" (of an earlier document), "restate" (earlier figures'
        agencies and counts, told by another outlet), "revise" (an earlier incident's
        count, changed)."""
        rng, world = self.rng, self.world
        self.count += 1
        i = self.count
        publisher = rng.choices(world.publishers, weights=world.publisher_weights)[0]
        key = f"bench:{i:07d}.txt"
        fetched = dt.datetime.combine(published, dt.time(6)) + dt.timedelta(
            minutes=rng.randrange(1440))
        doc = {"key": key, "doc_id": f"{i:016x}", "source": "bench", "locator": f"{i:07d}.txt",
               "url": f"https://{publisher.lower().replace(' ', '')}.example/{i}",
               "title": " ".join(rng.choices(world.words, k=8)).capitalize(),
               "publisher": publisher, "published": published, "fetched_at": fetched,
               "content_hash": "", "text": "", "language": "en", "reprint_of": None,
               "linked_at": None}
        if kind == "reprint" and self.originals:
            original, rows = self.originals[rng.randrange(max(0, len(self.originals) - 5000),
                                                          len(self.originals))]
            carrier = rng.choice(CARRIERS)
            doc.update(publisher=carrier, title=f"{carrier}: {original['title']}",
                       url=f"https://{carrier.lower().replace(' ', '')}.example/{i}",
                       published=max(published, original["published"]),
                       text=f"This article was originally published by {original['publisher']}."
                            f"\n\n{original['text']}\n\nFollow {carrier} on Telegram for live "
                            f"updates.\n", reprint_of=original["key"], linked_at=fetched)
            figure_rows = [dict(r, doc_key=key, figure_id=self._figure_id(), stored_at=fetched)
                           for r in rows]
        else:
            figure_rows = self._figures(doc, kind)
            filler = rng.choices(world.words, k=rng.randint(120, 260))
            sentences = [r["sentence"] for r in figure_rows]
            at = 0
            parts = []
            for n, sentence in enumerate(sentences):
                parts.append(" ".join(filler[n * 12:(n + 1) * 12]).capitalize() + ".")
                parts.append(sentence)
            parts.append(" ".join(filler[len(sentences) * 12:]).capitalize() + ".")
            doc["text"] = " ".join(parts)
            for r in figure_rows:
                r["start"] = at = doc["text"].find(r["sentence"], at)
                r["end"] = r["start"] + len(r["sentence"])
            if kind != "reprint":
                self.originals.append((doc, figure_rows))
                if len(self.originals) > 20_000:
                    del self.originals[:-10_000]
        doc["content_hash"] = hashlib.sha256(doc["text"].encode()).hexdigest()
        return doc, figure_rows

    def _figure_id(self) -> str:
        return f"{self.rng.getrandbits(64):016x}"

    def _figures(self, doc: dict, kind: str) -> list[dict]:
        rng, world = self.rng, self.world
        count = max(1, min(60, int(rng.expovariate(1 / 9.5)) + 1))
        main_agency = world.agency(rng, doc["publisher"])
        main_place = rng.choice(world.places) if rng.random() < 0.85 else None
        report = doc["published"] - dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2]))
        rows = []
        for n in range(count):
            earlier = self.statements
            if kind in ("restate", "revise") and earlier and (n == 0 or rng.random() < 0.5):
                row = dict(earlier[rng.randrange(max(0, len(earlier) - 200_000), len(earlier))])
                if kind == "revise" and n == 0:
                    row["value"] = row["value"] + rng.randint(1, 9)
                    row["low"] = row["high"] = row["value"]
                    row["qualifier"], row["number_text"] = "exact", f"{row['value']:,}"
                    row["scope"] = "incident"
                    row["event_date"] = row["event_date"] or report
                    row["event"] = 0
                row["sentence"] = (f"{row['agency_text']} told {doc['publisher']} that "
                                   f"{row['number_text']} people were {row['category']}.")
                rows.append(dict(row, doc_key=doc["key"], figure_id=self._figure_id(),
                                 stored_at=doc["fetched_at"], carrier=doc["publisher"]))
                continue
            agency, attribution = main_agency if rng.random() < 0.6 else world.agency(
                rng, doc["publisher"])
            category = weighted(rng, CATEGORIES)
            scope = weighted(rng, SCOPES)
            value, low, high, qualifier, words = quantity(rng, category, scope)
            place = main_place if rng.random() < 0.7 else (
                rng.choice(world.places) if rng.random() < 0.8 else None)
            precision = rng.choice([1, 1, 1, 2, 3, 3, 4]) if place else None
            code, country, admin1_code, admin1, town, lat, lon = place or ("",) * 5 + (None,
                                                                                    None)
            if precision == 4:
                admin1_code = admin1 = town = ""
            elif precision == 3:
                town = ""
            written = town or admin1 or country
            event_date = period = period_start = period_end = None
            event = None
            if scope == "incident":
                event = 0 if rng.random() < 0.7 else rng.randint(1, 3)
                if rng.random() < 0.75:
                    event_date = report - dt.timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 7]))
            elif scope == "period":
                days = rng.choice([7, 7, 30, 30, 90, 365])
                period = {7: "in the past week", 30: "last month", 90: "since April",
                          365: "this year"}[days]
                if rng.random() < 0.85:
                    period_end = report
                    period_start = report - dt.timedelta(days=days)
            elif scope == "background":
                event_date = (report - dt.timedelta(days=rng.randint(30, 900))
                              if rng.random() < 0.4 else None)
            agency_text = agency if attribution != "publisher" else ""
            subject = rng.choice(["people", "civilians", "children", "soldiers", "fighters",
                                  "migrants", "health workers", "protesters", "people"])
            sentence = (f"{agency_text or 'The report'} said {words} {subject} had been "
                        f"{category}" + (f" in {written}" if written else "") + ".")
            rows.append({
                "doc_key": doc["key"], "figure_id": self._figure_id(), "category": category,
                "value": value, "low": low, "high": high, "qualifier": qualifier,
                "number_text": words, "subject": subject, "subset": rng.random() < 0.08,
                "agency": agency, "agency_text": agency_text, "attribution": attribution,
                "report_date": report if rng.random() < 0.9 else None, "period": period or "",
                "period_start": period_start, "period_end": period_end,
                "place": written or "", "sentence": sentence, "start": 0, "end": 0,
                "carrier": "", "superseded": rng.random() < 0.03, "times_stated": 1,
                "scope": scope, "event_date": event_date, "event": event,
                "place_name": town or admin1 or country if place else "",
                "admin1": admin1 or "", "admin1_code": admin1_code or "",
                "country": country or "", "country_code": code or "",
                "lat": lat if place else None, "lon": lon if place else None,
                "geo_precision": precision, "extractor": "bench",
                "stored_at": doc["fetched_at"], "wrong": False, "correction": "",
                "claim_key": None, "claim_id": None})
            rows[-1]["day"] = day_of(rows[-1]["report_date"], doc["published"])
        self.statements += [r for r in rows if not r["subset"] and not r["superseded"]]
        if len(self.statements) > 800_000:
            del self.statements[:-400_000]
        return rows


def build(path: Path, target: int, seed: int) -> dict[str, float]:
    """A store at `path` holding about `target` figure rows; the time of each step."""
    times: dict[str, float] = {}
    store = open_store(f"sqlite:///{path}")
    corpus = Corpus(seed)
    have = docs_made = 0
    start = time.perf_counter()
    signing = 0.0
    day_span = DAYS / max(1, target / 10)  # days per document: the store spans two years
    with store.engine.begin() as conn:
        while have < target:
            doc_rows, figure_rows, texts = [], [], []
            for _ in range(2_000):
                published = START + dt.timedelta(days=int(docs_made * day_span))
                kind = ("reprint" if corpus.rng.random() < 0.2 else
                        "restate" if corpus.rng.random() < 0.12 else "new")
                doc, rows = corpus.document(published, kind)
                docs_made += 1
                doc_rows.append(doc)
                figure_rows += rows
                texts.append((doc["key"], doc["text"]))
                have += len(rows)
                if have >= target:
                    break
            conn.execute(documents.insert(), doc_rows)
            conn.execute(figures.insert(), figure_rows)
            began = time.perf_counter()
            save_signatures(conn, texts)
            signing += time.perf_counter() - began
            print(f"\r  {docs_made:,} documents, {have:,} figure rows", end="", flush=True)
    print()
    times["documents and figures inserted"] = time.perf_counter() - start - signing
    times["signatures and buckets"] = signing
    start = time.perf_counter()
    with store.engine.begin() as conn:
        claim_updates.rebuild_all(conn, NOW)
    times["claim keys and claims (rebuild_all)"] = time.perf_counter() - start
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.engine.dispose()
    return times


def cached_store(cache: Path | None, figures_wanted: int, seed: int, tmp: Path) -> tuple[
        Path, dict, bool]:
    """The built store (from the cache when it holds one built alike): (path, info, reused)."""
    wanted = {"generator": GENERATOR, "figures": figures_wanted, "seed": seed}
    if cache is not None:
        info_path = cache.with_name(cache.name + ".json")
        if cache.exists() and info_path.exists():
            info = json.loads(info_path.read_text())
            if {k: info.get(k) for k in wanted} == wanted:
                return cache, info, True
        for old in (cache, info_path):
            old.unlink(missing_ok=True)
        cache.parent.mkdir(parents=True, exist_ok=True)
        building = cache.with_name(cache.name + ".building")
    else:
        building = tmp / "built.sqlite"
    for extra in building.parent.glob(building.name + "*"):
        extra.unlink()
    times = build(building, figures_wanted, seed)
    store = open_store(f"sqlite:///{building}")
    counts = store.counts()
    with store.engine.connect() as conn:
        counts["claims"] = conn.execute(sa.text("SELECT count(*) FROM claims")).scalar_one()
        counts["reprints"] = conn.execute(sa.text(
            "SELECT count(*) FROM documents WHERE reprint_of IS NOT NULL")).scalar_one()
    store.engine.dispose()
    info = wanted | {"times": times, "counts": counts}
    if cache is None:
        return building, info, False
    building.rename(cache)
    cache.with_name(cache.name + ".json").write_text(json.dumps(info, indent=1))
    return cache, info, False


def new_batch(path: Path, count: int, seed: int) -> list[tuple[dict, list[Figure]]]:
    """`count` new documents (see the module docstring for the mix), as the refresh hands
    them to Store.write: a row and its figures."""
    corpus = Corpus(seed)  # the same world (places, agencies, words) as the store's
    corpus.rng = random.Random(seed + 1)
    store = open_store(f"sqlite:///{path}")
    with store.engine.connect() as conn:
        last = conn.execute(sa.select(sa.func.max(documents.c.published))).scalar_one()
        total = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one()
        corpus.count = total + 1_000_000
        # stored documents to reprint and figures to restate: recent ones, and some older
        picked = sorted(corpus.rng.sample(range(total), min(total, 6 * count)))
        keys = [f"bench:{i + 1:07d}.txt" for i in picked]
        stored_docs = {r["key"]: dict(r) for part in range(0, len(keys), 500) for r in
                       conn.execute(sa.select(documents).where(
                           documents.c.key.in_(keys[part:part + 500]),
                           documents.c.reprint_of.is_(None))).mappings()}
        rows: dict[str, list[dict]] = defaultdict(list)
        for part in range(0, len(keys), 500):
            for r in conn.execute(sa.select(*[figures.c[c] for c in (
                    "doc_key", *FIGURE_COLUMNS)]).where(
                    figures.c.doc_key.in_(keys[part:part + 500]))).mappings():
                rows[r["doc_key"]].append(dict(r))
    store.engine.dispose()
    corpus.originals = [(d, rows[k]) for k, d in stored_docs.items() if rows[k]]
    corpus.statements = [r for k in stored_docs for r in rows[k]
                         if not r["subset"] and not r["superseded"]]
    made = []
    for _ in range(count):
        published = last - dt.timedelta(days=corpus.rng.choice([0, 0, 0, 1, 2, 5, 30]))
        draw = corpus.rng.random()
        kind = ("restate" if draw < 0.30 else "reprint" if draw < 0.55 else
                "revise" if draw < 0.60 else "new")
        doc, figure_rows = corpus.document(published, kind)
        doc = {k: v for k, v in doc.items() if k not in ("reprint_of", "linked_at")}
        made.append((doc, [as_figure(r, doc) for r in figure_rows]))
    corpus.rng.shuffle(made)
    return made


def as_figure(row: dict, doc: dict) -> Figure:
    """A figure row as the extractor gives it."""
    return Figure(**{c: row[c] for c in FIGURE_COLUMNS}, doc_id=doc["doc_id"],
                  title=doc["title"], url=doc["url"], publisher=doc["publisher"],
                  published=doc["published"])


def measure(path: Path, batch: list[tuple[dict, list[Figure]]]) -> dict[str, float]:
    """Store the batch as a refresh does (BATCH documents a transaction); seconds spent,
    by step, and what the claims update did."""
    spent: dict[str, float] = defaultdict(float)

    def timed(label, fn):
        def wrapper(*args, **kwargs):
            began = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - began
        return wrapper

    saved = {name: getattr(Store, name) for name in ("link_reprints", "update_claims")}
    saved_replace = history.replace_documents
    parts = {name: getattr(claim_updates, name) for name in (
        "_assign", "_join_incidents", "_rebuild", "_store", "_store_revisions", "_read")}
    history.replace_documents = timed("replace", saved_replace)
    Store.link_reprints = timed("links", saved["link_reprints"])
    Store.update_claims = timed("claims", saved["update_claims"])
    for name, fn in parts.items():
        setattr(claim_updates, name, timed(name, fn))
    store = open_store(f"sqlite:///{path}")
    new_claims = revisions = 0
    try:
        began = time.perf_counter()
        for start in range(0, len(batch), BATCH):
            part = [(dict(doc), found) for doc, found in batch[start:start + BATCH]]
            _, updated = store.write(part, now=NOW + dt.timedelta(days=1, minutes=start))
            new_claims += len(updated.new_claims)
            revisions += len(updated.revisions)
        spent["write"] = time.perf_counter() - began
    finally:
        for name, fn in saved.items():
            setattr(Store, name, fn)
        history.replace_documents = saved_replace
        for name, fn in parts.items():
            setattr(claim_updates, name, fn)
    with store.engine.connect() as conn:
        linked = conn.execute(sa.text(
            "SELECT count(*) FROM documents WHERE reprint_of IS NOT NULL AND key IN "
            "(SELECT key FROM documents ORDER BY rowid DESC LIMIT :n)"), {"n": len(batch)}
            ).scalar_one()
    store.engine.dispose()
    return dict(spent) | {"new_claims": new_claims, "revisions": revisions, "linked": linked}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--figures", type=int, default=1_000_000,
                        help="figure rows in the store (default 1,000,000)")
    parser.add_argument("--documents", type=int, default=1_000,
                        help="new documents refreshed into it (default 1,000)")
    parser.add_argument("--cache", type=Path,
                        help="keep the built store in this file and reuse it when it is there")
    parser.add_argument("--repeat", type=int, default=3,
                        help="measurements, each on a fresh copy of the store (default 3)")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path, info, reused = cached_store(args.cache, args.figures, args.seed, tmp)
        counts = info["counts"]
        print(f"store: {counts['documents']:,} documents ({counts['reprints']:,} reprints), "
              f"{counts['figures']:,} figure rows, {counts['claims']:,} claims"
              + (f" (cached in {path})" if reused else ""))
        print("set-up" + (" (when the cached store was built)" if reused else "") + ":")
        for label, seconds in info["times"].items():
            print(f"  {label:<44}{seconds:9.1f} s")
        batch = new_batch(path, args.documents, args.seed + 100)
        print(f"refresh: {len(batch):,} new documents, {sum(len(f) for _, f in batch):,} "
              f"figures, in batches of {BATCH}")
        results = []
        for run in range(args.repeat):
            work = tmp / f"work{run}.sqlite"
            shutil.copyfile(path, work)
            results.append(measure(work, batch))
            r = results[-1]
            print(f"  run {run + 1}: write {r['write']:6.2f} s, claims {r['claims']:6.2f} s "
                  f"({r['new_claims']:,} new claims, {r['revisions']} revisions, "
                  f"{r['linked']} reprints linked)", flush=True)
            for extra in tmp.glob(work.name + "*"):
                extra.unlink()

        def median(label: str) -> float:
            return statistics.median(r.get(label, 0.0) for r in results)

        claims = median("claims")
        rows = [
            ("Store.write, in all", median("write")),
            ("  figures and their history (replace)", median("replace")),
            ("  reprint link step", median("links")),
            ("  claim building (update_claims)", claims),
            ("    claim keys and claims given (_assign)", median("_assign")),
            ("      incidents joined again (_join_incidents)", median("_join_incidents")),
            ("    claims built again (_rebuild)", median("_rebuild")),
            ("      figures read (_read, in both)", median("_read")),
            ("      claims stored (_store)", median("_store")),
            ("      revisions found (_store_revisions)", median("_store_revisions")),
        ]
        print(f"medians of {args.repeat}:")
        for label, seconds in rows:
            print(f"  {label:<44}{seconds:9.2f} s")
        print(f"claim building for {len(batch):,} documents into {counts['figures']:,} "
              f"figures: {claims:.2f} s (target {TARGET:.0f} s: "
              f"{'within' if claims <= TARGET else 'OVER'})")


if __name__ == "__main__":
    main()
