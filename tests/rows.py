"""Rows of the tidy table built by hand for tests: every field a plain default a test
can override."""

import datetime as dt

from extract.row import Figure


def a_figure(figure_id: str, value: int, **fields) -> Figure:
    """A killed figure of `value` people stated by a ministry on 2026-03-09, its number at
    the start of its sentence; `fields` replace any of that."""
    row = dict(
        figure_id=figure_id, doc_id="d" * 16, category="killed", value=value, low=value,
        high=value, qualifier="exact", number_text=str(value), subject="people", subset=False,
        agency="Ministry of Health", agency_text="the health ministry", attribution="said",
        report_date=dt.date(2026, 3, 9), period="", period_start=None, period_end=None,
        location="", sentence="", start=0, end=len(str(value)), title="T",
        url="https://example.org/a", publisher="Wire", published=dt.date(2026, 3, 9))
    row.update(fields)
    return Figure(**row)


def a_document(**fields) -> dict:
    """A stored document's row (`Store.replace_document`): key "w:a", published and fetched
    on 2026-03-09; `fields` replace any of that."""
    row = dict(key="w:a", doc_id="d" * 16, source="w", locator="a", url="https://example.org/a",
               title="T", publisher="Wire", published=dt.date(2026, 3, 9),
               fetched_at=dt.datetime(2026, 3, 9), content_hash="h", text="...", language="en")
    row.update(fields)
    return row
