"""What issue 15 costs a refresh: N documents of which 30% reprint another (another
publisher, a new headline, boilerplate lines), refreshed into a fresh SQLite store by
today's code (history, reprint links, claims and revisions in the transaction of every
write) and by the code as it was before issue 15 began (the baseline). Target: at most
25% more.

    python benchmarks/claims_speed.py [--documents 10000] [--repeat 3] [--baseline REF]

The baseline is the old code itself: REF (by default the parent of the first "Reprints"
commit, schema version 4) is unpacked with `git archive` into a temporary folder (no
worktree is registered, nothing in the repository changes) and each refresh runs in a
fresh Python process with its own code on PYTHONPATH: the same worker code, corpus,
interpreter and packages for both. The extractor is the same in both (extract/ did not
change), so the difference is the store's work. Runs alternate (baseline, new, ...) and
the medians are compared (the machine is shared). The new refresh's time is broken down
by timing the functions the refresh calls: extraction (clean_document, extract_figures,
detect_language), and within the store's write the replacement with its history, the
link step and the claims update (its claim keys, rebuilt claims and revisions).

The originals are benchmarks/refresh_speed.py's (the sample corpus with names and numbers
varied), each keeping a random two thirds of its sentences and stating a figure of its
own; each reprint copies a random original and names its publisher, as carried copies
do. Also checks that every reprint was linked to its original, and no other document.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import regex
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.refresh_speed import make_corpus  # noqa: E402
from pipeline.store import documents, open_store  # noqa: E402

CARRIERS = ["Coast Express", "Regional Monitor", "Northline Digest", "Valley Voice"]
SHARE = 0.3
# the last commit before the reprint work began (the parent of de73ab2 "Reprints: ...")
BASELINE = "01a6c78"

# Run in a fresh process with one tree's code on PYTHONPATH: refresh a folder into a new
# store, timing the functions the refresh calls where that code has them. Prints JSON.
WORKER = r"""
import json, sys, time
from pathlib import Path
from collections import defaultdict
import pipeline.refresh as refresh_module
from pipeline.sources import Source
from pipeline.store import Store, open_store
import sqlalchemy as sa

folder, url = Path(sys.argv[1]), sys.argv[2]
spent = defaultdict(float)

def timed(name, fn):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start
    return wrapper

for name in ("clean_document", "extract_figures", "detect_language"):
    setattr(refresh_module, name, timed("extraction", getattr(refresh_module, name)))
refresh_module._store = timed("store", refresh_module._store)
for method, name in (("replace_document", "replace"), ("link_reprints", "links"),
                     ("update_claims", "claims")):
    if hasattr(Store, method):
        setattr(Store, method, timed(name, getattr(Store, method)))
try:
    from pipeline import claim_updates, history
except ImportError:
    claim_updates = history = None
if claim_updates is not None:
    history.replace_documents = timed("replace", history.replace_documents)
    for name in ("_assign", "_rebuild", "_store_revisions"):
        setattr(claim_updates, name, timed("claims" + name, getattr(claim_updates, name)))

store = open_store(url)
start = time.perf_counter()
run = refresh_module.refresh(store, [Source("bulk", "folder", path=folder)], progress=False)
took = time.perf_counter() - start
counts = store.counts()
names = set(sa.inspect(store.engine).get_table_names())
store.engine.dispose()
print(json.dumps({"seconds": took, "spent": spent, "status": run.status,
                  "changed": run.documents_changed, "counts": counts,
                  "claims_table": "claims" in names}))
"""


def vary(folder: Path, count: int, seed: int = 5) -> None:
    """Make the originals different stories (refresh_speed's corpus varies only the names
    and numbers of 43 texts, some not at all): each keeps a random two thirds of its
    sentences and states a figure of its own."""
    rng = random.Random(seed)
    for i in range(count):
        path = folder / f"{i:05d}.txt"
        head, sep, body = path.read_text("utf-8").partition("\n---\n")
        sentences = regex.split(r"(?<=[.!?])\s+", body.strip())
        kept = [x for x in sentences if rng.random() < 0.67] or sentences[:2]
        kept.append(f"Police said {20_000 + i:,} people had been detained in the region.")
        path.write_text(head + sep + " ".join(kept) + "\n", encoding="utf-8")


def make_reprints(folder: Path, originals: int, count: int, seed: int = 11) -> dict[str, str]:
    """`count` reprints of random originals in `folder`: {reprint file: original file}."""
    rng = random.Random(seed)
    made = {}
    for i in range(count):
        source = f"{rng.randrange(originals):05d}.txt"
        head, _, body = (folder / source).read_text("utf-8").partition("\n---\n")
        carrier = rng.choice(CARRIERS)
        publisher = next((line.split(":", 1)[1].strip() for line in head.splitlines()
                          if line.startswith("publisher:")), "the wire")
        head = "\n".join(f'title: "{carrier}: {line.split(":", 1)[1].strip().strip(chr(34))}"'
                         if line.startswith("title:") else
                         f"publisher: {carrier}" if line.startswith("publisher:") else
                         f"url: https://{carrier.lower().replace(' ', '')}.example/{i}"
                         if line.startswith("url:") else line for line in head.splitlines())
        text = (f"{head}\n---\nThis article was originally published by {publisher}.\n\n"
                f"{body.strip()}\n\nFollow {carrier} on Telegram for live updates.\n")
        name = f"r{i:05d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        made[name] = source
    return made


def unpack(ref: str, into: Path) -> str:
    """The tree of a commit, unpacked into a folder (git archive: the repository is only
    read); the commit's full id."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", f"{ref}^{{commit}}"],
                            check=True, capture_output=True, text=True).stdout.strip()
    into.mkdir()
    archive = into.with_suffix(".tar")
    with open(archive, "wb") as out:
        subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True, stdout=out)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    archive.unlink()
    return commit


def run_worker(tree: Path, folder: Path, store: Path) -> dict:
    """One refresh of `folder` into a new store at `store`, by the code in `tree`."""
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONHASHSEED="0")
    done = subprocess.run([sys.executable, "-c", WORKER, str(folder), f"sqlite:///{store}"],
                          cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"the refresh by {tree} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[6:]))
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3,
                        help="refreshes by each code, alternately (default 3); medians compared")
    parser.add_argument("--baseline", default=BASELINE,
                        help=f"the commit to compare with (default {BASELINE}, the last before "
                             f"the reprint work began)")
    args = parser.parse_args()
    reprints = int(args.documents * SHARE)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        commit = unpack(args.baseline, tmp / "baseline")
        folder = tmp / "docs"
        folder.mkdir()
        make_corpus(folder, args.documents - reprints)
        vary(folder, args.documents - reprints)
        made = make_reprints(folder, args.documents - reprints, reprints)
        print(f"corpus: {args.documents} documents, {reprints} of them reprints")
        print(f"baseline: {commit[:10]} (before issue 15); new: this tree ({ROOT})")
        runs: dict[str, list[dict]] = {"baseline": [], "new": []}
        for run in range(args.repeat):
            for name, tree in (("baseline", tmp / "baseline"), ("new", ROOT)):
                store = tmp / f"{name}{run}.sqlite"
                result = run_worker(tree, folder, store)
                runs[name].append(result)
                print(f"  run {run + 1} {name:<8} {result['seconds']:8.2f} s  "
                      f"({result['counts']['documents']} documents, "
                      f"{result['counts']['figures']} figure rows, {result['status']})",
                      flush=True)
                if run < args.repeat - 1 or name == "baseline":
                    store.unlink()
                    for extra in store.parent.glob(store.name + "*"):
                        extra.unlink()
        base = statistics.median(r["seconds"] for r in runs["baseline"])
        new = statistics.median(r["seconds"] for r in runs["new"])
        print(f"refresh before issue 15 (baseline)        {base:8.2f} s  (median of "
              f"{args.repeat})")
        print(f"refresh with history, links and claims    {new:8.2f} s  (median of "
              f"{args.repeat})")
        print(f"cost: {new / base - 1:+.1%} (target at most +25%)")

        def part(name: str) -> float:
            return statistics.median(r["spent"].get(name, 0.0) for r in runs["new"])

        store_total = part("store")
        parts = [
            ("extraction (clean, extract_figures, language)", part("extraction")),
            ("store: replace with history", part("replace")),
            ("store: reprint link step", part("links")),
            ("store: claims update", part("claims")),
            ("    claim keys and claims given to figures", part("claims_assign")),
            ("    claims rebuilt and stored", part("claims_rebuild") - part(
                "claims_store_revisions")),
            ("    revisions found", part("claims_store_revisions")),
            ("store: the rest (commit, ...)", store_total - part("replace") - part("links")
             - part("claims")),
            ("the rest (reading files, runs, ...)", new - part("extraction") - store_total),
        ]
        print("where the new refresh's time goes (medians):")
        for label, seconds in parts:
            print(f"  {label:<48}{seconds:8.2f} s  {seconds / new:6.1%}")
        print("the baseline's (medians):")
        base_extraction = statistics.median(r["spent"].get("extraction", 0.0)
                                            for r in runs["baseline"])
        base_store = statistics.median(r["spent"].get("store", 0.0) for r in runs["baseline"])
        print(f"  {'extraction (clean, extract_figures, language)':<48}{base_extraction:8.2f} s")
        print(f"  {'store (replace)':<48}{base_store:8.2f} s")
        store = open_store(f"sqlite:///{tmp / f'new{args.repeat - 1}.sqlite'}")
        with store.engine.connect() as conn:
            links = dict(conn.execute(sa.select(documents.c.locator, documents.c.reprint_of)).all())
        store.engine.dispose()
        right = sum((links.get(name) or "").endswith(source) for name, source in made.items())
        others = sum(1 for name, link in links.items() if link and name not in made)
        print(f"reprints linked to their original: {right}/{len(made)}; other documents "
              f"linked: {others}")


if __name__ == "__main__":
    main()
