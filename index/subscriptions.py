"""What the library reports about feeds: value types, kept apart from index.refresh so that reading them does not
load the fetching and parsing libraries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from index.model import AddReport
from index.state import FeedSubscription

FeedStatus = Literal["ok", "not-modified", "failed"]


@dataclass(frozen=True)
class FeedOutcome:
    feed: str
    title: str | None
    status: FeedStatus
    entries: int = 0
    error: str | None = None


@dataclass(frozen=True)
class RefreshReport:
    feeds: tuple[FeedOutcome, ...]
    articles: AddReport

    @property
    def failed(self) -> bool:
        return self.articles.failed or any(feed.status == "failed" for feed in self.feeds)


@dataclass(frozen=True)
class FeedInfo:
    """A subscribed feed as `feeds list` shows it."""

    subscription: FeedSubscription
    articles: int  # how many articles of the library came from it
