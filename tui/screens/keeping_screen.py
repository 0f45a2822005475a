"""The main screen's keeping half: what the user keeps of searches and articles. Saved searches (S saves the
current one; the palette runs them), recent searches (offered as completions in the search box), "did you mean"
after a search that finds little, and exports of the open article or the results to Markdown files.

Everything that touches the library runs in a thread worker; answers come back as messages or notifications.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from pathlib import Path

import platformdirs
from textual import work
from textual.suggester import SuggestFromList

from index.errors import NewsdeskError
from index.export import export_document
from index.library import Library
from index.private import write_private_file
from tui.screens.marking_screen import MarkingScreen
from tui.widgets.search_bar import SearchBar

_FILE_NAME_UNSAFE = re.compile(r"[^\w-]+")


def export_folder() -> Path:
    """The user's Downloads folder when there is one, else their home."""
    downloads = platformdirs.user_downloads_path()
    return downloads if downloads.is_dir() else Path.home()


def export_file_name(title: str, folder: Path) -> Path:
    """A file name from a title ("Talks resume in Geneva" -> talks-resume-in-geneva.md), numbered if taken."""
    stem = _FILE_NAME_UNSAFE.sub("-", title.lower()).strip("-")[:60].rstrip("-") or "newsdesk"
    path, number = folder / f"{stem}.md", 1
    while path.exists():
        number += 1
        path = folder / f"{stem}-{number}.md"
    return path


class KeepingScreen(MarkingScreen):
    """Its keys are bound in MainScreen.BINDINGS, with the screen's others (the help lists them in that order)."""

    def __init__(self, library: Library) -> None:
        super().__init__(library)
        self.suggestion: str | None = None  # "did you mean" for the current search, if any
        self.saved_queries: dict[str, str] = {}  # name -> query, as last loaded

    def on_mount(self) -> None:
        self.load_kept_searches()

    @work(thread=True, group="kept-searches")
    def load_kept_searches(self) -> None:
        with self._library_errors_reported():
            saved = {search.name: search.query for search in self.library.saved_searches()}
            recent = self.library.recent_searches()
            self.app.call_from_thread(self._show_kept_searches, saved, recent)

    def _show_kept_searches(self, saved: dict[str, str], recent: list[str]) -> None:
        self.saved_queries = saved
        self.query_one(SearchBar).input.suggester = SuggestFromList(recent, case_sensitive=False)

    @work(thread=True, group="kept-searches")
    def remember_search(self, query: str) -> None:
        with self._library_errors_reported():
            self.library.record_search(query)
        self.load_kept_searches()

    # MainScreen owns the search request. (abstractmethod marks it for mypy; Textual's metaclass is not ABC.)
    @abstractmethod
    def run_query(self, query: str) -> None:
        """Search for `query` as if typed and run with Enter (from the palette: saved searches, did you mean)."""

    def action_save_search(self) -> None:
        query = self.query_one(SearchBar).input.value.strip()
        if not query:
            self.notify("Type a search first, then save it.", severity="warning")
            return
        self._save_search(query)

    @work(thread=True, group="kept-searches")
    def _save_search(self, query: str) -> None:
        with self._library_errors_reported():
            self.library.save_search(query, query)
            self.app.call_from_thread(self.notify, query, title="Search saved", markup=False)
        self.load_kept_searches()

    def export_article(self) -> None:
        if self.current_article is None:
            self.notify("Open an article first, then export it.", severity="warning")
            return
        self._export([self.current_article.id], None, self.current_article.title)

    def export_results(self, query: str) -> None:
        self._export([], query, f"search {query}")

    @work(thread=True, group="export")
    def _export(self, ids: list[str], query: str | None, title: str) -> None:
        try:
            text, count = export_document(self.library, ids, query, 50, "markdown")
            path = export_file_name(title, export_folder())
            write_private_file(path, text)
        except (NewsdeskError, OSError) as error:
            self.app.call_from_thread(self.notify, f"Export failed: {error}", severity="error", markup=False)
            return
        noun = "article" if count == 1 else "articles"
        self.app.call_from_thread(self.notify, str(path), title=f"Exported {count} {noun}", markup=False)
