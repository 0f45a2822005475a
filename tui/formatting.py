"""How dates and bylines read on screen; shared by the list and the reading view so they never disagree."""

from __future__ import annotations

import datetime as dt


def local(published: dt.date) -> dt.date:
    """A zoned time shown in the reader's own zone; dates and naive times as they are."""
    if isinstance(published, dt.datetime) and published.tzinfo is not None:
        return published.astimezone()
    return published


def published_label(published: dt.date | None, with_time: bool = False) -> str:
    """The (local) day, plus the time of day when known and asked for, or "undated"."""
    if published is None:
        return "undated"
    shown = local(published)
    if with_time and isinstance(shown, dt.datetime):
        return f"{shown:%Y-%m-%d %H:%M}"
    return f"{shown:%Y-%m-%d}"


def byline(source: str | None, published: dt.date | None, with_time: bool = False) -> str:
    return " · ".join(part for part in (source, published_label(published, with_time)) if part)
