"""Articles stored in one add are indexed in few large commits, and one replaced before a commit never comes back."""

from __future__ import annotations

from typing import Any

from index import index_queue
from index.index_queue import IndexQueue
from index.model import Article


class Recorder:
    def __init__(self) -> None:
        self.writes: list[tuple[list[str], list[str]]] = []
        self.marked: list[tuple[list[str], list[str]]] = []
        self.merged: list[bool] = []

    def write(self, articles: list[Article], removed: list[str], merge: bool = True) -> None:
        self.writes.append(([article.id for article in articles], list(removed)))
        self.merged.append(merge)

    def mark_indexed(self, ids: list[str], removed: list[str]) -> None:
        self.marked.append((list(ids), list(removed)))


def _article(article_id: str) -> Article:
    return Article(id=article_id, title=article_id, body="text", path="p")


def test_commits_wait_for_a_batch_and_a_replaced_article_is_not_indexed(monkeypatch: Any) -> None:
    monkeypatch.setattr(index_queue, "INDEX_BATCH", 3)
    recorder = Recorder()
    queue = IndexQueue(recorder, recorder)  # type: ignore[arg-type]
    queue.add([_article("a"), _article("b")], [])
    assert recorder.writes == []
    queue.add([_article("a2")], ["a"])  # a new version of "a" before any commit
    assert recorder.writes == []
    queue.add([_article("c")], [])
    assert recorder.writes == [(["b", "a2", "c"], ["a"])] == recorder.marked
    queue.add([], ["b"])
    queue.flush()
    queue.flush()  # nothing left: no empty commit
    assert recorder.writes[1:] == [([], ["b"])]
    assert recorder.merged == [True, True]
    queue.merging = False  # pass 1 of a big add: every article is indexed again in pass 2
    queue.add([_article("d")], [])
    queue.flush()
    assert recorder.merged[-1] is False
