"""The try-it panel: a size limit on pasted text and uploads (in the callback and on the
request body), uploads in UTF-8, Latin-1 or UTF-16, the publication date and publisher
boxes (so that "said Thursday" resolves), and the figures table first, each row linking
to its highlight in the text."""

import base64
import os
import shutil

import pytest

from dashboard.app import create_app

from .conftest import CHROMIUM
from .dash_client import post_callback
from .grid import wait_for
from .tabs import open_tab

MB = 1_000_000


@pytest.fixture
def client(tmp_path):
    return create_app(f"sqlite:///{tmp_path / 'store.sqlite'}").server.test_client()


def try_response(client, text: str | None = None, upload: bytes | None = None,
                 filename: str = "report.txt", published: str | None = None,
                 publisher: str | None = None):
    """The panel's children (as JSON) after pasting `text` and pressing Extract, or
    uploading, with the publication date and publisher boxes filled or not."""
    contents = ("data:text/plain;base64," + base64.b64encode(upload).decode()
                if upload is not None else None)
    response = post_callback(
        client, [("try-output", "children")],
        [("try-run", "n_clicks", None if contents else 1), ("try-upload", "contents", contents)],
        [("try-text", "value", text), ("try-upload", "filename", filename),
         ("try-published", "value", published), ("try-publisher", "value", publisher)],
        changed=1 if contents else 0)
    assert response.status_code == 200, response.status_code
    return response.get_json()["response"]["try-output"]["children"]


def try_output(client, text: str | None = None, upload: bytes | None = None,
               filename: str = "report.txt", **boxes) -> str:
    """The text of the panel after pasting `text` and pressing Extract, or uploading."""
    return str(try_response(client, text, upload, filename, **boxes))


def test_pasted_text_over_the_limit_is_refused_with_its_size(client):
    text = "Gunmen killed 14 villagers, the police said. " * (1_500_000 // 45)
    output = try_output(client, text=text)
    assert "The pasted text is 1.5 MB; the limit is 1 MB." in output
    assert "mark" not in output


def test_upload_over_the_limit_is_refused_with_its_size(client):
    output = try_output(client, upload=b"Gunmen killed 14 villagers. " * (2 * MB // 28),
                        filename="big.txt")
    assert "big.txt is 2.0 MB; the limit is 1 MB." in output


def test_the_limit_is_configurable(tmp_path):
    small = create_app(f"sqlite:///{tmp_path / 's.sqlite'}", max_text=50_000).server.test_client()
    assert "The pasted text is 60.0 kB; the limit is 50 kB." in try_output(small, text="x" * 60_000)
    assert "is 50,001 bytes; the limit is 50,000 bytes." in try_output(small, text="x" * 50_001)
    assert "killed" in try_output(small, text="Gunmen killed 14 villagers, the police said.")


def test_a_request_body_over_the_limit_gets_413(client):
    body = b'{"output": "try-output.children", "inputs": ["' + b"x" * (50 * MB) + b'"]}'
    response = client.post("/_dash-update-component", data=body,
                           content_type="application/json")
    assert response.status_code == 413


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_uploads_in_other_encodings_are_read(client, encoding):
    text = ("ORSEL - Le ministère de la Santé a déclaré mardi que 23 personnes ont été tuées "
            "à Orsel. Les combats se sont poursuivis pendant la nuit, selon des témoins. ") * 3
    text += "Gunmen killed 14 villagers near Orsel, the police said on Monday."
    output = try_output(client, upload=text.encode(encoding))
    assert "cannot read" not in output and "killed: 14" in output
    assert "ministère" in output


def test_binary_uploads_are_refused_with_the_reason(client):
    output = try_output(client, upload=b"\x89PNG\r\n\x1a\n" + os.urandom(3000),
                        filename="photo.png")
    assert "photo.png: cannot read this file (" in output


THURSDAY = ("Gunmen killed 14 villagers and wounded 6 in Besk, the police said on Thursday. "
            "Separately, 3 people were killed in Orsel, the army said.")


def rows_of(table: dict) -> list[list]:
    """The cells of a figures table's body rows, as serialised children."""
    body = table["props"]["children"][1]
    return [[cell["props"]["children"] for cell in row["props"]["children"]]
            for row in body["props"]["children"]]


def test_said_thursday_resolves_against_the_publication_date_box(client):
    table, _ = try_response(client, text=THURSDAY, published="2026-03-14", publisher="Desk")
    assert [r[3] for r in rows_of(table)] == ["2026-03-12", "2026-03-12", ""]
    # the army's figure is unattributed to a day; without a date none resolves
    table, _ = try_response(client, text=THURSDAY)
    assert [r[3] for r in rows_of(table)] == ["", "", ""]


def test_the_publisher_box_names_the_agency_when_no_one_else_does(client):
    table, _ = try_response(client, text="At least 9 people were killed in Besk.",
                            publisher="Coastline Wire")
    assert rows_of(table)[0][2] == "Coastline Wire"


def test_an_upload_keeps_its_own_date_and_the_box_fills_a_missing_one(client):
    dated = b"---\npublished: 2026-03-21\n---\n" + THURSDAY.encode()
    table, _ = try_response(client, upload=dated, published="2026-03-14")
    assert rows_of(table)[0][3] == "2026-03-19"  # its own date's Thursday
    table, _ = try_response(client, upload=THURSDAY.encode(), published="2026-03-14")
    assert rows_of(table)[0][3] == "2026-03-12"


def test_a_publication_date_that_is_no_date_is_refused_in_one_line(client):
    output = try_output(client, text=THURSDAY, published="Thursday")
    assert "The publication date 'Thursday' is not a date: write it as YYYY-MM-DD." in output
    assert "mark" not in output


def test_the_table_comes_first_and_each_row_links_to_its_highlight(client):
    table, text = try_response(client, text=THURSDAY, published="2026-03-14")
    assert (table["type"], table["props"]["id"]) == ("Table", "try-figures")
    assert text["props"]["id"] == "tried-text"
    links = [row[4]["props"]["href"] for row in rows_of(table)]
    marks = {part["props"]["id"]: part["props"]["children"] for part in text["props"]["children"]
             if isinstance(part, dict)}
    assert links == ["#try-mark-0", "#try-mark-1", "#try-mark-2"]
    assert [marks[link[1:]] for link in links] == ["14", "6", "3"]
    assert all(part["props"]["tabIndex"] == "-1" for part in text["props"]["children"]
               if isinstance(part, dict))


@pytest.mark.skipif(CHROMIUM is None or shutil.which("chromedriver") is None,
                    reason="no chromium and chromedriver")
def test_in_chromium_the_dated_table_comes_first_and_a_row_takes_you_to_its_figure(
        dash_duo, tmp_path):
    dash_duo.start_server(create_app(f"sqlite:///{tmp_path / 'store.sqlite'}"))
    dash_duo.driver.set_window_size(1000, 700)
    open_tab(dash_duo, "try-it")
    # a long text, so that the last figure's highlight is below the fold
    text = THURSDAY + " The town was calm on Friday." * 120 + " Police said 5 were detained."
    dash_duo.wait_for_element("#try-text", timeout=20).send_keys(text)
    dash_duo.find_element("#try-published").send_keys("2026-03-14")
    dash_duo.find_element("#try-run").click()
    dash_duo.wait_for_element("#try-figures tbody tr", timeout=20)
    rows = [[td.text for td in tr.find_elements("css selector", "td")]
            for tr in dash_duo.find_elements("#try-figures tbody tr")]
    assert [(r[0], r[1], r[3]) for r in rows[:2]] == [("killed", "14", "2026-03-12"),
                                                      ("wounded", "6", "2026-03-12")]
    # the table comes before the echoed text
    assert dash_duo.driver.execute_script(
        "return document.getElementById('try-figures').compareDocumentPosition("
        "document.getElementById('tried-text')) & Node.DOCUMENT_POSITION_FOLLOWING") > 0
    # the last row's words take the reader to its highlight, focused and in view
    last = dash_duo.find_elements("#try-figures a.to-mark")[-1]
    assert last.text == "5"
    mark = last.get_attribute("hash")[1:]
    mark_element = dash_duo.find_element(f"#{mark}")
    assert not in_view(dash_duo, mark_element)
    last.click()
    wait_for(lambda: dash_duo.driver.execute_script("return location.hash") == f"#{mark}")
    wait_for(lambda: dash_duo.driver.execute_script("return document.activeElement.id") == mark)
    assert mark_element.text == "5" and in_view(dash_duo, mark_element)
    assert dash_duo.get_logs() == []


def in_view(dash_duo, element) -> bool:
    """Whether an element lies within the window's height."""
    return dash_duo.driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight", element)
