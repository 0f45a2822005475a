"""From a reader's Document to an Article: decode, extract or clean, date.

Entities come after, for a whole batch at once (`index.enrich`), because the recogniser is fastest on batches.

Every fact records where it came from. Metadata (a sidecar, the feed, front matter, a record's fields, the page's
own meta tags) wins over the text; the text is read only for what it states explicitly (a "Source:" URL in the
header, a print line naming publisher and date).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

from dateutil import parser as date_parser

from index.clean import CleanedText, clean_article_text
from index.date_languages import TZINFOS
from index.date_mentions import find_date_mentions
from index.dates import parse_date_value, read_print_line
from index.errors import BadInputError
from index.ingest.document import Document, Metadata
from index.ingest.html import extract_page, html_fragment_to_text
from index.ingest.markdown import markdown_metadata, markdown_to_text
from index.ingest.text import decode_bytes
from index.model import Article, Provenance, article_id_for
from index.sanitize import one_line, sanitize_text

# A title made from the first words of an untitled record stops at a word boundary before this many characters.
_MAX_DERIVED_TITLE = 90
_WHITESPACE = re.compile(r"\s+")
# The labels of a dateline ("Updated: ...", "Published on ... | Last modified ..."): the first date after one is the
# publication date.
_DATELINE_LABEL = re.compile(r"\b(?:last )?(?:published|updated|posted|modified)\b:?(?: on| at)?", re.IGNORECASE)
# Two unlike days: a date text read against each gives the same day only when it states its day, month and year.
_FILLER_DAYS = (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2))


def build_article(document: Document) -> Article:
    if document.format == "html":
        return _from_page(document)
    if document.format == "markdown":
        front_matter, markdown = markdown_metadata(document.raw)
        merged = _merged(document.metadata, front_matter)
        return _from_record(document, markdown_to_text(markdown), merged)
    if document.format == "entry":
        return _from_record(document, _entry_text(document.raw), document.metadata)
    cleaned = clean_article_text(decode_bytes(document.raw))
    return _article(document, document.metadata, cleaned.title, cleaned.body, cleaned)


def _stated_date(dateline: str) -> dt.date | None:
    """The date a line of dates by the headline states ("Updated: Tuesday, April 10, 2018 12:30 pm"), if whole."""
    dates = (part.strip(" ,;|·-–—") for part in _DATELINE_LABEL.split(dateline))
    text = next((part for part in dates if part), "")
    return _whole_date(text) if text else None


def _whole_date(text: str) -> dt.date | None:
    """`parse_date_value(text)` when the text states day, month and year; None for "Dec 31" or "April 2018", whose
    missing parts python-dateutil would fill in from today (another date on every reindex)."""
    try:
        days = {date_parser.parse(text, default=filler, tzinfos=TZINFOS).date() for filler in _FILLER_DAYS}
        return parse_date_value(text) if len(days) == 1 else None
    except (ValueError, OverflowError):
        return None


def _merged(outer: Metadata, inner: Metadata) -> Metadata:
    """Facts from outside the file (a sidecar) win over the file's own front matter; extras are pooled."""
    values = {f.name: getattr(outer, f.name) or getattr(inner, f.name) for f in dataclasses.fields(Metadata)}
    values["extra"] = {**inner.extra, **outer.extra}
    return Metadata(**values)


def _entry_text(raw: bytes) -> str:
    try:
        content = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # not what entry_raw writes: a damaged original
        raise BadInputError("entry content is not a JSON object") from None
    if not isinstance(content, dict):
        raise BadInputError("entry content is not a JSON object")
    if content.get("body"):
        return str(content["body"])
    return html_fragment_to_text(str(content.get("html", "")))


def _from_record(document: Document, text: str, metadata: Metadata) -> Article:
    """A record's text, cleaned of scraped boilerplate. Its title goes first so the cleaner reads the header the way
    it reads a scraped file, and does not take the body's first line for the headline."""
    if metadata.title and not _starts_with(text, metadata.title):
        text = f"{metadata.title}\n\n{text}"
    if not text.strip() and metadata.title:
        text = metadata.title
    cleaned = clean_article_text(text)
    return _article(document, metadata, cleaned.title, cleaned.body, cleaned)


def _starts_with(text: str, title: str) -> bool:
    return _WHITESPACE.sub(" ", text[: len(title) * 2].strip()).lower().startswith(_WHITESPACE.sub(" ", title).lower())


def _from_page(document: Document) -> Article:
    page = extract_page(document.raw, url=document.metadata.url)
    page_facts = Metadata(
        title=page.title,
        source=page.site_name,
        url=page.url,
        author=page.author,
        published=page.published.value.isoformat() if page.published is not None else None,
    )
    metadata = _merged(document.metadata, page_facts)
    title = metadata.title or _derived_title(page.body)
    return _article(document, metadata, title, page.body, None)


def _derived_title(body: str) -> str:
    first = _WHITESPACE.sub(" ", body.strip().split("\n", 1)[0])
    if len(first) <= _MAX_DERIVED_TITLE:
        return first
    return first[: first.rfind(" ", 0, _MAX_DERIVED_TITLE)].rstrip(",;:") + "…"


def _article(
    document: Document, metadata: Metadata, text_title: str, body: str, cleaned: CleanedText | None
) -> Article:
    metadata = dataclasses.replace(
        metadata,
        title=one_line(metadata.title),
        source=one_line(metadata.source),
        author=one_line(metadata.author),
        url=one_line(metadata.url),
    )
    provenance: dict[str, Provenance] = {}
    print_line = read_print_line(cleaned.print_line) if cleaned is not None and cleaned.print_line else None

    title = metadata.title or text_title
    provenance["title"] = "metadata" if metadata.title else "text"

    source = metadata.source
    if source:
        provenance["source"] = "metadata"
    elif print_line is not None and print_line.publisher:
        source = print_line.publisher
        provenance["source"] = "text"

    url = metadata.url
    if url:
        provenance["url"] = "metadata"
    elif cleaned is not None and cleaned.header_url:
        url = cleaned.header_url
        provenance["url"] = "text"

    author = metadata.author
    if author:
        provenance["author"] = "metadata"
    elif cleaned is not None and cleaned.byline:
        author = one_line(cleaned.byline)
        provenance["author"] = "text"

    published: dt.date | None = None
    published_from: Provenance | None = None
    if metadata.published:
        try:
            published = parse_date_value(metadata.published)
        except (ValueError, OverflowError) as error:
            raise BadInputError(f"metadata date {metadata.published!r} is not a date") from error
        published_from = "metadata"
    elif print_line is not None:
        published = print_line.published
        published_from = "text"
    elif cleaned is not None and cleaned.dateline and (stated := _stated_date(cleaned.dateline)) is not None:
        published, published_from = stated, "text"

    return Article(
        id=article_id_for(document.raw),
        title=title,
        body=body,
        path=document.path,
        source=source,
        url=url,
        author=author,
        published=published,
        published_from=published_from,
        date_mentions=find_date_mentions(body, published),
        provenance=provenance,
        # Free-form fields of a record or feed entry are untrusted text too.
        extra={sanitize_text(key): sanitize_text(value) for key, value in metadata.extra.items()},
    )
