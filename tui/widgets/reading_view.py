"""The reading view: the open article's title, byline and body, one Static per paragraph so it wraps to the pane.

With an entity given (the article list's filter), its mentions are marked, and `jump_to_mention` walks them: the
current one is marked apart and scrolled into view, and the border's subtitle says e.g. "Sergei Lavrov: mention 2/5".
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from index.model import Article, Entity
from tui.formatting import byline
from tui.mentions import TITLE_BLOCK, Spot, is_cut, locate_mentions, marked_text, paragraphs, wrapped_line_of

__all__ = ["ReadingView", "paragraphs"]


class ReadingView(VerticalScroll):
    PANE_TITLE: ClassVar[str] = "Reading"
    COMPONENT_CLASSES: ClassVar[set[str]] = {"reading-view--mention", "reading-view--current-mention"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "page_down", "Page down", show=False, id="reading_view.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="reading_view.page_up"),
    ]

    article: reactive[Article | None] = reactive(None, recompose=True)
    # Whose mentions are marked; None marks nothing.
    entity: reactive[Entity | None] = reactive(None, init=False)
    # The mention last jumped to (an index into `spots`), None before the first jump.
    current_mention: reactive[int | None] = reactive(None, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spots: list[Spot] = []
        self._composed_for: Article | None = None  # the article the shown blocks belong to
        self._pending_scroll: tuple[float, int] | None = None  # a scroll to restore once laid out, and tries left

    class EndReached(Message):
        """Space at the end of the article: the reader is done with it."""

    def on_mount(self) -> None:
        self.border_title = self.PANE_TITLE

    def action_page_down(self) -> None:
        if self.article is not None and self.scroll_y >= self.max_scroll_y:
            self.post_message(self.EndReached())
        else:
            super().action_page_down()

    @property
    def mention_count(self) -> int:
        return len(self.spots)

    def compose(self) -> ComposeResult:
        # Text objects, never str: a str given to Static is parsed as markup, and article text is untrusted.
        self._composed_for = self.article
        if self.article is None:
            yield Static(Text("Choose an article in the list and press Enter to read it."), classes="placeholder")
            return
        yield Static(self._block_text(TITLE_BLOCK, self.article.title), classes="title")
        yield Static(Text(byline(self.article.source, self.article.published, with_time=True)), classes="byline")
        if self.article.url:
            yield Static(Text(self.article.url), classes="url")
        for index, paragraph in enumerate(paragraphs(self.article.body)):
            yield Static(self._block_text(index + 1, paragraph), classes="paragraph")
        if is_cut(self.article.body):
            note = f"This article is very long: the rest is not shown. `newsdesk show {self.article.id}` prints it."
            yield Static(Text(note), classes="cut")

    def watch_article(self) -> None:
        self.scroll_home(animate=False)
        self._locate()

    def restore_scroll(self, y: float) -> None:
        """Scroll to `y` once the article being composed is laid out (going back to where the user was)."""
        self._pending_scroll = (y, 10)
        self.call_after_refresh(self._apply_pending_scroll)

    def _apply_pending_scroll(self) -> None:
        if self._pending_scroll is None:
            return
        y, tries = self._pending_scroll
        if (self._composed_for is not self.article or self.max_scroll_y < y) and tries > 0:
            self._pending_scroll = (y, tries - 1)  # not composed or laid out yet: after the next refresh
            self.call_after_refresh(self._apply_pending_scroll)
            return
        self._pending_scroll = None
        self.scroll_to(y=y, animate=False, immediate=True)

    def watch_entity(self) -> None:
        self._locate()
        self._restyle()

    def watch_current_mention(self, previous: int | None, current: int | None) -> None:
        # Only the blocks of the mention left and the one reached change.
        self._restyle({self.spots[index].block for index in (previous, current) if index is not None})
        self._show_counter()
        self._scroll_to_current()

    def jump_to_mention(self, step: int) -> None:
        """The next (`step` 1) or previous (-1) mention, wrapping round; the first jump goes to the first or last."""
        if not self.spots:
            return
        if self.current_mention is None:
            self.current_mention = 0 if step > 0 else len(self.spots) - 1
        else:
            self.current_mention = (self.current_mention + step) % len(self.spots)

    def _locate(self) -> None:
        """The mentions of the entity in the article, and no current one yet."""
        article, entity = self.article, self.entity
        self.spots = locate_mentions(article, entity.id) if article is not None and entity is not None else []
        self.set_reactive(ReadingView.current_mention, None)
        self._show_counter()

    def _show_counter(self) -> None:
        entity = self.entity
        if entity is None or self.article is None:
            self.border_subtitle = None
            return
        # A Text: the name comes from article text and must not be parsed as markup.
        counter = Text(entity.name)
        if not self.spots:
            counter.append(": not named here")
        elif self.current_mention is None:
            count = len(self.spots)
            counter.append(f": {count} mention{'' if count == 1 else 's'} (n/N)")
        else:
            counter.append(f": mention {self.current_mention + 1}/{len(self.spots)}")
        self.border_subtitle = counter

    def _blocks(self) -> list[Static]:
        """The shown title and paragraphs, in block order (0 the title); empty while a new article is composed."""
        if self._composed_for is not self.article or self.article is None:
            return []
        return [*self.query(".title").results(Static), *self.query(".paragraph").results(Static)]

    def _plains(self) -> list[str]:
        """The text of each block: the title, then the paragraphs."""
        return [self.article.title, *paragraphs(self.article.body)] if self.article is not None else []

    def _block_text(self, block: int, plain: str) -> Text:
        runs = [
            (spot.start, spot.end, index == self.current_mention)
            for index, spot in enumerate(self.spots)
            if spot.block == block
        ]
        if not runs:
            return Text(plain)
        mention = self.get_component_rich_style("reading-view--mention", partial=True)
        current = self.get_component_rich_style("reading-view--current-mention", partial=True)
        return marked_text(plain, runs, mention, current)

    def _restyle(self, only: set[int] | None = None) -> None:
        """Draw the blocks again (or `only` those) with the current marks."""
        blocks = self._blocks()
        if not blocks:
            return  # a newly composed article is drawn with its marks already
        for block, (static, plain) in enumerate(zip(blocks, self._plains(), strict=False)):
            if only is None or block in only:
                static.update(self._block_text(block, plain))

    def _scroll_to_current(self) -> None:
        blocks = self._blocks()
        if self.current_mention is None or not blocks:
            return
        spot = self.spots[self.current_mention]
        if spot.block == TITLE_BLOCK:
            self.scroll_home(animate=False)
            return
        static = blocks[spot.block]
        line = wrapped_line_of(self._plains()[spot.block], spot.start, static.content_region.width)
        region = static.virtual_region
        self.scroll_to_region(
            Region(region.x, region.y + line, region.width, 1), center=True, animate=False, immediate=True, force=True
        )
