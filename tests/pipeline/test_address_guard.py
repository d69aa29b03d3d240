"""No reaching into private networks: every hop's host is resolved and its addresses
checked before connecting. The check is tested as a function of addresses (and of names
through a stubbed resolver); the refusal end to end with loopback URLs only."""

import ipaddress
import textwrap

import pytest
import urllib3

from pipeline.fetch import AddressRefused, Fetcher, FetchError, address_kind, checked_addresses
from pipeline.refresh import refresh
from pipeline.sources import Source, load_sources
from pipeline.store import open_store

from ..loopback import serving, urls_sources_file
from .conftest import Site, _handler, article, feed

REFUSED = {
    "127.0.0.1": "loopback", "127.255.0.9": "loopback", "::1": "loopback",
    "10.1.2.3": "private", "172.16.0.1": "private", "192.168.1.1": "private",
    "169.254.169.254": "link-local", "fe80::1": "link-local", "fc00::1": "private",
    "0.0.0.0": "unspecified", "::": "unspecified", "224.0.0.1": "multicast",
    "240.0.0.1": "reserved", "100.64.0.1": "non-public", "192.0.2.1": "private",
    "::ffff:127.0.0.1": "loopback", "::ffff:169.254.169.254": "link-local",
    "64:ff9b::a9fe:a9fe": "link-local", "2002:7f00:1::": "loopback", "fec0::1": "site-local",
}
PUBLIC = ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "1.1.1.1"]


@pytest.mark.parametrize("address,kind", REFUSED.items())
def test_inward_addresses_are_named_and_refused(address, kind):
    assert address_kind(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address):
    assert address_kind(ipaddress.ip_address(address)) == ""


def stub(table):
    """A resolver that answers from a table, never from the network."""
    return lambda host, port: table[host]


def test_names_are_judged_by_every_address_they_resolve_to():
    resolver = stub({"news.example": ["93.184.216.34"],
                     "rebind.example": ["93.184.216.34", "127.0.0.1"],
                     "metadata.example": ["169.254.169.254"]})
    assert checked_addresses("news.example", 80, resolver=resolver) == ["93.184.216.34"]
    with pytest.raises(AddressRefused, match=r"rebind.example \(127.0.0.1\) is a loopback"):
        checked_addresses("rebind.example", 80, resolver=resolver)
    with pytest.raises(AddressRefused, match="link-local.*allow_private"):
        checked_addresses("metadata.example", 80, resolver=resolver)
    assert checked_addresses("metadata.example", 80, allow_private=True,
                             resolver=resolver) == ["169.254.169.254"]


def fetcher(**kwargs):
    return Fetcher(timeout=urllib3.Timeout(connect=1.0, read=1.0), retries=0, backoff=0.01,
                   **kwargs)


def test_a_loopback_url_is_refused_before_connecting(server):
    base, site = server
    site.add("/secret", b"<p>internal</p>")
    with pytest.raises(FetchError, match=r"/secret: refused: 127.0.0.1 is a loopback address"):
        fetcher().get(base + "/secret")
    assert site.hits == {}
    assert "internal" in fetcher().get(base + "/secret", allow_private=True).text


@pytest.fixture
def keepalive_server():
    """A loopback server that keeps connections alive (HTTP/1.1)."""
    site = Site()

    class KeepAlive(_handler(site)):
        protocol_version = "HTTP/1.1"

    with serving(KeepAlive) as base:
        yield base, site


def test_a_connection_kept_alive_for_an_intranet_source_is_not_reused_by_another(
        keepalive_server):
    base, site = keepalive_server
    site.add("/intranet", b"<p>internal</p>")
    shared = fetcher()
    assert "internal" in shared.get(base + "/intranet", allow_private=True).text
    with pytest.raises(FetchError, match="refused: 127.0.0.1 is a loopback address"):
        shared.get(base + "/intranet")
    assert site.hits == {"/intranet": 1}


def test_a_name_resolving_inward_is_refused(server):
    base, site = server
    site.add("/secret", b"<p>internal</p>")
    port = base.rsplit(":", 1)[1]
    resolver = stub({"intranet.example": ["127.0.0.1"]})
    with pytest.raises(FetchError, match=r"intranet.example \(127.0.0.1\) is a loopback"):
        fetcher(resolver=resolver).get(f"http://intranet.example:{port}/secret")
    assert site.hits == {}


@pytest.fixture
def inner_server():
    """A second loopback server, on 127.0.0.2: what a redirect or a feed entry points at."""
    site = Site()
    with serving(_handler(site), host="127.0.0.2") as base:
        yield base, site


def only_first_server_public(host, port):
    """127.0.0.1 stands for a public site here: the resolver maps the test's public name
    to it, and every other address is judged as it is."""
    return ["127.0.0.1"] if host == "public.test" else [host]


class PublicLoopback(Fetcher):
    """A fetcher that treats the first test server (public.test -> 127.0.0.1) as public."""

    def __init__(self, **kwargs):
        super().__init__(timeout=urllib3.Timeout(connect=1.0, read=1.0), retries=0,
                         resolver=only_first_server_public, **kwargs)


def public_url(base, path):
    return f"http://public.test:{base.rsplit(':', 1)[1]}{path}"


@pytest.fixture
def public_first(monkeypatch):
    """Judge 127.0.0.1 as public (it stands for the web), and every other address as usual."""
    import pipeline.fetch as fetch

    real = fetch.address_kind
    monkeypatch.setattr(fetch, "address_kind",
                        lambda ip: "" if str(ip) == "127.0.0.1" else real(ip))


def test_a_redirect_to_an_inward_address_is_refused(server, inner_server, public_first):
    base, site = server
    inner, inner_site = inner_server
    inner_site.add("/admin", b"<p>internal admin page</p>")
    site.add("/go", b"", status=302, headers={"Location": inner + "/admin"})
    with pytest.raises(FetchError, match=r"/admin: refused: 127.0.0.2 is a loopback address"):
        PublicLoopback().get(public_url(base, "/go"))
    assert site.hits == {"/go": 1} and inner_site.hits == {}


def test_feed_entries_and_url_lists_pointing_inward_are_refused(server, inner_server,
                                                               public_first, sqlite_url):
    base, site = server
    inner, inner_site = inner_server
    inner_site.add("/private", article(9, 99))
    site.add("/ok", article(1, 12))
    links = [public_url(base, "/ok"), inner + "/private", "http://169.254.169.254/latest/"]
    site.add("/feed.xml", feed(base, links), headers={"Content-Type": "application/rss+xml"})
    store = open_store(sqlite_url)
    sources = [Source("wire", "feed", url=public_url(base, "/feed.xml")),
               Source("list", "urls", urls=(inner + "/private",))]
    run = refresh(store, sources, fetcher=PublicLoopback(), progress=False)
    errors = [e for _, e in store.run_errors(run.run_id)]
    assert [s.documents_changed for s in run.sources] == [1, 0]
    assert sum("127.0.0.2 is a loopback address" in e for e in errors) == 2
    assert any("169.254.169.254 is a link-local address" in e for e in errors)
    assert inner_site.hits == {}
    assert store.counts()["documents"] == 1


def test_allow_private_in_the_sources_file_opts_in(server, tmp_path, sqlite_url):
    base, site = server
    site.add("/intranet", article(2, 21))
    path = urls_sources_file(tmp_path, [f"{base}/intranet"], name="intranet")
    with open(path, "a") as f:  # and the same page again, without opting in
        f.write(textwrap.dedent(f"""
            [[source]]
            name = "closed"
            kind = "urls"
            urls = ["{base}/intranet"]
        """))
    sources = load_sources(path)
    assert [s.allow_private for s in sources] == [True, False]
    run = refresh(open_store(sqlite_url), sources, fetcher=fetcher(), progress=False)
    assert [s.documents_changed for s in run.sources] == [1, 0]
    assert site.hits == {"/intranet": 1}


@pytest.fixture
def tls_server(tmp_path):
    """A loopback HTTPS server with a certificate for 'localhost', made here by openssl."""
    import shutil
    import ssl
    import subprocess
    from http.server import BaseHTTPRequestHandler

    if shutil.which("openssl") is None:
        pytest.skip("no openssl command to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "1", "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=DNS:localhost"], check=True, capture_output=True, timeout=60)

    class Page(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server API)
            body = article(1, 12)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with serving(Page, tls=context) as base:
        yield int(base.rsplit(":", 1)[1]), str(cert)


def test_https_connects_to_the_checked_address_and_verifies_the_host_name(tls_server):
    port, cert = tls_server
    names = stub({"localhost": ["127.0.0.1"], "other.test": ["127.0.0.1"]})
    fetcher = Fetcher(retries=0, resolver=names)
    for pool in fetcher.pools.values():
        pool.connection_pool_kw["ca_certs"] = cert  # trust the test's own certificate
    with pytest.raises(FetchError, match=r"localhost \(127.0.0.1\) is a loopback address"):
        fetcher.get(f"https://localhost:{port}/")
    page = fetcher.get(f"https://localhost:{port}/", allow_private=True)
    assert "At least 12 people" in page.text
    with pytest.raises(FetchError, match="certificate"):  # the name, not the address, is checked
        fetcher.get(f"https://other.test:{port}/", allow_private=True)
