"""Which of two documents (or claims) published on one day arrived first (pure): the one
fetched by an earlier refresh run, then the one with the smaller document key.

Fetch times are kept to the second and a refresh writes its batches one after another, so
ordering by the time itself would make two refreshes of one corpus (in one process, or on
a Dask cluster) disagree on which of two same-day copies is the original, or which of an
agency's same-day statements came first, only because a batch was written a second later.
So every document a refresh run fetched arrived when the run started, and its key settles
the tie; a document fetched by a later run (a follow-up story fetched the next day, a new
version of a page) still counts as later. A run starts in a later second than the one
before it ended (`Store.start_run`), so a fetch time tells the run that fetched it: the
latest one started at or before it, unless that one had ended before it. A document
stored outside any run (by a program calling `Store.write` itself) arrived when fetched.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Arrivals:
    """The store's refresh runs: their starts, the earliest first, and their ends (None
    for a run still running, or killed)."""

    starts: tuple[dt.datetime, ...] = ()
    ends: tuple[dt.datetime | None, ...] = ()

    def arrived(self, fetched_at: dt.datetime) -> dt.datetime:
        """When a document fetched at this time arrived: the start of the run that fetched
        it (the fetch time itself outside any run)."""
        run = bisect_right(self.starts, fetched_at) - 1
        if run < 0 or self.ends[run] is not None and self.ends[run] < fetched_at:
            return fetched_at
        return self.starts[run]

    def order(self, fetched_at: dt.datetime, key: str) -> tuple[dt.datetime, str]:
        """The sort key of a document fetched at this time, among those published on its
        day: when it arrived, then its key."""
        return self.arrived(fetched_at), key
