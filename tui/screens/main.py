"""The main screen: owns what is shown (the search request, the open article), asks the library in thread
workers, and hands the answers down to the panes."""

from __future__ import annotations

import gc
import shlex
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import ProgressBar

from index.library import Library
from index.model import AddReport, Article, ArticleSummary, Entity
from index.timeline import Granularity
from tui.commands import ActionCommands, ArticleCommands, EntityCommands, KeptCommands
from tui.history import Place, PlaceKind
from tui.messages import (
    ArticleLoaded,
    ArticleRemoved,
    ArticlesLoaded,
    EntitiesFound,
    FeedsRefreshed,
    FilteredArticlesLoaded,
    IngestProgress,
    LibraryChanged,
    LibraryEntitiesLoaded,
    LibraryFailed,
    SearchCompleted,
    SeedsAdded,
    StoriesLoaded,
    TimelineLoaded,
)
from tui.screens.help import HelpScreen, HelpSection
from tui.screens.keeping_screen import KeepingScreen
from tui.screens.library_screen import CHANGES_POLL_SECONDS
from tui.timeline_layout import DayRange, range_label
from tui.widgets.article_list import ArticleList, ListEntry, RowSource, SummaryRows
from tui.widgets.entity_sidebar import EntitySidebar, SidebarEntry
from tui.widgets.filter_chip import FilterChip
from tui.widgets.key_footer import KeyFooter
from tui.widgets.reading_view import ReadingView
from tui.widgets.related_panel import RelatedPanel
from tui.widgets.search_bar import SearchBar, SearchInput
from tui.widgets.timeline_strip import TimelineStrip

Pane = ArticleList | ReadingView | RelatedPanel | EntitySidebar | TimelineStrip


class MainScreen(KeepingScreen):
    COMMANDS = {ActionCommands, ArticleCommands, EntityCommands, KeptCommands}
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
        # Tab walks the panes shown (the related panel too, while open); the search box is reached with "/".
        Binding("tab", "cycle_panes(1)", "Next pane", show=False, id="newsdesk.next_pane"),
        Binding("shift+tab", "cycle_panes(-1)", "Previous pane", show=False, id="newsdesk.previous_pane"),
        Binding("question_mark", "show_help", "Keys", id="newsdesk.help"),
        # Like a browser: back and forward over articles opened, searches run and filters applied (NavigatingScreen).
        Binding("H,alt+left", "back", "Back", show=False, id="newsdesk.back"),
        Binding("L,alt+right", "forward", "Forward", show=False, id="newsdesk.forward"),
        Binding("y", "show_history", "History", show=False, id="newsdesk.history"),
        Binding("r", "toggle_related", "Related", show=False, id="newsdesk.related"),
        # Never automatic: a library article with that URL opens here, an http(s) one in the system browser.
        Binding("u", "open_link", "Open link", show=False, id="newsdesk.open_url"),
        Binding("R", "refresh_feeds", "Refresh feeds", show=False, id="newsdesk.refresh_feeds"),
        # MarkingScreen: on the list's row while the list has focus, else on the open article.
        Binding("m", "toggle_read", "Read / unread", show=False, id="newsdesk.toggle_read"),
        Binding("s", "toggle_star", "Star / unstar", show=False, id="newsdesk.toggle_star"),
        Binding("J", "next_unread", "Next unread", show=False, id="newsdesk.next_unread"),
        Binding("c", "copy_link", "Copy link", show=False, id="newsdesk.copy_link"),
        Binding("D", "remove_article", "Remove article", show=False, id="newsdesk.remove_article"),
        # KeepingScreen.
        Binding("S", "save_search", "Save search", show=False, id="newsdesk.save_search"),
    ]

    # The screen's state is drawn by its panes, which the watchers update (repaint=False: repainting the screen
    # redraws every pane, a frame as costly as opening an article).
    # always_update: Enter on the same query asks again (the library may have changed; a refused query says why again).
    request: reactive[str] = reactive("", init=False, always_update=True, repaint=False)
    # The article list shows only the articles that mention this entity (within the search, if any)...
    entity_filter: reactive[Entity | None] = reactive(None, init=False, repaint=False)
    # ... and only those published in these days (first and last included), chosen on the timeline strip.
    date_filter: reactive[DayRange | None] = reactive(None, init=False, repaint=False)
    # The timeline's bucket size, as zoomed with + and -; None: the library's choice for the span.
    timeline_by: reactive[Granularity | None] = reactive(None, init=False, repaint=False)

    def __init__(self, library: Library) -> None:
        super().__init__(library)
        self._articles: Sequence[ArticleSummary] = ()
        # What a restored place still waits for: the list's cursor (for the list's next rows), the reading scroll.
        self._pending_list_index: int | None = None
        self._pending_scroll: float | None = None
        self._typing = False  # the next request comes from typing, not Enter: not a history entry
        self._announce_new = False  # the list is read again because another process changed the library

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search-bar")
        yield ProgressBar(id="ingest-progress")
        with Horizontal(id="panes"):
            yield ArticleList(id="article-list")
            with Vertical(id="reading-pane"):
                yield ReadingView(id="reading-view")
                yield RelatedPanel(id="related-panel")
            yield EntitySidebar(id="entity-sidebar")
        yield TimelineStrip(id="timeline-strip")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.history.visit(Place("start"))
        self.load_library()
        self.set_interval(CHANGES_POLL_SECONDS, self.look_for_changes)

    @property
    def panes(self) -> tuple[Pane, ...]:
        """The panes in Tab order, shown or not."""
        return (
            self.query_one(ArticleList),
            self.query_one(ReadingView),
            self.query_one(RelatedPanel),
            self.query_one(EntitySidebar),
            self.query_one(TimelineStrip),
        )

    # -- answers from the workers ----------------------------------------------------------------------------------

    def on_ingest_progress(self, event: IngestProgress) -> None:
        progress_bar = self.query_one("#ingest-progress", ProgressBar)
        progress_bar.display = True
        progress_bar.update(total=event.total, progress=event.done)

    def on_seeds_added(self, event: SeedsAdded) -> None:
        self.query_one("#ingest-progress", ProgressBar).display = False
        self.notify(f"Added {event.report.count('added')} bundled articles to your new library.", title="Welcome")
        self._warn_failures(event.report)

    def on_entities_found(self, event: EntitiesFound) -> None:
        self.query_one("#ingest-progress", ProgressBar).display = False
        self.notify(f"Found the entities of {event.count} articles an interrupted add had left without them.")

    def _say_how_to_add(self) -> None:
        library = "" if self.library.is_default else f" --library {shlex.quote(str(self.library.path))}"
        newsdesk = f"newsdesk{library}"
        self.notify(
            f"No articles yet. Add files or folders from a shell: {newsdesk} add PATH …, or subscribe to a feed:"
            f" {newsdesk} feeds add URL",
            title="An empty library",
            timeout=30,
            markup=False,
        )

    def _warn_failures(self, report: AddReport) -> None:
        for outcome in report.outcomes:
            if outcome.status == "failed":
                self.notify(f"{outcome.input}: {outcome.error}", severity="warning", markup=False)

    def action_refresh_feeds(self) -> None:
        self.notify("Refreshing feeds…")
        self.refresh_feeds()

    def on_feeds_refreshed(self, event: FeedsRefreshed) -> None:
        self.query_one("#ingest-progress", ProgressBar).display = False
        report = event.report
        if not report.feeds:
            self.notify("No feeds yet: subscribe with `newsdesk feeds add URL`.", severity="warning", markup=False)
            return
        added, updated = report.articles.count("added"), report.articles.count("updated")
        self.notify(f"{len(report.feeds)} feeds refreshed: {added} new, {updated} updated articles.")
        for feed in report.feeds:
            if feed.status == "failed":
                self.notify(f"{feed.title or feed.feed}: {feed.error}", severity="warning", markup=False)
        self._warn_failures(report.articles)
        if added or updated:
            self.load_library()

    def on_article_removed(self, event: ArticleRemoved) -> None:
        if self.current_article is not None and self.current_article.id == event.article_id:
            self.current_article = None
        self.notify(f"Removed “{event.title}”.", markup=False)
        self.load_library()

    def on_library_changed(self, event: LibraryChanged) -> None:
        self._announce_new = True  # this app's own additions (seeds, feeds) are announced by what added them
        self.load_library()

    def on_articles_loaded(self, event: ArticlesLoaded) -> None:
        added = len(event.articles) - len(self._articles)
        if self._announce_new and added > 0:
            if not self._articles:
                self.app.clear_notifications()  # "An empty library", with how to add: done now
            self.notify(f"{added} new article{'' if added == 1 else 's'} in the library.")
        self._announce_new = False
        if not event.articles and not self._articles:
            self._say_how_to_add()
        self._articles = event.articles
        self.read_ids = event.read_ids
        self.starred_ids = event.starred_ids
        if not self.request and self.entity_filter is None and self.date_filter is None:
            article_list = self.query_one(ArticleList)
            cursor = article_list.highlighted
            kept = article_list.get_option_at_index(cursor).id if cursor is not None else None
            self._show_all_articles()
            # Read again (articles added or removed): the cursor stays on its article, wherever the newer ones put
            # it, or where its removed article was.
            if kept is not None and cursor is not None:
                index = article_list.get_option_index(kept)
                article_list.highlighted = index if index is not None else cursor
        else:
            # The search or filter shown answers again from the library as it is now, the cursor where it was.
            self._pending_list_index = self.query_one(ArticleList).highlighted
            self._refresh_list()
        self.call_after_refresh(self._load_the_rest)

    def _load_the_rest(self) -> None:
        self._refresh_timeline()
        self.load_overview()

    def on_library_entities_loaded(self, event: LibraryEntitiesLoaded) -> None:
        self.query_one(EntitySidebar).library_entries = tuple(
            SidebarEntry(Entity(info.id, info.name, info.kind), len(info.articles)) for info in event.entities
        )

    def on_filtered_articles_loaded(self, event: FilteredArticlesLoaded) -> None:
        if self.request or (event.entity_id, event.between) != (self._filter_id, self.date_filter):
            return  # a filter has changed since, or a search has started
        self._show_entries(SummaryRows(event.articles))
        count = len(event.articles)
        self.query_one(SearchBar).status = Text(f"{count} article{'' if count == 1 else 's'}")

    def on_search_completed(self, event: SearchCompleted) -> None:
        if (event.query, event.entity_id, event.between) != (self.request, self._filter_id, self.date_filter):
            return  # the answer to a query (or a filter) the user has since replaced or cleared
        hits = event.result.hits
        self._show_entries([ListEntry.from_hit(hit) for hit in hits])
        self.suggestion = event.suggestion
        status = search_status(event.query, event.result.total, len(hits))
        if event.suggestion:
            status.append(" · did you mean '")
            status.append(event.suggestion)
            status.append("'? (ctrl+p)")
        self.query_one(SearchBar).status = status

    def on_timeline_loaded(self, event: TimelineLoaded) -> None:
        if (event.by, event.query, event.entity_id) == (self.timeline_by, self.request, self._filter_id):
            self.query_one(TimelineStrip).timeline = event.timeline

    def on_article_loaded(self, event: ArticleLoaded) -> None:
        self.current_article = event.article
        self.query_one(EntitySidebar).article_entries = tuple(
            SidebarEntry(entity, event.entity_counts.get(entity.id, 0)) for entity in event.article.entities
        )
        self.read_ids.add(event.article.id)
        self.query_one(ArticleList).mark_read(event.article.id)
        self.history.name_article(event.article.id, event.article.title)
        # Once the article is drawn: at 100,000 articles, finding related ones keeps a thread busy for 100-300 ms,
        # which would slow the drawing (the threads share one interpreter lock).
        self.call_after_refresh(self.refresh_related)
        scroll_y, self._pending_scroll = self._pending_scroll, None
        if scroll_y is not None:
            self.query_one(ReadingView).restore_scroll(scroll_y)

    def on_stories_loaded(self, event: StoriesLoaded) -> None:
        self.query_one(ArticleList).stories = {article: story for story in event.stories for article in story.articles}
        # What start-up loaded lives as long as the app (at 100,000 articles, millions of objects: summaries, stories,
        # caches). Python's full collections walked all of it, 25-60 ms every few keys; frozen, they skip it.
        gc.freeze()

    def on_library_failed(self, event: LibraryFailed) -> None:
        self._pending_list_index = None  # a refused search leaves the list as it was: no cursor to restore in it
        if isinstance(self.focused, SearchInput):
            # Mid-typing a query is often incomplete (an open quote): say so quietly where the user is looking.
            self.query_one(SearchBar).status = Text(f"⚠ {event.error}")
        else:
            self.notify(event.error, title="newsdesk", severity="error", markup=False)

    # -- what the panes ask for ------------------------------------------------------------------------------------

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        self.run_query(event.query)

    def run_query(self, query: str) -> None:
        self.query_one(SearchBar).input.value = query
        self.request = query
        if query:
            self.remember_search(query)
        self.set_focus(self.query_one(ArticleList))

    def on_search_bar_typed(self, event: SearchBar.Typed) -> None:
        """Results follow the typing; history keeps only what is run with Enter (not every prefix typed)."""
        if event.query != self.request:
            self._typing = True
            self.request = event.query

    def on_article_list_article_chosen(self, event: ArticleList.ArticleChosen) -> None:
        self.open_in_history(event.article_id)

    def on_entity_sidebar_entity_chosen(self, event: EntitySidebar.EntityChosen) -> None:
        self.filter_by_entity(event.entity)

    def filter_by_entity(self, entity: Entity) -> None:
        """Show only the articles that name `entity` (from the sidebar or the command palette)."""
        self.entity_filter = entity
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
        typed, self._typing = self._typing, False
        if not typed:
            self.record("search")
        if not request:
            self.query_one(SearchBar).clear()
        self._refresh_list()
        if not typed:
            # While the user types, the list follows and the timeline waits for Enter: counting every match of
            # each prefix over time took half a second at 100,000 articles, and competed with the list's search.
            self._refresh_timeline()

    def watch_entity_filter(self) -> None:
        self.record("entity")
        self._show_entity_filter()
        self._refresh_list()
        self._refresh_timeline()

    def watch_date_filter(self) -> None:
        self.record("dates")
        self._show_date_filter()
        self._refresh_list()

    def _show_entity_filter(self) -> None:
        entity = self.entity_filter
        self.query_one(SearchBar).entity_chip.label = entity.name if entity is not None else None
        self.query_one(EntitySidebar).filter_id = entity.id if entity is not None else None
        self.query_one(ReadingView).entity = entity
        self.refresh_bindings()

    def _show_date_filter(self) -> None:
        days = self.date_filter
        self.query_one(SearchBar).date_chip.label = range_label(*days) if days is not None else None
        self.query_one(TimelineStrip).date_filter = days  # shaded there; the strip's buckets stay as they are
        self.refresh_bindings()

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
        self._show_entries(SummaryRows(self._articles))

    def _show_entries(self, entries: RowSource) -> None:
        article_list = self.query_one(ArticleList)
        article_list.show_entries(entries, self.read_ids, self.starred_ids)
        index, self._pending_list_index = self._pending_list_index, None
        if index is not None and article_list.option_count:
            article_list.highlighted = min(index, article_list.option_count - 1)

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
        return super().check_action(action, parameters)

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

    # -- history ---------------------------------------------------------------------------------------------------

    def current_view(self, kind: PlaceKind) -> Place:
        """What the screen shows now, as a new place reached by `kind` (the list refilled with its cursor at the top,
        unless an article was opened)."""
        return Place(
            kind,
            self.request,
            self.entity_filter,
            self.date_filter,
            self._article_id,
            list_index=self.query_one(ArticleList).highlighted if kind == "article" else None,
            scroll_y=0.0 if kind == "article" else self.query_one(ReadingView).scroll_y,
        )

    def restore(self, place: Place) -> None:
        """Show a place of the history again: its search and filters, its article, its cursor and scroll."""
        self.set_reactive(MainScreen.request, place.query)
        self.set_reactive(MainScreen.entity_filter, place.entity)
        self.set_reactive(MainScreen.date_filter, place.dates)
        search_bar = self.query_one(SearchBar)
        if place.query:
            search_bar.input.value = place.query
        else:
            search_bar.clear()
        self._show_entity_filter()
        self._show_date_filter()
        self._pending_list_index = place.list_index if place.list_index is not None else 0
        self._refresh_list()
        self._refresh_timeline()
        if place.article_id is None:
            self._article_id = None
            self.current_article = None
        elif place.article_id != self._article_id or self.current_article is None:
            self._article_id = place.article_id
            self._pending_scroll = place.scroll_y
            self.open_article(place.article_id)
        else:
            self.query_one(ReadingView).scroll_to(y=place.scroll_y, animate=False, immediate=True)


def search_status(query: str, total: int, shown: int) -> Text:
    """E.g. "2 hits for 'Choe Son Hui'"; the query is appended as plain text, never parsed as markup."""
    status = Text(f"{total} hit{'' if total == 1 else 's'} for '")
    status.append(query)
    status.append("'")
    if shown < total:
        status.append(f" (best {shown} shown)")
    return status
