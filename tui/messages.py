"""What thread workers post back to the event loop: the library's answers, as typed messages.

Workers never touch widgets; the screen that started a worker handles its messages (they do not bubble on to the
app) and hands data down.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.message import Message

from index.model import AddReport, Article, ArticleSummary, SearchResult


@dataclass
class SeedsProgress(Message, bubble=False):
    """One more bundled article has been read while filling an empty library."""

    done: int
    total: int
    current: str


@dataclass
class SeedsAdded(Message, bubble=False):
    report: AddReport


@dataclass
class ArticlesLoaded(Message, bubble=False):
    """The whole library: the article list, the user's read marks and the dated articles for the timeline."""

    articles: list[ArticleSummary]
    read_ids: set[str]
    timeline: list[tuple[str, dt.date]]


@dataclass
class ArticleLoaded(Message, bubble=False):
    """An article opened in the reading view; it has been marked read."""

    article: Article


@dataclass
class SearchCompleted(Message, bubble=False):
    """The answer to `query`, exactly as the screen asked it (so a stale answer is recognised)."""

    query: str
    result: SearchResult


@dataclass
class LibraryFailed(Message, bubble=False):
    """The library refused a request on purpose (a bad query, a busy library): `error` is one line fit to show."""

    error: str
