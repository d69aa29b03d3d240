"""Export of the tidy table: CSV (with filters, HXL and formula neutralisation) and Parquet."""

import csv
import datetime as dt
import io
import json

import pandas as pd
import pytest

from extract import COLUMNS
from extract.safe_csv import write_frame
from pipeline.__main__ import main
from pipeline.claims import is_generic
from pipeline.export import EXPORT_COLUMNS, Filters, load_figures
from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import metadata, open_store

from ..rows import MOPTI, NORTH_DARFUR, TRIPOLI, a_document, a_figure
from .conftest import ROOT, postgres_url
from .test_columns import STORES, postgres_schema_url

SAMPLE = ROOT / "data" / "sample"


@pytest.fixture
def sample_store(sqlite_url):
    store = open_store(sqlite_url)
    refresh(store, [Source("sample", "folder", path=SAMPLE)], progress=False)
    return sqlite_url


def test_csv_has_the_design_columns_in_order(sample_store, tmp_path):
    out = tmp_path / "figures.csv"
    assert main(["--store", sample_store, "export", "-o", str(out)]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table.columns) == EXPORT_COLUMNS
    assert len(table) == 141
    assert all(len(d) == 10 and d[4] == "-" for d in table.published)  # ISO dates
    who = table[(table.agency == "World Health Organization") & (table.value == "96")].iloc[0]
    assert (who.category, who.qualifier, who.report_date) == ("killed", "at_least", "2026-03-09")
    assert who.sentence.startswith("GENEVA - The World Health Organization said on Monday")


def test_filters(sample_store, tmp_path):
    out = tmp_path / "f.csv"
    assert main(["--store", sample_store, "export", "-o", str(out), "--category", "killed",
                 "--category", "wounded", "--agency", "World Health Organization",
                 "--since", "2026-03-10", "--until", "2026-04-09"]) == 0
    table = pd.read_csv(out)
    assert len(table) > 0
    assert set(table.category) <= {"killed", "wounded"}
    assert set(table.agency) == {"World Health Organization"}
    days = pd.to_datetime(table.report_date.fillna(table.published))
    assert days.min() >= pd.Timestamp("2026-03-10") and days.max() <= pd.Timestamp("2026-04-09")


def test_publisher_place_and_named_filters(sample_store, tmp_path):
    everything = load_figures(open_store(sample_store))
    publisher = everything.publisher[everything.publisher.fillna("") != ""].iloc[0]
    place = everything.place[everything.place.fillna("") != ""].iloc[0]
    out = tmp_path / "f.csv"
    assert main(["--store", sample_store, "export", "-o", str(out), "--publisher", publisher,
                 "--named"]) == 0
    table = pd.read_csv(out)
    # a named source: not the publisher's own, nor an unnamed one ("unnamed: officials")
    expected = everything[(everything.publisher == publisher)
                          & (everything.attribution != "publisher")
                          & ~everything.agency.fillna("").map(is_generic)]
    assert 0 < len(table) == len(expected) < len(everything)
    assert set(table.publisher) == {publisher} and "publisher" not in set(table.attribution)
    assert not table.agency.map(is_generic).any()
    assert main(["--store", sample_store, "export", "-o", str(out), "--place", place]) == 0
    table = pd.read_csv(out)
    assert 0 < len(table) == (everything.place == place).sum()
    assert set(table.place) == {place}
    # --location, the flag's older name, is the same filter
    older = tmp_path / "older.csv"
    assert main(["--store", sample_store, "export", "-o", str(older), "--location", place]) == 0
    assert older.read_bytes() == out.read_bytes()


def test_hxl_row(sample_store, tmp_path):
    out = tmp_path / "hxl.csv"
    assert main(["--store", sample_store, "export", "-o", str(out), "--hxl"]) == 0
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    tags = table.iloc[0]
    assert tags["agency"] == "#org" and tags["publisher"] == "#meta+source"
    assert tags["url"] == "#meta+url" and tags["report_date"] == "#date+reported"
    assert (tags["scope"], tags["event_date"], tags["event"]) == (
        "#meta+scope", "#date+occurred", "#meta+event")
    assert tags["killed"] == "#affected+killed" and tags["wounded"] == "#affected+injured"
    data = table.iloc[1:]
    killed = data[data.category == "killed"]
    assert (killed["killed"] == killed["value"]).all() and (killed["wounded"] == "").all()


def test_formula_cells_are_neutralised(tmp_path):
    frame = pd.DataFrame({"agency": ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "WHO"],
                          "value": [1, 2, 3, 4, 5, -6]})
    out = tmp_path / "n.csv"
    write_frame(frame, out)
    back = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(back.agency) == ["'=HYPERLINK(\"x\")", "'+1", "'-2", "'@SUM(A1)", "'\tx", "WHO"]
    assert list(back.value) == ["1", "2", "3", "4", "5", "-6"]  # numbers stay numbers


@pytest.fixture
def scoped_store(sqlite_url):
    """A store holding figures of several scopes, report dates and event dates."""
    store = open_store(sqlite_url)
    doc = a_document()
    store.write([(doc, [
        a_figure("1" * 16, 12, scope="incident", event_date=dt.date(2026, 3, 7)),
        a_figure("2" * 16, 340, start=10, end=13, scope="toll",
                 report_date=dt.date(2026, 3, 12)),
        a_figure("3" * 16, 4000, start=20, end=24, category="displaced", scope="stock",
                 report_date=dt.date(2026, 3, 20)),
        a_figure("4" * 16, 5, start=30, end=31, scope="incident", event=1,
                 report_date=dt.date(2026, 4, 1), event_date=dt.date(2026, 3, 30)),
    ])])
    store.engine.dispose()
    return sqlite_url


def _export(store: str, path, *options: str) -> pd.DataFrame:
    assert main(["--store", store, "export", "-o", str(path), *options]) == 0
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_scope_filter_with_a_date_range(scoped_store, tmp_path):
    out = tmp_path / "f.csv"
    assert list(_export(scoped_store, out, "--scope", "toll", "--scope", "stock").value) == [
        "340", "4000"]
    assert list(_export(scoped_store, out, "--scope", "incident").value) == ["12", "5"]
    assert list(_export(scoped_store, out, "--scope", "incident", "--since", "2026-03-10").value
                ) == ["5"]
    assert list(_export(scoped_store, out, "--scope", "incident", "--scope", "toll",
                        "--until", "2026-03-12").value) == ["12", "340"]
    frame = load_figures(open_store(scoped_store), Filters(scopes=("stock",)))
    assert list(frame.value) == [4000] and list(frame.category) == ["displaced"]
    with pytest.raises(SystemExit):  # argparse: a scope that is none of extract.row.SCOPES
        main(["--store", scoped_store, "export", "-o", str(out), "--scope", "tolls"])


@pytest.mark.parametrize("options", [[], ["--hxl"]])
def test_event_date_and_event_are_written_as_stored(scoped_store, tmp_path, options):
    table = _export(scoped_store, tmp_path / "f.csv", *options).iloc[1 if options else 0:]
    assert list(table.columns[:len(COLUMNS)]) == COLUMNS
    assert table[["scope", "report_date", "event_date", "event"]].values.tolist() == [
        ["incident", "2026-03-09", "2026-03-07", "0"], ["toll", "2026-03-12", "", "0"],
        ["stock", "2026-03-20", "", "0"], ["incident", "2026-04-01", "2026-03-30", "1"]]


@pytest.fixture
def placed_store(sqlite_url):
    """A store holding figures in Tripoli (Libya), in North Darfur (Sudan, the admin-1 area
    itself) and in Mopti (Mali, west of Greenwich), and one figure at no place."""
    store = open_store(sqlite_url)
    store.write([(a_document(), [
        a_figure("1" * 16, 12, **TRIPOLI),
        a_figure("2" * 16, 340, start=10, end=13, **NORTH_DARFUR),
        a_figure("3" * 16, 7, start=20, end=21, **MOPTI),
        a_figure("4" * 16, 5, start=30, end=31),
    ])])
    store.engine.dispose()
    return sqlite_url


PLACE_TAGS = {"place": "#loc+text", "place_name": "#loc+name", "admin1": "#adm1+name",
              "admin1_code": "#adm1+code", "country": "#country+name",
              "country_code": "#country+code", "lat": "#geo+lat", "lon": "#geo+lon",
              "geo_precision": "#geo+precision"}


def test_hxl_row_tags_each_place_column_and_the_rows_carry_them(placed_store, tmp_path):
    table = _export(placed_store, tmp_path / "hxl.csv", "--hxl")
    assert {c: table.iloc[0][c] for c in PLACE_TAGS} == PLACE_TAGS
    rows = table.iloc[1:].sort_values("start", key=lambda s: s.astype(int))
    assert rows[list(PLACE_TAGS)].values.tolist() == [
        ["Tripoli", "Tripoli", "Tripoli", "LY-TB", "Libya", "LBY", "32.8872", "13.1913", "1"],
        ["North Darfur", "North Darfur", "North Darfur", "SD-DN", "Sudan", "SDN", "15.7662",
         "24.9042", "3"],
        ["Mopti", "Mopti", "Mopti", "ML-5", "Mali", "MLI", "14.4843", "-4.1827", "1"],
        ["", "", "", "", "", "", "", "", ""]]


@pytest.mark.parametrize(("options", "values"), [
    (["--country", "LBY"], ["12"]),
    (["--country", "sudan"], ["340"]),  # by name, in any case
    (["--country", "lby", "--country", "Mali"], ["12", "7"]),
    (["--admin1", "ly-tb"], ["12"]),
    (["--admin1", "NORTH DARFUR", "--admin1", "ML-5"], ["340", "7"]),
    (["--country", "SDN", "--admin1", "LY-TB"], []),  # both filters hold
    (["--place", "Mopti"], ["7"]),
    (["--country", "Libyan Arab Jamahiriya"], []),
])
def test_country_and_admin1_filters(placed_store, tmp_path, options, values):
    assert list(_export(placed_store, tmp_path / "f.csv", *options).value) == values


def test_load_figures_filters_by_country_and_admin1(placed_store):
    store = open_store(placed_store)
    frame = load_figures(store, Filters(countries=("mli", "Libya")))
    assert list(frame.place) == ["Tripoli", "Mopti"]
    frame = load_figures(store, Filters(admin1=("sd-dn",), countries=("SDN",)))
    assert list(frame.admin1) == ["North Darfur"]


def test_parquet_keeps_coordinates_as_floats(placed_store, tmp_path):
    out = tmp_path / "f.parquet"
    assert main(["--store", placed_store, "export", "-o", str(out), "--format", "parquet"]) == 0
    table = pd.read_parquet(out).sort_values("start")
    assert list(table.columns) == EXPORT_COLUMNS
    assert (str(table.lat.dtype), str(table.lon.dtype)) == ("float64", "float64")
    assert list(table.lat[:3]) == [32.8872, 15.7662, 14.4843] and pd.isna(table.lat.iloc[3])
    assert list(table.lon[:3]) == [13.1913, 24.9042, -4.1827] and pd.isna(table.lon.iloc[3])
    assert str(table.geo_precision.dtype) == "Int64" and list(table.geo_precision[:3]) == [1, 3, 1]
    assert list(table.country_code) == ["LBY", "SDN", "MLI", ""]


HOSTILE_RECORDS = [
    {"id": f"r{i}", "title": f"Report {i}\r=1+1", "publisher": "\u00a0@SUM(1,1)",
     "url": f"https://ok.example/{i}",
     "text": f"At least {10 + i} people were killed in Besk on Monday.\r=1+1 Officials said "
             f"{i + 2} were wounded."}
    for i in range(7)
]


@pytest.fixture
def hostile_store(tmp_path, sqlite_url):
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "records.json").write_text(json.dumps(HOSTILE_RECORDS), encoding="utf-8")
    run = refresh(open_store(sqlite_url), [Source("records", "folder", path=folder)],
                  progress=False)
    assert run.status == "ok"
    return sqlite_url


def _read_back(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _no_line_opens_a_formula(path) -> bool:
    """No cell, as a CSV reader splits the file, opens with a formula sign."""
    with open(path, newline="", encoding="utf-8") as f:
        cells = [cell.lstrip(" \u00a0") for row in csv.reader(f) for cell in row]
    return not any(cell.startswith(("=", "@", "+")) for cell in cells)


@pytest.mark.parametrize("options", [[], ["--hxl"]])
def test_export_keeps_rows_whole_with_carriage_returns_in_fields(hostile_store, tmp_path,
                                                                 options):
    stored = len(load_figures(open_store(hostile_store)))
    assert stored >= 14
    out = tmp_path / "out.csv"
    assert main(["--store", hostile_store, "export", "-o", str(out), *options]) == 0
    rows = _read_back(out)[1 if options else 0:]
    assert len(rows) == stored
    assert len(pd.read_csv(out)) == stored + (1 if options else 0)
    assert {r["publisher"] for r in rows} == {"'\u00a0@SUM(1,1)"}
    assert all(r["title"].endswith("\r=1+1") for r in rows)
    assert _no_line_opens_a_formula(out)


def test_parquet(sample_store, tmp_path):
    out = tmp_path / "f.parquet"
    assert main(["--store", sample_store, "export", "-o", str(out), "--format", "parquet"]) == 0
    table = pd.read_parquet(out)
    assert list(table.columns) == EXPORT_COLUMNS and len(table) == 141


def test_load_figures_types(sample_store):
    frame = load_figures(open_store(sample_store), Filters(categories=("surgeries",)))
    assert str(frame.value.dtype) == "Int64"
    assert all(isinstance(d, dt.date) for d in frame.published)


PG = postgres_url()


@pytest.mark.skipif(PG is None, reason="no PostgreSQL server: scripts/start-postgres.sh could not "
                                       "start one (not root, or no package)")
def test_postgresql_store_for_real(tmp_path):
    import sqlalchemy as sa

    engine = sa.create_engine(PG)
    with engine.begin() as conn:
        metadata.drop_all(conn)  # every table of the store, as this program knows them
    engine.dispose()
    store = open_store(PG)
    run = refresh(store, [Source("sample", "folder", path=SAMPLE)], progress=False)
    assert run.status == "ok" and store.counts() == {"documents": 41, "figures": 141}
    again = refresh(store, [Source("sample", "folder", path=SAMPLE)], progress=False)
    assert again.documents_changed == 0 and store.counts()["figures"] == 141
    with store.writer_lock():
        from pipeline.store import StoreError

        with pytest.raises(StoreError, match="another refresh"):
            with open_store(PG).writer_lock():
                pass
    out = tmp_path / "pg.csv"
    assert main(["--store", PG, "export", "-o", str(out)]) == 0
    assert len(pd.read_csv(out)) == 141


def _forty_documents(version: int = 1) -> list[tuple[dict, list]]:
    """Forty documents of five figures each, their values 10 + figure (100 + figure in a
    second version)."""
    stored = []
    for i in range(40):
        doc_id = f"{i:016x}"
        stored.append((a_document(key=f"w:{i:03d}", doc_id=doc_id, url=f"https://e.org/{i}",
                                  content_hash=f"h{i}-v{version}"),
                       [a_figure(f"{i:08x}{j:08x}", (100 if version > 1 else 10) + j,
                                 doc_id=doc_id, start=j * 5, end=j * 5 + 2)
                        for j in range(5)]))
    return stored


@pytest.mark.parametrize("kind", STORES)
def test_an_export_holds_the_store_as_it_stood_when_a_refresh_writes_during_it(
        kind, tmp_path, monkeypatch):
    """A refresh that stores new versions of documents and a new document while an export
    (or a download) is being written changes none of its rows: every figure once, as it
    stood when the export began."""
    import pipeline.export as export

    url = (f"sqlite:///{tmp_path / 'store.sqlite'}" if kind == "sqlite"
           else postgres_schema_url("export_during_a_write"))
    store = open_store(url)
    store.write(_forty_documents(), now=dt.datetime(2026, 3, 9, 8))
    monkeypatch.setattr(export, "CHUNK_ROWS", 20)
    chunks = export.csv_chunks(store)
    sent = [next(chunks)[0], next(chunks)[0]]  # the header and the first rows
    renewed = _forty_documents(version=2)
    added = (a_document(key="w:new", doc_id="e" * 16, url="https://e.org/new",
                        content_hash="new"), [a_figure("f" * 16, 7, doc_id="e" * 16)])
    store.write([*renewed[::3], added], now=dt.datetime(2026, 3, 10, 8))
    sent += [text for text, _ in chunks]
    rows = list(csv.DictReader(io.StringIO(b"".join(sent).decode("utf-8"), newline="")))
    assert sorted((r["figure_id"], r["value"]) for r in rows) == sorted(
        (f.figure_id, str(f.value)) for _, found in _forty_documents() for f in found)
    # and the next export holds the write
    after = list(csv.DictReader(io.StringIO(
        b"".join(t for t, _ in export.csv_chunks(store)).decode("utf-8"), newline="")))
    assert len(after) == 201 and {r["value"] for r in after} >= {"100", "7"}
