"""The history list: every place navigated, newest first, the current one marked; Enter returns to one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.history import Place

CURRENT_MARK = "▶ "
INDENT = "  "


class HistoryListScreen(ModalScreen[int | None]):
    """Dismissed with the chosen place's index into the history's places (oldest first), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,y", "dismiss_none", "Close history", id="history.close"),
        Binding("j", "cursor_down", "Down", show=False, id="history.down"),
        Binding("k", "cursor_up", "Up", show=False, id="history.up"),
    ]

    def __init__(self, places: Sequence[Place], position: int) -> None:
        super().__init__()
        self._places = places
        self._position = position

    def compose(self) -> ComposeResult:
        options = []
        for index in reversed(range(len(self._places))):
            # A Text, never a str: titles and queries are the user's and the articles', not markup.
            label = Text(CURRENT_MARK if index == self._position else INDENT)
            label.append(self._places[index].label)
            options.append(Option(label, id=str(index)))
        history = OptionList(*options, id="history-list")
        history.border_title = "History"
        history.border_subtitle = "Enter returns · Escape closes"
        yield history

    def on_mount(self) -> None:
        history = self.query_one(OptionList)
        history.highlighted = len(self._places) - 1 - self._position if self._places else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id) if event.option.id is not None else None)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()
