"""Reprints: copies told apart from updates and other stories (pipeline/reprints.py), linked
in the store to their originals (pipeline/reprint_links.py), and counted once."""

from __future__ import annotations

import csv
import shutil
import tomllib

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard.data import StoreData, View
from extract import extract_figures
from extract.__main__ import read_document
from pipeline.__main__ import main
from pipeline.refresh import refresh
from pipeline.reprints import CONTAINED, contained, is_reprint, signature, story
from pipeline.sources import Source
from pipeline.store import documents, open_store

from .conftest import ROOT

REPRINTS = ROOT / "data" / "reprints"
SAMPLE = ROOT / "data" / "sample"
REPRINTED = REPRINTS / "sample_reprinted"


def read(path) -> tuple:
    doc = read_document(path)
    return signature(doc.text), [(f.category, f.value) for f in extract_figures(
        doc.text, doc.published, doc.publisher, doc.title) if not f.superseded]


def pairs(kind: str) -> list[tuple[str, str]]:
    with open(REPRINTS / "pairs.csv", encoding="utf-8") as f:
        return [(r["a"], r["b"]) for r in csv.DictReader(f) if r["kind"] == kind]


@pytest.mark.parametrize("kind", ["reprint", "update", "same_event", "unrelated_boilerplate"])
def test_the_pair_set_is_called_right(kind):
    # written before the detection ran on it: copies with new headlines, boilerplate and
    # light edits; updates revising a figure; other outlets' own stories; unrelated briefs
    # ending in the same publisher's boilerplate
    found = pairs(kind)
    assert len(found) >= 6
    called = [is_reprint(*read(REPRINTS / "pairs" / b), *read(REPRINTS / "pairs" / a))
              for a, b in found]
    assert called == [kind == "reprint"] * len(found)


def test_boilerplate_added_to_a_short_brief_does_not_hide_the_copy():
    brief = ("Gunmen killed 7 people at a market in Gwoza on Sunday, police in Borno State "
             "said, adding that 3 others were wounded.")
    boilerplate = ("Follow us for more news from the region. Subscribe to our daily newsletter "
                   "to get the headlines in your inbox every morning. Copyright 2026 Lake "
                   "Chad Herald. All rights reserved. Reproduction without permission is "
                   "prohibited.")
    copy = f"(Reporting by our desk) {brief} {boilerplate}"
    assert contained(signature(copy), signature(brief)) >= CONTAINED
    figures = [("killed", 7), ("wounded", 3)]
    assert is_reprint(signature(copy), figures, signature(brief), figures)
    # the same text with a figure of its own is an update, not a copy
    assert not is_reprint(signature(copy), [("killed", 9), ("wounded", 3)], signature(brief), figures)


def reprinted_corpus(tmp_path, kinds=("reprint", "update")):
    """The sample corpus and its reprints (and updates) in one folder; the key's rows."""
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLE, folder)
    with open(REPRINTED / "key.csv", encoding="utf-8") as f:
        key = [r for r in csv.DictReader(f) if r["kind"] in kinds]
    for r in key:
        shutil.copy(REPRINTED / r["file"], folder / r["file"])
    return folder, key


def links(url: str) -> dict[str, str | None]:
    store = open_store(url)
    with store.engine.connect() as conn:
        found = dict(conn.execute(sa.select(documents.c.locator, documents.c.reprint_of)).all())
    store.engine.dispose()
    return {name: (key.split(":", 1)[1] if key else None) for name, key in found.items()}


def test_a_refresh_links_each_reprint_to_its_original_and_no_update(tmp_path):
    folder, key = reprinted_corpus(tmp_path)
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    refresh(open_store(url), [Source("corpus", "folder", path=folder)], progress=False)
    found = links(url)
    for r in key:
        assert found[r["file"]] == (r["original"] if r["kind"] == "reprint" else None), r
    # the sample's own documents copy nothing
    assert all(found[p.name] is None for p in SAMPLE.glob("*.txt"))
    # a refresh that changes nothing changes no link
    refresh(open_store(url), [Source("corpus", "folder", path=folder)], progress=False)
    assert links(url) == found


def test_a_reprint_stored_before_its_original_is_linked_when_the_original_comes(tmp_path):
    folder, key = reprinted_corpus(tmp_path, kinds=("reprint",))
    first = tmp_path / "first"
    first.mkdir()
    for r in key:  # the copies first, on their own
        shutil.move(folder / r["file"], first / r["file"])
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    refresh(open_store(url), [Source("corpus", "folder", path=first)], progress=False)
    for r in key:
        shutil.move(first / r["file"], folder / r["file"])
    refresh(open_store(url), [Source("corpus", "folder", path=folder)], progress=False)
    found = links(url)
    assert {r["file"]: found[r["file"]] for r in key} == {r["file"]: r["original"] for r in key}


def test_reprints_are_counted_once(tmp_path):
    folder, _ = reprinted_corpus(tmp_path, kinds=("reprint",))
    alone, both = (f"sqlite:///{tmp_path / name}" for name in ("alone.sqlite", "both.sqlite"))
    refresh(open_store(alone), [Source("corpus", "folder", path=SAMPLE)], progress=False)
    refresh(open_store(both), [Source("corpus", "folder", path=folder)], progress=False)
    tables = []
    for url in (alone, both):
        data = StoreData(url)
        data.refresh_if_changed()
        tables.append(data.filtered(View()).drop(columns=["figure_id", "doc_key"])
                      .sort_values(["category", "agency", "value", "day"]).reset_index(drop=True))
    assert len(tables[1]) == len(tables[0]) > 50
    columns = ["category", "agency", "value", "scope", "day"]
    assert (tables[0][columns].astype(str).values.tolist()
            == tables[1][columns].astype(str).values.tolist())
    # the export keeps every row, says which copy it is, and leaves copies out of the
    # columns that tools sum
    out = tmp_path / "out.csv"
    assert main(["--store", both, "export", "-o", str(out), "--hxl"]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False).iloc[1:]
    copies = table[table.reprint_of != ""]
    assert len(copies) > 50 and (copies.killed == "").all()
    originals = set(table[table.reprint_of == ""].url)
    assert set(copies.reprint_of) <= originals


def test_the_boilerplate_cues_are_lower_case_phrases_each_once():
    with open(ROOT / "pipeline" / "data" / "boilerplate.toml", "rb") as f:
        table = tomllib.load(f)
    cues = table["cues"]
    assert isinstance(table["longest"], int) and table["longest"] > 20
    assert len(set(cues)) == len(cues) and all(c == c.strip().lower() and c for c in cues)
    # a cue never matches the words of an ordinary casualty sentence
    ordinary = "At least 12 people were killed and 30 wounded in Gwoza, police said on Monday."
    assert story(ordinary) == ordinary
    assert story(f"{ordinary}\n\nSubscribe to our newsletter.") == ordinary


def test_a_story_carried_by_twenty_outlets_is_one_original_and_twenty_copies(tmp_path):
    story = ("Heavy rain caused the Shabelle river to burst its banks near Beledweyne on "
             "Sunday. At least 31 people were killed and 4,000 people were displaced, the "
             "regional disaster agency said. Aid agencies said roads to the town were cut.\n\n"
             "Officials said the water was still rising on Monday and asked residents to "
             "move to higher ground.")
    folder = tmp_path / "outlets"
    folder.mkdir()
    (folder / "original.txt").write_text(
        "---\ntitle: Floods in Beledweyne\npublisher: Horn Wire\npublished: 2026-05-04\n---\n"
        + story + "\n", encoding="utf-8")
    for i in range(20):
        (folder / f"copy{i:02d}.txt").write_text(
            f"---\ntitle: Beledweyne floods kill 31 ({i})\npublisher: Outlet {i}\n"
            f"published: 2026-05-0{4 + i % 2}\n---\nThis article was originally published by "
            f"Horn Wire.\n\n{story}\n\nFollow Outlet {i} on Telegram.\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    refresh(open_store(url), [Source("outlets", "folder", path=folder)], progress=False)
    found = links(url)
    assert found.pop("original.txt") is None
    assert found == {f"copy{i:02d}.txt": "original.txt" for i in range(20)}


def test_a_long_text_is_signed_in_parts_with_the_same_result(monkeypatch):
    # untrusted text of any length is hashed CHUNK shingles at a time (bounded memory)
    from pipeline import reprints

    chunk = reprints.CHUNK
    text = " ".join(f"word{i} and {i} more" for i in range(3 * chunk))
    parts = signature(text)
    monkeypatch.setattr(reprints, "CHUNK", 10 ** 9)
    whole = signature(text)
    assert parts.size == whole.size > 3 * chunk
    assert (parts.minhash == whole.minhash).all()
