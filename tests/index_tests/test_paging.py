"""The app's list reads the library a page at a time, in the order `articles` gives, and only the pages looked at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from index import paging
from index.library import Library
from index.model import ArticleSummary
from index.paging import PagedSummaries
from tests.index_tests.feeds import article_text


def test_pages_give_the_same_articles_in_the_same_order(
    tmp_path: Path, empty_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "PAGE_SIZE", 4)
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(11):
        (folder / f"{n}.txt").write_text(f"Headline {n:02}\n\n{article_text(n)}\n")
        if n % 3:
            (folder / f"{n}.txt.meta.json").write_text(f'{{"published": "2024-01-{n + 1:02}"}}')
    empty_library.add_paths([folder])
    pages = empty_library.article_pages()
    assert len(pages) == 11
    assert list(pages) == empty_library.articles()
    assert pages[-1] == empty_library.articles()[-1] and pages[2:5] == empty_library.articles()[2:5]
    first_week = empty_library.article_pages(between=(dt.date(2024, 1, 1), dt.date(2024, 1, 7)))
    expected = [s.title for s in empty_library.articles() if s.published and s.published.day <= 7]
    assert [s.title for s in first_week] == expected == ["Headline 05", "Headline 04", "Headline 02", "Headline 01"]


def test_only_the_pages_looked_at_are_read() -> None:
    reads: list[int] = []

    def read_page(offset: int, limit: int) -> list[ArticleSummary]:
        reads.append(offset)
        return [ArticleSummary(str(i), f"t{i}", None, None, "p") for i in range(offset, min(offset + limit, 100_000))]

    pages = PagedSummaries(100_000, read_page)
    assert pages[99_999].id == "99999" and pages[0].id == "0" and pages[1].id == "1"
    assert reads == [99_800, 0]
    for index in range(0, 100_000, 1_000):
        pages[index]
    assert len(reads) == 2 + 100 - 1  # one page each (page 0 still cached)
