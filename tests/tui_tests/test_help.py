"""The help screen: every newsdesk key by pane, derived from BINDINGS, readable from 140x40 down to 60x18."""

from __future__ import annotations

from textual.containers import ScrollableContainer

from tui.app import NewsdeskApp
from tui.screens.help import PANE_ACTIONS, HelpScreen, KeyColumn, bindings_of, key_rows, split_into_columns
from tui.screens.main import MainScreen
from tui.widgets.article_list import (
    ArticleList,
)
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView
from tui.widgets.search_bar import SearchInput
from tui.widgets.timeline_strip import TimelineStrip

from .support import SIZE, focused, settle


def help_rows(app: NewsdeskApp) -> dict[str, list[tuple[str, str]]]:
    assert isinstance(app.screen, HelpScreen)
    return {title: list(rows) for column in app.screen.query(KeyColumn) for title, rows in column.sections}


async def test_help_lists_newsdesks_keys_and_a_panes_moves(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        sections = help_rows(app)
        assert list(sections)[0] == "Everywhere"
        assert set(sections) == {"Everywhere", "Articles", "Reading", "Entities", "Timeline", "Search box"}
        descriptions = {description for rows in sections.values() for _, description in rows}
        # Every key newsdesk declares is there, in its own words.
        panes = (ArticleList, ReadingView, EntitySidebar, TimelineStrip, SearchInput)
        for node_class in (NewsdeskApp, MainScreen, *panes):
            for bound in bindings_of([node_class]):
                if bound.is_newsdesks:
                    assert bound.binding.description in descriptions, bound
        assert sections["Everywhere"] == [
            ("q", "Quit"),
            ("T", "Light / dark"),
            ("tab", "Next pane"),
            ("shift+tab", "Previous pane"),
            ("/", "Search"),
            ("esc", "Clear search, dates, entity"),
            ("x", "Drop entity filter"),
            ("X", "Drop date filter"),
            ("n", "Next mention"),
            ("N", "Previous mention"),
            ("?", "Keys"),
            ("H alt+←", "Back"),
            ("L alt+→", "Forward"),
            ("y", "History"),
            ("r", "Related"),
            ("u", "Open link"),
            ("R", "Refresh feeds"),
            ("m", "Read / unread"),
            ("s", "Star / unstar"),
            ("J", "Next unread"),
            ("c", "Copy link"),
            ("D", "Remove article"),
            ("S", "Save search"),
        ]
        assert sections["Articles"] == [
            ("↑ k", "Up"),
            ("↓ j", "Down"),
            ("home", "First"),
            ("end", "Last"),
            ("pgup", "Page up"),
            ("pgdn", "Page down"),
            ("⏎", "Open article"),
            ("g", "One row per story"),
        ]
        assert ("pgdn space", "Page down") in sections["Reading"]
        assert sections["Entities"][-2:] == [("⏎", "Show the articles naming it"), ("t", "Article / library entities")]
        assert sections["Timeline"] == [
            ("← h", "Earlier bucket"),
            ("→ l", "Later bucket"),
            ("shift+←", "Extend range earlier"),
            ("shift+→", "Extend range later"),
            ("⏎", "Show these dates"),
            ("+ =", "Finer buckets"),
            ("-", "Coarser buckets"),
            ("esc", "Clear range, dates"),
        ]
        assert sections["Search box"] == [("⏎", "Run search"), ("esc", "Clear")]  # not Input's two dozen keys
        for noise in ("Scroll left", "Scroll right", "Page left", "Page right", "Copy selected text", "Paste"):
            assert not any(noise.lower() in description.lower() for description in descriptions), noise
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_help_fits_an_80_by_24_terminal(app: NewsdeskApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        dialog = app.screen.query_one("#help-dialog")
        assert app.screen.region.contains_region(dialog.region)
        # Every column fits across; the rows below the fold (history and links keys) are reached by scrolling.
        assert dialog.max_scroll_x == 0
        columns = list(app.screen.query(KeyColumn))
        assert len(columns) == 2  # three would not fit across
        for column in columns:
            assert dialog.region.x <= column.region.x and column.region.right <= dialog.region.right
            assert column.region.height == len(column.render().split())  # no row wrapped or cut
        sections = help_rows(app)
        assert "Entities" not in sections  # the sidebar is hidden at this width, so are its keys
        shown = {description for rows in sections.values() for _, description in rows}
        assert {"Quit", "Search", "Open article", "Page down", "Show these dates", "Run search"} <= shown
        await pilot.press("question_mark")
        assert isinstance(app.screen, MainScreen)


async def test_help_rearranges_its_columns_when_the_terminal_is_resized(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert len(app.screen.query(KeyColumn)) == 3
        await pilot.resize_terminal(50, 30)
        await settle(pilot)
        assert len(app.screen.query(KeyColumn)) == 1
        dialog = app.screen.query_one("#help-dialog")
        assert app.screen.region.contains_region(dialog.region)
        assert focused(app) is dialog  # still scrolls with the keys
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        assert len(app.screen.query(KeyColumn)) == 3


async def test_help_scrolls_on_a_tiny_terminal(app: NewsdeskApp) -> None:
    async with app.run_test(size=(60, 18)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        dialog = app.screen.query_one("#help-dialog")
        assert app.screen.region.contains_region(dialog.region)
        assert dialog.max_scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert dialog.scroll_y == dialog.max_scroll_y
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


def test_a_subclass_binding_replaces_the_base_one_in_help() -> None:
    bound = {bound.binding.key: bound for bound in bindings_of([MainScreen])}
    assert bound["tab"].binding.description == "Next pane"
    assert bound["tab"].owner is MainScreen and bound["tab"].is_newsdesks


def test_help_knows_which_class_declares_a_key() -> None:
    owners = {bound.binding.key: bound.owner for bound in bindings_of([ReadingView])}
    assert owners["space"] is ReadingView and owners["up"] is ScrollableContainer
    owners = {bound.binding.key: bound.owner for bound in bindings_of([ArticleList])}
    assert owners["enter"] is ArticleList and owners["j"] is ArticleList and owners["up"] is ArticleList


def test_help_rows_merge_keys_by_action_in_newsdesks_words() -> None:
    rows = key_rows(bindings_of([ReadingView]), PANE_ACTIONS, lambda binding: binding.key)
    assert rows == [
        ("up", "Scroll up"),
        ("down", "Scroll down"),
        ("home", "Scroll home"),
        ("end", "Scroll end"),
        ("pageup b", "Page up"),
        ("pagedown space", "Page down"),
    ]
    assert key_rows(bindings_of([SearchInput]), frozenset(), lambda binding: binding.key) == [
        ("enter", "Run search"),
        ("escape", "Clear"),
    ]


def test_help_columns_keep_sections_in_order_and_balanced() -> None:
    assert split_into_columns([10, 11, 14, 12, 28], 3) == [[0, 1], [2, 3], [4]]
    assert split_into_columns([30, 1, 1, 1], 3) == [[0], [1, 2, 3]]  # no column is made for nothing
    assert split_into_columns([5], 3) == [[0]]
