"""The bundled sample corpus parses in every format, and its answer key is consistent."""

import csv
from pathlib import Path

import feedparser
import pytest

from extract.formats import html_document, split_front_matter, text_document
from extract.lexicon import CATEGORIES

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
TEXT_FILES = sorted(SAMPLE.glob("*.txt")) + sorted(SAMPLE.glob("*.md"))
HTML_FILES = sorted(SAMPLE.glob("*.html"))
QUALIFIERS = {"exact", "at_least", "more_than", "about", "up_to", "fewer_than", "range", "vague"}


def key_rows():
    with open(SAMPLE / "expected_figures.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_corpus_is_large_and_varied():
    docs = TEXT_FILES + HTML_FILES
    assert len(docs) >= 40
    publishers = {text_document(p.read_text("utf-8")).publisher for p in TEXT_FILES}
    publishers |= {html_document(p.read_text("utf-8")).publisher for p in HTML_FILES}
    assert len(publishers) >= 6
    agencies = {row["agency"] for row in key_rows()}
    assert len(agencies) >= 6
    assert {row["category"] for row in key_rows()} >= {
        "killed", "wounded", "surgeries", "displaced", "missing", "detained"
    }


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_text_files_have_front_matter(path):
    fields, body = split_front_matter(path.read_text("utf-8"))
    assert {"title", "publisher", "url", "published"} <= set(fields)
    assert fields["url"].startswith("https://")
    assert fields["published"][:4] == "2026"
    assert body.strip() and not body.startswith("---")


@pytest.mark.parametrize("path", HTML_FILES, ids=lambda p: p.name)
def test_html_pages_give_main_text_without_boilerplate(path):
    doc = html_document(path.read_text("utf-8"))
    assert doc.title and doc.publisher and doc.published.startswith("2026-")
    assert doc.url.startswith("https://")
    for boilerplate in ("cookie", "Privacy", "Subscribe", "All rights reserved"):
        assert boilerplate not in doc.text


def test_feed_lists_sample_pages():
    feed = feedparser.parse((SAMPLE / "global-dispatch_feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) >= 5
    page_urls = {html_document(p.read_text("utf-8")).url for p in HTML_FILES}
    for entry in feed.entries:
        assert entry.link in page_urls
        assert entry.published_parsed is not None


def test_answer_key_names_existing_documents_and_known_categories():
    names = {p.name for p in TEXT_FILES + HTML_FILES}
    rows = key_rows()
    assert len(rows) >= 100
    for row in rows:
        assert row["document"] in names, row
        assert row["category"] in CATEGORIES, row
        assert row["qualifier"] in QUALIFIERS, row
        value = int(row["value"])
        low = int(row["low"]) if row["low"] else None
        high = int(row["high"]) if row["high"] else None
        if low is not None and high is not None:
            assert low <= high, row
        if row["qualifier"] == "exact":
            assert low == high == value, row
        assert row["agency"], row
    assert {row["document"] for row in rows} == names  # every document has figures
