"""Runs and segments: the capitalised phrases of an article, the units every rule types.

A *run* is a maximal stretch of capitalised tokens on one line separated by spaces only, with connectors inside
("Bank of Korea", "Ludwig van Beethoven"). It is cut into *segments* at function words ("The", "But"), weekdays,
numbers and possessives ("North Korea's | Foreign Minister Ri Yong Ho"); a month only starts no segment, so
"Theresa May" stays whole; a place joined to a name by a hyphen is cut off ("Russia-North Korea").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from index.entities.gazetteer import place
from index.entities.text import ArticleText, Token
from index.entities.vocab import MONTHS, STOP_WORDS, WEEKDAYS
from index.entities.words import bare, is_capitalised, is_connector, is_glued, strip_possessive

_HAS_DIGIT = re.compile(r"\d")

Segment = list[Token]


def segments(article: ArticleText) -> Iterator[Segment]:
    """Every segment of every line, in text order."""
    for run in _runs(article):
        yield from _split_run(run)


def _runs(article: ArticleText) -> Iterator[list[Token]]:
    """Maximal runs of capitalised tokens separated by spaces only, with connectors inside ("Bank of Korea")."""
    text = article.text
    run: list[Token] = []
    pending: list[Token] = []  # connectors waiting for a capitalised token
    previous: Token | None = None
    for token in article.tokens:
        joined = previous is not None and previous.line == token.line and _only_spaces(text, previous.end, token.start)
        if is_capitalised(token.text) and not _HAS_DIGIT.search(token.text):
            if run and joined:
                run.extend(pending)
            elif run:
                yield run
                run = []
            run.append(token)
            pending = []
        elif run and joined and is_connector(token.text) and len(pending) < 2:
            pending.append(token)
        else:
            if run:
                yield run
            run, pending = [], []
        previous = token
    if run:
        yield run


def _only_spaces(text: str, start: int, end: int) -> bool:
    return start < end and not text[start:end].strip(" \t\u00a0")


def _split_run(run: list[Token]) -> Iterator[Segment]:
    """Cut at function words, weekdays, numbers and possessives; a month only starts no segment ("Theresa May")."""
    current: Segment = []
    for token in run:
        word = token.text
        if word in STOP_WORDS or bare(word) in WEEKDAYS or is_glued(word):
            yield from closed(current)
            current = []
            continue
        if not current and (bare(word) in MONTHS or is_connector(word)):
            continue
        if not current and "-" in word and (split := _compound_of_places(token)) is not None:
            head, token = split  # "Russia-North Korea" -> "Russia" | "North Korea"
            yield [head]
            word = token.text
        stem, possessive = strip_possessive(word)
        if possessive:
            current.append(Token(token.start, token.start + len(stem), stem, token.line))
            yield from closed(current)
            current = []
            continue
        current.append(token)
    yield from closed(current)


def _compound_of_places(token: Token) -> tuple[Token, Token] | None:
    """ "Russia-North" (of "Russia-North Korea relations"), "US-China": a place joined to a name by a hyphen."""
    head, _, rest = token.text.partition("-")
    if not rest[:1].isupper() or place(head) is None or place(token.text) is not None:
        return None
    cut = token.start + len(head)
    return Token(token.start, cut, head, token.line), Token(cut + 1, token.end, rest, token.line)


def closed(segment: Segment) -> Iterator[Segment]:
    while segment and is_connector(segment[-1].text):
        segment = segment[:-1]
    if segment:
        yield segment


def name_words(seg: Segment) -> list[Token]:
    """The segment without its connectors."""
    return [token for token in seg if not is_connector(token.text)]


# --- typing one segment ------------------------------------------------------------------------------------------


def split_at(seg: Segment, connectors: set[str] | frozenset[str]) -> list[Segment]:
    pieces: list[Segment] = [[]]
    for token in seg:
        if token.text in connectors:
            pieces.append([])
        else:
            pieces[-1].append(token)
    return [piece for segment in pieces for piece in closed(lstrip_connectors(segment))]


def lstrip_connectors(seg: Segment) -> Segment:
    while seg and is_connector(seg[0].text):
        seg = seg[1:]
    return seg
