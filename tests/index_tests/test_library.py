"""The library end to end on real files: ingest, the SQLite store, the Whoosh index, search, ids and provenance."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from index.errors import LibraryBusyError, NotFoundError, QueryError
from index.library import Library, bundled_seeds, open_library
from index.model import article_id_for
from index.store import SCHEMA_VERSION

from .conftest import SEED_TITLES, seed_file


def _by_prefix(library: Library) -> dict[str, str]:
    """Seed file prefix ("000") -> article id."""
    return {Path(summary.path).name[:3]: summary.id for summary in library.articles()}


def test_seeds_come_out_with_their_headlines_and_metadata(seeded_library: Library) -> None:
    ids = _by_prefix(seeded_library)
    assert {prefix: seeded_library.get(ids[prefix]).title for prefix in ids} == SEED_TITLES
    straits = seeded_library.get(ids["000"])
    assert (straits.source, straits.published, straits.published_from) == (
        "The Straits Times",
        dt.date(2018, 4, 11),
        "metadata",
    )
    assert straits.provenance["source"] == "metadata"
    unknown_publisher = seeded_library.get(ids["002"])
    assert unknown_publisher.source is None and unknown_publisher.published == dt.date(2024, 1, 16)
    scmp = seeded_library.get(ids["003"])
    assert scmp.url is not None and scmp.url.startswith("https://scmp.com/news/asia/east-asia/article/2148378")
    assert scmp.provenance["url"] == "text"


def test_articles_are_listed_newest_first(seeded_library: Library) -> None:
    dates = [summary.published for summary in seeded_library.articles()]
    assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]
    assert len(dates) == 5


def test_raw_seed_files_without_sidecar_date_only_from_a_print_line(empty_library: Library, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for file in bundled_seeds().glob("*.txt"):
        shutil.copy(file, raw / file.name)
    empty_library.add_paths([raw])
    ids = _by_prefix(empty_library)
    straits = empty_library.get(ids["000"])
    assert (straits.published, straits.published_from) == (dt.date(2018, 4, 11), "text")
    assert straits.source == "The Straits Times" and straits.provenance["source"] == "text"
    for prefix in ("001", "002", "003", "004"):
        article = empty_library.get(ids[prefix])
        assert (article.published, article.published_from) == (None, None), prefix


def test_ids_are_stable_across_fresh_libraries(tmp_path: Path) -> None:
    ids = []
    for name in ("one", "two"):
        with open_library(tmp_path / name) as library:
            library.add_paths([seed_file("001")])
            ids.append(library.articles()[0].id)
    assert ids[0] == ids[1] == article_id_for(seed_file("001").read_bytes())


def test_search_finds_exactly_the_article_that_names_a_person(seeded_library: Library) -> None:
    result = seeded_library.search("Vorontsov")
    assert [hit.title for hit in result.hits] == [SEED_TITLES["000"]]
    assert result.total == 1
    assert "**Vorontsov**" in result.hits[0].highlights


def test_phrase_search_finds_the_two_articles_naming_choe_son_hui(seeded_library: Library) -> None:
    result = seeded_library.search('"Choe Son Hui"')
    assert sorted(hit.title for hit in result.hits) == sorted([SEED_TITLES["002"], SEED_TITLES["004"]])
    for hit in result.hits:
        matched = [text for text, is_match in hit.snippet_segments if is_match]
        assert "Choe Son Hui" in matched  # the phrase's adjacent matches form one highlighted run
        assert all(text in {"Choe Son Hui", "Choe", "Son", "Hui"} for text in matched)


def test_search_ranks_title_matches_and_highlights_the_title(seeded_library: Library) -> None:
    result = seeded_library.search("diplomacy")
    assert result.hits[0].title == SEED_TITLES["001"]
    assert ("diplomacy", True) in result.hits[0].title_segments
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)


def test_search_stems_and_respects_the_limit(seeded_library: Library) -> None:
    many = seeded_library.search("minister")
    assert many.total == 5
    assert len(seeded_library.search("minister", limit=2).hits) == 2
    assert seeded_library.search("ministers").total == 5  # stemmed to the same term


def test_boilerplate_is_never_indexed(seeded_library: Library) -> None:
    for phrase in ('"Back to top button"', '"Related Articles"', '"Print Edition"', "site-59", "Subscribe"):
        assert seeded_library.search(phrase).total == 0, phrase


def test_bad_queries_raise_a_query_error(seeded_library: Library) -> None:
    with pytest.raises(QueryError):
        seeded_library.search("   ")


def test_unknown_id_and_prefixes(seeded_library: Library) -> None:
    some_id = seeded_library.articles()[0].id
    assert seeded_library.get(some_id[:6]).id == some_id
    with pytest.raises(NotFoundError):
        seeded_library.get("ffffffffffffffff")


def test_re_adding_is_unchanged_and_a_changed_file_is_an_update(empty_library: Library, tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Harbour reopens after storm\n\nThe harbour of Port Example reopened on Monday after repairs.\n")
    first = empty_library.add_paths([article])
    assert [o.status for o in first.outcomes] == ["added"]
    assert [o.status for o in empty_library.add_paths([article]).outcomes] == ["unchanged"]
    empty_library.mark_read(first.outcomes[0].article_id or "")
    article.write_text(
        "Harbour reopens after storm\n\nThe harbour of Port Example reopened on Tuesday after repairs.\n"
    )
    second = empty_library.add_paths([article])
    assert [o.status for o in second.outcomes] == ["updated"]
    new_id = second.outcomes[0].article_id
    assert [summary.id for summary in empty_library.articles()] == [new_id]
    assert empty_library.search("Tuesday").total == 1 and empty_library.search("Monday").total == 0
    assert empty_library.read_ids() == {new_id}  # the user's read mark followed the update


def test_a_bad_input_fails_alone(empty_library: Library, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A good headline here\n\nA first paragraph of real prose about the harbour.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    report = empty_library.add_paths([tmp_path, tmp_path / "missing.txt"])
    statuses = {Path(o.input).name: (o.status, o.error) for o in report.outcomes}
    assert statuses["good.txt"][0] == "added"
    assert statuses["empty.txt"][0] == "failed" and "empty" in (statuses["empty.txt"][1] or "")
    assert statuses["image.png"][0] == "failed" and "binary" in (statuses["image.png"][1] or "")
    assert statuses["missing.txt"] == ("failed", "no such file or folder")
    assert empty_library.count() == 1


def test_state_survives_a_rebuilt_index(tmp_path: Path) -> None:
    with open_library(tmp_path / "lib") as library:
        library.add_seeds()
        some_id = library.articles()[0].id
        library.mark_read(some_id)
    # An index written by another schema version is rebuilt from the stored articles on open.
    (tmp_path / "lib" / "whoosh" / "newsdesk-schema.json").write_text(json.dumps({"schema_version": 0}))
    with open_library(tmp_path / "lib") as library:
        assert library.search("Vorontsov").total == 1
        assert library.read_ids() == {some_id}
    assert SCHEMA_VERSION >= 1


def test_a_broken_index_is_rebuilt_not_crashed_on(tmp_path: Path) -> None:
    with open_library(tmp_path / "lib") as library:
        library.add_seeds()
    for segment in (tmp_path / "lib" / "whoosh").glob("*.toc"):
        segment.write_bytes(b"garbage")
    with open_library(tmp_path / "lib") as library:
        assert library.search('"Choe Son Hui"').total == 2


def test_an_interrupted_add_is_finished_on_next_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = open_library(tmp_path / "lib")

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the process dies after the articles were stored, before the index commit

    monkeypatch.setattr(library._store, "write", crash)
    with pytest.raises(KeyboardInterrupt):
        library.add_seeds()
    monkeypatch.undo()
    library.close()
    with open_library(tmp_path / "lib") as reopened:
        assert reopened.count() == 5
        assert reopened.search("Vorontsov").total == 1


def test_a_second_writer_waits_then_reports_busy(empty_library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("index.store.WRITER_TIMEOUT_S", 0.3)
    other_process_writer = whoosh_index.open_dir(str(empty_library.path / "whoosh")).writer()
    try:
        started = time.monotonic()
        with pytest.raises(LibraryBusyError):
            empty_library.add_seeds()
        assert time.monotonic() - started >= 0.3
    finally:
        other_process_writer.cancel()
    empty_library.add_seeds()  # once the lock is free, what was stored but not indexed gets indexed
    assert empty_library.search("Vorontsov").total == 1


def test_library_files_are_user_only(tmp_path: Path) -> None:
    with open_library(tmp_path / "private") as library:
        library.add_seeds()
    assert (tmp_path / "private").stat().st_mode & 0o077 == 0


def test_an_article_is_found_by_its_url(seeded_library: Library) -> None:
    scmp = next(s for s in seeded_library.articles() if s.title == SEED_TITLES["003"])
    url = seeded_library.get(scmp.id).url or ""
    assert seeded_library.find_by_url(url) == scmp.id
    assert seeded_library.find_by_url(url.rstrip("/") + "/") == scmp.id
    assert seeded_library.find_by_url("https://example.org/elsewhere") is None
