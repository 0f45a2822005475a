"""Highlighted titles and body snippets, found the way the index found the words.

Whoosh's highlighter re-runs the whole analyzer chain on each hit's text, token object by token object: about 1 ms
per hit, a third of a search's time. The fields here use one analyzer (Whoosh's StemmingAnalyzer: its tokenizer
pattern, lower case, the Porter stemmer), so a regular expression and a cached stem find the same words about five
times faster (measured on 20,000 Reuters articles). The snippet is cut like Whoosh's ContextFragmenter: from a bit
before a match to a bit after the last match that still fits, the fragments with most matches first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from whoosh.lang.porter import stem

from index.model import Segments

# whoosh.analysis.RegexTokenizer's default pattern.
_TOKEN = re.compile(r"\w+(?:\.?\w+)*")
_WORD_START = re.compile(r"\b\w")

Span = tuple[int, int]


@functools.lru_cache(maxsize=100_000)
def _stemmed(word: str) -> str:
    return str(stem(word))


def matched_spans(text: str, words: frozenset[str]) -> list[Span]:
    """Where `text` has a word that the analyzer indexes as one of `words` (indexed, i.e. stemmed, forms)."""
    if not words:
        return []
    return [match.span() for match in _TOKEN.finditer(text) if _stemmed(match.group().lower()) in words]


def mark(text: str, spans: Iterable[Span], start: int = 0, end: int | None = None) -> Segments:
    """text[start:end] as runs, the spans flagged."""
    end = len(text) if end is None else end
    segments: list[tuple[str, bool]] = []
    position = start
    for span_start, span_end in spans:
        if span_start < position or span_end > end:
            continue
        if span_start > position:
            segments.append((text[position:span_start], False))
        segments.append((text[span_start:span_end], True))
        position = span_end
    if position < end:
        segments.append((text[position:end], False))
    return tuple(segments)


def best_fragments(text: str, spans: list[Span], max_chars: int, surround: int, top: int) -> list[Segments]:
    """Up to `top` fragments of at most about `max_chars`, each holding as many matches as fit with `surround`
    characters of context, the richest chosen and then shown in text order."""
    fragments: list[tuple[int, int, list[Span]]] = []
    index = 0
    while index < len(spans):
        first = index
        while index + 1 < len(spans) and spans[index + 1][1] - spans[first][0] <= max_chars - 2 * surround:
            index += 1
        inside = spans[first : index + 1]
        start, end = _word_start(text, max(0, inside[0][0] - surround)), _word_end(text, inside[-1][1] + surround)
        fragments.append((start, end, inside))
        index += 1
    chosen = sorted(fragments, key=lambda fragment: -len(fragment[2]))[:top]
    return [mark(text, inside, start, end) for start, end, inside in sorted(chosen)]


def _word_start(text: str, position: int) -> int:
    """`position`, or the start of the next word when it falls inside one."""
    if position == 0 or not text[position - 1].isalnum():
        return position
    found = _WORD_START.search(text, position)
    return found.start() if found else position


def _word_end(text: str, position: int) -> int:
    """`position`, or the end of the word it falls inside (never past the text)."""
    position = min(position, len(text))
    while position < len(text) and text[position].isalnum() and position > 0 and text[position - 1].isalnum():
        position += 1
    return position
