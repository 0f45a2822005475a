"""The search side of the Whoosh index (index.store): ranked hits with highlights, matching ids, "did you mean".

Apart from index.store because of what it imports: Whoosh's queries, searchers, collectors and query parser, and
newsdesk's date filter, snippets and parser, ~40 ms. A library is opened to be read at every start of the app and
of each CLI command, and most of those never search before their first screen or line: index.store imports this
module on the first search.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from whoosh.collectors import Collector, FilterCollector, TopCollector
from whoosh.query import And, AndNot, Not, Or, Phrase, Query, Term
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Results, Searcher
from whoosh.support.levenshtein import damerau_levenshtein

from index.catalog import DayRange
from index.date_filter import PublishedBetween
from index.model import Segments
from index.query import SEARCH_FIELDS
from index.snippets import best_fragments, mark, matched_spans
from index.store import RawHit

# "Did you mean": a query finding fewer articles than this gets its unknown and rare words checked; a rare word
# gives way only to a close word found in RARE_RATIO times as many articles.
SUGGEST_BELOW_HITS = 3
RARE_RATIO = 10
_QUERY_WORD = re.compile(r"\w+(?:\.?\w+)*")  # Whoosh's own tokenizer pattern
# A `field:value` clause of a field that is not text (dates, entities, sources): its words are never corrected.
_FIELD_CLAUSE = re.compile(r'(\w+):("[^"]*"|\[[^\]]*\]|[^\s()"]+)')
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})

SNIPPET_CHARS = 160
SNIPPET_SURROUND = 60  # characters of context before the first match of a snippet and after its last
_WHITESPACE = re.compile(r"\s+")


def ranked_hits(
    searcher: Searcher,
    query: Query,
    limit: int,
    body_of: Callable[[str], str],
    within_entity: str | None,
    between: DayRange | None,
) -> tuple[int, list[RawHit]]:
    """The total and the best `limit` hits of a parsed query, with highlighted title and body snippet."""
    results = _ranked(searcher, query, limit, _restriction(within_entity, between))
    words = _highlight_words(query, searcher.reader())
    return len(results), [_raw_hit(hit, body_of, words) for hit in results]


def matching_ids(searcher: Searcher, query: Query, within_entity: str | None) -> list[str]:
    """The ids of every article a parsed query matches (no ranking or highlights)."""
    results = searcher.search(query, limit=None, filter=_restriction(within_entity, None), scored=False)
    return [str(hit["id"]) for hit in results]


def suggestion(
    searcher: Searcher,
    analyzer: Any,
    text: str,
    query: Query,
    parse: Callable[[str], Query],
    body_of: Callable[[str], str],
) -> str | None:
    """Store.suggest's answer for `text` (parsed: `query`; `parse` parses a corrected text the same way)."""
    total = len(_ranked(searcher, query, 1))
    if total >= SUGGEST_BELOW_HITS:
        return None
    reader = searcher.reader()
    fixes: dict[str, tuple[list[str], int]] = {}  # a stem of the query -> (stems to try, edits allowed)
    for word in _searched_words(query):
        found_in = max(reader.doc_frequency(field, word) for field in SEARCH_FIELDS)
        if found_in < SUGGEST_BELOW_HITS:
            candidates = _closer_stems(searcher, word, max(1, RARE_RATIO * found_in))
            if candidates:  # a word the index knows gives way only to a word one edit away, as written
                fixes[word] = (candidates, 1 if found_in else 2)
    if not fixes:
        return None
    surfaces: dict[str, Counter[str]] = {}

    def replace(match: re.Match[str]) -> str:
        typed = match.group(0)
        stems = [token.text for token in analyzer(typed)]
        if len(stems) != 1 or stems[0] not in fixes:
            return typed
        candidates, allowed = fixes[stems[0]]
        for stem in candidates[:3]:
            if stem not in surfaces:
                surfaces[stem] = _surface_forms(searcher, analyzer, stem, body_of)
            form = _closest_form(typed, surfaces[stem])
            # Stems can be close where words are not ("electon" is 2 edits from "elect", 1 from "election")
            if form is not None and damerau_levenshtein(form.lower(), typed.lower()) <= allowed:
                return form
        return typed

    corrected = _replace_words(text, replace)
    if corrected == text:
        return None
    better_total = len(_ranked(searcher, parse(corrected), 1))
    return corrected if better_total > total else None


def _raw_hit(hit: WhooshHit, body_of: Callable[[str], str], words: dict[str, frozenset[str]]) -> RawHit:
    stored = dict(hit.fields())
    title = str(stored.get("title", ""))
    body = body_of(str(stored["id"]))
    body_spans = matched_spans(body, words["body"])
    fragments = best_fragments(body, body_spans, SNIPPET_CHARS, SNIPPET_SURROUND, top=2) if body_spans else []
    return RawHit(
        id=str(stored["id"]),
        score=float(hit.score or 0.0),
        title_segments=_tidy(mark(title, matched_spans(title, words["title"]))),
        snippet_segments=_join_fragments(fragments) if fragments else _plain_snippet(body),
        stored=stored,
    )


def _tidy(segments: Segments) -> Segments:
    """One line of text per snippet, and a phrase's adjacent matches as one run ("**Choe Son Hui**")."""
    tidy: list[tuple[str, bool]] = []
    for text, matched in segments:
        text = _WHITESPACE.sub(" ", text)
        if text == "" and not matched:
            continue
        if tidy and tidy[-1][1] == matched:
            tidy[-1] = (tidy[-1][0] + text, matched)
        elif matched and len(tidy) >= 2 and tidy[-1][0] == " " and tidy[-2][1]:
            tidy.pop()
            tidy[-1] = (tidy[-1][0] + " " + text, True)
        else:
            tidy.append((text, matched))
    return tuple(tidy)


def _join_fragments(fragments: list[Segments]) -> Segments:
    joined: list[tuple[str, bool]] = []
    for number, fragment in enumerate(fragments):
        if number:
            joined.append((" … ", False))
        joined.extend(fragment)
    return _tidy(tuple(joined))


def _plain_snippet(body: str) -> Segments:
    text = " ".join(body.split())
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return ((text, False),)


def _highlight_words(query: Query, reader: Any) -> dict[str, frozenset[str]]:
    """The words a query looks for, as indexed (stemmed), per highlighted field; prefixes and wildcards expanded,
    words it excludes (NOT) left out."""
    found: dict[str, set[str]] = {"title": set(), "body": set()}
    for leaf in _wanted_leaves(query):
        for field, text in leaf.expanded_terms(reader):
            if field in found:
                found[field].add(text.decode("utf-8") if isinstance(text, bytes) else str(text))
    return {field: frozenset(words) for field, words in found.items()}


def _wanted_leaves(query: Query) -> Iterator[Query]:
    if isinstance(query, Not):
        return
    if isinstance(query, AndNot):
        yield from _wanted_leaves(query.a)
    elif query.is_leaf():
        yield query
    else:
        for child in query.children():
            yield from _wanted_leaves(child)


def _searched_words(query: Query) -> list[str]:
    """The words a query looks for in title or body (as indexed: stemmed), not those it excludes, nor prefixes."""
    words: dict[str, None] = {}
    for leaf in _wanted_leaves(query):
        if type(leaf) in (Term, Phrase):
            for field, word in leaf.iter_all_terms(phrases=True):
                text = word.decode("utf-8") if isinstance(word, bytes) else str(word)
                if field in SEARCH_FIELDS and len(text) >= 3 and not any(c.isdigit() for c in text):
                    words[text] = None
    return list(words)


def _closer_stems(searcher: Searcher, word: str, needed: int) -> list[str]:
    """Indexed stems within one edit of `word` (two for a word of 5+ letters) found in at least `needed`
    articles: the closest first, then the most widely found. Whoosh's corrector finds the candidates, sharing
    the first letter (typos rarely touch it, and it keeps this fast on a large vocabulary)."""
    reader = searcher.reader()
    ranked: list[str] = []
    for distance in (1, 2) if len(word) >= 5 else (1,):
        found_in = {
            candidate: max(reader.doc_frequency(field, candidate) for field in SEARCH_FIELDS)
            for field in SEARCH_FIELDS
            for candidate in map(str, searcher.corrector(field).suggest(word, limit=10, maxdist=distance, prefix=1))
            if candidate != word and candidate not in ranked
        }
        ranked += sorted((c for c in found_in if found_in[c] >= needed), key=lambda c: (-found_in[c], c))
    return ranked


def _surface_forms(searcher: Searcher, analyzer: Any, stem: str, body_of: Callable[[str], str]) -> Counter[str]:
    """How often each written form of the words that stem to `stem` occurs in a few articles that contain it."""
    forms: Counter[str] = Counter()
    containing = Or([Term(field, stem) for field in SEARCH_FIELDS])
    for hit in searcher.search(containing, limit=3, scored=False):
        for text in (str(hit.get("title", "")), body_of(str(hit["id"]))):
            for token in analyzer(text, chars=True):
                if token.text == stem:
                    forms[text[token.startchar : token.endchar]] += 1
    return forms


def _closest_form(typed: str, forms: Counter[str]) -> str | None:
    """Of the written forms, the one closest to what was typed (case aside), then the most frequent; lower case
    if typed so and written so somewhere."""
    if not forms:
        return None
    by_lower: Counter[str] = Counter()
    for form, count in forms.items():
        by_lower[form.lower()] += count
    best = min(by_lower, key=lambda lower: (damerau_levenshtein(lower, typed.lower()), -by_lower[lower], lower))
    # "ministr" -> "minister" rather than the more frequent "Minister"; "lavorv" -> "Lavrov", the only form.
    same_case = typed.islower()
    return max((form for form in forms if form.lower() == best), key=lambda f: (f.islower() == same_case, forms[f]))


def _replace_words(text: str, replace: Callable[[re.Match[str]], str]) -> str:
    """`text` with each word passed through `replace`, except field names, operators and the values of fields that
    are not title or body (`date:2018`, `person:Lavrov`)."""
    protected = [match.span() for match in _FIELD_CLAUSE.finditer(text) if match.group(1).lower() not in SEARCH_FIELDS]
    pieces: list[str] = []
    last = 0
    for match in _QUERY_WORD.finditer(text):
        start, end = match.span()
        if match.group(0) in _OPERATORS or text.startswith(":", end) or any(a <= start < b for a, b in protected):
            continue
        pieces.append(text[last:start])
        pieces.append(replace(match))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _ranked(searcher: Searcher, query: Query, limit: int, restriction: Query | None = None) -> Results:
    """The top `limit` hits and the exact number of matches, in one pass over the postings.

    Whoosh's default search skips postings that cannot reach the top (block quality) and swaps in cheaper matchers
    as the top fills (`replace`), so it must run the query a second time to count; `optimize=False` alone keeps
    the swapping, which undercounts. Scoring every match once was measured faster than either on 20,000 articles.
    """
    collector: Collector = TopCollector(limit, usequality=False, replace=0)
    if restriction is not None:
        collector = FilterCollector(collector, allow=restriction)
    searcher.search_with_collector(query, collector)
    return collector.results()


def _restriction(within_entity: str | None, between: DayRange | None) -> Query | None:
    """The filter a search runs under: only articles naming an entity, only articles published in a day range."""
    parts: list[Query] = []
    if within_entity:
        parts.append(Term("entity", within_entity))
    if between:
        first = dt.datetime.combine(between[0], dt.time.min)
        last = dt.datetime.combine(between[1], dt.time.max)
        parts.append(PublishedBetween.days(first, last))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)
