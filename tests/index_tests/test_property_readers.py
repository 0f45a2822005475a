"""Property tests of every reader on hostile input (issue 9).

On arbitrary bytes and on structured but hostile inputs (feeds, pages, JSON Lines records, front matter, OPML lists
whose every field is random), the only exception a reader raises is BadInputError, and every text it hands on is
safe for a terminal: no escape sequences, control, bidi or zero-width characters. Titles in particular.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from index.errors import BadInputError, NewsdeskError
from index.ingest.document import FORMATS, Document, Metadata
from index.ingest.feed import ParsedFeed, entry_documents, parse_feed
from index.ingest.html import Page, decode_html, extract_page, html_fragment_to_text
from index.ingest.jsonl import RecordError, read_json_records, read_jsonl
from index.ingest.markdown import markdown_metadata, markdown_to_text
from index.ingest.opml import parse_opml
from index.ingest.sniff import sniff_format
from index.ingest.text import decode_bytes
from index.model import Article
from index.pipeline import build_article

from .test_property_cleaner import WORDS, assert_safe, hostile_text


def profile(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,  # nothing left behind in the checkout
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def test_a_reader_refusal_is_a_newsdesk_error() -> None:
    """What the CLI and the app catch and show as one line."""
    assert issubclass(BadInputError, NewsdeskError)


# Markup-level ways to smuggle a control character past a parser: numeric character references of ESC, BEL, CSI,
# OSC, NUL and the bidi overrides, which a parser turns into the characters themselves.
CHARACTER_REFERENCES = ["&#27;", "&#x1b;", "&#x9b;", "&#155;", "&#7;", "&#0;", "&#x202e;", "&#8238;", "&#x200b;"]
# Text fields of a generated input: hostile text, plus the character references (which escaping must not break).
field_text = st.one_of(
    hostile_text,
    st.lists(st.one_of(st.sampled_from(CHARACTER_REFERENCES), st.sampled_from(WORDS), hostile_text), max_size=8).map(
        "".join
    ),
)


def xml_text(text: str) -> str:
    """Text as XML character data: markup escaped, and an XML-illegal control character as a character reference
    (feedparser's lenient parser takes those too)."""
    return "".join(
        f"&#{ord(character)};" if ord(character) < 0x20 and character not in "\t\n\r" else character
        for character in escape(text, quote=True)
    )


# URLs that break urllib's parsing (an unclosed IPv6 host, a port out of range) or point somewhere local.
BAD_URLS = [
    "http://[::1",
    "https://[",
    "http://a.example:99999999/",
    "http://a.example:port/",
    "//[x]/",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "https://a.example/\x1b[31m",
    "https://a.example/\u202e",
    "http://\x9b1m/",
    "",
    " ",
]
urls = st.one_of(
    st.sampled_from(BAD_URLS), st.builds(lambda text: "https://news.example/" + text, field_text), field_text
)


def is_reader_error(error: BaseException) -> bool:
    """A refusal a user can read: a BadInputError of one non-empty, safe line."""
    message = str(error)
    if not isinstance(error, BadInputError) or not message or "\n" in message:
        return False
    assert_safe(message)
    return True


def assert_no_controls(url: str | None) -> None:
    """A URL keeps what an IRI may hold (a zero-width space is percent-encoded when fetched), but no control
    character: no escape sequence can start in it."""
    assert url is None or not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in url), repr(url)


def read_or_refuse(read: Callable[[], Any]) -> Any:
    """What `read` returns, or None when it refuses the input with a one-line BadInputError; anything else fails."""
    try:
        return read()
    except BadInputError as error:
        assert is_reader_error(error), repr(error)
        return None


def assert_safe_optional(*texts: str | None) -> None:
    for text in texts:
        if text is not None:
            assert_safe(text)


def assert_safe_article(article: Article) -> None:
    assert_safe(article.title)
    assert article.title.strip() and "\n" not in article.title, repr(article.title)
    assert_safe(article.body)
    assert_safe_optional(article.source, article.author, article.url)
    for key, value in article.extra.items():
        assert_safe(key)
        assert_safe(value)
    for mention in article.date_mentions:
        assert_safe(mention.text)


def assert_builds_safely(document: Document) -> Article | None:
    article = read_or_refuse(lambda: build_article(document))
    if article is not None:
        assert_safe_article(article)
    return article


# --- Arbitrary bytes --------------------------------------------------------------------------------------

arbitrary_bytes = st.one_of(
    st.binary(max_size=600),
    # Text-like bytes: hostile text in the encodings the readers guess between.
    st.tuples(hostile_text, st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1", "utf-32"])).map(
        lambda pair: pair[0].encode(pair[1], errors="replace")
    ),
)


@profile(100)
@given(arbitrary_bytes, st.sampled_from(["a.txt", "a.xml", "a.md", "a.jsonl", "a.html", "a.opml", "a"]))
def test_every_reader_on_arbitrary_bytes(raw: bytes, name: str) -> None:
    assert sniff_format(raw, name) in ("feed", "opml", "jsonl", "json", "html", "markdown", "text")
    read_or_refuse(lambda: decode_bytes(raw))
    read_or_refuse(lambda: decode_html(raw))
    read_or_refuse(lambda: decode_html(raw, declared_charset="utf-7"))
    assert_safe(html_fragment_to_text(raw.decode("latin-1")))
    feed = read_or_refuse(lambda: parse_feed(raw, "/tmp/f.xml"))
    if feed is not None:
        assert_safe_feed(feed, "/tmp/f.xml")
    records = read_or_refuse(lambda: read_jsonl(raw, "/tmp/r.jsonl")) or []
    records += read_or_refuse(lambda: read_json_records(raw, "/tmp/r.json")) or []
    for item in records:
        if isinstance(item, Document):
            assert_builds_safely(item)
    front = read_or_refuse(lambda: markdown_metadata(raw))
    if front is not None:
        markdown_to_text(front[1])  # plain text, sanitised by the cleaner that reads it next
    subscriptions = read_or_refuse(lambda: parse_opml(raw)) or []
    for subscription in subscriptions:
        assert_safe_optional(subscription.url, subscription.title)
    for form in FORMATS:
        assert_builds_safely(Document(raw, form, "/tmp/input"))


@profile(25)
@given(st.binary(min_size=1, max_size=4000))
def test_page_extraction_on_arbitrary_bytes(raw: bytes) -> None:
    page = read_or_refuse(lambda: extract_page(raw, url="https://news.example/a"))
    if page is not None:
        assert_safe_page(page)


# --- Feeds ------------------------------------------------------------------------------------------------


def assert_safe_feed(feed: ParsedFeed, location: str) -> None:
    assert_safe_optional(feed.title)
    for entry in feed.entries:
        assert_safe_optional(entry.title, entry.author)
        assert entry.title is None or "\n" not in entry.title
        if entry.content_html:
            assert_safe(html_fragment_to_text(entry.content_html))
        if entry.summary_html:
            assert_safe(html_fragment_to_text(entry.summary_html))
    for document in entry_documents(feed, location):
        assert document.format == "entry"
        assert_safe_optional(document.metadata.title, document.metadata.source, document.metadata.author)
        assert_builds_safely(document)


dates = st.one_of(
    field_text,
    st.sampled_from(
        [
            "Mon, 01 Jan 2024 10:00:00 GMT",
            "2018-04-11T08:00:00Z",
            "9999-12-31T23:59:59+14:00",
            "0001-01-01",
            "Tue, 31 Feb 2023 99:99:99 +9999",
            "-1",
            "1e400",
            "2018-04-11\x1b[31m",
        ]
    ),
)


@st.composite
def rss_feeds(draw: st.DrawFn) -> bytes:
    def field(tag: str, strategy: st.SearchStrategy[str] = field_text, cdata: bool = False) -> str:
        value = draw(strategy)
        if cdata and draw(st.booleans()):
            return f"<{tag}><![CDATA[{value.replace(']]>', '')}]]></{tag}>"
        return f"<{tag}>{xml_text(value)}</{tag}>"

    items = []
    for _ in range(draw(st.integers(0, 4))):
        parts = [
            field("title", cdata=True),
            field("link", urls),
            field("guid"),
            field("pubDate", dates),
            field("author"),
            field("description", cdata=True),
            field("content:encoded", cdata=True),
        ]
        items.append("<item>" + "".join(draw(st.lists(st.sampled_from(parts), unique=True))) + "</item>")
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "windows-1252"]))
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"{field('title', cdata=True)}<link>https://example.org/</link>{''.join(items)}</channel></rss>"
    )
    return text.encode(encoding, errors="xmlcharrefreplace")


@st.composite
def atom_feeds(draw: st.DrawFn) -> bytes:
    def construct(tag: str) -> str:
        kind = draw(st.sampled_from(["text", "html", "xhtml"]))
        value = draw(field_text)
        body = f'<div xmlns="http://www.w3.org/1999/xhtml">{xml_text(value)}</div>' if kind == "xhtml" else value
        return f'<{tag} type="{kind}">{xml_text(body) if kind != "xhtml" else body}</{tag}>'

    entries = []
    for _ in range(draw(st.integers(0, 3))):
        entries.append(
            "<entry>"
            + construct("title")
            + f'<link href="{xml_text(draw(urls))}"/><id>{xml_text(draw(field_text))}</id>'
            + f"<updated>{xml_text(draw(dates))}</updated><published>{xml_text(draw(dates))}</published>"
            + f"<author><name>{xml_text(draw(field_text))}</name></author>"
            + construct("summary")
            + construct("content")
            + "</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        + construct("title")
        + "".join(entries)
        + "</feed>"
    ).encode("utf-8", errors="surrogatepass")


@profile(80)
@given(st.one_of(rss_feeds(), atom_feeds()))
def test_hostile_feeds_give_safe_entries(raw: bytes) -> None:
    assert sniff_format(raw, "feed.txt") == "feed"
    feed = read_or_refuse(lambda: parse_feed(raw, "https://feeds.example/rss"))
    if feed is not None:
        assert_safe_feed(feed, "https://feeds.example/rss")


# --- Pages ------------------------------------------------------------------------------------------------


def assert_safe_page(page: Page) -> None:
    assert_safe(page.body)
    assert_safe_optional(page.title, page.author, page.site_name, page.language)
    assert_no_controls(page.url)
    for text in (page.title, page.author, page.site_name):
        assert text is None or "\n" not in text


@st.composite
def pages(draw: st.DrawFn) -> bytes:
    def text() -> str:
        return xml_text(draw(field_text))

    metas = "".join(
        f'<meta {attribute}="{name}" content="{text()}">'
        for attribute, name in draw(
            st.lists(
                st.sampled_from(
                    [
                        ("property", "og:title"),
                        ("property", "og:site_name"),
                        ("name", "author"),
                        ("property", "article:published_time"),
                        ("name", "description"),
                        ("http-equiv", "content-language"),
                    ]
                ),
                max_size=5,
            )
        )
    )
    canonical = xml_text(draw(urls))
    og_url = f'<meta property="og:url" content="{xml_text(draw(urls))}">'
    ld = json.dumps({"@type": "NewsArticle", "headline": draw(field_text), "datePublished": draw(dates)})
    paragraphs = "".join(f"<p>{text()} {' '.join(WORDS[:12])}</p>" for _ in range(draw(st.integers(1, 4))))
    return (
        f'<!doctype html><html lang="{text()}"><head><meta charset="utf-8"><title>{text()}</title>{metas}{og_url}'
        f'<link rel="canonical" href="{canonical}"><script type="application/ld+json">{ld}</script></head><body>'
        f'<nav>{text()}</nav><article><h1>{text()}</h1><p class="byline">By {text()}</p>'
        f'<time datetime="{text()}">{text()}</time>{paragraphs}</article><footer>{text()}</footer></body></html>'
    ).encode("utf-8", errors="surrogatepass")


@profile(30)
@given(pages())
def test_hostile_pages_give_safe_text_and_metadata(raw: bytes) -> None:
    page = read_or_refuse(lambda: extract_page(raw, url="https://news.example/a"))
    if page is not None:
        assert_safe_page(page)
    assert_builds_safely(Document(raw, "html", "/tmp/page.html", Metadata(url="https://news.example/a")))


@profile(60)
@given(st.lists(st.one_of(field_text, st.sampled_from(["<p>", "</p>", "<br>", "<li>", "<td>", "<script>"]))))
def test_hostile_html_fragments_give_safe_text(pieces: list[str]) -> None:
    assert_safe(html_fragment_to_text("".join(pieces)))


# --- JSON Lines -------------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | field_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(field_text, children, max_size=3),
    max_leaves=8,
)
record_keys = st.one_of(st.sampled_from(["title", "body", "html", "date", "source", "url", "author"]), field_text)


@st.composite
def jsonl_files(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        record: dict[str, Any] = draw(st.dictionaries(record_keys, json_values, max_size=6))
        for key in draw(st.lists(st.sampled_from(["title", "body", "html", "date", "url"]), max_size=3)):
            record[key] = draw({"date": dates, "url": urls}.get(key, field_text))
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        lines.append(draw(st.sampled_from([line, line, line, line[: len(line) // 2], "[1]", ""])))
    return "\n".join(lines).encode("utf-8", errors="surrogatepass")


@profile(40)
@given(jsonl_files())
def test_hostile_json_lines_give_safe_articles(raw: bytes) -> None:
    items = read_or_refuse(lambda: read_jsonl(raw, "/tmp/records.jsonl")) or []
    # The same records as one JSON document: an array of them (each line that parses is one).
    records = []
    for line in raw.decode("utf-8", errors="replace").split("\n"):
        try:
            records.append(json.loads(line))
        except ValueError:
            continue
    items += read_or_refuse(lambda: read_json_records(json.dumps(records).encode(), "/tmp/r.json")) or []
    for item in items:
        if isinstance(item, RecordError):
            assert item.number >= 1 and item.reason and "\n" not in item.reason
        else:
            assert item.format == "entry"
            assert_builds_safely(item)


item_keys = st.one_of(
    st.sampled_from(
        ["id", "url", "external_url", "title", "content_html", "content_text", "summary", "date_published", "authors"]
    ),
    field_text,
)


@st.composite
def json_feeds(draw: st.DrawFn) -> bytes:
    items = [draw(st.dictionaries(item_keys, json_values, max_size=6)) for _ in range(draw(st.integers(0, 3)))]
    for item in items:
        for key in draw(st.lists(st.sampled_from(["title", "content_html", "content_text", "url", "date_published"]))):
            item[key] = draw({"date_published": dates, "url": urls}.get(key, field_text))
    feed: dict[str, Any] = {"version": "https://jsonfeed.org/version/1.1", "title": draw(json_values)}
    feed["items"] = draw(st.sampled_from([items, items, items, "items", None]))
    feed.update(draw(st.dictionaries(st.sampled_from(["feed_url", "home_page_url", "author", "authors"]), json_values)))
    text = json.dumps(feed, ensure_ascii=draw(st.booleans()))
    return draw(st.sampled_from([text, text, text[: len(text) // 2]])).encode("utf-8", errors="surrogatepass")


@profile(40)
@given(json_feeds())
def test_hostile_json_feeds_give_safe_articles(raw: bytes) -> None:
    if b"jsonfeed.org/version/" in raw:  # not cut off before the version
        assert sniff_format(raw, "feed.json") == "feed"
    feed = read_or_refuse(lambda: parse_feed(raw, "https://feeds.example/feed.json"))
    if feed is not None:
        assert_safe_feed(feed, "https://feeds.example/feed.json")


# --- Markdown ---------------------------------------------------------------------------------------------

front_matter_keys = st.one_of(
    st.sampled_from(["title", "Title", "date", "published", "source", "publisher", "url", "link", "author", "authors"]),
    field_text,
)


@st.composite
def markdown_files(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["yaml-dump", "yaml-lines", "toml-lines"]))
    values = draw(st.dictionaries(front_matter_keys, json_values, max_size=6))
    if kind == "yaml-dump":
        front = "---\n" + json.dumps(values, ensure_ascii=draw(st.booleans())) + "\n---\n"  # JSON is YAML
    elif kind == "yaml-lines":
        lines = [f"{key}: {value}" for key, value in values.items()]
        front = "---\n" + "\n".join(lines) + "\n---\n"
    else:
        lines = [f"{json.dumps(str(key))} = {json.dumps(str(value))}" for key, value in values.items()]
        front = "+++\n" + "\n".join(lines) + "\n+++\n"
    body = draw(st.lists(st.one_of(field_text, st.sampled_from(["# ", "\n\n", "- ", "```\n", "<div>", "[a](b)"]))))
    return (front + "".join(body)).encode("utf-8", errors="surrogatepass")


@profile(50)
@given(markdown_files())
def test_hostile_front_matter_gives_safe_articles(raw: bytes) -> None:
    read = read_or_refuse(lambda: markdown_metadata(raw))
    if read is not None:
        metadata, markdown = read
        markdown_to_text(markdown)
        assert isinstance(metadata, Metadata)
    assert_builds_safely(Document(raw, "markdown", "/tmp/post.md"))


# --- OPML -------------------------------------------------------------------------------------------------


@st.composite
def opml_files(draw: st.DrawFn) -> bytes:
    outlines = "".join(
        f'<outline text="{xml_text(draw(field_text))}" title="{xml_text(draw(field_text))}"'
        f' xmlUrl="{xml_text(draw(urls))}"/>'
        for _ in range(draw(st.integers(0, 4)))
    )
    return f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>'.encode(
        "utf-8", errors="surrogatepass"
    )


@profile(60)
@given(opml_files())
def test_hostile_opml_gives_safe_web_subscriptions(raw: bytes) -> None:
    assert sniff_format(raw, "list.txt") == "opml"
    for subscription in read_or_refuse(lambda: parse_opml(raw)) or []:
        assert subscription.url.lower().startswith(("http://", "https://"))
        assert_safe(subscription.url)
        assert_safe_optional(subscription.title)


# --- Every format through the pipeline --------------------------------------------------------------------


@profile(80)
@given(
    st.sampled_from(["text", "markdown", "entry"]),
    hostile_text,
    st.builds(
        Metadata,
        title=st.none() | field_text,
        source=st.none() | field_text,
        url=st.none() | urls,
        published=st.none() | dates,
        author=st.none() | field_text,
        extra=st.dictionaries(field_text, field_text, max_size=3),
    ),
)
def test_build_article_with_hostile_text_and_metadata(form: str, text: str, metadata: Metadata) -> None:
    if form == "entry":
        raw = json.dumps({"body": text} if len(text) % 2 else {"html": text}).encode()
    else:
        raw = text.encode("utf-8", errors="surrogatepass")
    assert_builds_safely(Document(raw, form, "/tmp/input", metadata))  # type: ignore[arg-type]
