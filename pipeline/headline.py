"""The headline settings: the order of agencies whose tolls the dashboard's cards prefer,
set in the sources file and stored by the refresh (the dashboard only reads the store).

    [headline]
    agencies = ["Ministry of Health", "OCHA", "World Health Organization"]

Between tolls or stocks of one day, a card shows the one of the agency listed first
(dashboard/headlines.py gives the whole rule). A name or alias that the agency table knows
("OCHA", "the health ministry") stands for its agency's name; others are matched as
written, in any case.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from extract.agencies import lookup

from .store import metadata

_KEYS = {"agencies": "a list of agency names"}

# since schema version 8: the order of the [headline] agencies, as the last refresh read it
headline_agencies = sa.Table(
    "headline_agencies", metadata,
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=False),  # 1 first
    sa.Column("agency", sa.Text, nullable=False),
)


class HeadlineError(ValueError):
    """A [headline] table that does not fit; the message names the file, the key and why."""


def load_headline_agencies(path: Path | str) -> list[str]:
    """The agencies of the sources file's [headline] table, in order (none when it has
    none); HeadlineError naming the file and the key for anything that does not fit."""
    path = Path(path)
    try:
        table = tomllib.loads(path.read_text("utf-8")).get("headline", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return []  # (load_sources reports an unreadable file)
    where = f"{path}: [headline]"
    if not isinstance(table, dict):
        raise HeadlineError(f"{where} must be a single table ([headline]), not an array")
    for key in table:
        if key not in _KEYS:
            raise HeadlineError(f"{where}: unknown key {key!r}; known keys: {', '.join(_KEYS)}")
    agencies = table.get("agencies", [])
    if not isinstance(agencies, list) or not all(
            isinstance(a, str) and a.strip() for a in agencies):
        raise HeadlineError(f"{where}: 'agencies' must be a list of non-empty strings, "
                            f"not {agencies!r}")
    names = [_canonical(a) for a in agencies]
    twice = [i for i, a in enumerate(names) if a.casefold() in {b.casefold() for b in names[:i]}]
    if twice:
        raise HeadlineError(f"{where}: the agency {agencies[twice[0]]!r} is listed twice "
                            f"(as {names[twice[0]]!r})")
    return names


def _canonical(name: str) -> str:
    """The agency table's name for a name or alias, else the name as written."""
    name = " ".join(name.split())
    known = lookup(name)
    return known.name if known else name


def store_headline_agencies(conn: Connection, agencies: list[str]) -> bool:
    """Store this order of agencies (as the agency table names them) in place of the one
    stored; True when it changed."""
    agencies = [_canonical(a) for a in agencies]
    stored = list(conn.execute(sa.select(headline_agencies.c.agency)
                               .order_by(headline_agencies.c.position)).scalars())
    if stored == agencies:
        return False
    conn.execute(headline_agencies.delete())
    if agencies:
        conn.execute(headline_agencies.insert(),
                     [{"position": i, "agency": a} for i, a in enumerate(agencies, 1)])
    return True
