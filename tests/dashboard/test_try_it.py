"""The try-it panel: a size limit on pasted text and uploads (in the callback and on the
request body), and uploads in UTF-8, Latin-1 or UTF-16."""

import base64
import os

import pytest

from dashboard.app import create_app

from .dash_client import post_callback

MB = 1_000_000


@pytest.fixture
def client(tmp_path):
    return create_app(f"sqlite:///{tmp_path / 'store.sqlite'}").server.test_client()


def try_output(client, text: str | None = None, upload: bytes | None = None,
               filename: str = "report.txt") -> str:
    """The text of the panel after pasting `text` and pressing Extract, or uploading."""
    contents = ("data:text/plain;base64," + base64.b64encode(upload).decode()
                if upload is not None else None)
    response = post_callback(
        client, [("try-output", "children")],
        [("try-run", "n_clicks", None if contents else 1), ("try-upload", "contents", contents)],
        [("try-text", "value", text), ("try-upload", "filename", filename)],
        changed=1 if contents else 0)
    assert response.status_code == 200, response.status_code
    return str(response.get_json()["response"]["try-output"]["children"])


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
