"""Articles and search results as documents to keep or share: Markdown (or JSON), on stdout or in a file.

The Markdown functions are plain (model in, str out) so the app can reuse them. Article text is untrusted: it is
already sanitised on ingest (no terminal escapes or control characters; this module sanitises again, cheaply, since
a query comes straight from the user), and here it is also kept from making Markdown structure. Every line of a body
becomes a paragraph of its own; nothing at a paragraph's or heading's start can make a heading, quote, list, code
fence, rule or table; backticks, emphasis, link brackets and `<` (raw HTML, comments that would swallow the rest of
the document) are escaped with a backslash. Nothing else is touched, so the Markdown still reads as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from index.errors import BadInputError, NotFoundError
from index.json_views import export_json, export_results_json, json_text
from index.library import Library
from index.model import Article, SearchResult, Segments
from index.private import write_private_file
from index.sanitize import sanitize_text

ExportFormat = Literal["markdown", "json"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("markdown", "json")

_INLINE_MARKUP = re.compile(r"([\\`*_<\[\]])")
_ORDERED_MARKER = re.compile(r"(\d{1,9})([.)])(?=\s|$)")
_BLOCK_MARKERS = "#>+-~"  # `*` and `_` are escaped wherever they are; each line is a paragraph, so no setext or table
_CLOSING_HASHES = re.compile(r"(?<= )(#+)$")
_LINK = re.compile(r"https?://[^\s<>]+")
_WHITESPACE = re.compile(r"\s+")


def _escaped(text: str) -> str:
    """Text on one line (each run of whitespace one space) with inline markup characters escaped."""
    return _INLINE_MARKUP.sub(r"\\\1", _WHITESPACE.sub(" ", sanitize_text(text)))


def _inline(text: str) -> str:
    return _escaped(text).strip()


def _block_safe(line: str) -> str:
    """A line of Markdown text that cannot start a heading, quote, list, fence, rule or table."""
    ordered = _ORDERED_MARKER.match(line)
    if ordered:
        return f"{ordered.group(1)}\\{ordered.group(2)}{line[ordered.end() :]}"
    return f"\\{line}" if line and line[0] in _BLOCK_MARKERS else line


def _heading(level: int, text: str) -> str:
    line = _CLOSING_HASHES.sub(r"\\\1", _block_safe(_inline(text)))  # a closing run of `#` would vanish
    return f"{'#' * level} {line or '(untitled)'}"


def _metadata(source: str | None, published_iso: str | None, url: str | None) -> str:
    """source · date · url, each when known (the date as "undated" when not)."""
    parts = [_inline(source)] if source and source.strip() else []
    parts.append(published_iso[:10] if published_iso else "undated")
    if url and _LINK.fullmatch(url):
        parts.append(f"<{url}>")
    elif url and url.strip():
        parts.append(_inline(url))
    return _block_safe(" · ".join(parts))


def _paragraphs(text: str) -> list[str]:
    return [_block_safe(line) for line in map(_inline, text.splitlines()) if line]


def _highlighted(segments: Segments) -> str:
    """A snippet with its matched terms in bold (the rest escaped, so an article's own `**` cannot pair with ours)."""
    pieces: list[str] = []
    for text, matched in segments:
        escaped = _escaped(text)
        word = escaped.strip()
        if matched and word:
            start = escaped.index(word)
            pieces.append(f"{escaped[:start]}**{word}**{escaped[start + len(word) :]}")
        else:
            pieces.append(escaped)
    return _block_safe(_WHITESPACE.sub(" ", "".join(pieces)).strip())


def article_markdown(article: Article) -> str:
    """One article as a Markdown document: `# Title`, a line with source · date · url, the body's paragraphs."""
    blocks = [
        _heading(1, article.title),
        _metadata(article.source, article.published_iso, article.url),
        *_paragraphs(article.body),
    ]
    return "\n\n".join(blocks) + "\n"


def articles_markdown(articles: Iterable[Article]) -> str:
    """Several articles as one Markdown document, in the order given."""
    return "\n".join(article_markdown(article) for article in articles)


def results_markdown(query: str, result: SearchResult, articles: Iterable[Article] = ()) -> str:
    """A result list as Markdown: a heading "Search: Q", how many articles it found, then each hit best first with
    its title, source · date · url (the url from `articles`, when given) and its snippet, matched terms in bold."""
    by_id = {article.id: article for article in articles}
    shown = f"; the best {len(result.hits)} below" if 0 < len(result.hits) < result.total else ""
    found = (
        f"{result.total} article{'' if result.total == 1 else 's'} found{shown}." if result.total else "Nothing found."
    )
    blocks = [_heading(1, f"Search: {query}"), found]
    for hit in result.hits:
        article = by_id.get(hit.id)
        blocks.append(_heading(2, hit.title))
        blocks.append(_metadata(hit.source, hit.published_iso, article.url if article else None))
        snippet = _highlighted(hit.snippet_segments)
        if snippet:
            blocks.append(snippet)
    return "\n\n".join(blocks) + "\n"


def export_document(
    library: Library, ids: Sequence[str], query: str | None, limit: int, form: ExportFormat
) -> tuple[str, int]:
    """What `newsdesk export` writes: the articles with these ids (or unambiguous prefixes), or the best `limit`
    results of a query, in Markdown or JSON; and how many articles it holds."""
    if ids and query is not None:
        raise BadInputError("give article ids or --query Q, not both")
    if query is None:
        if not ids:
            raise BadInputError("nothing to export: give article ids or --query Q")
        articles = [library.get(article_id) for article_id in dict.fromkeys(map(library.resolve_id, ids))]
        if form == "json":
            return json_text(export_json(articles)), len(articles)
        return articles_markdown(articles), len(articles)
    result = library.search(query, limit=limit)
    articles = []
    for hit in result.hits:
        try:
            articles.append(library.get(hit.id))
        except NotFoundError:  # replaced by a newer version since the search: leave it out
            continue
    if form == "json":
        return json_text(export_results_json(result, articles)), len(articles)
    return results_markdown(query, result, articles), len(articles)


def run_export(
    library: Library,
    ids: Sequence[str],
    query: str | None,
    limit: int,
    form: ExportFormat,
    output: Path | None = None,
    force: bool = False,
) -> str:
    """`newsdesk export`: the document (see `export_document`) to print, or, written to `output`, a line saying so."""
    text, count = export_document(library, ids, query, limit, form)
    if output is None:
        return text
    write_private_file(output, text, force)
    return f"exported {count} article{'' if count == 1 else 's'} to {output}\n"
