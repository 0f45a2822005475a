"""Polite fetching of feeds and pages over HTTP(S): one shared client, conditional requests, hard limits.

Every fetch is bounded three ways: at most `max_redirects` redirects, at most `max_bytes` of (decompressed) body,
and one deadline of `timeout` seconds for the whole request, from waiting for a connection to the last byte.

Error convention: `str(FetchError)` is one line, `URL: reason`, where URL is the URL the caller asked for (a
failure after a redirect says where it happened in the reason). `error.url` and `error.reason` give the two parts,
so a caller that already shows the URL can show only the reason. Reasons are short and human ("connection
refused", "HTTP 404 Not Found"): never exception class names or tracebacks.

httpx is imported only inside the functions that use it: `import httpx` also imports Rich (for its own command
line), and the domain library must not pull the UI toolkit into every script that imports it.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from importlib import metadata
from socket import gaierror
from types import TracebackType
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from index.errors import NewsdeskError

if TYPE_CHECKING:
    import httpx


def _version() -> str:
    try:
        return metadata.version("newsdesk")
    except metadata.PackageNotFoundError:  # running from a checkout that was never installed
        return "0"


USER_AGENT = f"newsdesk/{_version()} (terminal news reader; +https://pypi.org/project/newsdesk/)"
# Feeds first, then pages; anything else is still accepted, since servers mislabel feeds often.
_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
_SCHEMES = frozenset({"http", "https"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MIB = 1024 * 1024
# A timeout of 0 would switch the socket to non-blocking mode: once the deadline has passed, wait this long instead.
_LAST_WAIT_S = 0.001


class FetchError(NewsdeskError):
    """A URL that could not be fetched; `str(error)` is `URL: reason` on one line."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{_printable(url)}: {reason}")


@dataclass(frozen=True)
class Fetched:
    """A successful answer: a body, or 304 Not Modified (`content` None) for a conditional request."""

    url: str  # the final URL after redirects
    status: int
    content: bytes | None
    content_type: str | None  # media type without parameters, lower case
    charset: str | None  # from the Content-Type header, lower case
    etag: str | None  # on 304: the server's validator, else the one sent, so a caller can keep storing it
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class FetchRequest:
    url: str
    etag: str | None = None
    last_modified: str | None = None


class Fetcher:
    """Fetches URLs with one httpx client (thread-safe) shared by every thread that calls `fetch`.

    `max_connections` caps the client's connection pool; `fetch_all` runs at most that many requests at once, because
    a request waiting for a free connection spends its own deadline waiting.
    """

    def __init__(
        self,
        timeout: float = 15.0,
        max_bytes: int = 10 * _MIB,
        max_redirects: int = 5,
        *,
        max_connections: int = 4,
    ) -> None:
        import httpx

        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.max_connections = max_connections
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
            timeout=timeout,
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
            follow_redirects=False,  # followed here, to count hops, spot loops and refuse non-http(s) targets
        )

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url`, conditionally when a validator is given; raises FetchError for anything but 2xx or 304."""
        import httpx

        _require_http(url)
        headers = _conditional_headers(etag, last_modified)
        try:
            return self._follow(url, headers, _Deadline(self.timeout), etag, last_modified)
        except httpx.TimeoutException:
            raise FetchError(url, f"no complete answer within {self.timeout:g} s") from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise FetchError(url, _reason(error)) from None

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def _follow(
        self, url: str, headers: dict[str, str], deadline: _Deadline, etag: str | None, last_modified: str | None
    ) -> Fetched:
        """Request `url`, then each redirect target in turn, until an answer that is not a redirect."""
        import httpx

        current = httpx.URL(url)
        seen = {current}
        for _ in range(self.max_redirects + 1):
            with self._client.stream("GET", current, headers=headers, extensions={"trace": deadline.trace}) as response:
                target = _redirect_target(url, response)
                if target is None:
                    return self._answer(url, response, deadline, etag, last_modified)
            if target in seen:
                raise FetchError(url, f"redirects in a loop (back to {_printable(str(target))})")
            seen.add(target)
            current = target
        raise FetchError(url, f"more than {self.max_redirects} redirects")

    def _answer(
        self, url: str, response: httpx.Response, deadline: _Deadline, etag: str | None, last_modified: str | None
    ) -> Fetched:
        status = response.status_code
        if status == 304:
            return _fetched(
                response, None, response.headers.get("etag", etag), response.headers.get("last-modified", last_modified)
            )
        if not 200 <= status < 300:
            raise FetchError(url, _status_reason(url, response))
        _stop_body_at(deadline, response)
        content = self._read_body(url, response)
        return _fetched(response, content, response.headers.get("etag"), response.headers.get("last-modified"))

    def _read_body(self, url: str, response: httpx.Response) -> bytes:
        """The decompressed body, refused as soon as it is known to exceed `max_bytes`."""
        declared = response.headers.get("content-length", "")
        # Content-Length counts the bytes on the wire: compressed ones, if so, which decompress to as many or more.
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, f"larger than {_size(self.max_bytes)}")
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > self.max_bytes:
                raise FetchError(url, f"larger than {_size(self.max_bytes)}")
        return bytes(body)


def fetch_all(
    fetcher: Fetcher, requests: Sequence[FetchRequest], workers: int = 4
) -> Iterator[tuple[FetchRequest, Fetched | FetchError]]:
    """Fetch every request on a pool of `workers` threads (at most the fetcher's connections), yielding each with its
    result as it completes. A FetchError is yielded, not raised, so one bad feed never stops the others."""
    pool = ThreadPoolExecutor(max_workers=min(workers, fetcher.max_connections), thread_name_prefix="fetch")
    try:
        futures = {pool.submit(_fetch_or_error, fetcher, request): request for request in requests}
        for future in as_completed(futures):
            yield futures[future], future.result()
    finally:
        # A caller that stops early must not wait for the requests it no longer wants.
        pool.shutdown(wait=True, cancel_futures=True)


def _fetch_or_error(fetcher: Fetcher, request: FetchRequest) -> Fetched | FetchError:
    try:
        return fetcher.fetch(request.url, request.etag, request.last_modified)
    except FetchError as error:
        return error


class _Deadline:
    """One time budget for a whole request. httpx's timeouts are per operation (each connect, each read), so the
    time left is handed to each phase as it starts, and the body is checked chunk by chunk (`_stop_body_at`)."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() >= self._end

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpx's `trace` extension, called as each phase starts. httpcore reads a phase's timeout right after:
        connect and TLS from these keyword arguments, sending and receiving from the request's timeout extension."""
        if not event.endswith(".started"):
            return
        left = max(self._end - time.monotonic(), _LAST_WAIT_S)
        if "timeout" in info:
            info["timeout"] = left
        request = info.get("request")
        if request is not None:
            request.extensions["timeout"] = dict.fromkeys(("connect", "read", "write", "pool"), left)


def _stop_body_at(deadline: _Deadline, response: httpx.Response) -> None:
    """Make `response`'s body fail with a read timeout at the first chunk that arrives after the deadline.

    Each read already waits at most the time left when the body began; this stops a server that drips bytes just
    often enough to keep every single read alive. The check runs on raw chunks, because a compressed drip can go on
    for long without producing one decompressed byte."""
    import httpx

    stream = cast("httpx.SyncByteStream", response.stream)  # a sync client's responses always stream synchronously

    class DeadlineStream(httpx.SyncByteStream):
        def __iter__(self) -> Iterator[bytes]:
            for chunk in stream:
                if deadline.passed():
                    raise httpx.ReadTimeout("the whole-request deadline passed")
                yield chunk

        def close(self) -> None:
            stream.close()

    response.stream = DeadlineStream()


def _require_http(url: str) -> None:
    try:
        scheme = urlsplit(url).scheme
    except ValueError:  # e.g. an unclosed IPv6 bracket
        raise FetchError(url, "not a valid URL") from None
    if scheme.lower() not in _SCHEMES:
        raise FetchError(url, "only http(s) URLs can be fetched")


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """The validators as request headers. One that is not ASCII (a server's odd bytes, decoded) cannot be sent back
    as it came, so it is left out: the request is then unconditional, which is only less efficient."""
    headers = {}
    if etag and etag.isascii():
        headers["If-None-Match"] = etag
    if last_modified and last_modified.isascii():
        headers["If-Modified-Since"] = last_modified
    return headers


def _redirect_target(url: str, response: httpx.Response) -> httpx.URL | None:
    """Where a redirect points (resolved against the response's URL), or None when the answer is not a redirect."""
    import httpx

    location = response.headers.get("location")
    if response.status_code not in _REDIRECTS or location is None:
        return None
    try:
        target = response.url.join(location)
    except httpx.InvalidURL:
        raise FetchError(url, "redirected to an invalid URL") from None
    if target.scheme not in _SCHEMES:
        raise FetchError(url, f"redirected to a non-http(s) URL ({_printable(str(target))})")
    return target


def _fetched(response: httpx.Response, content: bytes | None, etag: str | None, last_modified: str | None) -> Fetched:
    media_type = response.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return Fetched(
        url=str(response.url),
        status=response.status_code,
        content=content,
        content_type=media_type or None,
        charset=response.charset_encoding,
        etag=etag,
        last_modified=last_modified,
    )


def _status_reason(url: str, response: httpx.Response) -> str:
    import httpx

    # The standard phrase, not the server's: the server's is untrusted text of any length.
    reason = " ".join(
        filter(None, ("HTTP", str(response.status_code), httpx.codes.get_reason_phrase(response.status_code)))
    )
    # httpx.URL compares equal to the string it was parsed from, so a URL httpx normalised is not taken for a redirect.
    return reason if response.url == url else f"{reason} (at {_printable(str(response.url))})"


def _reason(error: Exception) -> str:
    """A short human reason for an httpx failure other than a timeout."""
    import httpx

    if isinstance(error, httpx.ConnectError):
        return _connect_reason(error)
    if isinstance(error, httpx.RemoteProtocolError):
        return "the server closed the connection or broke the HTTP protocol"
    if isinstance(error, httpx.NetworkError):
        return "the connection broke off"
    if isinstance(error, httpx.DecodingError):
        return "the server sent a body that cannot be decompressed"
    if isinstance(error, httpx.ProxyError):
        return "the proxy refused the request"
    if isinstance(error, httpx.InvalidURL | httpx.UnsupportedProtocol | httpx.LocalProtocolError):
        return "not a valid URL"
    return "the request failed"


def _connect_reason(error: BaseException) -> str:
    """Why a connection could not be made, from the OS or TLS error at the bottom of the chain httpx raises (its own
    error caused by httpcore's, raised while handling the OS's)."""
    cause: BaseException = error
    while (inner := cause.__cause__ or cause.__context__) is not None:
        cause = inner
    if isinstance(cause, gaierror):
        return "host not found"
    if isinstance(cause, ConnectionRefusedError):
        return "connection refused"
    if isinstance(cause, ssl.SSLCertVerificationError):
        return f"certificate not accepted ({cause.verify_message})"
    if isinstance(cause, ssl.SSLError):
        return "secure connection (TLS) failed"
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror[:1].lower() + cause.strerror[1:]
    return "could not connect"


def _size(n: int) -> str:
    return f"{n // _MIB} MiB" if n % _MIB == 0 else f"{n:,} bytes"


def _printable(text: str) -> str:
    """`text` with control characters escaped, so a message built from a URL stays one line."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
