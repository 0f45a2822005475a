"""The main screen's marking half: read and unread, starred, "next unread" (space at the end of an article moves on,
as in Newsboat), copying the article's link, and removing the article from the library (after a yes).

A mark applies to the article under the list's cursor while the list has focus, else to the open article. Marks are
written by a thread worker (the library's state file may be busy for a moment) and drawn at once.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work

from index.library import Library
from tui.links import link_of
from tui.messages import ArticleRemoved, RemovalAsked
from tui.screens.confirm import ConfirmScreen
from tui.screens.navigating_screen import NavigatingScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.reading_view import ReadingView

# How far down the list "next unread" looks before saying there is none (a list may hold 100,000 articles).
NEXT_UNREAD_REACH = 2_000


class MarkingScreen(NavigatingScreen):
    """Its keys are bound in MainScreen.BINDINGS, with the screen's others (the help lists them in that order)."""

    def __init__(self, library: Library) -> None:
        super().__init__(library)
        self.read_ids: set[str] = set()
        self.starred_ids: set[str] = set()

    def _marked_article(self) -> str | None:
        article_list = self.query_one(ArticleList)
        if self.focused is article_list and article_list.highlighted is not None and article_list.option_count:
            return article_list.get_option_at_index(article_list.highlighted).id
        return self.current_article.id if self.current_article is not None else None

    def action_toggle_read(self) -> None:
        article_list = self.query_one(ArticleList)
        self._toggle(self.read_ids, article_list.mark_read, self._save_read, ("Marked read.", "Marked unread."))

    def action_toggle_star(self) -> None:
        article_list = self.query_one(ArticleList)
        self._toggle(self.starred_ids, article_list.mark_starred, self._save_star, ("Starred.", "Star removed."))

    def _toggle(
        self,
        marked: set[str],
        draw: Callable[[str, bool], None],
        save: Callable[[str, bool], object],
        notes: tuple[str, str],
    ) -> None:
        """Flip one mark of the marked article: in `marked`, on screen (`draw`), in the library (`save`)."""
        article_id = self._marked_article()
        if article_id is None:
            return
        on = article_id not in marked
        (marked.add if on else marked.discard)(article_id)
        draw(article_id, on)
        save(article_id, on)
        self.notify(notes[0] if on else notes[1])

    @work(thread=True, group="marks")
    def _save_read(self, article_id: str, read: bool) -> None:
        with self._library_errors_reported():
            self.library.mark_read(article_id, read)

    @work(thread=True, group="marks")
    def _save_star(self, article_id: str, starred: bool) -> None:
        with self._library_errors_reported():
            self.library.star(article_id, starred)

    def action_remove_article(self) -> None:
        article_id = self._marked_article()
        if article_id is not None:
            self._ask_to_remove(article_id)

    @work(thread=True, group="marks")
    def _ask_to_remove(self, article_id: str) -> None:
        """The title to ask with, read in a worker: the catalog may be busy with an add for a moment."""
        with self._library_errors_reported():
            self._answer(RemovalAsked(article_id, self.library.get(article_id).title))

    def on_removal_asked(self, event: RemovalAsked) -> None:
        def answered(remove: bool | None) -> None:
            if remove:
                self._remove_article(event.article_id, event.title)

        question = f"Remove “{event.title}” from the library?"
        detail = "Its file or feed stays where it is; a feed will not bring it back. `newsdesk add FILE` would."
        self.app.push_screen(ConfirmScreen(question, detail), answered)

    @work(thread=True, group="marks")
    def _remove_article(self, article_id: str, title: str) -> None:
        with self._library_errors_reported():
            self.library.remove([article_id])
            self._answer(ArticleRemoved(article_id, title))

    def on_reading_view_end_reached(self, event: ReadingView.EndReached) -> None:
        self.action_next_unread()

    def action_next_unread(self) -> None:
        """Open the next unread article below the list's cursor."""
        article_list = self.query_one(ArticleList)
        start = (article_list.highlighted or 0) + 1
        for index in range(start, min(article_list.option_count, start + NEXT_UNREAD_REACH)):
            article_id = article_list.get_option_at_index(index).id
            if article_id not in self.read_ids:
                article_list.highlighted = index
                self.open_in_history(article_id)
                return
        self.notify("No more unread articles below this one.")

    def action_copy_link(self) -> None:
        url = link_of(self.current_article) if self.current_article is not None else None
        if url is None:
            self.notify("This article has no link to copy.", severity="warning")
            return
        self.app.copy_to_clipboard(url)  # OSC 52: works over ssh and in tmux with set-clipboard on
        self.notify(url, title="Link copied", markup=False)
