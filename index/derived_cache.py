"""Values derived from the whole library, kept in the catalog until articles or entities change.

At 100,000 articles grouping stories takes ~4.8 s of CPU and gathering the sidebar's top entities ~2.3 s
(measured): the app paid both at every start, in a worker thread that made the first seconds sluggish. They depend
only on the catalog (keyed by its generation, which every write bumps, in any process) and on the user's hidden
entities (part of the key), so a start with an unchanged library reads them back instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from typing import TypeVar

from index.catalog import Catalog
from index.model import EntityInfo
from index.stories import Story, find_stories

Value = TypeVar("Value")


class DerivedCache:
    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def stories(self, hidden: Iterable[str]) -> list[Story]:
        hidden_ids = sorted(hidden)
        key = "stories:" + hashlib.sha256("\n".join(hidden_ids).encode()).hexdigest()[:16]
        return self._kept(key, lambda: find_stories(self._catalog, hidden_ids), _stories_json, _stories_from_json)

    def most_named(self, count: int) -> list[EntityInfo]:
        """`Catalog.entity_infos` of the `count` entities the most articles name (the sidebar's, at every start)."""
        return self._kept(
            f"most_named:{count}",
            lambda: self._catalog.entity_infos(self._catalog.most_named_entity_ids(count)),
            _entity_infos_json,
            _entity_infos_from_json,
        )

    def _kept(
        self,
        key: str,
        compute: Callable[[], list[Value]],
        to_json: Callable[[list[Value]], str],
        from_json: Callable[[str], list[Value]],
    ) -> list[Value]:
        generation = self._catalog.generation()  # read before computing: a change meanwhile makes the value stale
        kept = self._catalog.derived(key, generation)
        if kept is not None:
            return from_json(kept)
        value = compute()
        self._catalog.keep_derived(key, generation, to_json(value))
        return value


def _stories_json(stories: list[Story]) -> str:
    return json.dumps(
        [[s.id, s.title, s.articles, s.start.isoformat(), s.end.isoformat()] for s in stories], ensure_ascii=False
    )


def _stories_from_json(text: str) -> list[Story]:
    return [
        Story(story_id, title, tuple(articles), dt.date.fromisoformat(start), dt.date.fromisoformat(end))
        for story_id, title, articles, start, end in json.loads(text)
    ]


def _entity_infos_json(infos: list[EntityInfo]) -> str:
    return json.dumps([[i.id, i.name, i.kind, i.aliases, i.articles, i.mentions] for i in infos], ensure_ascii=False)


def _entity_infos_from_json(text: str) -> list[EntityInfo]:
    return [
        EntityInfo(entity_id, name, kind, tuple(aliases), tuple(articles), mentions)
        for entity_id, name, kind, aliases, articles, mentions in json.loads(text)
    ]
