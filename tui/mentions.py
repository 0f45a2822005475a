"""Which paragraphs of an article the reading view shows, where an entity's mentions fall in them, and on which
wrapped line.

Pure Python and rich: the reading view shows an article as blocks (block 0 is the title, block i + 1 the body's i-th
paragraph), and the library gives mentions as character offsets into the title or the whole body. Here the body's
offsets become offsets into its paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.text import Text

from index.model import Article

PARAGRAPH_BREAK = "\n\n"
TITLE_BLOCK = 0
# Text.wrap asks for a console, for justification only, which is never used here: any console will do.
_CONSOLE = Console()


# What the reading view shows of an absurdly long article: wrapping a megabyte for the screen takes seconds, and
# does again at every change of width. A news story is a few thousand characters; the CLI prints any article whole.
MAX_SHOWN_CHARS = 40_000
MAX_SHOWN_PARAGRAPHS = 150
MAX_PARAGRAPH_CHARS = 8_000


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) in `body` of each paragraph shown: split at blank lines, stripped, the empty ones left out,
    within the limits above (a paragraph past MAX_PARAGRAPH_CHARS is cut)."""
    spans: list[tuple[int, int]] = []
    start = shown = 0
    for chunk in body.split(PARAGRAPH_BREAK):
        stripped = chunk.strip()
        if stripped:
            first = start + chunk.index(stripped)
            length = min(len(stripped), MAX_PARAGRAPH_CHARS, MAX_SHOWN_CHARS - shown)
            spans.append((first, first + length))
            shown += length
            if shown >= MAX_SHOWN_CHARS or len(spans) >= MAX_SHOWN_PARAGRAPHS:
                break
        start += len(chunk) + len(PARAGRAPH_BREAK)
    return spans


def is_cut(body: str) -> bool:
    """Whether the reading view shows less than the whole body."""
    shown = sum(end - start for start, end in paragraph_spans(body))
    return shown < sum(len(chunk.strip()) for chunk in body.split(PARAGRAPH_BREAK))


def paragraphs(body: str) -> list[str]:
    """The library separates paragraphs with a blank line."""
    return [body[start:end] for start, end in paragraph_spans(body)]


@dataclass(frozen=True)
class Spot:
    """One mention as the reading view shows it: a block (0 the title, i + 1 the i-th paragraph) and offsets in it."""

    block: int
    start: int
    end: int


def locate_mentions(article: Article, entity_id: str) -> list[Spot]:
    """The entity's mentions in reading order: the title's first, then the body's paragraph by paragraph.

    A body mention outside every paragraph (in the whitespace the view drops) is left out; one that runs past the
    end of its paragraph is cut there.
    """
    spans = paragraph_spans(article.body)
    spots: list[Spot] = []
    for mention in article.mentions:
        if mention.entity_id != entity_id or mention.end <= mention.start:
            continue
        if mention.field == "title":
            end = min(mention.end, len(article.title))
            if mention.start < end:
                spots.append(Spot(TITLE_BLOCK, mention.start, end))
            continue
        for index, (start, end) in enumerate(spans):
            if start <= mention.start < end:
                spots.append(Spot(index + 1, mention.start - start, min(mention.end, end) - start))
                break
    return sorted(spots, key=lambda spot: (spot.block, spot.start))


def wrapped_line_of(plain: str, offset: int, width: int) -> int:
    """The line, counted from 0, that character `offset` of `plain` falls on once wrapped to `width` cells.

    Rich's word wrapping, close to what Textual draws: good enough to scroll a mention into view.
    """
    line = 0
    consumed = 0
    for hard_line in plain.split("\n"):
        wrapped = Text(hard_line).wrap(_CONSOLE, max(width, 1), overflow="fold")
        if offset <= consumed + len(hard_line):
            position = consumed
            for index, wrapped_line in enumerate(wrapped):
                position += len(wrapped_line.plain)
                if offset < position:
                    return line + index
            return line + max(len(wrapped) - 1, 0)
        consumed += len(hard_line) + 1
        line += len(wrapped)
    return max(line - 1, 0)
