"""A deterministic fuzz test of every reader and of `Library.add_paths` (issue 9).

Seeded random bytes, and seeded mutations (bytes flipped, inserted, deleted, runs cut out or repeated) of small valid
samples of each format, go to every reader: the only exception is BadInputError. The same kind of files go through
`add_paths` in a fresh library: it never raises, a file that cannot be read is one "failed" outcome with a one-line
reason, and the library opens again afterwards and answers searches.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

import index.fetch
import index.library
from index.errors import BadInputError
from index.fetch import Fetched, Fetcher, FetchError
from index.ingest.document import FORMATS, Document
from index.ingest.feed import entry_documents, parse_feed
from index.ingest.html import decode_html, extract_page, html_fragment_to_text
from index.ingest.jsonl import read_json_records, read_jsonl
from index.ingest.markdown import markdown_metadata, markdown_to_text
from index.ingest.opml import parse_opml
from index.ingest.sniff import sniff_format
from index.ingest.text import decode_bytes
from index.library import open_library
from index.pipeline import build_article

from .test_property_cleaner import assert_safe

SEED = 20261127
RANDOM_INPUTS = 300
MUTATIONS_PER_SAMPLE = 80
PAGE_MUTATIONS = 25  # page extraction is the slow reader: fewer of those

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>The Daily Example</title><link>https://daily.example/</link>
<item><title>Council approves the harbour budget</title><link>https://daily.example/1</link>
<guid>https://daily.example/1</guid><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate>
<author>desk@daily.example (News Desk)</author><description>The council met on Monday.</description>
<content:encoded><![CDATA[<p>The council approved the harbour budget on Monday after a long debate.</p>
<p>The ferry service will run twice as often from March.</p>]]></content:encoded></item>
<item><title>Railway bridge reopens</title><link>https://daily.example/2</link>
<description>The bridge over the river reopened to trains on Tuesday morning.</description></item>
</channel></rss>"""

PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour budget approved | Daily</title>
<meta property="og:site_name" content="Daily"><meta name="author" content="Ana Lee">
<meta property="article:published_time" content="2024-01-01T10:00:00Z">
<link rel="canonical" href="https://daily.example/1"></head><body><nav><a href="/">Home</a> &gt; News</nav>
<article><h1>Harbour budget approved</h1><p class="byline">By Ana Lee</p>
<p>The council approved the harbour budget on Monday after a long debate about the ferry service.</p>
<p>The ferry service will run twice as often from March, the council said in a statement.</p></article>
<footer>All rights reserved</footer></body></html>"""

JSONL = (
    b'{"title": "Council approves the budget", "body": "The council approved the harbour budget on Monday.",'
    b' "date": "2024-01-01", "source": "Daily", "url": "https://daily.example/1", "tags": ["a", 1]}\n'
)

MARKDOWN = b"""---
title: "Railway bridge reopens"
date: 2024-01-02
author: [Ana Lee, Bo Kim]
tags: [transport]
---

# Railway bridge reopens

The bridge over the **river** reopened to trains on [Tuesday](https://daily.example/2) morning.

- first point
- second point
"""

TOML_MARKDOWN = b'+++\ntitle = "Ferry timetable"\ndate = 2024-01-03\n+++\nThe ferry runs twice as often from March.\n'

OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>Mine</title></head><body>
<outline text="News"><outline text="Daily" title="The Daily" type="rss" xmlUrl="https://daily.example/rss"/>
<outline text="Wire" xmlUrl="http://wire.example/feed"/></outline></body></opml>"""

TEXT = (
    b"Home > World\n\nCouncil approves the harbour budget\n\nThe council approved the harbour budget on Monday.\n\n"
    b"A version of this article appeared in the print edition of The Daily on January 2, 2024.\n\nSubscribe\n"
)

# Inputs the fuzzing found (with other seeds) that raised something other than BadInputError, kept as regressions.
FOUND = [
    # feedparser decoded the declared encoding's name as UTF-8 and raised UnicodeDecodeError
    b'<?xml version="1.0" encoding="\xf5tf-8"?><rss><channel><item><title>x</title></item></channel></rss>',
    # lxml recovers "<opm:l>" (an undeclared prefix) and etree.QName refused the tag with ValueError
    b'<?xml version="1.0"?>\n<opm:l version="2.0"><body><outline xmlUrl="https://a.example/"/></body></opm:l>',
    b"<:8.24<}{\n<outline xmlUrl='http://a.example/'/>",
    # Python 3.11's HTMLParser asserted on a broken "<![" section: in Markdown's raw HTML, and in an HTML feed title
    b"<![CDATb[x]]>\n\n<![ y\n\nSome words after it.",
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">&lt;![CDATb x</title>'
    b"<content>Body</content></entry></feed>",
    # a broken IPv6 host in a page's canonical link made urljoin raise ValueError
    PAGE.replace(b"https://daily.example/1", b"http://[::1"),
    # an OPML outline with a broken IPv6 host, and one with an escape sequence in its URL
    OPML.replace(b"https://daily.example/rss", b"http://[::1").replace(b"http://wire", b"http://\x1b[2Jwire"),
    # YAML front matter with a control character: PyYAML's reason ran over two lines
    b"---\ntitle: a\x7fb\n---\nBody.\n",
]

SAMPLES = {
    "rss": RSS,
    "page": PAGE,
    "jsonl": JSONL,
    "markdown": MARKDOWN,
    "toml": TOML_MARKDOWN,
    "opml": OPML,
    "text": TEXT,
}
# Bytes a mutation likes to insert: markup and syntax characters, controls, escape introducers, UTF-8 lead bytes.
INTERESTING = b"<>&;\"'/=[]{}:#-+\n\r\t\x00\x1b\x9b\xc2\xe2\x80\xef\xbb\xbf\xff\xfe"


MUTATIONS = ("flip", "insert", "delete", "repeat", "overwrite", "truncate")
MUTATION_WEIGHTS = (3, 3, 2, 1, 2, 0.3)  # a cut-off file is the least interesting: it fails early


def mutate(raw: bytes, rng: random.Random) -> bytes:
    data = bytearray(raw)
    for operation in rng.choices(MUTATIONS, MUTATION_WEIGHTS, k=rng.randint(1, 8)):
        position = rng.randrange(len(data) + 1)
        last = min(position, len(data) - 1)
        if operation == "flip" and data:
            data[last] ^= 1 << rng.randrange(8)
        elif operation == "insert":  # a byte with a meaning somewhere, or any byte
            data[position:position] = bytes([rng.choice(INTERESTING) if rng.random() < 0.6 else rng.randrange(256)])
        elif operation == "delete":
            del data[position : position + rng.randint(1, 16)]
        elif operation == "repeat":
            data[position:position] = data[position : position + rng.randint(1, 32)] * rng.randint(1, 20)
        elif operation == "overwrite" and data:
            data[last] = rng.randrange(256)
        elif operation == "truncate":
            del data[position:]
    return bytes(data)


def random_input(rng: random.Random) -> bytes:
    size = rng.choice([0, 1, 2, 3, 8, 64, 512, 4096])
    kind = rng.randrange(4)
    if kind == 0:  # any bytes
        return rng.randbytes(size)
    if kind == 1:  # printable ASCII and whitespace, with the odd control
        return bytes(rng.choice(b" \n\t<>&;abcdefXYZ0123456789.,:\"'{}[]\x1b\x00") for _ in range(size))
    if kind == 2:  # a format's start, then noise
        prefix = rng.choice(
            [b"<?xml version='1.0'?><rss>", b"<opml>", b"<!DOCTYPE html><p>", b"{", b"---\na: ", b"+++"]
        )
        return prefix + rng.randbytes(size)
    return rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b""]) + rng.randbytes(size)


def fuzz_inputs() -> Iterator[tuple[str, bytes]]:
    """(what it is, the bytes): random inputs, then mutations of every sample, always the same for the seed."""
    rng = random.Random(SEED)
    for number in range(RANDOM_INPUTS):
        yield f"random-{number}", random_input(rng)
    for name, sample in SAMPLES.items():
        yield name, sample
        for number in range(MUTATIONS_PER_SAMPLE):
            yield f"{name}-mutation-{number}", mutate(sample, rng)


def only_bad_input(read: Callable[[], Any], label: str) -> Any:
    try:
        return read()
    except BadInputError as error:
        message = str(error)
        assert message and "\n" not in message, f"{label}: {message!r}"
        return None
    except Exception as error:  # noqa: BLE001  (the point of the test)
        pytest.fail(f"{label}: {type(error).__name__}: {error}")


def read_everything(label: str, raw: bytes) -> None:
    """Every reader on the bytes; each may refuse them with BadInputError, none may raise anything else."""
    name = f"{label}.txt"
    assert sniff_format(raw, name) in ("feed", "opml", "jsonl", "json", "html", "markdown", "text")
    only_bad_input(lambda: decode_bytes(raw), f"decode_bytes({label})")
    only_bad_input(lambda: decode_html(raw), f"decode_html({label})")
    only_bad_input(lambda: html_fragment_to_text(raw.decode("utf-8", "replace")), f"html_fragment_to_text({label})")
    feed = only_bad_input(lambda: parse_feed(raw, "/tmp/feed.xml"), f"parse_feed({label})")
    documents: list[Document] = []
    if feed is not None:
        for entry in feed.entries:
            for text in (entry.title, entry.author):
                if text is not None:
                    assert_safe(text)
        documents.extend(entry_documents(feed, "/tmp/feed.xml"))
    records = only_bad_input(lambda: read_jsonl(raw, "/tmp/records.jsonl"), f"read_jsonl({label})") or []
    records += only_bad_input(lambda: read_json_records(raw, "/tmp/r.json"), f"read_json_records({label})") or []
    documents.extend(item for item in records if isinstance(item, Document))
    front = only_bad_input(lambda: markdown_metadata(raw), f"markdown_metadata({label})")
    if front is not None:
        only_bad_input(lambda: markdown_to_text(front[1]), f"markdown_to_text({label})")
    only_bad_input(lambda: parse_opml(raw), f"parse_opml({label})")
    documents.extend(Document(raw, form, "/tmp/input") for form in FORMATS if form != "html")
    for document in documents:
        article = only_bad_input(partial(build_article, document), f"build_article({label}, {document.format})")
        if article is not None:
            assert_safe(article.title)
            assert_safe(article.body)


def test_fuzz_every_reader() -> None:
    for label, raw in fuzz_inputs():
        read_everything(label, raw)


@pytest.mark.parametrize("raw", FOUND, ids=[f"found-{number}" for number in range(len(FOUND))])
def test_inputs_fuzzing_found(raw: bytes) -> None:
    read_everything("found", raw)
    page = only_bad_input(partial(extract_page, raw, url="http://[::1"), "extract_page(found)")
    if page is not None:
        assert_safe(page.body)


def test_fuzz_page_extraction() -> None:
    rng = random.Random(SEED + 1)
    inputs = [PAGE, *(mutate(PAGE, rng) for _ in range(PAGE_MUTATIONS)), *(random_input(rng) for _ in range(30))]
    for number, raw in enumerate(inputs):
        page = only_bad_input(partial(extract_page, raw, url="https://daily.example/1"), f"extract_page(#{number})")
        if page is not None:
            assert_safe(page.body)
            for text in (page.title, page.author, page.site_name):
                if text is not None:
                    assert_safe(text)
        document = Document(raw, "html", "/tmp/page.html")
        only_bad_input(partial(build_article, document), f"build_article(#{number})")


# --- add_paths --------------------------------------------------------------------------------------------


class OfflineFetcher(Fetcher):
    """Feeds an OPML file subscribes to are never fetched from the network here: every fetch fails at once."""

    urls: list[str] = []

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        OfflineFetcher.urls.append(url)
        raise FetchError(url, "offline (fuzz test)")


EXTENSIONS = ["", ".txt", ".xml", ".rss", ".html", ".md", ".jsonl", ".opml", ".json", ".bin"]


def write_fuzz_files(folder: Path) -> list[Path]:
    rng = random.Random(SEED + 2)
    contents = [random_input(rng) for _ in range(15)]
    for sample in SAMPLES.values():
        contents.extend(mutate(sample, rng) for _ in range(4))
    contents.extend(SAMPLES.values())  # good ones too: the OPML list subscribes (and fetches, offline)
    contents.extend([b"", b"\x00" * 64, b"\x89PNG\r\n\x1a\n" + rng.randbytes(64), b"   \n\t\n"])
    files = []
    for number, raw in enumerate(contents):
        file = folder / f"input-{number:03d}{rng.choice(EXTENSIONS)}"
        file.write_bytes(raw)
        files.append(file)
    return files


def reads_whole(file: Path) -> bool:
    """Whether the file's own reader accepts it as a whole (its articles may still fail one by one)."""
    raw = file.read_bytes()
    kind = sniff_format(raw, file.name)
    try:
        if kind == "feed":
            parse_feed(raw, str(file))
        elif kind == "jsonl":
            read_jsonl(raw, str(file))
        elif kind == "opml":
            parse_opml(raw)
        return True
    except BadInputError:
        return False


def test_fuzz_add_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index.fetch, "Fetcher", OfflineFetcher)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    files = write_fuzz_files(inputs)
    library_path = tmp_path / "library"
    library = open_library(library_path)
    try:
        report = library.add_paths([inputs])
    finally:
        library.close()

    by_file: dict[str, list[Any]] = {str(file): [] for file in files}
    for outcome in report.outcomes:
        assert outcome.status in ("added", "updated", "unchanged", "failed"), outcome
        if outcome.status == "failed":
            assert outcome.error and "\n" not in outcome.error, outcome
            assert_safe(outcome.error)
            assert outcome.article_id is None
        else:
            assert outcome.article_id and outcome.error is None, outcome
        owner = next((name for name in by_file if outcome.input.startswith(name)), None)
        assert owner is not None, f"an outcome for no input file: {outcome}"
        assert outcome.input[len(owner) :] == "" or outcome.input[len(owner)] in "#:", outcome
        by_file[owner].append(outcome)
    for file in files:
        outcomes = by_file[str(file)]
        if not reads_whole(file):
            assert [(o.input, o.status) for o in outcomes] == [(str(file), "failed")], outcomes
        elif sniff_format(file.read_bytes(), file.name) not in ("opml", "feed", "jsonl", "json"):
            assert len(outcomes) == 1 and outcomes[0].input == str(file), outcomes  # one article, or why not
    assert report.count("failed") >= 4  # at least the empty, NUL, PNG and blank files
    assert report.count("added") >= 1

    # The library opens again, catalog and index agree, and it answers searches.
    reopened = open_library(library_path)
    try:
        summaries = reopened.articles()
        assert len(summaries) == reopened.count() == report.count("added")
        for summary in summaries:
            assert_safe(summary.title)
        assert {reopened.get(summary.id).id for summary in summaries} == {summary.id for summary in summaries}
        result = reopened.search("council OR ferry OR bridge OR railway OR harbour", limit=1000)
        assert result.total >= 1
        assert {hit.id for hit in result.hits} <= {summary.id for summary in summaries}
    finally:
        reopened.close()
