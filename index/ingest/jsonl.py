"""JSON Lines: one article per line, `{"title", "body" (or "html"), "date", "source", "url", "author", ...}`.

A bad line fails alone (a LineError naming its line) and the batch goes on. An article's raw bytes are only its
content, so the same text under two names, or with other extra fields, is one article.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from index.ingest.document import Document, Metadata, entry_raw
from index.ingest.text import decode_bytes

# Record field -> Metadata field; the content fields become the entry's raw bytes.
_METADATA_FIELDS = {"title": "title", "date": "published", "source": "source", "url": "url", "author": "author"}
_CONTENT_FIELDS = ("body", "html")
_EXTRA_EXCLUDED = frozenset(_METADATA_FIELDS) | frozenset(_CONTENT_FIELDS)
_SNIFF_LINE_BYTES = 1 << 20


@dataclass(frozen=True)
class LineError:
    line: int  # 1-based, counting blank lines
    reason: str


def _as_text(value: Any) -> str:
    """A field's value as given: a string as is, anything else as its JSON text."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _content(record: dict[str, Any]) -> dict[str, str] | str:
    """{"body": ..., "html": ...} for the non-empty content fields, or the reason the record has none usable."""
    content = {}
    for key in _CONTENT_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return f'"{key}" is not a string'
        if value and value.strip():
            content[key] = value
    return content or 'no "body" or "html" text'


def _document(record: dict[str, Any], path: str) -> Document | str:
    content = _content(record)
    if isinstance(content, str):
        return content
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        return '"title" is not a string'
    known = {
        field: _as_text(record[key])
        for key, field in _METADATA_FIELDS.items()
        if record.get(key) is not None and record.get(key) != ""
    }
    extra = {key: _as_text(value) for key, value in record.items() if key not in _EXTRA_EXCLUDED}
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


def read_jsonl(raw: bytes, path: str) -> list[Document | LineError]:
    """One Document per good line, one LineError per bad one, in file order; blank lines are skipped."""
    results: list[Document | LineError] = []
    # Only "\n" ends a line: U+2028 and friends may sit raw inside a JSON string.
    for number, line in enumerate(decode_bytes(raw).split("\n"), 1):
        if not line.strip():
            continue
        item = _read_line(line, path)
        results.append(LineError(number, item) if isinstance(item, str) else item)
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
