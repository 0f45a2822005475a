"""Stored articles wait here for the next Whoosh commit, which indexes at least INDEX_BATCH of them at once.

Each Whoosh commit writes a segment and merges small ones, so fewer, larger commits index 2,000 articles 1.7x
faster (8.1 s -> 4.7 s, measured here). Articles stored but not yet indexed are safe: the catalog marks them
unindexed until a commit, and opening the library indexes whatever a killed process left.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.catalog import Catalog
from index.model import Article
from index.store import Store

INDEX_BATCH = 1024


class IndexQueue:
    def __init__(self, catalog: Catalog, store: Store) -> None:
        self._catalog = catalog
        self._store = store
        self._to_index: dict[str, Article] = {}  # stored since the last commit
        self._to_unindex: set[str] = set()  # removed since the last commit, maybe still indexed
        # Whether commits may merge segments. Whoosh merges in Python: at 17,000 articles one merge took 28 s, more
        # than indexing them. Pass 1 of a big add (index.adding) turns it off: every article it indexes is indexed
        # again with its entities in pass 2, whose commits merge what pass 1 left (by then mostly deleted: cheap).
        self.merging = True

    def add(self, articles: Sequence[Article], removed: Sequence[str]) -> None:
        for old in removed:
            self._to_index.pop(old, None)
            self._to_unindex.add(old)
        for article in articles:
            self._to_index[article.id] = article
            self._to_unindex.discard(article.id)
        if len(self._to_index) >= INDEX_BATCH:
            self.flush()

    def flush(self) -> None:
        """Index what has been stored since the last commit, in one Whoosh commit."""
        if not self._to_index and not self._to_unindex:
            return
        articles, removed = list(self._to_index.values()), sorted(self._to_unindex)
        self._store.write(articles, removed, merge=self.merging)
        self._catalog.mark_indexed([article.id for article in articles], removed)
        self._to_index.clear()
        self._to_unindex.clear()

    def finish_interrupted(self, batch: int = 256) -> None:
        """Index what an interrupted add stored but did not index, and drop what it removed."""
        pending, removed = self._catalog.unindexed()
        for start in range(0, max(len(pending), 1), batch):
            chunk = pending[start : start + batch]
            articles = [article for article in map(self._catalog.get, chunk) if article is not None]
            if articles or removed:
                self._store.write(articles, removed)
                self._catalog.mark_indexed(chunk, removed)
                removed = []
