"""The timeline strip: the library's dated articles as marks over time, the open article's mark highlighted."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.timeline_layout import TimelineStyles, draw_timeline, layout_timeline


class TimelineStrip(Widget, can_focus=True):
    PANE_TITLE: ClassVar[str] = "Timeline"
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-strip--axis",
        "timeline-strip--mark",
        "timeline-strip--current",
        "timeline-strip--label",
    }

    points: reactive[tuple[tuple[str, dt.date], ...]] = reactive(())
    undated: reactive[int] = reactive(0)
    current_id: reactive[str | None] = reactive(None)

    def on_mount(self) -> None:
        self.border_title = self.PANE_TITLE

    def render(self) -> Text:
        layout = layout_timeline(self.points, self.undated, self.content_size.width, self.current_id)
        return draw_timeline(layout, self._styles())

    def _styles(self) -> TimelineStyles:
        return TimelineStyles(
            axis=self._component_style("axis"),
            mark=self._component_style("mark"),
            current=self._component_style("current"),
            label=self._component_style("label"),
        )

    def _component_style(self, name: str) -> Style:
        return self.get_component_rich_style(f"timeline-strip--{name}", partial=True)
