"""OPML subscription lists: the feeds a reader exported, as (url, title) pairs.

The file is untrusted XML: it is parsed without resolving entities, loading a DTD or touching the network, so
neither an entity bomb nor an external entity can make reading it expensive or leak a local file.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from index.errors import BadInputError
from index.ingest.feed import xml_root_name
from index.sanitize import one_line, sanitize_text


@dataclass(frozen=True)
class Subscription:
    url: str
    title: str | None


# Only web feeds: a shared list must not point the fetcher at file:// or other local schemes.
_FEED_SCHEMES = ("http", "https")


def looks_like_opml(raw: bytes) -> bool:
    return xml_root_name(raw) == "opml"


def _parser() -> etree.XMLParser:
    # recover: hand-written lists often carry a bare "&" in a title; a fresh parser per call because lxml parsers
    # keep state and are not to be shared between threads.
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False, recover=True)


def _attribute(outline: etree._Element, name: str) -> str | None:
    """An attribute by name in any letter case ("xmlUrl", "xmlurl", "XMLURL" all occur in the wild)."""
    for key, value in outline.attrib.items():
        if str(key).lower() == name and str(value).strip():
            return str(value).strip()
    return None


def _scheme(url: str) -> str | None:
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:  # "http://[::1": a broken IPv6 host
        return None


def _subscription(outline: etree._Element) -> Subscription | None:
    url = _attribute(outline, "xmlurl")
    # A URL with control or invisible characters in it is no feed's address (and would reach the screen as is).
    if url is None or sanitize_text(url) != url or _scheme(url) not in _FEED_SCHEMES:
        return None
    title = _attribute(outline, "title") or _attribute(outline, "text")
    return Subscription(url=url, title=one_line(title))


def parse_opml(raw: bytes) -> list[Subscription]:
    """Every feed outline, however deeply nested in folders, in document order; a repeated URL keeps its first."""
    try:
        root = etree.fromstring(raw, parser=_parser())
    except (etree.XMLSyntaxError, ValueError):
        root = None
    # The local name by hand: etree.QName refuses a recovered tag such as "opm:l" (an undeclared prefix).
    if root is None or not isinstance(root.tag, str) or root.tag.rpartition("}")[2].lower() != "opml":
        raise BadInputError("not an OPML file")
    found: dict[str, Subscription] = {}
    for outline in root.iter("{*}outline"):
        subscription = _subscription(outline)
        if subscription is not None:
            found.setdefault(subscription.url, subscription)
    if not found:
        raise BadInputError("OPML file lists no feeds")
    return list(found.values())
