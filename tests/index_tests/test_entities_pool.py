"""Big imports extract entities in worker processes: the results must be exactly the in-process ones."""

from __future__ import annotations

from index.entities import find_entities_many
from index.entities.pool import MIN_ARTICLES_FOR_POOL, ExtractionPool, pool_for
from index.library import bundled_seeds


def test_worker_processes_find_the_same_entities_in_the_same_order() -> None:
    articles = [("", path.read_text(encoding="utf-8")) for path in sorted(bundled_seeds().glob("*.txt"))] * 12
    with ExtractionPool(processes=2) as pool:
        assert pool.find_many(articles) == list(find_entities_many(articles))


def test_small_imports_stay_in_process() -> None:
    assert pool_for(MIN_ARTICLES_FOR_POOL - 1) is None
