"""Documents of one refresh run are equally early (pipeline/arrival.py): two refreshes of a
corpus of same-day copies and same-day statements give the same reprint links, claims and
revisions however many seconds apart their batches were written, on SQLite and on
PostgreSQL; a document fetched by a later refresh still counts as later."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
import sqlalchemy as sa

import pipeline.store as store_module
from pipeline.arrival import Arrivals
from pipeline.refresh import refresh
from pipeline.revisions import revisions_of
from pipeline.sources import Source
from pipeline.store import claims, documents, open_store, revisions

from .test_columns import STORES, postgres_schema_url

DAY = "2026-05-12"
MARKET = """Shells struck the covered market in Pellin on Tuesday morning as traders were
opening their stalls. At least 23 people were killed and 41 were wounded, the Health
Ministry said. Witnesses said the first shell landed near the fish stalls and a second one
hit the roof of the grain hall minutes later. Ambulances from the district hospital took
the wounded away through streets blocked by rubble. The market had reopened only last week
after months of closure, and traders said they had no shelters to run to."""
# each outlet's own stories, published the same day: the Health Ministry's toll in Pellin,
# and the Red Crescent's count of the dead of Monday's strike on a clinic there
STORIES = {
    "Harbour Wire": {
        "market": MARKET,
        "toll": "Fighting around Pellin went on for a fifth day on Tuesday. The Health "
                "Ministry said the death toll in Pellin since the offensive began had risen "
                "to 57. Aid convoys have not reached the town since Friday.",
        "clinic": "The Red Crescent said 14 people were killed when an air strike hit a "
                  "clinic in Pellin on Monday. Its teams pulled survivors from the rubble "
                  "through the night.",
    },
    "Valley Herald": {
        "market": MARKET + "\n\nValley Herald. Subscribe for the morning briefing.",
        "toll": "Residents of Pellin queued for water on Tuesday as fighting went on. The "
                "Health Ministry said the death toll in Pellin since the offensive began "
                "had risen to 52. The main road north remains closed.",
        "clinic": "An air strike on a clinic in Pellin on Monday killed 19 people, the Red "
                  "Crescent said on Tuesday. Volunteers searched the rubble through the "
                  "night.",
    },
}
# the wire's folder is read first, though its keys ("wires:...") sort after the paper's
SOURCES = {"wires": "Harbour Wire", "papers": "Valley Herald"}


def write_corpus(folder: Path) -> dict[str, Source]:
    """Each outlet's three stories, in a folder source of its own; the sources by name."""
    found = {}
    for name, publisher in SOURCES.items():
        (folder / name).mkdir(parents=True)
        for story, text in STORIES[publisher].items():
            (folder / name / f"{story}.txt").write_text(
                f"---\ntitle: {story}\npublisher: {publisher}\n"
                f"url: https://{name}.example/{story}\npublished: {DAY}\n---\n{text}\n",
                encoding="utf-8")
        found[name] = Source(name, "folder", path=folder / name)
    return found


class Clock:
    """The store's clock: from noon on DAY, `step` seconds more at each reading (0: it
    stands still)."""

    def __init__(self, step: int) -> None:
        self.times = (dt.datetime(2026, 5, 12, 12) + dt.timedelta(seconds=step * n)
                      for n in itertools.count())

    def __call__(self) -> dt.datetime:
        return next(self.times)


def stored(url: str) -> dict[str, list[tuple]]:
    """The reprint links, claims and revisions, without the columns that hold the time of
    writing (fetch, first and last seen, found), sorted."""
    engine = sa.create_engine(url)
    found = {}
    with engine.connect() as conn:
        for table, columns in ((documents, [documents.c.key, documents.c.reprint_of]),
                               (claims, None), (revisions, None)):
            columns = columns or [c for c in table.columns if not isinstance(c.type, sa.DateTime)]
            found[table.name] = sorted(conn.execute(sa.select(*columns)).all(), key=repr)
    engine.dispose()
    return found


@pytest.fixture(params=STORES)
def urls(request, tmp_path):
    """Three empty stores' URLs, SQLite or PostgreSQL (schemas named after the test)."""
    if request.param == "sqlite":
        return [f"sqlite:///{tmp_path / f'{n}.sqlite'}" for n in range(3)]
    return [postgres_schema_url(f"arrival_{n}_{request.node.originalname}"[:63])
            for n in range(3)]


def links(rows: dict[str, list[tuple]]) -> dict[str, str | None]:
    return dict(rows["documents"])


def revised(rows: dict[str, list[tuple]]) -> set[tuple]:
    return {(r.kind, r.agency, r.old_value, r.new_value) for r in rows["revisions"]}


def test_one_refresh_gives_the_same_rows_whatever_second_each_batch_was_written(
        urls, tmp_path, monkeypatch):
    sources = list(write_corpus(tmp_path / "corpus").values())
    made = []
    for url, step in zip(urls, (1, 0, 7), strict=True):  # a batch a second, all in one, ...
        monkeypatch.setattr(store_module, "_now", Clock(step))
        run = refresh(open_store(url), sources, batch_size=1, progress=False)
        assert run.status == "ok" and run.documents_changed == 6
        made.append(stored(url))
    assert made[1] == made[0] and made[2] == made[0]
    rows = made[0]
    # the same-day copy and the original: the smaller key is the original, though the
    # wire's copy was written first (a second earlier, or in the same second)
    assert links(rows)["wires:market.txt"] == "papers:market.txt"
    assert links(rows)["papers:market.txt"] is None
    (market,) = [c for c in rows["claims"] if c.value == 23]
    assert (market.documents, market.url) == (2, "https://papers.example/market")
    # the Red Crescent's two counts of the same strike: the paper's is taken as stated first
    assert revised(rows) == {("revised count", "Red Crescent", 19, 14)}


def test_a_document_fetched_by_a_later_refresh_is_later(urls, tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    one, _, _ = urls
    store = open_store(one)
    assert refresh(store, [corpus["wires"]], progress=False).status == "ok"
    # the next refresh, started at once (in the same second, it waits for the next), reads
    # the paper's same-day stories for the first time
    second = refresh(store, list(corpus.values()), progress=False)
    assert second.status == "ok" and second.documents_changed == 3
    rows = stored(one)
    assert links(rows)["papers:market.txt"] == "wires:market.txt"
    assert links(rows)["wires:market.txt"] is None
    (market,) = [c for c in rows["claims"] if c.value == 23]
    assert market.url == "https://wires.example/market"
    assert revised(rows) == {("revised count", "Red Crescent", 14, 19),
                             ("toll down", "Ministry of Health", 57, 52)}
    first, then = store.recent_runs(2)[::-1]
    assert then["started_at"] > first["finished_at"]


def test_a_run_starts_in_a_later_second_than_the_one_before_ended(tmp_path, monkeypatch):
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    noon = dt.datetime(2026, 5, 12, 12)
    monkeypatch.setattr(store_module, "_now", lambda: noon)
    store.finish_run(store.start_run(), "ok", {}, [])
    readings = iter([noon] * 3 + [noon + dt.timedelta(seconds=1)] * 9)
    monkeypatch.setattr(store_module, "_now", lambda: next(readings))
    store.start_run()
    then, before = store.recent_runs(2)
    assert before["finished_at"] == noon and then["started_at"] == noon + dt.timedelta(seconds=1)
    # a clock that stands still is not waited for without end
    monkeypatch.setattr(store_module, "_now", lambda: noon)
    monkeypatch.setattr(store_module, "WAIT_AT_MOST", 0.2)
    store.start_run()
    assert store.recent_runs(1)[0]["started_at"] == noon


def test_arrivals_are_the_runs_starts_and_outside_runs_the_fetch_times():
    noon = dt.datetime(2026, 5, 12, 12)
    minutes = [noon + dt.timedelta(minutes=m) for m in range(10)]
    arrivals = Arrivals((minutes[1], minutes[5], minutes[8]), (minutes[3], minutes[6], None))
    assert [arrivals.arrived(minutes[m]) for m in range(10)] == [
        minutes[0], minutes[1], minutes[1], minutes[1], minutes[4], minutes[5], minutes[5],
        minutes[7], minutes[8], minutes[8]]
    # in one run, the key settles it; a later run's document is later whatever its key
    assert arrivals.order(minutes[2], "a") < arrivals.order(minutes[1], "b")
    assert arrivals.order(minutes[6], "b") < arrivals.order(minutes[7], "a")
    assert arrivals.order(minutes[3], "b") < arrivals.order(minutes[5], "a")


def toll(claim_id: str, value: int, origin: str, first_seen: dt.datetime) -> dict:
    """The ministry's toll in Pellin, stated on DAY in document `origin`."""
    day = dt.date.fromisoformat(DAY)
    return {"claim_id": claim_id, "agency": "Ministry of Health", "category": "killed",
            "scope": "toll", "value": value, "subject": "people", "event_date": None,
            "period_start": None, "period_end": None, "report_date": day,
            "first_published": day, "first_seen": first_seen, "place": "Pellin",
            "place_name": "", "admin1_code": "", "country_code": "", "geo_precision": None,
            "origin": origin, "content_hash": origin, "sentence": f"The toll is {value}.",
            "url": f"https://example.org/{origin}"}


def test_same_day_tolls_of_one_run_are_ordered_by_document_and_of_a_later_run_after():
    noon = dt.datetime(2026, 5, 12, 12)
    one_run = Arrivals((noon,), (noon + dt.timedelta(minutes=5),))
    for seconds in ((1, 9), (9, 1)):  # whichever was written first, "a" (52) came first
        wire, paper = (toll("w", 57, "b", noon + dt.timedelta(seconds=seconds[0])),
                       toll("p", 52, "a", noon + dt.timedelta(seconds=seconds[1])))
        assert revisions_of([paper], [wire], one_run) == []
        assert revisions_of([wire], [paper], one_run) == []
    two_runs = Arrivals((noon, noon + dt.timedelta(minutes=10)),
                        (noon + dt.timedelta(minutes=5), None))
    wire = toll("w", 57, "b", noon + dt.timedelta(seconds=1))
    paper = toll("p", 52, "a", noon + dt.timedelta(minutes=11))
    (row,) = revisions_of([paper], [wire], two_runs)
    assert (row["kind"], row["old_value"], row["new_value"]) == ("toll down", 57, 52)
