"""JSON documents of articles (an export's array, a news API's answer, one pretty-printed article) read like JSON
Lines, with the common other names of the fields; a file that only looks like JSON is read as text."""

from __future__ import annotations

import json
from pathlib import Path

from index.library import Library

NEWS_API = {
    "status": "ok",
    "totalResults": 2,
    "articles": [
        {
            "source": {"id": None, "name": "Harbour Times"},
            "author": "Jane Doe",
            "title": "Port opens a second terminal",
            "description": "The port doubles its capacity.",
            "url": "https://example.org/terminal",
            "publishedAt": "2031-03-04T10:00:00Z",
            "content": "The harbour authority opened a second container terminal on Monday.",
        },
        {
            "source": {"id": "wire", "name": "Wire"},
            "author": None,
            "title": "Ferry returns",
            "description": "The ferry to the islands is back in service after repairs.",
            "url": "https://example.org/ferry",
            "publishedAt": "2031-03-05T09:00:00Z",
            "content": None,
        },
    ],
}


def _add(library: Library, tmp_path: Path, name: str, content: str) -> list[tuple[str, str, str | None]]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return [(o.input.removeprefix(str(path)), o.status, o.error) for o in library.add_paths([path]).outcomes]


def test_a_news_api_answer_gives_its_articles(empty_library: Library, tmp_path: Path) -> None:
    assert _add(empty_library, tmp_path, "answer.json", json.dumps(NEWS_API, indent=2)) == [
        ("#1", "added", None),
        ("#2", "added", None),
    ]
    terminal, ferry = (empty_library.get(summary.id) for summary in reversed(empty_library.articles()))
    assert (terminal.title, terminal.source, terminal.author) == (
        "Port opens a second terminal",
        "Harbour Times",
        "Jane Doe",
    )
    assert terminal.body == "The harbour authority opened a second container terminal on Monday."
    assert (terminal.url, terminal.published_iso) == ("https://example.org/terminal", "2031-03-04T10:00:00+00:00")
    assert terminal.extra["description"] == "The port doubles its capacity."
    assert ferry.body == "The ferry to the islands is back in service after repairs."  # no content: the description


def test_an_array_of_records_with_other_field_names(empty_library: Library, tmp_path: Path) -> None:
    records = [
        {
            "headline": "Rail link approved",
            "text": "The rail link to the port was approved.",
            "link": "https://x.org/r",
        },
        "not a record",
        {"headline": "Nothing to read"},
    ]
    outcomes = _add(empty_library, tmp_path, "export.txt", json.dumps(records))
    assert sorted(outcomes) == [
        ("#1", "added", None),
        ("#2", "failed", "not a JSON object"),
        ("#3", "failed", 'no "body" or "html" text'),
    ]
    (article,) = (empty_library.get(summary.id) for summary in empty_library.articles())
    assert (article.title, article.url) == ("Rail link approved", "https://x.org/r")


def test_one_pretty_printed_article(empty_library: Library, tmp_path: Path) -> None:
    article = {"title": "Dam opens", "body": "The dam opened on Friday.", "date": "2031-01-02", "authors": ["A", "B"]}
    assert _add(empty_library, tmp_path, "one.json", json.dumps(article, indent=4)) == [("#1", "added", None)]
    (summary,) = empty_library.articles()
    assert empty_library.get(summary.id).author == "A, B"


def test_text_that_only_opens_like_json_is_read_as_text(empty_library: Library, tmp_path: Path) -> None:
    text = "[Reuters] Markets rise\n\nShares rose on Monday as investors cheered the port's new terminal."
    assert _add(empty_library, tmp_path, "wire.txt", text)[0][1:] == ("added", None)
    (summary,) = empty_library.articles()
    assert "Shares rose on Monday" in empty_library.get(summary.id).body


def test_a_minified_news_api_answer_is_one_document_not_json_lines(empty_library: Library, tmp_path: Path) -> None:
    outcomes = _add(empty_library, tmp_path, "answer.json", json.dumps(NEWS_API))  # one line
    assert outcomes == [("#1", "added", None), ("#2", "added", None)]


def test_other_names_that_do_not_fit_are_extras_not_failures(empty_library: Library, tmp_path: Path) -> None:
    records = [
        {"title": "Dam opens", "body": "The dam opened.", "published": True},
        {"title": "Bridge closes", "html": "<p>The bridge closed.</p>", "summary": {"short": "closed"}},
        {"title": "Ferry returns", "body": "  ", "content": "The ferry returned."},
        {"title": "Rail link", "text": "The rail link opened.", "pubDate": "sometime last week"},
        {"title": "Tram runs", "body": "The tram ran.", "headline": 7, "publisher": {"id": 5}},
    ]
    assert _add(empty_library, tmp_path, "r.jsonl", "\n".join(map(json.dumps, records))) == [
        (f"#{n}", "added", None) for n in range(1, 6)
    ]
    by_title = {s.title: empty_library.get(s.id) for s in empty_library.articles()}
    assert by_title["Dam opens"].published is None and by_title["Dam opens"].extra["published"] == "true"
    assert by_title["Ferry returns"].body == "The ferry returned."
    assert by_title["Rail link"].published is None and by_title["Rail link"].extra["pubDate"] == "sometime last week"
    assert by_title["Bridge closes"].extra["summary"] == '{"short": "closed"}'
    assert by_title["Tram runs"].source is None and by_title["Tram runs"].extra["publisher"] == '{"id": 5}'


def test_an_article_object_holding_a_list_of_objects_is_one_article(empty_library: Library, tmp_path: Path) -> None:
    article = {
        "title": "Dam opens",
        "body": "The dam opened on Friday.",
        "authors": [{"name": "Jane"}, {"name": "Sam"}],
    }
    assert _add(empty_library, tmp_path, "one.json", json.dumps(article, indent=2)) == [("#1", "added", None)]
    (summary,) = empty_library.articles()
    assert empty_library.get(summary.id).author == "Jane, Sam"


def test_markdown_opening_with_a_bracket_stays_markdown(empty_library: Library, tmp_path: Path) -> None:
    text = (
        "[![Build](https://ci.example/badge.svg)](https://ci.example)\n\n# Port opens\n\nThe **port** opened on Monday."
    )
    _add(empty_library, tmp_path, "README.md", text)
    (summary,) = empty_library.articles()
    assert "**" not in empty_library.get(summary.id).body  # read as Markdown, not as text


def test_an_empty_json_document_fails_in_one_line(empty_library: Library, tmp_path: Path) -> None:
    assert _add(empty_library, tmp_path, "none.json", '{"articles": []}') == [("", "failed", "no articles in it")]


def test_a_list_of_other_things_is_no_list_of_records(empty_library: Library, tmp_path: Path) -> None:
    answer = {"status": "ok", "items": ["a", "b"], "tags": [1, 2]}
    # One object that is no article, failing once for that, not once per string as "not a JSON object".
    assert _add(empty_library, tmp_path, "answer.json", json.dumps(answer)) == [
        ("#1", "failed", 'no "body" or "html" text')
    ]


def test_an_empty_json_array_fails_in_one_line(empty_library: Library, tmp_path: Path) -> None:
    assert _add(empty_library, tmp_path, "none.txt", "[\n]\n") == [("", "failed", "no articles in it")]
