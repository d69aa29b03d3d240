"""Full-text search of the figures' sentences (since schema version 7).

SQLite keeps an FTS5 index of `figures.sentence` and of `figure_history.sentence` (external
content tables: the sentences are stored once, in their tables; triggers keep each index in
step with every insert, delete and change of a sentence). PostgreSQL keeps a GIN index on
`words_vector(sentence)`: the sentence's runs of letters and digits (every other character
made a space first, as FTS5's tokenizer splits), through the 'simple' configuration. Both
fold case, keep accents and do not stem, and split "3.5", "03/05/2024", "reliefweb.int" and
"al-Shifa" into their parts, so a search finds the same rows in either.

What a person types is words, never query syntax: `search_words` keeps the letters and
digits of each word, and every word must begin a word of the sentence ("hosp" finds
"hospital"; "3.5" finds a sentence with a word beginning "3" and one beginning "5").
"""

from __future__ import annotations

import unicodedata

import regex
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles

from .store import figure_history, figures

# the tables whose sentences are indexed, and each one's row key on SQLite
INDEXED = {"figures": "rowid", "figure_history": "id"}
MAX_WORDS = 16  # words of a search kept (the rest ignored)
# letters (with their marks) and digits: what both indexes keep as words. Other numbers
# ("½", "²") are left out: PostgreSQL's parser never makes them words.
_WORD = regex.compile(r"[\p{L}\p{Nd}\p{Nl}\p{M}]+")
_NOT_WORD = "[^[:alnum:]]+"  # on PostgreSQL, what separates the words of a sentence


def search_words(text: str | None) -> list[str]:
    """The words of a typed search (in NFC, as stored texts are), lower-cased: runs of
    letters and digits (quotes, operators, brackets, dots, slashes and the like are only
    separators); at most MAX_WORDS."""
    return [w.lower() for w in _WORD.findall(unicodedata.normalize("NFC", text or ""))][
        :MAX_WORDS]


def words_vector(sentence: sa.ColumnElement) -> sa.ColumnElement:
    """PostgreSQL: a sentence's words as a tsvector, its non-alphanumeric runs made
    spaces first (the expression of the GIN index: `_has_words` must use it as it is)."""
    def literal(text: str) -> sa.ColumnElement:
        return sa.literal_column(f"'{text}'")

    spaced = sa.func.regexp_replace(sentence, literal(_NOT_WORD), literal(" "), literal("g"))
    return sa.func.to_tsvector(sa.literal_column("'simple'::regconfig"), spaced)


def postgresql_index(table: str) -> tuple[str, str]:
    """The name of a table's sentence index on PostgreSQL, and its CREATE statement."""
    name = f"{table}_sentence_words"
    vector = words_vector(sa.column("sentence")).compile(dialect=postgresql.dialect())
    return name, f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({vector}))"


def add_sentence_search(conn: Connection) -> None:
    """Create the sentence index of the figures and of their history, and fill it from the
    rows stored (the step to schema version 7, and a new store)."""
    if conn.dialect.name == "postgresql":
        for table in INDEXED:
            conn.exec_driver_sql(postgresql_index(table)[1])
        return
    for table, key in INDEXED.items():
        index = f"{table}_fts"
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {index} USING fts5(sentence, "
            f"content='{table}', content_rowid='{key}', tokenize='unicode61 remove_diacritics 0')")
        add = f"INSERT INTO {index}(rowid, sentence) VALUES (new.{key}, new.sentence);"
        drop = (f"INSERT INTO {index}({index}, rowid, sentence) "
                f"VALUES ('delete', old.{key}, old.sentence);")
        for event, body in (("AFTER INSERT", add), ("AFTER DELETE", drop),
                            ("AFTER UPDATE OF sentence", drop + " " + add)):
            name = f"{index}_{event.split()[1].lower()}"
            conn.exec_driver_sql(f"CREATE TRIGGER IF NOT EXISTS {name} {event} ON {table} "
                                 f"BEGIN {body} END")
        conn.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES ('rebuild')")


def _fts5_query(words: list[str]) -> str:
    """An FTS5 query that every word begins a word of the sentence: each word (letters and
    digits only) a quoted string with its prefix mark, never read as syntax."""
    return " ".join(f'"{w}"*' for w in words)


def _has_words(sentence: sa.ColumnElement, words: list[str]) -> sa.ColumnElement:
    """PostgreSQL: the sentence has every word as the start of one of its words (the
    expression of the GIN index, so that the index is used on the tables')."""
    query = " & ".join(f"'{w}':*" for w in words)
    return words_vector(sentence).op("@@")(
        sa.func.to_tsquery(sa.literal_column("'simple'::regconfig"), query))


def _fts5_match(table: sa.Table, words: list[str]) -> sa.ColumnElement:
    """SQLite: the rows of an indexed table whose sentence has every word, by its index."""
    index = sa.table(f"{table.name}_fts", sa.column("rowid"))
    matching = sa.select(index.c.rowid).where(
        sa.literal_column(index.name).op("MATCH")(_fts5_query(words)))
    return sa.literal_column(f"{table.name}.{INDEXED[table.name]}").in_(matching)


def sentence_has_words(sentence: sa.ColumnElement, words: list[str], dialect: str,
                       current: bool) -> sa.ColumnElement:
    """A condition that a figure's sentence has every one of `words` (`search_words`,
    not empty) as the start of one of its words, through the index. `current`: `sentence`
    is the figures table's own column; else a column of figure rows as they stood
    (pipeline/history.py's figures_as_of), each the sentence of a figure or of its
    history."""
    if dialect == "postgresql":
        return _has_words(sentence, words)
    if current:
        return _fts5_match(figures, words)
    # whether a sentence matches depends on its text alone: a row of then matches when
    # its sentence is one of the matching sentences of either table
    return sentence.in_(sa.union_all(*[sa.select(table.c.sentence).where(_fts5_match(table, words))
                                       for table in (figures, figure_history)]))


class SentenceMatch(sa.sql.expression.ColumnElement):
    """`sentence_has_words` as an expression that learns its database when compiled: for
    a query built before it knows where it will run (pipeline/export.py's)."""

    inherit_cache = False
    # no Boolean type: a condition as it stands (SQLite would compare a Boolean to 1, and
    # lose the index)

    def __init__(self, sentence: sa.ColumnElement, words: list[str], current: bool) -> None:
        self.sentence, self.words, self.current = sentence, list(words), current


@compiles(SentenceMatch)
def _compile_match(element: SentenceMatch, compiler, **kw) -> str:
    return compiler.process(sentence_has_words(element.sentence, element.words,
                                               compiler.dialect.name, element.current), **kw)
