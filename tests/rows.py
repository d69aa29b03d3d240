"""Rows of the tidy table built by hand for tests: every field a plain default a test
can override."""

import datetime as dt

from extract.row import Figure


def a_figure(figure_id: str, value: int, **fields) -> Figure:
    """A killed figure of `value` people stated by a ministry on 2026-03-09, its number at
    the start of its sentence, at no place; `fields` replace any of that (`place`, and the
    gazetteer's `place_name`, `admin1`, `admin1_code`, `country`, `country_code`, `lat`,
    `lon` and `geo_precision`, to place it)."""
    row = dict(
        figure_id=figure_id, doc_id="d" * 16, category="killed", value=value, low=value,
        high=value, qualifier="exact", number_text=str(value), subject="people", subset=False,
        agency="Ministry of Health", agency_text="the health ministry", attribution="said",
        report_date=dt.date(2026, 3, 9), period="", period_start=None, period_end=None,
        place="", sentence="", start=0, end=len(str(value)), title="T",
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


# The place fields of figures in three places, as the gazetteer would fill them: `a_figure(...,
# **MOPTI)` places a figure in Mopti. Mopti lies west of Greenwich: a negative longitude.
TRIPOLI = dict(place="Tripoli", place_name="Tripoli", admin1="Tripoli", admin1_code="LY-TB",
               country="Libya", country_code="LBY", lat=32.8872, lon=13.1913, geo_precision=1)
NORTH_DARFUR = dict(place="North Darfur", place_name="North Darfur", admin1="North Darfur",
                    admin1_code="SD-DN", country="Sudan", country_code="SDN", lat=15.7662,
                    lon=24.9042, geo_precision=3)
MOPTI = dict(place="Mopti", place_name="Mopti", admin1="Mopti", admin1_code="ML-5",
             country="Mali", country_code="MLI", lat=14.4843, lon=-4.1827, geo_precision=1)
