"""The timeline strip: articles over time as bars per bucket (day, week, month or year), the open article's bucket
marked, the date filter shaded; focused, a cursor walks the buckets and Enter filters the list to them.

The screen hands the strip its Timeline (that of the current search and entity filter), the open article and the
date filter; the strip keeps its cursor and the anchor of a range being extended, and asks for changes by message:
a range to filter to, the date filter cleared, another bucket size. Drawing is tui.timeline_layout's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from index.timeline import GRANULARITIES, Granularity, Timeline
from tui.timeline_layout import (
    DayRange,
    StripState,
    StripStyles,
    bucket_at,
    bucket_of,
    day_range,
    draw_strip,
    relocate,
    visible_window,
)


class TimelineStrip(Widget, can_focus=True):
    PANE_TITLE: ClassVar[str] = "Timeline"
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-strip--axis",
        "timeline-strip--mark",
        "timeline-strip--current",
        "timeline-strip--cursor",
        "timeline-strip--range",
        "timeline-strip--filter",
        "timeline-strip--label",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", "Earlier bucket", show=False, id="timeline.left"),
        Binding("right,l", "move(1)", "Later bucket", show=False, id="timeline.right"),
        Binding("shift+left", "extend(-1)", "Extend range earlier", show=False, id="timeline.extend_left"),
        Binding("shift+right", "extend(1)", "Extend range later", show=False, id="timeline.extend_right"),
        Binding("enter", "choose", "Show these dates", id="timeline.filter"),
        Binding("plus,equals_sign", "zoom(-1)", "Finer buckets", id="timeline.zoom_in"),
        Binding("minus", "zoom(1)", "Coarser buckets", id="timeline.zoom_out"),
        # Inactive with nothing of its own to clear (check_action): Escape then does what it does everywhere.
        Binding("escape", "clear", "Clear range, dates", id="timeline.clear"),
    ]

    # None until the library has answered.
    timeline: reactive[Timeline | None] = reactive(None)
    current_id: reactive[str | None] = reactive(None)
    date_filter: reactive[DayRange | None] = reactive(None)
    cursor: reactive[int] = reactive(0)
    # Where a range being extended with shift+arrows started; None while the cursor is a single bucket.
    range_anchor: reactive[int | None] = reactive(None)

    @dataclass
    class RangeChosen(Message):
        """Enter: show only the articles published from `first` to `last` (days, both included)."""

        first: dt.date
        last: dt.date

    class DatesCleared(Message):
        """Escape with no range being extended: drop the date filter."""

    @dataclass
    class ZoomRequested(Message):
        """+ or -: show the timeline in buckets of `by`."""

        by: Granularity

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._window_start = 0
        # The bucket size last asked for, until the timeline in it arrives: + + zooms two steps, however fast.
        self._zooming_to: Granularity | None = None
        # The open article's bucket, and whether it is undated: found once for each article and timeline, not at
        # every drawing (a look through the ids of 100,000 articles takes milliseconds).
        self._current: int | None = None
        self._current_undated = False

    def on_mount(self) -> None:
        self.border_title = self.PANE_TITLE

    # -- what the screen hands down --------------------------------------------------------------------------------

    def watch_timeline(self, old: Timeline | None, new: Timeline | None) -> None:
        """Keep the cursor (and a range) on the same days when the buckets change (on the open article's bucket if it
        is among them); at first, start on the open article, or on the latest bucket."""
        self._zooming_to = None
        self.refresh_bindings()  # + and - may have reached the finest or the coarsest size
        self._locate_current()
        if new is None or not new.buckets:
            self.cursor, self.range_anchor = 0, None
            return
        if old is None or not old.buckets:
            current = self._current
            self.cursor, self.range_anchor = (current if current is not None else len(new.buckets) - 1), None
            return
        if self.range_anchor is None:
            self.cursor = relocate(new.buckets, _days(old, self.cursor), prefer=self._current)
            return
        later = self.cursor > self.range_anchor
        self.cursor = relocate(new.buckets, _days(old, self.cursor), later_end=later)
        self.range_anchor = relocate(new.buckets, _days(old, self.range_anchor), later_end=not later)

    def watch_current_id(self) -> None:
        """The cursor follows the open article, unless a range is being extended."""
        self._locate_current()
        if self._current is not None and self.range_anchor is None:
            self.cursor = self._current

    def _locate_current(self) -> None:
        self._current = bucket_of(self.timeline, self.current_id, near=self._current)
        self._current_undated = self.timeline is not None and self.current_id in self.timeline.undated

    # -- keys --------------------------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear":
            return self.range_anchor is not None or self.date_filter is not None
        if action == "zoom":
            assert isinstance(parameters[0], int)
            return self.timeline is not None and self._zoomed(parameters[0]) is not None
        return True

    def action_move(self, step: int) -> None:
        self.range_anchor = None
        self._move_cursor(step)

    def action_extend(self, step: int) -> None:
        if self.range_anchor is None:
            self.range_anchor = self.cursor
        self._move_cursor(step)

    def action_choose(self) -> None:
        if self.timeline is None or not self.timeline.buckets:
            return
        first, last = self._state().selection
        self.range_anchor = None
        self.post_message(self.RangeChosen(*day_range(self.timeline.buckets, first, last)))

    def action_zoom(self, step: int) -> None:
        by = self._zoomed(step)
        if by is not None:
            self._zooming_to = by
            self.post_message(self.ZoomRequested(by))

    def action_clear(self) -> None:
        if self.range_anchor is not None:
            self.range_anchor = None
        elif self.date_filter is not None:
            self.post_message(self.DatesCleared())

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.timeline is None:
            return
        index = bucket_at(len(self.timeline.buckets), self.content_size.width, self._window_start, offset.x)
        if index is not None:
            self.focus()
            self.range_anchor = None
            self.cursor = index

    def _move_cursor(self, step: int) -> None:
        if self.timeline is not None and self.timeline.buckets:
            self.cursor = max(0, min(self.cursor + step, len(self.timeline.buckets) - 1))

    def _zoomed(self, step: int) -> Granularity | None:
        """The bucket size one step finer (-1) or coarser (+1) than the strip's, if there is one."""
        assert self.timeline is not None
        position = GRANULARITIES.index(self._zooming_to or self.timeline.by) + step
        return GRANULARITIES[position] if 0 <= position < len(GRANULARITIES) else None

    # -- drawing ---------------------------------------------------------------------------------------------------

    def on_focus(self) -> None:
        self.refresh()  # the cursor shows only while focused

    def on_blur(self) -> None:
        self.refresh()

    def render(self) -> Text:
        width = self.content_size.width
        count = len(self.timeline.buckets) if self.timeline is not None else 0
        self._window_start = visible_window(count, width, self.cursor, self._window_start)
        return draw_strip(self._state(), width, self._window_start, self._styles())

    def _state(self) -> StripState:
        return StripState(
            self.timeline,
            self.cursor,
            self.range_anchor,
            self._current,
            self._current_undated,
            self.date_filter,
            focused=self.has_focus,
        )

    def _styles(self) -> StripStyles:
        return StripStyles(
            axis=self._component_style("axis"),
            mark=self._component_style("mark"),
            current=self._component_style("current"),
            cursor=self._component_style("cursor"),
            range=self._component_style("range"),
            filter=self._component_style("filter"),
            label=self._component_style("label"),
        )

    def _component_style(self, name: str) -> Style:
        return self.get_component_rich_style(f"timeline-strip--{name}", partial=True)


def _days(timeline: Timeline, index: int) -> DayRange:
    """The days one bucket of a (non-empty) timeline covers."""
    index = max(0, min(index, len(timeline.buckets) - 1))
    return day_range(timeline.buckets, index, index)
