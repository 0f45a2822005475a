"""An absurdly long article opens and the app keeps answering: the reading view shows a bounded part of it and
says where to read the rest."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from index.library import open_library
from tui.app import NewsdeskApp
from tui.mentions import MAX_SHOWN_PARAGRAPHS
from tui.widgets.article_list import ArticleList
from tui.widgets.reading_view import ReadingView

from .support import SIZE, settle


async def test_a_huge_article_is_shown_cut_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "huge.txt").write_text("Thousands of paragraphs\n\n" + "\n\n".join(["word " * 60] * 2_000) + "\n")
    with open_library(tmp_path / "library") as library:
        library.add_paths([tmp_path / "huge.txt"])
        app = NewsdeskApp(library)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            reading = app.screen.query_one(ReadingView)
            assert len(reading.query(".paragraph")) <= MAX_SHOWN_PARAGRAPHS
            (note,) = reading.query(".cut").results(Static)
            assert "newsdesk show" in str(note.render())
            await pilot.press("tab", "space", "b", "tab")
            await settle(pilot)
            assert app.screen.query_one(ArticleList).option_count == 1
