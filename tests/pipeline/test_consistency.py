"""A refresh killed at any moment leaves a consistent store, a rerun finishes the work
without duplicates, and a reader in another process never sees half a document."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import documents, figures, open_store

from ..processes import started
from .conftest import ROOT

SAMPLE = ROOT / "data" / "sample"


def make_corpus(folder: Path, copies: int) -> int:
    """Copies of the sample text documents, each with its numbers shifted."""
    folder.mkdir()
    originals = sorted(SAMPLE.glob("*.txt"))
    n = 0
    for k in range(copies):
        for path in originals:
            text = path.read_text("utf-8").replace("2026-0", f"20{26 + k % 3}-0")
            text += f"\n\nIn a separate incident, {k + 3} people were killed in village {k}.\n"
            (folder / f"{k:03d}_{path.name}").write_text(text, encoding="utf-8")
            n += 1
    return n


def figure_keys(url):
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        keys = set(conn.execute(sa.select(figures.c.doc_key, figures.c.figure_id)).all())
        total = conn.execute(sa.select(sa.func.count()).select_from(figures)).scalar_one()
    engine.dispose()
    return keys, total


def sources_file(tmp_path, folder):
    path = tmp_path / "sources.toml"
    path.write_text(f'[[source]]\nname = "bulk"\nkind = "folder"\npath = "{folder}"\n')
    return path


def run_refresh(store_url, sources, batch=10):
    """The refresh command, killed on leaving the `with` block if it is still running."""
    return started(
        [sys.executable, "-m", "pipeline", "--store", store_url, "refresh", "--sources",
         str(sources), "--batch-size", str(batch)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def stored_documents(url):
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar_one()
    except sa.exc.OperationalError:
        return 0
    finally:
        engine.dispose()


def test_refresh_killed_midway_then_rerun(tmp_path):
    folder = tmp_path / "docs"
    total = make_corpus(folder, 12)
    clean = f"sqlite:///{tmp_path / 'clean.sqlite'}"
    refresh(open_store(clean), [Source("bulk", "folder", path=folder)], progress=False)
    expected, _ = figure_keys(clean)

    killed = f"sqlite:///{tmp_path / 'killed.sqlite'}"
    sources = sources_file(tmp_path, folder)
    with run_refresh(killed, sources) as proc:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and stored_documents(killed) < total // 4:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    partial = stored_documents(killed)
    assert 0 < partial < total, "the refresh was not stopped midway"
    partial_keys, _ = figure_keys(killed)
    assert partial_keys <= expected  # what is there is whole and right

    with run_refresh(killed, sources) as again:
        assert again.wait(timeout=120) == 0
    keys, count = figure_keys(killed)
    assert keys == expected and count == len(expected)  # no duplicates, nothing missing
    assert stored_documents(killed) == total


READER = r"""
import sys, time, sqlalchemy as sa
from pipeline.store import documents, figures, open_store
url, expected_file = sys.argv[1], sys.argv[2]
expected = dict(line.rsplit(" ", 1) for line in open(expected_file).read().splitlines())
engine = open_store(url).engine
reads = 0
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    with engine.connect() as conn:
        with conn.begin():
            docs = conn.execute(sa.select(documents.c.key)).scalars().all()
            counts = dict(conn.execute(sa.select(figures.c.doc_key, sa.func.count())
                                       .group_by(figures.c.doc_key)).all())
    for key in docs:
        if counts.get(key, 0) != int(expected[key]):
            print("inconsistent", key, counts.get(key, 0), expected[key])
            sys.exit(1)
    if set(counts) - set(docs):
        print("orphan figures")
        sys.exit(1)
    reads += 1
    if len(docs) == len(expected):
        break
print("ok", reads)
"""


def test_reader_sees_consistent_data_while_a_refresh_writes(tmp_path):
    folder = tmp_path / "docs"
    make_corpus(folder, 8)
    clean = f"sqlite:///{tmp_path / 'clean.sqlite'}"
    refresh(open_store(clean), [Source("bulk", "folder", path=folder)], progress=False)
    engine = sa.create_engine(clean)
    with engine.connect() as conn:
        counts = dict(conn.execute(sa.select(documents.c.key, sa.func.count(figures.c.figure_id))
                                   .outerjoin(figures, figures.c.doc_key == documents.c.key)
                                   .group_by(documents.c.key)).all())
    engine.dispose()
    expected = tmp_path / "expected.txt"
    expected.write_text("\n".join(f"{k} {v}" for k, v in counts.items()))

    live = f"sqlite:///{tmp_path / 'live.sqlite'}"
    open_store(live)  # create the schema before the reader starts
    with run_refresh(live, sources_file(tmp_path, folder), batch=5) as writer:
        reader = subprocess.run([sys.executable, "-c", READER, live, str(expected)], cwd=ROOT,
                                capture_output=True, text=True, timeout=90)
        assert writer.wait(timeout=90) == 0
    assert reader.returncode == 0, reader.stdout + reader.stderr
    assert reader.stdout.startswith("ok") and int(reader.stdout.split()[1]) > 1
