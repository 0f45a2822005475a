"""Two processes adding to one library (the app and `newsdesk add` or `watch` beside it) decide entity identity as
one process adding the same articles in the same order would. Each Library below has its own catalog connection
and entity registry, exactly as a second process has."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.catalog import Catalog
from index.library import Library, open_library

ARTICLES = {
    "a": "Markets rally in Tokyo\n\nShares in Tokyo rose on Monday as Toyota reported higher profits for the year.",
    "b": "Russia and China hold talks\n\nRussian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi"
    " in Beijing on Tuesday to discuss trade.",
    # Only the surname: named as the "Sergei Lavrov" the library knows, if the registry knows him.
    "c": "Moscow warns Washington\n\nLavrov said on Wednesday that Moscow would answer any new sanctions, speaking"
    " to reporters in Moscow.",
}


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    folders = {}
    for name, text in ARTICLES.items():
        folders[name] = tmp_path / "inputs" / name
        folders[name].mkdir(parents=True)
        (folders[name] / f"{name}.txt").write_text(text, encoding="utf-8")
    return folders


def _entity_table(library: Library) -> list[tuple[str, str, int]]:
    return sorted((info.id, info.name, len(info.articles)) for info in library.entities())


def test_an_add_after_another_process_added_knows_that_process_entities(
    tmp_path: Path, inputs: dict[str, Path]
) -> None:
    with open_library(tmp_path / "reference") as reference:
        for name in "abc":
            reference.add_paths([inputs[name]])
        expected = _entity_table(reference)
    assert ("person:sergei-lavrov", "Sergei Lavrov", 2) in expected  # the case this test is about

    app, beside = open_library(tmp_path / "library"), open_library(tmp_path / "library")
    try:
        app.add_paths([inputs["a"]])  # the app's registry is loaded here
        beside.add_paths([inputs["b"]])  # another process adds Sergei Lavrov
        app.add_paths([inputs["c"]])
        assert _entity_table(app) == expected
    finally:
        beside.close()
        app.close()


def test_a_lone_process_loads_its_registry_once(
    tmp_path: Path, inputs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = 0
    entity_forms = Catalog.entity_forms

    def counted(self: Catalog) -> object:
        nonlocal loads
        loads += 1
        return entity_forms(self)

    monkeypatch.setattr(Catalog, "entity_forms", counted)
    with open_library(tmp_path / "library") as library:
        for name in "abc":
            library.add_paths([inputs[name]])
    assert loads == 1  # its own writes never make it reload (at 100k articles a load takes seconds)
