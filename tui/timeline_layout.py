"""The timeline strip's drawing and cursor arithmetic, as pure functions so they are tested without a terminal.

The strip is two lines. The first: one bar per bucket of the library's Timeline (a sparkline: taller for more
articles, a low baseline for none). The second: the first and last bucket shown at the ends, and between them the
bucket size, the cursor's bucket (or range) with its count, and the undated articles, counted apart.

Fitting the width: with fewer buckets than columns, every bucket gets as many whole columns as fit (the same for
all, so no bar looks wider than another; a blank column between buckets three columns wide or more), and the labels
go under the bars; the rest of the line, if any, takes the middle text. With more buckets than columns, every
bucket gets one column and the strip shows a window that scrolls to keep the cursor in view ("‹" and "›" at the
ends say there is more). Buckets are never merged: the cursor would step over several at once and the size the
user zoomed to would lie. Zooming out (-) is the way to see a long span whole.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from index.timeline import Granularity, Timeline, TimelineBucket

# The first and last day of a date filter, both included (what the library's `between` takes).
DayRange = tuple[dt.date, dt.date]

# An empty bucket keeps the baseline, so the strip reads as an axis and a gap reads as a gap; any article at all
# makes a bar taller than the baseline.
EMPTY_GLYPH = "▁"
BAR_GLYPHS = "▂▃▄▅▆▇█"
MORE_BEFORE, MORE_AFTER = "‹", "›"
RANGE_DASH = " – "
SEPARATOR = " · "
MIN_GAPPED_WIDTH = 3  # buckets this many columns wide or more get a blank column between them
MIDDLE_GAP = 3  # the least space between the labels under the bars and the middle text beside them


@dataclass(frozen=True)
class StripStyles:
    axis: Style
    mark: Style
    current: Style
    cursor: Style
    range: Style
    filter: Style
    label: Style


@dataclass(frozen=True)
class StripState:
    """Everything the strip shows: the buckets, the cursor (and the anchor of a range being extended), the open
    article's bucket (bucket_of) or whether it is undated, the date filter in force, and whether the strip has the
    focus (the cursor shows only then)."""

    timeline: Timeline | None
    cursor: int = 0
    anchor: int | None = None
    current: int | None = None
    current_undated: bool = False
    date_filter: DayRange | None = None
    focused: bool = False

    @property
    def selection(self) -> tuple[int, int]:
        """The first and last index of the cursor's bucket, or of the range from the anchor to the cursor."""
        anchor = self.cursor if self.anchor is None else self.anchor
        return min(anchor, self.cursor), max(anchor, self.cursor)


# -- labels ----------------------------------------------------------------------------------------------------------


def bucket_label(day: dt.date, by: Granularity) -> str:
    """A bucket's start as its size reads: 2018, 2018-04, W15 2018 (the ISO week), 2018-04-09."""
    if by == "year":
        return f"{day:%Y}"
    if by == "month":
        return f"{day:%Y-%m}"
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"W{week} {year}"
    return f"{day:%Y-%m-%d}"


def range_label(first: dt.date, last: dt.date) -> str:
    """A date filter, as its chip says it: "2018-04-01 – 2018-05-31", or one day alone."""
    return f"{first:%Y-%m-%d}" if first == last else f"{first:%Y-%m-%d}{RANGE_DASH}{last:%Y-%m-%d}"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def selection_label(timeline: Timeline, first: int, last: int) -> str:
    """E.g. "2018-04: 2 articles", or "2018-04 – 2018-05: 3 articles" for a range."""
    buckets = timeline.buckets[first : last + 1]
    label = bucket_label(buckets[0].start, timeline.by)
    if last > first:
        label += RANGE_DASH + bucket_label(buckets[-1].start, timeline.by)
    return f"{label}: {plural(sum(bucket.count for bucket in buckets), 'article')}"


# -- the cursor ------------------------------------------------------------------------------------------------------


def day_range(buckets: Sequence[TimelineBucket], first: int, last: int) -> DayRange:
    """The days buckets first..last cover: what Enter filters the list to."""
    return buckets[first].start, buckets[last].end


def bucket_of(timeline: Timeline | None, article_id: str | None, near: int | None = None) -> int | None:
    """The index of the bucket holding an article, or None (undated, not in this timeline, or no article).

    The buckets nearest `near` are looked through first: the article opened next is most often one listed next to
    the last, published about when it was, and looking through every bucket's ids takes milliseconds at 100,000."""
    if timeline is None or article_id is None:
        return None
    count = len(timeline.buckets)
    start = near if near is not None and 0 <= near < count else 0
    order = sorted(range(count), key=lambda index: abs(index - start))
    return next((index for index in order if article_id in timeline.buckets[index].articles), None)


def relocate(
    buckets: Sequence[TimelineBucket], days: DayRange, later_end: bool = False, prefer: int | None = None
) -> int:
    """The bucket of a new timeline (zoomed, or refiltered) that stands for the days an old bucket covered.

    Of the buckets overlapping those days: `prefer` (the open article's) if it is one of them, else the first with
    articles (the last, for the later end of a range), else the first (last) of them; with none overlapping, the
    nearest bucket. `buckets` must not be empty.
    """
    first, last = days
    overlapping = [index for index, bucket in enumerate(buckets) if bucket.start <= last and bucket.end >= first]
    if prefer in overlapping:
        return prefer
    if overlapping:
        busy = [index for index in overlapping if buckets[index].count] or overlapping
        return busy[-1] if later_end else busy[0]
    return 0 if last < buckets[0].start else len(buckets) - 1


def visible_window(count: int, width: int, cursor: int, start: int) -> int:
    """The first bucket shown when `count` buckets get one column each of `width`: the previous window's start,
    moved as little as it takes to show the cursor."""
    if count <= width:
        return 0
    start = min(max(start, cursor - width + 1), cursor)
    return max(0, min(start, count - width))


def cell_width(count: int, width: int) -> int:
    """How many columns each of `count` buckets gets out of `width` (at least one)."""
    return max(1, width // max(count, 1))


def bucket_at(count: int, width: int, window_start: int, column: int) -> int | None:
    """The bucket drawn at a column (for a click), or None past the last one."""
    offset = column // cell_width(count, width)
    return window_start + offset if 0 <= offset < min(count, width) and column >= 0 else None


# -- drawing ---------------------------------------------------------------------------------------------------------


def glyph_for(count: int, most: int) -> str:
    """A taller bar for a busier bucket, scaled to the busiest one; one article is never invisible."""
    if count == 0 or most == 0:
        return EMPTY_GLYPH
    return BAR_GLYPHS[math.ceil(count / most * len(BAR_GLYPHS)) - 1]


def draw_strip(state: StripState, width: int, window_start: int, styles: StripStyles) -> Text:
    """The strip's two lines, each exactly `width` cells. `window_start` comes from visible_window()."""
    width = max(width, 1)
    timeline = state.timeline
    if timeline is None:
        return _two_lines(Text("reading the timeline…", styles.label), Text(), width)
    undated = _undated_segment(state, styles)
    if not timeline.buckets:
        return _two_lines(Text("no dated articles", styles.label), _spread(width, "", undated, "", styles), width)
    shown = timeline.buckets[window_start : window_start + width]
    cell = cell_width(len(shown), width)
    bars = _bars(state, shown, window_start, cell, styles)
    left = bucket_label(shown[0].start, timeline.by)
    right = bucket_label(shown[-1].start, timeline.by) if len(shown) > 1 else ""
    if window_start > 0:
        left = f"{MORE_BEFORE} {left}"
    if window_start + len(shown) < len(timeline.buckets):
        right = f"{right} {MORE_AFTER}"
    first, last = state.selection
    middle = [Text(f"by {timeline.by}"), Text(selection_label(timeline, first, last)), undated]
    centre = Text(SEPARATOR, styles.label).join(segment for segment in middle if segment)
    centre.stylize_before(styles.label)
    under = len(shown) * cell  # the columns the bars take
    if width - under >= len(centre) + MIDDLE_GAP:  # room beside the bars: the middle text goes there
        labels = _spread(under, left, Text(), right, styles)
        labels.append(" " * (width - under - len(centre)))
        labels.append_text(centre)
    else:
        labels = _spread(under, left, centre, right, styles)
    return _two_lines(bars, labels, width)


def _bars(
    state: StripState, shown: Sequence[TimelineBucket], window_start: int, cell: int, styles: StripStyles
) -> Text:
    assert state.timeline is not None
    most = max(bucket.count for bucket in state.timeline.buckets)
    first, last = state.selection
    gap = 1 if cell >= MIN_GAPPED_WIDTH else 0
    bars = Text(no_wrap=True, overflow="crop")
    for offset, bucket in enumerate(shown):
        index = window_start + offset
        style = styles.mark if bucket.count else styles.axis
        if state.date_filter is not None and _overlaps(bucket, state.date_filter):
            style += styles.filter
        if state.anchor is not None and first <= index <= last:
            style += styles.range
        if index == state.current:
            style += styles.current
        if state.focused and index == state.cursor:
            style += styles.cursor
        bars.append(glyph_for(bucket.count, most) * (cell - gap), style)
        bars.append(" " * gap)
    return bars


def _overlaps(bucket: TimelineBucket, days: DayRange) -> bool:
    return bucket.start <= days[1] and bucket.end >= days[0]


def _undated_segment(state: StripState, styles: StripStyles) -> Text:
    """The undated count ("3 undated"), in the open article's style when it is one of them."""
    assert state.timeline is not None
    undated = state.timeline.undated
    if not undated:
        return Text()
    return Text(f"{len(undated)} undated", styles.current if state.current_undated else "")


def _spread(width: int, left: str, centre: Text, right: str, styles: StripStyles) -> Text:
    """A labels line: `left` at the left edge, `right` at the right, `centre` centred between them. Too narrow: the
    right label goes first, then the left; the centre is cut last."""
    centre = centre.copy()
    centre.truncate(width)
    if len(left) + len(right) + len(centre) + 2 > width:
        right = ""
    if len(left) + len(centre) + 1 > width:
        left = ""
    start = (width - len(centre)) // 2
    start = max(start, len(left) + 1 if left else 0)
    start = min(start, width - len(centre) - (len(right) + 1 if right else 0))
    line = Text(no_wrap=True, overflow="crop")
    line.append(left, styles.label)
    line.append(" " * (start - len(left)))
    line.append_text(centre)
    line.append(" " * (width - len(line) - len(right)))
    line.append(right, styles.label)
    return line


def _two_lines(first: Text, second: Text, width: int) -> Text:
    first.truncate(width, pad=True)
    second.truncate(width, pad=True)
    return Text("\n", no_wrap=True).join([first, second])
