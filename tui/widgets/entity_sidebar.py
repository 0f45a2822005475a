"""The entity sidebar: the people, organisations and places of the open article, grouped by kind."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from index.model import ENTITY_KINDS, Entity, EntityKind

KIND_HEADINGS: dict[EntityKind, str] = {"person": "People", "org": "Organisations", "place": "Places"}


class EntitySidebar(VerticalScroll):
    # None until an article is open, so "nothing open" and "nobody named" read differently.
    entities: reactive[tuple[Entity, ...] | None] = reactive(None, recompose=True)

    def on_mount(self) -> None:
        self.border_title = "Entities"

    def compose(self) -> ComposeResult:
        if self.entities is None:
            yield Static(Text("Open an article to see who and where."), classes="placeholder")
            return
        if not self.entities:
            yield Static(Text("No people, organisations or places named."), classes="placeholder")
            return
        for kind in ENTITY_KINDS:
            names = [entity.name for entity in self.entities if entity.kind == kind]
            if names:
                yield Static(Text(KIND_HEADINGS[kind]), classes="heading")
                yield Static(Text("\n".join(names)), classes="names")
