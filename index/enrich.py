"""Entities for batches of articles: extraction (`index.entities`), then library-wide identity (`index.identity`).

The registry of known entities is loaded from the catalog the first time a batch needs it, so opening a library
costs nothing; the user's corrections from the state log are replayed into it every time. It is loaded again when
another process (a `newsdesk add` beside the app, `watch`) has written to the catalog since: identity decided
against a registry that misses that process's entities would split them ("Lavrov" beside "Sergei Lavrov").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from index.catalog import Catalog
from index.entities.keys import entity_key, entity_slug
from index.identity import EntityRegistry, Resolution, UserEdits
from index.model import ENTITY_KINDS, Article, Entity, EntityKind, EntityMention, EntityNaming, FoundEntity, Identified
from index.state import EntityEdit

# entity id -> its naming: what the catalog's entity table is refreshed with after a batch.
EntityNames: TypeAlias = dict[str, EntityNaming]


@dataclass(frozen=True)
class Corrections:
    """The user's entity edits, replayed from the log in order: later edits win."""

    identity: UserEdits = field(default_factory=UserEdits)
    renames: Mapping[str, str] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()


def corrections_from(log: Iterable[EntityEdit]) -> Corrections:
    merged_into: dict[str, str] = {}
    split_forms: dict[tuple[EntityKind, str], str] = {}
    renames: dict[str, str] = {}
    hidden: set[str] = set()
    for edit in log:
        if edit.op == "merge" and edit.value and edit.value != edit.entity_id:
            merged_into[edit.value] = edit.entity_id
            merged_into.pop(edit.entity_id, None)  # merging back into a once-merged id revives it
        elif edit.op == "split" and edit.value:
            kind = _kind_of(edit.entity_id)
            split_forms[(kind, entity_key(edit.value))] = split_id(edit.entity_id, edit.value)
        elif edit.op == "rename" and edit.value:
            renames[edit.entity_id] = edit.value
        elif edit.op == "hide":
            hidden.add(edit.entity_id)
        elif edit.op == "unhide":
            hidden.discard(edit.entity_id)
    return Corrections(UserEdits(merged_into, split_forms), renames, frozenset(hidden))


def _kind_of(entity_id: str) -> EntityKind:
    kind = entity_id.split(":", 1)[0]
    for known in ENTITY_KINDS:
        if kind == known:
            return known
    raise ValueError(f"not an entity id: {entity_id!r}")


def split_id(entity_id: str, form: str) -> str:
    """The id a form split off an entity gets: its own slug, never the entity's own id."""
    candidate = entity_slug(_kind_of(entity_id), form)
    return candidate if candidate != entity_id else f"{candidate}-split"


def _text_of(article: Article, field_name: str) -> str:
    return article.title if field_name == "title" else article.body


def _mentions(article: Article, found: Sequence[FoundEntity], resolution: Resolution) -> tuple[EntityMention, ...]:
    """Each mention goes to its entity's library id, or to the id a user split its form off to."""
    placed: list[EntityMention] = []
    for entity, main_id in zip(found, resolution.ids, strict=True):
        split_to = {
            form: entity_id
            for entity_id, forms in resolution.forms_by_id.items()
            if entity_id != main_id
            for form in forms
            if form in entity.forms
        }
        for mention in entity.mentions:
            surface = _text_of(article, mention.field)[mention.start : mention.end]
            placed.append(EntityMention(split_to.get(surface, main_id), mention.field, mention.start, mention.end))
    return tuple(sorted(placed, key=lambda m: (m.field != "title", m.start)))


class EntityEnricher:
    def __init__(self, catalog: Catalog, corrections: Corrections) -> None:
        self._catalog = catalog
        self.corrections = corrections
        self._registry: EntityRegistry | None = None
        # (the catalog's generation, its own writes) when the registry last agreed with the catalog.
        self._agreed_at = (0, 0)

    def _loaded_registry(self) -> EntityRegistry:
        if self._registry is None or self._written_elsewhere():
            generation, entities = self._catalog.entity_forms()
            self._registry = EntityRegistry(self.corrections.identity)
            for entity_id, forms, naming in entities:
                self._registry.add_known(entity_id, forms, naming)
            self._agreed_at = (generation, self._catalog.writes)
        return self._registry

    def _written_elsewhere(self) -> bool:
        """Every write bumps the generation by one: any bump beyond this process's own writes was another's."""
        generation, writes = self._agreed_at
        return self._catalog.generation() - generation != self._catalog.writes - writes

    def reset(self, corrections: Corrections) -> EntityRegistry:
        """Start identity afresh (a reindex, a user's merge or split): the caller then replaces the catalog's
        identities with what this registry decides."""
        self.corrections = corrections
        self._registry = EntityRegistry(corrections.identity)
        # Whatever another process writes from here is reloaded from the catalog, once it holds what this decides.
        self._agreed_at = (self._catalog.generation(), self._catalog.writes)
        return self._registry

    def forget(self, article_ids: Iterable[str]) -> None:
        """Articles about to be replaced or removed no longer count towards their entities' forms."""
        registry = self._loaded_registry()
        for article_id in article_ids:
            for entity_id, forms in self._catalog.article_forms(article_id).items():
                registry.forget(entity_id, forms)

    def identify(
        self, batch: Sequence[tuple[Article, tuple[FoundEntity, ...]]]
    ) -> tuple[list[Identified], EntityNames]:
        """Decide identity for entities already found; also the display names of every entity touched."""
        return _identified(self._loaded_registry(), batch)

    def identify_afresh(
        self, batch: Sequence[tuple[Article, tuple[FoundEntity, ...]]], corrections: Corrections
    ) -> tuple[list[Identified], EntityNames]:
        """Decide identity over the whole library from nothing (after a user's merge or split), never reloading the
        registry from the catalog midway: it holds the identities being replaced until the caller stores these."""
        return _identified(self.reset(corrections), batch)


def _identified(
    registry: EntityRegistry, batch: Sequence[tuple[Article, tuple[FoundEntity, ...]]]
) -> tuple[list[Identified], EntityNames]:
    identified: list[Identified] = []
    touched: set[str] = set()
    for article, found in batch:
        resolution = registry.resolve(found)
        touched.update(resolution.forms_by_id)
        entities = tuple(
            Entity(entity_id, registry.display_name(entity_id), registry.entities[entity_id].kind)
            for entity_id in resolution.forms_by_id
        )
        with_entities = dataclasses.replace(article, entities=entities, mentions=_mentions(article, found, resolution))
        identified.append(Identified(with_entities, found, resolution.forms_by_id))
    names = {
        i: EntityNaming(known.kind, known.name, dict(known.names))
        for i in touched
        if (known := registry.entities.get(i)) is not None
    }
    return identified, names
