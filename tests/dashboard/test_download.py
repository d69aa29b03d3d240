"""The CSV download (`download.csv` with the page's query string): exactly the rows
`python -m pipeline export` writes with the same filters, formula-safe, streamed a chunk
at a time, on SQLite and PostgreSQL; one line and a 400 or 503 when it cannot be given."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

import pipeline.export as export
from dashboard.app import create_app
from dashboard.callbacks import view_from_search
from dashboard.evidence import evidence_page
from pipeline.__main__ import main
from pipeline.store import open_store

from ..pipeline.test_columns import STORES, postgres_schema_url
from ..rows import MOPTI, NORTH_DARFUR, TRIPOLI, a_document, a_figure
from .dash_client import post_callback
from .test_bad_store import random_bytes

FIRST_WRITE = dt.datetime(2026, 3, 9, 8)
SECOND_WRITE = dt.datetime(2026, 3, 10, 8)
HOSTILE = {"publisher": "=HYPERLINK(\"https://evil.example\")", "agency": "+1+2",
           "subject": "-3 people", "place": "@SUM(A1)", "sentence": "\u00a0=1+1 were killed"}

# (the page's query string, the same filters for `pipeline export`)
VIEWS = [
    ("", []),
    ("?category=killed&named=1", ["--category", "killed", "--named"]),
    ("?publisher=Desk", ["--publisher", "Desk"]),
    ("?place=Tripoli", ["--place", "Tripoli"]),
    ("?country=LBY&country=MLI", ["--country", "LBY", "--country", "MLI"]),
    ("?admin1=SD-DN", ["--admin1", "SD-DN"]),
    ("?scope=toll&from=2026-03-09&to=2026-03-09", ["--scope", "toll", "--since", "2026-03-09",
                                                   "--until", "2026-03-09"]),
    ("?agency=Ministry+of+Health&category=wounded", ["--agency", "Ministry of Health",
                                                     "--category", "wounded"]),
    ("?as_of=2026-03-09T12:00", ["--as-of", "2026-03-09T12:00"]),
    ("?as_of=2026-03-09T12:00&country=LBY", ["--as-of", "2026-03-09T12:00", "--country", "LBY"]),
    # the evidence table's own: the sentence's words, the least and most value
    ("?q=were+kill", ["--sentence", "were kill"]),
    ("?min=9&max=30", ["--min", "9", "--max", "30"]),
    ("?as_of=2026-03-09T12:00&q=killed&min=1", ["--as-of", "2026-03-09T12:00",
                                                 "--sentence", "killed", "--min", "1"]),
    ("?country=lby&country=Mali", ["--country", "LBY", "--country", "MLI"]),
    ("?admin1=north+darfur", ["--admin1", "SD-DN"]),
]


def fill(url: str) -> str:
    """9 March: Wire's figures in Tripoli, North Darfur, Mopti and at no place, and Desk's
    (its own, unnamed source) and a document whose every text field opens a formula. 10
    March: Desk's second document, in Tripoli."""
    store = open_store(url)
    store.write([
        (a_document(), [
            a_figure("1" * 16, 12, scope="toll", **TRIPOLI),
            a_figure("2" * 16, 340, start=10, end=13, category="wounded", **NORTH_DARFUR),
            a_figure("3" * 16, 7, start=20, end=21, scope="incident", **MOPTI),
            a_figure("4" * 16, 5, start=30, end=31)]),
        (a_document(key="w:b", doc_id="b" * 16, publisher="Desk", url="https://desk.example/b"),
         [a_figure("5" * 16, 9, doc_id="b" * 16, agency="Desk", attribution="publisher",
                   publisher="Desk", **TRIPOLI)]),
        (a_document(key="w:h", doc_id="e" * 16, publisher=HOSTILE["publisher"],
                    title="-2+3", url="https://evil.example/h"),
         [a_figure("6" * 16, 4, doc_id="e" * 16, agency=HOSTILE["agency"],
                   subject=HOSTILE["subject"], place=HOSTILE["place"],
                   sentence=HOSTILE["sentence"], publisher=HOSTILE["publisher"])]),
    ], now=FIRST_WRITE)
    store.write([(a_document(key="w:c", doc_id="c" * 16, publisher="Desk",
                             published=dt.date(2026, 3, 10), url="https://desk.example/c"),
                  [a_figure("7" * 16, 30, doc_id="c" * 16, report_date=dt.date(2026, 3, 10),
                            publisher="Desk", **TRIPOLI)])], now=SECOND_WRITE)
    store.engine.dispose()
    return url


@pytest.fixture(params=STORES)
def store_url(request, tmp_path):
    """A filled store, SQLite or PostgreSQL (a schema named after the test)."""
    if request.param == "sqlite":
        return fill(f"sqlite:///{tmp_path / 'store.sqlite'}")
    return fill(postgres_schema_url(f"download_{request.node.originalname}"[:63]))


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def exported(url: str, options: list[str], path: Path) -> list[list[str]]:
    """The rows `python -m pipeline export` writes with these options."""
    assert main(["--store", url, "export", "-o", str(path), *options]) == 0
    return rows_of(path.read_text(encoding="utf-8"))


def test_the_download_holds_the_rows_the_export_writes_with_the_same_filters(store_url,
                                                                            tmp_path):
    client = create_app(store_url).server.test_client()
    everything = None
    for search, options in VIEWS:
        response = client.get("/download.csv" + search)
        assert response.status_code == 200, search
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert response.headers["Content-Disposition"].startswith("attachment; filename=")
        rows = rows_of(response.get_data(as_text=True))
        expected = exported(store_url, options, tmp_path / "export.csv")
        assert rows[0] == expected[0] == export.EXPORT_COLUMNS, search
        assert sorted(rows[1:]) == sorted(expected[1:]), search
        everything = everything or len(rows) - 1
        assert search == "" or 0 < len(rows) - 1 < everything, search
    assert everything == 7


def test_every_filter_of_the_page_narrows_the_download(store_url):
    client = create_app(store_url).server.test_client()

    def ids(search: str) -> set[str]:
        return {r["figure_id"] for r in csv.DictReader(io.StringIO(
            client.get("/download.csv" + search).get_data(as_text=True), newline=""))}

    assert ids("?publisher=Desk") == {"5" * 16, "7" * 16}
    assert ids("?place=Tripoli&named=1") == {"1" * 16, "7" * 16}
    assert ids("?country=MLI") == {"3" * 16}
    assert ids("?admin1=LY-TB&from=2026-03-10") == {"7" * 16}
    assert ids("?scope=incident&category=killed&agency=Ministry+of+Health") == {
        "3" * 16, "4" * 16, "7" * 16}
    # as it stood before the second write; the page's other keys change nothing
    assert ids("?as_of=2026-03-09T12:00&publisher=Desk&map=countries") == {"5" * 16}
    assert ids("?min=12") == {"1" * 16, "2" * 16, "7" * 16}
    assert ids("?max=7&place=Mopti") == {"3" * 16}
    assert ids("?q=%3D1%2B1+were&tab=table") == {"6" * 16}


def test_hostile_cells_stay_text(store_url):
    client = create_app(store_url).server.test_client()
    text = client.get("/download.csv?publisher=" + HOSTILE["publisher"].replace(
        "+", "%2B").replace("&", "%26")).get_data(as_text=True)
    (row,) = csv.DictReader(io.StringIO(text, newline=""))
    assert {k: row[k] for k in HOSTILE} == {k: "'" + v for k, v in HOSTILE.items()}
    assert row["title"] == "'-2+3" and row["value"] == "4"
    cells = [c.lstrip(" \u00a0") for r in rows_of(text) for c in r]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)


def test_the_download_is_streamed_a_chunk_at_a_time(tmp_path, monkeypatch):
    url = fill(f"sqlite:///{tmp_path / 'store.sqlite'}")
    monkeypatch.setattr(export, "CHUNK_ROWS", 2)
    client = create_app(url).server.test_client()
    response = client.get("/download.csv", buffered=False)
    assert response.status_code == 200 and response.is_streamed
    assert "Content-Length" not in response.headers
    chunks = list(response.response)
    response.close()
    assert len(chunks) >= 4  # the header, then the 7 figures two at a time (or fewer)
    rows = rows_of(b"".join(chunks).decode("utf-8"))
    assert sorted(rows[1:]) == sorted(exported(url, [], tmp_path / "export.csv")[1:])


@pytest.mark.parametrize("search", ["?from=yesterday", "?to=2026-13-01", "?as_of=soon",
                                    "?category=%ff", "?as_of=2026-02-30", "?min=ten",
                                    "?max=2.5", "?publisher=%00", "?agency=a%00b",
                                    "?as_of=2026-03-09T12:00&place=%00", "?place=Tripoli%0A"])
def test_a_bad_query_string_gives_one_line_and_400(tmp_path, search):
    client = create_app(fill(f"sqlite:///{tmp_path / 'store.sqlite'}")).server.test_client()
    response = client.get("/download.csv" + search)
    assert response.status_code == 400 and response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    assert text.startswith("bad query string: ") and text.count("\n") == 1
    assert "Traceback" not in text


def test_a_store_that_cannot_be_read_gives_one_line_and_503(tmp_path):
    unopened = create_app("postgresql+psycopg://nobody@127.0.0.1:1/none").server.test_client()
    url = fill(f"sqlite:///{tmp_path / 'store.sqlite'}")
    app = create_app(url)
    app.store_data.store.engine.dispose()
    path = Path(url.removeprefix("sqlite:///"))
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    random_bytes(path, url)  # broken while the page is served
    for client in (unopened, app.server.test_client()):
        response = client.get("/download.csv?category=killed")
        assert response.status_code == 503 and response.mimetype == "text/plain"
        assert response.get_data(as_text=True) == "the store cannot be read\n"


def test_the_page_links_to_the_download_of_its_view(tmp_path):
    app = create_app(fill(f"sqlite:///{tmp_path / 'store.sqlite'}"),
                     url_base_pathname="/casualties/")
    layout = str(app.layout())
    assert ("A(children='Download CSV', id='download-link', className='button', download='', "
            "href='/casualties/download.csv')") in layout
    client = app.server.test_client()
    served = client.get("/casualties/download.csv?country=LBY&named=1")
    assert served.status_code == 200
    assert {r["figure_id"] for r in csv.DictReader(io.StringIO(
        served.get_data(as_text=True), newline=""))} == {"1" * 16, "7" * 16}
    stamp = app.store_data.freshness()["last_refresh"]
    day = (stamp.date() if stamp else dt.date.today()).isoformat()
    assert served.headers["Content-Disposition"] == (
        f'attachment; filename="casualty-figures_{day}.csv"')
    assert client.get("/download.csv").status_code == 404  # only under the app's path


def test_the_link_follows_the_url(tmp_path):
    client = create_app(fill(f"sqlite:///{tmp_path / 'store.sqlite'}")).server.test_client()
    for search, href in (("?country=LBY&named=1", "/download.csv?country=LBY&named=1"),
                         ("", "/download.csv")):
        response = post_callback(client, [("download-link", "href")], [("url", "search", search)])
        assert response.get_json()["response"]["download-link"]["href"] == href


@pytest.mark.parametrize("search", ["?country=LBY", "?country=lby", "?country=Libya",
                                    "?country=LIBYA&as_of=2026-03-09T12:00", "?admin1=ly-tb",
                                    "?admin1=Tripoli&named=1"])
def test_the_charts_the_grid_and_the_download_read_a_country_alike(store_url, search):
    """A country or admin-1 area in the URL by code in any case or by name: the charts'
    summary holds the same figures as the evidence grid and the download."""
    app = create_app(store_url)
    view = view_from_search(search)
    charted = int(app.store_data.filtered(view)["figures"].sum())
    listed = evidence_page(app.store_data.store, view, None, 0, 100)[1]
    downloaded = len(list(csv.DictReader(io.StringIO(app.server.test_client().get(
        "/download.csv" + search).get_data(as_text=True), newline=""))))
    assert charted == listed == downloaded > 0


@pytest.mark.parametrize("search", ["?publisher=%00", "?agency=a%00b&category=killed",
                                    "?country=LBY%1F"])
def test_a_control_character_in_a_filter_gives_400_on_both_stores(store_url, search):
    response = create_app(store_url).server.test_client().get("/download.csv" + search)
    assert response.status_code == 400
    assert response.get_data(as_text=True).startswith("bad query string: ")
    assert "control character" in response.get_data(as_text=True)
