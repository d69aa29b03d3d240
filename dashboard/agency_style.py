"""Each agency's look on the charts: a fixed colour, and a marker (and bar pattern) that
tells apart agencies of one chart that share their colour.

The colour comes from the agency's name alone (its SHA-256 picks one of Paul Tol's
"muted" colours, chosen to stay distinct under the common kinds of colour blindness), so
it is the same under any filter, after any refresh and on any store, and the dashboard
needs nothing stored for it. Nine colours cannot set apart the dozen agencies a chart
shows, so on one chart the agencies that share a colour take, in the order of their
names, the next marker symbol and bar pattern: the first the plain circle (and a plain
bar), the second a square, and so on. An agency's colour never changes; its marker may,
when the agencies shown with it change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

# Paul Tol's muted scheme (https://personal.sron.nl/~pault/#sec:qualitative), without its
# pale grey, which it keeps for missing data
PALETTE = ("#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99",
           "#999933", "#AA4499")
# what tells apart agencies of one chart that share a colour, first to last
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "triangle-down",
           "hexagon", "cross", "pentagon", "hourglass", "triangle-left", "triangle-right",
           "star-square", "diamond-wide", "hexagram", "octagon", "star-diamond", "bowtie",
           "diamond-tall", "star-triangle-up", "triangle-ne", "triangle-sw", "square-x")
PATTERNS = ("", "/", "\\", "x", "-", "|", "+", ".")  # plotly's bar patterns


@dataclass(frozen=True)
class AgencyStyle:
    """How one agency's points look on one chart."""

    colour: str
    symbol: str  # its markers' symbol (a scope's modifier, such as "-open", is added to it)
    pattern: str  # its bars' fill pattern ("" for none)


def agency_colour(agency: str) -> str:
    """The agency's colour: fixed by its name alone."""
    digest = hashlib.sha256(agency.encode("utf-8")).digest()
    return PALETTE[int.from_bytes(digest[:8], "big") % len(PALETTE)]


def agency_styles(agencies: Iterable[str]) -> dict[str, AgencyStyle]:
    """The style of each agency shown together on one chart: its colour, and the marker
    that no other agency of the same colour among them has (up to len(SYMBOLS) agencies of
    one colour, some two hundred agencies on one chart; more start the symbols again), and
    a bar pattern (the same for every len(PATTERNS)-th of one colour)."""
    styles: dict[str, AgencyStyle] = {}
    taken: dict[str, int] = {}
    for agency in sorted(set(agencies)):
        colour = agency_colour(agency)
        variant = taken.get(colour, 0)
        taken[colour] = variant + 1
        styles[agency] = AgencyStyle(colour, SYMBOLS[variant % len(SYMBOLS)],
                                     PATTERNS[variant % len(PATTERNS)])
    return styles
