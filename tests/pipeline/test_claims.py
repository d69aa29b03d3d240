"""Claims: one statement of a figure by one agency, however many documents carry it
(pipeline/claims.py), and `export --claims`."""

from __future__ import annotations

import csv
import datetime as dt
import shutil

import pandas as pd
import pytest

from pipeline.__main__ import main
from pipeline.claims import build_claims, claim_rows, is_generic, summarise
from pipeline.export import load_figures
from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import open_store

from .conftest import ROOT

SAMPLE = ROOT / "data" / "sample"
REPRINTED = ROOT / "data" / "reprints" / "sample_reprinted"


def stored(tmp_path, docs: dict[str, str], name: str = "store") -> str:
    """A store refreshed from documents given as {file name: text with front matter}."""
    folder = tmp_path / f"{name}-docs"
    folder.mkdir()
    for file, text in docs.items():
        (folder / file).write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / name}.sqlite"
    refresh(open_store(url), [Source("docs", "folder", path=folder)], progress=False)
    return url


def doc(publisher: str, published: str, body: str) -> str:
    return f"---\ntitle: A report\npublisher: {publisher}\npublished: {published}\n---\n{body}\n"


def claims_of(url: str) -> pd.DataFrame:
    return build_claims(load_figures(open_store(url)))


def test_reprints_add_documents_to_claims_never_claims(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLE, folder)
    with open(REPRINTED / "key.csv", encoding="utf-8") as f:
        copies = [r for r in csv.DictReader(f) if r["kind"] == "reprint"]
    for r in copies:
        shutil.copy(REPRINTED / r["file"], folder / r["file"])
    alone, both = (f"sqlite:///{tmp_path / n}.sqlite" for n in ("alone", "both"))
    refresh(open_store(alone), [Source("c", "folder", path=SAMPLE)], progress=False)
    refresh(open_store(both), [Source("c", "folder", path=folder)], progress=False)
    before, after = claims_of(alone), claims_of(both)
    assert sorted(before.claim_id) == sorted(after.claim_id) and len(before) > 100
    # a claim of a reprinted document: its original and three copies, one independent source
    carried = after[after.documents == 4]
    assert len(carried) >= 12 and (carried.independent_publishers == 1).all()
    assert after.documents.sum() == len(load_figures(open_store(both)).query("~superseded & ~subset"))


def test_two_outlets_quoting_one_statement_make_one_claim_with_two_publishers(tmp_path):
    url = stored(tmp_path, {
        "a.txt": doc("Horn Wire", "2026-05-04", "At least 42 people were killed in floods in "
                     "Beledweyne, the Ministry of Health said on Monday."),
        "b.txt": doc("Shabelle Radio", "2026-05-05", "The Ministry of Health said on Monday "
                     "that at least 42 people had been killed in floods in Beledweyne, where "
                     "rescuers are still searching the river banks."),
    })
    claims = claims_of(url)
    (claim,) = claims[claims.value == 42].itertuples()
    assert (claim.documents, claim.independent_publishers) == (2, 2)
    assert claim.publishers == "Horn Wire; Shabelle Radio"


def test_an_incident_reported_on_two_days_from_its_town_and_its_region_is_one_claim(tmp_path):
    url = stored(tmp_path, {
        "a.txt": doc("Wire", "2026-05-04", "Gunmen killed 9 villagers in Gwoza, Borno State, "
                     "on Sunday, police said."),
        "b.txt": doc("Daily", "2026-05-05", "Police said gunmen killed 9 villagers in Borno "
                     "State on Sunday."),
        "c.txt": doc("Daily", "2026-05-05", "Police said gunmen killed 9 villagers in Kano "
                     "State on Sunday."),
    })
    claims = claims_of(url)
    nine = claims[(claims.value == 9) & (claims.category == "killed")]
    assert sorted(nine.documents) == [1, 2]
    assert set(nine.admin1_code) == {"NG-BO", "NG-KN"}


def test_unnamed_sources_are_generic():
    assert is_generic("officials") and is_generic("local sources") and is_generic("")
    assert is_generic("unnamed: officials") and is_generic("unnamed: police")  # (extract/source_groups.py)
    assert not is_generic("Ministry of Health") and not is_generic("OCHA")


@pytest.mark.parametrize("form", ["csv", "parquet"])
def test_export_claims_writes_one_row_per_claim(tmp_path, form):
    url = stored(tmp_path, {
        "a.txt": doc("Horn Wire", "2026-05-04", "At least 42 people were killed in floods in "
                     "Beledweyne, the Ministry of Health said on Monday."),
        "b.txt": doc("Shabelle Radio", "2026-05-05", "The Ministry of Health said on Monday "
                     "that at least 42 people had been killed in floods in Beledweyne."),
    })
    out = tmp_path / f"claims.{form}"
    args = ["--store", url, "export", "--claims", "-o", str(out)]
    assert main([*args, "--hxl"] if form == "csv" else [*args, "--format", "parquet"]) == 0
    if form == "csv":
        table = pd.read_csv(out, dtype=str, keep_default_na=False)
        tags, table = table.iloc[0], table.iloc[1:]
        assert (tags.documents, tags.independent_publishers) == (
            "#meta+documents", "#meta+independent_publishers")
    else:
        table = pd.read_parquet(out).astype(str)
    assert table.claim_id.is_unique
    (row,) = table[table.value == "42"].itertuples()
    assert (row.documents, row.independent_publishers, row.agency) == ("2", "2", "Ministry of Health")


def figure_row(url: str, value: int, **fields) -> dict:
    """A row as the store gives it to the claims: the ministry's incident of 1 March in
    Orsel, in a document of its own."""
    return {"doc_key": url, "origin": url, "url": url, "reprint_of": "", "category": "killed",
            "scope": "incident", "value": value, "low": value, "high": value,
            "qualifier": "exact", "agency": "Ministry of Health",
            "report_date": dt.date(2026, 3, 2), "published": dt.date(2026, 3, 2),
            "event_date": dt.date(2026, 3, 1), "period_start": None, "period_end": None,
            "place": "Orsel", "place_name": "Orsel", "admin1_code": "", "country_code": "",
            "geo_precision": None, "superseded": False, "subset": False, "wrong": False,
            "publisher": "Wire", "start": 0} | fields


def claim_of(rows: list[dict]) -> dict[str, str]:
    return {r["url"]: r["claim"] for r in claim_rows(rows)}


def test_an_incident_elsewhere_the_same_day_does_not_split_one_incident():
    orsel = figure_row("a", 3)
    next_day = figure_row("c", 3, event_date=dt.date(2026, 3, 2))
    mirna = figure_row("b", 3, place="Mirna", place_name="Mirna")
    alone = claim_of([orsel, next_day])
    assert alone["a"] == alone["c"]
    together = claim_of([orsel, next_day, mirna])
    assert together["a"] == together["c"] != together["b"]


def test_a_copy_of_a_figure_marked_wrong_in_its_original_makes_no_claim():
    original = figure_row("a", 1200, wrong=True)
    copy = figure_row("b", 1200, reprint_of="a", origin="a", publisher="Herald")
    assert claim_of([original, copy]) == {}
    unmarked = claim_of([dict(original, wrong=False), copy])
    assert unmarked["a"] == unmarked["b"]


def test_documents_are_counted_by_their_key_not_their_url():
    # two records of one JSON Lines file, with no url of their own, share the file's
    rows = [figure_row("file.jsonl", 12, doc_key="file.jsonl#1", origin="file.jsonl#1"),
            figure_row("file.jsonl", 12, doc_key="file.jsonl#2", origin="file.jsonl#2",
                       publisher="Desk")]
    (claim,) = summarise(claim_rows(rows))
    assert claim["documents"] == 2
