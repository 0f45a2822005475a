"""What every reader hands the library: one Document per article, before cleaning.

A Document is also what the catalog keeps as the original: `reindex` derives the article again from exactly these
bytes, format and metadata, so a rebuild gives what a fresh ingest gives.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

# How `raw` is read:
#   text      a plain-text article (the seeds' shape): decoded, then cleaned of scraped boilerplate
#   html      a whole web page: the main text and the page's own metadata are extracted
#   markdown  Markdown, with optional YAML/TOML front matter
#   entry     one record (a feed entry, a JSON Lines line): canonical UTF-8 JSON with "body" (plain text) and/or
#             "html" (an HTML fragment, e.g. a feed entry's content); its other facts are in `metadata`
Format = Literal["text", "html", "markdown", "entry"]
FORMATS: tuple[Format, ...] = ("text", "html", "markdown", "entry")


@dataclass(frozen=True)
class Metadata:
    """Facts about an article known from outside its text (a sidecar, a feed, front matter, a JSON Lines record);
    they win over what the text says."""

    title: str | None = None
    source: str | None = None  # the publication or feed title
    url: str | None = None
    published: str | None = None  # as written; parsed by index.dates so a bad value fails with a clear message
    author: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)  # any other field a record carried, kept as given

    def as_json(self) -> str:
        values: dict[str, Any] = {key: value for key, value in self.__dict__.items() if value}
        return json.dumps(values, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Metadata:
        value = json.loads(text) if text else {}
        if not isinstance(value, dict):
            return cls()
        known = {key: str(value[key]) for key in ("title", "source", "url", "published", "author") if value.get(key)}
        extra = value.get("extra")
        extras = {str(k): str(v) for k, v in extra.items()} if isinstance(extra, dict) else {}
        return cls(**known, extra=extras)


@dataclass(frozen=True)
class Document:
    raw: bytes  # the original, stored as is; its SHA-256 is the article's id
    format: Format
    path: str  # where it came from: the file, or the feed's file path or URL
    metadata: Metadata = Metadata()
    # The only article its path holds (a file of one article): a new version of the file replaces the old article.
    # Not stored: it only matters while adding.
    one_per_path: bool = False


def entry_raw(body: str | None = None, html: str | None = None) -> bytes:
    """The canonical bytes of an `entry` document: the same content always gives the same bytes (and id)."""
    content = {key: value for key, value in (("body", body), ("html", html)) if value}
    return json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")


def is_url(location: str) -> bool:
    """A web address (http or https), as opposed to a file path: how inputs and feeds name where they come from."""
    return location.lower().startswith(("http://", "https://"))
