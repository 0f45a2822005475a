"""Results follow the typing after a short pause; an incomplete query is a quiet status, not an error popup."""

from __future__ import annotations

import asyncio

from textual.pilot import Pilot

from tui.app import NewsdeskApp
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.search_bar import DEBOUNCE_S, SearchBar

from .support import SIZE, STRAITS_TIMES_TITLE, notifications, option_labels, settle


async def _pause_typing(pilot: Pilot[None]) -> None:
    await asyncio.sleep(DEBOUNCE_S * 2)
    await settle(pilot)


async def test_typing_searches_without_enter_and_history_keeps_only_what_was_run(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.option_count == 5
        await pilot.press("slash", *"Vorontso")
        await settle(pilot)  # less than the pause: no search yet
        assert article_list.option_count == 5
        await pilot.press("v")
        await _pause_typing(pilot)
        (label,) = option_labels(article_list)
        assert STRAITS_TIMES_TITLE.startswith(label.splitlines()[0][2:].rstrip("…"))
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.request == "Vorontsov"
        assert [place.kind for place in screen.history.places].count("search") == 0
        await pilot.press("enter")
        await settle(pilot)
        assert [place.kind for place in screen.history.places].count("search") == 1


async def test_an_incomplete_query_while_typing_is_a_quiet_status(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *'"Choe Son')
        await _pause_typing(pilot)
        assert not notifications(app)
        assert "quote" in app.screen.query_one(SearchBar).status.plain
        await pilot.press('"')
        await _pause_typing(pilot)
        assert app.screen.query_one(ArticleList).option_count == 2
        assert "2" in app.screen.query_one(SearchBar).status.plain
