"""The article list is virtual: given 100,000 rows it reads, lays out and draws only the rows on screen, whatever
the cursor and the scroll do."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot

import tui
from tui.widgets.article_list import ELLIPSIS, INDENT, UNREAD_MARK, ArticleList, ListEntry

ROWS = 100_000
# Generous: a screen holds a dozen rows, and moving the cursor reads one more; a whole read would be 100,000.
MOST_READS = 200
SIZE = (60, 20)  # the list's 18 lines of content: six article rows (two lines and a rule each)
DAY = dt.date(2024, 1, 31)


class CountingSource:
    """A RowSource of made-up articles, newest first, that counts the rows read. Not a Sequence on purpose: the
    list gets only what the protocol promises."""

    def __init__(self, count: int, title: str = "Article {index}", hits: bool = False) -> None:
        self.count = count
        self.title = title
        self.hits = hits
        self.reads = 0

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: int) -> ListEntry:
        if not 0 <= index < self.count:
            raise IndexError(index)
        self.reads += 1
        snippet = ((f"snippet of {index} with a ", False), ("match", True)) if self.hits else None
        published = DAY - dt.timedelta(days=index % 1000)
        return ListEntry(f"a{index}", ((self.title.format(index=index), False),), "Wire", published, snippet)


class ListApp(App[None]):
    """The list alone, styled by the app's stylesheet; the articles chosen are kept."""

    CSS_PATH = Path(tui.__file__).parent / "app.tcss"
    CSS = "#article-list { width: 100%; }"  # the whole screen: no other pane shares it

    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[str] = []
        self.highlighted: list[tuple[str, int]] = []

    def compose(self) -> ComposeResult:
        yield ArticleList(id="article-list")

    def on_article_list_article_chosen(self, event: ArticleList.ArticleChosen) -> None:
        self.chosen.append(event.article_id)

    def on_article_list_article_highlighted(self, event: ArticleList.ArticleHighlighted) -> None:
        self.highlighted.append((event.article_id, event.index))


def the_list(app: App[None]) -> ArticleList:
    return app.query_one(ArticleList)


def drawn(article_list: ArticleList) -> list[str]:
    """The list's lines as drawn now (the scroll applied)."""
    return [article_list.render_line(y).text for y in range(article_list.scrollable_content_region.height)]


def titles_drawn(article_list: ArticleList) -> list[str]:
    """The title lines drawn, unread mark and all."""
    return [line.rstrip() for line in drawn(article_list) if "Article" in line]


async def show(pilot: Pilot[None], source: CountingSource, read_ids: set[str] | None = None) -> ArticleList:
    article_list = the_list(pilot.app)
    article_list.show_entries(source, read_ids or set())
    await pilot.pause()
    return article_list


async def test_the_first_paint_reads_only_the_rows_on_screen() -> None:
    source = CountingSource(ROWS)
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        article_list = await show(pilot, source)
        assert article_list.option_count == ROWS and article_list.highlighted == 0
        assert article_list.virtual_size.height == ROWS * 3 - 1  # fixed rows: no rule under the last one
        lines = drawn(article_list)
        # Row i starts at line 3i: mark and title, byline, rule.
        assert lines[0].rstrip() == f"{UNREAD_MARK} Article 0" and lines[1].rstrip() == f"{INDENT}Wire · 2024-01-31"
        assert set(lines[2].strip()) == {"─"}
        assert lines[3].rstrip() == f"{UNREAD_MARK} Article 1" and lines[15].rstrip() == f"{UNREAD_MARK} Article 5"
        assert 0 < source.reads < MOST_READS


async def test_the_end_and_paging_read_only_the_rows_shown() -> None:
    source = CountingSource(ROWS)
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        article_list = await show(pilot, source)
        await pilot.press("end")
        assert article_list.highlighted == ROWS - 1
        assert article_list.scroll_y == article_list.max_scroll_y > 0
        assert titles_drawn(article_list)[-1] == f"{UNREAD_MARK} Article {ROWS - 1}"
        await pilot.press("pageup")
        assert article_list.highlighted == ROWS - 1 - 6  # a page: the six rows a screen holds
        assert f"{UNREAD_MARK} Article {ROWS - 7}" in titles_drawn(article_list)  # kept in view
        await pilot.press("pageup", "pagedown", "pagedown")
        assert article_list.highlighted == ROWS - 1  # a page down from the last page stops at the last row
        await pilot.press("home")
        assert article_list.highlighted == 0 and article_list.scroll_y == 0
        assert source.reads < MOST_READS


async def test_keys_move_the_cursor_and_keep_it_in_view() -> None:
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        article_list = await show(pilot, CountingSource(ROWS))
        for key, expected in [("j", 1), ("down", 2), ("k", 1), ("up", 0), ("up", ROWS - 1), ("j", 0), ("pagedown", 6)]:
            await pilot.press(key)
            assert article_list.highlighted == expected, key
        assert titles_drawn(article_list)[-1] == f"{UNREAD_MARK} Article 6"  # scrolled just enough to show it
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == ["a6"]


async def test_the_wheel_scrolls_and_leaves_the_cursor_where_it_is() -> None:
    source = CountingSource(ROWS)
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        article_list = await show(pilot, source)
        for _ in range(20):
            article_list.post_message(events.MouseScrollDown(article_list, 1, 1, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert article_list.scroll_y > 0 and article_list.highlighted == 0
        first = -(-int(article_list.scroll_y) // 3)  # the first row whose title line shows
        assert titles_drawn(article_list)[0] == f"{UNREAD_MARK} Article {first}"
        assert source.reads < MOST_READS


async def test_a_click_puts_the_cursor_on_the_row_and_opens_it() -> None:
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        article_list = await show(pilot, CountingSource(ROWS))
        article_list.scroll_to(y=30, animate=False)  # row 10 first: a click counts from the first line shown
        await pilot.pause()
        # The border's line, then row 10 (lines 1-3), then the byline of row 11.
        assert await pilot.click(ArticleList, offset=(5, 5))
        assert article_list.highlighted == 11 and app.chosen == ["a11"]
        await pilot.click(ArticleList, offset=(5, 3))  # the rule under row 10: nothing
        assert article_list.highlighted == 11 and app.chosen == ["a11"]


async def test_read_rows_lose_their_mark_where_they_are_drawn() -> None:
    source = CountingSource(ROWS)
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        article_list = await show(pilot, source, read_ids={"a0"})
        article_list.mark_read("a2")
        article_list.mark_read("a99999")  # not on screen: nothing to read or draw
        await pilot.pause()
        assert titles_drawn(article_list)[:4] == [
            f"{INDENT}Article 0",
            f"{UNREAD_MARK} Article 1",
            f"{INDENT}Article 2",
            f"{UNREAD_MARK} Article 3",
        ]
        assert not article_list.get_option_at_index(2).prompt.plain.startswith(UNREAD_MARK)
        assert source.reads < MOST_READS


async def test_a_resize_lays_out_again_only_the_rows_shown() -> None:
    source = CountingSource(ROWS, title="Article {index} with a title far too long for one line of a narrow list")
    app = ListApp()
    async with app.run_test(size=(100, 20)) as pilot:
        article_list = await show(pilot, source)
        await pilot.press("end", "pageup")
        wide = drawn(article_list)
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        narrow = drawn(article_list)
        width = article_list.scrollable_content_region.width
        assert narrow != wide and all(len(line) == width for line in narrow)
        titles = [line.rstrip() for line in narrow if UNREAD_MARK in line]
        assert titles and all(title.endswith(ELLIPSIS) for title in titles)
        # The cursor's row still shows, whole: its title and its byline.
        cursor = article_list.highlighted
        assert cursor == ROWS - 7
        assert any(line.startswith(f"{UNREAD_MARK} Article {cursor} ") for line in narrow)
        assert source.reads < MOST_READS


async def test_a_hit_is_four_lines_its_snippet_under_its_byline() -> None:
    source = CountingSource(ROWS, hits=True)
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        article_list = await show(pilot, source)
        lines = [line.rstrip() for line in drawn(article_list)]
        assert lines[:6] == [
            f"{UNREAD_MARK} Article 0",
            f"{INDENT}Wire · 2024-01-31",
            f"{INDENT}snippet of 0 with a match",
            "",
            lines[4],  # the rule
            f"{UNREAD_MARK} Article 1",
        ]
        await pilot.press("end")
        assert lines != drawn(article_list) and source.reads < MOST_READS


async def test_highlight_messages_say_which_article() -> None:
    app = ListApp()
    async with app.run_test(size=SIZE) as pilot:
        await show(pilot, CountingSource(ROWS))
        await pilot.press("j", "end")
        assert app.highlighted == [("a0", 0), ("a1", 1), (f"a{ROWS - 1}", ROWS - 1)]
