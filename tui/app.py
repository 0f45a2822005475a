"""NewsdeskApp: the Textual application. It is handed an open Library (the launcher builds it) and never builds one."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from index.errors import NewsdeskError
from index.library import Library
from tui.config import config_path, load_settings, save_theme
from tui.screens.help import binding_ids_in_force
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView
from tui.widgets.related_panel import RelatedPanel
from tui.widgets.search_bar import SearchInput
from tui.widgets.timeline_strip import TimelineStrip

LIGHT, DARK = "textual-light", "textual-dark"
# Every class that declares newsdesk's keys: the ids a config file may remap.
KEYED_CLASSES = (MainScreen, ArticleList, ReadingView, RelatedPanel, EntitySidebar, TimelineStrip, SearchInput)


class NewsdeskApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "newsdesk"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="newsdesk.quit"),
        Binding("T", "toggle_theme", "Light / dark", show=False, id="newsdesk.toggle_theme"),
    ]

    def __init__(self, library: Library, config: Path | None = None) -> None:
        super().__init__()
        self.library = library
        self.config = config if config is not None else config_path()
        self._theme_loaded = False  # the theme set from the file is not written back to it

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.library)

    def on_mount(self) -> None:
        binding_ids = binding_ids_in_force([NewsdeskApp, *KEYED_CLASSES])
        settings = load_settings(self.config, binding_ids, set(self.available_themes))
        if settings.theme is not None:
            self.theme = settings.theme
        self._theme_loaded = True
        if settings.keys:
            self.set_keymap(settings.keys)
        for problem in settings.problems:
            self.notify(problem, title="config.toml", severity="warning", markup=False, timeout=10)

    def watch_theme(self, theme: str) -> None:
        if not self._theme_loaded:
            return
        try:
            save_theme(self.config, theme)
        except (OSError, NewsdeskError) as error:
            self.notify(f"Could not save the theme in {self.config}: {error}", severity="warning", markup=False)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK


def run_app(library: Library) -> int:
    """Run the app until the user quits; the exit status for the launcher."""
    app = NewsdeskApp(library)
    app.run()
    return app.return_code or 0
