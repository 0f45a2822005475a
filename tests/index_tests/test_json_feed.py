"""JSON Feed (jsonfeed.org, versions 1 and 1.1), as a file and as a subscription: each item one article with its
title, link, date, author and the feed's title as its source, like an RSS or Atom entry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from index.ingest.feed import looks_like_feed
from index.ingest.json_feed import parse_json_feed
from index.ingest.sniff import sniff_format
from index.library import Library
from tests.local_http import LocalServer

ITEMS: list[dict[str, Any]] = [
    {
        "id": "1",
        "url": "/2031/03/terminal",
        "title": "Port opens a second terminal",
        "content_html": "<p>The harbour authority opened a <b>second</b> container terminal on Monday.</p>",
        "date_published": "2031-03-04T10:00:00+01:00",
        "authors": [{"name": "Jane Doe"}, {"name": "Sam Roe"}],
    },
    {
        "id": 2,
        "url": "https://example.org/ferry",
        "title": "Ferry returns",
        "content_text": "The ferry returned to service on Tuesday <after repairs>.\n\nIts engines were replaced.",
        "date_published": "2031-03-05T09:00:00Z",
        "author": {"name": "Ann Poe"},  # version 1's single author
    },
    {"id": "3", "url": "https://example.org/rail", "summary": "Rail link approved.", "title": "Rail link"},
]


def _feed(items: list[dict[str, Any]]) -> bytes:
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Harbour Wire", "items": items}
    return json.dumps(feed, indent=2).encode()


def _by_title(library: Library) -> dict[str, Any]:
    return {summary.title: library.get(summary.id) for summary in library.articles()}


def test_a_json_feed_file_gives_an_article_per_item(empty_library: Library, tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"  # the content decides, not the name
    path.write_bytes(_feed(ITEMS))
    assert sniff_format(path.read_bytes(), path.name) == "feed"
    report = empty_library.add_paths([path])
    assert report.count("added") == 3, report
    articles = _by_title(empty_library)
    terminal, ferry, rail = articles["Port opens a second terminal"], articles["Ferry returns"], articles["Rail link"]
    assert terminal.body == "The harbour authority opened a second container terminal on Monday."
    assert (terminal.source, terminal.author) == ("Harbour Wire", "Jane Doe, Sam Roe")
    assert terminal.url == "/2031/03/terminal"  # a file has no address to resolve it against
    assert terminal.published_iso and terminal.published_iso.startswith("2031-03-04T10:00")
    assert ferry.body == "The ferry returned to service on Tuesday <after repairs>.\n\nIts engines were replaced."
    assert (ferry.author, ferry.url) == ("Ann Poe", "https://example.org/ferry")
    assert rail.body == "Rail link approved."
    assert empty_library.add_paths([path]).count("unchanged") == 3


def test_a_broken_json_feed_fails_in_one_line(empty_library: Library, tmp_path: Path) -> None:
    path = tmp_path / "feed.json"
    path.write_text('{"version": "https://jsonfeed.org/version/1", "items": "none"}')
    (outcome,) = empty_library.add_paths([path]).outcomes
    assert outcome.status == "failed" and outcome.error == 'not a JSON Feed: no "items" list'


def test_a_json_feed_subscription_refreshes_like_any_feed(http_server: LocalServer, empty_library: Library) -> None:
    http_server.route("/feed.json", _feed(ITEMS[:2]), content_type="application/feed+json")
    report = empty_library.subscribe([http_server.url("/feed.json")])
    assert [(feed.status, feed.entries, feed.title) for feed in report.feeds] == [("ok", 2, "Harbour Wire")]
    terminal = _by_title(empty_library)["Port opens a second terminal"]
    assert terminal.url == http_server.url("/2031/03/terminal")  # relative links resolve against the feed
    http_server.route("/feed.json", _feed(ITEMS), content_type="application/feed+json")
    assert empty_library.refresh().articles.count("added") == 1


def test_a_big_feed_with_sorted_keys_and_an_unreadable_date(empty_library: Library, tmp_path: Path) -> None:
    items = [
        {"id": True, "title": f"Story {n}", "content_text": f"Story number {n} of the day. " * 20} for n in range(60)
    ]
    items[0]["date_published"] = "sometime last week"
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Wire", "items": items}
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed, sort_keys=True))  # "items" first: the version comes after 16 KB of them
    assert path.stat().st_size > 20_000
    report = empty_library.add_paths([path])
    assert report.count("added") == 60, report
    story = next(empty_library.get(s.id) for s in empty_library.articles() if s.title == "Story 0")
    assert story.published is None and "guid" not in story.extra  # neither the bad date nor "True" kept


def test_unreadable_dates_and_non_text_ids_are_dropped() -> None:
    items = [
        {"id": 7, "title": "A", "date_published": "2031-03-04T10:00:00Z", "date_modified": "after lunch"},
        {"id": False, "title": "B", "date_published": "", "date_modified": "2031-03-05"},
        {"id": " x-1 ", "title": "C", "date_published": 20310304},
    ]
    entries = parse_json_feed(_feed(items), "feed.json").entries
    assert [(e.guid, e.published, e.updated) for e in entries] == [
        ("7", "2031-03-04T10:00:00Z", None),
        (None, None, "2031-03-05"),
        ("x-1", None, None),
    ]


def test_only_a_version_member_makes_json_a_feed() -> None:
    escaped = b'{"items": [], "version": "https:\\/\\/jsonfeed.org\\/version\\/1"}'  # PHP's json_encode
    assert looks_like_feed(escaped) and parse_json_feed(escaped, "f.json").entries == ()
    article = {"title": "Feeds", "body": 'A feed says "version": "https://jsonfeed.org/version/1.1" first.'}
    assert not looks_like_feed(json.dumps(article).encode())
