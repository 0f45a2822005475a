"""Dates on screen: zoned times in the reader's zone, the day in lists, the time too where there is room."""

from __future__ import annotations

import datetime as dt

from tui.formatting import byline, published_label


def test_dates_and_undated() -> None:
    assert published_label(dt.date(2018, 4, 11)) == "2018-04-11"
    assert published_label(None) == "undated"
    assert byline("Press TV", None) == "Press TV · undated"


def test_zoned_times_show_in_local_time() -> None:
    published = dt.datetime(2023, 10, 19, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    shown = published.astimezone()
    assert published_label(published) == f"{shown:%Y-%m-%d}"
    assert published_label(published, with_time=True) == f"{shown:%Y-%m-%d %H:%M}"
    assert published_label(dt.datetime(2023, 10, 19, 8, 5), with_time=True) == "2023-10-19 08:05"
