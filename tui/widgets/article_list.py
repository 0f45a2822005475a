"""The article list: one option per article (newest first) or per search hit (best first).

Every prompt is a rich `Text` built by appending runs: article text is untrusted and is never parsed as markup.
A prompt is laid out for the pane's width (a Text cannot hang an indent, so the lines are broken here, and again
when the pane is resized): the title's wrapped lines, the byline and a hit's snippet all start under the title,
clear of the unread mark, and a snippet is cut to two lines.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.model import ArticleSummary, Hit, Segments
from index.stories import Story
from tui.formatting import byline

UNREAD_MARK = "●"
INDENT = "  "  # the unread mark's width: every line of a prompt but the first starts with it
SNIPPET_LINES = 2
ELLIPSIS = "…"
# The text's width (the indent left out) before the pane has a size, and the least it is ever given.
FALLBACK_WIDTH = 60
MIN_WIDTH = 10
WHITESPACE = re.compile(r"\s+")
# Text.wrap asks for a console, for justification only, which the list never uses: any console will do.
_CONSOLE = Console()


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


@dataclass(frozen=True)
class PromptStyles:
    unread: Style
    byline: Style
    snippet: Style
    match: Style


def layout_prompt(
    entry: ListEntry, *, unread: bool, width: int | None, styles: PromptStyles, story_size: int | None = None
) -> Text:
    """Mark and title, then the byline, then (for a hit) at most two lines of snippet; matched terms styled apart.
    A story group's row (`story_size` articles, collapsed into one) says so after the byline: "· 3 articles".

    `width` is the option's, in cells; every line but the first is indented under the title, e.g.
    "● Title that wraps\n  continues here\n  Source · date".
    """
    text_width = max(width - len(INDENT), MIN_WIDTH) if width is not None else FALLBACK_WIDTH
    lines = _wrap(_segments_text(entry.title, styles.match), text_width)
    story = f" · {story_size} articles" if story_size is not None else ""
    lines.extend(_wrap(Text(byline(entry.source, entry.published) + story, styles.byline), text_width))
    if entry.snippet:
        snippet = _segments_text(entry.snippet, styles.match, styles.snippet)
        lines.extend(fit_snippet(snippet, text_width, _first_match(entry.snippet)))
    prompt = Text(f"{UNREAD_MARK} " if unread else INDENT, styles.unread)
    for index, line in enumerate(lines):
        if index:
            prompt.append(f"\n{INDENT}")
        prompt.append_text(line)
    return prompt


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
        lines = _wrap(_lead_into(snippet, first_match[0], context=width // 3), width)
        kept = lines if len(lines) <= max_lines else _cut(lines[:max_lines], width)
    return kept


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
    led = Text(ELLIPSIS, style=snippet.style)
    led.append_text(snippet[cut:])
    return led


def _first_match(segments: Segments) -> tuple[int, int] | None:
    offset = 0
    for run, matched in segments:
        if matched:
            return offset, offset + len(run)
        offset += len(run)
    return None


def _wrap(text: Text, width: int) -> list[Text]:
    return _stripped(text.wrap(_CONSOLE, width, overflow="fold"))


def _stripped(lines: Iterable[Text]) -> list[Text]:
    stripped = [line.copy() for line in lines]
    for line in stripped:
        line.rstrip()
    return stripped


def _segments_text(segments: Segments, match_style: Style, style: Style | str = "") -> Text:
    text = Text(style=style, end="")
    for run, matched in segments:
        text.append(run, match_style if matched else None)
    return text


def collapse_stories(entries: Sequence[ListEntry], stories: dict[str, Story]) -> tuple[list[ListEntry], dict[str, int]]:
    """One entry per story group, where its first listed article was: the group's latest listed article (by date;
    undated ones count as oldest). Also, for each such entry, how many articles its story has."""
    by_story: dict[str, list[ListEntry]] = {}
    for entry in entries:
        story = stories.get(entry.id)
        if story is not None:
            by_story.setdefault(story.id, []).append(entry)
    shown: list[ListEntry] = []
    sizes: dict[str, int] = {}
    for entry in entries:
        story = stories.get(entry.id)
        if story is None:
            shown.append(entry)
        elif by_story[story.id][0] is entry:
            members = by_story[story.id]
            latest = max(members, key=_recency)
            shown.append(latest)
            sizes[latest.id] = len(story.articles)
    return shown, sizes


def _recency(entry: ListEntry) -> int:
    """For the latest of a story's entries: the day's ordinal (a datetime and a date compare only this way)."""
    return entry.published.toordinal() if entry.published is not None else 0


class ArticleList(OptionList):
    PANE_TITLE: ClassVar[str] = "Articles"
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--unread",
        "article-list--byline",
        "article-list--snippet",
        "article-list--match",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="article_list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="article_list.up"),
        Binding("enter", "select", "Open article", show=False, id="article_list.open"),
        Binding("g", "toggle_stories", "One row per story", show=False, id="article_list.toggle_stories"),
    ]

    @dataclass
    class ArticleChosen(Message):
        """The user pressed Enter on an article: open it."""

        article_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._listed: list[ListEntry] = []  # every entry given, story groups or not
        self._entries: dict[str, ListEntry] = {}  # the rows shown
        self._story_sizes: dict[str, int] = {}  # for the rows that stand for a collapsed story group, its size
        self.stories_collapsed = False
        self._read_ids: set[str] = set()
        self._laid_out_for: int | None = None  # the option width the prompts were laid out for
        # Each article's story group, if it belongs to one (set by the screen).
        self.stories: dict[str, Story] = {}

    def on_mount(self) -> None:
        self.border_title = self.PANE_TITLE

    def show_entries(self, entries: Sequence[ListEntry], read_ids: set[str]) -> None:
        """Replace the rows; the cursor goes to the first one."""
        self._listed = list(entries)
        self._read_ids = set(read_ids)
        self._rebuild()
        self.highlighted = 0 if self._entries else None

    def action_toggle_stories(self) -> None:
        """One row per story group (its latest article, with the group's size), or every article again."""
        highlighted = self.highlighted_option
        kept = highlighted.id if highlighted is not None else None
        self.stories_collapsed = not self.stories_collapsed
        self._rebuild()
        if kept is not None and kept not in self._entries and kept in self.stories:
            group = self.stories[kept].articles
            kept = next((entry_id for entry_id in self._entries if entry_id in group), None)
        self.highlighted = self.get_option_index(kept) if kept in self._entries else (0 if self._entries else None)

    def _rebuild(self) -> None:
        shown, self._story_sizes = collapse_stories(self._listed, self.stories if self.stories_collapsed else {})
        self._entries = {entry.id: entry for entry in shown}
        self._laid_out_for = self._option_width()
        styles = self._styles()
        rows: list[Option | None] = []
        for entry in shown:
            rows.extend((Option(self._prompt(entry, styles), id=entry.id), None))
        self.set_options(rows[:-1])  # None draws a rule between two articles

    def mark_read(self, article_id: str) -> None:
        """Drop the unread mark of one row, if it is listed, leaving the cursor where it is."""
        self._read_ids.add(article_id)
        entry = self._entries.get(article_id)
        if entry is not None:
            self.replace_option_prompt(article_id, self._prompt(entry, self._styles()))

    def on_resize(self, event: events.Resize) -> None:
        """Lay the prompts out again for the new width; the cursor stays on its article."""
        width = self._option_width()
        if width != self._laid_out_for:
            self._laid_out_for = width
            styles = self._styles()
            for entry in self._entries.values():
                self.replace_option_prompt(entry.id, self._prompt(entry, styles))
            self.scroll_to_highlight()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.ArticleChosen(event.option.id))

    def _option_width(self) -> int | None:
        # The width OptionList renders an option at; app.tcss keeps the scrollbar's gutter, so it does not change
        # as the list grows long enough to scroll.
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - padding.width
        return width if width > 0 else None

    def _prompt(self, entry: ListEntry, styles: PromptStyles) -> Text:
        return layout_prompt(
            entry,
            unread=entry.id not in self._read_ids,
            width=self._laid_out_for,
            styles=styles,
            story_size=self._story_sizes.get(entry.id),
        )

    def _styles(self) -> PromptStyles:
        return PromptStyles(
            unread=self._component_style("unread"),
            byline=self._component_style("byline"),
            snippet=self._component_style("snippet"),
            match=self._component_style("match"),
        )

    def _component_style(self, name: str) -> Style:
        # Partial: only what app.tcss sets, so the cursor row's background still shows through.
        return self.get_component_rich_style(f"article-list--{name}", partial=True)
