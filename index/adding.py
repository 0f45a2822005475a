"""Adding articles in two passes: searchable first, entities after.

Finding entities costs about four times as much as everything else an article needs (the recogniser reads every
token), so a big import would keep its text out of search for minutes. Instead:
1. `store`: each article is stored (enriched = 0) and queued for the index without entities; a big import commits
   the index before pass 2, so its text is searchable at once.
2. `enrich_pending`: the entities of every article still without them, in the order they were added (identity is
   decided in that order), found in worker processes while this one stores the previous batch; each article
   goes back to the index with its entity fields. A small add never reached the index in pass 1: its queued
   articles are replaced by their enriched versions, so it is indexed once.
An interrupted pass 2 leaves rows marked unenriched; the next add (or `Library.enrich_pending`) finishes them.
filelock (not a hand-made lock file) keeps pass 2 to one process at a time: its lock dies with its process.
"""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from filelock import FileLock, Timeout

from index.catalog import ArticleRecord, Catalog
from index.enrich import EntityEnricher
from index.entities import find_entities_many
from index.entities.pool import ExtractionPool, pool_for
from index.index_queue import IndexQueue
from index.ingest.document import Format
from index.model import Article, FoundEntity, Identified

# (done, total, current): as index.library.Progress.
Progress = Callable[[int, int, str], None]
ENRICH_BATCH = 256
# Batches handed to the workers ahead of the one being stored: enough to keep both busy while this process works.
LOOKAHEAD = 2
# What pass 2 reports as its current item, before the article's title: a CLI or app shows it as a second stage.
ENTITIES_STAGE = "entities: "

Waiting = Callable[[], list[tuple[FoundEntity, ...]]]


class TwoPassAdder:
    def __init__(self, catalog: Catalog, enricher: EntityEnricher, index_queue: IndexQueue, lock_file: Path) -> None:
        self._catalog = catalog
        # One lock object, re-entered by the thread holding it: an add holds it through both passes.
        self._lock = FileLock(lock_file, mode=0o600)
        self._enricher = enricher
        self._index_queue = index_queue

    @contextlib.contextmanager
    def adding(self) -> Iterator[None]:
        """Held through both passes of an add when free, so that another process (the app) that sees this add's
        articles waiting for their entities leaves them to it instead of racing it to pass 2."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            yield  # another process is adding: this add's articles are left to it (enrich_pending)
            return
        try:
            yield
        finally:
            self._lock.release()

    def busy_elsewhere(self) -> bool:
        """Another process (or thread) is adding or finding entities."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return True
        self._lock.release()
        return False

    def store(
        self, derived: Sequence[Article], originals: dict[str, tuple[bytes, str, Format]], removed: Sequence[str]
    ) -> None:
        """Pass 1: the catalog (the source of truth), then the index queue; a crash between leaves work to finish."""
        # An article stored again (new metadata) or replaced stops counting towards its old entities' forms.
        self._enricher.forget([*removed, *(article.id for article in derived)])
        records = [ArticleRecord(Identified(article, (), {}), *originals[article.id]) for article in derived]
        self._catalog.save(records, removed, enriched=False)
        self._index_queue.add(derived, removed)

    def enrich_pending(self, progress: Progress | None = None, pool: ExtractionPool | None = None) -> int:
        """Pass 2 for every article stored without entities; returns how many. Uses `pool` if given, else one of
        its own when there are enough articles to repay starting it.

        One process at a time (a lock file in the library): identity is decided in one process's registry, so two
        processes finding the entities of the same articles could name them differently. When another process is
        at it, this one leaves its articles to it (that process looks for more before it stops) and returns 0."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            return 0
        try:
            enriched = 0
            while pending := self._catalog.unenriched():
                self._enrich_with_workers(pending, pool, progress)
                enriched += len(pending)
            return enriched
        finally:
            self._lock.release()

    def _enrich_with_workers(self, pending: list[str], pool: ExtractionPool | None, progress: Progress | None) -> None:
        own_pool = pool_for(len(pending)) if pool is None else None
        try:
            self._enrich(pending, pool or own_pool, progress)
        finally:
            if own_pool is not None:
                own_pool.close()

    def _enrich(self, pending: list[str], pool: ExtractionPool | None, progress: Progress | None) -> None:
        batches = deque(pending[start : start + ENRICH_BATCH] for start in range(0, len(pending), ENRICH_BATCH))
        started: deque[tuple[int, list[Article], Waiting]] = deque()
        done = 0
        if progress is not None:  # the pass starts: what came before is stored, and searchable
            progress(0, len(pending), ENTITIES_STAGE)
        while batches or started:
            while batches and len(started) <= LOOKAHEAD:
                started.append(self._start(batches.popleft(), pool))
            asked, articles, found = started.popleft()
            identified, names = self._enricher.identify(list(zip(articles, found(), strict=True)))
            self._catalog.save_enrichment(identified, names)
            self._index_queue.add([item.article for item in identified], ())
            done += asked  # an article removed meanwhile (by another process) counts as done
            if progress is not None:
                progress(done, len(pending), ENTITIES_STAGE + (articles[-1].title if articles else ""))

    def _start(self, ids: list[str], pool: ExtractionPool | None) -> tuple[int, list[Article], Waiting]:
        articles = [article for article in map(self._catalog.get, ids) if article is not None]
        texts = [(article.title, article.body) for article in articles]
        if pool is not None:
            return len(ids), articles, pool.submit(texts)
        return len(ids), articles, lambda: list(find_entities_many(texts))
