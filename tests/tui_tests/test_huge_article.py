"""An absurdly long article opens and the app keeps answering: the reading view shows a bounded part of it and
says where to read the rest."""

from __future__ import annotations

from pathlib import Path

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
            content = reading.text.content
            assert len([span for span in content.spans if span.style == "paragraph"]) <= MAX_SHOWN_PARAGRAPHS
            (note,) = [content.plain[span.start : span.end] for span in content.spans if span.style == "cut"]
            assert "newsdesk show" in note
            reading.scroll_end(animate=False)
            await pilot.pause()  # the note ends the text, drawn at the bottom
            drawn = [reading.render_line(y).text for y in range(reading.scrollable_content_region.height)]
            assert "newsdesk show" in " ".join(line.strip() for line in drawn)
            await pilot.press("tab", "space", "b", "tab")
            await settle(pilot)
            assert app.screen.query_one(ArticleList).option_count == 1
