"""The article list: one row per article (newest first) or per search hit (best first), drawn line by line.

The list is virtual (Textual's Line API): of its rows, 100,000 maybe, only those on screen are read from their source,
laid out and drawn, so a first paint or a scroll costs the same whatever the length. So that no row is ever measured,
rows have a fixed height: an article two lines (the unread mark and the title, cut with an ellipsis to the width; the
byline), a search hit four (the same, then two lines of snippet), and a rule under each.

Every line is a rich `Text` built by appending runs: article text is untrusted and is never parsed as markup. Every
line but the first starts under the title, clear of the unread mark.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from index.model import ArticleSummary, Hit, Segments
from index.stories import Story
from tui.formatting import byline

UNREAD_MARK = "●"
STAR_MARK = "★"  # a starred article's mark, read or not
INDENT = "  "  # the unread mark's width: every line of a row but the first starts with it
SNIPPET_LINES = 2
ARTICLE_LINES = 2  # title, byline
HIT_LINES = ARTICLE_LINES + SNIPPET_LINES
RULE = "─"  # the line under each row
ELLIPSIS = "…"
# The text's width (the indent left out) before the pane has a size, and the least it is ever given.
FALLBACK_WIDTH = 60
MIN_WIDTH = 10
# Rows laid out and kept, whatever the list's length: a few screens' worth, at a width or two.
ROW_CACHE_SIZE = 1024
WHITESPACE = re.compile(r"\s+")
# Text.wrap and Text.render ask for a console, for justification and named styles only, which the list never uses.
_CONSOLE = Console()


@dataclass(frozen=True)
class ListEntry:
    """One row of the list: an article of the library, or a search hit (one with a snippet, if only an empty one)."""

    id: str
    title: Segments
    source: str | None
    published: dt.date | None
    snippet: Segments | None = None

    @classmethod
    def from_summary(cls, summary: ArticleSummary) -> ListEntry:
        return cls(summary.id, ((summary.title, False),), summary.source, summary.published)

    @classmethod
    def from_hit(cls, hit: Hit) -> ListEntry:
        # A snippet may span paragraphs; in a list row it reads as one run of text.
        snippet = tuple((WHITESPACE.sub(" ", run), matched) for run, matched in hit.snippet_segments)
        return cls(hit.id, hit.title_segments, hit.source, hit.published, snippet)


class RowSource(Protocol):
    """What the list shows: read only by its length and the index of a row drawn, so a lazy sequence that fetches
    pages of rows from the library as they are asked for does as well as a list."""

    def __len__(self) -> int: ...

    def __getitem__(self, index: int, /) -> ListEntry: ...


class SummaryRows:
    """The rows of articles (not search hits), made as they are drawn from a sequence that may itself read the
    library a page at a time (index.paging.PagedSummaries)."""

    def __init__(self, summaries: Sequence[ArticleSummary]) -> None:
        self._summaries = summaries

    def __len__(self) -> int:
        return len(self._summaries)

    def __getitem__(self, index: int, /) -> ListEntry:
        return ListEntry.from_summary(self._summaries[index])


@dataclass(frozen=True)
class ListRow:
    """A row as drawn: its article and its lines as one Text."""

    id: str
    prompt: Text


@dataclass(frozen=True)
class PromptStyles:
    unread: Style
    byline: Style
    snippet: Style
    match: Style


def layout_lines(entry: ListEntry, *, width: int, styles: PromptStyles, story_size: int | None = None) -> list[Text]:
    """A row's lines right of the mark, each at most `width` cells: the title and the byline on one line each, cut
    with an ellipsis; then, for a hit, its snippet, two lines whether it needs them or not (every hit is as tall).

    A story group's row (`story_size` articles, collapsed into one) says so after the byline: "· 3 articles".
    Matched terms are styled apart.
    """
    story = f" · {story_size} articles" if story_size is not None else ""
    # Cut, the byline gives way to the story's count: that says what the row stands for.
    byline_width = max(width - len(story), len(ELLIPSIS))
    byline_line = _one_line(Text(byline(entry.source, entry.published), styles.byline, end=""), byline_width)
    # A title's line breaks (if any) would break the row: here, not for every entry given, they become spaces.
    title = tuple((WHITESPACE.sub(" ", run), matched) for run, matched in entry.title)
    lines = [_one_line(_segments_text(title, styles.match), width), _one_line(byline_line + story, width)]
    if entry.snippet is not None:
        snippet = _segments_text(entry.snippet, styles.match, styles.snippet)
        shown = fit_snippet(snippet, width, _first_match(entry.snippet)) if entry.snippet else []
        lines.extend(shown)
        lines.extend(Text(end="") for _ in range(SNIPPET_LINES - len(shown)))
    return lines


def row_mark(*, unread: bool, starred: bool = False) -> str:
    """The two cells before a row's title: a star, else the unread mark, else blank."""
    return f"{STAR_MARK} " if starred else f"{UNREAD_MARK} " if unread else INDENT


def layout_prompt(
    entry: ListEntry,
    *,
    unread: bool,
    width: int | None,
    styles: PromptStyles,
    story_size: int | None = None,
    starred: bool = False,
) -> Text:
    """A row as one Text, as drawn at `width` cells (the mark included), e.g. "● Title cut to the wid…\n  Source ·
    date"; `width` None: before the list has a size."""
    lines = layout_lines(entry, width=text_width(width), styles=styles, story_size=story_size)
    prompt = Text(row_mark(unread=unread, starred=starred), styles.unread, end="")
    return prompt.append_text(Text(f"\n{INDENT}").join(lines))


def text_width(width: int | None) -> int:  # a row `width` cells wide has this much room for its text
    return max(width - len(INDENT), MIN_WIDTH) if width is not None else FALLBACK_WIDTH


def fit_snippet(
    snippet: Text, width: int, first_match: tuple[int, int] | None, max_lines: int = SNIPPET_LINES
) -> list[Text]:
    """The snippet wrapped to `width`, cut to `max_lines` with an ellipsis.

    If that would cut off the first match (its start and end in `snippet.plain`), the snippet starts a few words
    before it instead, after an ellipsis: a hit should show why it matched.
    """
    lines = list(snippet.wrap(_CONSOLE, width, overflow="fold"))  # not stripped yet: their lengths add up
    if len(lines) <= max_lines:
        return _stripped(lines)
    kept = _cut(lines[:max_lines], width)
    shown = sum(len(line.plain) for line in lines[: max_lines - 1]) + len(kept[-1].plain) - len(ELLIPSIS)
    if first_match is not None and first_match[1] > shown:
        led = _lead_into(snippet, first_match[0], context=width // 3)
        lines = _stripped(led.wrap(_CONSOLE, width, overflow="fold"))
        kept = lines if len(lines) <= max_lines else _cut(lines[:max_lines], width)
    return kept


def _one_line(text: Text, width: int) -> Text:
    return text if text.cell_len <= width else _cut([text], width)[0]


def _cut(lines: list[Text], width: int) -> list[Text]:
    """The lines, stripped, the last one ending in an ellipsis to say there is more."""
    lines = _stripped(lines)
    last = lines[-1]
    if last.cell_len > width - len(ELLIPSIS):
        last.truncate(width - len(ELLIPSIS))
        last.rstrip()
    last.append(ELLIPSIS)
    return lines


def _lead_into(snippet: Text, start: int, context: int) -> Text:
    """The snippet from a word at most `context` characters before `start`, after an ellipsis."""
    space = snippet.plain.find(" ", max(0, start - context), start)
    cut = space + 1 if space != -1 else start
    if cut == 0:
        return snippet
    led = Text(ELLIPSIS, style=snippet.style, end="")
    led.append_text(snippet[cut:])
    return led


def _first_match(segments: Segments) -> tuple[int, int] | None:
    offset = 0
    for run, matched in segments:
        if matched:
            return offset, offset + len(run)
        offset += len(run)
    return None


def _stripped(lines: Iterable[Text]) -> list[Text]:
    stripped = [line.copy() for line in lines]
    for line in stripped:
        line.rstrip()
        line.end = ""  # a row's line is one line of the list
    return stripped


def _segments_text(segments: Segments, match_style: Style, style: Style | str = "") -> Text:
    text = Text(style=style, end="")
    for run, matched in segments:
        text.append(run, match_style if matched else None)
    return text


def collapse_stories(entries: RowSource, stories: dict[str, Story]) -> tuple[list[ListEntry], dict[str, int]]:
    """One entry per story group, where its first listed article was: the group's latest listed article (by date;
    undated ones count as oldest). Also, for each such entry, how many articles its story has.

    Grouping needs every entry, so this reads the whole source: the one part of the list that does."""
    listed = [entries[index] for index in range(len(entries))]
    by_story: dict[str, list[ListEntry]] = {}
    for entry in listed:
        if (story := stories.get(entry.id)) is not None:
            by_story.setdefault(story.id, []).append(entry)
    shown: list[ListEntry] = []
    sizes: dict[str, int] = {}
    for entry in listed:
        if (story := stories.get(entry.id)) is None:
            shown.append(entry)
        elif by_story[story.id][0] is entry:
            shown.append(latest := max(by_story[story.id], key=_recency))
            sizes[latest.id] = len(story.articles)
    return shown, sizes


def _recency(entry: ListEntry) -> int:
    """For the latest of a story's entries: the day's ordinal (a datetime and a date compare only this way)."""
    return entry.published.toordinal() if entry.published is not None else 0


class ArticleList(ScrollView, can_focus=True):
    """The rows of a RowSource and a cursor on one of them.

    It keeps the names OptionList gave what the screens and tests use (`highlighted`, `option_count`,
    `get_option_at_index`, `get_option_index`): it was an OptionList, until that measured every row up front.
    """

    PANE_TITLE: ClassVar[str] = "Articles"
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--unread",
        "article-list--byline",
        "article-list--snippet",
        "article-list--match",
        "article-list--cursor",
        "article-list--rule",
    }
    # Each key's own binding (not "down,j"): a keymap changes one by its id.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("j", "cursor_down", "Down", show=False, id="article_list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="article_list.up"),
        Binding("enter", "select", "Open article", show=False, id="article_list.open"),
        Binding("g", "toggle_stories", "One row per story", show=False, id="article_list.toggle_stories"),
    ]

    # The cursor's row, None when the list is empty. always_update: new rows under the same index are a move too.
    highlighted: reactive[int | None] = reactive(None, always_update=True, init=False)

    @dataclass
    class ArticleChosen(Message):
        """The user pressed Enter on an article, or clicked it: open it."""

        article_id: str

    @dataclass
    class ArticleHighlighted(Message):
        """The cursor is on this article now."""

        article_id: str
        index: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._source: RowSource = ()  # every entry given, story groups or not
        self._rows: RowSource = ()  # the rows shown
        self._story_sizes: dict[str, int] = {}  # for the rows that stand for a collapsed story group, its size
        self._stride = ARTICLE_LINES + 1  # lines per row, its rule included
        self._laid_out: LRUCache[tuple[int, int], tuple[str, list[Text]]] = LRUCache(ROW_CACHE_SIZE)
        self._prompt_styles: PromptStyles | None = None
        self._read_ids: set[str] = set()
        self._starred_ids: set[str] = set()
        self.stories_collapsed = False
        self.stories: dict[str, Story] = {}  # each article's story group, if it belongs to one (set by the screen)

    def on_mount(self) -> None:
        self.border_title = self.PANE_TITLE

    def show_entries(self, entries: RowSource, read_ids: set[str], starred_ids: set[str] | None = None) -> None:
        """Replace the rows, reading only those drawn; the cursor goes to the first one."""
        self._source = entries
        self._read_ids = set(read_ids)
        self._starred_ids = set(starred_ids or ())
        self._rebuild()
        self.highlighted = 0

    @property
    def option_count(self) -> int:
        return len(self._rows)

    def get_option_at_index(self, index: int) -> ListRow:
        """The row at `index` as drawn at the list's present width."""
        entry = self._rows[index]
        width = self.scrollable_content_region.width or None
        prompt = layout_prompt(
            entry,
            unread=entry.id not in self._read_ids,
            starred=entry.id in self._starred_ids,
            width=width,
            styles=self._styles(),
            story_size=self._story_sizes.get(entry.id),
        )
        return ListRow(entry.id, prompt)

    def get_option_index(self, article_id: str) -> int | None:
        """Where an article's row is, if listed. It reads every row up to it: for the story toggle and tests."""
        return self._find(lambda entry_id: entry_id == article_id)

    def mark_read(self, article_id: str, read: bool = True) -> None:
        """Drop (or put back) the unread mark of one row, if it is listed, leaving the cursor where it is."""
        (self._read_ids.add if read else self._read_ids.discard)(article_id)
        self._refresh_row_of(article_id)

    def _refresh_row_of(self, article_id: str) -> None:
        """Draw again the row of an article if it is on screen (marks are drawn, not laid out): not every row on
        screen, as opening an article (which marks it read) once did."""
        first = self.scroll_offset.y // self._stride
        shown = self.scrollable_content_region.height // self._stride + 2  # rows cut at the top and the bottom too
        for index in range(first, min(first + shown, len(self._rows))):
            if self._rows[index].id == article_id:
                self.refresh_lines(index * self._stride, self._stride - 1)

    def mark_starred(self, article_id: str, starred: bool) -> None:
        (self._starred_ids.add if starred else self._starred_ids.discard)(article_id)
        self._refresh_row_of(article_id)

    def action_toggle_stories(self) -> None:
        """One row per story group (its latest article, with the group's size), or every article again."""
        kept = self._rows[self.highlighted].id if self.highlighted is not None else None
        self.stories_collapsed = not self.stories_collapsed
        self._rebuild()
        index = self.get_option_index(kept) if kept is not None else None
        if index is None and kept in self.stories:  # collapsed into its group's row
            group = self.stories[kept].articles
            index = self._find(lambda entry_id: entry_id in group)
        self.highlighted = index or 0

    def _rebuild(self) -> None:
        if self.stories_collapsed and self.stories:
            self._rows, self._story_sizes = collapse_stories(self._source, self.stories)
        else:
            self._rows, self._story_sizes = self._source, {}
        # A list holds one kind of row (the screen lists articles or hits, never both), so its first says which.
        hits = len(self._rows) > 0 and self._rows[0].snippet is not None
        self._stride = (HIT_LINES if hits else ARTICLE_LINES) + 1
        self._laid_out.clear()
        self.virtual_size = Size(0, max(len(self._rows) * self._stride - 1, 0))  # no rule under the last row
        self.refresh()

    def _find(self, matches: Callable[[str], bool]) -> int | None:
        return next((index for index in range(len(self._rows)) if matches(self._rows[index].id)), None)

    def validate_highlighted(self, highlighted: int | None) -> int | None:
        if highlighted is None or not len(self._rows):
            return None
        return min(max(highlighted, 0), len(self._rows) - 1)

    def watch_highlighted(self, highlighted: int | None) -> None:
        self.refresh()  # the cursor's colours moved: only the rows on screen are drawn again
        if highlighted is not None:
            self.scroll_to_highlight()
            self.post_message(self.ArticleHighlighted(self._rows[highlighted].id, highlighted))

    def scroll_to_highlight(self) -> None:
        """Scroll just enough for the cursor's row to show whole."""
        if self.highlighted is None or not self.is_mounted:
            return
        row = Region(0, self.highlighted * self._stride, self.scrollable_content_region.width, self._stride - 1)
        self.scroll_to_region(row, animate=False, force=True, immediate=True)

    def action_cursor_up(self) -> None:
        # Round the ends, as OptionList did: up from the first row goes to the last.
        self.highlighted = (self.highlighted - 1) % len(self._rows) if self.highlighted is not None else None

    def action_cursor_down(self) -> None:
        self.highlighted = (self.highlighted + 1) % len(self._rows) if self.highlighted is not None else None

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self._rows) - 1

    def action_page_up(self) -> None:
        self.highlighted = (self.highlighted or 0) - self._page_rows()

    def action_page_down(self) -> None:
        self.highlighted = (self.highlighted or 0) + self._page_rows()

    def _page_rows(self) -> int:
        """The rows a screen holds (a row's rule is not needed under the last), at least one."""
        return max((self.scrollable_content_region.height + 1) // self._stride, 1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.ArticleChosen(self._rows[self.highlighted].id))

    def on_click(self, event: events.Click) -> None:
        """A click on a row puts the cursor there and opens its article, as Enter does."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index, line = divmod(offset.y + self.scroll_offset.y, self._stride)
        if index < len(self._rows) and line < self._stride - 1:  # not its rule
            self.highlighted = index
            self.action_select()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        y += self.scroll_offset.y
        if y >= self.virtual_size.height:  # under the last row (which has no rule)
            return Strip.blank(width, self.get_visual_style().rich_style)
        index, line = divmod(y, self._stride)
        if line == self._stride - 1:
            return Strip([Segment(RULE * width, self.get_visual_style("article-list--rule").rich_style)], width)
        article_id, lines = self._laid_out_row(index, width)
        unread, starred = article_id not in self._read_ids, article_id in self._starred_ids
        mark = row_mark(unread=unread, starred=starred) if line == 0 else INDENT
        text = lines[line] if line < len(lines) else Text()
        # The unread style under the whole row, as under the OptionList prompt it was; the text's own styles over
        # it (Text.render leaves a text's own style out when it has no spans). The row's colours go under all.
        base = self._styles().unread
        own = Segment.apply_style(text.render(_CONSOLE), base + _CONSOLE.get_style(text.style))
        row_style = self.get_visual_style(*(("article-list--cursor",) if index == self.highlighted else ()))
        return Strip([Segment(mark, base), *own]).crop_extend(0, width, None).apply_style(row_style.rich_style)

    def _laid_out_row(self, index: int, width: int) -> tuple[str, list[Text]]:
        """A row's article and its lines for a row `width` cells wide, laid out once for each width."""
        cached = self._laid_out.get((index, width))
        if cached is None:
            entry = self._rows[index]
            story_size = self._story_sizes.get(entry.id)
            lines = layout_lines(entry, width=text_width(width), styles=self._styles(), story_size=story_size)
            cached = self._laid_out[(index, width)] = (entry.id, lines)
        return cached

    def on_resize(self, event: events.Resize) -> None:
        # Rows are laid out for the new width as they are drawn; the cursor stays on its article, in view.
        self.scroll_to_highlight()

    def notify_style_update(self) -> None:
        # The theme or the stylesheet changed: rows laid out in the old styles would show them.
        self._prompt_styles = None
        self._laid_out.clear()
        super().notify_style_update()

    def _styles(self) -> PromptStyles:
        if self._prompt_styles is None:
            # Partial: only what app.tcss sets, so the cursor row's background still shows through.
            names = ("unread", "byline", "snippet", "match")
            styles = (self.get_component_rich_style(f"article-list--{name}", partial=True) for name in names)
            self._prompt_styles = PromptStyles(*styles)
        return self._prompt_styles
