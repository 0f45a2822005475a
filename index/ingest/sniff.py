"""Which reader a file needs, decided by its content; the file name's extension only breaks a tie.

Names lie (a feed saved as .txt, a page saved without an extension), so the first bytes decide whenever they say
something definite: a feed's or OPML's root element, an HTML document's start, content that parses as one JSON
document, a first line that is a JSON object (JSON Lines), front matter. Only text that says nothing definite about
itself goes by its extension, else it is plain text.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from typing import Literal

from index.errors import BadInputError
from index.ingest.feed import head_text, looks_like_feed, xml_root_name
from index.ingest.jsonl import looks_like_jsonl
from index.ingest.opml import looks_like_opml
from index.ingest.text import decode_bytes

InputFormat = Literal["feed", "opml", "jsonl", "json", "html", "markdown", "text"]

_BY_EXTENSION: dict[str, InputFormat] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".jsonl": "jsonl",
    ".json": "json",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".opml": "opml",
}
_HTML_ROOTS = frozenset({"html", "head", "body"})
# What may precede a document's first real markup: whitespace, XML declarations, comments.
_PREAMBLE = r"(?>\s+|<\?.*?\?>|<!--.*?-->)*+"
_HTML_DOCTYPE = re.compile(rf"{_PREAMBLE}<!DOCTYPE\s+html\b", re.S | re.I)
_LEADING_PREAMBLE = re.compile(_PREAMBLE, re.S)
# A front-matter delimiter line followed by a "key:" (YAML) or "key =" (TOML) line, then the closing delimiter.
_FRONT_MATTER = re.compile(r"\A(-{3}|\+{3})[ \t]*\r?\n[A-Za-z_][\w-]*[ \t]*[:=].*?^\1[ \t]*$", re.S | re.M)
_TAG = re.compile(r"<[A-Za-z/][^<>]{0,1000}>")
_TAG_SAMPLE_CHARS = 1024
# A page fragment (saved without <html>) opens with a tag and is dense with them; text rarely has even a few.
_MIN_TAGS = 4
_MIN_TAG_SHARE = 0.3


def _mostly_tags(head: str) -> bool:
    start = _LEADING_PREAMBLE.match(head)
    sample = head[start.end() if start else 0 :][:_TAG_SAMPLE_CHARS].rstrip()
    if not _TAG.match(sample):
        return False
    tags = _TAG.findall(sample)
    return len(tags) >= _MIN_TAGS or sum(map(len, tags)) >= _MIN_TAG_SHARE * len(sample)


def _is_json(raw: bytes) -> bool:
    """The whole file is one JSON value (JSON Lines fails at its second line, text at its first word)."""
    try:
        json.loads(decode_bytes(raw))
    except (BadInputError, ValueError, RecursionError):  # binary, or not JSON
        return False
    return True


def _by_content(raw: bytes, head: str) -> InputFormat | None:
    """The format the content states outright, or None when it states none."""
    if looks_like_feed(raw):
        return "feed"
    if looks_like_opml(raw):
        return "opml"
    if xml_root_name(raw) in _HTML_ROOTS or _HTML_DOCTYPE.match(head):
        return "html"
    if head.lstrip("\ufeff \t\r\n")[:1] in ("[", "{") and _is_json(raw):
        return "json"  # one JSON value, however laid out (a minified news API answer is one line of it)
    if looks_like_jsonl(raw):
        return "jsonl"
    if _FRONT_MATTER.match(head.lstrip("\ufeff")):
        return "markdown"
    return None


def sniff_format(raw: bytes, name: str) -> InputFormat:
    head = head_text(raw)
    stated = _by_content(raw, head)
    if stated is not None:
        return stated
    by_name = _BY_EXTENSION.get(PurePath(name).suffix.lower())
    # Markdown may open with raw HTML (a centred logo, a <details> block); only a .md name tells it from a fragment.
    if by_name != "markdown" and _mostly_tags(head):
        return "html"
    return by_name or "text"
