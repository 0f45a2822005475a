"""The Whoosh full-text index: schema, one writer at a time, searchers per call, highlights as segments.

The index is derived data. The articles themselves live in the library's SQLite store (`library.py`), so an index
with an unknown schema version, or one that cannot be opened, is rebuilt from there instead of crashing.

Searching lives in index.store_search, imported on the first search (with the query parser and the related-article
similarity): opening a library, as the app does before its first paint, loads only what opening the index needs.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, TEXT, Schema
from whoosh.index import LockError

from index.catalog import DayRange
from index.date_query import mention_terms
from index.errors import LibraryBusyError
from index.model import ENTITY_KINDS, Article, Segments
from index.private import restrict_tree

if TYPE_CHECKING:
    from whoosh.query import Query
    from whoosh.searching import Searcher

    from index.query import EntityLookup, QueryParser
    from index.similar import SimilarText, TextSimilarity

# Bump when the schema or what goes into it changes: an index with another version is rebuilt on open.
SCHEMA_VERSION = 3
_VERSION_FILE = "newsdesk-schema.json"
# How long a writer waits for another process's write to finish before reporting the library as busy.
WRITER_TIMEOUT_S = 10.0


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


class Store:
    """One Whoosh index folder. Thread-safe for concurrent searches; writes serialise on Whoosh's file lock."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.rebuilt = False  # set when open found a missing, stale or broken index and started a fresh one
        self._index = self._open_or_create()
        # Made on first use (index.store_search says why), under the lock: the app searches from two threads.
        self._parser: QueryParser | None = None
        self._similarity: TextSimilarity | None = None  # keeps a searcher open between related-article calls
        self._lazy_lock = threading.Lock()
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

    def write(self, upserts: Iterable[Article], deletes: Iterable[str] = (), merge: bool = True) -> None:
        """Add or replace articles and delete ids in one commit (all or nothing); `merge=False` leaves the
        segments as they are (Whoosh's default merges small ones)."""
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
        writer.commit(merge=merge)
        restrict_tree(self.folder)

    def doc_count(self) -> int:
        return int(self._index.doc_count())

    def indexed_ids(self) -> set[str]:
        with self._searcher() as searcher:
            return {str(fields["id"]) for fields in searcher.all_stored_fields()}

    def _query_parser(self) -> QueryParser:
        with self._lazy_lock:
            if self._parser is None:
                from index.query import QueryParser

                self._parser = QueryParser(self._index.schema)
            return self._parser

    def parse(self, text: str, entity_ids: EntityLookup | None = None) -> Query:
        from index.date_filter import with_column_dates

        return with_column_dates(self._query_parser().parse(text, entity_ids))

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
        from index.store_search import ranked_hits

        query = self.parse(text, entity_ids)
        with self._searcher() as searcher:
            return ranked_hits(searcher, query, limit, body_of, within_entity, between)

    def search_ids(
        self, text: str, entity_ids: EntityLookup | None = None, within_entity: str | None = None
    ) -> list[str]:
        """The ids of every article a query matches (no ranking or highlights: for timelines and counts)."""
        from index.store_search import matching_ids

        query = self.parse(text, entity_ids)
        with self._searcher() as searcher:
            return matching_ids(searcher, query, within_entity)

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
        from index.store_search import suggestion

        query = self.parse(text, entity_ids)
        analyzer = self._index.schema["body"].analyzer
        with self._searcher() as searcher:
            return suggestion(
                searcher, analyzer, text, query, lambda corrected: self.parse(corrected, entity_ids), body_of
            )

    def similar(
        self, article_id: str, text: str, limit: int, also: Sequence[str] = ()
    ) -> tuple[list[tuple[str, float]], list[SimilarText]]:
        """The key terms of `text` (an article's title and body: the body is not stored here) and the articles
        most like it by them, plus those in `also`, on one scale (see `index/similar.py`)."""
        with self._lazy_lock:
            if self._similarity is None:
                from index.similar import TextSimilarity

                self._similarity = TextSimilarity(self._index)
            similarity = self._similarity
        return similarity.similar(article_id, text, limit, also)

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
        with self._lazy_lock:
            if self._similarity is not None:
                self._similarity.close()
        with self._searchers_lock:
            for searcher in self._idle_searchers:
                searcher.close()
            self._idle_searchers.clear()
        self._index.close()
