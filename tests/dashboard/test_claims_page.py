"""Claims on the page: a claim is one point however many documents carry it, a figure a
person marked wrong is never counted, the Changes view and /changes.atom list what the
store learned (escaped), a card says when its figure was revised in the last day, and the
"as of" time in the URL shows the store as it stood then."""

import datetime as dt

import feedparser

from dashboard.app import create_app
from dashboard.callbacks import as_of_text, query_string, view_from_search
from pipeline.history import utc_time
from pipeline.store import Store, open_store

from ..rows import a_document, a_figure
from .dash_client import (
    SYNC_OUTPUTS,
    call_evidence,
    changed_input,
    comparison_response,
    download_rows,
    evidence_response,
    evidence_rows,
    page_response,
    post_callback,
    sync_inputs,
    texts,
)

# a wire story: its publisher's text, which two other outlets reprint word for word
STORY = ("The Ministry of Health said on Monday that at least 42 people have been killed "
         "since the floods began in Beledweyne, where rescuers are still searching the river "
         "banks for survivors and aid is slowly arriving by road from the capital. ") * 3
SAID = "At least 42 people have been killed since the floods began, the ministry said."
HOSTILE = 'The toll fell to 40 <img src="http://127.0.0.1:9/p.png"> **bold** \x0b[x](javascript:1)'
ATOM_NS = "http://www.w3.org/2005/Atom"


def toll(figure_id: str, value: int, **fields):
    return a_figure(figure_id, value, **({"scope": "toll", "sentence": SAID} | fields))


def mark_wrong(store: Store, figure_id: str, reason: str, when: dt.datetime) -> None:
    """A person marks a figure wrong, at `when`."""
    assert store.correct(figure_id, "wrong", "yes", reason, "editor", now=when)


def claims_store(tmp_path) -> str:
    """9 March: Wire's story, the ministry's toll of 42. 10 March: two outlets reprint it,
    a radio and a paper state the same toll in their own words, and a page whose url is a
    script states 3 wounded. 11 March 08:00: the ministry's toll of 40 (a toll down: a
    revision), in a sentence full of markup. 09:00: an editor marks another agency's toll
    of 900 (stored on 9 March) wrong."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    store = open_store(url)

    def doc(key: str, publisher: str, day: int, text: str, **fields) -> dict:
        return a_document(**{"key": f"w:{key}", "locator": key,
                             "url": f"https://{key}.example/story", "publisher": publisher,
                             "published": dt.date(2026, 3, day), "text": text} | fields)

    store.write([(doc("wire", "Wire", 9, STORY), [toll("a" * 16, 42)]),
                 (doc("other", "Other", 9, "Another agency counts 900 dead."),
                  [toll("9" * 16, 900, agency="Other Agency", sentence="900 dead, it said.")])],
                now=dt.datetime(2026, 3, 9, 8))
    store.write([
        (doc("copy1", "Copy One", 10, STORY), [toll("b" * 16, 42)]),
        (doc("copy2", "Copy Two", 10, STORY), [toll("c" * 16, 42)]),
        (doc("radio", "Radio", 10, "The ministry's count: 42 dead so far in the flooded town."),
         [toll("d" * 16, 42)]),
        (doc("paper", "Paper", 10, "Forty-two have died in the floods, says the ministry."),
         [toll("e" * 16, 42)]),
        (doc("script", "Script", 10, "Three wounded.", url="javascript:alert(1)"),
         [a_figure("s" * 16, 3, category="wounded", scope="incident", sentence="3 wounded.",
                   report_date=dt.date(2026, 3, 10))]),
    ], now=dt.datetime(2026, 3, 10, 8))
    store.write([(doc("update", "Wire", 11, "The toll fell to 40."),
                  [toll("f" * 16, 40, report_date=dt.date(2026, 3, 11), sentence=HOSTILE)])],
                now=dt.datetime(2026, 3, 11, 8))
    mark_wrong(store, "9" * 16, "double counted", dt.datetime(2026, 3, 11, 9))
    store.engine.dispose()
    return url


def page(client, search: str = "") -> dict:
    """The cards, charts and message of the page at this query string, and its comparison
    of killed."""
    found = {}
    for response in (page_response(client, search), comparison_response(client, search)):
        assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
        found |= response.get_json()["response"]
    return found


def card_texts(response: dict, category: str = "killed") -> list[str]:
    cards = response["cards"]["children"]
    (card,) = [c for c in cards if texts(c)[0] == category]
    return texts(card)


def test_a_claim_carried_by_reprints_and_other_outlets_is_one_point(tmp_path):
    client = create_app(claims_store(tmp_path)).server.test_client()
    traces = page(client, "?as_of=2026-03-10T12:00")["timeseries"]["figure"]["data"]
    points = [(y, hover) for t in traces for y, hover in zip(t["y"], t["hovertext"],
                                                               strict=True)]
    # five documents (the story, its two reprints, the radio's and the paper's) are one
    # claim of the ministry: one point, whose hover says who carried it
    assert [y for y, _ in points].count(42) == 1
    (hover,) = [h for y, h in points if y == 42]
    assert "carried by 5 documents, 3 independent publishers" in hover
    # the same now, from the claims the store keeps
    traces = page(client)["timeseries"]["figure"]["data"]
    hovers = [h for t in traces for y, h in zip(t["y"], t["hovertext"], strict=True) if y == 42]
    assert len(hovers) == 1 and "carried by 5 documents, 3 independent publishers" in hovers[0]


def test_a_figure_marked_wrong_is_not_counted_but_shown_marked(tmp_path):
    app = create_app(claims_store(tmp_path))
    response = page(app.server.test_client(), "?category=killed")
    values = {y for t in response["timeseries"]["figure"]["data"] for y in t["y"]}
    assert 900 not in values and {40, 42} <= values
    assert "900" not in " ".join(card_texts(response))
    bars = [t for trace in response["comparison"]["figure"]["data"] for t in trace["text"]]
    assert not any(t.startswith("900") for t in bars)
    then = page(app.server.test_client(), "?category=killed&as_of=2026-03-10T12:00")
    bars = [t for trace in then["comparison"]["figure"]["data"] for t in trace["text"]]
    assert any(t.startswith("900") for t in bars)
    rows = {r["figure_id"]: r for r in call_evidence(app, 0)}
    assert rows["9" * 16]["stated"] == "900 (marked wrong: double counted)"
    assert rows["9" * 16]["wrong"] == "yes" and rows["a" * 16]["wrong"] == ""


def changes_view(client, search: str = "") -> list:
    response = post_callback(client, [("changes", "children"), ("changes-drawn", "data")],
                             [("url", "search", search), ("changes-poll", "n_intervals", 0)],
                             [("changes-drawn", "data", None)])
    assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
    return response.get_json()["response"]["changes"]["children"]["props"]["children"]


def links(component) -> list[str]:
    """The href of every link in a component tree (as JSON)."""
    if isinstance(component, list):
        return [h for c in component for h in links(c)]
    if not isinstance(component, dict):
        return []
    props = component.get("props", {})
    own = [props["href"]] if component.get("type") == "A" else []
    return own + links(props.get("children"))


def test_the_changes_view_lists_a_revision_with_both_statements_newest_first(tmp_path):
    items = changes_view(create_app(claims_store(tmp_path)).server.test_client())
    whens = [texts(i)[0] for i in items]
    assert whens == sorted(whens, reverse=True)
    kinds = [texts(i)[1] for i in items]
    assert kinds[:2] == ["correction", "revision"]  # 09:00, then 08:00's revision first
    revision = texts(items[1])
    assert "Ministry of Health: killed 42 → 40" in revision
    # before and after, each its sentence as text (markup and all) and a link to it
    assert revision[revision.index("before: ") + 1] == SAID
    assert revision[revision.index("after: ") + 1] == HOSTILE
    assert links(items[1]) == ["https://wire.example/story", "https://update.example/story",
                               "https://update.example/story"]
    # a new claim from a page whose url is a script: its statement, and no link
    (script,) = [i for i in items if "3 wounded." in texts(i)]
    assert links(script) == []
    # as of 10 March, noon: nothing later
    earlier = changes_view(create_app(claims_store(tmp_path / "b")).server.test_client(),
                           "?as_of=2026-03-10T12:00")
    assert {texts(i)[1] for i in earlier} == {"new claim"}


def test_changes_atom_is_the_feed_with_everything_escaped(tmp_path):
    client = create_app(claims_store(tmp_path)).server.test_client()
    response = client.get("/changes.atom")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    body = response.get_data()
    assert b"<img" not in body and b"&lt;img" in body and b"\x0b" not in body
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Casualty figures: changes"
    entries = feed.entries
    assert [e.updated_parsed for e in entries] == sorted(
        [e.updated_parsed for e in entries], reverse=True)
    assert len({e.id for e in entries}) == len(entries)
    assert entries[0].title.startswith("correction: editor marked figure 9999999999999999 wrong")
    revision = entries[1]
    assert revision.title == "revision: Ministry of Health: killed 42 → 40"
    assert revision.link == "https://update.example/story"
    assert revision.updated == "2026-03-11T08:00:00+00:00"
    assert HOSTILE.replace("\x0b", "") in revision.content[0].value
    assert f"before: {SAID}" in revision.content[0].value
    # the ids do not change from one reading to the next
    again = feedparser.parse(client.get("/changes.atom").get_data())
    assert [e.id for e in again.entries] == [e.id for e in entries]
    # a script url is no link
    (script,) = [e for e in entries if "3 wounded." in e.content[0].value]
    assert script.get("links", []) == [] and "javascript" not in str(script)
    since = feedparser.parse(client.get("/changes.atom?since=2026-03-11T08:30").get_data())
    assert [e.id for e in since.entries] == [entries[0].id]
    day = feedparser.parse(client.get("/changes.atom?since=2026-03-11").get_data())
    assert len(day.entries) == 3  # the correction, the revision and the new claim of 40
    assert client.get("/changes.atom?since=soon").status_code == 400


def test_a_card_marks_its_figure_revised_in_the_last_day(tmp_path):
    url = claims_store(tmp_path)
    client = create_app(url).server.test_client()
    now = card_texts(page(client))
    assert "40" in now and "revised in the last day, from 42" in now
    # as of 10 March the ministry's card shows 42, and nothing was revised then
    then = card_texts(page(client, "?agency=Ministry+of+Health&as_of=2026-03-10"))
    assert "42" in then and not any(t.startswith("revised") for t in then)
    # the last day is the day before the store's latest write: after a write more than a
    # day after the revision, it is no longer marked
    open_store(url).write([(a_document(key="w:later", locator="later", text="Five wounded."),
                            [a_figure("l" * 16, 5, category="wounded", sentence="5 wounded.")])],
                          now=dt.datetime(2026, 3, 12, 9))
    later = create_app(url).server.test_client()
    assert not any(t.startswith("revised") for t in card_texts(page(later)))
    assert "revised in the last day, from 42" in card_texts(page(later, "?as_of=2026-03-12T08:00"))


def test_a_correction_a_day_after_the_revision_ends_its_mark(tmp_path):
    """The store's latest write is any write: a person marking the script's figure wrong
    more than a day after the revision (a write that opens no summary row) ends the mark."""
    url = claims_store(tmp_path)
    mark_wrong(open_store(url), "s" * 16, "not an incident", dt.datetime(2026, 3, 12, 9))
    client = create_app(url).server.test_client()
    assert not any(t.startswith("revised") for t in card_texts(page(client)))
    assert "revised in the last day, from 42" in card_texts(page(client,
                                                                 "?as_of=2026-03-12T08:00"))


def test_as_of_round_trips_through_the_url_and_shows_the_older_store(tmp_path):
    assert utc_time("2026-03-10 09:00") == dt.datetime(2026, 3, 10, 9)
    assert utc_time("2026-03-10T10:00+01:00") == dt.datetime(2026, 3, 10, 9)
    assert utc_time("2026-03-10") == dt.datetime(2026, 3, 10, 23, 59, 59, 999999)
    assert utc_time("") is None and utc_time("yesterday") is None
    assert as_of_text("2026-03-10 09:00") == "2026-03-10T09:00"
    assert view_from_search("?as_of=2026-03-10T09%3A00").as_of == dt.datetime(2026, 3, 10, 9)
    assert query_string({}, None, None, [], None, "nonsense") == ""

    client = create_app(claims_store(tmp_path)).server.test_client()
    inputs = sync_inputs(values={"f-category": ["killed"]}, as_of="2026-03-10 09:00")
    written = post_callback(client, SYNC_OUTPUTS, inputs, changed=changed_input("f-as-of"))
    search = written.get_json()["response"]["url"]["search"]
    assert search == "?category=killed&as_of=2026-03-10T09%3A00"
    read = post_callback(client, SYNC_OUTPUTS, sync_inputs(search), changed=0)
    assert read.get_json()["response"]["f-as-of"]["value"] == "2026-03-10T09:00"

    then = page(client, search)
    assert "as it stood at 10 Mar 2026 09:00 UTC" in str(then["message"])
    # the 900 was not yet marked wrong, the 40 not yet stated
    assert "2 agencies: 42–900" in card_texts(then)
    assert "1 agency" in card_texts(page(client, "?category=killed"))
    # the evidence as it stood: the 900 not yet marked wrong, the 40 not yet stated
    rows = evidence_rows(evidence_response(client, search=search))
    stated = {r["figure_id"]: r["stated"] for r in rows}
    assert stated["9" * 16] == "900" and "f" * 16 not in stated
    assert len(rows) == 6
    # before the first write, the store held nothing
    before = page(client, "?as_of=2026-03-01")
    assert "held no figures" in str(before["message"])
    assert before["timeseries-summary"]["children"] == "The chart shows no figures."


def test_the_download_as_of_is_the_older_table(tmp_path):
    client = create_app(claims_store(tmp_path)).server.test_client()
    rows = download_rows(client, "?as_of=2026-03-10T09:00")
    assert sorted(r["value"] for r in rows if r["category"] == "killed") == [
        "42", "42", "42", "42", "42", "900"]
