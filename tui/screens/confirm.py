"""A yes/no question before something that cannot be undone from the app (removing an article)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    """Dismissed with True on y or Enter, False on n or Escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,enter", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self._question = question
        self._detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog") as dialog:
            dialog.border_title = "Confirm"
            dialog.border_subtitle = "y yes · n no"
            # Text, never markup: the question quotes an article's title.
            yield Static(Text(self._question), id="confirm-question")
            if self._detail:
                yield Static(Text(self._detail), id="confirm-detail")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
