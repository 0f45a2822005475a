"""Articles over time: counts per day, week, month or year, with the undated ones counted apart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from dateutil.relativedelta import relativedelta

Granularity = Literal["day", "week", "month", "year"]
GRANULARITIES: tuple[Granularity, ...] = ("day", "week", "month", "year")
_STEP = {
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "year": relativedelta(years=1),
}
# The finest bucket size that keeps a library's span to a strip's width or so: about 60-100 buckets at most.
_MAX_DAYS_BY_DAY, _MAX_DAYS_BY_WEEK, _MAX_DAYS_BY_MONTH = 62, 700, 3660


@dataclass(frozen=True)
class TimelineBucket:
    start: dt.date
    end: dt.date  # the bucket's last day, inclusive
    count: int
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    by: Granularity
    buckets: tuple[TimelineBucket, ...]  # contiguous, oldest first, empty ones included so the strip shows gaps
    undated: tuple[str, ...]  # never dropped: counted apart


def calendar_day(published: dt.date) -> dt.date:
    """The day a publication date falls on for the reader: a zoned time in the local zone."""
    if isinstance(published, dt.datetime):
        return (published.astimezone() if published.tzinfo else published).date()
    return published


def choose_granularity(first: dt.date, last: dt.date) -> Granularity:
    span = (last - first).days
    if span <= _MAX_DAYS_BY_DAY:
        return "day"
    if span <= _MAX_DAYS_BY_WEEK:
        return "week"
    return "month" if span <= _MAX_DAYS_BY_MONTH else "year"


def bucket_start(day: dt.date, by: Granularity) -> dt.date:
    # Plain date arithmetic, not relativedelta: this runs once per article (90% of a 20k-article timeline was
    # relativedelta objects).
    if by == "week":
        return day - dt.timedelta(days=day.weekday())  # the Monday of its week
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    return day


def build_timeline(
    dated: Sequence[tuple[str, dt.date]], undated: Sequence[str], by: Granularity | None = None
) -> Timeline:
    days = [(article_id, calendar_day(published)) for article_id, published in dated]
    if not days:
        return Timeline(by or "month", (), tuple(undated))
    first, last = min(day for _, day in days), max(day for _, day in days)
    by = by or choose_granularity(first, last)
    members: dict[dt.date, list[str]] = {}
    for article_id, day in days:
        members.setdefault(bucket_start(day, by), []).append(article_id)
    buckets = []
    start = bucket_start(first, by)
    while start <= last:
        following = start + _STEP[by]
        ids = tuple(members.get(start, ()))
        buckets.append(TimelineBucket(start, following - relativedelta(days=1), len(ids), ids))
        start = following
    return Timeline(by, tuple(buckets), tuple(undated))
