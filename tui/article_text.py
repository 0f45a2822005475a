"""What the reading view draws: the open article (or a placeholder) as one Content, ready to wrap to the pane.

Each part (title, byline, link, paragraphs, the note on a cut article) is styled by its name, and the filter entity's
mentions by "mention" (the one last jumped to "current-mention"): the reading view looks each name up in app.tcss
(".reading-view--title" and so on) when it draws, so a new theme shows without building the text again. A part's
margin-top there is the blank lines above it.

Article text is untrusted: it goes in as plain text (a Content is never parsed as markup), control codes removed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from rich.control import strip_control_codes
from textual.content import Content, Span

from index.model import Article
from tui.formatting import byline
from tui.mentions import Spot, is_cut, paragraphs

Part = Literal["title", "byline", "url", "paragraph", "cut", "placeholder"]
PARTS: tuple[Part, ...] = ("title", "byline", "url", "paragraph", "cut", "placeholder")
Mark = Literal["mention", "current-mention"]
MARKS: tuple[Mark, ...] = ("mention", "current-mention")
PLACEHOLDER = "Choose an article in the list and press Enter to read it."


@dataclass(frozen=True)
class ArticleText:
    content: Content
    # Where each block starts in the content: block 0 is the title, block i + 1 the i-th paragraph (tui.mentions).
    block_starts: tuple[int, ...] = ()


def article_parts(article: Article | None) -> list[tuple[Part, str]]:
    """The parts shown, in order; with no article, the placeholder."""
    if article is None:
        return [("placeholder", PLACEHOLDER)]
    parts: list[tuple[Part, str]] = [
        ("title", article.title),
        ("byline", byline(article.source, article.published, with_time=True)),
    ]
    if article.url:
        parts.append(("url", article.url))
    parts.extend(("paragraph", paragraph) for paragraph in paragraphs(article.body))
    if is_cut(article.body):
        note = f"This article is very long: the rest is not shown. `newsdesk show {article.id}` prints it."
        parts.append(("cut", note))
    return parts


def article_text(
    article: Article | None, margins: Mapping[Part, int], spots: Sequence[Spot] = (), current: int | None = None
) -> ArticleText:
    """The article as one Content: each part on lines of its own, `margins[part]` blank lines above it, and each
    spot styled as a mention (the one at index `current` as the current one)."""
    chunks: list[str] = []
    spans: list[Span] = []
    block_starts: list[int] = []
    offset = 0
    for index, (part, plain) in enumerate(article_parts(article)):
        gap = ("\n" if index else "") + "\n" * margins.get(part, 0)
        # Stripped here, not by Content, so that the offsets counted below are those of the text drawn. (The library
        # stores text with no control codes: the mentions' offsets, counted in it, are not moved by this.)
        plain = strip_control_codes(plain)
        start = offset + len(gap)
        if part in ("title", "paragraph"):
            block_starts.append(start)
        spans.append(Span(start, start + len(plain), part))
        chunks += [gap, plain]
        offset = start + len(plain)
    for index, spot in enumerate(spots):
        if spot.block < len(block_starts):
            start = block_starts[spot.block]
            mark: Mark = "current-mention" if index == current else "mention"
            spans.append(Span(start + spot.start, start + spot.end, mark))
    return ArticleText(Content("".join(chunks), spans), tuple(block_starts))
