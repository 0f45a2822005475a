"""A long list read a page at a time: the app's article list shows a few dozen of 100,000 articles, so it asks
for the pages it draws and keeps the latest few."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import overload

from index.model import ArticleSummary

PAGE_SIZE = 200
# Pages kept: the screen's rows and a few screens either way, so scrolling back and forth reads nothing again.
CACHED_PAGES = 16


class PagedSummaries(Sequence[ArticleSummary]):
    def __init__(self, total: int, read_page: Callable[[int, int], list[ArticleSummary]]) -> None:
        self._total = total
        self._read_page = read_page  # (offset, limit) -> at most `limit` summaries
        self._pages: OrderedDict[int, list[ArticleSummary]] = OrderedDict()

    def __len__(self) -> int:
        return self._total

    @overload
    def __getitem__(self, index: int) -> ArticleSummary: ...

    @overload
    def __getitem__(self, index: slice) -> list[ArticleSummary]: ...

    def __getitem__(self, index: int | slice) -> ArticleSummary | list[ArticleSummary]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._total))]
        if index < 0:
            index += self._total
        if not 0 <= index < self._total:
            raise IndexError(index)
        page = self._page(index // PAGE_SIZE)
        offset = index % PAGE_SIZE
        if offset >= len(page):  # the library shrank since the count was taken
            raise IndexError(index)
        return page[offset]

    def _page(self, number: int) -> list[ArticleSummary]:
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number * PAGE_SIZE, PAGE_SIZE)
            self._pages[number] = page
            if len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page
