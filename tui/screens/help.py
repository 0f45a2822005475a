"""The help screen: every key, by pane, read from the classes' BINDINGS so it can never drift from them."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget

# A pane's title and the classes whose bindings apply in it.
HelpSection = tuple[str, Sequence[type[DOMNode]]]
# Keys as shown (e.g. "home ctrl+a") and what they do.
KeyRow = tuple[str, str]


def bindings_of(node_classes: Sequence[type[DOMNode]]) -> list[Binding]:
    """The bindings in force in a pane: a subclass's key replaces its base's, a later class's an earlier one's."""
    by_key: dict[str, list[Binding]] = {}
    for node_class in node_classes:
        # Textual's own merge along the class's MRO (private, but the one truth: it honours inherit_bindings).
        by_key.update(node_class._merge_bindings().key_to_bindings)
    return [binding for bindings in by_key.values() for binding in bindings if not binding.system]


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

    def get_content_width(self, container: Size, viewport: Size) -> int:
        # The natural width, whatever the container: the columns of an auto-width dialog are measured before the
        # dialog has a width, and a description must never wrap under its key.
        return max(line.cell_len for line in self.render().split())


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "dismiss", "Close help", id="help.close"),
    ]
    COLUMNS = 3

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self._sections = sections

    def compose(self) -> ComposeResult:
        tables = [(title, self._key_rows(classes)) for title, classes in self._sections]
        tables = [(title, rows) for title, rows in tables if rows]  # a pane with no keys of its own says nothing
        heights = [len(rows) + 2 for _, rows in tables]  # the heading and the gap below
        with Vertical(id="help-dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "Escape or ? closes"
            with Horizontal(id="help-columns"):
                for column in split_into_columns(heights, self.COLUMNS):
                    yield KeyColumn([tables[index] for index in column])

    def _key_rows(self, node_classes: Sequence[type[DOMNode]]) -> list[KeyRow]:
        """One row per action: all its keys, then what it does."""
        keys_by_action: dict[tuple[str, str], list[str]] = {}
        for binding in bindings_of(node_classes):
            description = binding.description or binding.action
            keys_by_action.setdefault((binding.action, description), []).append(self.app.get_key_display(binding))
        return [(" ".join(keys), description) for (_, description), keys in keys_by_action.items()]
