"""The sentence index of schema version 7 (pipeline/search.py), on SQLite (FTS5) and
PostgreSQL (tsvector): what a person types is words, the index follows every write, the
history's sentences are found as of an earlier time, and older stores and backups get it."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
import regex
import sqlalchemy as sa

from pipeline import history
from pipeline.backup import backup
from pipeline.search import search_words, sentence_has_words
from pipeline.store import FIGURE_COLUMNS, SCHEMA_VERSION, figures, open_store

from ..rows import a_document, a_figure
from .test_columns import PG, STORES, make_old_store, postgres_schema_url

HOSTILE = ['"', '""', "'", "*", "kill*", "NEAR(", ") OR (", "AND", "NOT killed", "^hosp",
           "col:killed", "sentence:killed", "'; DROP TABLE figures; --", "\\", "{a b}",
           "a & b | !c", "hosp:*", "<->", "::", "-", "+killed", "\x00", "ﬁ ǅ Ⅻ"]
FIRST = dt.datetime(2026, 3, 9, 12)


@pytest.fixture(params=STORES)
def url(request, tmp_path) -> str:
    """An empty store's URL, SQLite or PostgreSQL (a schema named after the test)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return postgres_schema_url(f"search_{request.node.originalname}"[:63])


def write(store, key: str, sentences: dict[str, str], now: dt.datetime = FIRST) -> None:
    """Store the document `key` with a figure of each figure id -> sentence."""
    doc = a_document(key=key, locator=key, content_hash=digest(sentences))
    store.write([(doc, [a_figure(fid, 10 + i, sentence=s, number_text=str(10 + i))
                        for i, (fid, s) in enumerate(sentences.items())])], now=now)


def digest(sentences: dict[str, str]) -> str:
    return hashlib.sha256(str(sorted(sentences.items())).encode()).hexdigest()


def found(store, text: str, as_of: dt.datetime | None = None) -> set[str]:
    """The figure ids whose sentence has every word of `text` (as the store stood at
    `as_of`)."""
    words = search_words(text)
    dialect = store.engine.dialect.name
    if as_of is None:
        stmt = sa.select(figures.c.figure_id).where(
            sentence_has_words(figures.c.sentence, words, dialect, True))
    else:
        then = history.figures_as_of(as_of)[0]
        stmt = sa.select(then.c.figure_id).where(
            sentence_has_words(then.c.sentence, words, dialect, False))
    with store.engine.connect() as conn:
        return set(conn.execute(stmt).scalars())


def test_search_words_keep_letters_and_digits_only():
    assert search_words('"Kill*" AND (NEAR hosp) ^ - col:x 3,400 al-Shifa') == [
        "kill", "and", "near", "hosp", "col", "x", "3", "400", "al", "shifa"]
    assert search_words("***") == search_words(None) == []
    assert search_words("Médecins Кабул") == ["médecins", "кабул"]
    assert len(search_words("a " * 100)) == 16


def test_words_are_found_as_the_start_of_words_in_any_case(url):
    store = open_store(url)
    sentences = {"a" * 16: "12 people were killed in a strike on the hospital.",
                 "b" * 16: "At least 30 were wounded near Orsel, MSF said.",
                 "c" * 16: '[40] (killed) "NEAR" AND OR * ^ - Hospitals: col:x'}
    write(store, "w:a", dict(list(sentences.items())[:2]))
    write(store, "w:b", dict(list(sentences.items())[2:]))
    assert found(store, "hosp") == {"a" * 16, "c" * 16}
    assert found(store, "KILLED hospital") == {"a" * 16, "c" * 16}
    assert found(store, "orsel wounded") == {"b" * 16}
    assert found(store, "killed orsel") == set()
    assert found(store, "absent") == set()
    assert found(store, '"near" AND') == {"c" * 16}
    for text in HOSTILE:  # never an error: words, or nothing to look for, never syntax
        if search_words(text):
            assert found(store, text) == {f for f, s in sentences.items()
                                          if starts_words(s, text)}, text
    assert found(store, "NOT killed") == set() and found(store, "kill*") == {"a" * 16, "c" * 16}


def starts_words(sentence: str, text: str) -> bool:
    """Whether every word of `text` begins a word of `sentence` (split at every character
    but letters and digits): what both stores' searches should find."""
    words = regex.findall(r"[\p{L}\p{Nd}\p{Nl}\p{M}]+", sentence.lower())
    return all(any(w.startswith(t) for w in words) for t in search_words(text))


PUNCTUATED = {"a" * 16: "Some 3.5 million people are displaced, OCHA said on 03/05/2024.",
              "b" * 16: "12 killed, according to reliefweb.int and info@who.int.",
              "c" * 16: "Al-Shifa hospital: 1,200 wounded since 2024-03-05 (U.N.)",
              "d" * 16: "3 killed and 5 wounded in Médecins' clinic, ½ of them children"}


@pytest.mark.parametrize("text", [
    "3.5", "3.5 million", "03/05/2024", "2024", "05", "reliefweb.int", "int", "who",
    "info@who.int", "al-shifa", "shifa", "1,200", "200", "2024-03-05", "U.N.", "médecins'",
    "killed", "killed ½", "wounded 3", "wounded 3.5"])
def test_words_joined_by_dots_slashes_and_the_like_are_found_alike(url, text):
    """What a sentence shows (a decimal, a date, a web or mail address, a hyphenated name,
    a thousands separator) finds it typed as it is shown or in parts, on both stores."""
    store = open_store(url)
    write(store, "w:a", PUNCTUATED)
    expected = {fid for fid, sentence in PUNCTUATED.items() if starts_words(sentence, text)}
    assert found(store, text) == expected
    assert found(store, text, as_of=FIRST + dt.timedelta(hours=1)) == expected
    assert expected  # each finds something


def test_numbers_that_are_not_digits_are_no_words():
    assert search_words("½") == search_words("x²")[1:] == [] and search_words("killed ½") == [
        "killed"]
    assert search_words("e\u0301x Ⅻ \u0661") == ["\u00e9x", "ⅻ", "\u0661"]  # NFC


def test_the_index_follows_new_versions_re_readings_withdrawals_and_the_history(url):
    store = open_store(url)
    write(store, "w:a", {"a" * 16: "Twelve killed in Besk.", "b" * 16: "Thirty wounded in Besk."})
    write(store, "w:b", {"c" * 16: "Five missing in Orsel."})
    assert found(store, "besk") == {"a" * 16, "b" * 16}
    # a new version: one sentence changes, one figure goes
    later = FIRST + dt.timedelta(days=1)
    write(store, "w:a", {"a" * 16: "Fourteen killed in Tarn."}, now=later)
    assert found(store, "besk") == set() and found(store, "tarn") == {"a" * 16}
    # a re-reading that writes the same rows again keeps one match per row
    store.write([(a_document(key="w:a", locator="w:a",
                             content_hash=digest({"a" * 16: "Fourteen killed in Tarn."})),
                  [a_figure("a" * 16, 10, sentence="Fourteen killed in Tarn.")])],
                now=later, fetched=False)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(sa.func.count()).select_from(figures)).scalar_one()
    assert rows == 2 and found(store, "fourteen") == {"a" * 16}
    # withdrawn: its figure leaves the index, and stays findable as of before
    gone = later + dt.timedelta(days=1)
    with store.batch() as conn:
        history.withdraw(conn, ["w:b"], history.Written(gone))
    assert found(store, "orsel") == set()
    assert found(store, "orsel", as_of=later) == {"c" * 16}
    assert found(store, "besk", as_of=FIRST) == {"a" * 16, "b" * 16}
    assert found(store, "besk", as_of=later) == set()
    assert found(store, "tarn", as_of=FIRST) == set()
    # and after the store is opened again
    store.engine.dispose()
    assert found(open_store(url), "tarn killed") == {"a" * 16}


def test_a_version_6_store_is_upgraded_with_its_sentences_indexed(empty_url):
    rows = [dict({c: getattr(f, c) for c in FIGURE_COLUMNS}, doc_key="w:a")
            for f in (a_figure("a" * 16, 12, sentence="Twelve were killed near the clinic."),
                      a_figure("b" * 16, 30, sentence="Thirty wounded by shelling."))]
    make_old_store(empty_url, 6, [a_document()], rows)
    store = open_store(empty_url)
    assert store.schema_version() == SCHEMA_VERSION == 9
    assert found(store, "clinic") == {"a" * 16}
    assert found(store, "shell") == {"b" * 16}
    write(store, "w:b", {"c" * 16: "A clinic was hit."})  # and it follows new writes
    assert found(store, "clinic") == {"a" * 16, "c" * 16}


@pytest.fixture(params=STORES)
def empty_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.sqlite'}"
    return postgres_schema_url(f"search_{request.node.originalname}"[:63])


def test_a_backup_can_be_searched(url, tmp_path):
    store = open_store(url)
    write(store, "w:a", {"a" * 16: "Twelve were killed near the clinic."})
    out = tmp_path / "copy.sqlite"
    backup(url, out)
    assert found(open_store(f"sqlite:///{out}"), "clinic") == {"a" * 16}


def test_postgres_searches_through_the_gin_index():
    if PG is None:
        pytest.skip("no PostgreSQL server")
    url = postgres_schema_url("search_gin_index")
    store = open_store(url)
    write(store, "w:a", {"a" * 16: "See reliefweb.int: 3.5 million displaced."})
    with store.engine.begin() as conn:  # a schema 7 store as issue 16 made it
        for table in ("figures", "figure_history"):
            conn.exec_driver_sql(f"DROP INDEX {table}_sentence_words")
            conn.exec_driver_sql(f"CREATE INDEX {table}_sentence_search ON {table} "
                                 "USING gin (to_tsvector('simple'::regconfig, sentence))")
    store.engine.dispose()
    store = open_store(url)  # given the new index in place of the old
    with store.engine.connect() as conn:
        indexes = set(conn.exec_driver_sql("SELECT indexname FROM pg_indexes WHERE "
                                           "indexname LIKE '%%sentence%%' AND "
                                           "schemaname = current_schema()").scalars())
    assert indexes == {"figures_sentence_words", "figure_history_sentence_words"}
    assert found(store, "reliefweb.int 3.5") == {"a" * 16}
    words = search_words("clinic")
    stmt = sa.select(figures.c.figure_id).where(
        sentence_has_words(figures.c.sentence, words, "postgresql", True))
    with store.engine.connect() as conn:
        conn.exec_driver_sql("SET enable_seqscan = off")
        plan = "\n".join(conn.execute(sa.text("EXPLAIN " + str(stmt.compile(
            store.engine, compile_kwargs={"literal_binds": True})))).scalars())
    assert "figures_sentence_words" in plan
