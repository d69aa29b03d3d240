"""The dashboard's reading of the store: the CSV download holds exactly the rows on screen."""

import pytest

from dashboard.data import StoreData, View


@pytest.fixture
def data(sample_store):
    loaded = StoreData(sample_store)
    loaded.refresh_if_changed()
    return loaded


def _views(frame):
    publisher = frame.loc[frame["publisher"] != "", "publisher"].iloc[0]
    location = frame.loc[frame["location"] != "", "location"].iloc[0]
    days = frame["day"].dropna().sort_values()
    start, end = days.iloc[len(days) // 3].date(), days.iloc[2 * len(days) // 3].date()
    return [
        View(),
        View(categories=("killed",)),
        View(publishers=(publisher,)),
        View(locations=(location,)),
        View(named_only=True),
        View(start=start, end=end),
        View(categories=("killed", "wounded"), publishers=(publisher,), named_only=True),
    ]


def test_download_rows_are_the_filtered_rows(data):
    assert len(data.frame) > 100
    for view in _views(data.frame):
        shown = set(data.filtered(view)["figure_id"])
        exported = data.export_frame(view)
        assert set(exported["figure_id"]) == shown, view
        assert len(exported) == len(shown)


def test_filters_narrow_the_download(data):
    everything = len(data.export_frame(View()))
    for view in _views(data.frame)[1:]:
        assert 0 < len(data.export_frame(view)) < everything, view
