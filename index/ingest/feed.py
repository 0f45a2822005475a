"""Feeds (RSS 0.9x/1.0/2.0, Atom, CDF) -> one `entry` Document per item, with feedparser.

feedparser is lenient on purpose: a feed that is not well-formed ("bozo") but still yields entries is accepted,
because real feeds are often broken in small ways. Only bytes with no feed in them at all are refused.

Titles are untrusted text: they are decoded to plain text (entities decoded, tags of an HTML title dropped,
whitespace collapsed) and never read as markup afterwards, so "[bold]" or "<b>" in a plain-text title stays literal.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import feedparser

from index.dates import parse_date_value
from index.errors import BadInputError
from index.ingest.document import Document, Metadata, entry_raw
from index.ingest.text import BYTE_ORDER_MARKS
from index.sanitize import one_line


@dataclass(frozen=True)
class FeedEntry:
    title: str | None  # plain text
    link: str | None
    guid: str | None
    author: str | None
    published: str | None  # as written when index.dates reads it, else ISO 8601 UTC from feedparser's parse
    updated: str | None
    summary_html: str | None  # always HTML: a plain-text summary is escaped
    content_html: str | None  # the fullest content body; None when the feed only has a summary


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    link: str | None
    entries: tuple[FeedEntry, ...]


# Enough for a long comment header or DOCTYPE, even in UTF-32, without reading a whole large file.
_SNIFF_BYTES = 16384
_FEED_ROOTS = frozenset({"rss", "rdf", "feed", "channel"})
# How an XML document's first bytes give its encoding (XML 1.0, appendix F): byte-order marks first, then the
# zero bytes of a BOM-less UTF-32/UTF-16 "<" or leading whitespace. Any other XML starts in an ASCII superset.
_ZERO_BYTE_PATTERNS = (
    (re.compile(rb"\x00\x00\x00[^\x00]"), "utf-32-be"),
    (re.compile(rb"[^\x00]\x00\x00\x00"), "utf-32-le"),
    (re.compile(rb"\x00[^\x00]"), "utf-16-be"),
    (re.compile(rb"[^\x00]\x00"), "utf-16-le"),
)
# Whatever may precede the root element. Atomic groups and possessive repeats keep a failed match from backtracking
# through every way of splitting a long run of comments.
_PROLOG_ITEM = r"(?>\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*+(?:\[.*?\])?\s*>)"
_ROOT_ELEMENT = re.compile(rf"{_PROLOG_ITEM}*+<([A-Za-z_][\w.-]*(?::[\w.-]+)?)[\s/>]", re.S | re.I)
# Markup goes on after the root's start tag (a child, the end tag); text that merely opens with "<rss>" does not.
_NEXT_TAG = re.compile(r"<[A-Za-z_/!?]")
# The "version" member, not the words in an article's text (whose quotes are escaped); PHP escapes "/" as "\\/".
_JSON_FEED_VERSION = re.compile(rb'"version"\s*:\s*"https?:\\?/\\?/jsonfeed\.org\\?/version\\?/')
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_DATE_FIELDS = ("published", "created", "updated")
# feedparser's result nodes are dicts whose own .get maps old key names to others (and warns when "updated" falls
# back to "published"); plain dict.get reads exactly the field asked for.
FeedDict = dict[str, Any]


def head_text(raw: bytes, size: int = _SNIFF_BYTES) -> str:
    """The first `size` bytes as text, in the encoding an XML document's first bytes announce (else UTF-8);
    undecodable bytes are dropped: only markup near the start is looked at."""
    head = raw[:size]
    for mark, codec in BYTE_ORDER_MARKS:
        if head.startswith(mark):
            return head[len(mark) :].decode(codec, errors="ignore")
    for pattern, codec in _ZERO_BYTE_PATTERNS:
        if pattern.match(head):
            return head.decode(codec, errors="ignore")
    return head.decode("utf-8", errors="replace")


def xml_root_name(raw: bytes) -> str | None:
    """The local name of the document's root element, lowercased ("rss", "rdf", "opml"...), when the bytes start
    like XML (a byte-order mark, XML declaration, comments, DOCTYPE and whitespace before it); else None."""
    head = head_text(raw)
    match = _ROOT_ELEMENT.match(head)
    if match is None or not _NEXT_TAG.search(head, match.end()):
        return None
    return match.group(1).rpartition(":")[2].lower()


def looks_like_feed(raw: bytes) -> bool:
    return xml_root_name(raw) in _FEED_ROOTS or looks_like_json_feed(raw)


def looks_like_json_feed(raw: bytes) -> bool:
    """A JSON object whose "version" names JSON Feed, anywhere in it: with sorted keys "items" comes first."""
    return raw[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and bool(_JSON_FEED_VERSION.search(raw))


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(fragment: str) -> str:
    """The text of an HTML snippet (a title, a raw HTML block): tags and comments dropped, entities decoded."""
    collector = _TextCollector()
    try:
        collector.feed(fragment)
        collector.close()
    except AssertionError:  # Python 3.11's parser asserts on a broken "<![" section ("<![CDATb", "<![ ")
        collector = _TextCollector()
        collector.feed(fragment.replace("<![", "&lt;!["))
        collector.close()
    return "".join(collector.parts)


def _plain_text(node: FeedDict, key: str) -> str | None:
    """A text construct (title, author) as one line of plain text: an HTML one loses its tags."""
    value = dict.get(node, key)
    if not isinstance(value, str):
        return None
    detail = dict.get(node, f"{key}_detail") or {}
    return one_line(html_text(value) if dict.get(detail, "type") in _HTML_TYPES else value)


def _as_html(detail: FeedDict) -> str | None:
    value = dict.get(detail, "value")
    if not isinstance(value, str) or not value.strip():
        return None
    # A plain-text body is escaped so the HTML reader gives back exactly its text.
    return value if dict.get(detail, "type") in _HTML_TYPES else html.escape(value)


def _content_html(entry: FeedDict) -> str | None:
    bodies = [body for body in map(_as_html, dict.get(entry, "content") or []) if body]
    return max(bodies, key=len) if bodies else None


def _summary_html(entry: FeedDict) -> str | None:
    detail = dict.get(entry, "summary_detail")
    return _as_html(detail) if detail else None


def _utc_iso(parsed: time.struct_time) -> str | None:
    try:
        return dt.datetime(*parsed[:5], min(parsed[5], 59), tzinfo=dt.UTC).isoformat()
    except (ValueError, OverflowError):
        return None


def readable_date(node: FeedDict, key: str) -> str | None:
    """The date as the feed wrote it (stripped) when index.dates reads it, else None: an unreadable date would
    fail the whole entry later."""
    written = string_field(node, key)
    if written is None:
        return None
    try:
        parse_date_value(written)
    except (ValueError, OverflowError):
        return None
    return written


def _date(entry: FeedDict, field: str) -> str | None:
    """The date as the feed wrote it when index.dates reads it; else feedparser's own reading, in UTC."""
    written = readable_date(entry, field)
    if written is not None:
        return written
    parsed = dict.get(entry, f"{field}_parsed")
    return _utc_iso(parsed) if isinstance(parsed, time.struct_time) else None


def _published(entry: FeedDict) -> str | None:
    return next((value for value in (_date(entry, field) for field in _DATE_FIELDS) if value), None)


def string_field(node: FeedDict, key: str) -> str | None:
    """A field's text, stripped; None when it is missing, empty or not a string (plain dict.get: see FeedDict)."""
    value = dict.get(node, key)
    return (value.strip() or None) if isinstance(value, str) else None


def _feed_entry(entry: FeedDict) -> FeedEntry:
    return FeedEntry(
        title=_plain_text(entry, "title"),
        link=string_field(entry, "link"),
        guid=string_field(entry, "id"),
        # As written: feedparser's split into name and email cuts addresses with long domain names short.
        author=_plain_text(entry, "author"),
        published=_published(entry),
        updated=_date(entry, "updated"),
        summary_html=_summary_html(entry),
        content_html=_content_html(entry),
    )


def parse_feed(raw: bytes, location: str, content_type: str | None = None) -> ParsedFeed:
    """The feed in `raw`; `location` (a path or URL) is the base for relative links when it is a web address, and
    `content_type` the HTTP header, whose charset wins over the XML declaration's."""
    if looks_like_json_feed(raw):
        from index.ingest.json_feed import parse_json_feed  # it builds on this module's FeedEntry and ParsedFeed

        return parse_json_feed(raw, location)
    headers = {"content-type": content_type} if content_type else {}
    if urlsplit(location).scheme.lower() in ("http", "https"):
        headers["content-location"] = location
    # A stream, never the bytes themselves: feedparser would try bytes as a file name first.
    try:
        result = feedparser.parse(io.BytesIO(raw), response_headers=headers)
    except ValueError:  # feedparser 6 decodes the XML declaration's encoding name as UTF-8, unchecked
        raise BadInputError("not a feed: the XML declaration names no readable encoding") from None
    entries = dict.get(result, "entries") or []
    if not dict.get(result, "version") and not entries:
        raise BadInputError("not a feed: no RSS, Atom or RDF items found")
    channel = dict.get(result, "feed") or {}
    return ParsedFeed(
        title=_plain_text(channel, "title"),
        link=string_field(channel, "link"),
        entries=tuple(_feed_entry(entry) for entry in entries),
    )


def _entry_document(entry: FeedEntry, feed: ParsedFeed, location: str) -> Document:
    content = entry.content_html or entry.summary_html
    # An entry without content is its title (or link): empty content would give every such entry the same id.
    raw = entry_raw(html=content) if content else entry_raw(body=entry.title or entry.link)
    extra = {key: value for key, value in (("guid", entry.guid), ("updated", entry.updated)) if value}
    metadata = Metadata(
        title=entry.title,
        source=feed.title,
        url=entry.link,
        published=entry.published,
        author=entry.author,
        extra=extra,
    )
    return Document(raw=raw, format="entry", path=location, metadata=metadata)


def entry_documents(feed: ParsedFeed, location: str) -> list[Document]:
    """One Document per entry that has a title, content or link (an entry with none of them says nothing)."""
    return [
        _entry_document(entry, feed, location)
        for entry in feed.entries
        if entry.title or entry.content_html or entry.summary_html or entry.link
    ]
