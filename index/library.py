"""The facade the app and the CLI use: a library folder with its articles, its index and the user's state.

Layout of a library folder (created user-only):
    library.sqlite   the articles: original bytes, metadata, derived text and facts (source of truth)
    whoosh/          the full-text index, derived; rebuilt from library.sqlite when its schema changes or it breaks
    state.sqlite     the user's state (read marks), never touched by a rebuild
    entities.lock    held by the process finding entities (index.adding), so that only one does
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

import platformdirs

from index.adding import TwoPassAdder
from index.catalog import Catalog, DayRange
from index.dedupe import url_key
from index.derived_cache import DerivedCache
from index.enrich import Corrections, EntityEnricher, corrections_from
from index.entities.keys import entity_key
from index.entities.pool import ExtractionPool, pool_for
from index.errors import BadInputError, NotFoundError, QueryError
from index.index_queue import IndexQueue
from index.ingest.document import Document
from index.model import (
    AddOutcome,
    AddReport,
    Article,
    ArticleSummary,
    EntityInfo,
    EntityKind,
    Hit,
    SearchResult,
    article_id_for,
)
from index.paging import PagedSummaries
from index.private import restrict_tree
from index.related import Related, related_articles
from index.sanitize import sanitize_text
from index.state import EntityEditOp, SavedSearch, UserState
from index.store import Store
from index.stories import Story
from index.subscriptions import FeedInfo, RefreshReport
from index.timeline import Granularity, Timeline, build_timeline

if TYPE_CHECKING:
    from index.fetch import Fetcher
    from index.ingest.inputs import ReadInputs
    from index.ingest.opml import Subscription

# The readers, fetching and page extraction (lxml, feedparser, trafilatura, yaml, httpx) are imported by the methods
# that add articles, not here: opening a library to read it, as the app does at start, does not pay for them.

# (done, total, current input): called after each input so the CLI and the app can show progress.
Progress = Callable[[int, int, str], None]
# The outcomes of one batch, once it is committed: a caller can report them as they become true.
OnBatch = Callable[[Sequence[AddOutcome]], None]

LIBRARY_ENV = "NEWSDESK_LIBRARY"
RECENT_SEARCHES = 50  # how many of the queries run lately are remembered
# Inputs are stored in batches (one SQLite transaction each: an interruption loses at most one batch, which the next
# add redoes) and indexed in larger commits (index.index_queue).
BATCH_SIZE = 256


def default_library_path() -> Path:
    configured = os.environ.get(LIBRARY_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return platformdirs.user_data_path("newsdesk", appauthor=False) / "library"


def bundled_seeds() -> Path:
    """The five seed articles: packaged inside `index` in a wheel, or the repo's `seeds/` in a source checkout."""
    packaged = Path(str(resources.files("index"))) / "_seeds"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "seeds"


def open_library(path: Path | None = None) -> Library:
    """Open (creating if needed) the library at `path`, or the user's default library."""
    is_default = path is None and not os.environ.get(LIBRARY_ENV, "").strip()
    return Library(path if path is not None else default_library_path(), is_default=is_default)


_Args = ParamSpec("_Args")
_Result = TypeVar("_Result")
_Method = Callable[Concatenate["Library", _Args], _Result]


def _one_writer(method: _Method[_Args, _Result]) -> _Method[_Args, _Result]:
    """One write at a time in a process: the app's workers (a feed refresh, a removal, entities left to find) share
    the index queue and the entity registry, and neither is thread-safe."""

    def one_at_a_time(self: Library, /, *args: _Args.args, **kwargs: _Args.kwargs) -> _Result:
        with self._writing:
            return method(self, *args, **kwargs)

    functools.update_wrapper(one_at_a_time, method)  # its name and docstring
    return one_at_a_time


class Library:
    def __init__(self, path: Path, is_default: bool = False) -> None:
        self.path = path
        self.is_default = is_default
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        restrict_tree(path)  # a library made before this rule, or copied in with looser permissions
        self._catalog = Catalog(path / "library.sqlite")
        self._state = UserState(path / "state.sqlite")
        self._store = Store(path / "whoosh")
        self._enricher = EntityEnricher(self._catalog, corrections_from(self._state.entity_edits()))
        self._index_queue = IndexQueue(self._catalog, self._store)
        self._adder = TwoPassAdder(self._catalog, self._enricher, self._index_queue, path / "entities.lock")
        self._derived = DerivedCache(self._catalog)
        self._writing = threading.RLock()  # _one_writer
        if self._store.rebuilt:
            self._catalog.mark_all_unindexed()
        self._index_queue.finish_interrupted()

    def close(self) -> None:
        self._store.close()
        self._catalog.close()
        self._state.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- adding ----------------------------------------------------------------------------------------------------

    def add_paths(
        self, paths: Sequence[Path], progress: Progress | None = None, on_batch: OnBatch | None = None
    ) -> AddReport:
        """Add files and folders (articles, feeds, JSON Lines; OPML subscribes to its feeds and fetches them).
        A bad input fails alone; everything else is still added."""
        from index.ingest.inputs import read_inputs

        return self._add_read(read_inputs(paths, self.path), progress, on_batch)

    def add_urls(
        self, urls: Sequence[str], progress: Progress | None = None, on_batch: OnBatch | None = None
    ) -> AddReport:
        """Fetch web addresses and add what they hold: a page's article, a feed's entries (without subscribing).
        A failing address fails alone, in one line."""
        from index.fetch import Fetcher
        from index.web_pages import read_urls

        with Fetcher() as fetcher:
            read = read_urls(urls, fetcher)
        return self._add_read(read, progress, on_batch)

    def _add_read(self, read: ReadInputs, progress: Progress | None, on_batch: OnBatch | None) -> AddReport:
        """What the readers made of the inputs: their articles added, and the feeds OPML lists subscribed to."""
        report = self.add_documents(read.documents, progress, read.failures, on_batch)
        if read.subscriptions:
            report = AddReport(report.outcomes + self.subscribe(read.subscriptions, progress).articles.outcomes)
        return report

    def add_seeds(self, progress: Progress | None = None) -> AddReport:
        return self.add_paths([bundled_seeds()], progress)

    @_one_writer
    def add_documents(
        self,
        documents: Sequence[tuple[str, Document]],
        progress: Progress | None = None,
        failures: Sequence[AddOutcome] = (),
        on_batch: OnBatch | None = None,
    ) -> AddReport:
        """Add what readers produced, each with a label for the report. The same article twice (same bytes, same
        link, or same text) is stored once; a new version of one replaces it and keeps the user's state.
        `on_batch` hears each batch's outcomes once they are stored for good."""
        # An earlier add may have stored articles it could not index (busy, killed).
        self._index_queue.finish_interrupted()
        outcomes: list[AddOutcome] = list(failures)
        if on_batch is not None and failures:
            on_batch(failures)
        from index.batches import batches_built_ahead

        with self._adder.adding(), self._workers_for(len(documents)) as pool:
            done = 0
            for batch, prebuilt in batches_built_ahead(self._catalog, documents, BATCH_SIZE, pool):
                batch_outcomes = self._add_batch(batch, prebuilt)
                outcomes.extend(batch_outcomes)
                if on_batch is not None:
                    on_batch(batch_outcomes)
                done += len(batch)
                if progress is not None:
                    progress(done, len(documents), batch[-1][0])
            self._finish_adding(pool, progress)
        return AddReport(tuple(outcomes))

    @contextlib.contextmanager
    def _workers_for(self, count: int) -> Iterator[ExtractionPool | None]:
        """Worker processes for an add of `count` articles if it is big enough: they derive articles ahead (pass 1),
        then find entities (pass 2). Pass 1's commits then skip merging: pass 2 indexes every article again."""
        pool = pool_for(count)
        self._index_queue.merging = pool is None
        try:
            yield pool
        finally:
            self._index_queue.merging = True
            if pool is not None:
                pool.close()

    @_one_writer
    def remove(self, ids: Sequence[str]) -> list[str]:
        """Take articles out of the library (catalog, index, entity counts); returns the ids that were in it. Read and
        starred marks stay: an article added again (`add`) comes back as the user left it. A feed that still carries
        a removed article's link does not bring it back."""
        present = [article_id for article_id in dict.fromkeys(ids) if self._catalog.known(article_id) is not None]
        if present:
            links = (url_key(article.url) for article in map(self._catalog.get, present) if article is not None)
            self._state.remember_removed([*present, *(key for key in links if key)])
            self._adder.store([], {}, present)  # pass 1 with only removals: catalog, then the index queue
            self._index_queue.flush()
        return present

    def _add_batch(self, batch: Sequence[tuple[str, Document]], prebuilt: dict[int, Article | str]) -> list[AddOutcome]:
        from index.batches import sort_batch

        decided = sort_batch(self._catalog, batch, prebuilt)
        if decided.derived or decided.replaced:
            self._adder.store(decided.derived, decided.originals, [old for old, _ in decided.replaced])
            self._state.carry_over(decided.replaced)
        return decided.outcomes

    def _finish_adding(self, pool: ExtractionPool | None, progress: Progress | None) -> int:
        """After pass 1 (index.adding): a big import becomes searchable, then every article gets its entities."""
        if pool is not None:
            self._index_queue.flush()
        self._index_queue.merging = True
        enriched = self._adder.enrich_pending(progress, pool)
        self._index_queue.flush()
        return enriched

    def generation(self) -> int:
        """A number that changes whenever articles or entities do, in any process: what the app watches for."""
        return self._catalog.generation()

    def adding_elsewhere(self) -> bool:
        """Whether another process is adding to this library now (its articles are best read once it is done)."""
        return self._adder.busy_elsewhere()

    def pending_enrichment(self) -> int:
        """How many articles still wait for their entities (an add was interrupted after storing them)."""
        return len(self._catalog.unenriched())

    @_one_writer
    def enrich_pending(self, progress: Progress | None = None) -> int:
        """Find the entities of the articles an interrupted add left without them; returns how many."""
        return self._finish_adding(None, progress)

    @_one_writer
    def reindex(self, progress: Progress | None = None) -> int:
        """Derive every article again from its stored original (new cleaning and extraction apply), decide entity
        identity afresh (with the user's corrections) and rebuild the index."""
        from index.pipeline import build_article

        inputs = list(self._catalog.inputs())
        self._enricher.reset(corrections_from(self._state.entity_edits()))
        self._catalog.replace_identities([], {})
        with self._adder.adding(), self._workers_for(len(inputs)) as pool:
            for start in range(0, len(inputs), BATCH_SIZE):
                chunk = inputs[start : start + BATCH_SIZE]
                derived = [build_article(stored.document) for stored in chunk]
                self._adder.store(derived, {s.id: (s.raw, s.metadata, s.format) for s in chunk}, [])
                if progress is not None:
                    progress(start + len(chunk), len(inputs), chunk[-1].path)
            self._finish_adding(pool, progress)
        return len(inputs)

    # -- feeds -----------------------------------------------------------------------------------------------------

    def subscribe(self, feeds: Sequence[Subscription | str], progress: Progress | None = None) -> RefreshReport:
        """Subscribe to feeds (URLs, feed files, or what an OPML list names) and fetch them now. An OPML file given
        here subscribes to every feed it lists."""
        from index.refresh import subscription_targets

        targets = subscription_targets(feeds)
        for location, title in targets:
            self._state.subscribe(location, title)
        return self.refresh(progress, only=[location for location, _ in targets])

    def unsubscribe(self, location: str) -> bool:
        """Stop fetching a feed (as `feeds()` names it); the articles it brought stay. False: not subscribed."""
        return self._state.unsubscribe(location)

    def feeds(self) -> list[FeedInfo]:
        """The subscribed feeds, oldest subscription first, with how many articles each brought."""
        return [FeedInfo(feed, self._catalog.count_at_path(feed.location)) for feed in self._state.feeds()]

    def refresh(
        self, progress: Progress | None = None, only: Sequence[str] | None = None, fetcher: Fetcher | None = None
    ) -> RefreshReport:
        """Fetch every subscribed feed (or `only` these) and add what is new or changed."""
        from index.fetch import Fetcher
        from index.refresh import collect_feeds

        subscriptions = [s for s in self._state.feeds() if only is None or s.location in only]
        removed = self._state.removed()

        def unwanted(url: str | None) -> bool:
            return url_key(url) in removed

        with fetcher or Fetcher() as client:
            # A link already in the library, or one the user removed, is not fetched again.
            collected = collect_feeds(
                subscriptions, client, lambda url: unwanted(url) or self.find_by_url(url) is not None, progress
            )
        for feed in collected:
            self._state.feed_checked(feed.subscription)
        documents = [
            (label, document)
            for feed in collected
            for label, document in feed.documents
            if not unwanted(document.metadata.url) and article_id_for(document.raw) not in removed
        ]
        articles = self.add_documents(documents, progress)
        return RefreshReport(tuple(feed.outcome for feed in collected), articles)

    # -- reading ---------------------------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return self._catalog.count() == 0

    def is_new(self) -> bool:
        """Empty and never written to. An empty library whose articles the user removed is not new."""
        return self._catalog.generation() == 0 and self.is_empty()

    def count(self) -> int:
        return self._catalog.count()

    def articles(self, mentioning: str | None = None, between: DayRange | None = None) -> list[ArticleSummary]:
        """Every article (or those that mention one entity, or were published in a range of days), newest first,
        undated last."""
        return self._catalog.summaries(mentioning, between)

    def article_pages(self, mentioning: str | None = None, between: DayRange | None = None) -> PagedSummaries:
        """The same articles in the same order, read a page at a time as they are looked at (the app's list)."""
        return PagedSummaries(
            self._catalog.count(mentioning, between),
            lambda offset, limit: self._catalog.summaries(mentioning, between, offset, limit),
        )

    def resolve_id(self, id_or_prefix: str) -> str:
        """An article id from a full id or an unambiguous prefix (at least 4 characters)."""
        if self._catalog.known(id_or_prefix) is not None:
            return id_or_prefix
        matches = self._catalog.ids_with_prefix(id_or_prefix) if len(id_or_prefix) >= 4 else []
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise NotFoundError(f"article id {id_or_prefix!r} is ambiguous: give more characters")
        raise NotFoundError(f"no article with id {id_or_prefix!r} (see `newsdesk articles`)")

    def get(self, article_id: str) -> Article:
        article = self._catalog.get(self.resolve_id(article_id))
        if article is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        return self._corrected(article)

    def _corrected(self, article: Article) -> Article:
        """The user's renames and hides, applied on reading (the catalog keeps what identity decided)."""
        corrections = self._enricher.corrections
        if not corrections.renames and not corrections.hidden:
            return article
        entities = tuple(
            dataclasses.replace(entity, name=corrections.renames.get(entity.id, entity.name))
            for entity in article.entities
            if entity.id not in corrections.hidden
        )
        mentions = tuple(mention for mention in article.mentions if mention.entity_id not in corrections.hidden)
        return dataclasses.replace(article, entities=entities, mentions=mentions)

    def search(
        self, query: str, limit: int = 50, within_entity: str | None = None, between: DayRange | None = None
    ) -> SearchResult:
        """Ranked hits, best first, with highlights, optionally only among the articles that mention an entity or
        were published in a range of days. Raises QueryError for a query that cannot be parsed."""
        total, raw_hits = self._store.search(
            query,
            limit,
            body_of=self._catalog.body,
            entity_ids=self.entity_ids_named,
            within_entity=within_entity,
            between=between,
        )
        summaries = self._catalog.summaries_by_id([hit.id for hit in raw_hits])
        hits = tuple(
            Hit(
                id=hit.id,
                title=summaries[hit.id].title,
                path=summaries[hit.id].path,
                source=summaries[hit.id].source,
                published=summaries[hit.id].published,
                score=hit.score,
                title_segments=hit.title_segments,
                snippet_segments=hit.snippet_segments,
            )
            for hit in raw_hits
            if hit.id in summaries  # the index may briefly hold an article the catalog just replaced
        )
        return SearchResult(query=query, total=total, hits=hits)

    def suggest(self, query: str) -> str | None:
        """Did you mean: the query with misspelt words (unknown to the library, or rare next to a close common
        word) corrected from the library's own words, when that finds more; None when the query already finds
        enough, nothing better is known, or the query cannot be parsed (never raises for a bad query)."""
        try:
            return self._store.suggest(query, self._catalog.body, self.entity_ids_named)
        except QueryError:
            return None

    def find_by_url(self, url: str) -> str | None:
        """The article with this URL (a link in another article points at it), however the link is dressed
        (tracking parameters, http or https, a trailing slash)."""
        key = url_key(url)
        return self._catalog.id_with_url_key(key) if key else None

    def timeline(
        self, by: Granularity | None = None, query: str | None = None, within_entity: str | None = None
    ) -> Timeline:
        """Articles over time (of a search and/or an entity when given), in buckets of `by` (chosen from the span
        when None), undated ones apart."""
        dated, undated = self._catalog.dates(within_entity)
        if query:
            matching = set(self._store.search_ids(query, self.entity_ids_named, within_entity))
            dated = [(article_id, day) for article_id, day in dated if article_id in matching]
            undated = [article_id for article_id in undated if article_id in matching]
        return build_timeline(dated, undated, by)

    def related(self, article_id: str, limit: int = 10) -> list[Related]:
        """The articles most related to one (an id or unambiguous prefix), best first, each with why: shared
        entities, key terms, days apart. Raises NotFoundError for an unknown id."""
        source = self.get(article_id)
        return related_articles(self._catalog, self._store, source, limit, self._enricher.corrections.hidden)

    def stories(self) -> list[Story]:
        """Groups of two or more articles about the same event (same people, within days), most recent first.
        An article not in any is a story of its own."""
        return self._derived.stories(self._enricher.corrections.hidden)

    def story_of(self, article_id: str) -> Story | None:
        """The story an article belongs to, or None when it stands alone (this groups the whole library: to place
        many articles, call `stories()` once)."""
        resolved = self.resolve_id(article_id)
        return next((story for story in self.stories() if resolved in story), None)

    # -- entities --------------------------------------------------------------------------------------------------

    def entities(
        self, kind: EntityKind | None = None, include_hidden: bool = False, limit: int | None = None
    ) -> list[EntityInfo]:
        """The library's entities, most widely mentioned first, with the user's renames applied (the first `limit`
        of them, read without gathering all: a large library names hundreds of thousands)."""
        corrections = self._enricher.corrections
        infos = self._catalog.entity_infos
        if limit is not None and kind is None:
            infos = functools.partial(self._derived.most_named, limit + len(corrections.hidden))
        return [
            dataclasses.replace(info, name=corrections.renames.get(info.id, info.name))
            for info in infos()
            if (kind is None or info.kind == kind) and (include_hidden or info.id not in corrections.hidden)
        ][:limit]

    def entity_article_counts(self, entity_ids: Sequence[str]) -> dict[str, int]:
        """How many articles of the library mention each of these entities."""
        return self._catalog.entity_article_counts(entity_ids)

    def entity(self, entity_id: str) -> EntityInfo:
        for info in self.entities(include_hidden=True):
            if info.id == entity_id:
                return info
        raise NotFoundError(f"no entity with id {entity_id!r} (see `newsdesk entities`)")

    def entity_ids_named(self, kind: EntityKind | None, name: str) -> list[str]:
        """Ids of the entities one of whose forms (or their id, or a user's new name) is `name`."""
        renames = self._enricher.corrections.renames
        key = entity_key(name)
        candidates = [name] if self._catalog.has_entity(name) else self._catalog.entity_ids_for_key(key)
        candidates += [entity_id for entity_id, new_name in renames.items() if entity_key(new_name) == key]
        follow = self._enricher.corrections.identity.follow
        ids = dict.fromkeys(follow(i) for i in candidates)
        return [i for i in ids if kind is None or i.startswith(f"{kind}:")]

    @_one_writer
    def edit_entity(self, op: EntityEditOp, entity_id: str, value: str | None = None) -> None:
        """Record a user's correction and apply it: merge `value` into `entity_id`, split the form `value` off it,
        rename it to `value`, hide or unhide it. Corrections survive reindex and apply to articles added later."""
        info = self.entity(entity_id)
        if op == "merge":
            other = self.entity(value or "")
            if other.kind != info.kind:
                raise BadInputError(f"cannot merge a {other.kind} into a {info.kind}")
        elif op == "split" and value not in info.aliases:
            raise BadInputError(f"{info.name!r} has no form {value!r}; its forms are: {', '.join(info.aliases)}")
        elif op == "rename" and not (value or "").strip():
            raise BadInputError("a new name cannot be empty")
        self._state.add_entity_edit(op, entity_id, value.strip() if value else None)
        corrections = corrections_from(self._state.entity_edits())
        if op in ("merge", "split"):
            self._reidentify(corrections)
        else:
            self._enricher.corrections = corrections

    def _reidentify(self, corrections: Corrections) -> None:
        """Decide identity again over the whole library (no re-extraction) and re-index articles whose ids moved."""
        before = self._catalog.article_entity_ids()
        identified, names = self._enricher.identify_afresh(list(self._catalog.found_entities()), corrections)
        self._catalog.replace_identities(identified, names)
        changed = [
            item.article.id
            for item in identified
            if frozenset(item.forms_by_entity) != before.get(item.article.id, frozenset())
        ]
        self._catalog.mark_unindexed(changed)
        self._index_queue.finish_interrupted()

    # -- user state ------------------------------------------------------------------------------------------------

    def read_ids(self) -> set[str]:
        return self._state.read_ids()

    def mark_read(self, article_id: str, read: bool = True) -> None:
        self._state.mark_read(article_id, read)

    def starred_ids(self) -> set[str]:
        return self._state.starred_ids()

    def star(self, article_id: str, starred: bool = True) -> None:
        self._state.star(article_id, starred)

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Save a query under a name (replacing one saved under that name). Raises BadInputError for an empty
        name and QueryError for a query that cannot be parsed."""
        name, query = name.strip(), " ".join(sanitize_text(query).split())  # one line, shown as it is run
        if not name:
            raise BadInputError("a saved search needs a name")
        if sanitize_text(name) != name or "\n" in name:
            raise BadInputError("a saved search's name must be one line of visible characters")
        self._store.parse(query, self.entity_ids_named)
        return self._state.save_search(name, query)

    def record_search(self, query: str) -> None:
        """Remember a query the user ran (the app offers recent ones as completions); blank ones are not kept."""
        query = " ".join(sanitize_text(query).split())
        if query:
            self._state.record_search(query, RECENT_SEARCHES)

    def recent_searches(self) -> list[str]:
        """The queries run lately, most recent first."""
        return self._state.recent_searches()

    def saved_searches(self) -> list[SavedSearch]:
        """The user's saved searches, by name."""
        return self._state.saved_searches()

    def delete_search(self, name: str) -> None:
        """Forget a saved search. Raises NotFoundError when none has that name."""
        if not self._state.delete_search(name.strip()):
            raise NotFoundError(f"no saved search named {name!r} (see `newsdesk searches`)")
