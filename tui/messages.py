"""What thread workers post back to the event loop: the library's answers, as typed messages.

Workers never touch widgets; the screen that started a worker handles its messages (they do not bubble on to the
app) and hands data down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.message import Message

from index.model import AddReport, Article, ArticleSummary, EntityInfo, SearchResult
from index.related import Related
from index.stories import Story
from index.subscriptions import RefreshReport
from index.timeline import Granularity, Timeline
from tui.timeline_layout import DayRange


@dataclass
class IngestProgress(Message, bubble=False):
    """Long work on the library (filling an empty one with the bundled articles, refreshing feeds) moved on."""

    done: int
    total: int
    current: str


@dataclass
class SeedsAdded(Message, bubble=False):
    report: AddReport


@dataclass
class EntitiesFound(Message, bubble=False):
    """The entities of `count` articles an interrupted add had stored without them were found at start."""

    count: int


@dataclass
class FeedsRefreshed(Message, bubble=False):
    report: RefreshReport


@dataclass
class RemovalAsked(Message, bubble=False):
    """The user asked to remove an article: the title to ask the question with was read."""

    article_id: str
    title: str


@dataclass
class ArticleRemoved(Message, bubble=False):
    """The user removed an article from the library."""

    article_id: str
    title: str


class LibraryChanged(Message, bubble=False):
    """Another process (`newsdesk add`, `watch`, a scheduled `refresh`) changed the library since it was read."""


@dataclass
class ArticlesLoaded(Message, bubble=False):
    """The whole library: the article list (read a page at a time as it is shown) and the user's read marks."""

    articles: Sequence[ArticleSummary]
    read_ids: set[str]
    starred_ids: set[str]


@dataclass
class LibraryEntitiesLoaded(Message, bubble=False):
    """The library's most widely mentioned entities, most widely first."""

    entities: list[EntityInfo]


@dataclass
class ArticleLoaded(Message, bubble=False):
    """An article opened in the reading view (the library marks it read next). `entity_counts`: for each of its
    entities, how many articles of the library mention it."""

    article: Article
    entity_counts: dict[str, int]


@dataclass
class FilteredArticlesLoaded(Message, bubble=False):
    """The articles that mention `entity_id` (if given) and were published `between` (if given), newest first: the
    list under a filter with no search."""

    entity_id: str | None
    between: DayRange | None
    articles: Sequence[ArticleSummary]


@dataclass
class SearchCompleted(Message, bubble=False):
    """The answer to `query` among the articles mentioning `entity_id` (or all) published `between` (or whenever),
    exactly as the screen asked it (so a stale answer is recognised)."""

    query: str
    entity_id: str | None
    between: DayRange | None
    result: SearchResult
    suggestion: str | None = None  # "did you mean", for a query that finds little


@dataclass
class TimelineLoaded(Message, bubble=False):
    """The articles over time of `query` (or all) among those mentioning `entity_id` (or all), in buckets of `by`
    (or the library's choice), exactly as the screen asked."""

    by: Granularity | None
    query: str
    entity_id: str | None
    timeline: Timeline


@dataclass
class LibraryFailed(Message, bubble=False):
    """The library refused a request on purpose (a bad query, a busy library): `error` is one line fit to show."""

    error: str


@dataclass
class RelatedLoaded(Message, bubble=False):
    """The articles most related to `article_id`, best first, with why."""

    article_id: str
    related: list[Related]


@dataclass
class StoriesLoaded(Message, bubble=False):
    """The library's story groups: articles about one event, two or more each."""

    stories: list[Story]


@dataclass
class UrlResolved(Message, bubble=False):
    """The library article whose URL is `url`, or None: then it is the system browser's to open."""

    url: str
    article_id: str | None
