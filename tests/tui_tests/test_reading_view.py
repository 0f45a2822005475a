"""The reading view as drawn, driven by Pilot: opening an article mounts nothing (it was the slow part of opening
one), the text keeps its measure on a wide terminal, and it can be selected with the mouse and copied."""

from __future__ import annotations

from textual.pilot import Pilot

from index.library import Library
from tui.app import NewsdeskApp
from tui.mentions import paragraphs
from tui.widgets.article_list import ArticleList
from tui.widgets.reading_view import ReadingView

from .support import SIZE, settle


async def open_row(pilot: Pilot[None], index: int) -> ReadingView:
    pilot.app.screen.query_one(ArticleList).highlighted = index
    await pilot.press("enter")
    await settle(pilot)
    return pilot.app.screen.query_one(ReadingView)


def drawn_lines(view: ReadingView) -> list[str]:
    return [view.render_line(y).text for y in range(view.scrollable_content_region.height)]


async def test_opening_an_article_mounts_no_widget_in_the_reading_view(library: Library) -> None:
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = [library.get(summary.id) for summary in library.articles()]
        counts = [len(paragraphs(article.body)) for article in articles]
        longest, shortest = counts.index(max(counts)), counts.index(min(counts))
        assert counts[longest] > counts[shortest]  # two articles of different lengths
        view = await open_row(pilot, longest)
        widgets = list(view.walk_children())
        for index in (shortest, longest):
            view = await open_row(pilot, index)
            assert articles[index].title in view.text.content.plain
            # The very widgets there were (if any), whatever the article's length: not one made or mounted again
            # (a Static per paragraph, recomposed for each article, was most of the time opening one took).
            assert list(view.walk_children()) == widgets


async def test_the_text_keeps_its_measure_on_a_wide_terminal(library: Library) -> None:
    app = NewsdeskApp(library)
    async with app.run_test(size=(240, 40)) as pilot:
        await settle(pilot)
        view = await open_row(pilot, 0)
        assert view.scrollable_content_region.width > 100
        lines = [line.rstrip() for line in drawn_lines(view)]
        assert max(len(line) for line in lines) <= 84
        assert max(len(line) for line in lines) > 70  # wrapped to the measure, not narrower


async def test_the_article_can_be_selected_and_copied(library: Library) -> None:
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = await open_row(pilot, 0)
        article = library.get(library.articles()[0].id)
        view.text_select_all()
        await pilot.pause()
        selected = app.screen.get_selected_text()
        assert selected is not None
        # The paragraphs as written, not as wrapped to the pane.
        assert article.title in selected and paragraphs(article.body)[0] in selected
