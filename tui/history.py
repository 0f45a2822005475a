"""Back and forward across everything the user navigated, like a browser: pure Python, no Textual.

A `Place` is what the main screen needs to show a moment again: the search, the filters, the open article, the
list's cursor and the reading view's scroll. `History` keeps them oldest first with a current position; visiting a
new place after going back drops the places ahead, and the oldest fall off past `limit`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

from index.model import Entity

DayRange = tuple[dt.date, dt.date]
PlaceKind = Literal["start", "article", "search", "entity", "dates"]
DEFAULT_LIMIT = 200


@dataclass(frozen=True)
class Place:
    """One step of the history: how it was reached (`kind`) and the whole screen state to restore."""

    kind: PlaceKind
    query: str = ""
    entity: Entity | None = None
    dates: DayRange | None = None
    article_id: str | None = None
    article_title: str | None = None
    list_index: int | None = None
    scroll_y: float = 0.0

    @property
    def label(self) -> str:
        """What the history list says of it, e.g. "Search: Lavrov" (plain text, never markup)."""
        if self.kind == "article":
            return f"Article: {self.article_title or self.article_id}"
        if self.kind == "search":
            return f"Search: {self.query}" if self.query else "Search cleared"
        if self.kind == "entity":
            return f"Entity: {self.entity.name}" if self.entity is not None else "Entity filter dropped"
        if self.kind == "dates":
            return f"Dates: {self.dates[0]} – {self.dates[1]}" if self.dates is not None else "Date filter dropped"
        return "All articles"

    def same_view(self, other: Place) -> bool:
        """Whether both show the same search, filters and article (wherever the cursor and scroll)."""
        return (self.query, self.entity, self.dates, self.article_id) == (
            other.query,
            other.entity,
            other.dates,
            other.article_id,
        )


class History:
    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        if limit < 1:
            raise ValueError("a history holds at least one place")
        self._places: list[Place] = []
        self._position = -1
        self._limit = limit

    @property
    def places(self) -> tuple[Place, ...]:
        """Oldest first."""
        return tuple(self._places)

    @property
    def position(self) -> int:
        """The current place's index in `places`; -1 while empty."""
        return self._position

    @property
    def current(self) -> Place | None:
        return self._places[self._position] if self._places else None

    @property
    def can_go_back(self) -> bool:
        return self._position > 0

    @property
    def can_go_forward(self) -> bool:
        return self._position < len(self._places) - 1

    def visit(self, place: Place) -> None:
        """A new place after the current one; those ahead of it (gone back over) are dropped."""
        del self._places[self._position + 1 :]
        self._places.append(place)
        overflow = len(self._places) - self._limit
        if overflow > 0:
            del self._places[:overflow]
        self._position = len(self._places) - 1

    def update_current(self, *, list_index: int | None, scroll_y: float) -> None:
        """Where the user has since moved the cursor and scrolled, so going back returns there."""
        if self._places:
            current = self._places[self._position]
            self._places[self._position] = replace(current, list_index=list_index, scroll_y=scroll_y)

    def name_article(self, article_id: str, title: str) -> None:
        """The title of an article once it is read, for the places that opened it."""
        self._places = [
            replace(place, article_title=title)
            if place.kind == "article" and place.article_id == article_id and place.article_title is None
            else place
            for place in self._places
        ]

    def back(self) -> Place | None:
        """The previous place, now current; None (and no move) at the oldest."""
        return self.go_to(self._position - 1) if self.can_go_back else None

    def forward(self) -> Place | None:
        """The next place, now current; None (and no move) at the newest."""
        return self.go_to(self._position + 1) if self.can_go_forward else None

    def go_to(self, index: int) -> Place:
        """The place at `index` (into `places`), now current; the places ahead are kept, as after going back."""
        if not 0 <= index < len(self._places):
            raise IndexError(f"no place {index} in a history of {len(self._places)}")
        self._position = index
        return self._places[index]
