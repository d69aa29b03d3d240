"""The CSV line PostgreSQL builds (pipeline/csv_sql.py) is the line the safe writer
writes for the same row, for random and hostile cells."""

import datetime as dt

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.safe_csv import FORMULA_SIGNS, blank_characters
from pipeline.csv_sql import csv_lines, line_select
from pipeline.export import csv_text

from .conftest import postgres_url

PG = postgres_url()
pytestmark = pytest.mark.skipif(PG is None, reason="no PostgreSQL server: "
                                "scripts/start-postgres.sh could not start one")

CELLS = sa.MetaData()
# text cells looked at row by row ("place", "agency") and cell by cell ("sentence",
# "title": CELL_BY_CELL), and every other kind of cell the export writes
TABLE = sa.Table(
    "csv_cells", CELLS, sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("place", sa.Text), sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("value", sa.BigInteger), sa.Column("lat", sa.Float), sa.Column("lon", sa.Float),
    sa.Column("agency", sa.Text, nullable=False), sa.Column("title", sa.Text),
    sa.Column("wrong", sa.Boolean, nullable=False), sa.Column("report_date", sa.Date),
)
WRITTEN = [c for c in TABLE.columns if c.name != "id"]
HOSTILE = ['"', ",", "\r", "\n", "\t", " ", "\u00a0", "\u200b", "\u202e", "\ufeff", "\u3000",
           "\x1f", "\x7f", "\U000e0001", "\U0001f600", "'", "a", "É", "7", *FORMULA_SIGNS]
TEXT = st.one_of(  # plain words most of the time (a row read as a whole), else hostile texts
    st.text("abcXYZ 019.", max_size=12),
    st.text(st.one_of(st.sampled_from(HOSTILE), st.sampled_from(blank_characters()[1:]),
                      st.characters(blacklist_categories=["Cs"], blacklist_characters="\0")),
            max_size=12),
)
ROWS = st.lists(st.fixed_dictionaries({
    "place": st.none() | TEXT, "sentence": TEXT, "agency": TEXT, "title": st.none() | TEXT,
    "value": st.none() | st.integers(-(2**63), 2**63 - 1),
    "lat": st.none() | st.floats(), "lon": st.none() | st.floats(width=32),
    "wrong": st.booleans(), "report_date": st.none() | st.dates(dt.date(1, 1, 1)),
}), min_size=1, max_size=6)
A_ROW = {"place": "x", "sentence": "s", "agency": "a", "title": "t", "value": -5, "lat": 12.5,
         "lon": None, "wrong": True, "report_date": dt.date(2026, 3, 9)}


class Lines:
    """The test table's rows as CSV, written by Python and built by the database (the SQL
    compiled once)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        raw = sa.select(*WRITTEN).order_by(TABLE.c.id)
        self.raw = _sql(raw, engine)
        self.lines = _sql(line_select(raw), engine)

    def check(self, table_rows: list[dict]) -> None:
        """Store the rows, and assert that both ways write the same bytes."""
        with self.engine.begin() as conn:
            conn.execute(TABLE.delete())
            conn.execute(TABLE.insert(), [{"id": i, **r} for i, r in enumerate(table_rows)])
            cells = conn.exec_driver_sql(self.raw).fetchall()
            built = csv_lines(conn.exec_driver_sql(self.lines).fetchall())
        at = WRITTEN.index(TABLE.c.wrong)  # booleans as the export gives them, True/False
        assert built == csv_text([[str(bool(v)) if i == at else v for i, v in enumerate(r)]
                                  for r in cells])


def _sql(stmt: sa.Select, engine: sa.Engine) -> str:
    return str(stmt.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))


@pytest.fixture(scope="module")
def lines():
    engine = sa.create_engine(PG)
    with engine.begin() as conn:
        TABLE.drop(conn, checkfirst=True)
        CELLS.create_all(conn)
    yield Lines(engine)
    with engine.begin() as conn:
        TABLE.drop(conn)
    engine.dispose()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table_rows=ROWS)
def test_the_database_builds_the_lines_the_safe_writer_writes(lines, table_rows):
    lines.check(table_rows)


@pytest.mark.parametrize("cell", [
    "=1+2", "  -3", "\u200b\u00a0@SUM(A1)", "\t1", "\r", "\uff1dcmd", "\x1f+1", "\x1f\x1f",
    'say "hi", then', "line\nbreak", "plain", "", "caf\u00e9 \U0001f600", "-", "a-b",
])
@pytest.mark.parametrize("column", ["place", "title"])
def test_each_hostile_text_read_as_a_whole_or_cell_by_cell(lines, cell, column):
    lines.check([{**A_ROW, column: cell}, A_ROW])
