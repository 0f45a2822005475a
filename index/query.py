"""The search box's language, on top of Whoosh's default query parser, with friendly errors.

Whoosh's parser never fails: an unclosed quote silently becomes a word, `nosuchfield:x` searches the words
"nosuchfield" and "x", and `(((` matches nothing. A user deserves to know, so those are checked here first and
reported as one clear `QueryError` line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from whoosh import qparser
from whoosh.fields import Schema
from whoosh.query import Query

from index.date_query import rewrite_date_clauses
from index.errors import QueryError
from index.model import EntityKind

MAX_QUERY_CHARS = 2000
SEARCH_FIELDS = ("title", "body")
# What a user may name before a colon; the rest of the schema is internal.
ENTITY_FIELDS = ("entity", "person", "org", "place")
USER_FIELDS = ("title", "body", "source", "url", "published", "date", "mentions", *ENTITY_FIELDS)

# (kind or None for any, a name as the user typed it) -> ids of the entities known by that name
EntityLookup = Callable[[EntityKind | None, str], list[str]]
_ENTITY_TERM = re.compile(r'(?<![\w:])(entity|person|org|place):(?:"([^"]*)"|([^\s()"]+))', re.IGNORECASE)
# A term no article carries: an entity filter naming nobody matches nothing, rather than everything.
_NO_ENTITY = 'entity:"none:none"'

# `name:value` names a field; "Lavrov:" (nothing after) and URLs ("https://") do not.
_FIELD_PREFIX = re.compile(r"(?:^|[\s(])([A-Za-z_]\w*):(?=[^\s/])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _check_balanced(text: str) -> None:
    if text.count('"') % 2:
        raise QueryError('unclosed quote: a phrase needs a closing "')
    depth = 0
    in_phrase = False
    for character in text:
        if character == '"':
            in_phrase = not in_phrase
        elif not in_phrase and character == "(":
            depth += 1
        elif not in_phrase and character == ")":
            depth -= 1
            if depth < 0:
                raise QueryError("unbalanced parentheses: a ')' has no '('")
    if depth:
        raise QueryError("unbalanced parentheses: a '(' is never closed")


def _check_fields(text: str) -> None:
    outside_phrases = re.sub(r'"[^"]*"', " ", text)
    for match in _FIELD_PREFIX.finditer(outside_phrases):
        if match.group(1).lower() not in USER_FIELDS:
            known = ", ".join(f"{name}:" for name in USER_FIELDS)
            raise QueryError(f"unknown field {match.group(1)!r}: use {known}")


def _rewrite_entity_terms(text: str, lookup: EntityLookup) -> str:
    """`entity:"Sergi Lavrov"` or `person:Lavrov` -> the entity ids that name stands for (any alias works)."""

    def replace(match: re.Match[str]) -> str:
        field_name = match.group(1).lower()
        name = match.group(2) if match.group(2) is not None else match.group(3)
        kind: EntityKind | None = None if field_name == "entity" else field_name  # type: ignore[assignment]
        ids = lookup(kind, name)
        if ids:
            return "(" + " OR ".join(f'entity:"{entity_id}"' for entity_id in ids) + ")"
        # No entity known by that name: a kind's field still matches the names articles use ("person:Kirby").
        return match.group(0) if kind is not None else _NO_ENTITY

    return _ENTITY_TERM.sub(replace, text)


class QueryParser:
    def __init__(self, schema: Schema) -> None:
        self._parser = qparser.MultifieldParser(list(SEARCH_FIELDS), schema)
        self._parser.add_plugin(qparser.GtLtPlugin())

    def parse(self, text: str, entity_ids: EntityLookup | None = None) -> Query:
        cleaned = _CONTROL.sub(" ", text).strip()
        if not cleaned:
            raise QueryError("empty query: type some words to search for")
        if len(cleaned) > MAX_QUERY_CHARS:
            raise QueryError(f"query too long: at most {MAX_QUERY_CHARS} characters")
        _check_balanced(cleaned)
        _check_fields(cleaned)
        cleaned = rewrite_date_clauses(cleaned)
        if entity_ids is not None:
            cleaned = _rewrite_entity_terms(cleaned, entity_ids)
        try:
            return self._parser.parse(cleaned)
        except Exception as error:  # Whoosh raises assorted internals on odd syntax; the user needs one line
            raise QueryError(f"cannot understand the query: {error}") from error
