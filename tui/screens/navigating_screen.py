"""The main screen's navigating half: back, forward and the history list, like a browser (tui.history keeps the
places), and the two ways to another article from the open one: the related panel and the article's link.

The main screen (tui.screens.main) says what it shows now (`current_view`) and how a place is shown again
(`restore`); here the places are kept, the cursor and scroll remembered on leaving one, and the keys handled.
"""

from __future__ import annotations

import webbrowser
from abc import abstractmethod

from textual.reactive import reactive

from index.library import Library
from index.model import Article
from tui.history import History, Place, PlaceKind
from tui.links import is_web_url, link_of
from tui.messages import RelatedLoaded, UrlResolved
from tui.screens.history_list import HistoryListScreen
from tui.screens.library_screen import LibraryScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.reading_view import ReadingView
from tui.widgets.related_panel import RelatedPanel


class NavigatingScreen(LibraryScreen):
    """Its keys are bound in MainScreen.BINDINGS, with the screen's others (the help lists them in that order)."""

    # Drawn by the panes the watcher hands it to; repainting the whole screen for it cost a frame (repaint=False).
    current_article: reactive[Article | None] = reactive(None, init=False, repaint=False)

    def __init__(self, library: Library) -> None:
        super().__init__(library)
        self.history = History()
        self._article_id: str | None = None  # the article last asked for (current_article is the one shown)

    # The main screen owns the search, the filters and the panes, so it alone can say what is on view and put a
    # place back; this class only decides when. (abstractmethod marks them for mypy; Textual's metaclass is not ABC.)
    @abstractmethod
    def current_view(self, kind: PlaceKind) -> Place:
        """What is on view now, as a place reached by `kind`."""

    @abstractmethod
    def restore(self, place: Place) -> None:
        """Put a place from the history back on view."""

    # -- the history -----------------------------------------------------------------------------------------------

    def open_in_history(self, article_id: str) -> None:
        """Open an article as a new place in the history."""
        self._article_id = article_id
        self.record("article")
        self.open_article(article_id)

    def record(self, kind: PlaceKind) -> None:
        """What the user has just navigated to, as a new place, unless it shows what the current one does."""
        place = self.current_view(kind)
        self.remember_position()
        current = self.history.current
        if current is None or not current.same_view(place):
            self.history.visit(place)
        self.refresh_bindings()

    def remember_position(self) -> None:
        """The list's cursor and the reading scroll, kept in the current place before leaving it."""
        self.history.update_current(
            list_index=self.query_one(ArticleList).highlighted, scroll_y=self.query_one(ReadingView).scroll_y
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.history.can_go_back
        if action == "forward":
            return self.history.can_go_forward
        if action == "open_link":
            return self.current_article is not None and link_of(self.current_article) is not None
        return True

    def action_back(self) -> None:
        self.remember_position()
        place = self.history.back()
        if place is not None:
            self._restore_place(place)

    def action_forward(self) -> None:
        self.remember_position()
        place = self.history.forward()
        if place is not None:
            self._restore_place(place)

    def action_show_history(self) -> None:
        self.remember_position()
        self.app.push_screen(HistoryListScreen(self.history.places, self.history.position), self._return_to)

    def _return_to(self, index: int | None) -> None:
        if index is not None and index != self.history.position:
            self._restore_place(self.history.go_to(index))

    def _restore_place(self, place: Place) -> None:
        self.restore(place)
        self.refresh_bindings()

    # -- related articles and links --------------------------------------------------------------------------------

    def action_toggle_related(self) -> None:
        panel = self.query_one(RelatedPanel)
        panel.display = not panel.display
        if panel.display:
            panel.show_loading()
            if self._article_id is not None:
                self.load_related(self._article_id)
            self.set_focus(panel)
        elif self.focused is panel:
            self.set_focus(self.query_one(ReadingView))

    def refresh_related(self) -> None:
        """The open article's related articles, if the panel shows them."""
        if self.query_one(RelatedPanel).display and self._article_id is not None:
            self.load_related(self._article_id)

    def on_related_loaded(self, event: RelatedLoaded) -> None:
        if event.article_id == self._article_id:
            self.query_one(RelatedPanel).show_related(event.related)

    def on_related_panel_related_chosen(self, event: RelatedPanel.RelatedChosen) -> None:
        self.open_in_history(event.article_id)

    def action_open_link(self) -> None:
        url = link_of(self.current_article) if self.current_article is not None else None
        if url is not None:
            self.resolve_url(url)

    def on_url_resolved(self, event: UrlResolved) -> None:
        if event.article_id is not None and event.article_id != self._article_id:
            self.open_in_history(event.article_id)
        elif is_web_url(event.url):
            webbrowser.open(event.url)
            self.notify(event.url, title="Opened in your browser", markup=False)
        else:
            self.notify(event.url, title="Not a web link: not opened", severity="warning", markup=False)
