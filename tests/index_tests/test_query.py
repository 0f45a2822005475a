"""Queries are untrusted: odd input gives hits or one friendly QueryError, never a Whoosh internal."""

from __future__ import annotations

import re

import pytest

from index.errors import QueryError
from index.library import Library

from .conftest import SEED_TITLES


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"unterminated phrase', "unclosed quote"),
        ("(((", "'(' is never closed"),
        ("Lavrov)", "')' has no '('"),
        ("nosuchfield:x", "unknown field 'nosuchfield'"),
        ("x" * 5000, "too long"),
        ("\x00\x01", "empty query"),
    ],
)
def test_bad_queries_say_what_is_wrong(seeded_library: Library, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        seeded_library.search(query)


@pytest.mark.parametrize(
    "query",
    [
        "title:Korea",
        "Lavrov AND Pyongyang",
        "Lavrov NOT Trump",
        "(Kirby OR Vorontsov)",
        "Vor*",
        "a\x00Vorontsov",
        '"a: b"',
        "https://scmp.com",
        "Lavrov:",
    ],
)
def test_valid_syntax_searches(seeded_library: Library, query: str) -> None:
    result = seeded_library.search(query)
    assert result.total >= 0


def test_field_and_boolean_queries_narrow_the_hits(seeded_library: Library) -> None:
    title_hits = {hit.title for hit in seeded_library.search("title:Lavrov").hits}
    assert title_hits == {SEED_TITLES["002"], SEED_TITLES["003"]}
    either = {hit.title for hit in seeded_library.search("Kirby OR Vorontsov").hits}
    assert either == {SEED_TITLES["000"], SEED_TITLES["002"], SEED_TITLES["004"]}
    assert seeded_library.search("Lavrov NOT Trump").total == 3
