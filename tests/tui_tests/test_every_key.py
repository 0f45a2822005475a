"""Every key newsdesk declares, pressed in the pane that owns it with an article open: the app keeps running, no
error is raised, and the screen afterwards still answers. (What each key does is tested in the other files; this
catches a key that crashes in a state those tests do not reach.)"""

from __future__ import annotations

from index.library import Library
from tui.app import KEYED_CLASSES, NewsdeskApp
from tui.screens.help import bindings_of
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList

from .support import SIZE, settle

# Keys that leave the app (tested in test_app and the tmux test) or open an external program.
NOT_PRESSED = {"quit", "open_link"}


def _keys_by_owner() -> dict[str, list[str]]:
    """For each class that declares newsdesk's keys, its keys (every alternative of each binding)."""
    found: dict[str, list[str]] = {}
    for node_class in (NewsdeskApp, *KEYED_CLASSES):
        for bound in bindings_of([node_class]):
            if bound.is_newsdesks and bound.binding.action not in NOT_PRESSED:
                keys = found.setdefault(node_class.__name__, [])
                keys.extend(key.strip() for key in bound.binding.key.split(",") if key.strip() not in keys)
    return found


async def test_every_key_works_in_its_pane(library: Library) -> None:
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for owner, keys in sorted(_keys_by_owner().items()):
            screen = app.screen
            assert isinstance(screen, MainScreen)
            if screen.current_article is None:
                screen.set_focus(screen.query_one(ArticleList))
                await pilot.press("enter")  # an article open, so article keys have something to act on
                await settle(pilot)
            for key in keys:
                pane = next((node for node in screen.query("*") if type(node).__name__ == owner), None)
                if pane is not None and pane.focusable:
                    screen.set_focus(pane)
                    await settle(pilot)
                await pilot.press(key)
                await settle(pilot)
                if app.screen is not screen:  # help, history or the palette: close it
                    await pilot.press("escape")
                    await settle(pilot)
                assert app.is_running and app.return_code is None, (owner, key)
                assert app.screen is screen, (owner, key)
