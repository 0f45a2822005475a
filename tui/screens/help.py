"""The help screen: the keys a newsdesk user needs, by pane, read from the classes' BINDINGS so it can never drift.

Shown: every binding a newsdesk class (one defined in a module under `tui.`) declares, and of the bindings a pane
inherits from Textual only the moves a reader makes there (up and down, first and last, a page at a time, open).
Sideways scrolling, the clipboard and the search box's two dozen editing keys are Textual's business, not ours.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

# The inherited actions worth listing in a pane. Actions, not keys: Textual's choice of keys shows through.
PANE_ACTIONS = frozenset(
    {
        "cursor_up",
        "cursor_down",
        "first",
        "last",
        "page_up",
        "page_down",
        "select",
        "scroll_up",
        "scroll_down",
        "scroll_home",
        "scroll_end",
    }
)
NEWSDESK_PACKAGE = "tui"

# Keys as shown (e.g. "pgup b") and what they do.
KeyRow = tuple[str, str]


@dataclass(frozen=True)
class HelpSection:
    """A pane's title, the classes whose bindings apply in it, and which actions it lists of those they inherit."""

    title: str
    classes: Sequence[type[DOMNode]]
    inherited_actions: frozenset[str] = PANE_ACTIONS


class BoundKey(NamedTuple):
    """A binding in force, and the class whose own BINDINGS declare it."""

    binding: Binding
    owner: type[DOMNode]

    @property
    def is_newsdesks(self) -> bool:
        module = self.owner.__module__
        return module == NEWSDESK_PACKAGE or module.startswith(f"{NEWSDESK_PACKAGE}.")


def bindings_of(node_classes: Sequence[type[DOMNode]]) -> list[BoundKey]:
    """The bindings in force in a pane: a subclass's key replaces its base's, a later class's an earlier one's."""
    return [
        BoundKey(binding, declaring_class(node_class, binding))
        for node_class, bindings in _in_force(node_classes).values()
        for binding in bindings
        if not binding.system
    ]


def binding_ids_in_force(node_classes: Sequence[type[DOMNode]]) -> set[str]:
    """The ids of `bindings_of`'s bindings, without finding the class that declares each: the app checks its
    config file's [keys] against them as it starts, before its first paint (12 ms with the classes, 0.6 without)."""
    return {
        binding.id
        for _, bindings in _in_force(node_classes).values()
        for binding in bindings
        if binding.id and not binding.system
    }


def _in_force(node_classes: Sequence[type[DOMNode]]) -> dict[str, tuple[type[DOMNode], list[Binding]]]:
    """Per key, the class whose bindings for it are in force, and those bindings."""
    by_key: dict[str, tuple[type[DOMNode], list[Binding]]] = {}
    for node_class in node_classes:
        # Textual's own merge along the class's MRO (private, but the one truth: it honours inherit_bindings).
        for key, bindings in node_class._merge_bindings().key_to_bindings.items():
            by_key[key] = (node_class, bindings)
    return by_key


def declaring_class(node_class: type[DOMNode], binding: Binding) -> type[DOMNode]:
    """The most derived class along `node_class`'s MRO whose own BINDINGS hold `binding`."""
    for base in node_class.__mro__:
        if issubclass(base, DOMNode) and "BINDINGS" in base.__dict__:
            if binding in BindingsMap(base.__dict__["BINDINGS"]).key_to_bindings.get(binding.key, []):
                return base
    return node_class


def key_rows(
    bindings: Sequence[BoundKey], inherited_actions: frozenset[str], key_display: Callable[[Binding], str]
) -> list[KeyRow]:
    """One row per action worth showing: all its keys, then what it does (newsdesk's words over Textual's)."""
    by_action: dict[str, list[BoundKey]] = {}
    for bound in bindings:
        if bound.is_newsdesks or bound.binding.action in inherited_actions:
            by_action.setdefault(bound.binding.action, []).append(bound)
    rows: list[KeyRow] = []
    for action, bounds in by_action.items():
        ours = [bound for bound in bounds if bound.is_newsdesks and bound.binding.description]
        if ours:
            description = ours[0].binding.description
        else:  # Textual says "Page Up"; newsdesk's own keys say "Page up"
            description = (bounds[0].binding.description or action).capitalize()
        rows.append((" ".join(key_display(bound.binding) for bound in bounds), description))
    return rows


def split_into_columns(heights: Sequence[int], columns: int) -> list[list[int]]:
    """Indexes of blocks, kept in order, cut into at most `columns` runs so the tallest run is as short as can be.

    Every way to cut is tried: a help screen has a handful of sections, so that is a few dozen sums.
    """
    indexes = list(range(len(heights)))
    best: list[list[int]] = [indexes]
    for cut_count in range(1, min(columns, len(heights))):
        for cuts in itertools.combinations(range(1, len(heights)), cut_count):
            bounds = (0, *cuts, len(heights))
            split = [indexes[start:end] for start, end in itertools.pairwise(bounds)]
            if _tallest(split, heights) < _tallest(best, heights):
                best = split
    return best


def _tallest(split: list[list[int]], heights: Sequence[int]) -> int:
    return max(sum(heights[index] for index in column) for column in split)


class KeyColumn(Widget):
    """Sections one under another: a pane's title, then its keys in a column of their own and what they do."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-column--heading", "key-column--keys"}
    PADDING = 2  # each side; app.tcss gives KeyColumn the same

    def __init__(self, sections: Sequence[tuple[str, Sequence[KeyRow]]]) -> None:
        super().__init__()
        self.sections = sections

    def render(self) -> Text:
        heading_style = self.get_component_rich_style("key-column--heading", partial=True)
        keys_style = self.get_component_rich_style("key-column--keys", partial=True)
        lines: list[Text] = []
        for title, rows in self.sections:
            if lines:
                lines.append(Text())
            lines.append(Text(title, style=heading_style))
            keys_width = max(len(keys) for keys, _ in rows)
            lines.extend(Text.assemble((keys.ljust(keys_width + 2), keys_style), text) for keys, text in rows)
        return Text("\n").join(lines)

    @staticmethod
    def natural_width(sections: Sequence[tuple[str, Sequence[KeyRow]]]) -> int:
        """The width of the widest line, padding excluded."""
        widths = [Text(title).cell_len for title, _ in sections]
        for _, rows in sections:
            keys_width = max(Text(keys).cell_len for keys, _ in rows)
            widths.extend(keys_width + 2 + Text(text).cell_len for _, text in rows)
        return max(widths)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        # The natural width, whatever the container: the columns of an auto-width dialog are measured before the
        # dialog has a width, and a description must never wrap under its key.
        return self.natural_width(self.sections)


# The query language, as the README documents it, in brief.
SEARCH_SYNTAX = """Search: words (all must match) · "a phrase" · OR · NOT · title:word
Dates: date:2018-04 · date:[2018-04-01 to 2018-06-30] · date:>2023
       date:"last 7 days" · mentions:2018-06 (dates the text names)
Entities: entity:"Sergei Lavrov" (any of its names) · org: place:
Palette (ctrl+p): actions, titles, entities, saved searches"""


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "dismiss", "Close help", id="help.close"),
    ]
    COLUMNS = 3
    DIALOG_CHROME = 4  # the dialog's border and padding, left and right (app.tcss)

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self._sections = sections
        self._column_count = 0

    @cached_property
    def _tables(self) -> list[tuple[str, list[KeyRow]]]:
        tables = [(section.title, self._key_rows(section)) for section in self._sections]
        return [(title, rows) for title, rows in tables if rows]  # a pane with no keys worth listing says nothing

    def compose(self) -> ComposeResult:
        columns = self._columns(self.app.size.width)
        self._column_count = len(columns)
        # Focusable and scrolling: on a terminal too small for every row, the arrows and pgdn reach the rest.
        with VerticalScroll(id="help-dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "Escape or ? closes"
            with Horizontal(id="help-columns"):
                for column in columns:
                    yield KeyColumn([self._tables[index] for index in column])
            yield Static(Text(SEARCH_SYNTAX), id="help-syntax")

    async def on_resize(self, event: events.Resize) -> None:
        if len(self._columns(event.size.width)) != self._column_count:
            await self.recompose()
            self.set_focus(self.query_one("#help-dialog"))  # the old dialog went, and its focus with it

    def _columns(self, screen_width: int) -> list[list[int]]:
        """As many columns as fit across the screen (at most COLUMNS), the sections balanced between them."""
        tables = self._tables
        heights = [len(rows) + 2 for _, rows in tables]  # the heading and the gap below
        for count in range(self.COLUMNS, 1, -1):
            columns = split_into_columns(heights, count)
            width = sum(
                KeyColumn.natural_width([tables[index] for index in column]) + 2 * KeyColumn.PADDING
                for column in columns
            )
            if width + self.DIALOG_CHROME <= screen_width:
                return columns
        return [list(range(len(tables)))]

    def _key_rows(self, section: HelpSection) -> list[KeyRow]:
        return key_rows(bindings_of(section.classes), section.inherited_actions, self.app.get_key_display)
