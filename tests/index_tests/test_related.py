"""Related articles and stories on the seeds: who relates to whom, why, and the CLI's JSON contracts."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from index.cli import main
from index.errors import NotFoundError
from index.library import Library
from index.model import article_id_for
from index.related import entity_weight, time_closeness

from .conftest import seed_file

RELATED_KEYS = {"id", "title", "published", "score", "shared_entities", "key_terms", "days_apart"}


def seed_id(prefix: str) -> str:
    return article_id_for(seed_file(prefix).read_bytes())


def related_ids(library: Library, prefix: str) -> list[str]:
    return [item.id for item in library.related(seed_id(prefix))]


def test_the_two_april_2018_pieces_on_ri_in_moscow_are_each_others_first(seeded_library: Library) -> None:
    assert related_ids(seeded_library, "000")[0] == seed_id("001")
    assert related_ids(seeded_library, "001")[0] == seed_id("000")


def test_the_2023_pyongyang_visit_and_the_2024_moscow_meeting_are_each_others_first(seeded_library: Library) -> None:
    assert related_ids(seeded_library, "002")[0] == seed_id("004")
    assert related_ids(seeded_library, "004")[0] == seed_id("002")


def test_the_may_2018_piece_is_most_related_to_the_april_2018_pieces(seeded_library: Library) -> None:
    assert set(related_ids(seeded_library, "003")[:2]) == {seed_id("000"), seed_id("001")}


def test_every_other_article_is_related_best_first_never_the_article_itself(seeded_library: Library) -> None:
    related = seeded_library.related(seed_id("000"))
    assert sorted(item.id for item in related) == sorted(seed_id(p) for p in ("001", "002", "003", "004"))
    assert [item.score for item in related] == sorted((item.score for item in related), reverse=True)
    assert all(0 < item.score <= 1 for item in related)
    assert len(seeded_library.related(seed_id("000"), limit=2)) == 2


def test_a_related_article_says_why_shared_entities_key_terms_and_days_apart(seeded_library: Library) -> None:
    first = seeded_library.related(seed_id("000"))[0]
    assert {"Ri Yong-ho", "Sergei Lavrov", "Moscow"} <= set(first.shared_entities)
    assert first.key_terms and all(len(term) >= 3 for term in first.key_terms)
    assert first.days_apart == 1
    assert (first.title, first.published_iso) == (seeded_library.get(seed_id("001")).title, "2018-04-10")


def test_the_rarest_shared_entity_comes_first(seeded_library: Library) -> None:
    # Choe Son Hui is named by 002 and 004 only; Russia by every seed.
    first = seeded_library.related(seed_id("002"))[0]
    assert first.shared_entities[0] == "Choe Son Hui"
    assert first.shared_entities.index("Choe Son Hui") < first.shared_entities.index("Russia")
    assert first.days_apart == 89


def test_key_terms_are_words_as_the_article_writes_them_not_stems(seeded_library: Library) -> None:
    terms = {term for item in seeded_library.related(seed_id("003")) for term in item.key_terms}
    assert "lavrov" in terms and not any(term.endswith("minist") for term in terms)


def test_rarity_and_time_weights() -> None:
    assert entity_weight(20_000, 2) > entity_weight(20_000, 2_000) > entity_weight(20_000, 20_000) > 0
    assert time_closeness(0) == 1.0 and time_closeness(1) > time_closeness(89) > time_closeness(2_000)
    assert time_closeness(None) == 0.5


def test_related_to_an_unknown_id_is_a_not_found_error(seeded_library: Library) -> None:
    with pytest.raises(NotFoundError, match="no article with id"):
        seeded_library.related("ffffffffffffffff")


def test_the_april_2018_pieces_form_the_only_story(seeded_library: Library) -> None:
    stories = seeded_library.stories()
    assert len(stories) == 1
    story = stories[0]
    assert story.articles == (seed_id("001"), seed_id("000"))  # oldest first
    assert story.id == f"story:{seed_id('001')}"
    assert story.title == seeded_library.get(seed_id("001")).title
    assert (story.start.isoformat(), story.end.isoformat()) == ("2018-04-10", "2018-04-11")
    assert seeded_library.story_of(seed_id("000")) == story
    assert all(seeded_library.story_of(seed_id(p)) is None for p in ("002", "003", "004"))


def run(library: Path, *args: str) -> tuple[int, Any, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--library", str(library), *args], out=out, err=err)
    text = out.getvalue()
    return code, (json.loads(text) if "--json" in args and text else text), err.getvalue()


def test_cli_related_json_contract(seeded_library: Library) -> None:
    code, related, err = run(seeded_library.path, "related", seed_id("000")[:6], "--limit", "2", "--json")
    assert code == 0 and err == ""
    assert len(related) == 2 and all(set(item) == RELATED_KEYS for item in related)
    first = related[0]
    assert (first["id"], first["published"], first["days_apart"]) == (seed_id("001"), "2018-04-10", 1)
    assert "Ri Yong-ho" in first["shared_entities"] and first["key_terms"]
    assert isinstance(first["score"], float)


def test_cli_related_prints_reasons_without_json(seeded_library: Library) -> None:
    code, text, _ = run(seeded_library.path, "related", seed_id("002"), "--limit", "1")
    assert code == 0 and seed_id("004") in text and "89 d apart" in text and "Choe Son Hui" in text


def test_cli_related_errors_are_one_line(seeded_library: Library) -> None:
    code, out, err = run(seeded_library.path, "related", "ffffffffffffffff", "--json")
    assert code == 1 and out == "" and err.count("\n") == 1 and "no article with id" in err
    with pytest.raises(SystemExit) as exited:  # a usage mistake: argparse's exit 2, one line (test_cli)
        run(seeded_library.path, "related", seed_id("000"), "--limit", "0")
    assert exited.value.code == 2


def test_cli_stories_json_contract(seeded_library: Library) -> None:
    code, stories, err = run(seeded_library.path, "stories", "--json")
    assert code == 0 and err == ""
    assert stories == [
        {
            "id": f"story:{seed_id('001')}",
            "title": seeded_library.get(seed_id("001")).title,
            "articles": [seed_id("001"), seed_id("000")],
            "start": "2018-04-10",
            "end": "2018-04-11",
        }
    ]


def test_hidden_entities_are_no_reason_and_undated_articles_have_no_gap(empty_library: Library, tmp_path: Path) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text("Ri Yong-ho meets Sergei Lavrov\n\nNorth Korea's Ri Yong-ho met Sergei Lavrov in Moscow.\n")
    empty_library.add_seeds()
    empty_library.add_paths([undated])
    empty_library.edit_entity("hide", "place:moscow")
    related = empty_library.related(seed_id("000"))
    assert all("Moscow" not in item.shared_entities for item in related)
    note = next(item for item in related if item.id == article_id_for(undated.read_bytes()))
    assert note.days_apart is None and note.published is None and "Ri Yong-ho" in note.shared_entities
    assert empty_library.story_of(note.id) is None
