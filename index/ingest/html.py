"""The HTML reader: a saved web page (or one fetched for a feed entry) -> its main text and its own metadata.

Decoding follows the browsers' order of evidence (WHATWG): a byte-order mark, the charset the HTTP response
declared, a <meta> declaration near the top, and only then a guess (index.ingest.text.decode_bytes).

The main text, title, author and site name come from trafilatura, with favor_precision: it scored best on the
article-extraction benchmark (bench/html/measure.py). The publication date is never trafilatura's (htmldate
guesses from any date on the page); it comes from index.page_dates, fed from the page's meta tags, JSON-LD,
<time> elements and bylines. Everything returned has been through sanitize_text: a page is untrusted input.
"""

from __future__ import annotations

import codecs
import functools
import json
import re
import warnings
from collections.abc import Iterator, Mapping
from configparser import ConfigParser
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from index.dates import read_print_line
from index.errors import BadInputError
from index.ingest.text import BYTE_ORDER_MARKS, decode_bytes
from index.page_dates import PublicationDate, publication_date_from_page
from index.sanitize import one_line, sanitize_text

if TYPE_CHECKING:
    from trafilatura.settings import Document


@dataclass(frozen=True)
class Page:
    title: str | None
    body: str  # the main text: paragraphs separated by "\n\n", sanitised
    author: str | None
    site_name: str | None  # as the page states it; never a name made up from the URL's host
    published: PublicationDate | None
    url: str | None  # the page's canonical URL (link rel=canonical, og:url) when it states one, else the given url
    language: str | None  # the page's language tag as declared ("en-GB"), never detected


# --- Decoding.

# Browsers look for <meta charset> in the first 1024 bytes; real pages sometimes put it a little later.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"<meta\s[^>]*?charset\s*=\s*[\"']?\s*([\w.:+-]+)", re.IGNORECASE)
# Labels pages use that Python's codec registry does not know.
_LABEL_ALIASES = {"windows-874": "cp874", "x-sjis": "cp932", "x-gbk": "gb18030", "x-mac-roman": "mac-roman"}
# Python codecs that are character sets. Others the registry resolves (base64, rot13, unicode-escape, utf-7,
# hz) are not text encodings or are ones browsers refuse because they can smuggle markup past filters.
_CHARSETS = re.compile(
    r"utf-(?:8|16|32)(?:-[lb]e|-sig)?|ascii|cp\d+|iso8859-\d+|koi8-[ru]|mac-[a-z]+|gb2312|gbk|gb18030"
    r"|big5(?:hkscs)?|shift_jis|euc_(?:jp|kr)|iso2022_jp|tis-620"
)
# WHATWG decodes these labels with a superset: pages labelled Latin-1 are written in Windows-1252 (curly quotes
# at 0x93/0x94), GB2312 pages use GBK characters, and so on.
_SUPERSETS = {
    **dict.fromkeys(("ascii", "iso8859-1"), "cp1252"),
    **dict.fromkeys(("iso8859-11", "tis-620"), "cp874"),
    **dict.fromkeys(("gb2312", "gbk"), "gb18030"),
    **{"iso8859-9": "cp1254", "shift_jis": "cp932", "euc_kr": "cp949", "big5": "big5hkscs", "utf-16": "utf-16-le"},
}


def _codec(label: str, *, in_meta: bool) -> str | None:
    """The Python codec to decode a page labelled `label` with; None for an unknown or refused label."""
    name = label.strip().lower()
    try:
        canonical = codecs.lookup(_LABEL_ALIASES.get(name, name)).name
    except LookupError:
        return None
    if not _CHARSETS.fullmatch(canonical):
        return None
    # A <meta> read as ASCII bytes cannot truly be UTF-16 or UTF-32: browsers take such a page as UTF-8.
    if in_meta and canonical.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return _SUPERSETS.get(canonical, canonical)


def _decode_as(raw: bytes, codec: str | None) -> str | None:
    """The bytes decoded with `codec`, or None when they are not in it: a wrong declaration is ignored."""
    try:
        return raw.decode(codec) if codec else None
    except UnicodeDecodeError:
        return None


def _meta_codec(raw: bytes) -> str | None:
    for match in _META_CHARSET.finditer(raw[:_PRESCAN_BYTES]):
        codec = _codec(match.group(1).decode("ascii", "replace"), in_meta=True)
        if codec is not None:
            return codec
    return None


def decode_html(raw: bytes, declared_charset: str | None = None) -> str:
    """The text of a page's bytes: BOM, then the HTTP-declared charset, then <meta>, then a guess.

    BadInputError when the bytes are empty or not text."""
    for mark, codec in BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            # The mark is the surest evidence there is: a damaged byte costs a character, not the page.
            return raw[len(mark) :].decode(codec, errors="replace")
    text = _decode_as(raw, _codec(declared_charset, in_meta=False) if declared_charset else None)
    if text is None:
        text = _decode_as(raw, _meta_codec(raw))
    return text if text is not None else decode_bytes(raw)


# --- Reading the page.

# trafilatura takes one to two seconds per megabyte of article-like markup on a small CPU, so a 20 MB page would
# stall an import. Most of a big page is scripts and styles (the largest page of the extraction benchmark, 1.5 MB,
# has 170 KB of markup without them; none has more than 240 KB), so the cap counts markup without them, at four
# times that. A page is first cut at a size lxml parses in a fraction of a second; an article's text and metadata
# come early in a page, and lxml closes the elements a cut leaves open.
_MAX_PARSED_CHARS = 8_000_000
_MAX_CONTENT_CHARS = 1_000_000
_CODE_XPATH = etree.XPath(
    "//script[not(@type='application/ld+json')]|//style|//noscript|//template|//svg|//math|//object"
)
_PARSER = lxml.html.HTMLParser(
    encoding="utf-8", remove_comments=True, remove_pis=True, default_doctype=False, collect_ids=False
)
# The options that scored best on the benchmark; comments are readers', not the article's.
_EXTRACTOR_OPTIONS: Mapping[str, Any] = {"favor_precision": True, "include_comments": False, "include_tables": True}
# htmldate's date is not used (it guesses), so it gets its cheapest search.
_CHEAP_DATE_SEARCH = {"extensive_search": False, "original_date": False}
# Bylines, datelines and <time> elements of the article: a site header's "today's date" or the dates of a list of
# other stories are not the article's. Bylines are found by class, id or itemprop, the cheap test first (XPath
# predicates run left to right).
_IN_ARTICLE = (
    "not(ancestor::nav or ancestor::aside or ancestor::footer"
    " or ancestor::header[not(ancestor::article or ancestor::main)])"
)
_TIME_XPATH = etree.XPath(f"//body//time[{_IN_ARTICLE}]")
_BYLINE_XPATH = etree.XPath(
    "//body//*[@class or @id or @itemprop]"
    "[re:test(concat(@class, ' ', @id, ' ', @itemprop), 'byline|dateline|date|publish|posted|timestamp', 'i')]"
    f"[{_IN_ARTICLE}]",
    namespaces={"re": "http://exslt.org/regular-expressions"},
)
_MAX_BYLINE_CHARS = 200  # longer is a container of the article, not its byline
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


@functools.cache
def _trafilatura_config() -> ConfigParser:
    from trafilatura.settings import use_config

    config: ConfigParser = use_config()
    # Its extraction timeout is a SIGALRM (2.3 reads it only in its CLI), which breaks outside the main thread;
    # pages are read in worker threads too.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _parse_markup(markup: str) -> lxml.html.HtmlElement:
    try:
        # Bytes with a fixed encoding: a str with an XML encoding declaration is refused by lxml.
        return lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=_PARSER)
    except etree.ParserError:
        raise BadInputError("no article text found in the page") from None


def _cut(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A big page without its code and styles (JSON-LD kept), cut to _MAX_CONTENT_CHARS of markup."""
    for element in _CODE_XPATH(tree):
        element.drop_tree()
    markup: str = lxml.html.tostring(tree, encoding="unicode")
    return tree if len(markup) <= _MAX_CONTENT_CHARS else _parse_markup(markup[:_MAX_CONTENT_CHARS])


def _parse(text: str) -> lxml.html.HtmlElement:
    tree = _parse_markup(text[:_MAX_PARSED_CHARS])
    if len(text) > _MAX_CONTENT_CHARS:
        tree = _cut(tree)
    _sanitize_tree(tree)
    return tree


def _sanitize_tree(tree: lxml.html.HtmlElement) -> None:
    """Escape sequences and control characters out of the tree's text and attributes, before trafilatura copies
    them into new elements: lxml refuses such strings, and one "&#27;" would make the whole page unreadable."""
    # Rare, so first one look at all the text in C; walking every element in Python costs more than the rest.
    text = etree.tostring(tree, method="text", encoding="unicode")
    if not _CONTROL.search(text) and not any(_CONTROL.search(value) for value in tree.xpath("//@*")):
        return
    for element in tree.iter():
        if element.text and _CONTROL.search(element.text):
            element.text = sanitize_text(element.text)
        if element.tail and _CONTROL.search(element.tail):
            element.tail = sanitize_text(element.tail)
        for name, value in element.attrib.items():
            if _CONTROL.search(value):
                element.set(name, sanitize_text(value))


def _meta(tree: lxml.html.HtmlElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("name") or element.get("property") or element.get("itemprop") or element.get("http-equiv")
        content = element.get("content")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), content.strip())
    return values


def _json_ld(tree: lxml.html.HtmlElement) -> list[Mapping[str, object]]:
    objects: list[Mapping[str, object]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            value = json.loads(script.text, strict=False)  # raw newlines inside strings are common
        except ValueError:
            continue
        objects.extend(item for item in (value if isinstance(value, list) else [value]) if isinstance(item, dict))
    return objects


def _time_elements(tree: lxml.html.HtmlElement) -> list[tuple[str | None, str]]:
    return [(element.get("datetime"), " ".join(element.text_content().split())) for element in _TIME_XPATH(tree)]


def _bylines(tree: lxml.html.HtmlElement, paragraphs: list[str]) -> list[str]:
    texts = (" ".join(element.text_content().split()) for element in _BYLINE_XPATH(tree))
    bylines = list(dict.fromkeys(text for text in texts if text and len(text) <= _MAX_BYLINE_CHARS))
    # A newspaper's print line ("appeared in print on April 11, 2018") sits in the article text itself.
    return bylines + [paragraph for paragraph in paragraphs if read_print_line(paragraph)]


def _canonical_url(tree: lxml.html.HtmlElement, meta: Mapping[str, str], url: str | None) -> str | None:
    links: list[str] = tree.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]/@href")
    for stated in [*links, meta.get("og:url")]:
        if stated and stated.strip():
            try:
                absolute = urljoin(url or "", stated.strip())
                parts = urlsplit(absolute)
            except ValueError:  # "http://[::1": a broken IPv6 host
                continue
            if parts.scheme in ("http", "https") and parts.netloc:
                return absolute
    return url


def _language(tree: lxml.html.HtmlElement, meta: Mapping[str, str]) -> str | None:
    for stated in (tree.get("lang"), meta.get("content-language"), meta.get("og:locale")):
        tag = (stated or "").strip().replace("_", "-")
        if _LANGUAGE_TAG.fullmatch(tag):
            return tag
    return None


def _site_name(stated: str | None, url: str | None) -> str | None:
    name = one_line(stated)
    # trafilatura falls back on the URL's host ("example.com"): the caller knows the URL already.
    try:
        host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    except ValueError:  # a broken IPv6 host
        host = ""
    return None if name is None or name.lower() == host else name


def _headline(title: str | None, site_name: str | None) -> str | None:
    """The title without the site's name glued before or after it ("Talks resume | The Daily Planet")."""
    headline = one_line(title)
    if headline is None or site_name is None:
        return headline
    site = re.escape(site_name)
    stripped = re.sub(rf"^\s*{site}\s*[|:·•–—-]\s*|\s*[|:·•–—-]\s*{site}\s*$", "", headline, flags=re.IGNORECASE)
    return stripped or headline


def _paragraphs(text: str | None) -> list[str]:
    lines = (" ".join(line.split()) for line in sanitize_text(text or "").split("\n"))
    return [line for line in lines if line]


def _extract(tree: lxml.html.HtmlElement, url: str | None) -> Document | None:
    with warnings.catch_warnings():
        # urllib3 (a trafilatura dependency we never use to fetch) warns on import that SOCKS support is missing.
        warnings.simplefilter("ignore")
        from trafilatura import bare_extraction  # ~150 ms to import: only commands that read pages pay it

    extracted = bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        date_extraction_params=_CHEAP_DATE_SEARCH,
        config=_trafilatura_config(),
        **_EXTRACTOR_OPTIONS,
    )
    return None if isinstance(extracted, dict) else extracted  # a dict only when asked for one (as_dict)


def _without_headline(paragraphs: list[str], title: str | None) -> list[str]:
    """The paragraphs without the headline repeated at their top: the title is kept apart from the body."""
    if title and paragraphs and paragraphs[0].casefold() == title.casefold():
        return paragraphs[1:]
    return paragraphs


# Below this, what trafilatura found is a page's leftovers (a menu, a cookie notice), not an article: its fallback
# returns any text it finds rather than nothing.
_MIN_ARTICLE_WORDS = 8


def extract_page(raw: bytes, url: str | None = None, declared_charset: str | None = None) -> Page:
    """A page's main text and metadata; BadInputError when it holds no article text (or is not text at all)."""
    tree = _parse(decode_html(raw, declared_charset))
    extracted = _extract(tree, url)
    if extracted is None:
        raise BadInputError("no article text found in the page")
    meta = _meta(tree)
    canonical = _canonical_url(tree, meta, url)
    site_name = _site_name(extracted.sitename, extracted.url or canonical)
    title = _headline(extracted.title, site_name)
    paragraphs = _without_headline(_paragraphs(extracted.text), title)
    if sum(len(paragraph.split()) for paragraph in paragraphs) < _MIN_ARTICLE_WORDS:
        raise BadInputError("no article text found in the page")
    published = publication_date_from_page(
        meta, _json_ld(tree), _time_elements(tree), canonical, _bylines(tree, paragraphs)
    )
    return Page(
        title=title,
        body="\n\n".join(paragraphs),
        author=one_line(extracted.author),
        site_name=site_name,
        published=published,
        url=canonical,
        language=_language(tree, meta),
    )


# --- Feed entry fragments.

_DROPPED = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})
_LINE, _PARAGRAPH = 1, 2
# What a block's start and end stand for in the text: a line or paragraph break, or (table cells) a space.
_SEPARATORS: dict[str, int | str] = {
    **dict.fromkeys(("br", "li", "tr", "dt", "dd", "figcaption"), _LINE),
    **dict.fromkeys(
        ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr", "ul", "ol"), _PARAGRAPH
    ),
    **dict.fromkeys(
        ("dl", "table", "section", "article", "header", "footer", "figure", "address", "aside"), _PARAGRAPH
    ),
    **dict.fromkeys(("td", "th"), " "),
}


def _pieces(root: lxml.html.HtmlElement) -> Iterator[str | int]:
    """The text of the tree in document order, with its separators where blocks start and end."""
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start" and tag in _DROPPED:
            walker.skip_subtree()  # its "end" still comes, with the tail
            continue
        if tag in _SEPARATORS:
            yield _SEPARATORS[tag]
        if event == "start":
            yield element.text or ""
        elif element is not root:
            yield element.tail or ""


def _join_blocks(pieces: Iterator[str | int]) -> str:
    """Runs of text between breaks, sanitised and whitespace collapsed, joined by the strongest break between them."""
    blocks: list[str] = []
    current: list[str] = []
    pending = 0
    for piece in [*pieces, _LINE]:
        if isinstance(piece, str):
            current.append(piece)
            continue
        text = one_line("".join(current))
        current.clear()
        if text:
            blocks.append(("\n" * pending if blocks else "") + text)
            pending = 0
        pending = max(pending, piece)
    return "".join(blocks)


def html_fragment_to_text(fragment: str) -> str:
    """A feed entry's content or summary HTML as plain text: paragraphs apart by "\\n\\n", lines by "\\n"."""
    try:
        tree = lxml.html.document_fromstring(fragment.encode("utf-8", "replace"), parser=_PARSER)
    except etree.ParserError:  # nothing but whitespace or comments
        return ""
    body = tree.find("body")
    return _join_blocks(_pieces(body)) if body is not None else ""
