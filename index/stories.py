"""Stories: groups of articles about the same event, so a list can show one row per story.

Two dated articles are linked when they were published at most WINDOW_DAYS apart, both name a same person or
organisation that few articles name (at most RARE_ENTITY_SHARE of the library, or RARE_ENTITY_FLOOR: the same
place, or "Reuters", is not the same event), and what they share weighs at least LINK_SHARE of what they name on
average (a weighted Dice coefficient, weights as for related articles: ln(1 + N / df), so sharing "Russia" counts
little and sharing "Choe Son Hui" much). Links are taken strongest first and join two groups only while the
result spans at most WINDOW_DAYS, so a long run of similar articles (a daily market report) becomes one story a
week instead of one for months. Undated articles join no story: "within days" cannot be checked. Everything
comes from the catalog's entity table, with no text search, so a 20,000-article library is grouped in about a
second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from index.catalog import Catalog
from index.related import entity_weight
from index.timeline import calendar_day

WINDOW_DAYS = 7
LINK_SHARE = 0.4
RARE_ENTITY_SHARE, RARE_ENTITY_FLOOR = 0.0025, 20


@dataclass(frozen=True)
class Story:
    """Articles about one event. `id` is "story:" + its earliest article's id, so the same articles keep the same
    id; `title` is the earliest article's title; `articles` are oldest first; `start` and `end` are the first and
    last publication days."""

    id: str
    title: str
    articles: tuple[str, ...]
    start: dt.date
    end: dt.date

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.articles


def find_stories(catalog: Catalog, hidden: Iterable[str] = ()) -> list[Story]:
    """Every story of two or more articles, the most recent first (by its last day, then its first)."""
    dated, _ = catalog.dates()
    days = {article_id: calendar_day(published) for article_id, published in dated}
    hidden_ids = frozenset(hidden)
    entities = {article_id: ids - hidden_ids for article_id, ids in catalog.article_entity_ids().items()}
    naming: dict[str, list[str]] = {}
    for article_id, ids in entities.items():
        for entity_id in ids:
            naming.setdefault(entity_id, []).append(article_id)
    size = catalog.count()
    weights = {entity_id: entity_weight(size, len(ids)) for entity_id, ids in naming.items()}
    totals = {article_id: sum(weights[e] for e in ids) for article_id, ids in entities.items()}
    links = []
    for first, second in _pairs_naming_rare_actors(naming, days, size):
        shared = sum(weights[e] for e in entities[first] & entities[second])
        strength = 2 * shared / (totals[first] + totals[second])
        if strength >= LINK_SHARE:
            links.append((strength, first, second))
    groups = _Groups(days)
    for _, first, second in sorted(links, key=lambda link: (-link[0], link[1], link[2])):
        groups.join(first, second)
    return _stories(catalog, groups.groups(), days)


def _pairs_naming_rare_actors(
    naming: Mapping[str, list[str]], days: Mapping[str, dt.date], size: int
) -> set[tuple[str, str]]:
    """Pairs of dated articles at most WINDOW_DAYS apart that name a same rare person or organisation."""
    rare = max(RARE_ENTITY_FLOOR, RARE_ENTITY_SHARE * size)
    window = dt.timedelta(days=WINDOW_DAYS)
    pairs: set[tuple[str, str]] = set()
    for entity_id, article_ids in naming.items():
        if entity_id.startswith("place:") or not 2 <= len(article_ids) <= rare:
            continue
        ordered = sorted((days[a], a) for a in article_ids if a in days)
        for position, (day, first) in enumerate(ordered):
            for later_day, second in ordered[position + 1 :]:
                if later_day - day > window:
                    break
                pairs.add((first, second) if first < second else (second, first))
    return pairs


def _stories(catalog: Catalog, groups: Iterable[list[str]], days: Mapping[str, dt.date]) -> list[Story]:
    ordered = [sorted(members, key=lambda a: (days[a], a)) for members in groups if len(members) > 1]
    titles = catalog.summaries_by_id([members[0] for members in ordered])
    stories = [
        Story(
            id=f"story:{members[0]}",
            title=titles[members[0]].title if members[0] in titles else "",
            articles=tuple(members),
            start=days[members[0]],
            end=days[members[-1]],
        )
        for members in ordered
    ]
    return sorted(stories, key=lambda s: (s.end, s.start, s.id), reverse=True)


class _Groups:
    """Union-find over articles that refuses a union spanning more than WINDOW_DAYS."""

    def __init__(self, days: Mapping[str, dt.date]) -> None:
        self._days = days
        self._parent: dict[str, str] = {}
        self._span: dict[str, tuple[dt.date, dt.date]] = {}  # root -> (first day, last day) of its group

    def find(self, item: str) -> str:
        root = item
        while (parent := self._parent.setdefault(root, root)) != root:
            root = parent
        while item != root:  # path compression, iteratively: a group can chain many articles
            self._parent[item], item = root, self._parent[item]
        return root

    def join(self, first: str, second: str) -> None:
        roots = self.find(first), self.find(second)
        if roots[0] == roots[1]:
            return
        spans = [self._span.get(root, (self._days[root], self._days[root])) for root in roots]
        start, end = min(span[0] for span in spans), max(span[1] for span in spans)
        if (end - start).days <= WINDOW_DAYS:
            self._parent[roots[0]] = roots[1]
            self._span[roots[1]] = (start, end)

    def groups(self) -> list[list[str]]:
        members: dict[str, list[str]] = {}
        for item in self._parent:
            members.setdefault(self.find(item), []).append(item)
        return list(members.values())
