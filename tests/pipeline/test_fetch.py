"""Fetching: only http(s), bounded in time and size, retried on 5xx, conditional, decoded."""

import gzip
import zlib

import pytest
import urllib3

from pipeline.fetch import Fetcher, FetchError, decode
from pipeline.sources import SourceError, load_sources

from .conftest import article


def fast_fetcher(**kwargs):
    options = dict(timeout=urllib3.Timeout(connect=1.0, read=0.5), retries=2, backoff=0.01)
    options.update(kwargs)
    return Fetcher(**options)


def local(fetcher, url, **kwargs):
    """Fetch from the loopback test server: the test opts in to private addresses."""
    return fetcher.get(url, allow_private=True, **kwargs)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "data:text/plain,hi",
                                 "javascript:alert(1)", "example.org/no-scheme"])
def test_only_http_and_https(url):
    with pytest.raises(FetchError, match="only http and https"):
        fast_fetcher().get(url)


def test_page_is_fetched_with_a_user_agent_and_revalidated(server):
    base, site = server
    site.add("/a", article(1, 12))
    fetcher = fast_fetcher()
    first = local(fetcher, base + "/a")
    assert "At least 12 people" in first.text and first.etag
    second = local(fetcher, base + "/a", etag=first.etag)
    assert second.not_modified
    assert site.hits["/a"] == 2


def test_server_errors_are_retried_then_reported(server):
    base, site = server
    site.add("/broken", b"oops", status=500)
    with pytest.raises(FetchError, match=r"/broken: HTTP 500"):
        local(fast_fetcher(retries=2), base + "/broken")
    assert site.hits["/broken"] == 3


def test_slow_page_times_out(server):
    base, site = server
    site.add("/slow", article(2, 3))
    site.delay["/slow"] = 2.0
    with pytest.raises(FetchError, match=r"/slow: timed out"):
        local(fast_fetcher(retries=1), base + "/slow")


def test_redirects_are_followed_within_http(server):
    base, site = server
    site.add("/new", article(3, 7))
    site.add("/old", b"", status=301, headers={"Location": "/new"})
    response = local(fast_fetcher(), base + "/old")
    assert response.url == base + "/new" and "At least 7" in response.text


def test_redirect_to_a_file_url_is_refused(server):
    base, site = server
    site.add("/trap", b"", status=302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="file:///etc/passwd: refused"):
        local(fast_fetcher(), base + "/trap")


def test_huge_page_is_cut_off(server):
    base, site = server
    site.add("/huge", b"<p>" + b"x" * 300_000 + b"</p>")
    with pytest.raises(FetchError, match=r"/huge: .*more than the 100,000 bytes allowed"):
        local(fast_fetcher(max_bytes=100_000), base + "/huge")


def test_page_in_a_declared_legacy_encoding(server):
    base, site = server
    site.add("/latin1", article(4, 9, charset="iso-8859-1"),
             headers={"Content-Type": "text/html; charset=ISO-8859-1"})
    assert "Médecins Sans Frontières" in local(fast_fetcher(), base + "/latin1").text


def test_undeclared_encodings():
    assert decode("Médecins Sans Frontières".encode("cp1252") * 20) .startswith("Médecins")
    with pytest.raises(FetchError, match="http://x/bin: not text"):
        decode(b"\x00\x01\x02\xff" * 100, url="http://x/bin")


def test_malformed_urls_are_one_error_not_a_crash(server, tmp_path):
    base, site = server
    site.add("/bad-redirect", b"", status=302, headers={"Location": "http://[::1"})
    with pytest.raises(FetchError, match="redirect to a malformed URL"):
        local(fast_fetcher(), base + "/bad-redirect")
    with pytest.raises(FetchError, match="not a valid URL"):
        fast_fetcher().get("http://[zz]/")
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nname = "x"\nkind = "urls"\nurls = ["http://[::1"]\n')
    with pytest.raises(SourceError, match="not a valid URL"):
        load_sources(sources)


def test_compressed_pages_are_inflated_within_the_cap(server):
    base, site = server
    page = article(1, 12)
    site.add("/gzip", gzip.compress(page), headers={"Content-Encoding": "gzip"})
    site.add("/twice", gzip.compress(gzip.compress(page)),
             headers={"Content-Encoding": "gzip, gzip"})
    site.add("/deflate", zlib.compress(page), headers={"Content-Encoding": "deflate"})
    for path in ("/gzip", "/twice", "/deflate"):
        assert "At least 12 people" in local(fast_fetcher(), base + path).text
    bomb = gzip.compress(b"\0" * 50_000_000)  # 50 MB of zeros in about 50 kB
    site.add("/bomb", bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="more than the 1,000,000 bytes allowed, once inflated"):
        local(fast_fetcher(max_bytes=1_000_000), base + "/bomb")
    site.add("/br", b"xx", headers={"Content-Encoding": "br"})
    with pytest.raises(FetchError, match="content encoding 'br' is not read"):
        local(fast_fetcher(), base + "/br")
