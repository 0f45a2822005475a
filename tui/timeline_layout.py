"""The timeline strip's drawing, as pure functions of (dates, width) so it is tested without a terminal.

The strip is two lines: a sparkline of article counts per column over the span of publication dates, then the
first and last dates as labels at the ends and the count of undated articles in the middle.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

# Glyphs by height: an empty column keeps a low baseline so the strip reads as an axis.
EMPTY_GLYPH = "▁"
MARK_GLYPHS = "▃▅▇█"


@dataclass(frozen=True)
class TimelineStyles:
    axis: Style
    mark: Style
    current: Style
    label: Style


@dataclass(frozen=True)
class TimelineLayout:
    """Articles per column, and where the current article sits: in a column, among the undated, or nowhere."""

    counts: tuple[int, ...]
    current_column: int | None
    current_is_undated: bool
    first: dt.date | None
    last: dt.date | None
    undated: int


def layout_timeline(
    points: Sequence[tuple[str, dt.date]], undated: int, width: int, current_id: str | None = None
) -> TimelineLayout:
    """Spread dated articles over `width` columns: the first date in column 0, the last in column width-1."""
    width = max(width, 1)
    current_is_undated = current_id is not None and all(article_id != current_id for article_id, _ in points)
    if not points:
        return TimelineLayout((0,) * width, None, current_is_undated, None, None, undated)
    # Ordinals, because `published` may be a datetime, and a datetime minus a date is a TypeError.
    ordinals = {article_id: published.toordinal() for article_id, published in points}
    first, last = min(ordinals.values()), max(ordinals.values())
    span = last - first

    def column_of(ordinal: int) -> int:
        return 0 if span == 0 else round((ordinal - first) * (width - 1) / span)

    counts = [0] * width
    for ordinal in ordinals.values():
        counts[column_of(ordinal)] += 1
    current_column = column_of(ordinals[current_id]) if current_id in ordinals else None
    return TimelineLayout(
        tuple(counts),
        current_column,
        current_is_undated,
        dt.date.fromordinal(first),
        dt.date.fromordinal(last),
        undated,
    )


def glyph_for(count: int, most: int) -> str:
    """A taller mark for a busier column, scaled to the busiest one; any article at all gets a visible mark."""
    if count == 0:
        return EMPTY_GLYPH
    level = math.ceil(count / most * len(MARK_GLYPHS)) - 1
    return MARK_GLYPHS[level]


def date_label(day: dt.date, first: dt.date, last: dt.date) -> str:
    """Year and month, or the full date when the whole span sits in one month (the month alone says nothing)."""
    same_month = (first.year, first.month) == (last.year, last.month)
    return f"{day:%Y-%m-%d}" if same_month else f"{day:%Y-%m}"


def draw_timeline(layout: TimelineLayout, styles: TimelineStyles) -> Text:
    """The two lines of the strip, each exactly as wide as the layout."""
    width = len(layout.counts)
    marks = Text(no_wrap=True, overflow="crop")
    if layout.first is None:
        marks.append("no dated articles".ljust(width)[:width], styles.label)
    else:
        most = max(layout.counts)
        for column, count in enumerate(layout.counts):
            style = styles.current if column == layout.current_column else styles.mark if count else styles.axis
            marks.append(glyph_for(count, most), style)
    return Text("\n", no_wrap=True).join([marks, _labels_line(layout, styles)])


def _labels_line(layout: TimelineLayout, styles: TimelineStyles) -> Text:
    """First date at the left edge, last date at the right edge, the undated count centred between them."""
    width = len(layout.counts)
    left = right = ""
    if layout.first is not None and layout.last is not None:
        left = date_label(layout.first, layout.first, layout.last)
        if layout.last != layout.first:
            right = date_label(layout.last, layout.first, layout.last)
    middle = f"{layout.undated} undated" if layout.undated else ""
    if len(left) + len(middle) + len(right) + 2 > width:  # too narrow: the undated count matters more
        right = ""
    line = Text(no_wrap=True, overflow="crop")
    line.append(left, styles.label)
    line.append(" " * max((width - len(middle)) // 2 - len(left), 1 if left else 0))
    line.append(middle, styles.current if layout.current_is_undated else styles.label)
    line.append(" " * max(width - len(line) - len(right), 0))
    line.append(right, styles.label)
    line.truncate(width, pad=True)
    return line
