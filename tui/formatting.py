"""How dates and bylines read on screen; shared by the list and the reading view so they never disagree."""

from __future__ import annotations

import datetime as dt


def published_label(published: dt.date | None) -> str:
    """The day only (a datetime's time of day is noise in a list), or "undated"."""
    return f"{published:%Y-%m-%d}" if published is not None else "undated"


def byline(source: str | None, published: dt.date | None) -> str:
    return " · ".join(part for part in (source, published_label(published)) if part)
