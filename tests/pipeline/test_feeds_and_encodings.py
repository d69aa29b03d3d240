"""Feeds are read newest first up to a cap; pages and files in any common encoding are
decoded, and only what cannot be decoded is refused, with the reason."""

import datetime as dt
import json

import sqlalchemy as sa

from pipeline.refresh import refresh
from pipeline.sources import MAX_ENTRIES, Source, newest_entries
from pipeline.store import documents, open_store

from .conftest import article


def dated_feed(base: str, count: int) -> bytes:
    """A feed whose entries are in no particular date order: entry i is dated day i."""
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    order = sorted(range(count), key=lambda i: (i * 7) % count)
    items = "".join(
        f"<item><title>Item {i}</title><link>{base}/p{i}</link>"
        f"<pubDate>{(start + dt.timedelta(days=i)).strftime('%a, %d %b %Y %H:%M:%S GMT')}</pubDate></item>"
        for i in order)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            f"<link>{base}/</link><description>d</description>{items}</channel></rss>").encode()


def test_a_long_feed_is_read_newest_first_up_to_its_cap(server, sqlite_url):
    base, site = server
    for i in range(40):
        site.add(f"/p{i}", article(i, 10 + i))
    site.add("/feed.xml", dated_feed(base, 40), headers={"Content-Type": "application/rss+xml"})
    store = open_store(sqlite_url)
    source = Source("wire", "feed", url=f"{base}/feed.xml", allow_private=True, max_entries=5)
    run = refresh(store, [source], progress=False)
    assert run.status == "ok" and run.documents_changed == 5
    pages = {path for path in site.hits if path.startswith("/p")}
    assert pages == {f"/p{i}" for i in range(35, 40)}


def test_the_default_cap_keeps_the_newest_of_ten_thousand_entries():
    entries = [{"link": f"e{i}", "published_parsed": (2020 + i % 7, 1 + i % 12, 1 + i % 28,
                                                      0, 0, 0, 0, 1, 0)} for i in range(10_000)]
    entries.insert(5000, {"link": "undated"})
    kept = newest_entries(entries, MAX_ENTRIES)
    assert MAX_ENTRIES == 200 and len(kept) == 200
    stamps = [tuple(e["published_parsed"]) for e in kept]
    assert stamps == sorted(stamps, reverse=True) and stamps[0][0] == 2026
    assert all(e["link"] != "undated" for e in kept)
    assert newest_entries([{"link": "a"}, {"link": "b"}], 200) == [{"link": "a"}, {"link": "b"}]


def stored_texts(store):
    with store.engine.connect() as conn:
        return {k.split(":", 1)[1]: t for k, t in conn.execute(
            sa.select(documents.c.key, documents.c.text))}


def test_pages_in_broken_or_undeclared_encodings(server, sqlite_url):
    base, site = server
    utf8 = article(1, 12)
    broken = utf8.replace(b"on Monday", b"on Mon\xffday")  # one stray byte in UTF-8
    site.add("/broken", broken, headers={"Content-Type": "text/html; charset=utf-8"})
    html16 = article(2, 34).decode("utf-8").replace('charset="utf-8"', "")
    site.add("/utf16", html16.encode("utf-16-le"), headers={"Content-Type": "text/html"})
    latin = article(3, 56, charset="iso-8859-1").replace(b'<meta charset="iso-8859-1">', b"")
    site.add("/latin1", latin, headers={"Content-Type": "text/html"})
    site.add("/binary", bytes(range(256)) * 40, headers={"Content-Type": "text/html"})
    urls = tuple(f"{base}{p}" for p in ("/broken", "/utf16", "/latin1", "/binary"))
    store = open_store(sqlite_url)
    run = refresh(store, [Source("list", "urls", urls=urls, allow_private=True)],
                  progress=False)
    texts = {k.rsplit("/", 1)[1]: t for k, t in stored_texts(store).items()}
    assert set(texts) == {"broken", "utf16", "latin1"}
    assert "Médecins Sans Frontières" in texts["broken"] and "Mon\ufffdday" in texts["broken"]
    assert "At least 34 people" in texts["utf16"] and "\x00" not in texts["utf16"]
    assert "Médecins Sans Frontières" in texts["latin1"]
    (error,) = [e for _, e in store.run_errors(run.run_id)]
    assert "/binary: not text in any encoding" in error


def test_files_in_latin1_and_utf16_are_read(tmp_path, sqlite_url):
    folder = tmp_path / "docs"
    folder.mkdir()
    text = "Les Médecins Sans Frontières said 14 people were killed in Orsel.\n" * 3
    (folder / "latin1.txt").write_bytes(text.encode("latin-1"))
    (folder / "utf16.txt").write_bytes(text.encode("utf-16-le"))
    (folder / "utf16bom.txt").write_bytes(text.encode("utf-16"))
    record = json.dumps({"text": text.strip()[:60]}, ensure_ascii=False) + "\n"
    (folder / "records.jsonl").write_bytes(record.encode("utf-16"))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 20)
    store = open_store(sqlite_url)
    run = refresh(store, [Source("docs", "folder", path=folder)], progress=False)
    texts = stored_texts(store)
    assert set(texts) == {"latin1.txt", "utf16.txt", "utf16bom.txt", "records.jsonl#0"}
    assert all("Médecins Sans Frontières" in t for t in texts.values())
    (error,) = [e for _, e in store.run_errors(run.run_id)]
    assert "binary.txt: not text in any encoding" in error
