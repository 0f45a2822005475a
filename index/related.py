"""Related articles: for one article, the others ranked by what they share with it, each with its reasons.

Candidates are the articles most like the source by its key terms (Whoosh's Bo1 key terms of title and body,
searched in title and body) and the articles that name its rarer entities. Each candidate gets three parts in [0, 1]:

    text     = its BM25F score for the source's key terms / the source's own score for them (see similar.py)
    entities = 2 * sum of w(e) over the entities both name / (sum of w(e) over the source's entities
               + the same over the candidate's): a weighted Dice coefficient, so an article that names
               everything (a list, a table) is not related to everything
               w(e) = ln(1 + N / df(e))  (N articles in the library, df(e) of them name e)
    time     = exp(-days apart / TIME_SCALE_DAYS), or 1/2 when either article is undated

    score    = (TEXT_WEIGHT * text + ENTITY_WEIGHT * entities) * (1 - TIME_WEIGHT + TIME_WEIGHT * time)

Text and entities add up, so either alone can make an article related; time multiplies, so closeness alone never
does, but of two equally similar articles the nearer in time ranks first. The rarity weight makes sharing
"Choe Son Hui" (two articles) count far more than sharing "Russia" (most of them).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from whoosh.analysis import StemmingAnalyzer

from index.catalog import Catalog
from index.model import Article
from index.store import Store
from index.timeline import calendar_day

# Text and entities weigh the same. On Reuters-21578 text alone ranks a little better (bench/related/README.md),
# but there entities are found worst (wire tables) and the topics are subjects, not actors; in news about people,
# the rare names two articles share are what tell one story from another, and the seeds need them.
TEXT_WEIGHT, ENTITY_WEIGHT, TIME_WEIGHT = 0.5, 0.5, 0.5
TIME_SCALE_DAYS = 30.0  # a month apart is exp(-1) = 0.37 as close as the same day
UNDATED_TIME = 0.5
# Candidates: the best articles by text, and the best by rare shared entities (each list this long at most).
TEXT_CANDIDATES = 50
ENTITY_CANDIDATES = 50
# An entity named by more articles than this share of the library (and more than the floor) finds no candidates
# by itself: "United States" would bring thousands. It still counts in the score of a candidate found otherwise.
COMMON_ENTITY_SHARE, COMMON_ENTITY_FLOOR = 0.01, 20
KEY_TERMS_SHOWN, SHORTEST_TERM_SHOWN = 5, 3

_ANALYZER = StemmingAnalyzer()  # the index's analyzer for title and body: maps stems back to words


@dataclass(frozen=True)
class Related:
    """An article related to another, with why: the entities both name (display names, rarest first), the source's
    key terms it contains (strongest first) and the days between their publication dates."""

    id: str
    title: str
    published: dt.date | None
    score: float
    shared_entities: tuple[str, ...]
    key_terms: tuple[str, ...]
    days_apart: int | None

    @property
    def published_iso(self) -> str | None:
        return self.published.isoformat() if self.published is not None else None


def entity_weight(library_size: int, document_frequency: int) -> float:
    """Rarity: ln(1 + N / df), never zero, so an entity every article names still counts a little."""
    return math.log1p(library_size / max(document_frequency, 1))


def days_between(first: dt.date | None, second: dt.date | None) -> int | None:
    if first is None or second is None:
        return None
    return abs((calendar_day(first) - calendar_day(second)).days)


def time_closeness(days: int | None) -> float:
    return UNDATED_TIME if days is None else math.exp(-days / TIME_SCALE_DAYS)


def related_articles(
    catalog: Catalog, store: Store, source: Article, limit: int = 10, hidden: frozenset[str] = frozenset()
) -> list[Related]:
    """The articles most related to `source`, best first. `source` is as the library shows it (renamed, without
    the `hidden` entities, which count for no article)."""
    size = catalog.count()
    names = {entity.id: entity.name for entity in source.entities}
    frequency = catalog.entity_article_counts(list(names))
    weights = {entity_id: entity_weight(size, frequency.get(entity_id, 1)) for entity_id in names}
    by_entities = _entity_candidates(catalog, source.id, weights, frequency, size)
    text = f"{source.title}\n{source.body}"
    key_terms, similar = store.similar(source.id, text, TEXT_CANDIDATES, also=list(by_entities))
    by_text = {item.id: item for item in similar}
    summaries = catalog.summaries_by_id(list(dict.fromkeys([*by_text, *by_entities])))
    # The index may briefly hold an article the catalog just replaced: only what the catalog knows is shown.
    theirs = {candidate: set(catalog.article_forms(candidate)) - hidden for candidate in summaries}
    other_frequency = catalog.entity_article_counts(list({e for ids in theirs.values() for e in ids} - names.keys()))
    own_total = sum(weights.values())
    words = _display_words(text)
    results = []
    for candidate, summary in summaries.items():
        shared = sorted(theirs[candidate] & weights.keys(), key=lambda e: (-weights[e], names[e]))
        their_total = sum(
            weights[e] if e in weights else entity_weight(size, other_frequency.get(e, 1)) for e in theirs[candidate]
        )
        entities = 2 * sum(weights[e] for e in shared) / ((own_total + their_total) or 1.0)
        found = by_text.get(candidate)
        days = days_between(source.published, summary.published)
        relevance = TEXT_WEIGHT * min(found.score if found else 0.0, 1.0) + ENTITY_WEIGHT * entities
        # Two-letter terms ("mr", "un") read as noise in a list of reasons, though they help find the articles.
        terms = [words.get(t, t) for t, _ in key_terms if found and t in found.terms and len(t) >= SHORTEST_TERM_SHOWN]
        results.append(
            Related(
                id=candidate,
                title=summary.title,
                published=summary.published,
                score=relevance * (1 - TIME_WEIGHT + TIME_WEIGHT * time_closeness(days)),
                shared_entities=tuple(names[e] for e in shared),
                key_terms=tuple(dict.fromkeys(terms))[:KEY_TERMS_SHOWN],
                days_apart=days,
            )
        )
    results.sort(key=lambda item: (-item.score, item.id))
    return results[:limit]


def _entity_candidates(
    catalog: Catalog, source_id: str, weights: dict[str, float], frequency: dict[str, int], size: int
) -> dict[str, float]:
    """Articles naming the source's rarer entities, with the weight of those they share, the best first."""
    common = max(COMMON_ENTITY_FLOOR, COMMON_ENTITY_SHARE * size)
    shared: dict[str, float] = {}
    for entity_id, weight in weights.items():
        if frequency.get(entity_id, 0) <= common:
            for summary in catalog.summaries(mentioning=entity_id):
                if summary.id != source_id:
                    shared[summary.id] = shared.get(summary.id, 0.0) + weight
    best = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:ENTITY_CANDIDATES]
    return dict(best)


def _display_words(text: str) -> dict[str, str]:
    """Indexed term (a stem, "minist") -> the word the article uses most for it ("minister")."""
    forms: dict[str, Counter[str]] = {}
    for token in _ANALYZER(text, keeporiginal=True):
        forms.setdefault(token.text, Counter())[token.original.lower()] += 1
    return {stem: _most_used(counts.items()) for stem, counts in forms.items()}


def _most_used(counts: Iterable[tuple[str, int]]) -> str:
    return min(counts, key=lambda item: (-item[1], len(item[0]), item[0]))[0]
