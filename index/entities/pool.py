"""Entity extraction (and deriving articles from documents) in worker processes, for big imports.

The recogniser is CPU-bound Python and C that holds the GIL, so threads cannot share it out; on a 2-core machine two
processes nearly double throughput (Reuters-21578: about 100 -> 175 articles/s). Workers are spawned, not forked:
the app calls the library from threads, and forking a threaded process can deadlock. Each worker loads the model
once, on its first extraction (not at start: the first pass of an add, deriving articles, does not need it); a pool
costs a second or two to start, so only imports large enough to repay that use one.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType
from typing import TypeVar

from index.errors import BadInputError
from index.ingest.document import Document
from index.model import Article, FoundEntity

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many articles the pool's start-up costs more than it saves.
MIN_ARTICLES_FOR_POOL = 1000
_CHUNK = 64


def _build(documents: Sequence[Document]) -> list[Article | str]:
    """Each document's article, or why it cannot be one (an error message: exceptions need not cross processes)."""
    from index.pipeline import build_article

    built: list[Article | str] = []
    for document in documents:
        try:
            built.append(build_article(document))
        except BadInputError as error:
            built.append(str(error))
    return built


def _extract(chunk: Sequence[tuple[str, str]]) -> list[tuple[FoundEntity, ...]]:
    from index.entities import find_entities_many

    return list(find_entities_many(chunk, batch_size=_CHUNK))


class ExtractionPool:
    """`find_entities_many` spread over worker processes; use as a context manager."""

    def __init__(self, processes: int | None = None) -> None:
        self.processes = processes or max(2, os.cpu_count() or 2)
        self._executor = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"))

    def find_many(self, articles: Sequence[tuple[str, str]]) -> list[tuple[FoundEntity, ...]]:
        return self.submit(articles)()

    def submit(self, articles: Sequence[tuple[str, str]]) -> Callable[[], list[tuple[FoundEntity, ...]]]:
        """Start finding the entities of (title, body) pairs; call the result to wait for them, in order. The
        caller can do other work meanwhile (store the previous batch) while the workers extract."""
        return self._in_chunks(_extract, articles)

    def submit_builds(self, documents: Sequence[Document]) -> Callable[[], list[Article | str]]:
        """Start deriving articles from documents (cleaning, dates: pass 1 of an add) in the workers; call the
        result to wait for them, in order: an Article, or the message of the BadInputError it raised."""
        return self._in_chunks(_build, documents)

    def _in_chunks(
        self, work: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item]
    ) -> Callable[[], list[Result]]:
        """`work` over `items` in chunks shared out to the workers; the result waits for them and joins, in order."""
        futures = [self._executor.submit(work, items[start : start + _CHUNK]) for start in range(0, len(items), _CHUNK)]
        return lambda: [result for future in futures for result in future.result()]

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def pool_for(article_count: int) -> ExtractionPool | None:
    """A pool when the import is big enough and the machine has more than one core, else None (extract in-process)."""
    if article_count < MIN_ARTICLES_FOR_POOL or (os.cpu_count() or 1) < 2:
        return None
    return ExtractionPool()
