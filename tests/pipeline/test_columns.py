"""Schema version 2: figures carry carrier, superseded and times_stated, documents their
language. A store of version 1 is upgraded in place and keeps every row; the new columns
reach the export; documents not in English are said so in the refresh log and `status`."""

import datetime as dt
import logging

import pandas as pd
import pytest
import sqlalchemy as sa

from extract import COLUMNS
from pipeline.__main__ import main
from pipeline.export import load_figures
from pipeline.refresh import reextract, refresh
from pipeline.sources import Source
from pipeline.store import SCHEMA_VERSION, documents, figures, metadata, open_store

from ..rows import a_figure
from .conftest import postgres_url

NEW_FIGURE_COLUMNS = {"carrier", "superseded", "times_stated"}
ENGLISH = ("Police said 40 protesters were arrested in Besk on Monday. Shops stayed shut. "
           "Police said 40 protesters were arrested in Besk on Monday.")
FRENCH = ("Au moins douze personnes ont été tuées mardi dans une attaque contre un marché de "
          "la ville, selon les autorités locales, qui ont aussi fait état de plusieurs blessés.")
PG = postgres_url()


def version_1_metadata() -> sa.MetaData:
    """The tables as schema version 1 had them: today's, without version 2's columns."""
    old = sa.MetaData()
    for table in metadata.sorted_tables:
        keep = [c._copy() for c in table.columns  # (Column.copy, without its deprecation)
                if not (table.name == "figures" and c.name in NEW_FIGURE_COLUMNS)
                and not (table.name == "documents" and c.name == "language")]
        sa.Table(table.name, old, *keep)
    return old


def make_version_1_store(url: str) -> None:
    """A store as version 1 of the program left it: two documents and three figures (the
    English one states its figure twice, as two rows)."""
    engine = sa.create_engine(url)
    old = version_1_metadata()
    with engine.begin() as conn:
        old.drop_all(conn)
        old.create_all(conn)
        conn.execute(old.tables["meta"].insert().values(key="schema_version", value="1"))
        now = dt.datetime(2026, 3, 9, 12, 0)
        for key, text in (("local:en.txt", ENGLISH), ("local:fr.txt", FRENCH)):
            conn.execute(old.tables["documents"].insert().values(
                key=key, doc_id=key[-6:], source="local", locator=key[6:], url="", title="",
                publisher="Desk", published=dt.date(2026, 3, 9), fetched_at=now,
                content_hash=key, text=text))
        row = dict(category="detained", value=40, low=40, high=40, qualifier="exact",
                   number_text="40", subject="protesters", subset=False, agency="Police",
                   agency_text="Police", attribution="said", report_date=dt.date(2026, 3, 9),
                   period="", period_start=None, period_end=None, location="Besk",
                   sentence="Police said 40 protesters were arrested in Besk on Monday.")
        conn.execute(old.tables["figures"].insert(), [
            dict(row, doc_key="local:en.txt", figure_id="a" * 16, start=12, end=14),
            dict(row, doc_key="local:en.txt", figure_id="b" * 16, start=94, end=96),
            dict(row, doc_key="local:fr.txt", figure_id="c" * 16, start=9, end=15,
                 category="killed", value=12, low=12, high=12, number_text="douze"),
        ])
    engine.dispose()


def postgres_schema_url(schema: str) -> str:
    """The test PostgreSQL URL in a schema of its own, created empty."""
    engine = sa.create_engine(PG)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engine.dispose()
    return f"{PG}{'&' if '?' in PG else '?'}options=-csearch_path%3D{schema}"


STORES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    PG is None, reason="no PostgreSQL server (scripts/start-postgres.sh)"))]


@pytest.fixture(params=STORES)
def old_store(request, tmp_path):
    """The URL of a version 1 store, in SQLite or in PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    else:
        url = postgres_schema_url("columns_v1_upgrade")
    make_version_1_store(url)
    return url


def test_a_version_1_store_is_upgraded_in_place_keeping_its_rows(old_store, tmp_path):
    store = open_store(old_store)
    assert store.schema_version() == SCHEMA_VERSION == 2
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(figures).order_by(figures.c.figure_id)).mappings().all()
        languages = dict(conn.execute(sa.select(documents.c.key, documents.c.language)).all())
    assert [r["figure_id"] for r in stored] == ["a" * 16, "b" * 16, "c" * 16]
    assert [(r["value"], r["location"], r["agency"]) for r in stored] == [
        (40, "Besk", "Police"), (40, "Besk", "Police"), (12, "Besk", "Police")]
    assert all((r["carrier"], r["superseded"], r["times_stated"]) == ("", False, 1) for r in stored)
    assert languages == {"local:en.txt": "en", "local:fr.txt": "fr"}
    frame = load_figures(store)
    assert list(frame.columns) == COLUMNS and len(frame) == 3
    assert list(frame.times_stated) == [1, 1, 1] and not frame.superseded.any()
    out = tmp_path / "old.csv"
    assert main(["--store", old_store, "export", "-o", str(out)]) == 0
    assert len(pd.read_csv(out)) == 3
    # opening again changes nothing; re-extracting applies version 2's rules
    assert open_store(old_store).schema_version() == 2
    assert reextract(store, progress=False) == (2, 1)
    (row,) = load_figures(store).itertuples()
    assert (row.value, row.times_stated, row.start) == (40, 2, ENGLISH.index("40"))
    store.engine.dispose()


def test_a_new_store_has_the_new_columns_with_their_defaults(sqlite_url):
    store = open_store(sqlite_url)
    columns = {c["name"]: c for c in sa.inspect(store.engine).get_columns("figures")}
    assert NEW_FIGURE_COLUMNS <= set(columns)
    assert not any(columns[c]["nullable"] for c in NEW_FIGURE_COLUMNS)
    doc_columns = {c["name"] for c in sa.inspect(store.engine).get_columns("documents")}
    assert "language" in doc_columns


def folder_with_languages(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "en.txt").write_text(ENGLISH)
    (folder / "fr.txt").write_text(FRENCH)
    (folder / "ar.txt").write_text("قتل ما لا يقل عن عشرة أشخاص في هجوم على سوق في المدينة، "
                                   "حسب ما قالت السلطات المحلية يوم الاثنين.")
    (folder / "list.md").write_text("# Casualties\n\n- Killed: 12\n- Injured: 30\n")
    return folder


def test_refresh_says_which_documents_are_not_in_english(tmp_path, sqlite_url, caplog):
    store = open_store(sqlite_url)
    with caplog.at_level(logging.INFO, logger="pipeline"):
        run = refresh(store, [Source("local", "folder", path=folder_with_languages(tmp_path))],
                      progress=False)
    assert run.status == "ok"
    lines = [r.getMessage() for r in caplog.records if "English" in r.getMessage()]
    assert sorted(lines) == [
        "local: ar.txt is in Arabic (ar): no figures, since the extractor reads English only",
        "local: fr.txt is in French (fr): no figures, since the extractor reads English only",
    ]
    with store.engine.connect() as conn:
        languages = dict(conn.execute(sa.select(documents.c.locator, documents.c.language)).all())
    assert languages == {"en.txt": "en", "fr.txt": "fr", "ar.txt": "ar", "list.md": "en"}
    assert store.languages() == [("local", "ar", 1), ("local", "fr", 1)]
    (merged,) = [f for f in load_figures(store).itertuples() if f.category == "detained"]
    assert merged.times_stated == 2


def test_status_counts_documents_not_in_english_per_source(tmp_path, sqlite_url, capsys):
    folder = folder_with_languages(tmp_path)
    assert main(["--store", sqlite_url, "refresh", "--sources", str(sources_file(tmp_path, folder))]) == 0
    capsys.readouterr()
    assert main(["--store", sqlite_url, "status"]) == 0
    out = capsys.readouterr().out
    assert "documents not in English" in out
    (line,) = [x for x in out.splitlines() if x.startswith("local ") and "French" in x]
    assert line.split()[1] == "2" and "Arabic (ar) 1" in line and "French (fr) 1" in line


def test_status_of_an_english_store_says_nothing_of_languages(tmp_path, sqlite_url, capsys):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "en.txt").write_text(ENGLISH)
    assert main(["--store", sqlite_url, "refresh", "--sources", str(sources_file(tmp_path, folder))]) == 0
    capsys.readouterr()
    assert main(["--store", sqlite_url, "status"]) == 0
    assert "not in English" not in capsys.readouterr().out


def sources_file(tmp_path, folder):
    path = tmp_path / "sources.toml"
    path.write_text(f'[[source]]\nname = "local"\nkind = "folder"\npath = "{folder}"\n')
    return path


def figure(figure_id, value, **kwargs):
    fields = dict(category="detained", agency="Ministry of Interior",
                  agency_text="the interior ministry",
                  sentence="The number arrested has gone up from 682 to 1,376.", end=3)
    return a_figure(figure_id, value, **{**fields, **kwargs})


@pytest.fixture
def chained_store(sqlite_url):
    """A store holding an old value and its new one, relayed by a wire service, the new
    one stated twice."""
    store = open_store(sqlite_url)
    doc = dict(key="w:a", doc_id="d" * 16, source="w", locator="a", url="https://example.org/a",
               title="T", publisher="Wire", published=dt.date(2026, 3, 9),
               fetched_at=dt.datetime(2026, 3, 9), content_hash="h", text="...", language="en")
    with store.batch() as conn:
        store.replace_document(conn, doc, [
            figure("1" * 16, 682, superseded=True, carrier="Reuters"),
            figure("2" * 16, 1376, start=4, end=9, carrier="Reuters", times_stated=2),
        ])
    return sqlite_url


def test_export_carries_the_new_columns(chained_store, tmp_path):
    out = tmp_path / "f.csv"
    assert main(["--store", chained_store, "export", "-o", str(out)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table.columns) == COLUMNS
    assert table[["value", "superseded", "carrier", "times_stated"]].values.tolist() == [
        ["682", "True", "Reuters", "1"], ["1376", "False", "Reuters", "2"]]
    parquet = tmp_path / "f.parquet"
    assert main(["--store", chained_store, "export", "-o", str(parquet), "--format", "parquet"]) == 0
    frame = pd.read_parquet(parquet)
    assert list(frame.superseded) == [True, False] and list(frame.times_stated) == [1, 2]


@pytest.mark.parametrize("workers", [1, 2])
def test_hxl_category_columns_leave_superseded_values_out(chained_store, tmp_path, monkeypatch,
                                                          workers):
    import pipeline.export as export

    monkeypatch.setattr(export, "PARALLEL_FROM", 0)
    out = tmp_path / "hxl.csv"
    export.export_csv(open_store(chained_store), out, hxl=True, workers=workers)
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    tags = table.iloc[0]
    assert (tags["carrier"], tags["superseded"], tags["times_stated"]) == (
        "#org+carrier", "#meta+superseded", "#meta+times_stated")
    rows = table.iloc[1:].sort_values("start")
    assert rows["detained"].tolist() == ["", "1376"]  # what HDX tools sum
    # the dashboard's download writes the same
    buffer = tmp_path / "download.csv"
    export.write_csv(load_figures(open_store(chained_store)), buffer, hxl=True)
    again = pd.read_csv(buffer, dtype=str, keep_default_na=False).iloc[1:]
    assert again["detained"].tolist() == ["", "1376"]


def test_the_log_line_of_a_document_not_in_english():
    from extract.language import not_english

    assert not_english("a.txt", "en", 0) is None and not_english("a.txt", "und", 0) is None
    assert not_english("fr.txt", "fr", 2) == (
        "fr.txt is in French (fr): the extractor reads English only, so check the 2 figure(s) "
        "it found")
