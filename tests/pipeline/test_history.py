"""Claims, revisions and history in the store (pipeline/history.py, claim_updates.py,
changes.py, alerts.py): every claim counted once, revisions kept with both values, new
versions and withdrawn documents kept, corrections that survive, and exports as of any
earlier time."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import shutil
import time

import pandas as pd
import pytest
import sqlalchemy as sa

from extract.source_groups import grouped_agency
from pipeline.__main__ import main
from pipeline.alerts import AlertError, AlertRule, load_alerts
from pipeline.changes import changes
from pipeline.export import load_claims, load_figures
from pipeline.refresh import reextract, refresh
from pipeline.sources import Source
from pipeline.store import (
    claims,
    corrections,
    document_history,
    documents,
    figure_history,
    figures,
    open_store,
    revisions,
)

from .conftest import ROOT, article
from .test_columns import STORES, postgres_schema_url

SAMPLE = ROOT / "data" / "sample"
REPRINTED = ROOT / "data" / "reprints" / "sample_reprinted"


@pytest.fixture(params=STORES)
def url(request, tmp_path) -> str:
    """An empty store's URL, SQLite or PostgreSQL (a schema named after the test)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return postgres_schema_url(f"history_{request.node.originalname}"[:63])


def key(name: str) -> list[dict]:
    with open(REPRINTED / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def corpus(tmp_path):
    """The sample corpus with its reprints by three other publishers, in a folder, and the
    folder source reading it."""
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLE, folder)
    for row in key("key.csv"):
        if row["kind"] == "reprint":
            shutil.copy(REPRINTED / row["file"], folder / row["file"])
    return folder, [Source("corpus", "folder", path=folder)]


def new_versions(folder) -> None:
    """Put each later version in place of the document it updates, at its own path."""
    for row in key("key.csv"):
        if row["kind"] == "update":
            shutil.copy(REPRINTED / row["file"], folder / row["original"])


def table(url: str, name: sa.Table) -> list[tuple]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = sorted(tuple(map(str, r)) for r in conn.execute(sa.select(name)))
    engine.dispose()
    return rows


def tick() -> dt.datetime:
    """A time strictly between the writes before and after it (the store keeps seconds)."""
    time.sleep(1.1)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    time.sleep(1.1)
    return now


def csv_rows(path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return [rows[0], *sorted(rows[1:])]


def test_reprints_make_no_claims_and_revised_versions_make_revisions(tmp_path, url):
    folder, sources = corpus(tmp_path)
    store = open_store(url)
    first = refresh(store, sources, progress=False)
    assert first.new_claims > 50
    # every figure of a copy belongs to a claim of its original's: copies add documents
    frame = pd.read_sql(sa.select(figures.c.doc_key, figures.c.claim_id, documents.c.reprint_of)
                        .join(documents, documents.c.key == figures.c.doc_key)
                        .where(figures.c.claim_id.is_not(None)), store.engine)
    copies = frame[frame.reprint_of.notna()]
    assert len(copies) > 50
    original_claims = {(d, c) for d, c in zip(frame.doc_key, frame.claim_id, strict=True)}
    assert all((r, c) in original_claims for r, c in zip(copies.reprint_of, copies.claim_id,
                                                        strict=True))
    stated = load_claims(store)
    carried = stated[stated.documents == 4]  # an original and its three copies
    assert len(carried) > 20 and (carried.independent_publishers == 1).all()
    before = {name: table(url, t) for name, t in (("claims", claims), ("figures", figures))}

    # a refresh that finds nothing new changes no claim and writes no history
    again = refresh(open_store(url), sources, progress=False)
    assert (again.new_claims, again.revisions) == (0, [])
    assert {name: table(url, t) for name, t in (("claims", claims), ("figures", figures))} \
        == before
    assert table(url, figure_history) == []

    # later versions of five documents, at their own paths, revise their figures
    new_versions(folder)
    run = refresh(open_store(url), sources, progress=False)
    assert run.documents_changed == 5
    found = {(r["category"], r["agency"], r["old_value"], r["new_value"]) for r in run.revisions}
    for row in key("revisions.csv"):  # (a generic source as stored: "unnamed: officials")
        assert (row["category"], grouped_agency(row["agency"]), int(row["old_value"]),
                int(row["new_value"])) in found
    stored = pd.read_sql(sa.select(revisions), store.engine)
    assert len(stored) == len(first.revisions) + len(run.revisions)
    assert (stored.old_sentence != "").all() and (stored.new_sentence != "").all()
    # the old versions and their figures are kept as history, not overwritten
    assert len(table(url, document_history)) == 5
    history = pd.read_sql(sa.select(figure_history), store.engine)
    assert set(history.reason) == {"new version"} and len(history) >= 9
    # the old values stay claims: carried by the copies of the first versions, or else
    # kept with no document and the time they were dropped
    old = pd.read_sql(sa.select(claims), store.engine)
    for row in key("revisions.csv"):
        (was,) = old[(old.agency == grouped_agency(row["agency"])) & (old.category == row["category"])
                     & (old.value == int(row["old_value"]))].itertuples()
        assert (was.documents > 0) == pd.isna(was.dropped_at)
    assert (old.documents == 0).sum() >= 1

    # the same extractor reading everything again is no revision and keeps no history
    reextract(open_store(url), progress=False)
    assert len(pd.read_sql(sa.select(revisions), store.engine)) == len(stored)
    assert "re-read" not in set(pd.read_sql(sa.select(figure_history), store.engine).reason)


def test_an_export_as_of_a_time_is_the_export_made_then(tmp_path, url):
    folder, sources = corpus(tmp_path)
    refresh(open_store(url), sources, progress=False)
    then = tick()
    made_then, claims_then = tmp_path / "then.csv", tmp_path / "claims-then.csv"
    assert main(["--store", url, "export", "-o", str(made_then), "--hxl"]) == 0
    assert main(["--store", url, "export", "--claims", "-o", str(claims_then)]) == 0
    # then: new versions, a correction, a document withdrawn, and more copies
    new_versions(folder)
    refresh(open_store(url), sources, progress=False)
    figure_id = load_figures(open_store(url)).query("category == 'killed'").figure_id.iloc[0]
    assert main(["--store", url, "correct", figure_id, "--value", "999",
                 "--reason", "test"]) == 0
    (folder / "2026-03-02_radio-tolvan_breaking-orsel.txt").unlink()
    refresh(open_store(url), sources, progress=False)
    now = tmp_path / "now.csv"
    assert main(["--store", url, "export", "-o", str(now), "--hxl"]) == 0
    assert csv_rows(now) != csv_rows(made_then)
    as_of = tmp_path / "as-of.csv"
    assert main(["--store", url, "export", "--hxl", "--as-of", then.isoformat(),
                 "-o", str(as_of)]) == 0
    assert csv_rows(as_of) == csv_rows(made_then)
    # claims as of then: the claims export made then
    assert main(["--store", url, "export", "--claims", "--as-of", then.isoformat(),
                 "-o", str(as_of)]) == 0
    read = [pd.read_csv(p, dtype=str, keep_default_na=False).sort_values("claim_id")
            .reset_index(drop=True) for p in (as_of, claims_then)]
    pd.testing.assert_frame_equal(read[0], read[1])


def test_a_correction_is_logged_and_survives_refresh_and_reextract(tmp_path, capsys):
    folder, sources = corpus(tmp_path)
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    refresh(open_store(url), sources, progress=False)
    frame = load_figures(open_store(url))
    row = frame[(frame.agency == "mayor of Besk") & (frame.reprint_of == "")].iloc[0]
    assert main(["--store", url, "correct", row.figure_id, "--value", "60",
                 "--reason", "the mayor said sixty", "--by", "desk"]) == 0
    wrong = frame[(frame.category == "wounded") & (frame.reprint_of == "")].iloc[0]
    assert main(["--store", url, "correct", wrong.figure_id, "--wrong",
                 "--reason", "a road count, not wounded"]) == 0
    for step in (lambda: refresh(open_store(url), sources, progress=False),
                 lambda: reextract(open_store(url), progress=False)):
        step()
        now = load_figures(open_store(url)).set_index(["doc_id", "figure_id"])
        fixed = now.loc[(row.doc_id, row.figure_id)]
        assert fixed.value == 60
        assert fixed.correction == f"value {row.value} → 60: the mayor said sixty"
        assert now.loc[(wrong.doc_id, wrong.figure_id)].wrong
    logged = pd.read_sql(sa.select(corrections), open_store(url).engine)
    assert logged[["field", "old", "new", "by"]].values.tolist()[0] == [
        "value", str(row.value), "60", "desk"]
    # the corrected value is the claim; the figure marked wrong makes none
    stated = load_claims(open_store(url))
    assert ((stated.agency == "mayor of Besk") & (stated.value == 60)).any()
    assert pd.isna(pd.read_sql(sa.select(figures.c.claim_id).where(
        figures.c.figure_id == wrong.figure_id), open_store(url).engine).claim_id).all()
    # an HXL export leaves the wrong figure out of the summed columns, and says why
    out = tmp_path / "out.csv"
    assert main(["--store", url, "export", "--hxl", "-o", str(out)]) == 0
    exported = pd.read_csv(out, dtype=str, keep_default_na=False).iloc[1:]
    marked = exported[exported.figure_id == wrong.figure_id].iloc[0]
    assert (marked.wrong, marked.wounded) == ("True", "")
    assert marked.correction == "marked wrong: a road count, not wounded"
    # the changes feed lists both
    capsys.readouterr()
    assert main(["--store", url, "changes", "--kind", "correction"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "marked figure" in lines[0] and "value" in lines[1]
    # no such figure: one clear line
    assert main(["--store", url, "correct", "0" * 16, "--wrong", "--reason", "x"]) == 1


def test_a_document_gone_from_its_folder_is_withdrawn_not_deleted(tmp_path):
    folder, sources = corpus(tmp_path)
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    refresh(open_store(url), sources, progress=False)
    gone = "2026-03-02_radio-tolvan_breaking-orsel.txt"
    text = (folder / gone).read_text(encoding="utf-8")
    before = load_figures(open_store(url))
    then = tick()
    (folder / gone).unlink()
    run = refresh(open_store(url), sources, progress=False)
    assert run.withdrawn == 1
    store = open_store(url)
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(documents.c.withdrawn_at, documents.c.text).where(
            documents.c.locator == gone)).one()
    assert row.withdrawn_at is not None and row.text
    after = load_figures(store)
    assert len(after) < len(before)
    kept = pd.read_sql(sa.select(figure_history), store.engine)
    assert set(kept.reason) == {"withdrawn"} and len(kept) == len(before) - len(after)
    assert [c.kind for c in changes(store, kinds=("withdrawn",))] == ["withdrawn"]
    # it comes back: stored again, no longer withdrawn; the store as it was before it
    # left is still read back whole
    (folder / gone).write_text(text, encoding="utf-8")
    refresh(open_store(url), sources, progress=False)
    assert len(load_figures(open_store(url))) == len(before)
    assert len(load_figures(open_store(url), as_of=then)) == len(before)


def test_changes_are_listed_newest_first(tmp_path, capsys):
    folder, sources = corpus(tmp_path)
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    refresh(open_store(url), sources, progress=False)
    since = tick()
    new_versions(folder)
    refresh(open_store(url), sources, progress=False)
    found = changes(open_store(url), since=since)
    kinds = {c.kind for c in found}
    assert {"revision", "new version", "new claim"} <= kinds
    assert [c.at for c in found] == sorted((c.at for c in found), reverse=True)
    revision = next(c for c in found if c.kind == "revision")
    assert [e.label for e in revision.evidence] == ["before", "after"]
    assert all(e.sentence for e in revision.evidence)
    assert main(["--store", url, "changes", "--since", since.isoformat(), "--kind",
                 "revision", "-v"]) == 0
    out = capsys.readouterr().out
    assert out.count("revision") >= 9 and "before:" in out and "after:" in out
    with pytest.raises(SystemExit):
        main(["--store", url, "changes", "--since", "yesterday"])
    assert "give a time as YYYY-MM-DD" in capsys.readouterr().err


ALERTS = """
[[source]]
name = "docs"
kind = "folder"
path = "docs"

[[alert]]
name = "Besk toll"
place = "Besk"
rise = 10
"""


def toll(day: int, value: int) -> str:
    return (f"---\ntitle: Besk toll\npublisher: Wire\npublished: 2026-03-{day:02d}\n"
            f"url: https://wire.example/besk-{day}\n---\n"
            f"The Health Ministry said on Tuesday that {value} people have been killed in "
            f"Besk since the fighting began.\n")


def test_an_alert_rule_writes_to_the_changes_feed_and_the_log(tmp_path, caplog):
    (tmp_path / "docs").mkdir()
    sources = tmp_path / "sources.toml"
    sources.write_text(ALERTS, encoding="utf-8")
    assert load_alerts(sources) == [AlertRule(name="Besk toll", place="Besk", rise=10)]
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    (tmp_path / "docs" / "a.md").write_text(toll(9, 40), encoding="utf-8")
    assert main(["--store", url, "refresh", "--sources", str(sources)]) == 0
    (tmp_path / "docs" / "b.md").write_text(toll(10, 48), encoding="utf-8")  # +8: no alert
    assert main(["--store", url, "refresh", "--sources", str(sources)]) == 0
    assert changes(open_store(url), kinds=("alert",)) == []
    (tmp_path / "docs" / "c.md").write_text(toll(11, 75), encoding="utf-8")  # +27 in a day
    caplog.clear()
    assert main(["--store", url, "refresh", "--sources", str(sources)]) == 0
    assert "alert Besk toll: Ministry of Health: killed in Besk rose from 48" in caplog.text
    (alert,) = changes(open_store(url), kinds=("alert",))
    assert "to 75" in alert.title and alert.url == "https://wire.example/besk-11"


@pytest.mark.parametrize("rule, reason", [
    ('name = "x"', "give 'rise', 'rise_percent' or both"),
    ('name = "x"\nrise = "ten"', "'rise' must be a number"),
    ('name = "x"\nrise = 5\ncategory = "dead"', "'category' must be one of"),
    ('name = "x"\nrise = 5\nplaces = "Besk"', "unknown key 'places'"),
])
def test_a_bad_alert_rule_is_one_clear_error(tmp_path, rule, reason):
    path = tmp_path / "sources.toml"
    path.write_text(f"[[alert]]\n{rule}\n", encoding="utf-8")
    with pytest.raises(AlertError, match=reason):
        load_alerts(path)


def test_a_page_the_server_says_is_gone_is_withdrawn_and_a_failing_one_is_not(
        server, sqlite_url):
    base, site = server
    site.add("/a", article(1, 12))
    site.add("/b", article(2, 34))
    source = [Source("list", "urls", urls=(f"{base}/a", f"{base}/b"), allow_private=True)]
    refresh(open_store(sqlite_url), source, progress=False)
    site.add("/a", b"gone", status=410)
    site.add("/b", b"busy", status=503)
    run = refresh(open_store(sqlite_url), source, progress=False)
    assert run.withdrawn == 1 and len(run.errors) == 1 and "HTTP 503" in run.errors[0][1]
    store = open_store(sqlite_url)
    with store.engine.connect() as conn:
        withdrawn = dict(conn.execute(sa.select(documents.c.locator, documents.c.withdrawn_at)).all())
    assert withdrawn[f"{base}/a"] is not None and withdrawn[f"{base}/b"] is None
    assert set(load_figures(store).value) == {34}


def test_a_newer_extractor_reading_a_text_otherwise_is_a_re_reading(tmp_path, monkeypatch):
    import pipeline.history as history
    import pipeline.refresh as refresh_module
    from extract import extract_figures

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(toll(11, 75), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    refresh(open_store(url), [Source("docs", "folder", path=docs)], progress=False)
    since = tick()

    def newer(*args, **kwargs):  # a rule that now reads the toll as 76
        return [dataclasses.replace(f, value=76, low=76, high=76)
                for f in extract_figures(*args, **kwargs)]

    monkeypatch.setattr(refresh_module, "extract_figures", newer)
    monkeypatch.setattr(history, "extractor_version", lambda: "newer")
    reextract(open_store(url), progress=False)
    store = open_store(url)
    kept = pd.read_sql(sa.select(figure_history), store.engine)
    assert kept[["reason", "value"]].values.tolist() == [["re-read", 75]]
    assert pd.read_sql(sa.select(figures.c.extractor, figures.c.value), store.engine
                       ).values.tolist() == [["newer", 76]]
    assert pd.read_sql(sa.select(revisions), store.engine).empty
    assert [c.kind for c in changes(store, since=since, kinds=("re-read", "revision"))] == [
        "re-read"]


def test_the_changes_command_prints_what_documents_say_as_text_not_as_terminal_codes(
        tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(toll(11, 75).replace("Besk since", "Besk\x1b[2J since"),
                               encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    refresh(open_store(url), [Source("docs", "folder", path=docs)], progress=False)
    capsys.readouterr()
    assert main(["--store", url, "changes", "-v"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "Besk\\x1b[2J since" in out


@pytest.mark.parametrize("seed", range(6))
def test_incidents_joined_by_each_write_are_those_of_joining_them_all_at_once(tmp_path, seed):
    # the store joins again only the incidents around a write's event days: what it keeps
    # is what joining every incident of the store at once gives
    import random

    from pipeline.claim_updates import _KEYED, _read
    from pipeline.claims import claim_rows

    from ..rows import MOPTI, TRIPOLI, a_document, a_figure

    rng = random.Random(seed)
    docs = []
    for n in range(40):
        day = dt.date(2026, 3, 1) + dt.timedelta(days=rng.choice(
            [0, 1, 2, 3, 5, 6, 8, 9, 10, 14, 15, 16]))
        place = rng.choice([TRIPOLI, MOPTI, {}])
        docs.append((a_document(key=f"w:{n}", doc_id=f"{n:016d}", url=f"https://e.org/{n}",
                                content_hash=str(n), published=day + dt.timedelta(days=1)),
                     [a_figure(f"{n:016d}", 3, doc_id=f"{n:016d}", scope="incident",
                               event_date=day, report_date=day + dt.timedelta(days=1),
                               url=f"https://e.org/{n}", **place)]))
    rng.shuffle(docs)
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    for start in range(0, len(docs), 4):
        store.write(docs[start:start + 4])
    with store.engine.connect() as conn:
        rows = _read(conn, sa.true(), _KEYED)
    stored = {r["doc_key"]: r["stored_id"] for r in rows}
    assert {r["doc_key"]: r["claim"] for r in claim_rows(rows)} == stored
    assert len(set(stored.values())) > 5
