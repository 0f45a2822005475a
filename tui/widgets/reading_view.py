"""The reading view: the open article's title, byline and body, wrapped to the pane and drawn line by line.

The article is one Content (tui.article_text), wrapped once for the pane's width (at most the measure app.tcss gives
".reading-view--text"), and only the lines on screen are drawn (Textual's Line API, as the article list). Opening an
article mounts no widget and lays out nothing but the scroll height: a Static per paragraph, mounted and laid out
for each article, took most of the time it took to open one, and a body in one Static still cost a second and third
layout pass as its height settled.

With an entity given (the article list's filter), its mentions are marked, and `jump_to_mention` walks them: the
current one is marked apart and scrolled into view, and the border's subtitle says e.g. "Sergei Lavrov: mention 2/5".
The text can be selected with the mouse and copied, as a Static's can.
"""

from __future__ import annotations

from typing import ClassVar, cast

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions

from index.model import Article, Entity
from tui.article_text import MARKS, PARTS, ArticleText, article_text
from tui.mentions import Spot, locate_mentions, paragraphs, wrapped_line_of

__all__ = ["ReadingView", "paragraphs"]

# How many times to try again, a refresh apart, a scroll to restore that the article is not yet tall enough for.
SCROLL_TRIES = 10


class ReadingView(ScrollView):
    PANE_TITLE: ClassVar[str] = "Reading"
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reading-view--text",
        *(f"reading-view--{name}" for name in (*PARTS, *MARKS)),
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "page_down", "Page down", show=False, id="reading_view.page_down"),
        Binding("b", "page_up", "Page up", show=False, id="reading_view.page_up"),
    ]

    article: reactive[Article | None] = reactive(None)
    # Whose mentions are marked; None marks nothing.
    entity: reactive[Entity | None] = reactive(None, init=False)
    # The mention last jumped to (an index into `spots`), None before the first jump.
    current_mention: reactive[int | None] = reactive(None, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spots: list[Spot] = []
        self._text = ArticleText(Content())  # what is shown
        self._styles: dict[str, Style] = {}  # the style of each part and mark, as read from app.tcss
        self._text_width = 0  # the width the text is wrapped to
        self._lines: list[Strip] | None = []  # the text's lines at that width; None: to draw again (new styles)
        # A scroll to restore once the article it was asked for is tall enough, and the tries left.
        self._pending_scroll: tuple[Article, float, int] | None = None

    class EndReached(Message):
        """Space at the end of the article: the reader is done with it."""

    @property
    def text(self) -> ArticleText:
        """What the view shows: its content (every part, with the mentions' styles) and where each block starts."""
        return self._text

    @property
    def mention_count(self) -> int:
        return len(self.spots)

    def on_mount(self) -> None:
        self.border_title = self.PANE_TITLE

    def action_page_down(self) -> None:
        if self.article is not None and self.scroll_y >= self.max_scroll_y:
            self.post_message(self.EndReached())
        else:
            super().action_page_down()

    # -- what is shown -----------------------------------------------------------------------------------------------

    def watch_article(self) -> None:
        self._locate()
        self._show(lay_out=True)
        self.scroll_home(animate=False)

    def watch_entity(self) -> None:
        self._locate()
        self._show()

    def watch_current_mention(self) -> None:
        self._show()
        self._show_counter()
        self._scroll_to_current()

    def _show(self, lay_out: bool = False) -> None:
        """Build the text again; wrap it again too if the article changed (marks change no line)."""
        margins = {part: self.get_component_styles(f"reading-view--{part}").margin.top for part in PARTS}
        self._text = article_text(self.article, margins, self.spots, self.current_mention)
        if lay_out:
            self._lay_out()
        else:
            self._redraw()

    def _lay_out(self) -> None:
        """Wrap the text to the pane, at most to the measure, leaving room for the scrollbar if it will show."""
        width, height = self.container_size  # padding and border left out, the scrollbar's room not
        measure = self.get_component_styles("reading-view--text").max_width
        if measure is not None:
            width = min(width, int(measure.resolve(self.container_size, self.app.size)))
        narrower = min(width, self.container_size.width - self.styles.scrollbar_size_vertical)
        # Text that could not fit without scrolling even unwrapped is wrapped for the scrollbar at once.
        surely_scrolls = len(self._text.content) > width * height
        lines = self._draw(narrower if surely_scrolls else width)
        if len(lines) > height and not surely_scrolls and narrower < width:
            lines = self._draw(narrower)
        self._lines = lines
        self.virtual_size = Size(self._text_width, len(lines))
        # The scrollbar shown or hidden now, in the layout the new size asks for: Textual does it while laying out,
        # which asks for a second layout of the screen (and its drawing) when an article scrolls and the last did not.
        self._refresh_scrollbars()
        self.refresh()

    def _draw(self, width: int) -> list[Strip]:
        """The text's lines at `width`, drawn as a Static draws its content (the same wrapping, text selection)."""
        self._text_width = max(width, 0)
        if not self._text_width:
            return []
        selection = self.text_selection
        selection_style = (
            Style.from_styles(self.screen.get_component_styles("screen--selection")) if selection is not None else None
        )
        # The widget's styles as the rules, as Textual's Static passes them (they answer `get` as a RulesMap does).
        rules = cast(RulesMap, self.styles)
        options = RenderOptions(self._style_of, rules, selection, selection_style)
        return self._text.content.render_strips(self._text_width, None, self.visual_style, options)

    def _style_of(self, name: str | Style) -> Style:
        """The style of a part or mark named in the text. A Rich style made for this pane: a colour such as
        $text-muted is relative to the pane's background, which Textual's own look-up of a name leaves out."""
        if isinstance(name, Style):
            return name
        if name not in self._styles:
            self._styles[name] = Style.from_rich_style(self.get_component_rich_style(f"reading-view--{name}"))
        return self._styles[name]

    def _redraw(self) -> None:
        """The same lines in new styles: drawn again when next shown."""
        self._lines = None
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self._lines is None:
            self._lines = self._draw(self._text_width)
        y += self.scroll_offset.y
        style = self.visual_style.rich_style
        if y >= len(self._lines):
            return Strip.blank(width, style)
        return self._lines[y].crop_extend(0, width, style)

    def on_resize(self, event: events.Resize) -> None:
        self._lay_out()

    def notify_style_update(self) -> None:
        # The theme or the stylesheet changed: lines drawn in the old styles would show them. Read the styles again
        # when next drawn, not now: Textual updates the component classes' styles after calling this.
        super().notify_style_update()
        self._styles.clear()
        self._redraw()

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        return selection.extract(self._text.content.plain), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        super().selection_updated(selection)
        self._redraw()

    # -- scrolling ---------------------------------------------------------------------------------------------------

    def restore_scroll(self, y: float) -> None:
        """Scroll to `y` once the open article is laid out (going back to where the user was)."""
        if self.article is not None:
            self._pending_scroll = (self.article, y, SCROLL_TRIES)
            self.call_after_refresh(self._apply_pending_scroll)

    def _apply_pending_scroll(self) -> None:
        if self._pending_scroll is None:
            return
        article, y, tries = self._pending_scroll
        if article is not self.article:
            self._pending_scroll = None  # another article was opened since: the scroll was this one's
            return
        if self.max_scroll_y < y and tries > 0:
            self._pending_scroll = (article, y, tries - 1)  # the pane not at its full size yet: after the next refresh
            self.call_after_refresh(self._apply_pending_scroll)
            return
        self._pending_scroll = None
        self.scroll_to(y=y, animate=False)

    # -- mentions ----------------------------------------------------------------------------------------------------

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

    def _scroll_to_current(self) -> None:
        if self.current_mention is None:
            return
        spot = self.spots[self.current_mention]
        offset = self._text.block_starts[spot.block] + spot.start
        line = wrapped_line_of(self._text.content.plain, offset, self._text_width)
        self.scroll_to_region(
            Region(0, line, self._text_width, 1), center=True, animate=False, immediate=True, force=True
        )
