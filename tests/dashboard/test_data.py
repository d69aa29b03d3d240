"""The dashboard's reading of the store: the CSV download holds exactly the rows on screen,
and the charts' summary keeps apart what the charts draw apart."""

import datetime as dt

import pandas as pd
import pytest

from dashboard.data import StoreData, View
from pipeline.store import figures, open_store
from pipeline.summaries import build

from ..rows import a_document, a_figure
from .dash_client import downloaded
from .tables import a_row


def classify(url: str) -> None:
    """Give the stored figures scopes, as the scope classifier would: killed figures are
    tolls, displaced ones stocks, wounded ones not yet classified, the rest incidents."""
    store = open_store(url)
    with store.engine.begin() as conn:
        conn.execute(figures.update().values(scope="incident"))
        for category, scope in (("killed", "toll"), ("displaced", "stock"), ("wounded", "")):
            conn.execute(figures.update().where(figures.c.category == category).values(scope=scope))
        build(conn, dt.datetime.now())  # (the store's summary, as a write would keep it)
    store.engine.dispose()


@pytest.fixture
def data(sample_store):
    classify(sample_store)
    loaded = StoreData(sample_store)
    loaded.refresh_if_changed()
    return loaded


def _views(frame):
    publisher = frame.loc[frame["publisher"] != "", "publisher"].iloc[0]
    place = frame.loc[frame["place"] != "", "place"].iloc[0]
    days = frame["day"].dropna().sort_values()
    start, end = days.iloc[len(days) // 3].date(), days.iloc[2 * len(days) // 3].date()
    return [
        View(),
        View(categories=("killed",)),
        View(publishers=(publisher,)),
        View(places=(place,)),
        View(named_only=True),
        View(start=start, end=end),
        View(categories=("killed", "wounded"), publishers=(publisher,), named_only=True),
        View(scopes=("toll",)),
        View(scopes=("",)),
        View(scopes=("stock", "incident"), named_only=True),
    ]


def test_download_rows_are_the_filtered_rows(data):
    every = data.figure_rows(View())
    assert len(every) > 100
    for view in _views(every):
        shown = set(data.figure_rows(view)["figure_id"])
        exported = downloaded(data, view)
        assert set(exported["figure_id"]) == shown, view
        assert len(exported) == len(shown)


def test_filters_narrow_the_download(data):
    everything = len(downloaded(data, View()))
    for view in _views(data.figure_rows(View()))[1:]:
        assert 0 < len(downloaded(data, view)) < everything, view


def test_scope_filter_keeps_figures_of_the_scopes_chosen(data):
    tolls = downloaded(data, View(scopes=("toll",)))
    assert set(tolls["scope"]) == {"toll"} and set(tolls["category"]) == {"killed"}
    unknown = data.filtered(View(scopes=("",)))
    assert set(unknown["scope"]) == {""} and set(unknown["category"]) == {"wounded"}


def test_the_summary_keeps_scopes_and_event_dates_apart(tmp_path):
    day = dt.date(2026, 3, 9)
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    open_store(url).write([(a_document(), [
        a_row("toll", 300, "toll", report_date=day),
        a_row("big", 400, "incident", report_date=day, event_date=dt.date(2026, 3, 8)),
        a_row("small", 5, "incident", report_date=day, event_date=dt.date(2026, 3, 7)),
        a_row("same", 3, "incident", report_date=day, event_date=dt.date(2026, 3, 7)),
        a_row("week", 50, "period", report_date=day, period_start=dt.date(2026, 3, 2),
              period_end=day),
    ])])
    data = StoreData(url)
    data.connect()
    summary = data.filtered(View())
    assert sorted(summary["figure_id"]) == ["big", "small", "toll", "week"]
    assert summary.set_index("figure_id")["figures"].to_dict() == {
        "big": 1, "small": 2, "toll": 1, "week": 1}


def test_named_agency_only_leaves_out_unnamed_sources_everywhere(data):
    # "officials", "police", "residents" are stored as "unnamed: officials" and so on:
    # no named agency, so the "named agency only" view leaves them out of the charts'
    # summary, the evidence and the download alike, as it leaves out the publisher's own
    every = data.figure_rows(View())
    assert every["agency"].str.startswith("unnamed: ").any()
    named = View(named_only=True)
    for rows in (data.figure_rows(named), downloaded(data, named), data.filtered(named)):
        assert len(rows) > 0
        assert not rows["agency"].str[:1].str.islower().any()
        assert not (rows["attribution"] == "publisher").any()


def test_a_correction_of_a_groups_smaller_figure_is_a_new_store_version(tmp_path):
    """The grid reloads when the store's version changes: a correction that changes no row
    of the summary (a group's smaller figure) still changes it, and so does a figure's new
    version."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = open_store(url)
    store.write([(a_document(), [a_figure("1" * 16, 12, scope="toll"),
                                 a_figure("2" * 16, 20, start=10, end=12, scope="toll")])],
                now=dt.datetime(2026, 3, 9, 8))
    data = StoreData(url)
    data.refresh_if_changed()
    assert not data.refresh_if_changed()
    store.correct("1" * 16, "value", "13", "typo", "editor", now=dt.datetime(2026, 3, 10, 8))
    assert data.refresh_if_changed() and not data.refresh_if_changed()


def test_the_figure_rows_carry_the_day_the_store_holds(tmp_path):
    """The page's figure rows read each figure's stored `day` (pipeline.store.day_of, kept
    by every write), not a rule of their own."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = open_store(url)
    store.write([(a_document(published=dt.date(2026, 3, 9)),
                  [a_figure("1" * 16, 12, report_date=None),
                   a_figure("2" * 16, 20, start=10, end=12, report_date=dt.date(2026, 3, 7))])])
    with store.engine.begin() as conn:  # as a later rule of the day would store it
        conn.execute(figures.update().where(figures.c.figure_id == "1" * 16).values(
            day=dt.date(2026, 3, 1)))
    data = StoreData(url)
    data.refresh_if_changed()
    days = dict(zip(data.figure_rows(View())["figure_id"], data.figure_rows(View())["day"],
                    strict=True))
    assert days == {"1" * 16: pd.Timestamp("2026-03-01"), "2" * 16: pd.Timestamp("2026-03-07")}
