"""The timeline strip driven by Pilot over the seeds: its keys, the date filter it sets, and how it follows the search
and the entity filter. The drawing itself is tested in test_timeline_layout.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from index.library import Library
from tui.app import NewsdeskApp
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.filter_chip import FilterChip
from tui.widgets.timeline_strip import TimelineStrip

from .support import SIZE, STRAITS_TIMES_TITLE, search, settle

APRIL_2018 = (dt.date(2018, 4, 1), dt.date(2018, 4, 30))
APRIL_MAY_2018 = (dt.date(2018, 4, 1), dt.date(2018, 5, 31))


def strip(app: NewsdeskApp) -> TimelineStrip:
    return app.screen.query_one(TimelineStrip)


def strip_labels(app: NewsdeskApp) -> str:
    """The strip's second line: the end labels, the bucket size, the cursor's bucket, the undated count."""
    return strip(app).render().plain.splitlines()[1]


def listed_ids(app: NewsdeskApp) -> list[str | None]:
    article_list = app.screen.query_one(ArticleList)
    return [article_list.get_option_at_index(index).id for index in range(article_list.option_count)]


def date_chip(app: NewsdeskApp) -> FilterChip:
    return app.screen.query_one("#date-chip", FilterChip)


def status(app: NewsdeskApp) -> str:
    return str(app.screen.query_one("#search-status", Static).content)


async def open_article(pilot: Pilot[None], app: NewsdeskApp, article_id: str) -> None:
    await settle(pilot)
    app.screen.query_one(ArticleList).highlighted = listed_ids(app).index(article_id)
    await pilot.press("enter")
    await settle(pilot)


async def tab_to(pilot: Pilot[None], app: NewsdeskApp, pane: type[TimelineStrip | EntitySidebar]) -> None:
    """Tab through the panes (the focus chain) until `pane` has the focus."""
    for _ in range(4):
        if isinstance(app.focused, pane):
            return
        await pilot.press("tab")
    assert isinstance(app.focused, pane)


def straits_times_id(library: Library) -> str:
    return next(summary.id for summary in library.articles() if summary.title == STRAITS_TIMES_TITLE)


def ids_between(library: Library, days: tuple[dt.date, dt.date]) -> list[str]:
    return [summary.id for summary in library.articles(between=days)]


async def test_the_strips_keys_walk_the_buckets_filter_the_list_and_zoom(app: NewsdeskApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, app, straits_times_id(library))  # 2018-04-11: the cursor follows it
        assert strip(app).timeline == library.timeline() and library.timeline().by == "month"
        await tab_to(pilot, app, TimelineStrip)
        assert "by month · 2018-04: 2 articles" in strip_labels(app)
        assert strip_labels(app).startswith("2018-04 ") and " 2024-01 " in strip_labels(app)
        await pilot.press("enter")
        await settle(pilot)
        assert listed_ids(app) == ids_between(library, APRIL_2018) and len(listed_ids(app)) == 2
        assert date_chip(app).display and str(date_chip(app).content) == "✕ 2018-04-01 – 2018-04-30"
        assert status(app) == "2 articles"
        await pilot.press("shift+right")
        assert "2018-04 – 2018-05: 3 articles" in strip_labels(app)
        await pilot.press("enter")
        await settle(pilot)
        assert listed_ids(app) == ids_between(library, APRIL_MAY_2018) and len(listed_ids(app)) == 3
        assert str(date_chip(app).content) == "✕ 2018-04-01 – 2018-05-31"
        await pilot.press("right", "left")  # a plain move is one bucket again, no range
        assert strip(app).range_anchor is None and "by month · 2018-05: 1 article" in strip_labels(app)
        # Zoom: coarser, no coarser than a year, then finer; the cursor stays on its days.
        await pilot.press("minus")
        await settle(pilot)
        assert "by year · 2018: 3 articles" in strip_labels(app)
        await pilot.press("minus", "plus", "plus")
        await settle(pilot)
        assert strip(app).timeline == library.timeline("week")
        assert "by week · W15 2018: 2 articles" in strip_labels(app)
        assert len(listed_ids(app)) == 3  # zooming keeps the date filter
        # Escape: the range being extended first, then the date filter, then (nothing left here) the screen's.
        await pilot.press("shift+right", "escape")
        await settle(pilot)
        assert strip(app).range_anchor is None and len(listed_ids(app)) == 3
        await pilot.press("escape")
        await settle(pilot)
        assert len(listed_ids(app)) == 5 and not date_chip(app).display and status(app) == ""
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.date_filter is None
        assert not strip(app).check_action("clear", ())  # Escape falls through to the screen


async def test_the_strip_follows_the_search_and_the_entity_and_the_filters_combine(
    app: NewsdeskApp, library: Library
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, app, straits_times_id(library))
        await search(pilot, "nuclear")
        assert strip(app).timeline == library.timeline(query="nuclear")
        await tab_to(pilot, app, TimelineStrip)
        await pilot.press("enter")  # April 2018
        await settle(pilot)
        assert listed_ids(app) == [hit.id for hit in library.search("nuclear", between=APRIL_2018).hits]
        assert len(listed_ids(app)) == 2 and date_chip(app).display
        # An entity: the strip shows its own timeline (within the search); the list has all three filters.
        [ri] = [info for info in library.entities() if "Ri Yong" in info.name]
        await tab_to(pilot, app, EntitySidebar)
        sidebar = app.screen.query_one(EntitySidebar)
        sidebar.highlighted = sidebar.get_option_index(ri.id)
        await pilot.press("enter")
        await settle(pilot)
        assert strip(app).timeline == library.timeline(query="nuclear", within_entity=ri.id)
        within = library.search("nuclear", within_entity=ri.id, between=APRIL_2018).hits
        assert listed_ids(app) == [hit.id for hit in within]
        assert strip(app).date_filter == APRIL_2018  # shaded on the entity's own timeline
        # Escape undoes one at a time: the search, then the dates, then the entity.
        await pilot.press("escape")
        await settle(pilot)
        assert strip(app).timeline == library.timeline(within_entity=ri.id)
        assert listed_ids(app) == [s.id for s in library.articles(mentioning=ri.id, between=APRIL_2018)]
        await pilot.press("escape")
        await settle(pilot)
        assert listed_ids(app) == [summary.id for summary in library.articles(mentioning=ri.id)]
        assert not date_chip(app).display
        await pilot.press("escape")
        await settle(pilot)
        assert len(listed_ids(app)) == 5 and strip(app).timeline == library.timeline()


async def test_undated_articles_are_counted_apart(library: Library, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("A note with no date\n\nNothing in it says when it was written.\n")
    [added] = library.add_paths([note]).outcomes
    assert added.article_id is not None
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert strip_labels(app).endswith("· 1 undated")
        await open_article(pilot, app, added.article_id)
        labels = strip(app).render()
        current = strip(app).get_component_rich_style("timeline-strip--current", partial=True)
        assert [labels.plain[span.start : span.end] for span in labels.spans if span.style == current] == ["1 undated"]
        # A date filter leaves it out (it has no date to be in range); a click on the chip brings it back.
        assert await pilot.click(TimelineStrip, offset=(1, 1))  # the first bar (past the border and padding)
        assert app.focused is strip(app) and strip(app).cursor == 0  # April 2018
        await pilot.press("enter")
        await settle(pilot)
        assert added.article_id not in listed_ids(app) and len(listed_ids(app)) == 2
        assert await pilot.click("#date-chip")
        await settle(pilot)
        assert len(listed_ids(app)) == 6 and not date_chip(app).display
