"""The timeline strip's drawing and cursor arithmetic, tested as the pure functions they are."""

from __future__ import annotations

import datetime as dt

from rich.style import Style
from rich.text import Text

from index.timeline import Timeline, build_timeline
from tui.timeline_layout import (
    BAR_GLYPHS,
    EMPTY_GLYPH,
    MORE_AFTER,
    MORE_BEFORE,
    StripState,
    StripStyles,
    bucket_at,
    bucket_label,
    bucket_of,
    day_range,
    draw_strip,
    glyph_for,
    range_label,
    relocate,
    visible_window,
)

STYLES = StripStyles(
    axis=Style(dim=True),
    mark=Style(bold=True),
    current=Style(color="yellow"),
    cursor=Style(reverse=True),
    range=Style(bgcolor="blue"),
    filter=Style(bgcolor="green"),
    label=Style(italic=True),
)
# The seeds' shape: two in April 2018, one in May, one in October 2023, one in January 2024; and an undated one.
DATED = [
    ("apr10", dt.date(2018, 4, 10)),
    ("apr11", dt.datetime(2018, 4, 11, 9, 30)),
    ("may30", dt.date(2018, 5, 30)),
    ("oct19", dt.date(2023, 10, 19)),
    ("jan16", dt.date(2024, 1, 16)),
]
BY_MONTH = build_timeline(DATED, ["undated"], "month")  # 70 buckets, April 2018 to January 2024


def style_at(text: Text, offset: int) -> Style:
    return Style.combine(span.style for span in text.spans if span.start <= offset < span.end)  # type: ignore[misc]


def lines(state: StripState, width: int, window_start: int = 0) -> tuple[Text, Text]:
    bars, labels = draw_strip(state, width, window_start, STYLES).split("\n")
    assert len(bars) == len(labels) == width
    return bars, labels


def test_bucket_labels_read_as_their_size() -> None:
    day = dt.date(2018, 4, 9)
    assert [bucket_label(day, by) for by in ("day", "week", "month", "year")] == [
        "2018-04-09",
        "W15 2018",
        "2018-04",
        "2018",
    ]
    assert bucket_label(dt.date(2018, 12, 31), "week") == "W1 2019"  # the ISO week's year
    assert range_label(dt.date(2018, 4, 1), dt.date(2018, 5, 31)) == "2018-04-01 – 2018-05-31"
    assert range_label(dt.date(2018, 4, 1), dt.date(2018, 4, 1)) == "2018-04-01"


def test_busier_buckets_get_taller_bars_and_empty_ones_the_baseline() -> None:
    assert glyph_for(0, 4) == EMPTY_GLYPH and EMPTY_GLYPH not in BAR_GLYPHS
    assert glyph_for(4, 4) == BAR_GLYPHS[-1]
    assert glyph_for(1, 1000) == BAR_GLYPHS[0]  # one article is never invisible


def test_one_column_a_bucket_with_labels_under_the_ends_and_the_cursor_beside() -> None:
    state = StripState(BY_MONTH, cursor=0, current=bucket_of(BY_MONTH, "jan16"))
    bars, labels = lines(state, 120)
    april, may, october, january = BAR_GLYPHS[-1], BAR_GLYPHS[3], BAR_GLYPHS[3], BAR_GLYPHS[3]
    assert bars.plain[:70] == april + may + EMPTY_GLYPH * 64 + october + EMPTY_GLYPH * 2 + january
    assert bars.plain[70:] == " " * 50  # the same width for every bucket: none looks wider than another
    assert labels.plain.startswith("2018-04 ") and labels.plain[:70].endswith(" 2024-01")
    assert labels.plain.endswith("by month · 2018-04: 2 articles · 1 undated")
    assert style_at(bars, 69) == STYLES.mark + STYLES.current  # the open article's bucket
    assert style_at(bars, 0) == STYLES.mark and style_at(bars, 2) == STYLES.axis  # no cursor unless focused


def test_focused_the_cursor_a_range_and_the_date_filter_show() -> None:
    april_may = (dt.date(2018, 4, 1), dt.date(2018, 5, 31))
    state = StripState(BY_MONTH, cursor=2, anchor=0, date_filter=april_may, focused=True)
    bars, labels = lines(state, 70)  # no room beside the bars: the middle text goes between the labels
    assert labels.plain.startswith("2018-04 ") and labels.plain.endswith(" 2024-01")
    assert "by month · 2018-04 – 2018-06: 3 articles · 1 undated" in labels.plain
    assert style_at(bars, 0) == STYLES.mark + STYLES.filter + STYLES.range
    assert style_at(bars, 2) == STYLES.axis + STYLES.range + STYLES.cursor
    assert style_at(bars, 3) == STYLES.axis
    assert state.selection == (0, 2)
    assert day_range(BY_MONTH.buckets, *state.selection) == (dt.date(2018, 4, 1), dt.date(2018, 6, 30))


def test_few_buckets_share_the_width_with_gaps_between_them() -> None:
    by_year = build_timeline(DATED, [], "year")
    bars, labels = lines(StripState(by_year, cursor=6), 70)
    assert bars.plain[:10] == BAR_GLYPHS[-1] * 9 + " "  # 7 buckets of 10 columns, the last one blank
    assert bars.plain[50:60] == BAR_GLYPHS[2] * 9 + " "
    assert labels.plain.startswith("2018 ") and labels.plain.rstrip().endswith(" 2024")
    assert "by year · 2024: 1 article" in labels.plain and "undated" not in labels.plain
    assert bucket_at(7, 70, 0, 0) == 0 and bucket_at(7, 70, 0, 69) == 6 and bucket_at(7, 75, 0, 72) is None


def test_more_buckets_than_columns_scroll_to_keep_the_cursor_in_view() -> None:
    by_day = build_timeline(DATED, [], "day")  # 2108 days
    count = len(by_day.buckets)
    assert visible_window(count, 60, cursor=10, start=0) == 0  # in view: the window stays
    assert visible_window(count, 60, cursor=100, start=0) == 41  # just enough to show it, at the right edge
    assert visible_window(count, 60, cursor=50, start=41) == 41
    assert visible_window(count, 60, cursor=30, start=41) == 30  # at the left edge
    assert visible_window(count, 60, cursor=count - 1, start=0) == count - 60
    assert visible_window(5, 60, cursor=4, start=3) == 0  # everything fits
    bars, labels = lines(StripState(by_day, cursor=100, focused=True), 60, window_start=41)
    assert style_at(bars, 59) == STYLES.axis + STYLES.cursor
    assert labels.plain.startswith(f"{MORE_BEFORE} 2018-05-21") and labels.plain.endswith(f"2018-07-19 {MORE_AFTER}")
    assert bucket_at(count, 60, 41, 59) == 100


def test_undated_articles_are_counted_apart_and_marked_when_open() -> None:
    _, labels = lines(StripState(BY_MONTH, current_undated=True), 120)
    start = labels.plain.index("1 undated")
    assert style_at(labels, start) == STYLES.label + STYLES.current
    only_undated = Timeline("month", (), ("a", "b", "c"))
    bars, labels = lines(StripState(only_undated), 30)
    assert bars.plain.strip() == "no dated articles" and labels.plain.strip() == "3 undated"
    assert bucket_of(BY_MONTH, "undated") is None and bucket_of(BY_MONTH, "may30") == 1
    # Looked for from another bucket first (the last article's), or from one out of range, it is found all the same.
    assert bucket_of(BY_MONTH, "may30", near=69) == 1 and bucket_of(BY_MONTH, "may30", near=500) == 1


def test_a_narrow_strip_keeps_the_middle_and_drops_the_end_labels() -> None:
    _, labels = lines(StripState(BY_MONTH, cursor=0), 40)
    assert labels.plain.strip().startswith("by month · 2018-04: 2 articles")  # cut at the right, ends dropped
    bars, labels = lines(StripState(None), 30)
    assert bars.plain.strip() == "reading the timeline…" and labels.plain.strip() == ""


def test_the_cursor_keeps_its_days_when_the_buckets_change() -> None:
    by_week = build_timeline(DATED, [], "week")
    april, may = day_range(BY_MONTH.buckets, 0, 0), day_range(BY_MONTH.buckets, 1, 1)
    # Finer: the first bucket with articles among those the old one covered (the last, for a range's later end).
    assert by_week.buckets[relocate(by_week.buckets, april)].start == dt.date(2018, 4, 9)
    assert by_week.buckets[relocate(by_week.buckets, (april[0], may[1]), later_end=True)].start == dt.date(2018, 5, 28)
    by_day = build_timeline(DATED, [], "day")
    apr11 = bucket_of(by_day, "apr11")
    assert relocate(by_day.buckets, april) == 0 and apr11 == 1
    assert relocate(by_day.buckets, april, prefer=apr11) == apr11  # the open article's, if it lies in those days
    assert by_day.buckets[relocate(by_day.buckets, may, prefer=apr11)].start == dt.date(2018, 5, 30)
    june = day_range(BY_MONTH.buckets, 2, 2)
    assert by_week.buckets[relocate(by_week.buckets, june)].start == dt.date(2018, 5, 28)  # none busy: the first
    # Coarser: the one bucket holding those days; outside the span: the nearest end.
    by_year = build_timeline(DATED, [], "year")
    assert relocate(by_year.buckets, may) == 0
    assert relocate(by_year.buckets, (dt.date(1999, 1, 1), dt.date(1999, 1, 31))) == 0
    assert relocate(by_year.buckets, (dt.date(2030, 1, 1), dt.date(2030, 1, 31))) == 6
