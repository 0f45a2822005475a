"""Invented feeds and article texts for ingestion tests (no real news is copied here)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

_WORDS = (
    "council harbour railway budget river school market bridge election festival museum weather hospital "
    "library ferry airport stadium factory university court"
).split()


def article_text(seed: int, sentences: int = 4) -> str:
    """A distinct plain-text body of a few sentences for each seed (over twenty words, so fingerprints apply)."""
    lines = []
    for n in range(sentences):
        words = [_WORDS[(seed * 7 + n * 3 + k) % len(_WORDS)] for k in range(8)]
        lines.append(f"The {' '.join(words)} report number {seed} part {n} was published on Monday.")
    return " ".join(lines)


def rss(title: str, items: Sequence[tuple[str, str, int]], summary_only: bool = False) -> str:
    """An RSS 2.0 feed; each item is (title, link, seed of its text). With `summary_only` the items carry one
    sentence and no content, so a reader has to fetch the page."""
    entries = []
    for item_title, link, seed in items:
        text = article_text(seed)
        body = (
            f"<description>{escape(text.split('.')[0])}.</description>"
            if summary_only
            else f"<description>{escape(text[:60])}</description>"
            f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded>"
        )
        entries.append(
            f"<item><title>{escape(item_title)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
            f"<pubDate>Mon, 0{seed % 9 + 1} Jan 2024 10:00:00 GMT</pubDate>{body}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(title)}</title><link>https://example.org/</link>{''.join(entries)}</channel></rss>"
    )


def page(title: str, seed: int) -> str:
    """A saved article page with navigation and footer around the text."""
    paragraphs = "".join(f"<p>{article_text(seed * 10 + n)}</p>" for n in range(3))
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(title)}</title></head><body>'
        f'<nav><a href="/">Home</a></nav><article><h1>{escape(title)}</h1>{paragraphs}</article>'
        "<footer>All rights reserved</footer></body></html>"
    )
