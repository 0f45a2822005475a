"""Read and unread, stars, next unread (space at the end of an article), copying the link: each key, through Pilot."""

from __future__ import annotations

from textual.pilot import Pilot

from index.library import Library
from tui.app import NewsdeskApp
from tui.screens.main import MainScreen
from tui.widgets.article_list import STAR_MARK, UNREAD_MARK, ArticleList
from tui.widgets.reading_view import ReadingView

from .support import SIZE, notifications, settle


def _marks(article_list: ArticleList) -> list[str]:
    return [article_list.get_option_at_index(i).prompt.plain[0] for i in range(article_list.option_count)]


async def _open_first(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_m_and_s_mark_the_row_under_the_cursor_and_are_kept(library: Library) -> None:
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        first = article_list.get_option_at_index(0).id
        await pilot.press("m")
        await settle(pilot)
        assert _marks(article_list)[0] == " " and first in library.read_ids()
        await pilot.press("m")
        await settle(pilot)
        assert _marks(article_list)[0] == UNREAD_MARK and first not in library.read_ids()
        await pilot.press("s")
        await settle(pilot)
        assert _marks(article_list)[0] == STAR_MARK and library.starred_ids() == {first}
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:  # a new session shows the star
        await settle(pilot)
        assert _marks(app.screen.query_one(ArticleList))[0] == STAR_MARK


async def test_space_at_the_end_opens_the_next_unread_article(library: Library) -> None:
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        ids = [article_list.get_option_at_index(i).id for i in range(article_list.option_count)]
        library.mark_read(ids[1])
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.read_ids.add(ids[1])
        await _open_first(pilot)
        assert screen.current_article is not None and screen.current_article.id == ids[0]
        reading = app.screen.query_one(ReadingView)
        app.screen.set_focus(reading)
        for _ in range(30):  # page down to the end, then once more
            await pilot.press("space")
            await settle(pilot)
            if screen.current_article is not None and screen.current_article.id != ids[0]:
                break
        assert screen.current_article is not None and screen.current_article.id == ids[2]  # 1 was read
        await pilot.press("J")
        await settle(pilot)
        assert screen.current_article is not None and screen.current_article.id == ids[3]


async def test_c_copies_the_link(library: Library) -> None:
    app = NewsdeskApp(library)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await settle(pilot)
        assert not copied and any("no link" in n.message for n in notifications(app))
        article_list = app.screen.query_one(ArticleList)
        ids = [article_list.get_option_at_index(i).id for i in range(article_list.option_count)]
        article_list.highlighted = next(i for i, article_id in enumerate(ids) if library.get(article_id).url)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.current_article is not None
        assert copied == [screen.current_article.url]
