"""The app driven by Pilot over a real library: what the user sees and what ends up in the library."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Static

from index.errors import QueryError
from index.library import Library, open_library
from index.model import SearchResult
from tui.app import NewsdeskApp
from tui.messages import ArticleLoaded, SearchCompleted, SeedsProgress
from tui.screens.help import HelpScreen, KeyColumn, bindings_of, split_into_columns
from tui.screens.main import MainScreen
from tui.widgets.article_list import UNREAD_MARK, ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView, paragraphs
from tui.widgets.search_bar import SearchBar
from tui.widgets.timeline_strip import TimelineStrip

from .support import SIZE, STRAITS_TIMES_TITLE, notifications, settle


def prompts(app: NewsdeskApp) -> list[Text]:
    article_list = app.screen.query_one(ArticleList)
    prompts = [article_list.get_option_at_index(index).prompt for index in range(article_list.option_count)]
    assert all(isinstance(prompt, Text) for prompt in prompts)  # never a markup string
    return prompts  # type: ignore[return-value]


def listed_ids(app: NewsdeskApp) -> list[str | None]:
    article_list = app.screen.query_one(ArticleList)
    return [article_list.get_option_at_index(index).id for index in range(article_list.option_count)]


def shown_text(widget: ReadingView | EntitySidebar) -> str:
    return "\n".join(str(static.content) for static in widget.query(Static))


def straits_times_id(library: Library) -> str:
    return next(summary.id for summary in library.articles() if summary.title == STRAITS_TIMES_TITLE)


def focused(app: NewsdeskApp) -> Widget | None:
    # A function, not the attribute: mypy would otherwise narrow app.focused from one assert to the next.
    return app.focused


async def search(pilot: Pilot[None], query: str) -> None:
    await pilot.press("slash", *query, "enter")
    await settle(pilot)


def styled_runs(text: Text, style: Style) -> list[str]:
    return [text.plain[span.start : span.end] for span in text.spans if span.style == style]


async def test_list_shows_every_article_newest_first_all_unread(app: NewsdeskApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert listed_ids(app) == [summary.id for summary in library.articles()]
        assert len(library.articles()) == 5
        titles = [prompt.plain.splitlines()[0] for prompt in prompts(app)]
        assert titles == [f"{UNREAD_MARK} {summary.title}" for summary in library.articles()]
        assert any(STRAITS_TIMES_TITLE in title for title in titles)
        assert "The Straits Times · 2018-04-11" in prompts(app)[listed_ids(app).index(straits_times_id(library))].plain


async def test_j_k_and_arrows_move_the_cursor(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        assert focused(app) is article_list and article_list.highlighted == 0
        for key, expected in [("j", 1), ("down", 2), ("k", 1), ("up", 0), ("j", 1)]:
            await pilot.press(key)
            assert article_list.highlighted == expected, key
        await pilot.press("escape")  # with no search to clear, the list and its cursor stay put
        await settle(pilot)
        assert article_list.highlighted == 1 and len(listed_ids(app)) == 5


async def test_enter_opens_the_article_and_marks_it_read(app: NewsdeskApp, library: Library) -> None:
    seen: list[Message] = []
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        second = library.articles()[1]
        [loaded] = [message for message in seen if isinstance(message, ArticleLoaded)]
        assert loaded.article.id == second.id
        reading = shown_text(app.screen.query_one(ReadingView))
        assert second.title in reading
        article = library.get(second.id)
        assert paragraphs(article.body)[0] in reading
        assert second.id in library.read_ids()
        assert not prompts(app)[1].plain.startswith(UNREAD_MARK)
        assert prompts(app)[0].plain.startswith(UNREAD_MARK)  # only the opened one
        assert app.screen.query_one(TimelineStrip).current_id == second.id


async def test_the_sidebar_groups_the_articles_entities_by_kind(app: NewsdeskApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.screen.query_one(ArticleList).highlighted = listed_ids(app).index(straits_times_id(library))
        await pilot.press("enter")
        await settle(pilot)
        sidebar = shown_text(app.screen.query_one(EntitySidebar))
        assert "People" in sidebar and "Sergei Lavrov" in sidebar
        assert sidebar.index("People") < sidebar.index("Sergei Lavrov")


async def test_tab_and_shift_tab_cycle_through_the_four_panes(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        panes = list(screen.panes)
        assert [type(pane) for pane in panes] == [ArticleList, ReadingView, EntitySidebar, TimelineStrip]
        visited = []
        for _ in range(4):
            await pilot.press("tab")
            visited.append(focused(app))
        assert visited == panes[1:] + panes[:1]
        await pilot.press("shift+tab")
        assert focused(app) is panes[-1]
        await pilot.press("slash", "tab")  # from the search box, Tab goes back to the panes
        assert focused(app) is panes[0]


async def test_a_search_lists_only_the_hits_with_the_terms_highlighted(app: NewsdeskApp, library: Library) -> None:
    seen: list[Message] = []
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert focused(app) is app.screen.query_one(SearchBar).input
        await pilot.press(*"Vorontsov", "enter")
        await settle(pilot)
        [completed] = [message for message in seen if isinstance(message, SearchCompleted)]
        assert completed.result.total == 1
        assert listed_ids(app) == [straits_times_id(library)]
        [prompt] = prompts(app)
        assert prompt.plain.splitlines()[0] == f"{UNREAD_MARK} {STRAITS_TIMES_TITLE}"
        match_style = app.screen.query_one(ArticleList).get_component_rich_style("article-list--match", partial=True)
        assert match_style  # the highlight is a real style, not a no-op
        assert [run.lower() for run in styled_runs(prompt, match_style)] == ["vorontsov"]
        assert str(app.screen.query_one("#search-status", Static).content) == "1 hit for 'Vorontsov'"
        assert focused(app) is app.screen.query_one(ArticleList)  # ready for j/k and Enter


async def test_a_phrase_search_and_escape_restores_the_whole_list(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, '"Choe Son Hui"')
        assert len(listed_ids(app)) == 2
        assert str(app.screen.query_one("#search-status", Static).content) == "2 hits for '\"Choe Son Hui\"'"
        await pilot.press("escape")
        await settle(pilot)
        assert len(listed_ids(app)) == 5
        assert app.screen.query_one(SearchBar).input.value == ""
        assert str(app.screen.query_one("#search-status", Static).content) == ""


async def test_escape_in_the_search_box_clears_it_and_returns_to_the_list(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Vorontsov")
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert len(listed_ids(app)) == 5
        assert focused(app) is app.screen.query_one(ArticleList)


async def test_keys_typed_in_the_search_box_are_text_not_commands(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"q/?jk")
        assert app.screen.query_one(Input).value == "q/?jk"
        assert isinstance(app.screen, MainScreen) and app.return_code is None


async def test_a_refused_query_is_a_notification_not_a_crash(
    app: NewsdeskApp, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The library accepts nearly any text today (Whoosh's parser is lenient), so the refusal is staged here:
    # whatever QueryError the library raises must reach the user as one line, the app carrying on.
    real_search = library.search

    def search_refusing_parentheses(query: str, limit: int = 100) -> SearchResult:
        if "(" in query:
            raise QueryError(f"cannot understand the query {query!r}: unbalanced parenthesis")
        return real_search(query, limit)

    monkeypatch.setattr(library, "search", search_refusing_parentheses)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "title:(")
        [shown] = notifications(app)
        assert shown.severity == "error"
        assert shown.message == "cannot understand the query 'title:(': unbalanced parenthesis"
        assert len(listed_ids(app)) == 5  # the list is left as it was
        await search(pilot, "Vorontsov")  # and the app still works
        assert len(listed_ids(app)) == 1


async def test_help_lists_every_key_by_pane(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        columns = list(app.screen.query(KeyColumn))
        shown = "\n".join(str(column.render()) for column in columns)
        headings = [title for column in columns for title, _ in column.sections]
        assert headings[0] == "Everywhere"
        assert set(headings) == {"Everywhere", "Articles", "Reading", "Entities", "Search box"}  # Timeline: no keys
        for pane_class in (NewsdeskApp, MainScreen, ArticleList, ReadingView):
            for binding in bindings_of([pane_class]):
                assert binding.description in shown, binding
        assert "Next pane" in shown and "Page down" in shown and "Quit" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_q_quits(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


async def test_untrusted_text_shows_literally(library: Library, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("[bold red]x[/] \x1b]0;pwned\x07\n\nA body that says [link=http://evil]click[/link].\n")
    assert not library.add_paths([hostile]).failed
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        [index] = [i for i, prompt in enumerate(prompts(app)) if "[bold red]x[/]" in prompt.plain]
        assert "pwned" not in prompts(app)[index].plain and "\x1b" not in prompts(app)[index].plain
        # what is drawn, not only what is stored: the brackets reach the screen
        assert "[bold red]x[/]" in "".join(article_list.render_line(y).text for y in range(article_list.size.height))
        article_list.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        reading = shown_text(app.screen.query_one(ReadingView))
        assert "[bold red]x[/]" in reading and "[link=http://evil]click[/link]" in reading
        assert "[bold red]x[/]" in app.screen.query_one("ReadingView .title", Static).render_line(0).text


async def test_a_new_default_library_is_filled_with_the_bundled_articles(isolated_user_dirs: Path) -> None:
    seen: list[Message] = []
    with open_library() as library:
        assert library.is_default and library.is_empty()
        app = NewsdeskApp(library)
        async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
            await settle(pilot)
            assert len(listed_ids(app)) == 5
            assert any("Added 5" in notification.message for notification in notifications(app))
            progress = [(message.done, message.total) for message in seen if isinstance(message, SeedsProgress)]
            assert progress and progress[-1] == (5, 5)
        assert library.path.is_relative_to(isolated_user_dirs)


async def test_an_empty_library_of_ones_own_is_left_empty(tmp_path: Path) -> None:
    with open_library(tmp_path / "mine") as library:
        app = NewsdeskApp(library)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert listed_ids(app) == []
        assert library.is_empty()


def test_a_subclass_binding_replaces_the_base_one_in_help() -> None:
    keys = {binding.key: binding.description for binding in bindings_of([MainScreen])}
    assert keys["tab"] == "Next pane"


def test_help_columns_keep_sections_in_order_and_balanced() -> None:
    assert split_into_columns([10, 11, 14, 12, 28], 3) == [[0, 1], [2, 3], [4]]
    assert split_into_columns([30, 1, 1, 1], 3) == [[0], [1, 2, 3]]  # no column is made for nothing
    assert split_into_columns([5], 3) == [[0]]
