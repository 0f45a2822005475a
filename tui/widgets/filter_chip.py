"""A filter chip: "✕ Sergei Lavrov" or "✕ 2018-04-01 – 2018-05-31" beside the search box while the article list is
filtered (to one entity, to a range of days; each filter has its own chip).

Hidden when there is no filter; a click on it asks for its filter to go (so do screen keys: `x`, `X`, Escape).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

REMOVE_MARK = "✕"


class FilterChip(Static):
    # What the filter keeps, e.g. an entity's name; None while there is no filter.
    label: reactive[str | None] = reactive(None)

    @dataclass
    class RemoveRequested(Message):
        """The user clicked the chip: drop its filter (the chip's id says which)."""

        chip: FilterChip

    def __init__(self, hint: str, *, id: str) -> None:
        super().__init__(id=id)
        self.hint = hint

    def watch_label(self, label: str | None) -> None:
        self.display = label is not None
        # A Text, never a str: an entity's name comes from article text and must not be parsed as markup.
        self.update(Text(f"{REMOVE_MARK} {label}") if label is not None else Text())
        self.tooltip = self.hint if label is not None else None

    def on_click(self, event: events.Click) -> None:
        event.stop()
        if self.label is not None:
            self.post_message(self.RemoveRequested(self))
