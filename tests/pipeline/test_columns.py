"""Schema versions 2, 3 and 4. Version 2: figures carry carrier, superseded and
times_stated, documents their language; version 3: figures carry scope, event_date and
event; version 4: the figures' `location` is named `place`, and figures carry where it is
(place_name, admin1, admin1_code, country, country_code, lat, lon, geo_precision). An
older store is upgraded in place and keeps every row; the new columns reach the export;
documents not in English are said so in the refresh log and `status`."""

import datetime as dt
import logging
from dataclasses import replace

import pandas as pd
import pytest
import sqlalchemy as sa

import pipeline.store as store_module
from extract import COLUMNS, extract_figures
from pipeline.__main__ import main
from pipeline.export import load_figures
from pipeline.refresh import reextract, refresh
from pipeline.sources import Source
from pipeline.store import (
    FIGURE_COLUMNS,
    PLACE_COLUMNS,
    SCHEMA_VERSION,
    claims,
    documents,
    figures,
    metadata,
    open_store,
)

from ..rows import MOPTI, TRIPOLI, a_figure
from .conftest import postgres_url

# the columns each schema version added, by table
ADDED = {
    2: {"figures": {"carrier", "superseded", "times_stated"}, "documents": {"language"}},
    3: {"figures": {"scope", "event_date", "event"}},
    4: {"figures": set(PLACE_COLUMNS)},
    5: {"documents": {"reprint_of"}},
    6: {"documents": {"linked_at", "withdrawn_at"},
        "figures": {"extractor", "stored_at", "wrong", "correction", "claim_key", "claim_id"}},
    7: {"figures": {"chart_key", "day"}, "figure_history": {"day"}},
}
# the tables each schema version added
ADDED_TABLES = {5: {"document_signatures", "document_bands"},
                6: {"figure_history", "document_history", "link_history", "corrections",
                    "claims", "revisions", "alerts"},
                7: {"chart_rows"}, 8: {"headline_agencies"}, 9: {"sources"}}
# the columns each schema version renamed, by table: {old name: new name}
RENAMED = {4: {"figures": {"location": "place"}}}
NEW_FIGURE_COLUMNS = ADDED[2]["figures"]
SCOPE_COLUMNS = ADDED[3]["figures"]
NO_PLACE = ("", "", "", "", "", None, None, None)  # PLACE_COLUMNS of a figure not placed
ENGLISH = ("Police said 40 protesters were arrested in Besk on Monday. Shops stayed shut. "
           "Police said 40 protesters were arrested in Besk on Monday.")
FRENCH = ("Au moins douze personnes ont été tuées mardi dans une attaque contre un marché de "
          "la ville, selon les autorités locales, qui ont aussi fait état de plusieurs blessés.")
PG = postgres_url()


def old_names(version: int) -> dict[str, dict[str, str]]:
    """By table, {today's name: the name in schema `version`} of the columns renamed since."""
    names: dict[str, dict[str, str]] = {}
    for renamed_in, tables in RENAMED.items():
        for table, renamed in tables.items():
            if renamed_in > version:
                names.setdefault(table, {}).update({new: old for old, new in renamed.items()})
    return names


def old_metadata(version: int) -> sa.MetaData:
    """The tables as schema `version` had them: today's, without the columns added since,
    and with the old names of the columns renamed since."""
    later: dict[str, set[str]] = {}
    for added_in, tables in ADDED.items():
        for table, columns in tables.items():
            if added_in > version:
                later.setdefault(table, set()).update(columns)
    names = old_names(version)
    old = sa.MetaData()
    newer = {t for added_in, tables in ADDED_TABLES.items() if added_in > version for t in tables}
    for table in metadata.sorted_tables:
        if table.name in newer:
            continue
        keep = []
        for c in table.columns:
            if c.name in later.get(table.name, ()):
                continue
            copy = c._copy()  # (Column.copy, without its deprecation)
            copy.name = copy.key = names.get(table.name, {}).get(c.name, c.name)
            keep.append(copy)
        sa.Table(table.name, old, *keep)
    return old


def make_old_store(url: str, version: int, docs: list[dict], rows: list[dict]) -> None:
    """A store as schema `version` of the program left it, holding these documents and
    figure rows (given with today's names; their fields of later versions left out)."""
    engine = sa.create_engine(url)
    old = old_metadata(version)
    names = old_names(version)
    with engine.begin() as conn:
        old.drop_all(conn)
        old.create_all(conn)
        conn.execute(old.tables["meta"].insert().values(key="schema_version", value=str(version)))
        for name, given in (("documents", docs), ("figures", rows)):
            table, renamed = old.tables[name], names.get(name, {})
            as_old = [{renamed.get(k, k): v for k, v in r.items()} for r in given]
            conn.execute(table.insert(), [{k: v for k, v in r.items() if k in table.c}
                                          for r in as_old])
    engine.dispose()


def a_document(key: str, text: str, **fields) -> dict:
    """A stored document's row: `fields` replace the defaults."""
    row = dict(key=key, doc_id=key[-6:], source="local", locator=key[6:], url="", title="",
               publisher="Desk", published=dt.date(2026, 3, 9),
               fetched_at=dt.datetime(2026, 3, 9, 12, 0), content_hash=key, text=text,
               language="en")
    return row | fields


def make_version_1_store(url: str) -> None:
    """A store as version 1 of the program left it: two documents and three figures (the
    English one states its figure twice, as two rows)."""
    row = dict(category="detained", value=40, low=40, high=40, qualifier="exact",
               number_text="40", subject="protesters", subset=False, agency="Police",
               agency_text="Police", attribution="said", report_date=dt.date(2026, 3, 9),
               period="", period_start=None, period_end=None, place="Besk",
               sentence="Police said 40 protesters were arrested in Besk on Monday.")
    make_old_store(url, 1, [a_document("local:en.txt", ENGLISH), a_document("local:fr.txt", FRENCH)], [
        dict(row, doc_key="local:en.txt", figure_id="a" * 16, start=12, end=14),
        dict(row, doc_key="local:en.txt", figure_id="b" * 16, start=94, end=96),
        dict(row, doc_key="local:fr.txt", figure_id="c" * 16, start=9, end=15,
             category="killed", value=12, low=12, high=12, number_text="douze"),
    ])


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
def empty_url(request, tmp_path):
    """The URL of an empty database, SQLite or PostgreSQL (a schema named after the test)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.sqlite'}"
    return postgres_schema_url(f"columns_{request.node.originalname}"[:63])


@pytest.fixture
def old_store(empty_url):
    """The URL of a version 1 store, in SQLite or in PostgreSQL."""
    make_version_1_store(empty_url)
    return empty_url


def test_a_version_1_store_is_upgraded_in_place_keeping_its_rows(old_store, tmp_path):
    store = open_store(old_store)
    assert store.schema_version() == SCHEMA_VERSION == 9
    with store.engine.connect() as conn:
        stored = conn.execute(sa.select(figures).order_by(figures.c.figure_id)).mappings().all()
        languages = dict(conn.execute(sa.select(documents.c.key, documents.c.language)).all())
    assert [r["figure_id"] for r in stored] == ["a" * 16, "b" * 16, "c" * 16]
    assert [(r["value"], r["place"], r["agency"]) for r in stored] == [
        (40, "Besk", "Police"), (40, "Besk", "Police"), (12, "Besk", "Police")]
    assert all((r["carrier"], r["superseded"], r["times_stated"]) == ("", False, 1) for r in stored)
    # ids the rules do not give: what these rows count, and where they are, is unknown
    assert all((r["scope"], r["event_date"], r["event"]) == ("", None, None) for r in stored)
    assert all(tuple(r[c] for c in PLACE_COLUMNS) == NO_PLACE for r in stored)
    assert languages == {"local:en.txt": "en", "local:fr.txt": "fr"}
    frame = load_figures(store)
    assert list(frame.columns) == [*COLUMNS, "reprint_of", "wrong", "correction"] and len(frame) == 3
    assert (frame.reprint_of == "").all()
    assert list(frame.times_stated) == [1, 1, 1] and not frame.superseded.any()
    out = tmp_path / "old.csv"
    assert main(["--store", old_store, "export", "-o", str(out)]) == 0
    assert len(pd.read_csv(out)) == 3
    # opening again changes nothing; re-extracting applies the current rules
    assert open_store(old_store).schema_version() == SCHEMA_VERSION
    assert reextract(store, progress=False) == (2, 1)
    (row,) = read_store(old_store)[1]
    assert (row["value"], row["times_stated"], row["start"]) == (40, 2, ENGLISH.index("40"))
    (again,) = extract_figures(ENGLISH, dt.date(2026, 3, 9), "Desk", "", "")
    assert row["figure_id"] == again.figure_id
    assert (row["scope"], row["event_date"], row["event"]) == (
        again.scope, again.event_date, again.event)
    store.engine.dispose()


ATTACK = ("Gunmen killed 12 villagers in Besk on Saturday, police said on Monday. The attack "
          "brings the number of people killed in the district this year to 340, the health "
          "ministry said. About 4,000 people remain displaced.")
ARRESTS = "Police said 40 protesters were arrested in Besk on Monday. Three journalists were wounded."
DOCUMENTS = [a_document("local:attack.txt", ATTACK, title="Attack in Besk",
                        url="https://example.org/attack"),
             a_document("local:arrests.txt", ARRESTS, publisher="Wire", title="Arrests",
                        published=dt.date(2026, 3, 2))]
UNKNOWN = "f" * 16  # an id the rules do not give


def extracted(doc: dict, extractor=extract_figures) -> list:
    """What the extractor gives for a stored document, as the pipeline calls it."""
    return extractor(doc["text"], doc["published"], doc["publisher"], doc["title"], doc["url"])


def stored_rows() -> list[dict]:
    """The figure rows of DOCUMENTS as an older program stored them: every figure the
    extractor gives, and one more whose id (and place, "Varnu") it does not give."""
    rows = [dict({c: getattr(f, c) for c in FIGURE_COLUMNS}, doc_key=doc["key"])
            for doc in DOCUMENTS for f in extracted(doc)]
    rows.append(dict(rows[0], figure_id=UNKNOWN, start=0, end=6, carrier="Reuters",
                     times_stated=3, place="Varnu"))
    return rows


def read_store(url: str, version: int = SCHEMA_VERSION) -> tuple[list[dict], list[dict], dict]:
    """The documents and the figures of a store of a schema version, by key and figure id
    (each column under today's name), the columns and indexes of its figures, the indexes
    of its documents and its tables."""
    engine = sa.create_engine(url)
    tables = old_metadata(version).tables
    docs, found = tables["documents"], tables["figures"]
    today = {old: new for new, old in old_names(version).get("figures", {}).items()}
    with engine.connect() as conn:
        docs = conn.execute(sa.select(docs).order_by(docs.c.key)).mappings().all()
        found = conn.execute(sa.select(found).order_by(found.c.doc_key, found.c.figure_id)
                             ).mappings().all()
        inspector = sa.inspect(conn)
        schema = {"figures": inspector.get_columns("figures"),
                  "indexes": inspector.get_indexes("figures"),
                  "document_indexes": inspector.get_indexes("documents"),
                  "tables": inspector.get_table_names()}
    engine.dispose()
    return ([dict(d) for d in docs], [{today.get(k, k): v for k, v in f.items()} for f in found],
            schema)


def upgraded(url: str, version: int, monkeypatch) -> tuple[list[dict], tuple, tuple]:
    """A store of `version` with the stored rows, opened (so upgraded) a batch per
    document: the rows, and read_store's reading of it before and after."""
    monkeypatch.setattr(store_module, "UPGRADE_BATCH", 1)
    rows = stored_rows()
    make_old_store(url, version, DOCUMENTS, rows)
    before = read_store(url, version)
    store = open_store(url)
    assert store.schema_version() == SCHEMA_VERSION
    store.engine.dispose()
    return rows, before, read_store(url)


@pytest.mark.parametrize("version", [1, 2])
def test_an_upgrade_from_before_version_3_keeps_every_row_and_reads_scopes_again(
        empty_url, version, monkeypatch):
    rows, (before_docs, before, _), (after_docs, after, schema) = upgraded(
        empty_url, version, monkeypatch)
    assert SCOPE_COLUMNS <= {c["name"] for c in schema["figures"]}
    assert ["event_date"] in [i["column_names"] for i in schema["indexes"]]
    # every old value kept (version 1's documents gain their language, its figures the
    # defaults of version 2)
    assert [{k: d[k] for k in before_docs[0]} for d in after_docs] == before_docs
    assert [{k: f[k] for k in before[0]} for f in after] == before
    assert [d["language"] for d in after_docs] == ["en", "en"]
    if version == 1:
        assert {(f["carrier"], f["superseded"], f["times_stated"]) for f in after} == {("", False, 1)}
    # each figure's scope, event date and event are the extractor's for it
    expected = {(doc["key"], f.figure_id): (f.scope, f.event_date, f.event)
                for doc in DOCUMENTS for f in extracted(doc)}
    expected[DOCUMENTS[0]["key"], UNKNOWN] = ("", None, None)
    assert len(after) == len(rows) == len(expected) >= 6
    assert {(f["doc_key"], f["figure_id"]): (f["scope"], f["event_date"], f["event"])
            for f in after} == expected


@pytest.mark.parametrize("version", [1, 2, 3])
def test_an_upgrade_to_version_4_keeps_each_place_as_written_and_reads_where_it_is_again(
        empty_url, version, monkeypatch):
    rows, (before_docs, before, old_schema), (after_docs, after, schema) = upgraded(
        empty_url, version, monkeypatch)
    assert "location" in {c["name"] for c in old_schema["figures"]}
    columns = {c["name"] for c in schema["figures"]}
    assert {"place", *PLACE_COLUMNS} <= columns and "location" not in columns
    indexes = [i["column_names"] for i in schema["indexes"]]
    assert ["admin1_code"] in indexes and ["country_code"] in indexes
    # no document or row lost, and every old value kept: the place as written too
    assert [{k: d[k] for k in before_docs[0]} for d in after_docs] == before_docs
    assert len(after) == len(rows) >= 6
    assert [{k: f[k] for k in before[0]} for f in after] == before
    places = {f["figure_id"]: f["place"] for f in after}
    assert places[UNKNOWN] == "Varnu" and "Besk" in places.values()
    # where each place is: what the extractor gives for the same text (blank for a figure
    # it does not give)
    expected = {(doc["key"], f.figure_id): tuple(getattr(f, c) for c in PLACE_COLUMNS)
                for doc in DOCUMENTS for f in extracted(doc)}
    expected[DOCUMENTS[0]["key"], UNKNOWN] = NO_PLACE
    assert {(f["doc_key"], f["figure_id"]): tuple(f[c] for c in PLACE_COLUMNS)
            for f in after} == expected


def test_the_upgrade_to_version_4_copies_each_place_field_and_passes_over_a_failing_document(
        empty_url, monkeypatch, caplog):
    make_old_store(empty_url, 3, DOCUMENTS, stored_rows())
    where = [{c: place[c] for c in PLACE_COLUMNS} for place in (TRIPOLI, MOPTI)]

    def extract(text: str, *args) -> list:
        if text == ARRESTS:
            raise ValueError("no")
        return [replace(f, **where[i % 2]) for i, f in enumerate(extract_figures(text, *args))]

    monkeypatch.setattr(store_module, "extract_figures", extract)
    with caplog.at_level(logging.ERROR, logger="pipeline"):
        open_store(empty_url).engine.dispose()
    assert [r.getMessage() for r in caplog.records] == [
        "local:arrests.txt: ValueError: no, its figures' places stay blank"]
    new = {(f["doc_key"], f["figure_id"]): tuple(f[c] for c in PLACE_COLUMNS)
           for f in read_store(empty_url)[1]}
    attack, arrests = (doc["key"] for doc in DOCUMENTS)
    given = {(attack, f.figure_id): tuple(getattr(f, c) for c in PLACE_COLUMNS)
             for f in extracted(DOCUMENTS[0], extract)}
    assert set(given.values()) == {tuple(w.values()) for w in where}
    assert {k: v for k, v in new.items() if k[0] == attack} == given | {(attack, UNKNOWN): NO_PLACE}
    assert {v for k, v in new.items() if k[0] == arrests} == {NO_PLACE}


def test_the_upgrade_copies_each_new_field_and_passes_over_a_failing_document(
        empty_url, monkeypatch, caplog):
    make_old_store(empty_url, 2, DOCUMENTS, stored_rows())

    def extract(text: str, *args) -> list:
        if text == ARRESTS:
            raise ValueError("no")
        return [replace(f, scope="toll", event_date=dt.date(2026, 3, 1 + i), event=i + 1)
                for i, f in enumerate(extract_figures(text, *args))]

    monkeypatch.setattr(store_module, "extract_figures", extract)
    with caplog.at_level(logging.ERROR, logger="pipeline"):
        open_store(empty_url).engine.dispose()
    assert [r.getMessage() for r in caplog.records] == [
        "local:arrests.txt: ValueError: no, its figures' scope stays unknown",
        "local:arrests.txt: ValueError: no, its figures' places stay blank"]
    new = {(f["doc_key"], f["figure_id"]): (f["scope"], f["event_date"], f["event"])
           for f in read_store(empty_url)[1]}
    attack, arrests = (doc["key"] for doc in DOCUMENTS)
    assert {k: v for k, v in new.items() if k[0] == attack} == {
        (attack, f.figure_id): (f.scope, f.event_date, f.event)
        for f in extracted(DOCUMENTS[0], extract)} | {(attack, UNKNOWN): ("", None, None)}
    assert {v for k, v in new.items() if k[0] == arrests} == {("", None, None)}


def stored_as_written(store, url: str, written: list) -> None:
    """Store these figures under one document, and check every column reads back as
    written."""
    doc = a_document("w:a", "...", doc_id="d" * 16, title="T", url="https://example.org/a",
                     publisher="Wire")
    store.write([(doc, written)])
    read = {r["figure_id"]: r for r in read_store(url)[1]}
    assert [{c: read[f.figure_id][c] for c in FIGURE_COLUMNS} for f in written] == [
        {c: getattr(f, c) for c in FIGURE_COLUMNS} for f in written]


def test_scope_event_date_and_event_are_written_and_read_back(empty_url):
    store = open_store(empty_url)
    written = [a_figure("1" * 16, 12, scope="toll", event_date=dt.date(2026, 3, 7), event=2),
               a_figure("2" * 16, 4000, category="displaced", start=9, end=13, scope="stock"),
               a_figure("3" * 16, 5, start=20, end=21, scope="background",
                        event_date=dt.date(2025, 11, 30), event=1)]
    stored_as_written(store, empty_url, written)
    frame = load_figures(store).sort_values("figure_id")
    assert list(frame.scope) == ["toll", "stock", "background"] and list(frame.event) == [2, 0, 1]
    assert [None if pd.isna(d) else d for d in frame.event_date] == [
        dt.date(2026, 3, 7), None, dt.date(2025, 11, 30)]
    store.engine.dispose()


def test_place_fields_are_written_and_read_back(empty_url):
    store = open_store(empty_url)
    written = [a_figure("1" * 16, 12, **TRIPOLI), a_figure("2" * 16, 4, start=9, end=10, **MOPTI),
               a_figure("3" * 16, 5, start=20, end=21)]
    stored_as_written(store, empty_url, written)
    frame = load_figures(store).sort_values("figure_id")
    assert (str(frame.lat.dtype), str(frame.lon.dtype), str(frame.geo_precision.dtype)) == (
        "float64", "float64", "Int64")
    assert frame[["place", "admin1_code", "country_code"]].values.tolist() == [
        ["Tripoli", "LY-TB", "LBY"], ["Mopti", "ML-5", "MLI"], ["", "", ""]]
    assert list(frame.lon[:2]) == [13.1913, -4.1827] and pd.isna(frame.lon.iloc[2])
    assert list(frame.geo_precision[:2]) == [1, 1] and frame.geo_precision.isna().iloc[2]
    store.engine.dispose()


def test_a_new_store_has_the_new_columns_with_their_defaults(sqlite_url):
    store = open_store(sqlite_url)
    columns = {c["name"]: c for c in sa.inspect(store.engine).get_columns("figures")}
    assert NEW_FIGURE_COLUMNS <= set(columns)
    assert not any(columns[c]["nullable"] for c in NEW_FIGURE_COLUMNS)
    doc_columns = {c["name"] for c in sa.inspect(store.engine).get_columns("documents")}
    assert "language" in doc_columns
    assert SCOPE_COLUMNS <= set(columns) and columns["event_date"]["nullable"]
    assert not columns["scope"]["nullable"] and columns["event"]["nullable"]
    assert "place" in columns and "location" not in columns
    assert not any(columns[c]["nullable"] for c in ("place_name", "admin1", "admin1_code",
                                                     "country", "country_code"))
    assert all(columns[c]["nullable"] for c in ("lat", "lon", "geo_precision"))
    indexes = [i["column_names"] for i in sa.inspect(store.engine).get_indexes("figures")]
    assert ["event_date"] in indexes and ["report_date"] in indexes
    assert ["admin1_code"] in indexes and ["country_code"] in indexes


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
    doc = a_document("w:a", "...", doc_id="d" * 16, title="T", url="https://example.org/a",
                     publisher="Wire")
    store.write([(doc, [
        figure("1" * 16, 682, superseded=True, carrier="Reuters"),
        figure("2" * 16, 1376, start=4, end=9, carrier="Reuters", times_stated=2),
    ])])
    return sqlite_url


def test_export_carries_the_new_columns(chained_store, tmp_path):
    out = tmp_path / "f.csv"
    assert main(["--store", chained_store, "export", "-o", str(out)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table.columns) == [*COLUMNS, "reprint_of", "wrong", "correction"]
    assert table[["value", "superseded", "carrier", "times_stated"]].values.tolist() == [
        ["682", "True", "Reuters", "1"], ["1376", "False", "Reuters", "2"]]
    parquet = tmp_path / "f.parquet"
    assert main(["--store", chained_store, "export", "-o", str(parquet), "--format", "parquet"]) == 0
    frame = pd.read_parquet(parquet)
    assert list(frame.superseded) == [True, False] and list(frame.times_stated) == [1, 2]


def test_hxl_category_columns_leave_superseded_values_out(chained_store, tmp_path):
    import pipeline.export as export

    out = tmp_path / "hxl.csv"
    export.export_csv(open_store(chained_store), out, hxl=True)
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    tags = table.iloc[0]
    assert (tags["carrier"], tags["superseded"], tags["times_stated"]) == (
        "#org+carrier", "#meta+superseded", "#meta+times_stated")
    rows = table.iloc[1:].sort_values("start")
    assert rows["detained"].tolist() == ["", "1376"]  # what HDX tools sum


def test_the_log_line_of_a_document_not_in_english():
    from extract.language import not_english

    assert not_english("a.txt", "en", 0) is None and not_english("a.txt", "und", 0) is None
    assert not_english("fr.txt", "fr", 2) == (
        "fr.txt is in French (fr): the extractor reads English only, so check the 2 figure(s) "
        "it found")


@pytest.mark.parametrize("version", [1, 2, 3, 4, 5])
def test_an_upgrade_to_version_6_links_reprints_builds_claims_and_changes_no_figure(
        empty_url, version, monkeypatch):
    monkeypatch.setattr(store_module, "UPGRADE_BATCH", 1)
    copy = a_document("local:copy.txt", "This article was originally published by Desk.\n\n"
                      + ATTACK, publisher="Coast Express", title="Twelve killed in Besk",
                      published=dt.date(2026, 3, 10))
    docs = [*DOCUMENTS, copy]
    rows = [dict({c: getattr(f, c) for c in FIGURE_COLUMNS}, doc_key=doc["key"])
            for doc in docs for f in extracted(doc)]
    make_old_store(empty_url, version, docs, rows)
    _, before, _ = read_store(empty_url, version)
    open_store(empty_url).engine.dispose()
    after_docs, after, schema = read_store(empty_url)
    assert {d["key"]: d["reprint_of"] for d in after_docs} == {
        "local:attack.txt": None, "local:arrests.txt": None, "local:copy.txt": "local:attack.txt"}
    assert [{k: f[k] for k in before[0]} for f in after] == before
    assert {"document_signatures", "document_bands"} <= set(schema["tables"])
    assert ["reprint_of"] in [i["column_names"] for i in schema["document_indexes"]]
    assert set(ADDED_TABLES[6]) <= set(schema["tables"])
    # every figure that states a count has its claim; the copy's are its original's
    fetched = {d["key"]: d["fetched_at"] for d in after_docs}
    assert all(f["stored_at"] == fetched[f["doc_key"]] and f["extractor"] == "" for f in after)
    claim = {(f["doc_key"], f["value"]): f["claim_id"] for f in after if not f["superseded"]}
    assert all(claim.values())
    assert claim[("local:copy.txt", 12)] == claim[("local:attack.txt", 12)]
    engine = sa.create_engine(empty_url)
    with engine.connect() as conn:
        stored = {r.claim_id: r for r in conn.execute(sa.select(claims))}
    engine.dispose()
    assert set(stored) == set(claim.values())
    twelve = stored[claim[("local:attack.txt", 12)]]
    assert (twelve.documents, twelve.independent_publishers) == (2, 1)
