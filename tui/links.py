"""Links in an article: which URL the open-link key acts on, and which URLs may go to the system browser.

Pure Python. Only http and https ever reach the browser; anything else (file:, javascript:, data:, ...) is refused.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from index.model import Article

# A scheme, "://" and what follows up to whitespace or a closing bracket or quote; trailing punctuation trimmed.
URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s<>\"'()\[\]]+")
TRAILING = ".,;:!?"
WEB_SCHEMES = frozenset({"http", "https"})


def urls_in(text: str) -> list[str]:
    return [match.group().rstrip(TRAILING) for match in URL.finditer(text)]


def link_of(article: Article) -> str | None:
    """The first link in the body that is not the article's own URL, else the article's own URL, else None."""
    for url in urls_in(article.body):
        if url != article.url:
            return url
    return article.url or None


def is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)
