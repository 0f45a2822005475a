"""The reading view: the open article's title, byline and body, one Static per paragraph so it wraps to the pane."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from index.model import Article
from tui.formatting import byline


def paragraphs(body: str) -> list[str]:
    """The library separates paragraphs with a blank line."""
    return [paragraph.strip() for paragraph in body.split("\n\n") if paragraph.strip()]


class ReadingView(VerticalScroll):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "page_down", "Page down", show=False, id="reading_view.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="reading_view.page_up"),
    ]

    article: reactive[Article | None] = reactive(None, recompose=True)

    def on_mount(self) -> None:
        self.border_title = "Reading"

    def compose(self) -> ComposeResult:
        # Text objects, never str: a str given to Static is parsed as markup, and article text is untrusted.
        if self.article is None:
            yield Static(Text("Choose an article in the list and press Enter to read it."), classes="placeholder")
            return
        yield Static(Text(self.article.title), classes="title")
        yield Static(Text(byline(self.article.source, self.article.published)), classes="byline")
        if self.article.url:
            yield Static(Text(self.article.url), classes="url")
        for paragraph in paragraphs(self.article.body):
            yield Static(Text(paragraph), classes="paragraph")

    def watch_article(self) -> None:
        self.scroll_home(animate=False)
