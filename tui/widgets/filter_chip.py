"""The filter chip: "✕ Sergei Lavrov" beside the search box while the article list is filtered to one entity.

Hidden when there is no filter; a click on it asks for the filter to go (so does `x`, a screen key).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from index.model import Entity

REMOVE_MARK = "✕"


class FilterChip(Static):
    entity: reactive[Entity | None] = reactive(None)

    @dataclass
    class RemoveRequested(Message):
        """The user clicked the chip: drop the entity filter."""

        entity: Entity

    def watch_entity(self, entity: Entity | None) -> None:
        self.display = entity is not None
        # A Text, never a str: the name comes from article text and must not be parsed as markup.
        self.update(Text(f"{REMOVE_MARK} {entity.name}") if entity is not None else Text())
        self.tooltip = "Articles naming this only: click or press x to show all" if entity is not None else None

    def on_click(self, event: events.Click) -> None:
        event.stop()
        if self.entity is not None:
            self.post_message(self.RemoveRequested(self.entity))
