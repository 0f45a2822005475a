"""Stories and the sidebar's top entities are kept in the catalog until the library changes (index.derived_cache):
a start with an unchanged library reads them back; any change, by any process, or a hidden entity, recomputes."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

import index.derived_cache
from index.catalog import Catalog
from index.library import bundled_seeds, open_library
from index.stories import Story, find_stories


def test_stories_and_top_entities_are_computed_once_per_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = sorted(bundled_seeds().glob("*.txt"))
    (tmp_path / "first").mkdir()
    for seed in seeds[:3]:
        (tmp_path / "first" / seed.name).write_bytes(seed.read_bytes())
    groupings: list[int] = []

    def counted(catalog: Catalog, hidden: Iterable[str] = ()) -> list[Story]:
        groupings.append(catalog.count())
        return find_stories(catalog, hidden)

    monkeypatch.setattr(index.derived_cache, "find_stories", counted)
    with open_library(tmp_path / "library") as library:
        library.add_paths([tmp_path / "first"])
        stories, top = library.stories(), library.entities(limit=10)
    with open_library(tmp_path / "library") as reopened, open_library(tmp_path / "library") as other_process:
        assert reopened.stories() == stories and reopened.entities(limit=10) == top
        assert groupings == [3]  # read back, not grouped again
        other_process.add_paths(seeds[3:])  # another writer: the values kept are stale now
        assert reopened.stories() == find_stories_of(tmp_path / "library")
        assert groupings == [3, 5]
        assert reopened.entities(limit=10) == other_process.entities(limit=10) != top
        hidden = top[0].id
        reopened.edit_entity("hide", hidden)
        reopened.stories()
        assert groupings == [3, 5, 5]  # the user's hidden entities are part of what stories depend on
        assert hidden not in {info.id for info in reopened.entities(limit=10)}


def find_stories_of(library: Path) -> list[Story]:
    catalog = Catalog(library / "library.sqlite")
    try:
        return find_stories(catalog)
    finally:
        catalog.close()
