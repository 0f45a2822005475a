"""Article records in JSON: JSON Lines (one object a line) and JSON documents (an array of objects, or an object
holding one, as exports and news APIs give them), `{"title", "body" (or "html"), "date", "source", "url", "author",
...}`.

Other common names for the same fields are read too ("content", "text", "description" for the body; "headline";
"published", "publishedAt", "pubDate"; "link"; a source or author given as an object's "name"), the documented name
first. Only a documented name can fail a record: another name whose value does not fit (not text, blank, a date
that cannot be read) is skipped and kept as an extra, like any other field. A bad record fails alone (a RecordError
naming its line or number) and the batch goes on. An article's raw bytes are only its content, so the same text
under two names, or with other extra fields, is one article.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from index.dates import parse_date_value
from index.ingest.document import Document, Metadata, entry_raw
from index.ingest.text import decode_bytes

# Metadata field -> the record fields that may hold it, the documented one first.
_METADATA_FIELDS = {
    "title": ("title", "headline"),
    "published": ("date", "published", "published_at", "publishedAt", "pubDate", "date_published", "datePublished"),
    "source": ("source", "site_name", "publisher"),
    "url": ("url", "link"),
    "author": ("author", "authors", "byline", "creator"),
}
# Entry content -> the record fields that may hold it.
_CONTENT_FIELDS = {
    "body": ("body", "content", "text", "articleBody", "article", "description", "summary"),
    "html": ("html", "content_html"),
}
# What an object holding the records calls them, most likely first; else its only list of objects.
_RECORD_LISTS = ("articles", "items", "records", "data", "results", "posts", "entries", "stories", "news")
_SNIFF_LINE_BYTES = 1 << 20


@dataclass(frozen=True)
class RecordError:
    number: int  # 1-based: the line of a JSON Lines file (blank lines counted), the record of a JSON document
    reason: str


def _as_text(value: Any) -> str:
    """A field's value as given: a string as is, anything else as its JSON text."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _first(record: dict[str, Any], names: tuple[str, ...], usable: Callable[[Any], bool]) -> tuple[str, Any] | None:
    """The documented name (the first) if the record fills it, whatever its value; else the first other name whose
    value is `usable`. A record fails only on what its documented fields say: another name that does not fit is
    kept as an extra, as before those names were read."""
    documented = record.get(names[0])
    if documented is not None and not (isinstance(documented, str) and not documented.strip()):
        return names[0], documented
    return next(((name, record[name]) for name in names[1:] if name in record and usable(record[name])), None)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_name(value: Any) -> bool:
    """A name, an object with a "name", or a list of either (what `_named` can show)."""
    items = value if isinstance(value, list) else [value]
    return bool(items) and all(_is_text(item.get("name") if isinstance(item, dict) else item) for item in items)


def _is_date(value: Any) -> bool:
    if not _is_text(value):
        return False
    try:
        parse_date_value(value)
    except (ValueError, OverflowError):
        return False
    return True


_USABLE = {"published": _is_date, "source": _is_name, "author": _is_name}


def _named(value: Any) -> str:
    """A source or author as shown: a string as is; an object's (or a list of objects') "name"."""
    items = value if isinstance(value, list) else [value]
    names = [item.get("name") if isinstance(item, dict) else item for item in items]
    strings = [name for name in names if isinstance(name, str)]
    return ", ".join(strings) if len(strings) == len(names) else _as_text(value)


def _document(record: dict[str, Any], path: str) -> Document | str:
    content: dict[str, str] = {}
    # The documented names are never extras, even when empty; another name is once it was read.
    used = {names[0] for names in (*_CONTENT_FIELDS.values(), *_METADATA_FIELDS.values())}
    for key, names in _CONTENT_FIELDS.items():
        found = _first(record, names, _is_text)
        if found is not None:
            if not isinstance(found[1], str):
                return f'"{found[0]}" is not a string'
            used.add(found[0])
            content[key] = found[1]
    if not content:
        return 'no "body" or "html" text'
    known: dict[str, str] = {}
    for field, names in _METADATA_FIELDS.items():
        found = _first(record, names, _USABLE.get(field, _is_text))
        if found is not None:
            if field == "title" and not isinstance(found[1], str):
                return f'"{found[0]}" is not a string'
            used.add(found[0])
            known[field] = _named(found[1]) if field in ("source", "author") else _as_text(found[1])
    extra = {key: _as_text(value) for key, value in record.items() if key not in used}
    raw = entry_raw(body=content.get("body"), html=content.get("html"))
    return Document(raw=raw, format="entry", path=path, metadata=Metadata(**known, extra=extra))


def _read_line(line: str, path: str) -> Document | str:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return f"not JSON ({error.msg} at column {error.colno})"
    except (ValueError, RecursionError):  # an integer of thousands of digits, arrays nested thousands deep
        return "not JSON that can be read"
    if not isinstance(record, dict):
        return "not a JSON object"
    return _document(record, path)


def read_jsonl(raw: bytes, path: str) -> list[Document | RecordError]:
    """One Document per good line, one RecordError per bad one, in file order; blank lines are skipped."""
    results: list[Document | RecordError] = []
    # Only "\n" ends a line: U+2028 and friends may sit raw inside a JSON string.
    for number, line in enumerate(decode_bytes(raw).split("\n"), 1):
        if not line.strip():
            continue
        item = _read_line(line, path)
        results.append(RecordError(number, item) if isinstance(item, str) else item)
    return results


def looks_like_jsonl(raw: bytes) -> bool:
    """The first non-blank line parses as a JSON object (read as UTF-8; the first megabyte at most)."""
    text = raw[:_SNIFF_LINE_BYTES].decode("utf-8-sig", errors="replace").lstrip()
    if not text.startswith("{"):
        return False
    first, newline, _ = text.partition("\n")
    if not newline and len(raw) > _SNIFF_LINE_BYTES:
        return False  # the first line goes on past the sniffing window
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return False


def _records(document: Any) -> list[Any] | None:
    """The records a JSON document holds: itself if an array; itself if an article (it has content); else the
    array of objects it holds them in."""
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        return None
    if any(_is_text(document.get(name)) for names in _CONTENT_FIELDS.values() for name in names):
        return [document]
    lists = {
        key: value
        for key, value in document.items()
        if isinstance(value, list) and all(isinstance(item, dict) for item in value)
    }
    for key in _RECORD_LISTS:
        if key in lists:
            return lists[key]  # perhaps empty: an answer with no articles
    filled = [value for value in lists.values() if value]
    return filled[0] if len(filled) == 1 else [document]  # else one article, which fails saying why


def read_json_records(raw: bytes, path: str) -> list[Document | RecordError] | None:
    """One Document per good record of a JSON document, one RecordError per bad one; None when the file is not
    JSON holding records (then it is read as text)."""
    try:
        document = json.loads(decode_bytes(raw))
    except (ValueError, RecursionError):
        return None
    records = _records(document)
    if records is None:
        return None
    results: list[Document | RecordError] = []
    for number, record in enumerate(records, 1):
        item = _document(record, path) if isinstance(record, dict) else "not a JSON object"
        results.append(RecordError(number, item) if isinstance(item, str) else item)
    return results
