"""The search bar: a query input docked at the top, the filters' chips (entity, days), and a status line saying what
the list shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Input, Static

from tui.widgets.filter_chip import FilterChip

PLACEHOLDER = 'Press / to search: words, "a phrase"; results follow as you type; Escape clears it'
# Results follow the typing once it pauses this long: a search per keystroke would queue work the next key undoes.
DEBOUNCE_S = 0.2


class SearchInput(Input):
    """The query box. Its own two keys are the ones worth knowing; the rest are Input's usual text editing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Run search", show=False, id="search.run"),
        # What the screen's Escape does anyway; declared here too so the help says what it means in the box.
        Binding("escape", "screen.clear_search", "Clear", show=False, id="search.clear"),
    ]


class SearchBar(Horizontal):
    # A Text, never a str: the status quotes the user's query, which must not be parsed as markup.
    status: reactive[Text] = reactive(Text, init=False)

    @dataclass
    class Submitted(Message):
        """Enter in the input: `query` is stripped and may be empty (which means: show everything)."""

        query: str

    @dataclass
    class Typed(Message):
        """The user paused while typing in the input: `query` is stripped, as for Submitted."""

        query: str

    _pause: Timer | None = None

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder=PLACEHOLDER, id="search-input")
        yield FilterChip("Articles naming this only: click or press x to show all", id="entity-chip")
        yield FilterChip("Articles of these days only: click or press X to show all", id="date-chip")
        yield Static(id="search-status")

    @property
    def input(self) -> SearchInput:
        return self.query_one("#search-input", SearchInput)

    @property
    def entity_chip(self) -> FilterChip:
        return self.query_one("#entity-chip", FilterChip)

    @property
    def date_chip(self) -> FilterChip:
        return self.query_one("#date-chip", FilterChip)

    def watch_status(self, status: Text) -> None:
        self.query_one("#search-status", Static).update(status)

    def clear(self) -> None:
        self.input.value = ""
        self.status = Text()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._pause is not None:
            self._pause.stop()
        self.post_message(self.Submitted(event.value.strip()))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not self.input.has_focus:
            return  # set by the app (cleared, restored from history), not typed
        if self._pause is not None:
            self._pause.stop()
        query = event.value.strip()
        self._pause = self.set_timer(DEBOUNCE_S, lambda: self.post_message(self.Typed(query)))
