"""A thin visual layer: the main screen with an article open, and the help screen. Behaviour is tested elsewhere.

Regenerate after an intended change with `pytest tests/tui_tests --snapshot-update`, then look at the SVGs in
__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from index.library import Library
from tui.app import NewsdeskApp

from .support import SIZE, settle

SnapCompare = Callable[..., bool]


async def open_first_article(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def show_help(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


def test_main_screen_with_the_first_article_open(snap_compare: SnapCompare, library: Library) -> None:
    assert snap_compare(NewsdeskApp(library), terminal_size=SIZE, run_before=open_first_article)


def test_help_screen(snap_compare: SnapCompare, library: Library) -> None:
    assert snap_compare(NewsdeskApp(library), terminal_size=SIZE, run_before=show_help)
