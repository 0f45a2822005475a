"""The app driven by Pilot over a real library: what the user sees and what ends up in the library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import Input, Static

from index.library import Library, open_library
from tui.app import NewsdeskApp
from tui.formatting import byline
from tui.messages import ArticleLoaded, IngestProgress, SearchCompleted
from tui.screens.main import MainScreen
from tui.widgets.article_list import (
    ELLIPSIS,
    INDENT,
    UNREAD_MARK,
    ArticleList,
    ListEntry,
    PromptStyles,
    fit_snippet,
    layout_prompt,
)
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView, paragraphs
from tui.widgets.search_bar import SearchBar
from tui.widgets.timeline_strip import TimelineStrip

from .support import SIZE, STRAITS_TIMES_TITLE, focused, listed_ids, notifications, search, settle


def prompts(app: NewsdeskApp) -> list[Text]:
    article_list = app.screen.query_one(ArticleList)
    prompts = [article_list.get_option_at_index(index).prompt for index in range(article_list.option_count)]
    assert all(isinstance(prompt, Text) for prompt in prompts)  # never a markup string
    return prompts  # type: ignore[return-value]


def unwrapped(prompt: Text) -> str:
    """A prompt's lines joined back into one, indents dropped: what it says, whatever the pane's width."""
    return " ".join(line.strip() for line in prompt.plain.splitlines())


def assert_laid_out(app: NewsdeskApp) -> None:
    """Every prompt fits the list's width, and every line after the first hangs under the title."""
    article_list = app.screen.query_one(ArticleList)
    width = article_list.scrollable_content_region.width
    for prompt in prompts(app):
        first, *rest = prompt.split()
        assert first.cell_len <= width, first.plain
        for line in rest:
            assert line.cell_len <= width and line.plain.startswith(INDENT), line.plain
            assert not line.plain[len(INDENT) :].startswith(" "), line.plain


def shown_text(widget: ReadingView) -> str:
    return widget.text.content.plain


def drawn_text(widget: ReadingView) -> str:
    """The reading view's lines on screen, as drawn."""
    return "\n".join(widget.render_line(y).text for y in range(widget.scrollable_content_region.height))


def straits_times_id(library: Library) -> str:
    return next(summary.id for summary in library.articles() if summary.title == STRAITS_TIMES_TITLE)


def styled_runs(text: Text, style: Style) -> list[str]:
    return [text.plain[span.start : span.end] for span in text.spans if span.style == style]


async def test_list_shows_every_article_newest_first_all_unread(app: NewsdeskApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert listed_ids(app) == [summary.id for summary in library.articles()]
        assert len(library.articles()) == 5
        for prompt, summary in zip(prompts(app), library.articles(), strict=True):
            title, byline_line = prompt.plain.splitlines()
            assert title.startswith(f"{UNREAD_MARK} ") and summary.title.startswith(title[2:].removesuffix(ELLIPSIS))
            assert byline_line == INDENT + byline(summary.source, summary.published)
        assert_laid_out(app)
        straits_times = prompts(app)[listed_ids(app).index(straits_times_id(library))]
        # Every row is two lines: the title cut to the pane's width with an ellipsis, the byline under it.
        assert straits_times.plain.splitlines() == [
            f"{UNREAD_MARK} N. Korea minister urges stronger ties{ELLIPSIS}",
            f"{INDENT}The Straits Times · 2018-04-11",
        ]


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


async def test_tab_and_shift_tab_cycle_through_the_four_panes(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        panes = [pane for pane in screen.panes if pane.display]  # the related panel is hidden until r
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
        title = f"{UNREAD_MARK} N. Korea minister urges stronger ties{ELLIPSIS}"  # cut to the pane's width
        assert unwrapped(prompt).startswith(f"{title} The Straits Times · 2018-04-11 ")
        match_style = app.screen.query_one(ArticleList).get_component_rich_style("article-list--match", partial=True)
        assert match_style  # the highlight is a real style, not a no-op
        assert [run.lower() for run in styled_runs(prompt, match_style)] == ["vorontsov"]
        assert str(app.screen.query_one("#search-status", Static).content) == "1 hit for 'Vorontsov'"
        assert focused(app) is app.screen.query_one(ArticleList)  # ready for j/k and Enter


async def test_a_hits_snippet_is_two_lines_at_most_its_match_highlighted(app: NewsdeskApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Lavrov")
        hits = library.search("Lavrov").hits
        assert len(hits) == 5 and listed_ids(app) == [hit.id for hit in hits]
        match_style = app.screen.query_one(ArticleList).get_component_rich_style("article-list--match", partial=True)
        assert_laid_out(app)
        for prompt, hit in zip(prompts(app), hits, strict=True):
            lines = prompt.split()
            byline_at = [line.plain for line in lines].index(INDENT + byline(hit.source, hit.published))
            snippet = lines[byline_at + 1 :]
            assert 1 <= len(snippet) <= 2, prompt.plain
            assert snippet[-1].plain.endswith(ELLIPSIS)  # every snippet here is longer than two lines
            # The match shows, highlighted, in the snippet itself (not only in the title).
            assert any(run.lower() == "lavrov" for line in snippet for run in styled_runs(line, match_style))


def entry(title: str, snippet: tuple[tuple[str, bool], ...] | None = None) -> ListEntry:
    return ListEntry("id", ((title, False),), "Source", dt.date(2024, 1, 2), snippet)


MATCH = Style(bold=True, reverse=True)
STYLES = PromptStyles(unread=Style(), byline=Style(dim=True), snippet=Style(italic=True), match=MATCH)


def test_a_long_title_is_cut_to_one_line_under_the_unread_mark() -> None:
    prompt = layout_prompt(entry("Title that wraps continues here"), unread=True, width=23, styles=STYLES)
    assert prompt.plain == f"{UNREAD_MARK} Title that wraps con{ELLIPSIS}\n  Source · 2024-01-02"
    read = layout_prompt(entry("Title that wraps continues here"), unread=False, width=23, styles=STYLES)
    assert read.plain == f"  Title that wraps con{ELLIPSIS}\n  Source · 2024-01-02"


def test_a_long_snippet_is_cut_to_two_lines_with_an_ellipsis() -> None:
    words = " ".join(f"word{index}" for index in range(40))
    snippet = ((f"{words} ", False), ("match", True), (f" {words}", False))
    prompt = layout_prompt(entry("Title", snippet), unread=True, width=32, styles=STYLES)
    lines = prompt.plain.splitlines()
    assert lines[:2] == [f"{UNREAD_MARK} Title", "  Source · 2024-01-02"]
    assert len(lines) == 4 and lines[-1].endswith(ELLIPSIS)
    assert all(len(line) <= 32 for line in lines)
    assert styled_runs(prompt, MATCH) == ["match"]  # the first match is kept in view: the snippet leads into it
    assert lines[2].startswith(f"{INDENT}{ELLIPSIS}word")


def test_a_snippet_keeps_the_first_match_in_view() -> None:
    before = " ".join(f"w{index}" for index in range(30))  # 3 to 4 characters each, far more than two lines
    text = Text(f"{before} Lavrov and then more text after it, on and on and on and on and on")
    start = len(before) + 1
    text.stylize(MATCH, start, start + len("Lavrov"))
    lines = fit_snippet(text, 30, (start, start + len("Lavrov")))
    assert len(lines) == 2 and all(line.cell_len <= 30 for line in lines)
    assert lines[0].plain.startswith(ELLIPSIS) and lines[-1].plain.endswith(ELLIPSIS)
    assert [run for line in lines for run in styled_runs(line, MATCH)] == ["Lavrov"]
    assert "w29 Lavrov" in " ".join(line.plain for line in lines)  # a few words before it, for context
    # A snippet that fits is left alone; one whose match already shows keeps its start.
    assert [line.plain for line in fit_snippet(Text("short Lavrov"), 30, (6, 12))] == ["short Lavrov"]
    early = fit_snippet(Text(f"Lavrov {before}"), 30, (0, 6))
    assert early[0].plain.startswith("Lavrov") and early[-1].plain.endswith(ELLIPSIS)


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


async def test_a_refused_query_is_a_notification_not_a_crash(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "title:(")
        [shown] = notifications(app)
        assert shown.severity == "error"
        assert shown.message == "unbalanced parentheses: a '(' is never closed"
        assert len(listed_ids(app)) == 5  # the list is left as it was
        assert str(app.screen.query_one("#search-status", Static).content) == ""
        await search(pilot, "Vorontsov")  # and the app still works
        assert len(listed_ids(app)) == 1
        app.clear_notifications()
        await search(pilot, "nosuchfield:x")
        [shown] = notifications(app)
        assert shown.severity == "error"
        assert shown.message.startswith("unknown field 'nosuchfield'")
        assert len(listed_ids(app)) == 1  # still the last search's hit
        assert focused(app) is app.screen.query_one(ArticleList)  # ready to read on, or "/" to fix the query
        await pilot.press("escape")
        await settle(pilot)
        assert len(listed_ids(app)) == 5


async def test_a_60_by_18_terminal_shows_the_list_and_the_article(app: NewsdeskApp, library: Library) -> None:
    async with app.run_test(size=(60, 18)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.has_class("-narrow")
        article_list, reading, _related, sidebar, timeline = screen.panes
        assert not sidebar.display  # the sidebar gives its columns to the list and the article
        assert article_list.region.width >= 30 and reading.region.width >= 24
        assert screen.region.contains_region(reading.region)
        assert len(listed_ids(app)) == 5
        assert_laid_out(app)
        await pilot.press("enter")
        await settle(pilot)
        assert library.articles()[0].title in shown_text(screen.query_one(ReadingView))
        visited = []
        for _ in range(3):  # Tab skips the hidden sidebar
            await pilot.press("tab")
            visited.append(focused(app))
        assert visited == [reading, timeline, article_list]
        await search(pilot, "Lavrov")
        assert len(listed_ids(app)) == 5
        assert_laid_out(app)


async def test_resizing_lays_the_list_out_again_and_brings_the_sidebar_back(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Lavrov")
        await pilot.press("j", "j")
        article_list = app.screen.query_one(ArticleList)
        sidebar = app.screen.query_one(EntitySidebar)
        wide_prompts = [prompt.plain for prompt in prompts(app)]
        await pilot.resize_terminal(70, 30)
        await settle(pilot)
        assert not sidebar.display
        assert_laid_out(app)
        assert [prompt.plain for prompt in prompts(app)] != wide_prompts
        assert article_list.highlighted == 2  # the cursor stays on its article
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        assert sidebar.display
        assert [prompt.plain for prompt in prompts(app)] == wide_prompts


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
        assert "[bold red]x[/]" in drawn_text(app.screen.query_one(ReadingView))


async def test_a_new_default_library_is_filled_with_the_bundled_articles(isolated_user_dirs: Path) -> None:
    seen: list[Message] = []
    with open_library() as library:
        assert library.is_default and library.is_empty()
        app = NewsdeskApp(library)
        async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
            await settle(pilot)
            assert len(listed_ids(app)) == 5
            assert any("Added 5" in notification.message for notification in notifications(app))
            progress = [(message.done, message.total) for message in seen if isinstance(message, IngestProgress)]
            assert progress and progress[-1] == (5, 5)
        assert library.path.is_relative_to(isolated_user_dirs)


async def test_a_default_library_emptied_by_its_user_stays_empty(isolated_user_dirs: Path) -> None:
    with open_library() as library:
        library.add_seeds()
        library.remove([summary.id for summary in library.articles()])
        assert library.is_empty() and not library.is_new()
        app = NewsdeskApp(library)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert listed_ids(app) == []
            [hint] = notifications(app)
            assert "newsdesk add PATH" in hint.message  # the default library needs no --library
        assert library.is_empty()


async def test_an_empty_library_of_ones_own_is_left_empty(tmp_path: Path) -> None:
    with open_library(tmp_path / "mine") as library:
        app = NewsdeskApp(library)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert listed_ids(app) == []
        assert library.is_empty()
