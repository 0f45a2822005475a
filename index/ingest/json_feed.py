"""JSON Feed (https://jsonfeed.org, versions 1 and 1.1): the feed format of many blogs and some news sites, read into
the same ParsedFeed as RSS and Atom, so a file and a subscription behave alike.

Hand-written because feedparser (6.0, the newsdesk's feed library) reads only XML feeds, and the JSON Feed packages
on PyPI are unmaintained; the format is a dozen documented fields of one JSON object.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from index.errors import BadInputError
from index.ingest.feed import FeedEntry, ParsedFeed, readable_date, string_field
from index.ingest.text import decode_bytes
from index.sanitize import one_line

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _author(item: dict[str, Any], feed: dict[str, Any]) -> str | None:
    """Version 1.1's "authors" list, else version 1's "author"; the item's own, else the feed's."""
    for node in (item, feed):
        authors = node.get("authors")
        named = [a.get("name") for a in authors if isinstance(a, dict)] if isinstance(authors, list) else []
        single = node.get("author")
        if isinstance(single, dict):
            named.append(single.get("name"))
        names = [name.strip() for name in named if isinstance(name, str) and name.strip()]
        if names:
            return one_line(", ".join(names))
    return None


def _link(item: dict[str, Any], base: str) -> str | None:
    url = string_field(item, "url") or string_field(item, "external_url")
    try:
        return urljoin(base, url) if url and urlsplit(base).scheme in ("http", "https") else url
    except ValueError:  # a malformed address ("http://[::1"): kept as written, the link checks refuse it later
        return url


def _guid(item: dict[str, Any]) -> str | None:
    """The spec's string id, or the number many feeds write instead; never a boolean (bool is an int)."""
    value = item.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return string_field(item, "id")


def _as_html(text: str) -> str:
    """Plain text as HTML that the HTML reader turns back into exactly this text, paragraph by paragraph."""
    paragraphs = (paragraph.strip() for paragraph in _PARAGRAPH_BREAK.split(text))
    return "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs if paragraph)


def _entry(item: dict[str, Any], feed: dict[str, Any], base: str) -> FeedEntry:
    content_text, summary = string_field(item, "content_text"), string_field(item, "summary")
    return FeedEntry(
        title=one_line(string_field(item, "title")),
        link=_link(item, base),
        guid=_guid(item),
        author=_author(item, feed),
        # As for RSS, an unreadable date is dropped rather than failing the whole entry later.
        published=readable_date(item, "date_published"),
        updated=readable_date(item, "date_modified"),
        summary_html=_as_html(summary) if summary else None,
        content_html=string_field(item, "content_html") or (_as_html(content_text) if content_text else None),
    )


def parse_json_feed(raw: bytes, location: str) -> ParsedFeed:
    """The feed in `raw`; relative item links resolve against `location` when it is a web address."""
    try:
        feed = json.loads(decode_bytes(raw))
    except (ValueError, RecursionError):
        raise BadInputError("not a JSON Feed: not valid JSON") from None
    items = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(items, list):
        raise BadInputError('not a JSON Feed: no "items" list')
    base = string_field(feed, "feed_url") or location
    return ParsedFeed(
        title=one_line(string_field(feed, "title")),
        link=string_field(feed, "home_page_url"),
        entries=tuple(_entry(item, feed, base) for item in items if isinstance(item, dict)),
    )
