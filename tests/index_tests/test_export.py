"""`newsdesk export` and the Markdown it writes: articles or a search's results, safe from what articles contain."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from index.cli import main
from index.errors import NewsdeskError
from index.export import article_markdown, articles_markdown, results_markdown
from index.library import Library
from index.model import Article, Hit, SearchResult
from index.private import write_private_file

from .conftest import SEED_TITLES

# Anything a terminal would act on: escape sequences, C0 and C1 controls (a line break is fine).
TERMINAL_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
ARTICLE_KEYS = {"id", "title", "source", "url", "path", "published", "published_from", "entities"}
BODY_KEYS = ARTICLE_KEYS | {"body", "mentions", "provenance", "author", "extra"}

HOSTILE_LINES = [
    "# Not a heading",
    "> not a quote",
    "- not a list",
    "+ not a list either",
    "1. not an ordered list",
    "```",
    "~~~python",
    "    not indented code",
    "<!-- swallow the rest",
    "<script>alert(1)</script>",
    "---",
    "[ref]: https://example.com/hidden",
    "*not emphasis* and `not code` and [not](a link)",
]


def run_raw(library: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--library", str(library), *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def run(library: Path, *args: str) -> tuple[int, Any, str]:
    """The CLI's exit code, stdout (parsed when it is JSON) and stderr."""
    code, text, err = run_raw(library, *args)
    is_json = ("json" in args or "--json" in args) and text.startswith(("{", "["))
    return code, (json.loads(text) if is_json else text), err


@pytest.fixture(scope="module")
def seeded(seeded_library: Library) -> Path:
    return seeded_library.path


def _ids(library: Library) -> dict[str, str]:
    return {Path(summary.path).name[:3]: summary.id for summary in library.articles()}


def _hostile_article() -> Article:
    return Article(
        id="0123456789abcdef",
        title="# 1. > `Breaking` *news* #",
        body="\n".join(HOSTILE_LINES),
        path="/tmp/hostile.txt",
        source="- The <b>Source</b>",
        url="https://example.com/a?b=c_d",
        published=dt.date(2024, 5, 6),
    )


def _blocks(markdown: str) -> list[str]:
    """The block-level structure a CommonMark parser sees (the tokens that open a block)."""
    markdown_it = pytest.importorskip("markdown_it")
    tokens = markdown_it.MarkdownIt("commonmark").parse(markdown)
    return [token.type for token in tokens if token.nesting >= 0 and token.level == 0 and token.type != "inline"]


def test_an_article_is_a_heading_a_metadata_line_and_its_paragraphs(seeded_library: Library) -> None:
    article = seeded_library.get(_ids(seeded_library)["003"])
    markdown = article_markdown(article)
    lines = markdown.split("\n\n")
    assert lines[0] == f"# {SEED_TITLES['003']}"
    assert article.source and article.published_iso and article.url
    assert lines[1] == f"{article.source} · {article.published_iso[:10]} · <{article.url}>"
    paragraphs = [line.strip() for line in article.body.splitlines() if line.strip()]
    assert len(lines) == 2 + len(paragraphs)
    assert markdown.endswith("\n") and not TERMINAL_CONTROL.search(markdown)
    assert _blocks(markdown) == ["heading_open", *["paragraph_open"] * (1 + len(paragraphs))]


def test_article_text_cannot_make_markdown_structure() -> None:
    markdown = article_markdown(_hostile_article())
    # One heading (the title) and nothing but paragraphs after it: no quote, list, code, HTML, rule or link definition.
    assert _blocks(markdown) == ["heading_open", *["paragraph_open"] * (1 + len(HOSTILE_LINES))]
    title = markdown.split("\n", 1)[0]
    assert title == r"# \# 1. > \`Breaking\` \*news\* \#"
    assert "\\- The \\<b>Source\\</b> · 2024-05-06 · <https://example.com/a?b=c_d>" in markdown
    assert "\n\n\\# Not a heading\n\n" in markdown and "\n\n1\\. not an ordered list\n\n" in markdown
    assert "\n\nnot indented code\n\n" in markdown


def test_the_rendered_text_says_what_the_article_says() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    html = markdown_it.MarkdownIt("commonmark").render(article_markdown(_hostile_article()))
    assert "<h1># 1. &gt; `Breaking` *news* #</h1>" in html
    assert "<p># Not a heading</p>" in html and "<p>&lt;!-- swallow the rest</p>" in html
    assert "<p>*not emphasis* and `not code` and [not](a link)</p>" in html
    assert "<script>" not in html and "<em>" not in html and "<code>" not in html


def test_several_articles_make_one_document(seeded_library: Library) -> None:
    articles = [seeded_library.get(article_id) for article_id in _ids(seeded_library).values()]
    markdown = articles_markdown(articles)
    assert [line[2:] for line in markdown.splitlines() if line.startswith("# ")] == [a.title for a in articles]


def test_a_result_list_has_its_query_heading_hits_and_snippets(seeded_library: Library) -> None:
    result = seeded_library.search('"Choe Son Hui"', limit=20)
    articles = [seeded_library.get(hit.id) for hit in result.hits]
    markdown = results_markdown(result.query, result, articles)
    assert markdown.startswith('# Search: "Choe Son Hui"\n\n2 articles found.\n\n')
    assert [line[3:] for line in markdown.splitlines() if line.startswith("## ")] == [h.title for h in result.hits]
    assert markdown.count("**Choe Son Hui**") >= 2 and not TERMINAL_CONTROL.search(markdown)
    assert _blocks(markdown) == ["heading_open", "paragraph_open", *["heading_open", *["paragraph_open"] * 2] * 2]


def test_a_hostile_snippet_keeps_only_our_bold() -> None:
    hit = Hit(
        id="0123456789abcdef",
        title="> quoted *title*",
        path="/tmp/x",
        source=None,
        published=None,
        score=1.0,
        title_segments=(("> quoted *title*", False),),
        snippet_segments=(("# a **fake** ", False), ("match", True), (" and <!-- more", False)),
    )
    markdown = results_markdown("x*", SearchResult("x*", 3, (hit,)))
    assert (
        "# Search: x\\*\n\n3 articles found; the best 1 below.\n\n## \\> quoted \\*title\\*\n\nundated\n\n" in markdown
    )
    assert markdown.endswith("\\# a \\*\\*fake\\*\\* **match** and \\<!-- more\n")
    assert results_markdown("nothing", SearchResult("nothing", 0, ())) == "# Search: nothing\n\nNothing found.\n"


def test_export_ids_as_json_gives_each_article_with_its_body(seeded: Path, seeded_library: Library) -> None:
    ids = _ids(seeded_library)
    code, document, err = run(seeded, "export", ids["000"][:6], ids["004"], "--format", "json")
    assert (code, err) == (0, "")
    assert set(document) == {"articles"}
    assert [article["id"] for article in document["articles"]] == [ids["000"], ids["004"]]
    assert all(set(article) == BODY_KEYS for article in document["articles"])
    assert document["articles"][0]["title"] == SEED_TITLES["000"] and document["articles"][0]["body"]


def test_export_a_query_as_json_gives_the_best_results_in_full(seeded: Path) -> None:
    code, document, _ = run(seeded, "export", "--query", "Russia", "--limit", "2", "--format", "json")
    assert code == 0 and set(document) == {"query", "total", "articles"}
    assert (document["query"], document["total"], len(document["articles"])) == ("Russia", 5, 2)
    _, search, _ = run(seeded, "search", "Russia", "--limit", "2", "--json")
    assert [a["id"] for a in document["articles"]] == [hit["id"] for hit in search["hits"]]
    assert all(set(article) == BODY_KEYS for article in document["articles"])


def test_export_markdown_goes_to_stdout_by_default(seeded: Path, seeded_library: Library) -> None:
    code, text, err = run(seeded, "export", _ids(seeded_library)["001"])
    assert (code, err) == (0, "") and text.startswith(f"# {SEED_TITLES['001']}\n\n")
    code, text, _ = run(seeded, "export", "--query", "Vorontsov")
    assert code == 0 and text.startswith("# Search: Vorontsov\n\n1 article found.\n\n## ")


def test_export_to_a_file_is_user_only_and_never_clobbers_without_force(
    seeded: Path, seeded_library: Library, tmp_path: Path
) -> None:
    target = tmp_path / "notes.md"
    article_id = _ids(seeded_library)["002"]
    code, text, err = run(seeded, "export", article_id, "--output", str(target))
    assert (code, err) == (0, "") and text == f"exported 1 article to {target}\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith(f"# {SEED_TITLES['002']}")
    target.write_text("mine")
    code, _, err = run(seeded, "export", article_id, "--output", str(target))
    assert code == 1 and err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert target.read_text() == "mine"
    target.chmod(0o644)
    code, _, _ = run(seeded, "export", "--query", "Lavrov", "--format", "json", "--output", str(target), "--force")
    assert code == 0 and json.loads(target.read_text(encoding="utf-8"))["query"] == "Lavrov"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.md"]  # no temporary file left behind


def test_write_private_file_reports_a_missing_folder_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(NewsdeskError, match="no such folder"):
        write_private_file(tmp_path / "missing" / "out.md", "text")
    with pytest.raises(NewsdeskError, match="is a folder"):
        write_private_file(tmp_path, "text", force=True)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export",), "nothing to export"),
        (("export", "0000", "--query", "Lavrov"), "not both"),
        (("export", "0000000000000000"), "no article with id"),
        (("export", "--query", '"unclosed'), "unclosed quote"),
    ],
)
def test_export_errors_are_one_line(seeded: Path, args: tuple[str, ...], message: str) -> None:
    code, _, err = run(seeded, *args)
    assert code == 1 and err.count("\n") == 1 and message in err and "Traceback" not in err


def test_no_terminal_escape_reaches_an_export(tmp_path: Path) -> None:
    feed = tmp_path / "hostile.jsonl"
    record = {
        "title": "Red \x1b[31malert\x1b[0m \x9b2J in the \x1b]0;owned\x07title",
        "body": "First \x1b[2Jparagraph with a bell\x07 and a C1\x85 control.\n\nSecond \x1bc paragraph.",
        "source": "Wire\x1b[5m",
        "url": "https://example.com/escape",
        "date": "2024-02-03",
    }
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    library = tmp_path / "library"
    code, report, _ = run(library, "add", str(feed), "--json")
    assert code == 0 and report["added"] == 1
    article_id = report["inputs"][0]["id"]
    for args in ([article_id], ["--query", "paragraph"]):
        for form in ("markdown", "json"):
            code, text, _ = run_raw(library, "export", *args, "--format", form)
            assert code == 0 and "alert" in text and "paragraph" in text
            assert not TERMINAL_CONTROL.search(text) and "\\u001b" not in text and "\\u0007" not in text
