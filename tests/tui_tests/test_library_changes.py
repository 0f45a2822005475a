"""Articles another process adds (`newsdesk add`, `watch`, a scheduled `refresh`) show up in a running app: it polls
the library's generation, reads the list again once that process has finished, and keeps the cursor on its article."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from textual.pilot import Pilot

import tui.screens.main
from index.library import Library, open_library
from index.paging import PagedSummaries
from tui.app import NewsdeskApp
from tui.widgets.article_list import ArticleList

from .support import SIZE, notifications, option_labels, search, settle

NEW_TITLE = "Port opens a second terminal"


def _newest_article(folder: Path) -> Path:
    folder.mkdir()
    record = {
        "title": NEW_TITLE,
        "body": "The harbour authority opened a second container terminal on Monday, doubling what the port"
        " can handle. Shipping lines welcomed the quayside cranes.",
        "date": "2031-03-04",  # newer than every bundled article: the new row comes first
    }
    (folder / "wire.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return folder


async def _until(pilot: Pilot[None], holds: Callable[[], bool]) -> None:
    for _ in range(100):  # a few ticks normally; room for a loaded CI machine
        await settle(pilot)
        if holds():
            return
        await asyncio.sleep(0.05)


async def test_articles_another_process_adds_show_up_with_the_cursor_kept(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tui.screens.main, "CHANGES_POLL_SECONDS", 0.05)
    reads = 0
    article_pages = library.article_pages

    def counted() -> PagedSummaries:
        nonlocal reads
        reads += 1
        return article_pages()

    monkeypatch.setattr(library, "article_pages", counted)
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        await pilot.press("j", "j")
        await settle(pilot)
        cursor_title = option_labels(article_list)[article_list.highlighted or 0]
        await asyncio.sleep(0.3)  # several ticks with nothing changed
        await settle(pilot)
        assert reads == 1

        with open_library(library.path) as beside:  # its own connection and registry, as another process has
            beside.add_paths([_newest_article(tmp_path / "new")])
        await _until(pilot, lambda: article_list.option_count == 6)

        assert reads == 2
        labels = option_labels(article_list)
        assert NEW_TITLE in labels[0]
        assert labels[article_list.highlighted or 0] == cursor_title  # one row further down, the same article
        assert any(n.message == "1 new article in the library." for n in notifications(app))
        await search(pilot, "quayside")  # the index is read afresh too
        assert [label for label in option_labels(article_list) if NEW_TITLE in label]


async def test_an_empty_library_says_how_to_add_until_articles_arrive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tui.screens.main, "CHANGES_POLL_SECONDS", 0.05)
    with open_library(tmp_path / "my library") as library:
        app = NewsdeskApp(library)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            [hint] = notifications(app)
            assert hint.title == "An empty library"
            assert "newsdesk --library '" + str(tmp_path / "my library") + "' add PATH" in hint.message

            with open_library(library.path) as beside:
                beside.add_paths([_newest_article(tmp_path / "new")])
            article_list = app.screen.query_one(ArticleList)
            await _until(pilot, lambda: article_list.option_count == 1)
            assert [n.message for n in notifications(app)] == ["1 new article in the library."]


async def test_an_add_underway_elsewhere_shows_once_it_ends_and_its_leftovers_get_their_entities(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tui.screens.main, "CHANGES_POLL_SECONDS", 0.05)
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        # Another process adding holds the library's entities lock through its add (index.adding).
        with FileLock(library.path / "entities.lock"):
            with open_library(library.path) as beside:
                beside.add_paths([_newest_article(tmp_path / "new")])  # its entities are left to the lock holder
                assert beside.pending_enrichment() == 1
            await asyncio.sleep(0.3)
            await settle(pilot)
            assert article_list.option_count == 5  # not while that add is underway
        await _until(pilot, lambda: article_list.option_count == 6 and library.pending_enrichment() == 0)
        assert article_list.option_count == 6 and library.pending_enrichment() == 0
