"""A thin visual layer: the main screen with an article open, then filtered by an entity, then with a range being
selected on the timeline, and the help screen. Behaviour is tested elsewhere.

Regenerate after an intended change with `pytest tests/tui_tests --snapshot-update`, then look at the SVGs in
__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from index.library import Library
from tui.app import NewsdeskApp
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar

from .support import SIZE, STRAITS_TIMES_TITLE, highlight_option, settle

SnapCompare = Callable[..., bool]


async def open_first_article(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def filter_by_an_entity_and_jump_to_a_mention(pilot: Pilot[Any]) -> None:
    """The Straits Times article open, the list filtered to one of its people, the second mention current."""
    await settle(pilot)
    screen = pilot.app.screen
    article_list = screen.query_one(ArticleList)
    highlight_option(article_list, lambda title: STRAITS_TIMES_TITLE[:30] in title)
    await pilot.press("enter")
    await settle(pilot)
    sidebar = screen.query_one(EntitySidebar)
    screen.set_focus(sidebar)
    highlight_option(sidebar, lambda row: row.startswith("Ri Yong"))
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("n", "n")
    await settle(pilot)


async def select_a_range_on_the_timeline(pilot: Pilot[Any]) -> None:
    """The Straits Times article open, the list filtered to April 2018 on the focused strip, then April to June
    selected (not applied yet)."""
    await settle(pilot)
    screen = pilot.app.screen
    article_list = screen.query_one(ArticleList)
    highlight_option(article_list, lambda title: STRAITS_TIMES_TITLE[:30] in title)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("tab", "tab", "tab", "enter")
    await settle(pilot)
    await pilot.press("shift+right", "shift+right")
    await settle(pilot)


async def show_help(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


def test_main_screen_with_the_first_article_open(snap_compare: SnapCompare, library: Library) -> None:
    assert snap_compare(NewsdeskApp(library), terminal_size=SIZE, run_before=open_first_article)


def test_main_screen_filtered_by_an_entity(snap_compare: SnapCompare, library: Library) -> None:
    assert snap_compare(NewsdeskApp(library), terminal_size=SIZE, run_before=filter_by_an_entity_and_jump_to_a_mention)


def test_main_screen_selecting_a_range_on_the_timeline(snap_compare: SnapCompare, library: Library) -> None:
    assert snap_compare(NewsdeskApp(library), terminal_size=SIZE, run_before=select_a_range_on_the_timeline)


def test_help_screen(snap_compare: SnapCompare, library: Library) -> None:
    assert snap_compare(NewsdeskApp(library), terminal_size=SIZE, run_before=show_help)


async def open_first_article_in_light_theme(pilot: Pilot[Any]) -> None:
    await open_first_article(pilot)
    await pilot.press("T")
    await settle(pilot)


async def open_the_palette(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*"star")
    await pilot.pause(0.5)  # the palette searches in the background
    await settle(pilot)


def test_main_screen_light_theme(snap_compare: SnapCompare, library: Library) -> None:
    assert snap_compare(NewsdeskApp(library), terminal_size=SIZE, run_before=open_first_article_in_light_theme)


def test_command_palette(snap_compare: SnapCompare, library: Library) -> None:
    assert snap_compare(NewsdeskApp(library), terminal_size=SIZE, run_before=open_the_palette)


def test_a_tiny_terminal_still_shows_the_list_and_the_article(snap_compare: SnapCompare, library: Library) -> None:
    assert snap_compare(NewsdeskApp(library), terminal_size=(60, 18), run_before=open_first_article)
