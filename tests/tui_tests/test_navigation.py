"""Navigating like a browser, driven by Pilot: the related panel, back and forward, the history list, links."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from index.library import Library
from tui.app import NewsdeskApp
from tui.screens.history_list import HistoryListScreen
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView
from tui.widgets.related_panel import RelatedPanel
from tui.widgets.search_bar import SearchBar

from .support import SIZE, STRAITS_TIMES_TITLE, highlight_option, notifications, option_labels, search, settle


def main_screen(app: NewsdeskApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def listed_ids(app: NewsdeskApp) -> list[str]:
    article_list = main_screen(app).query_one(ArticleList)
    ids = [article_list.get_option_at_index(index).id for index in range(article_list.option_count)]
    return [article_id for article_id in ids if article_id is not None]


def open_id(app: NewsdeskApp) -> str | None:
    article = main_screen(app).current_article
    return article.id if article is not None else None


def straits_times_id(library: Library) -> str:
    return next(summary.id for summary in library.articles() if summary.title == STRAITS_TIMES_TITLE)


async def open_article(pilot: Pilot[None], app: NewsdeskApp, article_id: str) -> int:
    """Put the list's cursor on the article and press Enter; the cursor's index."""
    await settle(pilot)
    article_list = main_screen(app).query_one(ArticleList)
    article_list.focus()
    index = article_list.get_option_index(article_id)
    article_list.highlighted = index
    await pilot.press("enter")
    await settle(pilot)
    return index


async def test_related_panel_lists_why_and_opens_one_then_back_and_forward_restore(
    app: NewsdeskApp, library: Library
) -> None:
    straits_times = straits_times_id(library)
    async with app.run_test(size=SIZE) as pilot:
        list_index = await open_article(pilot, app, straits_times)
        screen = main_screen(app)
        reading = screen.query_one(ReadingView)
        assert open_id(app) == straits_times and list_index > 0
        reading.scroll_to(y=3, animate=False, immediate=True)
        await pilot.pause()
        scroll_y = reading.scroll_y
        assert scroll_y > 0
        await pilot.press("r")
        await settle(pilot)
        panel = screen.query_one(RelatedPanel)
        assert panel.display and app.focused is panel
        related = library.related(straits_times, limit=10)
        first = panel.get_option_at_index(0)
        assert first.id == related[0].id
        # The title, then why: the days apart, the first shared entities, the first key terms.
        lines = str(first.prompt).splitlines()
        assert lines[0] == related[0].title
        assert lines[1].startswith(f"{related[0].days_apart} day")
        assert ", ".join(related[0].shared_entities[:2]) in lines[1]
        assert related[0].key_terms[0] in lines[1]
        await pilot.press("enter")
        await settle(pilot)
        assert open_id(app) == related[0].id and reading.scroll_y == 0
        # The panel now lists the new article's related articles.
        assert panel.get_option_at_index(0).id == library.related(related[0].id, limit=10)[0].id
        screen.query_one(ArticleList).highlighted = 0  # moved since: back restores where it was
        await pilot.press("H")
        await settle(pilot)
        assert open_id(app) == straits_times
        assert reading.scroll_y == scroll_y
        assert screen.query_one(ArticleList).highlighted == list_index
        await pilot.press("L")
        await settle(pilot)
        assert open_id(app) == related[0].id
        await pilot.press("alt+left")
        await settle(pilot)
        assert open_id(app) == straits_times
        await pilot.press("r")  # hides the panel again, and the focus goes back to the article
        await settle(pilot)
        assert not panel.display and app.focused is reading


async def test_back_restores_the_list_before_a_search_and_an_entity_filter(app: NewsdeskApp, library: Library) -> None:
    straits_times = straits_times_id(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        everything = listed_ids(app)
        list_index = await open_article(pilot, app, straits_times)
        screen = main_screen(app)
        await search(pilot, "Lavrov")
        searched = listed_ids(app)
        assert screen.request == "Lavrov" and searched != everything
        sidebar = screen.query_one(EntitySidebar)
        screen.set_focus(sidebar)
        highlight_option(sidebar, lambda row: row.startswith("Ri Yong"))
        await pilot.press("enter")
        await settle(pilot)
        assert screen.entity_filter is not None and screen.entity_filter.name == "Ri Yong-ho"
        filtered = listed_ids(app)
        assert set(filtered) < set(searched)

        await pilot.press("H")  # the search without the filter
        await settle(pilot)
        assert screen.entity_filter is None and screen.request == "Lavrov"
        assert listed_ids(app) == searched
        assert not screen.query_one(SearchBar).entity_chip.display
        await pilot.press("H")  # the whole list, its cursor on the article opened, the box empty
        await settle(pilot)
        assert screen.request == "" and screen.query_one(SearchBar).input.value == ""
        assert listed_ids(app) == everything
        assert screen.query_one(ArticleList).highlighted == list_index
        assert open_id(app) == straits_times
        await pilot.press("L", "L")
        await settle(pilot)
        assert screen.entity_filter is not None and listed_ids(app) == filtered
        assert screen.query_one(SearchBar).input.value == "Lavrov"

        # A new place after going back drops the places ahead, like a browser.
        await pilot.press("H", "H")
        await settle(pilot)
        await search(pilot, "Pyongyang")
        assert not screen.history.can_go_forward
        assert [place.kind for place in screen.history.places] == ["start", "article", "search"]


async def test_the_history_list_shows_places_newest_first_and_returns_to_one(
    app: NewsdeskApp, library: Library
) -> None:
    straits_times = straits_times_id(library)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, app, straits_times)
        await search(pilot, "Lavrov")
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HistoryListScreen)
        options = app.screen.query_one(OptionList)
        assert option_labels(options) == ["▶ Search: Lavrov", f"  Article: {STRAITS_TIMES_TITLE}", "  All articles"]
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        screen = main_screen(app)
        assert open_id(app) is None and screen.request == ""
        assert screen.history.position == 0 and screen.history.can_go_forward


async def test_u_opens_a_library_article_in_the_app_and_only_web_links_in_the_browser(
    app: NewsdeskApp, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []

    def fake_open(url: str, *args: object, **kwargs: object) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", fake_open)
    scmp = next(summary.id for summary in library.articles() if library.get(summary.id).url)
    url = library.get(scmp).url
    assert url is not None and url.startswith("https://")
    straits_times = straits_times_id(library)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, app, scmp)
        screen = main_screen(app)
        # Its own URL (the library finds the open article itself): the system browser opens it, on the key only.
        assert library.find_by_url(url) == scmp
        assert opened == []
        await pilot.press("u")
        await settle(pilot)
        assert opened == [url] and open_id(app) == scmp

        # A URL another library article has: it opens in the app, as a new place of the history.
        monkeypatch.setattr(library, "find_by_url", lambda found: straits_times)
        await pilot.press("u")
        await settle(pilot)
        assert open_id(app) == straits_times and opened == [url]
        assert screen.history.current is not None and screen.history.current.article_id == straits_times

        # Anything but http(s) is refused, with a word why.
        monkeypatch.setattr(library, "find_by_url", lambda found: None)
        monkeypatch.setattr("tui.screens.navigating_screen.link_of", lambda article: "file:///etc/passwd")
        await pilot.press("u")
        await settle(pilot)
        assert opened == [url]
        assert any("Not a web link" in (note.title or "") for note in notifications(app))


async def test_g_collapses_each_story_group_to_its_latest_article_with_a_count(
    app: NewsdeskApp, library: Library
) -> None:
    [story] = library.stories()
    latest = story.articles[-1]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        everything = listed_ids(app)
        article_list = main_screen(app).query_one(ArticleList)
        article_list.highlighted = everything.index(story.articles[0])  # on the group's older article
        await pilot.press("g")
        await settle(pilot)
        collapsed = listed_ids(app)
        assert collapsed == [article_id for article_id in everything if article_id != story.articles[0]]
        prompt = str(article_list.get_option_at_index(collapsed.index(latest)).prompt)
        assert " ".join(line.strip() for line in prompt.splitlines()).endswith(f"· {len(story.articles)} articles")
        assert article_list.highlighted == collapsed.index(latest)  # the cursor stays on its group
        await pilot.press("g")
        await settle(pilot)
        assert listed_ids(app) == everything
        assert article_list.highlighted == everything.index(latest)
