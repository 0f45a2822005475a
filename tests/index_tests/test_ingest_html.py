"""index.ingest.html: decoding pages, extracting an article and its metadata, feed fragments, and the benchmark."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType

import pytest

from index.errors import BadInputError
from index.ingest.html import Page, decode_html, extract_page, html_fragment_to_text
from index.page_dates import PublicationDate
from tests.index_tests.corpora import corpus_file, load_bench_module

PARAGRAPHS = (
    "The foreign ministers of the two countries met in Moscow on Tuesday to resume talks that had stalled for months.",
    "Officials said the talks would continue next week, with trade, transport links and fishing rights on the agenda.",
    "Both delegations described the first round as constructive and said they expected an agreement by the summer.",
)
ARTICLE = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
BOILERPLATE = """
<header><nav><a href="/">Home</a> <a href="/world">World news</a> <a href="/sport">Sport pages</a></nav></header>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience on our site.</p>
<button>Accept all cookies</button></div>
"""
FOOTER = """<footer><p>Copyright 2018 The Daily Planet. All rights reserved.</p><a href="/privacy">Privacy policy</a>
<a href="/terms">Terms of use</a></footer>"""


def html_page(head: str = "", body: str = "", lang: str = "en") -> bytes:
    return f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body>{body}</body></html>'.encode()


def article_page(head: str = "") -> bytes:
    return html_page(head, f"{BOILERPLATE}<article><h1>Talks resume in Moscow</h1>{ARTICLE}</article>{FOOTER}")


# --- Metadata.


def test_title_author_site_date_url_and_language_from_meta_tags() -> None:
    head = """<meta charset="utf-8"><title>Talks resume in Moscow | The Daily Planet</title>
    <meta property="og:site_name" content="The Daily Planet">
    <meta property="og:title" content="Talks resume in Moscow | The Daily Planet">
    <meta name="author" content="Jane Doe">
    <meta property="article:published_time" content="2018-04-11T09:15:00+01:00">
    <link rel="canonical" href="/world/talks-resume">"""
    page = extract_page(html_page(head, f"<article>{ARTICLE}</article>", lang="en-GB"), url="https://planet.example/x")
    assert page.title == "Talks resume in Moscow"
    assert (page.author, page.site_name, page.language) == ("Jane Doe", "The Daily Planet", "en-GB")
    assert page.url == "https://planet.example/world/talks-resume"  # the canonical link, made absolute
    assert page.published == PublicationDate(
        dt.datetime(2018, 4, 11, 9, 15, tzinfo=dt.timezone(dt.timedelta(hours=1))), "meta:article:published_time"
    )


def test_title_author_site_and_date_from_json_ld() -> None:
    head = """<title>Planet | Talks resume</title><script type="application/ld+json">
    {"@context": "https://schema.org", "@graph": [
      {"@type": "WebPage", "datePublished": "2001-01-01"},
      {"@type": "NewsArticle", "headline": "Talks resume in Moscow", "datePublished": "2018-04-11",
       "author": {"@type": "Person", "name": "Jane Doe"},
       "publisher": {"@type": "Organization", "name": "The Daily Planet"}}]}
    </script>"""
    page = extract_page(html_page(head, f"<article>{ARTICLE}</article>"))
    assert (page.title, page.author, page.site_name) == ("Talks resume in Moscow", "Jane Doe", "The Daily Planet")
    assert page.published == PublicationDate(dt.date(2018, 4, 11), "json-ld:datePublished")  # the article's node
    assert page.url is None


def test_the_site_name_is_not_made_up_from_the_host_and_the_given_url_is_kept() -> None:
    page = extract_page(
        html_page("<title>Talks resume</title>", f"<article>{ARTICLE}</article>"), "https://a.example/1"
    )
    assert (page.site_name, page.url, page.title) == (None, "https://a.example/1", "Talks resume")


@pytest.mark.parametrize(
    ("article_top", "expected"),
    [
        (
            '<time datetime="2018-04-10T08:00:00Z">Tuesday</time>',
            PublicationDate(dt.datetime(2018, 4, 10, 8, 0, tzinfo=dt.UTC), "time-element"),
        ),
        ('<p class="article-byline">By Jane Doe, 9 April 2018</p>', PublicationDate(dt.date(2018, 4, 9), "byline")),
        ("", None),  # a date in the text ("on 12 March 2015") is no publication date
    ],
    ids=["time-element", "byline", "none"],
)
def test_dates_from_the_article_never_the_site_header(article_top: str, expected: PublicationDate | None) -> None:
    masthead = '<header class="masthead"><span class="date">Tuesday, 27 November 2026</span></header>'
    body = f"{masthead}<article>{article_top}{ARTICLE}<p>The treaty was first signed on 12 March 2015.</p></article>"
    assert extract_page(html_page("<title>Talks</title>", body)).published == expected


# --- The main text.


def test_navigation_footer_cookie_banner_and_headline_stay_out_of_the_body() -> None:
    page = extract_page(article_page("<title>Talks resume in Moscow</title>"))
    assert page.body == "\n\n".join(PARAGRAPHS)
    assert page.title == "Talks resume in Moscow"


@pytest.mark.parametrize(
    "page",
    [b"", b"  \n", html_page("<title>Nothing</title>", "<script>x()</script><div> </div>")],
    ids=["empty", "blank", "no-text"],
)
def test_a_page_without_text_is_refused(page: bytes) -> None:
    with pytest.raises(BadInputError):
        extract_page(page)


def test_a_page_with_only_a_headline_has_no_article_text() -> None:
    with pytest.raises(BadInputError, match="no article text found in the page"):
        extract_page(html_page("<title>Nothing</title>", "<h1>Nothing</h1>"))


def test_a_binary_file_is_refused() -> None:
    with pytest.raises(BadInputError, match="binary file"):
        extract_page(b"\x89PNG\r\n\x1a\n" + bytes(200))


def test_markup_stays_literal_and_escape_sequences_do_not_survive() -> None:
    hostile = "[bold red]Breaking[/] \x1b]0;owned\x07news \x1b[2J&#27;[31m&#155;1m"
    head = f'<title>{hostile}</title><meta name="author" content="Ann Writer\x1b[5m">'
    page = extract_page(html_page(head, f"<article><p>{hostile} {PARAGRAPHS[0]}</p>{ARTICLE}</article>"))
    assert page.title == "[bold red]Breaking[/] news ›1m"  # &#155; is "›" in HTML, not the C1 control CSI
    assert page.author == "Ann Writer"
    assert page.body.startswith(f"[bold red]Breaking[/] news ›1m {PARAGRAPHS[0]}")
    for text in (page.title, page.author, page.body):
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", text)


def test_a_huge_page_is_cut_not_read_whole() -> None:
    filler = "<div class='more'><a href='/item'>Another story in the list of stories</a></div>\n" * 250_000
    raw = html_page("<title>Talks</title>", f"<article>{ARTICLE}</article>{filler}<p>Text at the very end.</p>")
    assert len(raw) > 20_000_000
    page = extract_page(raw)
    assert PARAGRAPHS[0] in page.body and "very end" not in page.body


def test_pages_are_read_in_worker_threads() -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        pages = list(pool.map(extract_page, [article_page("<title>Talks</title>")] * 2))
    assert all(isinstance(page, Page) and page.body.startswith(PARAGRAPHS[0]) for page in pages)


# --- Charsets.

CURLY = "“Talks” resume — café owners’ hopes"
CHINESE = "朝鲜外务相李勇浩周一抵达莫斯科，将与俄罗斯外长拉夫罗夫举行会谈。双方将讨论朝鲜半岛局势以及两国关系等问题。"
EURO = "Le café coûte 2 € à Paris."
RUSSIAN = "Министр иностранных дел России Сергей Лавров посетит Северную Корею в четверг."


def with_meta(charset: str, text: str, http_equiv: bool = False) -> str:
    meta = f'http-equiv="Content-Type" content="text/html; charset={charset}"' if http_equiv else f'charset="{charset}"'
    return f"<html><head><meta {meta}><title>t</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    ("raw", "declared", "text"),
    [
        (with_meta("iso-8859-1", CURLY).encode("cp1252"), None, CURLY),  # Latin-1 means Windows-1252
        (with_meta("gb2312", CHINESE).encode("gb2312"), None, CHINESE),
        (codecs.BOM_UTF16_LE + with_meta("utf-16", CURLY).encode("utf-16-le"), None, CURLY),
        (with_meta("windows-1252", RUSSIAN).encode("cp1251"), "windows-1251", RUSSIAN),  # HTTP wins over <meta>
        (with_meta("windows-1251", RUSSIAN).encode("cp1251"), "no-such-charset", RUSSIAN),
        (with_meta("windows-1251", RUSSIAN).encode("cp1251"), "utf-8", RUSSIAN),  # bytes that are not UTF-8
        (with_meta("utf-8", "a+ADw-b").encode(), "utf-7", "a+ADw-b"),  # refused: UTF-7 would make it "a<b"
        (with_meta("iso-8859-15", EURO, http_equiv=True).encode("iso8859-15"), None, EURO),  # a guess reads "¤"
        (with_meta("base64", CURLY).encode("utf-8"), None, CURLY),
        (with_meta("utf-16", CURLY).encode("utf-8"), None, CURLY),  # a <meta> read as ASCII is no UTF-16
        (with_meta("", CURLY).encode("utf-8"), None, CURLY),
        (f"<p>{CURLY}</p>".encode("cp1252"), "iso-8859-1", CURLY),
    ],
    ids=[
        "latin1-meta",
        "gb2312",
        "utf16-bom",
        "http-over-meta",
        "unknown-http",
        "wrong-http",
        "utf7",
        "http-equiv",
        "base64",
        "meta-utf16",
        "no-label",
        "latin1-http",
    ],
)
def test_decode_html(raw: bytes, declared: str | None, text: str) -> None:
    assert text in decode_html(raw, declared)


def test_extract_page_decodes_with_the_declared_charset() -> None:
    raw = with_meta("windows-1252", f"{RUSSIAN} {RUSSIAN} {RUSSIAN}").encode("cp1251")
    assert extract_page(raw, declared_charset="windows-1251").body == f"{RUSSIAN} {RUSSIAN} {RUSSIAN}"


# --- Feed fragments.


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("<p>Talks &amp; <b>more</b>\n   talks</p><p>Second</p>", "Talks & more talks\n\nSecond"),
        ("Plain summary, no tags &lt;b&gt;", "Plain summary, no tags <b>"),
        ("One<br>two<br/>three", "One\ntwo\nthree"),
        ("<ul><li>first</li><li>second</li></ul>After", "first\nsecond\n\nAfter"),
        ("<h2>Heading</h2><blockquote>Quoted</blockquote><div>Block</div>", "Heading\n\nQuoted\n\nBlock"),
        ("<table><tr><th>a</th><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>", "a 1\nb 2"),
        ("Before<script>alert(1)</script><style>p {}</style> after<!-- note -->", "Before after"),
        ("[bold red]x[/] \x1b[31mred\x1b[0m &#27;]0;title&#7; &#155;2J", "[bold red]x[/] red ›2J"),
        ("", ""),
        ("<!-- only a comment -->", ""),
    ],
    ids=["paragraphs", "plain", "br", "list", "blocks", "table", "script", "hostile", "empty", "comment"],
)
def test_html_fragment_to_text(fragment: str, text: str) -> None:
    assert html_fragment_to_text(fragment) == text


# --- The article-extraction benchmark.

# Measured 2026-11-27 with bench/html/measure.py: mean word F1 0.967 (precision 0.968, recall 0.975) over 181 pages;
# the baseline (all visible text of <body>) scores 0.658.
F1_FLOOR = 0.95


def load_measure() -> ModuleType:
    """bench/html/measure.py, the one definition of the corpus reader and the metric."""
    return load_bench_module("html/measure.py")


def test_word_f1_on_the_article_extraction_benchmark() -> None:
    path = corpus_file("html/article-extraction-benchmark.tar.gz")
    measure = load_measure()
    samples = measure.read_benchmark(path)
    assert len(samples) > 150
    scores = measure.score(samples, measure.ours)
    assert scores.f1 >= F1_FLOOR, scores
