"""D removes an article from the library after a yes: the list, the search shown and the reading view follow, and
the cursor stays where the article was."""

from __future__ import annotations

from textual.pilot import Pilot

from index.library import Library
from tui.app import NewsdeskApp
from tui.screens.confirm import ConfirmScreen
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList

from .support import SIZE, listed_ids, notifications, search, settle


async def _remove(pilot: Pilot[None], answer: str) -> None:
    """D, then the answer once the question is up (a worker reads the title first)."""
    await pilot.press("D")
    await settle(pilot)
    await pilot.press(answer)
    await settle(pilot)


async def test_d_removes_the_row_under_the_cursor_after_a_yes(library: Library) -> None:
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = listed_ids(app)
        await pilot.press("j", "D")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert library.get(before[1]).title in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")  # no: nothing happens
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and listed_ids(app) == before and library.count() == 5

        await _remove(pilot, "y")
        assert listed_ids(app) == [before[0], *before[2:]]
        assert library.count() == 4 and before[1] not in {summary.id for summary in library.articles()}
        assert app.screen.query_one(ArticleList).highlighted == 1  # on the article that came up into its place
        assert any(n.message.startswith("Removed “") for n in notifications(app))


async def test_removing_the_open_article_clears_the_reading_view_and_the_search_answers_again(
    library: Library,
) -> None:
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Lavrov")
        hits = listed_ids(app)
        assert len(hits) > 1
        app.screen.set_focus(app.screen.query_one(ArticleList))
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.current_article is not None
        opened = screen.current_article.id
        screen.set_focus(screen.query_one("#reading-view"))  # D acts on the open article outside the list
        await _remove(pilot, "enter")
        await settle(pilot)
        assert screen.current_article is None
        assert screen.request == "Lavrov" and listed_ids(app) == [hit for hit in hits if hit != opened]


async def test_in_search_results_the_cursor_stays_where_the_removed_article_was(library: Library) -> None:
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Lavrov")
        hits = listed_ids(app)
        assert len(hits) > 2
        article_list = app.screen.query_one(ArticleList)
        app.screen.set_focus(article_list)
        await pilot.press("j")
        await _remove(pilot, "y")
        await settle(pilot)
        assert listed_ids(app) == [hits[0], *hits[2:]]
        assert article_list.highlighted == 1
