"""The search box's language, on top of Whoosh's default query parser, with friendly errors.

Whoosh's parser never fails: an unclosed quote silently becomes a word, `nosuchfield:x` searches the words
"nosuchfield" and "x", and `(((` matches nothing. A user deserves to know, so those are checked here first and
reported as one clear `QueryError` line.
"""

from __future__ import annotations

import re

from whoosh import qparser
from whoosh.fields import Schema
from whoosh.query import Query

from index.errors import QueryError

MAX_QUERY_CHARS = 2000
SEARCH_FIELDS = ("title", "body")
# What a user may name before a colon; the rest of the schema is internal.
USER_FIELDS = ("title", "body", "source", "url", "published", "entity")

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


class QueryParser:
    def __init__(self, schema: Schema) -> None:
        self._parser = qparser.MultifieldParser(list(SEARCH_FIELDS), schema)
        self._parser.add_plugin(qparser.GtLtPlugin())

    def parse(self, text: str) -> Query:
        cleaned = _CONTROL.sub(" ", text).strip()
        if not cleaned:
            raise QueryError("empty query: type some words to search for")
        if len(cleaned) > MAX_QUERY_CHARS:
            raise QueryError(f"query too long: at most {MAX_QUERY_CHARS} characters")
        _check_balanced(cleaned)
        _check_fields(cleaned)
        try:
            return self._parser.parse(cleaned)
        except Exception as error:  # Whoosh raises assorted internals on odd syntax; the user needs one line
            raise QueryError(f"cannot understand the query: {error}") from error
