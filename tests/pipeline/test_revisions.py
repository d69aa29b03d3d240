"""What is a revision (pipeline/revisions.py): an agency stating another value for the same
incident or period, or a toll that goes down; and what is not."""

from __future__ import annotations

import datetime as dt

from pipeline.arrival import Arrivals
from pipeline.revisions import revisions_of

DAY = dt.date(2026, 3, 10)


def claim(claim_id: str, value: int, **fields) -> dict:
    """A stored claim: the ministry's incident toll in Besk on DAY, first stated in
    document a (version 1), unless `fields` say otherwise; version 2 of a document was
    fetched an hour after version 1."""
    fetched = dt.datetime(2026, 3, 10, 12 + (fields.get("content_hash") == "v2"))
    return {"claim_id": claim_id, "agency": "Ministry of Health", "category": "killed",
            "scope": "incident", "value": value, "subject": "people", "event_date": DAY,
            "period_start": None, "period_end": None, "report_date": DAY,
            "first_published": DAY, "first_seen": fetched,
            "place": "Besk", "place_name": "Besk", "admin1_code": "XX-01",
            "country_code": "XXX", "geo_precision": 1, "origin": "a", "content_hash": "v1",
            "sentence": f"The ministry said {value} people were killed.",
            "url": "https://example.org/a"} | fields


def found(new: list[dict], earlier: list[dict]) -> list[tuple]:
    return sorted((r["kind"], r["old_value"], r["new_value"]) for r in revisions_of(new, earlier, Arrivals()))


def test_a_count_of_the_same_incident_raised_the_next_day_is_a_revision():
    old = claim("o", 12)
    new = claim("n", 17, origin="b", content_hash="b1", report_date=DAY + dt.timedelta(1),
                first_published=DAY + dt.timedelta(1), url="https://example.org/b")
    (row,) = revisions_of([new], [old, new], Arrivals())
    assert (row["kind"], row["old_value"], row["new_value"]) == ("revised count", 12, 17)
    assert (row["old_sentence"], row["new_url"]) == (old["sentence"], "https://example.org/b")
    assert (row["old_stated"], row["new_stated"]) == (DAY, DAY + dt.timedelta(1))


def test_the_same_document_read_again_is_no_revision():
    # another value from the same version of the same text: a re-reading, not the agency
    assert found([claim("n", 17)], [claim("o", 12)]) == []
    # the next version of that document at its URL is
    assert found([claim("n", 17, content_hash="v2")], [claim("o", 12)]) == [
        ("revised count", 12, 17)]


def test_incidents_without_a_place_are_revised_only_within_one_document():
    unplaced = {"place": "", "place_name": "", "admin1_code": "", "country_code": ""}
    old = claim("o", 12, **unplaced)
    other_story = claim("n", 17, origin="b", content_hash="b1", **unplaced)
    assert found([other_story], [old]) == []
    assert found([claim("n", 17, content_hash="v2", **unplaced)], [old]) == [
        ("revised count", 12, 17)]


def test_incidents_two_days_apart_or_in_other_places_are_other_incidents():
    old = claim("o", 12)
    later = claim("n", 17, origin="b", content_hash="b1", event_date=DAY + dt.timedelta(2))
    elsewhere = claim("m", 17, origin="b", content_hash="b1", place="Orsel",
                      place_name="Orsel", admin1_code="XX-02")
    assert found([later, elsewhere], [old]) == []


def test_generic_sources_are_one_agency_only_within_one_document():
    officials = {"agency": "local officials"}
    old = claim("o", 12, **officials)
    assert found([claim("n", 17, origin="b", content_hash="b1", **officials)], [old]) == []
    assert found([claim("n", 17, content_hash="v2", **officials)], [old]) == [
        ("revised count", 12, 17)]


def test_a_period_restated_with_another_value_is_a_revision():
    week = {"scope": "period", "event_date": None, "period_start": dt.date(2026, 3, 1),
            "period_end": dt.date(2026, 3, 7)}
    old = claim("o", 40, **week)
    assert found([claim("n", 44, origin="b", content_hash="b1", **week)], [old]) == [
        ("revised count", 40, 44)]
    next_week = week | {"period_start": dt.date(2026, 3, 8), "period_end": dt.date(2026, 3, 14)}
    assert found([claim("m", 44, origin="b", content_hash="b1", **next_week)], [old]) == []


def test_a_toll_that_goes_down_is_a_revision_and_one_that_rises_is_not():
    toll = {"scope": "toll", "event_date": None}
    old = claim("o", 300, **toll)
    lower = claim("n", 280, origin="b", content_hash="b1", report_date=DAY + dt.timedelta(1),
                  **toll)
    higher = claim("m", 320, origin="c", content_hash="c1", report_date=DAY + dt.timedelta(1),
                   **toll)
    assert found([lower], [old]) == [("toll down", 300, 280)]
    assert found([higher], [old]) == []


def test_a_smaller_toll_of_other_people_or_another_place_is_no_revision():
    toll = {"scope": "toll", "event_date": None}
    old = claim("o", 300, **toll)
    later = {"origin": "b", "content_hash": "b1", "report_date": DAY + dt.timedelta(1)}
    health_workers = claim("n", 11, subject="health workers", **toll, **later)
    country = claim("m", 40, place="", place_name="", admin1_code="", geo_precision=4,
                    **toll, **later)
    assert found([health_workers, country], [old]) == []


def test_a_stock_that_goes_down_is_no_revision():
    stock = {"scope": "stock", "category": "displaced", "event_date": None}
    old = claim("o", 18500, **stock)
    fewer = claim("n", 12000, origin="b", content_hash="b1",
                  report_date=DAY + dt.timedelta(7), **stock)
    assert found([fewer], [old]) == []


def test_an_incident_added_to_an_updated_story_is_not_taken_for_the_revision():
    # version 2 raises the toll of the attack of the 10th and adds one of the 11th
    old = claim("o", 6)
    raised = claim("n", 7, content_hash="v2")
    added = claim("m", 1, content_hash="v2", event_date=DAY + dt.timedelta(1))
    assert found([raised, added], [old]) == [("revised count", 6, 7)]


def test_a_claim_no_document_states_is_revised_only_by_its_own_documents_next_version():
    toll = {"scope": "toll", "event_date": None}
    wrong = claim("o", 1200, dropped_at=dt.datetime(2026, 3, 11), **toll)  # marked wrong
    later = {"report_date": DAY + dt.timedelta(1)}
    assert found([claim("n", 130, origin="b", content_hash="b1", **toll, **later)],
                 [wrong]) == []
    assert found([claim("n", 130, content_hash="v2", **toll, **later)], [wrong]) == [
        ("toll down", 1200, 130)]
