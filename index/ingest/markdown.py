"""Markdown articles: YAML (`---`) or TOML (`+++`) front matter as metadata, and the body as plain readable text.

The text is what a reader sees, not the markup: headings without "#", links and emphasis as their words, images as
their alt text, list items as "- item" lines, code verbatim, blocks apart by a blank line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from typing import Any

import yaml  # type: ignore[import-untyped]  # python-frontmatter's YAML parser; no stubs installed
from frontmatter.default_handlers import BaseHandler, YAMLHandler
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from index.errors import BadInputError
from index.ingest.document import Metadata
from index.ingest.feed import html_text
from index.ingest.text import decode_bytes

# python-frontmatter splits; its TOML handler needs the third-party `toml` package, so TOML is parsed by tomllib.
_YAML = YAMLHandler()
_TOML_SPLITTER = BaseHandler(fm_boundary=re.compile(r"^\+{3,}\s*$", re.MULTILINE))
# Front-matter key (any case) -> Metadata field; the first key found for a field wins.
_METADATA_KEYS = {
    "title": "title",
    "date": "published",
    "published": "published",
    "source": "source",
    "publisher": "source",
    "site": "source",
    "url": "url",
    "link": "url",
    "author": "author",
    "authors": "author",
}
# YAML aliases can make a few lines stand for billions of values; nobody's front matter holds this many.
_MAX_FRONT_MATTER_VALUES = 10_000
_MAX_FRONT_MATTER_DEPTH = 100
_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _scalar_text(value: Any) -> str:
    """YAML's own types (dates, times, sets, binary) as JSON has no word for them."""
    return value.isoformat() if isinstance(value, dt.date | dt.time) else str(value)


def _as_text(value: Any) -> str:
    """A front-matter value as a string: numbers, booleans, null, lists and tables as JSON text."""
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, int | float | list | dict):
        return json.dumps(value, ensure_ascii=False, default=_scalar_text)
    return _scalar_text(value)


def _too_large(value: Any) -> bool:
    """More values than any real front matter holds (shared, aliased values counted every time), or nested
    deeper than JSON text can be written."""
    count, pending = 0, [(value, 0)]
    while pending:
        item, depth = pending.pop()
        count += 1
        if count > _MAX_FRONT_MATTER_VALUES or depth > _MAX_FRONT_MATTER_DEPTH:
            return True
        if isinstance(item, dict):
            pending.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            pending.extend((child, depth + 1) for child in item)
    return False


def _field_text(field: str, value: Any) -> str:
    if field == "author" and isinstance(value, list):
        return ", ".join(_as_text(name) for name in value)
    return _as_text(value)


def _metadata(values: dict[Any, Any]) -> Metadata:
    known: dict[str, str] = {}
    extra: dict[str, str] = {}
    for key, value in values.items():
        field = _METADATA_KEYS.get(str(key).lower())
        if field is not None and field not in known and value not in (None, "", []):
            known[field] = _field_text(field, value)
        else:
            extra[str(key)] = _as_text(value)
    return Metadata(**known, extra=extra)


def _load(front: str, kind: str) -> Any:
    try:
        return tomllib.loads(front) if kind == "TOML" else _YAML.load(front)
    except yaml.MarkedYAMLError as error:
        where = f" at line {error.problem_mark.line + 1}" if error.problem_mark else ""
        raise BadInputError(f"broken YAML front matter: {error.problem or error.context}{where}") from None
    # ValueError: a YAML date that is no day ("2018-02-30"), and tomllib's own errors
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        reason = " ".join(str(error).split()) or type(error).__name__  # PyYAML's reader errors run over two lines
        raise BadInputError(f"broken {kind} front matter: {reason}") from None


def markdown_metadata(raw: bytes) -> tuple[Metadata, str]:
    """The front matter's metadata (empty without front matter) and the Markdown after it."""
    text = decode_bytes(raw)
    start = text.lstrip()
    for splitter, kind in ((_YAML, "YAML"), (_TOML_SPLITTER, "TOML")):
        if not splitter.detect(start):
            continue
        try:
            front, body = splitter.split(start)
        except ValueError:  # no closing delimiter: a leading rule, not front matter
            return Metadata(), text
        values = _load(front, kind)
        if values is None:
            values = {}
        if not isinstance(values, dict):
            raise BadInputError(f"broken {kind} front matter: not a set of named fields")
        if _too_large(values):
            raise BadInputError(f"broken {kind} front matter: too many values or nested too deeply")
        return _metadata(values), body.lstrip("\n")
    return Metadata(), text


def _inline_text(node: SyntaxTreeNode) -> str:
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type == "softbreak":  # the source's line wrapping, not the author's
        return " "
    if node.type == "hardbreak":
        return "\n"
    if node.type == "html_inline":  # a lone tag; the words around it are text nodes
        return ""
    return "".join(_inline_text(child) for child in node.children)  # em, strong, link, image (its alt text)


def _list_lines(node: SyntaxTreeNode) -> str:
    first = int(str(node.attrs.get("start", 1)))
    lines = []
    for number, item in enumerate(node.children, first):
        marker = f"{number}. " if node.type == "ordered_list" else "- "
        # A tight item's paragraphs and nested lists go on lines of their own, indented under the marker.
        item_text = "\n".join(_blocks(item)).replace("\n", "\n" + " " * len(marker))
        lines.append(marker + item_text)
    return "\n".join(lines)


def _table_lines(node: SyntaxTreeNode) -> str:
    rows = [row for section in node.children for row in section.children]
    return "\n".join(" | ".join(_inline_text(cell).strip() for cell in row.children) for row in rows)


def _block_text(node: SyntaxTreeNode) -> list[str]:
    if node.type in ("paragraph", "heading"):
        return [_inline_text(node).strip()]
    if node.type in ("fence", "code_block"):
        return [node.content.rstrip("\n")]
    if node.type in ("bullet_list", "ordered_list"):
        return [_list_lines(node)]
    if node.type == "table":
        return [_table_lines(node)]
    if node.type == "html_block":
        return [html_text(node.content).strip()]
    if node.type == "hr":
        return []
    return _blocks(node)  # a blockquote: its own blocks


def _blocks(node: SyntaxTreeNode) -> list[str]:
    return [text for child in node.children for text in _block_text(child) if text]


def markdown_to_text(markdown: str) -> str:
    """Markdown as plain readable text, blocks separated by a blank line."""
    return "\n\n".join(_blocks(SyntaxTreeNode(_MARKDOWN.parse(markdown))))
