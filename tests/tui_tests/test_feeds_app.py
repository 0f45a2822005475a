"""Refreshing feeds from the app: `R` fetches in a worker, shows progress, says what came in and what failed."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message
from textual.widgets import ProgressBar

from index.library import open_library
from tests.index_tests.feeds import rss
from tests.local_http import LocalServer
from tui.app import NewsdeskApp
from tui.messages import IngestProgress
from tui.widgets.article_list import ArticleList

from .support import SIZE, notifications, settle

RSS_TYPE = "application/rss+xml; charset=utf-8"


async def test_r_refreshes_feeds_with_progress_and_reports_failures(http_server: LocalServer, tmp_path: Path) -> None:
    items = [("Dam opens", http_server.url("/dam"), 1)]
    http_server.route("/feed", rss("Wire", items).encode(), content_type=RSS_TYPE)
    http_server.route("/broken", b"", status=503)
    seen: list[Message] = []
    with open_library(tmp_path / "library") as library:
        library.subscribe([http_server.url("/feed"), http_server.url("/broken")])
        items.append(("Bridge closes", http_server.url("/bridge"), 2))
        http_server.route("/feed", rss("Wire", items).encode(), content_type=RSS_TYPE)
        app = NewsdeskApp(library)
        async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
            await settle(pilot)
            article_list = app.screen.query_one(ArticleList)
            assert article_list.option_count == 1
            await pilot.press("R")
            await settle(pilot)
            await settle(pilot)
            messages = [n.message for n in notifications(app)]
            assert any("2 feeds refreshed: 1 new" in message for message in messages), messages
            assert any("503" in message for message in messages), messages
            assert article_list.option_count == 2
            assert any(isinstance(message, IngestProgress) for message in seen)
            assert not app.screen.query_one("#ingest-progress", ProgressBar).display


async def test_r_without_feeds_says_how_to_subscribe(tmp_path: Path) -> None:
    with open_library(tmp_path / "library") as library:
        app = NewsdeskApp(library)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("R")
            await settle(pilot)
            assert any("newsdesk feeds add" in n.message for n in notifications(app))
