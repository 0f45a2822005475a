"""`newsdesk add URL`: a web page's article (or a feed's entries, once, without subscribing) fetched and added; a
failing address fails alone in one line, beside the files of the same command."""

from __future__ import annotations

from pathlib import Path

from index.library import bundled_seeds
from tests.index_tests.feeds import page, rss
from tests.index_tests.test_cli import run
from tests.local_http import LocalServer


def test_add_fetches_pages_and_feeds_beside_files(http_server: LocalServer, tmp_path: Path) -> None:
    http_server.route("/story", page("Dam opens after ten years", 1).encode(), content_type="text/html")
    http_server.route("/moved", redirect_to="/story")
    items = [("Bridge closes", http_server.url("/bridge"), 2), ("Ferry returns", http_server.url("/ferry"), 3)]
    http_server.route("/feed", rss("Wire", items).encode(), content_type="application/rss+xml")
    seed = next(bundled_seeds().glob("*.txt"))
    library = tmp_path / "library"

    code, report, err = run(
        library, "add", "--json", str(seed), http_server.url("/moved"), http_server.url("/feed"),
        http_server.url("/missing"),
    )  # fmt: skip
    assert code == 1  # one input failed
    assert report["added"] == 4 and report["failed"] == 1
    assert err == f"newsdesk: {http_server.url('/missing')}: HTTP 404 Not Found\n"
    code, articles, _ = run(library, "articles", "--json")
    by_title = {article["title"]: article for article in articles}
    assert by_title["Dam opens after ten years"]["url"] == http_server.url("/story")  # where the redirect led
    assert {"Bridge closes", "Ferry returns"} <= set(by_title)
    code, feeds, _ = run(library, "feeds", "list", "--json")
    assert feeds == []  # a feed's address adds its entries; subscribing is `feeds add`

    code, again, _ = run(library, "add", "--json", http_server.url("/story"))
    assert code == 0 and again["unchanged"] == 1
