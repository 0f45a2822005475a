"""Where the story is in the text of a whole page: a browser's "Save as Text", a copy of everything on screen.

Such a text carries the site's menus, link lists and footer around the story, often hundreds of short lines, more
than the header and trailer rules of `index.clean` can judge line by line. Prose is what sets the story apart: its
paragraphs are long and end like sentences, while page chrome is short lines that do not. Each block (blank-line
separated paragraph) is worth its size when it is prose, and otherwise costs a fixed amount per chrome line in it;
the story is the run of blocks worth the most (the maximum-sum subarray, as in Finn et al.'s Body Text Extraction,
on text rather than tags).

Hand-written because the libraries that do this (jusText, trafilatura) read HTML: on plain text, with no tags or
links to go by, jusText scores 0.68 word-level F1 on the bodies of the article-extraction benchmark's pages saved as
text, where this with index.clean scores 0.86 (`bench/clean/measure.py`).

Only a side with many chrome lines is cut, so an article scraped with a few lines of furniture around it is left
whole to `index.clean`'s finer rules, and so are tables of figures and lists the story runs on into.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.text_shape import ends_sentence, word_count

# A block of this many words that ends like a sentence is prose.
MIN_PROSE_SIZE = 10
# Scripts written without spaces (Chinese, Japanese) are told by their long "words"; they count a word per two
# characters.
_MAX_SPACED_WORD_CHARS = 20
_CHARS_PER_UNSPACED_WORD = 2
# What one line of chrome costs against the story's words: a menu of a dozen items outweighs a short paragraph.
CHROME_LINE_COST = 4
# Chrome is short lines; longer ones that do not end like sentences (list items) and lines with figures (a table
# of results) cost nothing: they belong to the story when it runs on into them.
MAX_CHROME_WORDS = 12
# Fewer lines of chrome than this beyond the story are left to index.clean's header and trailer rules.
MIN_CUT_LINES = 8


def _size(text: str) -> int:
    words = word_count(text)
    return len(text) // _CHARS_PER_UNSPACED_WORD if len(text) > _MAX_SPACED_WORD_CHARS * words else words


def _is_chrome(line: str) -> bool:
    return word_count(line) <= MAX_CHROME_WORDS and not any(char.isdigit() for char in line)


def _block_value(lines: Sequence[str]) -> int:
    size = sum(_size(line) for line in lines)
    if size >= MIN_PROSE_SIZE and ends_sentence(lines[-1]):
        return size
    return -CHROME_LINE_COST * _chrome_lines(lines)


def story_span(lines: Sequence[str], blocks: Sequence[int]) -> tuple[int, int]:
    """The lines [start, end) that hold the story: `lines[i]` is in block `blocks[i]` (blocks in order). A side
    with fewer than MIN_CUT_LINES lines of chrome beyond the story is kept."""
    if not lines:
        return 0, 0
    if blocks[0] == blocks[-1] and _a_paragraph_a_line(lines):
        blocks = range(len(lines))  # text copied without blank lines: each line is a paragraph
    starts = [index for index in range(len(lines)) if index == 0 or blocks[index] != blocks[index - 1]]
    bounds = list(zip(starts, [*starts[1:], len(lines)], strict=True))
    values = [_block_value(lines[first:last]) for first, last in bounds]
    best, first_block, end_block = 0, 0, len(bounds)
    running, run_start = 0, 0
    for number, value in enumerate(values):
        if running <= 0:
            running, run_start = 0, number
        running += value
        if running > best:
            best, first_block, end_block = running, run_start, number + 1
    if best == 0:
        return 0, len(lines)  # no prose at all: nothing tells the story from the rest
    while first_block > 0 and values[first_block - 1] == 0:  # a standfirst, a table: the story's, not chrome
        first_block -= 1
    while end_block < len(bounds) and values[end_block] == 0:
        end_block += 1
    start, end = bounds[first_block][0], bounds[end_block - 1][1]
    return (start if _chrome_lines(lines[:start]) >= MIN_CUT_LINES else 0), (
        end if _chrome_lines(lines[end:]) >= MIN_CUT_LINES else len(lines)
    )


def _a_paragraph_a_line(lines: Sequence[str]) -> bool:
    """Whether long lines end like sentences, as paragraphs do; the lines of hard-wrapped prose mostly stop
    mid-sentence."""
    long_lines = [line for line in lines if _size(line) >= MIN_PROSE_SIZE]
    return len(long_lines) >= 2 and 2 * sum(1 for line in long_lines if ends_sentence(line)) >= len(long_lines)


def _chrome_lines(lines: Sequence[str]) -> int:
    return sum(1 for line in lines if _is_chrome(line))
