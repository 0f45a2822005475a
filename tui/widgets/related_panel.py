"""The related panel, under the reading view: the open article's most related articles, best first, each with why,
e.g. "2 days apart · Ri Yong-ho, Sergei Lavrov · moscow, ties". Enter (or o) opens the highlighted one.

Shown and hidden with r (the screen's key); every prompt is a rich Text, since titles and names are untrusted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.related import Related

# How many shared entities and key terms a row names; the rest are left out.
SHOWN_ENTITIES = 3
SHOWN_TERMS = 3


def reasons(related: Related) -> str:
    """Why an article is related, e.g. "2 days apart · Ri Yong-ho, Sergei Lavrov · moscow, ties"."""
    parts: list[str] = []
    if related.days_apart is not None:
        days = related.days_apart
        parts.append("same day" if days == 0 else f"{days} day{'' if days == 1 else 's'} apart")
    if related.shared_entities:
        parts.append(", ".join(related.shared_entities[:SHOWN_ENTITIES]))
    if related.key_terms:
        parts.append(", ".join(related.key_terms[:SHOWN_TERMS]))
    return " · ".join(parts)


class RelatedPanel(OptionList):
    PANE_TITLE: ClassVar[str] = "Related"
    COMPONENT_CLASSES: ClassVar[set[str]] = {"related-panel--reasons"}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="related_panel.down"),
        Binding("k", "cursor_up", "Up", show=False, id="related_panel.up"),
        Binding("enter,o", "select", "Open related article", show=False, id="related_panel.open"),
    ]

    @dataclass
    class RelatedChosen(Message):
        """The user pressed Enter on a related article: open it."""

        article_id: str

    def on_mount(self) -> None:
        self.border_title = self.PANE_TITLE

    def show_loading(self) -> None:
        self.set_options([Option(Text("Finding related articles…", style="italic"), disabled=True)])

    def show_related(self, related: Sequence[Related]) -> None:
        """Replace the rows; the cursor goes to the first one."""
        if not related:
            self.set_options([Option(Text("Nothing related in the library.", style="italic"), disabled=True)])
            return
        style = self.get_component_rich_style("related-panel--reasons", partial=True)
        options: list[Option | None] = []
        for item in related:
            prompt = Text(item.title)
            prompt.append("\n")
            prompt.append(reasons(item), style)
            options.extend((Option(prompt, id=item.id), None))
        self.set_options(options[:-1])  # None draws a rule between two articles
        self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.RelatedChosen(event.option.id))
