"""Saved and recent searches, "did you mean", and exports from the app."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.pilot import Pilot

from index.library import Library
from tui.app import NewsdeskApp
from tui.screens import keeping_screen
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.search_bar import SearchBar

from .support import SIZE, notifications, search, settle


async def _palette(pilot: Pilot[None], typed: str) -> None:
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*typed)
    await asyncio.sleep(0.5)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


def _main(app: NewsdeskApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


async def test_a_saved_search_runs_from_the_palette_and_recent_ones_complete(library: Library) -> None:
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Vorontsov")
        await pilot.press("slash", "S")  # in the box S is a letter, not "save"
        await settle(pilot)
        assert library.saved_searches() == [] and library.recent_searches() == ["Vorontsov"]
        await pilot.press("escape", "escape")
        await settle(pilot)
        await search(pilot, "Vorontsov")
        await pilot.press("S")
        await settle(pilot)
        assert [s.query for s in library.saved_searches()] == ["Vorontsov"]
        await pilot.press("escape")
        await settle(pilot)
        assert _main(app).request == ""
        await _palette(pilot, "saved search vor")
        assert _main(app).request == "Vorontsov" and app.screen.query_one(ArticleList).option_count == 1
    again = NewsdeskApp(library)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "V", "o")
        await settle(pilot)
        search_input = again.screen.query_one(SearchBar).input
        assert search_input._suggestion == "Vorontsov"  # shown greyed after the cursor; → takes it


async def test_did_you_mean_is_offered_and_runs(library: Library) -> None:
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Lavorv")
        status = app.screen.query_one(SearchBar).status.plain
        assert "did you mean 'Lavrov'" in status, status
        await _palette(pilot, "did you mean")
        assert _main(app).request == "Lavrov" and app.screen.query_one(ArticleList).option_count > 0


async def test_the_article_and_the_results_export_to_markdown(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keeping_screen, "export_folder", lambda: tmp_path)
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await _palette(pilot, "export the article")
        await settle(pilot)
        title = _main(app).current_article.title  # type: ignore[union-attr]
        (exported,) = tmp_path.glob("*.md")
        assert exported.read_text().startswith(f"# {title}") and exported.stat().st_mode & 0o077 == 0
        await search(pilot, "Lavrov")
        await _palette(pilot, "export the results")
        await settle(pilot)
        assert len(list(tmp_path.glob("*.md"))) == 2
        assert any("Exported" in (n.title or "") for n in notifications(app))
