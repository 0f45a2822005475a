"""Text similarity for related articles: an article's key terms, and the articles that contain them, by BM25F.

The key terms are Whoosh's (`key_terms_from_text`, the Bo1 model: terms much more frequent in the article than in
the library). The articles are scored as Whoosh's `more_like` would score them (BM25F over title and body, each term
boosted by its key-term weight), but by summing the terms' postings here: Whoosh's general query machinery spends
tens of microseconds a posting, which on a 20,000-article library is most of a second for one article; a plain loop
spends about one. The commonest key terms weigh least (low idf) and cost most, so past a budget of postings they
are left out. A Whoosh searcher also costs 25-90 ms to open on a library that size, so one is kept and refreshed
when the index changed (refreshing reuses the segments that did not change).
"""

from __future__ import annotations

import heapq
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from whoosh.classify import Expander
from whoosh.index import Index
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

# How many key terms of an article are looked for: more finds subtler links but reads more postings.
KEY_TERMS = 15
# At most this many postings are read for one article (about a microsecond each); the commonest terms go first.
POSTINGS_BUDGET = 20_000
# Whoosh's BM25F defaults, so scores match what a search would give.
BM25_K1, BM25_B = 1.2, 0.75
FIELDS = ("title", "body")


@dataclass(frozen=True)
class SimilarText:
    """An article found like another by the other's key terms."""

    id: str
    score: float  # relative to the source article's own score for its key terms: 1.0 at most, as a rule
    terms: frozenset[str]  # the key terms (as indexed: stemmed) it contains


class TextSimilarity:
    """Key-term similarity over one Whoosh index; calls are serialised (one kept searcher)."""

    def __init__(self, ix: Index) -> None:
        self._index = ix
        self._lock = threading.Lock()
        self._searcher: Searcher | None = None
        self._norms: dict[tuple[str, int], dict[int, float]] = {}  # (field, segment) -> docnum -> BM25 length norm

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def _current(self) -> Searcher:
        if self._searcher is None:
            self._searcher = self._index.searcher()
        else:
            fresh = self._searcher.refresh()
            if fresh is not self._searcher:
                self._searcher, self._norms = fresh, {}  # document numbers and average lengths may have moved
        return self._searcher

    def similar(
        self, article_id: str, text: str, limit: int, also: Sequence[str] = ()
    ) -> tuple[list[tuple[str, float]], list[SimilarText]]:
        """The key terms of `text` (an article's title and body) with their weights, strongest first, and the
        `limit` other articles most like it by those terms, plus the articles in `also` whatever their rank, so
        every candidate of a related list is scored on one scale. Scores are relative to the article's own score
        (when it is indexed), which makes them comparable between articles with few or many, rare or common terms.
        """
        with self._lock:
            searcher = self._current()
            reader = searcher.reader()
            expander = Expander(reader, "body")
            expander.add_text(text)
            key_terms = [(str(term), float(weight)) for term, weight in expander.expanded_terms(KEY_TERMS)]
            scores, containing = self._scores(reader, key_terms)
            own = searcher.document_number(id=article_id)
            wanted = [number for i in also if (number := searcher.document_number(id=i)) is not None]
            best = heapq.nlargest(limit + 1, scores, key=scores.__getitem__)
            chosen = [number for number in dict.fromkeys([*best, *wanted]) if number != own][: limit + len(wanted)]
            top = scores.get(own) or max(scores.values(), default=0.0) or 1.0
            return key_terms, [
                SimilarText(
                    id=str(searcher.stored_fields(number)["id"]),
                    score=scores.get(number, 0.0) / top,
                    terms=frozenset(term for term, numbers in containing.items() if number in numbers),
                )
                for number in chosen
            ]

    def _scores(
        self, reader: IndexReader, key_terms: list[tuple[str, float]]
    ) -> tuple[dict[int, float], dict[str, set[int]]]:
        """BM25F score of every article containing a key term, and the articles containing each term."""
        documents = max(reader.doc_count_all(), 1)
        budget = POSTINGS_BUDGET
        scores: dict[int, float] = {}
        containing: dict[str, set[int]] = {}
        for term, weight in sorted(key_terms, key=lambda item: reader.doc_frequency("body", item[0])):
            for field in FIELDS:
                frequency = reader.doc_frequency(field, term)
                if not frequency or frequency > budget:
                    continue
                budget -= frequency
                idf = math.log(documents / (frequency + 1)) + 1.0  # Whoosh's idf
                boost = weight * reader.schema[field].format.field_boost * idf  # title counts double
                average = reader.field_length(field) / documents or 1.0
                numbers = containing.setdefault(term, set())
                for leaf, (segment, offset) in enumerate(reader.leaf_readers()):
                    if (field, term) in segment:
                        norms = self._norms.setdefault((field, leaf), {})
                        self._add_postings(segment, field, term, offset, norms, average, boost, scores, numbers)
        return scores, containing

    @staticmethod
    def _add_postings(
        segment: IndexReader,
        field: str,
        term: str,
        offset: int,
        norms: dict[int, float],
        average: float,
        boost: float,
        scores: dict[int, float],
        numbers: set[int],
    ) -> None:
        """Add one term's BM25 score in one field of one segment. The hot loop: about a microsecond a posting."""
        postings = segment.postings(field, term)
        is_active, current, weight, advance = postings.is_active, postings.id, postings.weight, postings.next
        get_score, get_norm, add_number = scores.get, norms.get, numbers.add
        while is_active():
            number, count = current(), weight()
            norm = get_norm(number)
            if norm is None:  # BM25's length normalisation, cached: reading a length costs as much as a posting
                length = segment.doc_field_length(number, field, 0)
                norm = norms[number] = BM25_K1 * (1 - BM25_B + BM25_B * length / average)
            number += offset
            scores[number] = get_score(number, 0.0) + boost * count * (BM25_K1 + 1) / (count + norm)
            add_number(number)
            advance()
