"""Adding every kind of input through the library: formats by content, duplicates, updates, reindex == fresh."""

from __future__ import annotations

import json
from pathlib import Path

from index.library import Library, open_library
from tests.index_tests.feeds import article_text, rss
from tests.index_tests.test_cli import run

MARKDOWN = """---
title: Harbour cranes return to the old port
date: 2024-03-02T09:30:00+01:00
author: Ana Ruiz
tags: [port, city]
---
# Harbour cranes return to the old port

The **city council** voted on Tuesday to bring back the [harbour cranes](https://example.org/cranes) that stood
on the quay until 1990, restoring them as a museum of the port's working past for residents and visitors alike.
"""

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Night trains return to the valley | Valley Times</title>
<meta property="og:site_name" content="Valley Times">
<meta property="article:published_time" content="2024-05-06T08:00:00Z">
<meta name="author" content="Jo Park">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Night trains return to the valley</h1>
<p>The regional railway will run night trains through the valley again from June, the operator said on Monday,
ending a gap of eleven years since the last sleeper service was withdrawn for lack of passengers.</p>
<p>Tickets go on sale next week, and the first train leaves the capital on the evening of June 3 with
sleeping cars refurbished in the company's own workshops over the winter.</p></article>
<footer>Copyright Valley Times. All rights reserved. Back to top</footer></body></html>
"""


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_each_format_is_read_by_content(tmp_path: Path, empty_library: Library) -> None:
    feed = _write(tmp_path, "feed.txt", rss("Valley Wire", [("Bridge reopens", "https://example.org/bridge", 1)]))
    page = _write(tmp_path, "saved.bin", PAGE)
    notes = _write(tmp_path, "cranes.md", MARKDOWN)
    records = _write(
        tmp_path,
        "records.jsonl",
        json.dumps({"title": "Ferry strike ends", "body": article_text(2), "date": "2024-01-05", "desk": "metro"})
        + "\n{not json\n",
    )
    report = empty_library.add_paths([feed, page, notes, records])
    assert report.count("added") == 4
    failed = [o for o in report.outcomes if o.status == "failed"]
    assert [o.input for o in failed] == [f"{records}:2"]

    by_title = {s.title: empty_library.get(s.id) for s in empty_library.articles()}
    bridge = by_title["Bridge reopens"]
    assert (bridge.path, bridge.url) == (str(feed.resolve()), "https://example.org/bridge")
    assert bridge.source == "Valley Wire"
    train = by_title["Night trains return to the valley"]
    assert train.source == "Valley Times" and train.author == "Jo Park"
    assert train.published_iso == "2024-05-06T08:00:00+00:00"
    assert "Back to top" not in train.body and "Home" not in train.body
    cranes = by_title["Harbour cranes return to the old port"]
    assert cranes.author == "Ana Ruiz" and "**" not in cranes.body and "city council" in cranes.body
    assert not cranes.body.startswith("Harbour cranes")  # the heading that repeats the title is not body text
    ferry = by_title["Ferry strike ends"]
    assert ferry.extra == {"desk": "metro"} and ferry.published_iso == "2024-01-05"


def test_readding_adds_nothing_and_one_story_from_two_feeds_is_one_article(
    tmp_path: Path, empty_library: Library
) -> None:
    first = _write(tmp_path, "a.xml", rss("Wire A", [("Dam opens", "https://example.org/dam?utm_source=a", 3)]))
    second = _write(tmp_path, "b.xml", rss("Wire B", [("Dam opens", "http://www.example.org/dam/", 3)]))
    assert empty_library.add_paths([first]).count("added") == 1
    again = empty_library.add_paths([first, second])
    assert again.count("added") == 0 and again.count("updated") == 0
    # the same text under an unrelated link is the same article too
    third = _write(tmp_path, "c.xml", rss("Wire C", [("Dam opens", "https://mirror.example.net/x1", 3)]))
    assert empty_library.add_paths([third]).count("added") == 0
    assert empty_library.count() == 1


def test_an_updated_entry_replaces_the_old_one_and_keeps_read_and_star(tmp_path: Path, empty_library: Library) -> None:
    feed = _write(tmp_path, "feed.xml", rss("Wire", [("Storm warning", "https://example.org/storm", 4)]))
    empty_library.add_paths([feed])
    (old,) = empty_library.articles()
    empty_library.mark_read(old.id)
    empty_library.star(old.id)
    _write(tmp_path, "feed.xml", rss("Wire", [("Storm warning lifted", "https://example.org/storm", 5)]))
    report = empty_library.add_paths([feed])
    assert report.count("updated") == 1
    (new,) = empty_library.articles()
    assert new.id != old.id and new.title == "Storm warning lifted"
    assert new.id in empty_library.read_ids() and new.id in empty_library.starred_ids()
    assert empty_library.search("lifted").total == 1 and empty_library.search('"Storm warning"').total == 1


def _everything(library: Library) -> list[str]:
    return sorted(
        json.dumps([library.get(s.id).__dict__ for s in library.articles()], default=str, sort_keys=True).splitlines()
    )


def test_reindex_gives_what_a_fresh_ingest_gives(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    _write(inputs, "feed.xml", rss("Wire", [(f"Story {n}", f"https://example.org/{n}", n) for n in range(1, 6)]))
    _write(inputs, "page.html", PAGE)
    _write(inputs, "notes.md", MARKDOWN)
    fresh = open_library(tmp_path / "fresh")
    fresh.add_paths([inputs])
    rebuilt = open_library(tmp_path / "rebuilt")
    rebuilt.add_paths([inputs])
    assert rebuilt.reindex() == 7
    assert _everything(rebuilt) == _everything(fresh)
    for query in ("story", "valley", "date:2024", "harbour OR trains"):
        assert [h.id for h in rebuilt.search(query).hits] == [h.id for h in fresh.search(query).hits]
    fresh.close()
    rebuilt.close()


def test_add_json_lists_each_failure_with_its_reason(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.txt", "A headline\n\n" + article_text(7))
    binary = _write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    empty = _write(tmp_path, "empty.html", "<html><body><nav>Home</nav></body></html>")
    code, report, _ = run(tmp_path / "lib", "add", "--json", str(good), str(binary), str(empty))
    assert code == 1
    statuses = {Path(item["input"]).name: (item["status"], item["error"]) for item in report["inputs"]}
    assert statuses["good.txt"][0] == "added"
    assert statuses["photo.txt"][0] == statuses["empty.html"][0] == "failed"
    assert all(statuses[name][1] for name in ("photo.txt", "empty.html"))
