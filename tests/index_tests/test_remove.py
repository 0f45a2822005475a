"""Removing articles (`Library.remove`, `newsdesk remove`): gone from the catalog, the index and the entity counts,
for good after a reopen; a mistyped id removes nothing; an article added again comes back as the user left it."""

from __future__ import annotations

import shutil
from pathlib import Path

from index.library import Library, bundled_seeds, open_library
from index.store import Store
from tests.index_tests.test_cli import run


def _entity_articles(library: Library) -> dict[str, set[str]]:
    return {info.id: set(info.articles) for info in library.entities()}


def test_a_removed_article_leaves_catalog_index_and_entities(seeded_library: Library, tmp_path: Path) -> None:
    shutil.copytree(seeded_library.path, tmp_path / "library")
    with open_library(tmp_path / "library") as library:
        before = _entity_articles(library)
        gone, *kept = [summary.id for summary in library.articles()]
        gone_title = library.get(gone).title
        assert gone in {hit.id for hit in library.search(gone_title).hits}
        library.mark_read(gone)
        assert library.remove([gone, gone, "not-an-id"]) == [gone]
        assert [summary.id for summary in library.articles()] == kept
        expected = {entity: articles - {gone} for entity, articles in before.items() if articles - {gone}}
        assert _entity_articles(library) == expected
        assert gone not in {hit.id for hit in library.search(gone_title).hits}
    with open_library(tmp_path / "library") as reopened:
        assert [summary.id for summary in reopened.articles()] == kept
        assert _entity_articles(reopened) == expected
        assert reopened.remove([gone]) == []
    store = Store(tmp_path / "library" / "whoosh")
    try:
        assert store.indexed_ids() == set(kept)
    finally:
        store.close()

    with open_library(tmp_path / "library") as library:  # added again: back, with the read mark it had
        library.add_seeds()
        assert {summary.id for summary in library.articles()} == {gone, *kept}
        assert _entity_articles(library) == before
        assert gone in library.read_ids()


def test_cli_remove_checks_every_id_before_removing_any(tmp_path: Path) -> None:
    library = tmp_path / "library"
    run(library, "add", str(bundled_seeds()))
    code, listed, _ = run(library, "articles", "--json")
    first, second = listed[0]["id"], listed[1]["id"]
    code, out, err = run(library, "remove", first, "nope")
    assert code == 1 and out == "" and err == "newsdesk: no article with id 'nope' (see `newsdesk articles`)\n"
    code, removed, _ = run(library, "remove", "--json", first[:6], second)
    assert code == 0 and removed == {"removed": [first, second]}
    code, listed, _ = run(library, "articles", "--json")
    assert len(listed) == 3 and {first, second}.isdisjoint(article["id"] for article in listed)
