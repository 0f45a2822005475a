"""The entity sidebar: people, organisations and places grouped by kind, each with how many articles of the library
mention it; either the open article's entities or the library's most widely mentioned ones.

Enter on an entity asks for the article list to be filtered to the articles that mention it. Every prompt is a rich
`Text`: entity names come from article text and are never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.model import ENTITY_KINDS, Entity, EntityKind

Scope = Literal["article", "library"]
SCOPE_NAMES: dict[Scope, str] = {"article": "this article", "library": "library"}
KIND_HEADINGS: dict[EntityKind, str] = {"person": "People", "org": "Organisations", "place": "Places"}
ELLIPSIS = "…"
FALLBACK_WIDTH = 26  # before the pane has a size
MIN_NAME_WIDTH = 4


@dataclass(frozen=True)
class SidebarEntry:
    """One entity row: the entity, and how many articles of the library mention it."""

    entity: Entity
    articles: int


@dataclass(frozen=True)
class RowStyles:
    heading: Style
    count: Style
    filter: Style
    placeholder: Style


def layout_row(
    name: str, count: int, width: int | None, name_style: Style | str = "", count_style: Style | str = ""
) -> Text:
    """The name, cut with an ellipsis if need be, and the count right-aligned: e.g. "Sergei Lavrov          5"."""
    width = width if width is not None else FALLBACK_WIDTH
    count_text = str(count)
    room = max(width - len(count_text) - 1, MIN_NAME_WIDTH)
    name_text = Text(name, style=name_style, end="")
    if name_text.cell_len > room:
        name_text.truncate(room - len(ELLIPSIS))
        name_text.rstrip()
        name_text.append(ELLIPSIS)
    gap = max(width - name_text.cell_len - len(count_text), 1)
    row = name_text
    row.append(" " * gap)
    row.append(count_text, count_style)
    return row


def grouped(entries: Sequence[SidebarEntry]) -> list[tuple[EntityKind, list[SidebarEntry]]]:
    """The entries by kind (people, organisations, places), each group in the order given; empty groups left out."""
    groups = [(kind, [entry for entry in entries if entry.entity.kind == kind]) for kind in ENTITY_KINDS]
    return [(kind, group) for kind, group in groups if group]


class EntitySidebar(OptionList):
    PANE_TITLE: ClassVar[str] = "Entities"
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entity-sidebar--heading",
        "entity-sidebar--count",
        "entity-sidebar--filter",
        "entity-sidebar--placeholder",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="entity_sidebar.down"),
        Binding("k", "cursor_up", "Up", show=False, id="entity_sidebar.up"),
        Binding("enter", "select", "Show the articles naming it", show=False, id="entity_sidebar.filter"),
        Binding("t", "toggle_scope", "Article / library entities", id="entity_sidebar.toggle_scope"),
    ]

    # None until known: no article open yet, the library's entities not read yet.
    article_entries: reactive[tuple[SidebarEntry, ...] | None] = reactive(None, init=False)
    library_entries: reactive[tuple[SidebarEntry, ...] | None] = reactive(None, init=False)
    scope: reactive[Scope] = reactive("article", init=False)
    # The entity the article list is filtered by, marked where it is listed.
    filter_id: reactive[str | None] = reactive(None, init=False)

    @dataclass
    class EntityChosen(Message):
        """The user pressed Enter on an entity: show the articles that mention it."""

        entity: Entity

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, SidebarEntry] = {}
        self._laid_out_for: int | None = None

    def on_mount(self) -> None:
        self._show_scope()
        self._rebuild()

    @property
    def entries(self) -> tuple[SidebarEntry, ...] | None:
        """What the current scope lists."""
        return self.article_entries if self.scope == "article" else self.library_entries

    def action_toggle_scope(self) -> None:
        self.scope = "library" if self.scope == "article" else "article"

    def watch_scope(self) -> None:
        self._show_scope()
        self._rebuild(keep_cursor=False)

    def watch_article_entries(self) -> None:
        if self.scope == "article":
            self._rebuild(keep_cursor=False)

    def watch_library_entries(self) -> None:
        if self.scope == "library":
            self._rebuild()

    def watch_filter_id(self) -> None:
        self._rebuild()

    def on_resize(self, event: events.Resize) -> None:
        if self._option_width() != self._laid_out_for:
            self._rebuild()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self._shown.get(event.option.id or "")
        if entry is not None:
            self.post_message(self.EntityChosen(entry.entity))

    def _show_scope(self) -> None:
        self.border_title = f"{self.PANE_TITLE} · {SCOPE_NAMES[self.scope]}"

    def _rebuild(self, keep_cursor: bool = True) -> None:
        """List the current scope's entries again; the cursor stays on its entity if it is still listed."""
        highlighted = self.highlighted_option
        kept_id = highlighted.id if keep_cursor and highlighted is not None else None
        self._laid_out_for = self._option_width()
        styles = self._styles()
        entries = self.entries
        self._shown = {}
        options: list[Option | None] = []
        if entries is None or not entries:
            options.append(Option(Text(self._placeholder(entries), styles.placeholder), disabled=True))
        for kind, group in grouped(entries or ()):
            if options:
                options.append(None)  # a rule between two kinds
            options.append(Option(Text(KIND_HEADINGS[kind], styles.heading), disabled=True))
            for entry in group:
                self._shown[entry.entity.id] = entry
                name_style = styles.filter if entry.entity.id == self.filter_id else ""
                prompt = layout_row(entry.entity.name, entry.articles, self._laid_out_for, name_style, styles.count)
                options.append(Option(prompt, id=entry.entity.id))
        self.set_options(options)
        if kept_id is not None and kept_id in self._shown:
            self.highlighted = self.get_option_index(kept_id)
        else:
            self.action_first()  # the first entity: headings and placeholders are never highlighted

    def _placeholder(self, entries: tuple[SidebarEntry, ...] | None) -> str:
        if self.scope == "article":
            return "Open an article to see who and where." if entries is None else "No one and nowhere named."
        return "Reading the library's entities…" if entries is None else "The library names no one yet."

    def _option_width(self) -> int | None:
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - padding.width
        return width if width > 0 else None

    def _styles(self) -> RowStyles:
        return RowStyles(
            heading=self._component_style("heading"),
            count=self._component_style("count"),
            filter=self._component_style("filter"),
            placeholder=self._component_style("placeholder"),
        )

    def _component_style(self, name: str) -> Style:
        # Partial: only what app.tcss sets, so the cursor row's colours still show through.
        return self.get_component_rich_style(f"entity-sidebar--{name}", partial=True)
