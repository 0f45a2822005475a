"""Saved searches: named queries in the user's state, checked when saved, kept through reindex and reopening."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from index.cli import main
from index.errors import BadInputError, NotFoundError, QueryError
from index.library import Library, bundled_seeds, open_library
from index.state import SavedSearch


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    """A library of its own (saved searches are written), with one seed: enough for queries to parse and run."""
    opened = open_library(tmp_path / "library")
    opened.add_paths([next(bundled_seeds().glob("000_*.txt"))])
    yield opened
    opened.close()


def run(library: Path, *args: str) -> tuple[int, Any, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--library", str(library), *args], out=out, err=err)
    text = out.getvalue()
    return code, (json.loads(text) if "--json" in args and text else text), err.getvalue()


def test_save_list_and_delete(library: Library) -> None:
    assert library.saved_searches() == []
    saved = library.save_search("  Korea talks ", '  "North Korea"   Russia ')
    assert (saved.name, saved.query) == ("Korea talks", '"North Korea" Russia') and saved.saved_at
    library.save_search("alpha", "date:2018 Vorontsov")
    assert [(s.name, s.query) for s in library.saved_searches()] == [
        ("alpha", "date:2018 Vorontsov"),
        ("Korea talks", '"North Korea" Russia'),
    ]
    assert all(isinstance(s, SavedSearch) for s in library.saved_searches())
    assert library.search(library.saved_searches()[0].query).total == 1
    library.delete_search("alpha")
    assert [s.name for s in library.saved_searches()] == ["Korea talks"]
    with pytest.raises(NotFoundError, match="no saved search named 'alpha'"):
        library.delete_search("alpha")


def test_saving_under_a_name_in_use_replaces_it(library: Library) -> None:
    library.save_search("watch", "Lavrov")
    library.save_search("watch", "Vorontsov")
    assert [(s.name, s.query) for s in library.saved_searches()] == [("watch", "Vorontsov")]


@pytest.mark.parametrize(
    ("name", "query", "error", "message"),
    [
        ("", "Lavrov", BadInputError, "needs a name"),
        ("   ", "Lavrov", BadInputError, "needs a name"),
        ("two\nlines", "Lavrov", BadInputError, "one line"),
        ("bell\x07", "Lavrov", BadInputError, "one line"),
        ("bad", '"unclosed', QueryError, "unclosed quote"),
        ("bad", "nosuchfield:x", QueryError, "unknown field"),
        ("bad", "   ", QueryError, "empty query"),
    ],
)
def test_a_bad_name_or_query_is_refused(
    library: Library, name: str, query: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        library.save_search(name, query)
    assert library.saved_searches() == []


def test_saved_searches_survive_reindex_and_reopening(library: Library) -> None:
    library.save_search("lavrov", "Lavrov")
    library.save_search("recent", 'date:"last 7 days"')
    before = library.saved_searches()
    assert library.reindex() == 1
    assert library.saved_searches() == before
    path = library.path
    library.close()
    with open_library(path) as reopened:
        assert reopened.saved_searches() == before


def test_cli_searches_json_contract(library: Library) -> None:
    path = library.path
    library.close()
    code, listed, err = run(path, "searches", "--json")
    assert (code, listed, err) == (0, [], "")
    code, listed, err = run(path, "searches", "save", "lavrov", "Lavrov Vorontsov", "--json")
    assert code == 0 and err == ""
    assert [set(item) for item in listed] == [{"name", "query", "saved_at"}]
    assert (listed[0]["name"], listed[0]["query"]) == ("lavrov", "Lavrov Vorontsov")
    assert run(path, "searches", "save", "nk", '"North Korea"')[0] == 0
    for args in (("searches", "--json"), ("searches", "list", "--json"), ("searches", "--json", "list")):
        code, listed, _ = run(path, *args)
        assert code == 0 and [item["name"] for item in listed] == ["lavrov", "nk"]
    code, text, _ = run(path, "searches")
    assert code == 0 and text.splitlines()[1].startswith('nk  "North Korea"  (saved ')
    code, listed, _ = run(path, "searches", "delete", "lavrov", "--json")
    assert code == 0 and [item["name"] for item in listed] == ["nk"]
    code, _, _ = run(path, "reindex")
    assert code == 0 and [item["name"] for item in run(path, "searches", "--json")[1]] == ["nk"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("searches", "delete", "nope"), "no saved search named 'nope'"),
        (("searches", "save", "x", '"unclosed'), "unclosed quote"),
        (("searches", "save", "", "Lavrov"), "needs a name"),
    ],
)
def test_cli_searches_errors_are_one_line(library: Library, args: tuple[str, ...], message: str) -> None:
    code, _, err = run(library.path, *args)
    assert code == 1 and err.count("\n") == 1 and message in err and "Traceback" not in err
