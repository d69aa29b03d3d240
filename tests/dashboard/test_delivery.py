"""The page delivered light: scripts and data compressed as the browser accepts, the
fingerprinted scripts (plotly's among them) cached as immutable, nothing else cached as
if it never changed, and every response the same once uncompressed."""

import re
import zlib

import brotli
import pytest

from dashboard.app import create_app
from dashboard.delivery import A_DAY, IMMUTABLE

from .dash_client import evidence_response

PLOTLY = "/_dash-component-suites/plotly/package_data/plotly.min.js"  # as Dash asks for it


@pytest.fixture
def client(sample_store):
    return create_app(sample_store).server.test_client()


def page_scripts(client) -> list[str]:
    """The scripts the page's HTML loads."""
    return re.findall(r'<script src="([^"]+)"', client.get("/").get_data(as_text=True))


def test_scripts_come_compressed_as_the_browser_accepts_and_decode_to_the_same(client):
    scripts = page_scripts(client)
    assert any("dash_core_components" in s for s in scripts)
    for script in scripts + [PLOTLY]:
        plain = client.get(script, headers={"Accept-Encoding": "identity"})
        assert plain.status_code == 200 and "Content-Encoding" not in plain.headers, script
        body = plain.get_data()
        for encoding, decode in (("br", brotli.decompress),
                                 ("gzip", lambda b: zlib.decompress(b, 16 + zlib.MAX_WBITS))):
            packed = client.get(script, headers={"Accept-Encoding": encoding})
            assert packed.headers["Content-Encoding"] == encoding, script
            assert decode(packed.get_data()) == body, script
            assert "Accept-Encoding" in packed.headers["Vary"]
    # plotly's bundle, the largest, shrinks to under a third
    plotly = client.get(PLOTLY, headers={"Accept-Encoding": "br"})
    full = client.get(PLOTLY, headers={"Accept-Encoding": "identity"})
    assert len(plotly.get_data()) * 3 < len(full.get_data())


def test_scripts_are_kept_by_the_browser_and_the_page_and_data_are_not(client):
    fingerprinted = [s for s in page_scripts(client) if re.search(r"\.v[\w]+m\d+\.", s)]
    assert fingerprinted
    for script in fingerprinted:
        assert client.get(script).headers["Cache-Control"] == IMMUTABLE, script
    # plotly's bundle and the chunks Dash loads later have no fingerprint: a day, then
    # their ETag says they have not changed
    for script in (PLOTLY, "/_dash-component-suites/dash/dcc/async-graph.js"):
        first = client.get(script)
        assert first.headers["Cache-Control"] == A_DAY, script
        again = client.get(script, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.get_data() == b"", script
    assert "max-age" not in client.get("/").headers.get("Cache-Control", "")
    assert "max-age" not in client.get("/_dash-layout").headers.get("Cache-Control", "")


def test_callbacks_are_compressed_but_never_served_from_the_scripts_cache(client):
    client.environ_base["HTTP_ACCEPT_ENCODING"] = "br"
    first = evidence_response(client, search="?category=killed")
    second = evidence_response(client, search="?category=wounded")
    assert first.headers["Content-Encoding"] == "br"
    killed, wounded = (brotli.decompress(r.get_data()) for r in (first, second))
    assert b"wounded" in wounded and killed != wounded
