"""Subscribing and refreshing against a loopback HTTP server: conditional requests, full pages for summary-only
entries, failing feeds that do not stop the others, OPML lists, and the CLI's feeds/refresh contract."""

from __future__ import annotations

from pathlib import Path

from index.library import Library
from tests.index_tests.feeds import page, rss
from tests.index_tests.test_cli import run
from tests.local_http import LocalServer

RSS_TYPE = "application/rss+xml; charset=utf-8"


def test_refresh_asks_conditionally_and_adds_only_what_is_new(http_server: LocalServer, empty_library: Library) -> None:
    items = [("Dam opens", http_server.url("/dam"), 1), ("Bridge closes", http_server.url("/bridge"), 2)]
    http_server.route("/feed", rss("Wire", items).encode(), content_type=RSS_TYPE, etag='"v1"')
    first = empty_library.subscribe([http_server.url("/feed")])
    assert [(f.status, f.entries, f.title) for f in first.feeds] == [("ok", 2, "Wire")]
    assert first.articles.count("added") == 2

    second = empty_library.refresh()
    assert [f.status for f in second.feeds] == ["not-modified"]
    assert http_server.requests[-1][1].get("if-none-match") == '"v1"'

    items.append(("Ferry returns", http_server.url("/ferry"), 3))
    http_server.route("/feed", rss("Wire", items).encode(), content_type=RSS_TYPE, etag='"v2"')
    third = empty_library.refresh()
    assert third.articles.count("added") == 1 and third.articles.count("unchanged") == 2
    article = empty_library.get(empty_library.find_by_url(http_server.url("/ferry")) or "")
    assert (article.path, article.source) == (http_server.url("/feed"), "Wire")
    (info,) = empty_library.feeds()
    assert (info.articles, info.subscription.error) == (3, None)


def test_an_article_the_user_removed_does_not_come_back_with_its_feed(
    http_server: LocalServer, empty_library: Library
) -> None:
    items = [("Dam opens", http_server.url("/dam"), 1), ("Bridge closes", http_server.url("/bridge"), 2)]
    http_server.route("/feed", rss("Wire", items, summary_only=True).encode(), content_type=RSS_TYPE)
    for name, _, seed in items:
        http_server.route(f"/{name.split()[0].lower()}", page(name, seed).encode(), content_type="text/html")
    assert empty_library.subscribe([http_server.url("/feed")]).articles.count("added") == 2
    removed = empty_library.find_by_url(http_server.url("/dam?utm_source=feed")) or ""
    assert empty_library.remove([removed]) == [removed]

    items.append(("Ferry returns", http_server.url("/ferry"), 3))
    http_server.route("/feed", rss("Wire", items, summary_only=True).encode(), content_type=RSS_TYPE)
    http_server.route("/ferry", page("Ferry returns", 3).encode(), content_type="text/html")
    pages_asked = len(http_server.requests)
    report = empty_library.refresh()
    assert report.articles.count("added") == 1
    assert empty_library.find_by_url(http_server.url("/dam")) is None
    assert [path for path, _ in http_server.requests[pages_asked:]] == ["/feed", "/ferry"]  # not the removed page


def test_a_removed_entry_without_a_link_stays_removed(http_server: LocalServer, empty_library: Library) -> None:
    def feed(titles: list[str]) -> bytes:
        items = "".join(
            f"<item><title>{title}</title><description>{title} happened on Monday, officials said.</description></item>"
            for title in titles
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode()

    http_server.route("/feed", feed(["Dam opens", "Bridge closes"]), content_type=RSS_TYPE)
    empty_library.subscribe([http_server.url("/feed")])
    (dam,) = [summary.id for summary in empty_library.articles() if summary.title == "Dam opens"]
    empty_library.remove([dam])
    http_server.route("/feed", feed(["Dam opens", "Bridge closes", "Ferry returns"]), content_type=RSS_TYPE)
    assert empty_library.refresh().articles.count("added") == 1
    assert sorted(summary.title for summary in empty_library.articles()) == ["Bridge closes", "Ferry returns"]


def test_summary_only_entries_get_their_page_and_fall_back_to_the_summary(
    http_server: LocalServer, empty_library: Library
) -> None:
    items = [("Night trains return", http_server.url("/trains"), 4), ("Gone story", http_server.url("/gone"), 5)]
    http_server.route("/feed", rss("Wire", items, summary_only=True).encode(), content_type=RSS_TYPE)
    http_server.route("/trains", page("Night trains return", 4).encode())
    http_server.route("/gone", b"", status=404)
    report = empty_library.subscribe([http_server.url("/feed")])
    assert report.articles.count("added") == 2
    trains = empty_library.get(empty_library.find_by_url(http_server.url("/trains")) or "")
    assert len(trains.body) > 500 and "Home" not in trains.body  # the page's article, not the one-line summary
    assert trains.title == "Night trains return" and trains.path == http_server.url("/feed")
    gone = empty_library.get(empty_library.find_by_url(http_server.url("/gone")) or "")
    assert gone.body  # the summary is kept when the page fails

    fetched = len(http_server.requests)
    empty_library.refresh()
    assert [path for path, _ in http_server.requests[fetched:]] == ["/feed"]  # known entries' pages not fetched again


def test_a_failing_feed_is_one_line_and_the_others_still_refresh(
    http_server: LocalServer, empty_library: Library
) -> None:
    http_server.route("/good", rss("Good", [("Dam opens", http_server.url("/dam"), 1)]).encode(), content_type=RSS_TYPE)
    http_server.route("/broken", b"", status=500)
    http_server.route("/notafeed", b"<html><body>hello</body></html>")
    http_server.route("/moved", b"", redirect_to="/good")
    report = empty_library.subscribe([http_server.url(p) for p in ("/good", "/broken", "/notafeed", "/moved")])
    statuses = {Path(f.feed).name: (f.status, f.error) for f in report.feeds}
    assert statuses["good"][0] == statuses["moved"][0] == "ok"
    assert statuses["broken"][0] == statuses["notafeed"][0] == "failed"
    assert "500" in (statuses["broken"][1] or "")
    assert all("\n" not in (error or "") for _, error in statuses.values())
    assert report.articles.count("added") == 1  # the moved feed's entry is the same article
    failing = {info.subscription.location for info in empty_library.feeds() if info.subscription.error}
    assert failing == {http_server.url("/broken"), http_server.url("/notafeed")}


def test_opml_subscribes_to_every_feed(http_server: LocalServer, empty_library: Library, tmp_path: Path) -> None:
    for n in (1, 2):
        body = rss(f"Wire {n}", [(f"Story {n}", http_server.url(f"/s{n}"), n)]).encode()
        http_server.route(f"/f{n}", body, content_type=RSS_TYPE)
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>'
        f'<outline text="News"><outline type="rss" text="One" xmlUrl="{http_server.url("/f1")}"/></outline>'
        f'<outline type="rss" text="Two" xmlUrl="{http_server.url("/f2")}"/></body></opml>'
    )
    report = empty_library.add_paths([opml])
    assert report.count("added") == 2
    assert [info.subscription.title for info in empty_library.feeds()] == ["Wire 1", "Wire 2"]


def test_cli_feeds_and_refresh(http_server: LocalServer, tmp_path: Path) -> None:
    feed = http_server.url("/feed")
    http_server.route("/feed", rss("Wire", [("Dam opens", http_server.url("/dam"), 1)]).encode(), content_type=RSS_TYPE)
    library = tmp_path / "lib"
    code, _, err = run(library, "refresh")
    assert code == 1 and "no feeds" in err
    code, added, _ = run(library, "feeds", "add", "--json", feed)
    assert code == 0
    assert added["feeds"] == [{"feed": feed, "title": "Wire", "status": "ok", "entries": 1, "error": None}]
    assert added["articles"]["added"] == 1
    code, listed, _ = run(library, "feeds", "list", "--json")
    assert [(f["feed"], f["title"], f["articles"], f["error"]) for f in listed] == [(feed, "Wire", 1, None)]
    code, refreshed, _ = run(library, "refresh", "--json")
    assert code == 0 and refreshed["articles"]["added"] == 0
    code, _, err = run(library, "feeds", "add", "ftp://example.org/feed")
    assert code == 1 and err.count("\n") == 1 and "http" in err
    code, _, err = run(library, "feeds", "remove", feed, http_server.url("/other"))
    assert code == 1 and err.count("\n") == 1 and "not subscribed to" in err
    code, removed, _ = run(library, "feeds", "remove", "--json", f" {feed} ")
    assert code == 0 and removed == {"unsubscribed": [feed]}
    code, listed, _ = run(library, "feeds", "list", "--json")
    assert listed == []
    code, articles, _ = run(library, "articles", "--json")
    assert [article["title"] for article in articles] == ["Dam opens"]  # what the feed brought stays
