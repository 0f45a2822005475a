"""The main screen: owns what is shown (the search request, the open article), asks the library in thread
workers, and hands the answers down to the panes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar
from textual.worker import get_current_worker

from index.errors import NewsdeskError, QueryError
from index.library import Library
from index.model import Article, ArticleSummary, Entity
from index.timeline import Granularity
from tui.messages import (
    ArticleLoaded,
    ArticlesLoaded,
    FilteredArticlesLoaded,
    LibraryEntitiesLoaded,
    LibraryFailed,
    SearchCompleted,
    SeedsAdded,
    SeedsProgress,
    TimelineLoaded,
)
from tui.screens.help import HelpScreen, HelpSection
from tui.timeline_layout import DayRange, range_label
from tui.widgets.article_list import ArticleList, ListEntry
from tui.widgets.entity_sidebar import EntitySidebar, SidebarEntry
from tui.widgets.filter_chip import FilterChip
from tui.widgets.reading_view import ReadingView
from tui.widgets.search_bar import SearchBar
from tui.widgets.timeline_strip import TimelineStrip

Pane = ArticleList | ReadingView | EntitySidebar | TimelineStrip
# How many of the library's most widely mentioned entities the sidebar lists in its library scope.
LIBRARY_TOP_ENTITIES = 50


class MainScreen(Screen[None]):
    AUTO_FOCUS = "ArticleList"
    # Below 90 columns the screen is "-narrow" and app.tcss hides the entity sidebar: the list and the article first.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: checked before the focused pane sees any key, so the keys typed right after "/" (a fast typist,
        # a paste, tmux) already reach the search box. Inside the box, check_action lets "/" through as text.
        Binding("slash", "focus_search", "Search", priority=True, id="newsdesk.search"),
        # Escape undoes one thing at a time: the search first, then the date filter, then the entity filter.
        Binding("escape", "clear_search", "Clear search, dates, entity", id="newsdesk.clear_search"),
        Binding("x", "clear_filter", "Drop entity filter", id="newsdesk.clear_filter"),
        Binding("X", "clear_dates", "Drop date filter", id="newsdesk.clear_dates"),
        # Active while the open article names the filter's entity (check_action).
        Binding("n", "jump_mention(1)", "Next mention", id="newsdesk.next_mention"),
        Binding("N", "jump_mention(-1)", "Previous mention", id="newsdesk.previous_mention"),
        # Tab walks the four panes only; the search box is reached with "/".
        Binding("tab", "cycle_panes(1)", "Next pane", show=False, id="newsdesk.next_pane"),
        Binding("shift+tab", "cycle_panes(-1)", "Previous pane", show=False, id="newsdesk.previous_pane"),
        Binding("question_mark", "show_help", "Keys", id="newsdesk.help"),
    ]

    # always_update: Enter on the same query asks again (the library may have changed; a refused query says why again).
    request: reactive[str] = reactive("", init=False, always_update=True)
    # The article list shows only the articles that mention this entity (within the search, if any)...
    entity_filter: reactive[Entity | None] = reactive(None, init=False)
    # ... and only those published in these days (first and last included), chosen on the timeline strip.
    date_filter: reactive[DayRange | None] = reactive(None, init=False)
    # The timeline's bucket size, as zoomed with + and -; None: the library's choice for the span.
    timeline_by: reactive[Granularity | None] = reactive(None, init=False)
    current_article: reactive[Article | None] = reactive(None, init=False)

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self._articles: list[ArticleSummary] = []
        self._read_ids: set[str] = set()

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search-bar")
        yield ProgressBar(id="seed-progress", show_eta=False)
        with Horizontal(id="panes"):
            yield ArticleList(id="article-list")
            yield ReadingView(id="reading-view")
            yield EntitySidebar(id="entity-sidebar")
        yield TimelineStrip(id="timeline-strip")
        yield Footer()

    def on_mount(self) -> None:
        self.load_library()

    @property
    def panes(self) -> tuple[Pane, ...]:
        """The panes in Tab order, shown or not."""
        return (
            self.query_one(ArticleList),
            self.query_one(ReadingView),
            self.query_one(EntitySidebar),
            self.query_one(TimelineStrip),
        )

    # -- workers: the library is never called on the event loop ---------------------------------------------------

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
            if self.library.is_default and self.library.is_empty():
                self._answer(SeedsAdded(self.library.add_seeds(self._report_seed_progress)))
            self._answer(ArticlesLoaded(self.library.articles(), self.library.read_ids()))
            self._answer(LibraryEntitiesLoaded(self.library.entities()[:LIBRARY_TOP_ENTITIES]))

    def _report_seed_progress(self, done: int, total: int, current: str) -> None:
        self._answer(SeedsProgress(done, total, current))

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, entity_id: str | None, between: DayRange | None) -> None:
        with self._library_errors_reported():
            result = self.library.search(query, within_entity=entity_id, between=between)
            self._answer(SearchCompleted(query, entity_id, between, result))

    @work(thread=True, exclusive=True, group="search")
    def load_filtered(self, entity_id: str | None, between: DayRange | None) -> None:
        with self._library_errors_reported():
            articles = self.library.articles(mentioning=entity_id, between=between)
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
            counts = self.library.entity_article_counts([entity.id for entity in article.entities])
            self.library.mark_read(article_id)
            self._answer(ArticleLoaded(article, counts))

    # -- answers from the workers ----------------------------------------------------------------------------------

    def on_seeds_progress(self, event: SeedsProgress) -> None:
        progress_bar = self.query_one("#seed-progress", ProgressBar)
        progress_bar.display = True
        progress_bar.update(total=event.total, progress=event.done)

    def on_seeds_added(self, event: SeedsAdded) -> None:
        self.query_one("#seed-progress", ProgressBar).display = False
        self.notify(f"Added {event.report.count('added')} bundled articles to your new library.", title="Welcome")
        for outcome in event.report.outcomes:
            if outcome.status == "failed":
                self.notify(f"{outcome.input}: {outcome.error}", severity="warning")

    def on_articles_loaded(self, event: ArticlesLoaded) -> None:
        self._articles = event.articles
        self._read_ids = event.read_ids
        if not self.request and self.entity_filter is None and self.date_filter is None:
            self._show_all_articles()
        self._refresh_timeline()

    def on_library_entities_loaded(self, event: LibraryEntitiesLoaded) -> None:
        self.query_one(EntitySidebar).library_entries = tuple(
            SidebarEntry(Entity(info.id, info.name, info.kind), len(info.articles)) for info in event.entities
        )

    def on_filtered_articles_loaded(self, event: FilteredArticlesLoaded) -> None:
        if self.request or (event.entity_id, event.between) != (self._filter_id, self.date_filter):
            return  # a filter has changed since, or a search has started
        self.query_one(ArticleList).show_entries([ListEntry.from_summary(a) for a in event.articles], self._read_ids)
        count = len(event.articles)
        self.query_one(SearchBar).status = Text(f"{count} article{'' if count == 1 else 's'}")

    def on_search_completed(self, event: SearchCompleted) -> None:
        if (event.query, event.entity_id, event.between) != (self.request, self._filter_id, self.date_filter):
            return  # the answer to a query (or a filter) the user has since replaced or cleared
        hits = event.result.hits
        self.query_one(ArticleList).show_entries([ListEntry.from_hit(hit) for hit in hits], self._read_ids)
        self.query_one(SearchBar).status = search_status(event.query, event.result.total, len(hits))

    def on_timeline_loaded(self, event: TimelineLoaded) -> None:
        if (event.by, event.query, event.entity_id) == (self.timeline_by, self.request, self._filter_id):
            self.query_one(TimelineStrip).timeline = event.timeline

    def on_article_loaded(self, event: ArticleLoaded) -> None:
        self.current_article = event.article
        self.query_one(EntitySidebar).article_entries = tuple(
            SidebarEntry(entity, event.entity_counts.get(entity.id, 0)) for entity in event.article.entities
        )
        self._read_ids.add(event.article.id)
        self.query_one(ArticleList).mark_read(event.article.id)

    def on_library_failed(self, event: LibraryFailed) -> None:
        self.notify(event.error, title="newsdesk", severity="error")

    # -- what the panes ask for ------------------------------------------------------------------------------------

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        self.request = event.query
        self.set_focus(self.query_one(ArticleList))

    def on_article_list_article_chosen(self, event: ArticleList.ArticleChosen) -> None:
        self.open_article(event.article_id)

    def on_entity_sidebar_entity_chosen(self, event: EntitySidebar.EntityChosen) -> None:
        self.entity_filter = event.entity
        self.set_focus(self.query_one(ArticleList))

    def on_filter_chip_remove_requested(self, event: FilterChip.RemoveRequested) -> None:
        if event.chip.id == "date-chip":
            self.date_filter = None
        else:
            self.entity_filter = None

    def on_timeline_strip_range_chosen(self, event: TimelineStrip.RangeChosen) -> None:
        self.date_filter = (event.first, event.last)

    def on_timeline_strip_dates_cleared(self, event: TimelineStrip.DatesCleared) -> None:
        self.date_filter = None

    def on_timeline_strip_zoom_requested(self, event: TimelineStrip.ZoomRequested) -> None:
        self.timeline_by = event.by

    # -- state changes ---------------------------------------------------------------------------------------------

    def watch_request(self, request: str) -> None:
        if not request:
            self.query_one(SearchBar).clear()
        self._refresh_list()
        self._refresh_timeline()

    def watch_entity_filter(self, entity: Entity | None) -> None:
        self.query_one(SearchBar).entity_chip.label = entity.name if entity is not None else None
        self.query_one(EntitySidebar).filter_id = entity.id if entity is not None else None
        self.query_one(ReadingView).entity = entity
        self.refresh_bindings()
        self._refresh_list()
        self._refresh_timeline()

    def watch_date_filter(self, days: DayRange | None) -> None:
        self.query_one(SearchBar).date_chip.label = range_label(*days) if days is not None else None
        self.query_one(TimelineStrip).date_filter = days  # shaded there; the strip's buckets stay as they are
        self.refresh_bindings()
        self._refresh_list()

    def watch_timeline_by(self) -> None:
        self._refresh_timeline()

    def watch_current_article(self, article: Article | None) -> None:
        self.query_one(ReadingView).article = article
        self.query_one(TimelineStrip).current_id = article.id if article is not None else None
        self.refresh_bindings()

    @property
    def _filter_id(self) -> str | None:
        return self.entity_filter.id if self.entity_filter is not None else None

    def _refresh_list(self) -> None:
        """Ask for what the list should show: the search's hits, the filters' articles, or every article."""
        if self.request:
            self.run_search(self.request, self._filter_id, self.date_filter)
            return
        self.workers.cancel_group(self, "search")
        if self.entity_filter is not None or self.date_filter is not None:
            self.load_filtered(self._filter_id, self.date_filter)
        else:
            self.query_one(SearchBar).status = Text()
            self._show_all_articles()

    def _refresh_timeline(self) -> None:
        """Ask for the strip's buckets: the search's and the entity filter's articles over time (not the date
        filter's: the strip shows the days around it, to move it)."""
        self.load_timeline(self.timeline_by, self.request, self._filter_id)

    def _show_all_articles(self) -> None:
        self.query_one(ArticleList).show_entries([ListEntry.from_summary(a) for a in self._articles], self._read_ids)

    # -- actions ---------------------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_search":
            # self.focused, not input.has_focus: has_focus changes only when the Focus event is handled, later.
            return self.focused is not self.query_one(SearchBar).input
        if action == "clear_filter":
            return self.entity_filter is not None
        if action == "clear_dates":
            return self.date_filter is not None
        if action == "jump_mention":
            return self.query_one(ReadingView).mention_count > 0
        return True

    def action_focus_search(self) -> None:
        # set_focus, not widget.focus(): focus() waits behind the keys already queued.
        self.set_focus(self.query_one(SearchBar).input)

    def action_clear_search(self) -> None:
        search_bar = self.query_one(SearchBar)
        if self.focused is search_bar.input:
            self.set_focus(self.query_one(ArticleList))
        if self.request:
            self.request = ""  # the watcher empties the box and lists the articles again (filtered, if so)
        elif search_bar.input.value:
            search_bar.input.value = ""  # only unsent text: the list and its cursor stay as they are
        elif self.date_filter is not None:
            self.date_filter = None
        elif self.entity_filter is not None:
            self.entity_filter = None

    def action_clear_filter(self) -> None:
        self.entity_filter = None

    def action_clear_dates(self) -> None:
        self.date_filter = None

    def action_jump_mention(self, step: int) -> None:
        self.query_one(ReadingView).jump_to_mention(step)

    def action_cycle_panes(self, step: int) -> None:
        panes = [pane for pane in self.panes if pane.display]  # a hidden pane cannot take focus
        if self.focused in panes:
            position = panes.index(self.focused)
        else:  # from the search box: Tab goes to the first pane, shift+Tab to the last
            position = -1 if step > 0 else 0
        self.set_focus(panes[(position + step) % len(panes)])

    def action_show_help(self) -> None:
        self.app.push_screen(HelpScreen(self._help_sections()))

    def _help_sections(self) -> list[HelpSection]:
        return [
            HelpSection("Everywhere", (type(self.app), type(self))),
            # A pane hidden on a narrow terminal has no keys to learn.
            *(HelpSection(pane.PANE_TITLE, (type(pane),)) for pane in self.panes if pane.display),
            # Only its own keys: the box's text editing is every text box's, and would drown the rest.
            HelpSection("Search box", (type(self.query_one(SearchBar).input),), inherited_actions=frozenset()),
        ]


def search_status(query: str, total: int, shown: int) -> Text:
    """E.g. "2 hits for 'Choe Son Hui'"; the query is appended as plain text, never parsed as markup."""
    status = Text(f"{total} hit{'' if total == 1 else 's'} for '")
    status.append(query)
    status.append("'")
    if shown < total:
        status.append(f" (best {shown} shown)")
    return status
