"""The article list: one option per article (newest first) or per search hit (best first).

Every prompt is a rich `Text` built by appending runs: article text is untrusted and is never parsed as markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.model import ArticleSummary, Hit, Segments
from tui.formatting import byline

UNREAD_MARK = "●"
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ListEntry:
    """One row of the list, whether it came from the whole library or from a search."""

    id: str
    title: Segments
    source: str | None
    published: dt.date | None
    snippet: Segments = ()

    @classmethod
    def from_summary(cls, summary: ArticleSummary) -> ListEntry:
        return cls(summary.id, ((summary.title, False),), summary.source, summary.published)

    @classmethod
    def from_hit(cls, hit: Hit) -> ListEntry:
        # A snippet may span paragraphs; in a list row it reads as one run of text.
        snippet = tuple((WHITESPACE.sub(" ", run), matched) for run, matched in hit.snippet_segments)
        return cls(hit.id, hit.title_segments, hit.source, hit.published, snippet)


class ArticleList(OptionList):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--unread",
        "article-list--byline",
        "article-list--snippet",
        "article-list--match",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="article_list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="article_list.up"),
    ]

    @dataclass
    class ArticleChosen(Message):
        """The user pressed Enter on an article: open it."""

        article_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: dict[str, ListEntry] = {}

    def on_mount(self) -> None:
        self.border_title = "Articles"

    def show_entries(self, entries: Sequence[ListEntry], read_ids: set[str]) -> None:
        """Replace the rows; the cursor goes to the first one."""
        self._entries = {entry.id: entry for entry in entries}
        rows: list[Option | None] = []
        for entry in entries:
            rows.extend((Option(self._prompt(entry, unread=entry.id not in read_ids), id=entry.id), None))
        self.set_options(rows[:-1])  # None draws a rule between two articles
        self.highlighted = 0 if entries else None

    def mark_read(self, article_id: str) -> None:
        """Drop the unread mark of one row, if it is listed, leaving the cursor where it is."""
        entry = self._entries.get(article_id)
        if entry is not None:
            self.replace_option_prompt(article_id, self._prompt(entry, unread=False))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.ArticleChosen(event.option.id))

    def _prompt(self, entry: ListEntry, *, unread: bool) -> Text:
        """Mark and title, then the byline, then (for a hit) the snippet; matched terms styled apart.

        Every line starts at the left edge: a Text cannot hang an indent, and wrapped title lines would not line up.
        """
        match_style = self._component_style("match")
        prompt = Text()
        prompt.append(f"{UNREAD_MARK} " if unread else "  ", self._component_style("unread"))
        _append_segments(prompt, entry.title, match_style)
        prompt.append("\n")
        prompt.append(byline(entry.source, entry.published), self._component_style("byline"))
        if entry.snippet:
            snippet = Text("\n", style=self._component_style("snippet"))
            _append_segments(snippet, entry.snippet, match_style)
            prompt.append_text(snippet)
        return prompt

    def _component_style(self, name: str) -> Style:
        # Partial: only what app.tcss sets, so the cursor row's background still shows through.
        return self.get_component_rich_style(f"article-list--{name}", partial=True)


def _append_segments(text: Text, segments: Segments, match_style: Style) -> None:
    for run, matched in segments:
        text.append(run, match_style if matched else None)
