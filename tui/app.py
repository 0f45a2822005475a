"""NewsdeskApp: the Textual application. It is handed an open Library (the launcher builds it) and never builds one."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from index.library import Library
from tui.screens.main import MainScreen


class NewsdeskApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "newsdesk"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="newsdesk.quit"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.library)


def run_app(library: Library) -> int:
    """Run the app until the user quits; the exit status for the launcher."""
    app = NewsdeskApp(library)
    app.run()
    return app.return_code or 0
