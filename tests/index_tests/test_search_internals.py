"""The search's own shortcuts agree with what Whoosh would have answered: date ranges from the column, snippets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from whoosh.query import DateRange

from index.date_filter import PublishedBetween
from index.library import Library
from index.snippets import best_fragments, mark, matched_spans
from tests.index_tests.feeds import article_text


def _library_with_dates(tmp_path: Path, empty_library: Library) -> Library:
    folder = tmp_path / "dated"
    folder.mkdir()
    for n, day in enumerate(["2024-01-05", "2024-01-31", "2024-02-01", "2024-03-15T23:30:00+00:00", None]):
        (folder / f"{n}.txt").write_text(f"Headline {n}\n\n{article_text(n)}\n")
        if day:
            (folder / f"{n}.txt.meta.json").write_text(f'{{"published": "{day}"}}')
    empty_library.add_paths([folder])
    return empty_library


def test_column_date_ranges_match_whooshs_own_and_skip_undated_and_replaced(
    tmp_path: Path, empty_library: Library
) -> None:
    library = _library_with_dates(tmp_path, empty_library)
    store = library._store
    ranges = [
        (dt.datetime(2024, 1, 1), dt.datetime(2024, 1, 31, 23, 59, 59)),
        (None, dt.datetime(2024, 2, 1, 23, 59, 59)),
        (dt.datetime(2024, 2, 1), None),
        (None, None),
    ]
    with store._searcher() as searcher:
        for first, last in ranges:
            theirs = {
                searcher.stored_fields(d)["id"] for d in searcher.docs_for_query(DateRange("published", first, last))
            }
            ours_query = PublishedBetween(
                *(None if v is None else DateRange("published", v, v).start for v in (first, last))
            )
            ours = {searcher.stored_fields(d)["id"] for d in searcher.docs_for_query(ours_query)}
            assert ours == theirs, (first, last)
    assert library.search("date:2024-01").total == 2
    assert library.search("date:>=2024-02").total == 2
    assert library.search("date:[2024-01-31 to 2024-02-01]").total == 2
    # a replaced article leaves the range (its old document is deleted in the index)
    (tmp_path / "dated" / "0.txt").write_text("Headline 0, corrected\n\n" + article_text(0) + "\n")
    library.add_paths([tmp_path / "dated"])
    assert [hit.title for hit in library.search("date:2024-01-05").hits] == ["Headline 0, corrected"]


def test_snippets_find_stemmed_words_and_cut_around_the_richest_passage() -> None:
    text = "Ministers met. " + "Filler words here. " * 20 + "The minister said ministers ministered. " + "Tail. " * 20
    spans = matched_spans(text, frozenset({"minist"}))
    assert [text[a:b] for a, b in spans] == ["Ministers", "minister", "ministers", "ministered"]
    (fragment,) = best_fragments(text, spans, max_chars=160, surround=30, top=1)
    assert sum(1 for _, matched in fragment if matched) == 3  # the passage with three matches, not the first one
    assert mark("a b", [(2, 3)]) == (("a ", False), ("b", True))
    assert matched_spans("anything", frozenset()) == []


def test_the_total_counts_every_match_beyond_the_hits_shown(tmp_path: Path, empty_library: Library) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(60):
        words = "oil " * (1 + n % 7)  # scores differ, so Whoosh's top-N shortcuts would skip some matches
        (folder / f"{n}.txt").write_text(f"Headline {n}\n\n{words}{article_text(n)}\n")
    empty_library.add_paths([folder])
    for query in ("oil", "oil OR nothing", "oil NOT nothing", "oil report"):
        result = empty_library.search(query, limit=3)
        assert (len(result.hits), result.total) == (3, 60), query
