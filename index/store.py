"""The Whoosh full-text index: schema, one writer at a time, searchers per call, highlights as segments.

The index is derived data. The articles themselves live in the library's SQLite store (`library.py`), so an index
with an unknown schema version, or one that cannot be opened, is rebuilt from there instead of crashing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.collectors import Collector, FilterCollector, TopCollector
from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, Schema
from whoosh.index import LockError
from whoosh.query import And, AndNot, Not, Or, Phrase, Query, Term
from whoosh.searching import Hit as WhooshHit
from whoosh.searching import Results, Searcher
from whoosh.support.levenshtein import damerau_levenshtein

from index.catalog import DayRange
from index.date_filter import PublishedBetween, with_column_dates
from index.date_query import mention_terms
from index.errors import LibraryBusyError
from index.model import ENTITY_KINDS, Article, Segments
from index.private import restrict_tree
from index.query import SEARCH_FIELDS, EntityLookup, QueryParser
from index.similar import SimilarText, TextSimilarity
from index.snippets import best_fragments, mark, matched_spans

# Bump when the schema or what goes into it changes: an index with another version is rebuilt on open.
SCHEMA_VERSION = 3
_VERSION_FILE = "newsdesk-schema.json"
# How long a writer waits for another process's write to finish before reporting the library as busy.
WRITER_TIMEOUT_S = 10.0

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


def make_schema() -> Schema:
    stemming = StemmingAnalyzer()
    plain = StandardAnalyzer(stoplist=None)
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(stored=True, analyzer=stemming, field_boost=2.0),
        # The body is indexed, not stored: the SQLite store holds it once, and highlights read it from there.
        body=TEXT(analyzer=stemming),
        source=TEXT(stored=True),
        url=ID(stored=True),
        path=ID(stored=True),
        published=DATETIME(sortable=True),
        published_iso=ID(stored=True),
        # Canonical entity ids ("person:sergei-lavrov"), and per kind the names as the article writes them.
        entity=KEYWORD(stored=True, commas=True),
        person=TEXT(analyzer=plain),
        org=TEXT(analyzer=plain),
        place=TEXT(analyzer=plain),
        # Dates the body mentions, each under its day, month and year ("2018-06-12", "2018-06", "2018").
        mentioned=KEYWORD(commas=True),
    )


def _index_datetime(published: dt.date | None) -> dt.datetime | None:
    """Whoosh's DATETIME wants a naive datetime: keep the day, drop the zone (the stored ISO string keeps it)."""
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        if published.tzinfo is not None:
            published = published.astimezone(dt.UTC).replace(tzinfo=None)
        return published
    return dt.datetime(published.year, published.month, published.day)


def _document(article: Article) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "path": article.path,
        "entity": ",".join(entity.id for entity in article.entities),
    }
    names_by_kind: dict[str, list[str]] = {}
    kinds = {entity.id: entity.kind for entity in article.entities}
    for entity in article.entities:
        names_by_kind.setdefault(entity.kind, []).append(entity.name)
    for mention in article.mentions:
        text = article.title if mention.field == "title" else article.body
        names_by_kind.setdefault(kinds.get(mention.entity_id, ""), []).append(text[mention.start : mention.end])
    mentioned = [
        term for m in article.date_mentions if m.date and m.precision for term in mention_terms(m.date, m.precision)
    ]
    if mentioned:
        fields["mentioned"] = ",".join(dict.fromkeys(mentioned))
    for kind in ENTITY_KINDS:
        if kind in names_by_kind:
            fields[kind] = " \n ".join(dict.fromkeys(names_by_kind[kind]))
    if article.source:
        fields["source"] = article.source
    if article.url:
        fields["url"] = article.url
    published = _index_datetime(article.published)
    if published is not None:
        fields["published"] = published
        fields["published_iso"] = article.published_iso
    return fields


@dataclass(frozen=True)
class RawHit:
    """A search hit before the library joins it with the stored article."""

    id: str
    score: float
    title_segments: Segments
    snippet_segments: Segments
    stored: dict[str, Any]


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


class Store:
    """One Whoosh index folder. Thread-safe for concurrent searches; writes serialise on Whoosh's file lock."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.rebuilt = False  # set when open found a missing, stale or broken index and started a fresh one
        self._index = self._open_or_create()
        self._parser = QueryParser(self._index.schema)
        self._similarity = TextSimilarity(self._index)  # keeps a searcher open between related-article calls
        self._idle_searchers: list[Searcher] = []
        self._searchers_lock = threading.Lock()

    def _open_or_create(self) -> index.FileIndex:
        if self._current_version() == SCHEMA_VERSION:
            try:
                return index.open_dir(str(self.folder))
            except Exception:  # noqa: BLE001
                # Missing or damaged in any of the ways Whoosh reports (its own IndexError, struct and EOF errors,
                # OSError): the index is derived data, so rebuilding it from the catalog is always the right answer.
                pass
        self.rebuilt = True
        return self._create()

    def _current_version(self) -> int | None:
        try:
            version = json.loads((self.folder / _VERSION_FILE).read_text())["schema_version"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return version if isinstance(version, int) else None

    def _create(self) -> index.FileIndex:
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True, mode=0o700)
        created = index.create_in(str(self.folder), make_schema())
        (self.folder / _VERSION_FILE).write_text(json.dumps({"schema_version": SCHEMA_VERSION}))
        restrict_tree(self.folder)
        return created

    def write(self, upserts: Iterable[Article], deletes: Iterable[str] = ()) -> None:
        """Add or replace articles and delete ids in one commit (all or nothing)."""
        try:
            writer = self._index.writer(timeout=WRITER_TIMEOUT_S)
        except LockError as error:
            raise LibraryBusyError("the library is being written by another newsdesk process; try again") from error
        try:
            for article_id in deletes:
                writer.delete_by_term("id", article_id)
            for article in upserts:
                writer.update_document(**_document(article))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        restrict_tree(self.folder)

    def doc_count(self) -> int:
        return int(self._index.doc_count())

    def indexed_ids(self) -> set[str]:
        with self._searcher() as searcher:
            return {str(fields["id"]) for fields in searcher.all_stored_fields()}

    def parse(self, text: str, entity_ids: EntityLookup | None = None) -> Query:
        return with_column_dates(self._parser.parse(text, entity_ids))

    def search(
        self,
        text: str,
        limit: int,
        body_of: Callable[[str], str],
        entity_ids: EntityLookup | None = None,
        within_entity: str | None = None,
        between: DayRange | None = None,
    ) -> tuple[int, list[RawHit]]:
        """Ranked hits, best first, with highlighted title and body snippet. `body_of` fetches a stored body;
        `entity_ids` turns the name in `entity:`/`person:`/`org:`/`place:` into entity ids; `within_entity`
        keeps only articles that mention that entity."""
        query = self.parse(text, entity_ids)
        with self._searcher() as searcher:
            results = _ranked(searcher, query, limit, _restriction(within_entity, between))
            words = _highlight_words(query, searcher.reader())
            return len(results), [self._raw_hit(hit, body_of, words) for hit in results]

    def search_ids(
        self, text: str, entity_ids: EntityLookup | None = None, within_entity: str | None = None
    ) -> list[str]:
        """The ids of every article a query matches (no ranking or highlights: for timelines and counts)."""
        query = self.parse(text, entity_ids)
        with self._searcher() as searcher:
            results = searcher.search(query, limit=None, filter=_restriction(within_entity, None), scored=False)
            return [str(hit["id"]) for hit in results]

    def suggest(self, text: str, body_of: Callable[[str], str], entity_ids: EntityLookup | None = None) -> str | None:
        """A corrected query ("did you mean"): the query with its unknown or rare words replaced by close words the
        index knows, when that finds more articles; None when the query already finds enough or nothing better is
        known. Raises QueryError for a query that cannot be parsed.

        Title and body are indexed stemmed, so Whoosh's corrector suggests stems ("nuclear" is fine, but "minist"
        is no word to show). Rather than add an unstemmed spelling field to the schema (a bigger index and a
        rebuild of every library), each suggested stem is turned back into a word by reading the few articles
        that contain it (stored title, body from `body_of`): of the words there that stem to it, the one closest to
        what the user typed (then the most frequent; in lower case when typed so, else as articles write it, e.g.
        "Lavrov"). That word must also be close to the typed one as written: stems can be close where words are
        not, and the reverse. Cost: a few hundred milliseconds on a 60,000-word vocabulary in many segments;
        nothing when the query finds enough."""
        query = self.parse(text, entity_ids)
        analyzer = self._index.schema["body"].analyzer
        with self._searcher() as searcher:
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
            better_total = len(_ranked(searcher, self.parse(corrected, entity_ids), 1))
            return corrected if better_total > total else None

    @staticmethod
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

    def similar(
        self, article_id: str, text: str, limit: int, also: Sequence[str] = ()
    ) -> tuple[list[tuple[str, float]], list[SimilarText]]:
        """The key terms of `text` (an article's title and body: the body is not stored here) and the articles
        most like it by them, plus those in `also`, on one scale (see `index/similar.py`)."""
        return self._similarity.similar(article_id, text, limit, also)

    @contextmanager
    def _searcher(self) -> Iterator[Searcher]:
        """A searcher kept between queries (opening one reads every segment's term index: tens of milliseconds),
        refreshed when the index has changed since. Searchers are not shared between threads: one in use is out
        of the pool, so there are as many as there were concurrent searches (one or two in the app)."""
        with self._searchers_lock:
            searcher = self._idle_searchers.pop() if self._idle_searchers else None
        if searcher is None:
            searcher = self._index.searcher()
        elif not searcher.up_to_date():
            # refresh() reuses the readers of the segments that did not change; a searcher of an empty index has
            # no segment reader to reuse, and whoosh-reloaded fails on it (TypeError), so that one is replaced.
            searcher = searcher.refresh() if searcher.doc_count_all() else self._index.searcher()
        try:
            yield searcher
        finally:
            with self._searchers_lock:
                self._idle_searchers.append(searcher)

    def close(self) -> None:
        self._similarity.close()
        with self._searchers_lock:
            for searcher in self._idle_searchers:
                searcher.close()
            self._idle_searchers.clear()
        self._index.close()
