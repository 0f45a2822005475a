"""Refreshing subscribed feeds: fetch each (conditionally, concurrently but bounded), read its entries, and fetch
the full page for entries that carry only a summary.

Entries already in the library by their link are not fetched again: a page's bytes change with every ad and
timestamp, and re-extracting it would turn every refresh into a pointless "update".
"""

from __future__ import annotations

import codecs
import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.errors import BadInputError
from index.fetch import Fetched, Fetcher, FetchError, FetchRequest, fetch_all
from index.ingest.document import Document, is_url
from index.ingest.feed import ParsedFeed, entry_documents, parse_feed
from index.ingest.html import decode_html, extract_page
from index.ingest.opml import Subscription, looks_like_opml, parse_opml
from index.state import FeedSubscription
from index.subscriptions import FeedOutcome

# (done, total, what): as index.library.Progress
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class CollectedFeed:
    """One feed after its fetch: the outcome, the subscription as it should now be stored, the entries' documents."""

    outcome: FeedOutcome
    subscription: FeedSubscription
    documents: tuple[tuple[str, Document], ...] = ()


def feed_location(text: str) -> str:
    """A feed as the user named it: an http(s) URL as given, a file as its absolute path (which must exist)."""
    text = text.strip()
    if is_url(text):
        return text
    if "://" in text:
        raise BadInputError(f"{text}: only http(s) feeds or local files can be subscribed to")
    path = Path(text).expanduser()
    if not path.is_file():
        raise BadInputError(f"{text}: no such file")
    return str(path.resolve())


def subscription_targets(feeds: Sequence[Subscription | str]) -> list[tuple[str, str | None]]:
    """(location, title if known) of each feed named: URLs and feed files as they are, an OPML file as every feed it
    lists. Raises BadInputError for a name that is neither an http(s) URL nor an existing file."""
    targets: list[tuple[str, str | None]] = []
    for feed in feeds:
        if isinstance(feed, Subscription):
            targets.append((feed_location(feed.url), feed.title))
            continue
        listed = _opml_list(Path(feed)) if not is_url(feed) and Path(feed).is_file() else None
        if listed is None:
            targets.append((feed_location(feed), None))
        else:
            targets.extend((feed_location(item.url), item.title) for item in listed)
    return targets


def _opml_list(file: Path) -> list[Subscription] | None:
    """The feeds an OPML file lists, or None when the file is not OPML (then it is a feed itself)."""
    raw = file.read_bytes()
    return parse_opml(raw) if looks_like_opml(raw) else None


def collect_feeds(
    subscriptions: Sequence[FeedSubscription],
    fetcher: Fetcher,
    known_link: Callable[[str], bool],
    progress: Progress | None = None,
) -> list[CollectedFeed]:
    requests = [FetchRequest(s.location, s.etag, s.last_modified) for s in subscriptions if is_url(s.location)]
    by_location = {s.location: s for s in subscriptions}
    collected = [_local_feed(s, fetcher, known_link) for s in subscriptions if not is_url(s.location)]
    for request, result in fetch_all(fetcher, requests):
        collected.append(_remote_feed(by_location[request.url], result, fetcher, known_link))
        if progress is not None:
            progress(len(collected), len(subscriptions), f"fetched {request.url}")
    return collected


def _local_feed(subscription: FeedSubscription, fetcher: Fetcher, known_link: Callable[[str], bool]) -> CollectedFeed:
    try:
        raw = Path(subscription.location).read_bytes()
    except OSError as error:
        return _failed(subscription, f"cannot read: {error.strerror}")
    return _parsed_feed(subscription, raw, None, fetcher, known_link)


def _remote_feed(
    subscription: FeedSubscription, result: Fetched | FetchError, fetcher: Fetcher, known_link: Callable[[str], bool]
) -> CollectedFeed:
    if isinstance(result, FetchError):
        return _failed(subscription, str(result))
    validators = dataclasses.replace(subscription, etag=result.etag, last_modified=result.last_modified, error=None)
    if result.not_modified or result.content is None:
        outcome = FeedOutcome(subscription.location, subscription.title, "not-modified")
        return CollectedFeed(
            outcome, dataclasses.replace(validators, etag=subscription.etag, last_modified=subscription.last_modified)
        )
    content_type = f"{result.content_type}; charset={result.charset}" if result.charset else result.content_type
    return _parsed_feed(validators, result.content, content_type, fetcher, known_link)


def _parsed_feed(
    subscription: FeedSubscription,
    raw: bytes,
    content_type: str | None,
    fetcher: Fetcher,
    known_link: Callable[[str], bool],
) -> CollectedFeed:
    try:
        feed = parse_feed(raw, subscription.location, content_type)
    except BadInputError as error:
        return _failed(subscription, str(error))
    documents = with_full_pages(feed, entry_documents(feed, subscription.location), fetcher, known_link)
    labelled = tuple((f"{subscription.location}#{n}", document) for n, document in enumerate(documents, 1))
    title = feed.title or subscription.title
    outcome = FeedOutcome(subscription.location, title, "ok", entries=len(documents))
    return CollectedFeed(outcome, dataclasses.replace(subscription, title=title, error=None), labelled)


def _failed(subscription: FeedSubscription, reason: str) -> CollectedFeed:
    outcome = FeedOutcome(subscription.location, subscription.title, "failed", error=reason)
    return CollectedFeed(outcome, dataclasses.replace(subscription, error=reason))


def with_full_pages(
    feed: ParsedFeed, documents: list[Document], fetcher: Fetcher, known_link: Callable[[str], bool]
) -> list[Document]:
    """Each summary-only entry new to the library replaced by its page, when the page can be fetched and has an
    article in it; otherwise the entry stays as the feed gave it (nothing is lost to a failing site)."""
    summary_only = {entry.link for entry in feed.entries if entry.link and not entry.content_html}
    wanted = {
        document.metadata.url: index
        for index, document in enumerate(documents)
        if document.metadata.url in summary_only and not known_link(document.metadata.url)
    }
    pages = fetch_all(fetcher, [FetchRequest(url) for url in wanted if url])
    for request, result in pages:
        if isinstance(result, FetchError) or result.content is None:
            continue
        raw = as_utf8(result.content, result.charset)
        try:
            extract_page(raw, url=request.url)
        except BadInputError:
            continue
        entry_document = documents[wanted[request.url]]
        documents[wanted[request.url]] = dataclasses.replace(entry_document, raw=raw, format="html")
    return documents


def as_utf8(content: bytes, charset: str | None) -> bytes:
    """The page in UTF-8 behind a byte-order mark when the server named its charset: the stored original then
    decodes the same way on `reindex`, without the HTTP header that is gone by then."""
    if not charset:
        return content
    try:
        return codecs.BOM_UTF8 + decode_html(content, charset).encode("utf-8")
    except BadInputError:
        return content
