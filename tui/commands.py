"""The command palette (ctrl+p): every action of the main screen by its name, articles by title, entities by name.

Titles and names are untrusted text: they are shown as plain Content (Textual's Matcher.highlight would parse them
as markup), with the matched letters styled by offset.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from index.errors import NewsdeskError
from index.model import Entity

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

# How many titles the palette offers for what is typed, and how many of the library's entities it knows.
ARTICLE_HITS = 15
PALETTE_ENTITIES = 300
_WORD = re.compile(r"\w+")


def _main_screen(provider: Provider) -> MainScreen | None:
    from tui.screens.main import MainScreen  # the screen module imports this one

    screen = provider.screen
    return screen if isinstance(screen, MainScreen) else None


def _plain_highlight(matcher: Matcher, text: str) -> Content:
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ActionCommands(Provider):
    """Everything a key does, by the name the help screen gives it."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        screen = _main_screen(self)
        if screen is None:
            return []
        found: list[tuple[str, Callable[[], object], str]] = []
        for node, bindings in ((screen, screen.BINDINGS), (self.app, self.app.BINDINGS)):
            for binding in bindings:
                if isinstance(binding, Binding) and binding.description:
                    run = partial(node.run_action, binding.action)
                    found.append((binding.description, run, f"key: {binding.key.split(',')[0]}"))
        return found

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)


class ArticleCommands(Provider):
    """Open an article by (words of) its title, from the whole library."""

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        words = _WORD.findall(query)
        if screen is None or not words:
            return
        title_query = "title:(" + " ".join(words[:-1] + [words[-1] + "*"]) + ")"
        try:
            result = await asyncio.to_thread(screen.library.search, title_query, ARTICLE_HITS)
        except NewsdeskError:
            return
        matcher = self.matcher(query)
        for rank, hit in enumerate(result.hits):
            score = max(matcher.match(hit.title), 1.0 / (rank + 2))  # the index found it: keep it, in its order
            run = partial(screen.open_in_history, hit.id)
            yield Hit(score, _plain_highlight(matcher, f"Open: {hit.title}"), run, help=hit.source or None)


class EntityCommands(Provider):
    """Show the articles naming a person, organisation or place (the library's most named ones)."""

    async def startup(self) -> None:
        screen = _main_screen(self)
        self._entities: list[Entity] = []
        if screen is not None:
            infos = await asyncio.to_thread(screen.library.entities, None, False, PALETTE_ENTITIES)
            self._entities = [Entity(info.id, info.name, info.kind) for info in infos]

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        matcher = self.matcher(query)
        for entity in self._entities:
            label = f"Articles naming {entity.name} ({entity.kind})"
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, _plain_highlight(matcher, label), partial(screen.filter_by_entity, entity))


class KeptCommands(Provider):
    """Saved searches, "did you mean", saving the current search, exporting the article or the results."""

    def _commands(self) -> list[tuple[str, Callable[[], object]]]:
        screen = _main_screen(self)
        if screen is None:
            return []
        found: list[tuple[str, Callable[[], object]]] = []
        if screen.suggestion:
            found.append((f"Did you mean: {screen.suggestion}", partial(screen.run_query, screen.suggestion)))
        for name, query in screen.saved_queries.items():
            found.append((f"Saved search: {name}", partial(screen.run_query, query)))
        if screen.current_article is not None:
            found.append(("Export the article as Markdown", screen.export_article))
        if screen.request:
            found.append(("Export the results as Markdown", partial(screen.export_results, screen.request)))
        return found

    async def discover(self) -> Hits:
        for name, run in self._commands():
            yield DiscoveryHit(Content(name), run)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, _plain_highlight(matcher, name), run)
