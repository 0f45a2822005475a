"""Entities across the library: one id per referent, queries by any alias, user corrections that survive rebuilds."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.cli import main
from index.library import Library, bundled_seeds, open_library

from .conftest import SEED_TITLES


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with open_library(tmp_path / "library") as opened:
        opened.add_seeds()
        yield opened


def _named(library: Library, name: str) -> str:
    (entity_id,) = library.entity_ids_named(None, name)
    return entity_id


def test_one_identity_per_person_across_the_library(seeded_library: Library) -> None:
    lavrov = seeded_library.entity(_named(seeded_library, "Sergei Lavrov"))
    assert lavrov.kind == "person" and lavrov.name == "Sergei Lavrov"
    assert {"Sergei Lavrov", "Sergi Lavrov"} <= set(lavrov.aliases)
    assert len(lavrov.articles) == 5
    assert _named(seeded_library, "Sergi Lavrov") == lavrov.id == _named(seeded_library, "Mr. Lavrov")
    assert _named(seeded_library, "Ri Yong-ho") == _named(seeded_library, "Ri Yong Ho")
    assert _named(seeded_library, "Kim Jong-un") == _named(seeded_library, "Kim Jong Un")
    kims = {_named(seeded_library, name) for name in ("Kim Jong Un", "Kim Il-sung", "Kim Jong-il")}
    assert len(kims) == 3


def test_places_and_organisations_merge_their_aliases_and_nothing_else(seeded_library: Library) -> None:
    assert _named(seeded_library, "DPRK") == _named(seeded_library, "North Korea") == _named(seeded_library, "N. Korea")
    assert _named(seeded_library, "North Korea") != _named(seeded_library, "South Korea")
    assert _named(seeded_library, "US") == _named(seeded_library, "United States")
    assert _named(seeded_library, "UNSC") == _named(seeded_library, "United Nations Security Council")
    assert _named(seeded_library, "US National Security Council") != _named(seeded_library, "UNSC")
    assert _named(seeded_library, "AFP") == _named(seeded_library, "Agence France-Presse")


def test_articles_name_their_entities_with_the_librarys_ids(seeded_library: Library) -> None:
    known = {info.id for info in seeded_library.entities()}
    for summary in seeded_library.articles():
        article = seeded_library.get(summary.id)
        assert article.entities and {entity.id for entity in article.entities} <= known
        for mention in article.mentions:
            text = article.title if mention.field == "title" else article.body
            assert text[mention.start : mention.end].strip()


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ('entity:"Sergi Lavrov"', set(SEED_TITLES.values())),
        ("person:Vorontsov", {SEED_TITLES["000"]}),
        ('entity:"Choe Son Hui"', {SEED_TITLES["002"], SEED_TITLES["004"]}),
        ("org:UNSC", {SEED_TITLES["000"], SEED_TITLES["001"]}),
        ("place:DPRK AND Kirby", {SEED_TITLES["002"], SEED_TITLES["004"]}),
        ('entity:"Nobody Anywhere"', set()),
    ],
)
def test_entity_queries_accept_any_alias(seeded_library: Library, query: str, titles: set[str]) -> None:
    assert {hit.title for hit in seeded_library.search(query).hits} == titles


def test_search_and_listing_within_an_entity(seeded_library: Library) -> None:
    vorontsov = _named(seeded_library, "Alexander Vorontsov")
    assert [s.title for s in seeded_library.articles(mentioning=vorontsov)] == [SEED_TITLES["000"]]
    assert seeded_library.search("Russia", within_entity=vorontsov).total == 1
    counts = seeded_library.entity_article_counts([vorontsov, _named(seeded_library, "Russia")])
    assert counts == {vorontsov: 1, _named(seeded_library, "Russia"): 5}


def test_user_corrections_survive_reindex_and_apply_to_new_articles(library: Library, tmp_path: Path) -> None:
    lavrov = _named(library, "Sergei Lavrov")
    peskov = _named(library, "Dmitry Peskov")
    library.edit_entity("merge", lavrov, peskov)
    assert library.search('entity:"Dmitry Peskov"').total == 5
    library.edit_entity("split", lavrov, "Sergi Lavrov")
    library.edit_entity("rename", lavrov, "Sergey Lavrov")
    library.edit_entity("hide", _named(library, "Russia"))
    library.reindex()
    info = library.entity(lavrov)
    assert info.name == "Sergey Lavrov" and "Dmitry Peskov" in info.aliases and "Sergi Lavrov" not in info.aliases
    assert all(entity.name != "Russia" for entity in library.get(library.articles()[0].id).entities)
    assert library.search('entity:"Sergi Lavrov"').total == 1  # the split form is its own entity now
    new_article = tmp_path / "new" / "story.txt"
    new_article.parent.mkdir()
    new_article.write_text("Peskov speaks\n\nDmitry Peskov spoke to reporters in Moscow on Monday about the talks.\n")
    library.add_paths([new_article])
    assert len(library.entity(lavrov).articles) == 6  # the merge applies to an article added after it


def test_corrections_live_in_user_state_apart_from_the_index(tmp_path: Path) -> None:
    with open_library(tmp_path / "lib") as library:
        library.add_seeds()
        library.edit_entity("rename", _named(library, "Moscow"), "Moskva")
    shutil.rmtree(tmp_path / "lib" / "whoosh")
    (tmp_path / "lib" / "library.sqlite").unlink()
    with open_library(tmp_path / "lib") as library:
        library.add_paths([bundled_seeds()])
        assert [info.name for info in library.entities(kind="place") if info.name == "Moskva"] == ["Moskva"]


def _cli(library: Path, *args: str) -> tuple[int, object, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--library", str(library), *args], out=out, err=err)
    return code, (json.loads(out.getvalue()) if "--json" in args and out.getvalue() else out.getvalue()), err.getvalue()


def test_entities_cli_json_contract_and_edits(tmp_path: Path) -> None:
    library = tmp_path / "library"
    assert _cli(library, "add", "--seeds")[0] == 0
    code, entities, _ = _cli(library, "entities", "--json")
    assert code == 0 and isinstance(entities, list)
    for info in entities:
        assert set(info) == {"id", "name", "kind", "aliases", "articles", "mentions"}
        assert info["kind"] in {"person", "org", "place"} and info["aliases"] and info["articles"]
    _, people, _ = _cli(library, "entities", "--kind", "person", "--json")
    assert isinstance(people, list) and {p["kind"] for p in people} == {"person"}
    _, articles, _ = _cli(library, "articles", "--json")
    assert isinstance(articles, list)
    listed = {info["id"] for info in entities}
    assert {entity["id"] for article in articles for entity in article["entities"]} <= listed
    code, renamed, _ = _cli(library, "entity", "rename", "Sergi Lavrov", "S. Lavrov", "--json")
    assert code == 0 and isinstance(renamed, dict) and renamed["name"] == "S. Lavrov"
    code, _, err = _cli(library, "entity", "merge", "Nobody", "Moscow")
    assert code == 1 and err == "newsdesk: no entity named 'Nobody' (see `newsdesk entities`)\n"
    code, _, err = _cli(library, "entity", "merge", "Moscow", "Sergei Lavrov")
    assert code == 1 and "cannot merge a person into a place" in err
