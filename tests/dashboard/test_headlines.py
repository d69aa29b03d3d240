"""The headline cards' rule and "Where agencies disagree", on stores refreshed from
documents written for these tests: the toll heads, a subset or an incident never does, the
[headline] order decides between tolls of one day, "published" when only the publication
date is known; the comparison sets like beside like."""

from __future__ import annotations

from pathlib import Path

from dashboard.callbacks import view_from_search
from dashboard.comparison import bar_text, comparison_figure, group_label
from dashboard.data import StoreData
from dashboard.headlines import card, headline_cards
from pipeline.refresh import refresh
from pipeline.sources import Source
from pipeline.store import open_store

MINISTRY = ("2026-04-10", "The Ministry of Health said on Friday that 1,200 people have been "
            "killed and 5,300 wounded since the fighting began in March.")
UN_WOUNDED = ("2026-04-12", "Between 10 and 15 people were wounded when a shell hit a market "
              "in Orsel on Sunday, OCHA said.")
CHILDREN = ("2026-04-13", "UNICEF said on Monday that 40 children have been killed since the "
            "fighting began, including 12 girls.")
JOURNALIST = ("2026-04-14", "A journalist was killed by a sniper in Besk on Tuesday, Radio "
              "Tolvan reported.")
OCHA_TOLL = ("2026-04-15", "OCHA said on Wednesday that 1,250 people had been killed since the "
             "fighting began.")
MINISTRY_TOLL = ("2026-04-15", "The Ministry of Health said on Wednesday that 1,300 people had "
                 "been killed since the fighting began.")
WHO_UNDATED = ("2026-04-16", "More than 1,400 people have been killed since the fighting "
               "began, according to the World Health Organization.")


def store_of(folder: Path, documents: list[tuple[str, str]],
             headline: list[str] | None = None) -> str:
    """A store refreshed from these (publication date, text) documents, with this
    [headline] order of agencies."""
    docs = folder / "docs"
    docs.mkdir(exist_ok=True)
    for i, (published, text) in enumerate(documents):
        (docs / f"{i:02d}.txt").write_text(
            f"---\ntitle: Report {i}\npublisher: Desk\npublished: {published}\n---\n{text}\n")
    url = f"sqlite:///{folder / 'store.sqlite'}"
    refresh(open_store(url), [Source("docs", "folder", path=docs)], progress=False,
            headline_agencies=headline)
    return url


def cards(url: str, search: str = "") -> dict[str, list[str]]:
    """Each card's texts (under its category), as the page shows them."""
    data = StoreData(url)
    data.connect()
    found = {}
    for each in headline_cards(*data.headline_rows(view_from_search(search))):
        parts = [p.children for p in card(each).children if p is not None]
        found[parts[0]] = parts[1:]
    data.store.engine.dispose()
    return found


def test_the_toll_heads_and_a_later_incident_is_shown_apart(tmp_path):
    found = cards(store_of(tmp_path, [MINISTRY, UN_WOUNDED]))
    assert found["killed"] == ["latest toll", "1,200", "Ministry of Health, 10 Apr 2026",
                               "1 agency"]
    # the UN's wounded, published later, is an incident: the ministry's toll heads
    assert found["wounded"] == [
        "latest toll", "5,300", "Ministry of Health, 10 Apr 2026", "1 agency",
        "latest incident: 10–15 people, 12 Apr 2026 "
        "(UN Office for the Coordination of Humanitarian Affairs)"]


def test_a_subset_or_a_group_never_heads_over_people_in_general(tmp_path):
    found = cards(store_of(tmp_path, [MINISTRY, CHILDREN]))
    # 40 children (a group, stated later) and 12 girls (a part of them) do not head
    assert found["killed"][:3] == ["latest toll", "1,200", "Ministry of Health, 10 Apr 2026"]
    assert "12" not in " ".join(found["killed"])
    # with only the group's toll, it heads and says whom it counts; its subset never
    (tmp_path / "alone").mkdir()
    alone = cards(store_of(tmp_path / "alone", [CHILDREN]))
    assert alone["killed"] == ["latest toll of children", "40", "UNICEF, 13 Apr 2026",
                               "1 agency"]


def test_a_one_person_incident_never_heads_and_no_toll_is_said(tmp_path):
    found = cards(store_of(tmp_path, [MINISTRY, JOURNALIST]))
    assert found["killed"][:2] == ["latest toll", "1,200"]
    assert found["killed"][-1] == "latest incident: 1 journalist, 14 Apr 2026 (Desk)"
    (tmp_path / "only").mkdir()
    only = cards(store_of(tmp_path / "only", [JOURNALIST]))
    assert only["killed"] == ["no toll or stock stated", "—",
                              "latest incident: 1 journalist, 14 Apr 2026 (Desk)"]


def test_the_settings_order_decides_between_two_tolls_of_one_day(tmp_path):
    documents = [MINISTRY, OCHA_TOLL, MINISTRY_TOLL]
    # without an order, the larger of the day's
    found = cards(store_of(tmp_path, documents))
    assert found["killed"][1:4] == ["1,300", "Ministry of Health, 15 Apr 2026",
                                    "2 agencies: 1,250–1,300"]
    # OCHA first (named by its acronym in the settings): OCHA's
    (tmp_path / "ordered").mkdir()
    ordered = cards(store_of(tmp_path / "ordered", documents, ["OCHA", "Ministry of Health"]))
    assert ordered["killed"][1:4] == [
        "1,250", "UN Office for the Coordination of Humanitarian Affairs, 15 Apr 2026",
        "2 agencies: 1,250–1,300"]
    # the order does not put an older toll before a later one
    later = cards(store_of(tmp_path / "ordered", [*documents, WHO_UNDATED],
                           ["OCHA", "Ministry of Health"]))
    assert later["killed"][1] == "more than 1,400"


def test_published_is_said_when_only_the_publication_date_is_known(tmp_path):
    found = cards(store_of(tmp_path, [MINISTRY, WHO_UNDATED]))
    assert found["killed"][:4] == ["latest toll", "more than 1,400",
                                   "World Health Organization, published 16 Apr 2026",
                                   "2 agencies: 1,200–1,400"]


def test_cards_follow_the_page_filters(tmp_path):
    url = store_of(tmp_path, [MINISTRY, UN_WOUNDED, OCHA_TOLL])
    assert list(cards(url, "?category=wounded")) == ["wounded"]
    assert cards(url, "?agency=Ministry+of+Health")["killed"][1] == "1,200"
    assert cards(url, "?scope=incident")["wounded"][0] == "no toll or stock stated"


ARMY = ("2026-04-12", "The army said on Sunday that 1,100 rebels had been killed in Orsel "
        "since the offensive began.")
FRONT = ("2026-04-12", "The rebel front said on Sunday that 180 rebels had been killed in "
         "Orsel since the offensive began.")
MINISTRY_ORSEL = ("2026-04-11", "The Ministry of Health said on Saturday that 1,200 people "
                  "had been killed in Orsel since the offensive began.")
WHO_ORSEL = ("2026-04-13", "The World Health Organization said on Monday that 900 people had "
             "been killed in Orsel since the offensive began.")


def comparison_of(url: str, category: str = "killed", groups: int | None = 15):
    data = StoreData(url)
    data.connect()
    found = data.comparison_rows(view_from_search(""), category, groups)
    data.store.engine.dispose()
    return found


def test_the_comparison_sets_like_beside_like(tmp_path):
    url = store_of(tmp_path, [ARMY, FRONT, MINISTRY_ORSEL, WHO_ORSEL, JOURNALIST])
    bars, groups = comparison_of(url)
    assert groups == 2
    labels = [(group_label(b), b["agency"], bar_text(b)) for _, b in bars.iterrows()]
    # the rebels apart from the people; the largest gap first; the journalist, counted
    # by one agency only, is no group
    assert [label[0] for label in labels] == ["1. toll · rebels · Orsel"] * 2 + [
        "2. toll · people · Orsel"] * 2
    assert [label[2] for label in labels] == [
        "1,100 rebels, 12 Apr 2026", "180 rebels, 12 Apr 2026",
        "1,200 people, 11 Apr 2026", "900 people, 13 Apr 2026"]
    fig = comparison_figure(bars, "killed", groups)
    assert fig.layout.title.text == "killed: 2 of 2 groups where agencies differ, largest gap first"
    # the first group only, when fewer are asked for
    first, groups = comparison_of(url, groups=1)
    assert groups == 2 and set(first["group_rank"]) == {1}
