"""Fetching against a loopback server: content and validators, limits, deadlines, errors, bounded concurrency."""

from __future__ import annotations

import gzip
import socket
import time
from collections.abc import Iterator

import pytest

from index.fetch import USER_AGENT, Fetched, Fetcher, FetchError, FetchRequest, fetch_all
from tests.local_http import LocalServer

MIB = 1024 * 1024
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(timeout=5.0) as fetcher:
        yield fetcher


@pytest.fixture
def quick() -> Iterator[Fetcher]:
    """A fetcher with a short deadline and a small size limit, for the tests that hit them."""
    with Fetcher(timeout=0.5, max_bytes=MIB) as fetcher:
        yield fetcher


def test_a_fetch_reports_content_type_charset_and_validators(http_server: LocalServer, fetcher: Fetcher) -> None:
    http_server.route(
        "/feed",
        RSS,
        content_type="application/rss+xml; charset=ISO-8859-1",
        etag='"v1"',
        last_modified="Wed, 21 Oct 2015 07:28:00 GMT",
    )
    fetched = fetcher.fetch(http_server.url("/feed"))
    assert fetched == Fetched(
        url=http_server.url("/feed"),
        status=200,
        content=RSS,
        content_type="application/rss+xml",
        charset="iso-8859-1",
        etag='"v1"',
        last_modified="Wed, 21 Oct 2015 07:28:00 GMT",
    )
    assert not fetched.not_modified


def test_every_request_names_newsdesk_as_its_user_agent(http_server: LocalServer, fetcher: Fetcher) -> None:
    http_server.route("/page", b"<p>hi</p>")
    fetcher.fetch(http_server.url("/page"))
    assert USER_AGENT.startswith("newsdesk/")
    assert http_server.requests[0][1]["user-agent"] == USER_AGENT


@pytest.mark.parametrize(
    ("validators", "header"),
    [({"etag": '"v1"'}, "if-none-match"), ({"last_modified": "Wed, 21 Oct 2015 07:28:00 GMT"}, "if-modified-since")],
)
def test_a_conditional_request_that_matches_is_not_modified(
    http_server: LocalServer, fetcher: Fetcher, validators: dict[str, str], header: str
) -> None:
    http_server.route("/feed", RSS, etag='"v1"', last_modified="Wed, 21 Oct 2015 07:28:00 GMT")
    fetched = fetcher.fetch(http_server.url("/feed"), **validators)
    assert fetched.not_modified and fetched.status == 304 and fetched.content is None
    assert http_server.requests[0][1][header] == next(iter(validators.values()))
    assert (fetched.etag, fetched.last_modified) == ('"v1"', "Wed, 21 Oct 2015 07:28:00 GMT")


def test_a_stale_validator_gets_the_new_content(http_server: LocalServer, fetcher: Fetcher) -> None:
    http_server.route("/feed", RSS, etag='"v2"')
    fetched = fetcher.fetch(http_server.url("/feed"), etag='"v1"')
    assert (fetched.status, fetched.content, fetched.etag) == (200, RSS, '"v2"')


def test_a_validator_that_cannot_be_sent_back_makes_the_request_unconditional(
    http_server: LocalServer, fetcher: Fetcher
) -> None:
    http_server.route("/feed", RSS, etag='"v1"')
    assert fetcher.fetch(http_server.url("/feed"), etag='"café"').content == RSS
    assert "if-none-match" not in http_server.requests[0][1]


def test_a_gzip_body_arrives_decompressed(http_server: LocalServer, fetcher: Fetcher) -> None:
    http_server.route("/feed", gzip.compress(RSS), headers={"Content-Encoding": "gzip"})
    assert fetcher.fetch(http_server.url("/feed")).content == RSS


def test_a_redirect_is_followed_and_the_final_url_reported(http_server: LocalServer, fetcher: Fetcher) -> None:
    http_server.route("/old", redirect_to=http_server.url("/moved"))
    http_server.route("/moved", redirect_to="/new")  # a relative Location resolves against the redirecting URL
    http_server.route("/new", b"here")
    fetched = fetcher.fetch(http_server.url("/old"))
    assert (fetched.url, fetched.content) == (http_server.url("/new"), b"here")
    assert [path for path, _ in http_server.requests] == ["/old", "/moved", "/new"]


def test_a_redirect_loop_is_an_error(http_server: LocalServer, fetcher: Fetcher) -> None:
    http_server.route("/a", redirect_to="/b")
    http_server.route("/b", redirect_to="/a")
    with pytest.raises(FetchError, match="redirects in a loop"):
        fetcher.fetch(http_server.url("/a"))
    assert len(http_server.requests) == 2


def test_too_many_redirects_is_an_error(http_server: LocalServer) -> None:
    for hop in range(4):
        http_server.route(f"/{hop}", redirect_to=f"/{hop + 1}")
    http_server.route("/4", b"too far")
    with Fetcher(max_redirects=3) as fetcher, pytest.raises(FetchError, match="more than 3 redirects"):
        fetcher.fetch(http_server.url("/0"))
    assert len(http_server.requests) == 4


def test_a_server_slower_than_the_timeout_fails_at_the_deadline(http_server: LocalServer, quick: Fetcher) -> None:
    http_server.route("/slow", b"late", delay=3.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no complete answer within 0\.5 s"):
        quick.fetch(http_server.url("/slow"))
    assert time.monotonic() - started < 2.0  # the server answers at 3 s; the margin is for a loaded CI machine


def test_a_dripping_body_cannot_outlast_the_deadline(http_server: LocalServer, quick: Fetcher) -> None:
    # Every single read gets a byte well within its own timeout; only the total gives the server away.
    http_server.route("/drip", b"x" * 40, delay=0.2, drip=0.1)
    started = time.monotonic()
    with pytest.raises(FetchError, match="no complete answer within"):
        quick.fetch(http_server.url("/drip"))
    assert time.monotonic() - started < 2.0  # the whole drip takes 4.2 s
    assert 0 < http_server.bytes_sent["/drip"] < 40


def test_a_stall_after_a_slow_start_still_ends_at_the_deadline(http_server: LocalServer) -> None:
    # The body's reads may only wait for what is left of the deadline, not for a fresh full timeout.
    http_server.route("/stall", b"xx", delay=0.7, drip=5.0)
    started = time.monotonic()
    with Fetcher(timeout=1.0) as fetcher, pytest.raises(FetchError, match="no complete answer within 1 s"):
        fetcher.fetch(http_server.url("/stall"))
    # A fresh full timeout for the body's read would end at 0.7 + 1.0 s; the rest is a loaded CI machine's margin.
    assert time.monotonic() - started < 1.6


@pytest.mark.parametrize("content_length", [True, False])
def test_a_huge_body_is_refused_without_reading_it_all(
    http_server: LocalServer, quick: Fetcher, content_length: bool
) -> None:
    size = 256 * MIB
    http_server.route_huge("/huge", size, content_length=content_length)
    with pytest.raises(FetchError, match="larger than 1 MiB"):
        quick.fetch(http_server.url("/huge"))
    # The server writes ahead into socket buffers, but stops as soon as the client hangs up.
    assert http_server.bytes_sent.get("/huge", 0) < size // 4


@pytest.mark.parametrize(("status", "text"), [(404, "HTTP 404 Not Found"), (500, "HTTP 500 Internal Server Error")])
def test_an_http_error_is_a_fetch_error_naming_the_status(
    http_server: LocalServer, fetcher: Fetcher, status: int, text: str
) -> None:
    http_server.route("/broken", b"<h1>oops</h1>", status=status)
    with pytest.raises(FetchError) as raised:
        fetcher.fetch(http_server.url("/broken"))
    assert str(raised.value) == f"{http_server.url('/broken')}: {text}"


def test_an_unknown_path_on_the_server_is_404(http_server: LocalServer, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="HTTP 404 Not Found$"):
        fetcher.fetch(http_server.url("/nowhere"))


def test_an_error_after_a_redirect_says_where(http_server: LocalServer, fetcher: Fetcher) -> None:
    http_server.route("/old", redirect_to="/gone")
    with pytest.raises(FetchError) as raised:
        fetcher.fetch(http_server.url("/old"))
    assert str(raised.value) == f"{http_server.url('/old')}: HTTP 404 Not Found (at {http_server.url('/gone')})"


def test_a_refused_connection_is_a_short_reason(fetcher: Fetcher) -> None:
    with socket.socket() as closed:  # a port that was free a moment ago: nothing listens there now
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed"
    with pytest.raises(FetchError) as raised:
        fetcher.fetch(url)
    assert str(raised.value) == f"{url}: connection refused"


@pytest.mark.parametrize("url", ["ftp://example.com/feed", "file:///etc/passwd", "example.com/feed", "javascript:x"])
def test_only_http_urls_are_fetched(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(FetchError) as raised:
        fetcher.fetch(url)
    assert str(raised.value) == f"{url}: only http(s) URLs can be fetched"


def test_an_unparseable_url_is_not_a_valid_url(fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match=r"^http://\[::1: not a valid URL$"):
        fetcher.fetch("http://[::1")


def test_an_error_message_stays_on_one_line(fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as raised:
        fetcher.fetch("ftp://example.com/a\nb")
    assert "\n" not in str(raised.value)
    assert raised.value.url == "ftp://example.com/a\nb"


def test_fetch_all_keeps_to_its_workers_and_answers_every_request_once(http_server: LocalServer) -> None:
    http_server.route("/slow", b"ok", delay=0.3)
    requests = [FetchRequest(http_server.url(f"/slow?n={n}")) for n in range(6)] + [FetchRequest(http_server.url("/x"))]
    with Fetcher(timeout=5.0) as fetcher:
        results = list(fetch_all(fetcher, requests, workers=2))
    assert sorted(request.url for request, _ in results) == sorted(request.url for request in requests)
    assert http_server.max_in_flight == 2
    outcomes = {request.url: result for request, result in results}
    assert isinstance(outcomes[http_server.url("/x")], FetchError)
    assert all(isinstance(outcomes[request.url], Fetched) for request in requests[:6])
