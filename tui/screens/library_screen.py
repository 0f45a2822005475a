"""The main screen's half that asks the library: every call runs in a thread worker, and only posts its answer back
as a typed message (tui.messages); the screen's other half (tui.screens.main) handles the answers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual import work
from textual.message import Message
from textual.screen import Screen
from textual.worker import get_current_worker

from index.errors import NewsdeskError, QueryError
from index.library import Library
from index.timeline import Granularity
from tui.messages import (
    ArticleLoaded,
    ArticlesLoaded,
    EntitiesFound,
    FeedsRefreshed,
    FilteredArticlesLoaded,
    IngestProgress,
    LibraryChanged,
    LibraryEntitiesLoaded,
    LibraryFailed,
    RelatedLoaded,
    SearchCompleted,
    SeedsAdded,
    StoriesLoaded,
    TimelineLoaded,
    UrlResolved,
)
from tui.timeline_layout import DayRange

# How many of the library's most widely mentioned entities the sidebar lists in its library scope.
LIBRARY_TOP_ENTITIES = 50
# A search finding fewer articles than this asks the library for "did you mean".
FEW_HITS = 3
# How many related articles the related panel lists.
RELATED_LIMIT = 10
# How often (seconds) the app looks for changes another process made: a query of one row.
CHANGES_POLL_SECONDS = 5.0
# Workers that change the library themselves, and read it again when they are done.
_CHANGING_GROUPS = frozenset({"library", "overview", "refresh"})


class LibraryScreen(Screen[None]):
    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self._shown_generation: int | None = None  # the library's generation when the list shown was read

    @contextmanager
    def _library_errors_reported(self) -> Iterator[None]:
        """A refusal from the library becomes a notification; anything else is a bug and should crash loudly."""
        try:
            yield
        except NewsdeskError as error:
            self._answer(LibraryFailed(str(error)))

    def _answer(self, message: Message) -> None:
        """Post a worker's result, unless a newer request has replaced the worker (its thread ran on regardless)."""
        if not get_current_worker().is_cancelled:
            self.post_message(message)

    @work(thread=True, exclusive=True, group="library")
    def load_library(self) -> None:
        """Fill a new default library with the bundled articles first, then read the whole library."""
        with self._library_errors_reported():
            if self.library.is_default and self.library.is_new():
                self._answer(SeedsAdded(self.library.add_seeds(self._report_progress)))
            self._shown_generation = self.library.generation()  # before reading: a change meanwhile shows next time
            pages = self.library.article_pages()
            self._answer(ArticlesLoaded(pages, self.library.read_ids(), self.library.starred_ids()))

    @work(thread=True, exclusive=True, group="overview")
    def load_overview(self) -> None:
        """What the list does not need to show: the entities an interrupted add left to find, the sidebar's top
        entities, then the stories (the slowest: grouping reads every article, unless kept from the last start).
        Started once the list has painted: at 100,000 articles these took seconds of CPU, and a worker thread busy
        with them held the first paint back by as long."""
        with self._library_errors_reported():
            # Usually none: articles an add was interrupted before finding entities in (index.adding).
            if found := self.library.enrich_pending(self._report_progress):
                self._answer(EntitiesFound(found))
            self._answer(LibraryEntitiesLoaded(self.library.entities(limit=LIBRARY_TOP_ENTITIES)))
            self._answer(StoriesLoaded(self.library.stories()))

    def look_for_changes(self) -> None:
        """Read the library again if another process changed it (the timer's tick; this app's own additions are
        read again when they finish)."""
        if not any(worker.group in _CHANGING_GROUPS and worker.is_running for worker in self.workers):
            self._ask_for_changes()

    @work(thread=True, exclusive=True, group="changes")
    def _ask_for_changes(self) -> None:
        with self._library_errors_reported():
            # An add underway bumps the generation every batch: reading the whole library again each time would
            # compete with it for the CPU, so its articles show once it has finished (or died: its lock goes too,
            # and the reload's overview finishes what it left).
            if self.library.generation() != self._shown_generation and not self.library.adding_elsewhere():
                self._answer(LibraryChanged())

    def _report_progress(self, done: int, total: int, current: str) -> None:
        self._answer(IngestProgress(done, total, current))

    @work(thread=True, exclusive=True, group="refresh")
    def refresh_feeds(self) -> None:
        """Fetch every subscribed feed, then read the library again (a worker: fetching takes seconds)."""
        with self._library_errors_reported():
            self._answer(FeedsRefreshed(self.library.refresh(self._report_progress)))

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, entity_id: str | None, between: DayRange | None) -> None:
        with self._library_errors_reported():
            result = self.library.search(query, within_entity=entity_id, between=between)
            suggestion = self.library.suggest(query) if result.total < FEW_HITS else None
            self._answer(SearchCompleted(query, entity_id, between, result, suggestion))

    @work(thread=True, exclusive=True, group="search")
    def load_filtered(self, entity_id: str | None, between: DayRange | None) -> None:
        with self._library_errors_reported():
            articles = self.library.article_pages(mentioning=entity_id, between=between)
            self._answer(FilteredArticlesLoaded(entity_id, between, articles))

    @work(thread=True, exclusive=True, group="timeline")
    def load_timeline(self, by: Granularity | None, query: str, entity_id: str | None) -> None:
        with self._library_errors_reported():
            try:
                timeline = self.library.timeline(by, query=query or None, within_entity=entity_id)
            except QueryError:
                return  # the search's own worker reports the refused query; the strip keeps what it shows
            self._answer(TimelineLoaded(by, query, entity_id, timeline))

    @work(thread=True, exclusive=True, group="article")
    def open_article(self, article_id: str) -> None:
        with self._library_errors_reported():
            article = self.library.get(article_id)
            # Counted before the answer, not after: the sidebar's counts drawn apart cost a second layout and drawing
            # of the screen, more than the counting (10 ms at 100,000 articles) holds the article back.
            counts = self.library.entity_article_counts([entity.id for entity in article.entities])
            self._answer(ArticleLoaded(article, counts))
            # Written after the answer: the screen marks the article read at once, and the write need not hold the
            # article back. An article another has replaced since is not marked.
            if not get_current_worker().is_cancelled:
                self.library.mark_read(article_id)

    @work(thread=True, exclusive=True, group="related")
    def load_related(self, article_id: str) -> None:
        with self._library_errors_reported():
            self._answer(RelatedLoaded(article_id, self.library.related(article_id, limit=RELATED_LIMIT)))

    @work(thread=True, exclusive=True, group="url")
    def resolve_url(self, url: str) -> None:
        """Which library article has this URL, if any."""
        with self._library_errors_reported():
            self._answer(UrlResolved(url, self.library.find_by_url(url)))
