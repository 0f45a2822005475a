"""The command palette's commands, the light/dark toggle saved to config.toml, and keys remapped there."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.pilot import Pilot

from index.library import Library
from tui.app import NewsdeskApp
from tui.screens.main import MainScreen
from tui.widgets.search_bar import SearchInput

from .support import SIZE, focused, notifications, settle


async def _run_command(pilot: Pilot[None], typed: str) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*typed)
    await asyncio.sleep(0.5)  # the palette searches its providers in the background
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def _main(app: NewsdeskApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def test_palette_runs_an_action_by_its_name(library: Library, tmp_path: Path) -> None:
    app = NewsdeskApp(library, config=tmp_path / "config.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _run_command(pilot, "refresh feeds")
        assert any("No feeds yet" in n.message for n in notifications(app))


async def test_palette_opens_an_article_by_title_and_filters_by_entity(library: Library, tmp_path: Path) -> None:
    app = NewsdeskApp(library, config=tmp_path / "config.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _run_command(pilot, "urges strong")
        article = _main(app).current_article
        assert article is not None and article.title == "N. Korea minister urges stronger ties with Russia"
        await _run_command(pilot, "naming Sergei Lavrov")
        entity = _main(app).entity_filter
        assert entity is not None and entity.name == "Sergei Lavrov"


async def test_light_and_dark_toggle_is_saved_and_keys_can_be_remapped(library: Library, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('# mine\n[keys]\n"newsdesk.search" = "ctrl+f"\n')
    app = NewsdeskApp(library, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dark = app.current_theme.dark
        await pilot.press("T")
        await settle(pilot)
        assert app.current_theme.dark is not dark
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(focused(app), SearchInput)
    saved = config.read_text()
    assert "# mine" in saved and f'theme = "{app.theme}"' in saved and config.stat().st_mode & 0o077 == 0
    again = NewsdeskApp(library, config=config)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == app.theme


async def test_a_bad_config_is_reported_and_ignored(library: Library, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('theme = "no-such-theme"\n[keys]\n"newsdesk.nothing" = "x"\n"newsdesk.search" = 3\n')
    app = NewsdeskApp(library, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = [n.message for n in notifications(app)]
        assert len(messages) == 3 and all(str(config) in message for message in messages)
        config.write_text("this is = = not toml")
    broken = NewsdeskApp(library, config=config)
    async with broken.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("cannot read it" in n.message for n in notifications(broken))


async def test_every_action_command_of_the_palette_runs(library: Library, tmp_path: Path) -> None:
    """The palette offers each of the screen's and the app's keyed actions by name; each runs without error."""
    from tui.commands import ActionCommands

    app = NewsdeskApp(library, config=tmp_path / "config.toml")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = _main(app)
        commands = ActionCommands(screen)._commands()
        names = [name for name, _, _ in commands]
        assert {"Search", "Refresh feeds", "Star / unstar", "Save search", "Light / dark", "Related"} <= set(names)
        for name, run, _ in commands:
            if name in ("Quit", "Open link"):  # leaving the app, or the system browser: tested elsewhere
                continue
            result = run()
            if asyncio.iscoroutine(result):
                await result
            await settle(pilot)
            if app.screen is not screen:
                await pilot.press("escape")
                await settle(pilot)
            assert app.is_running and app.screen is screen, name
