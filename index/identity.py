"""Library-wide entity identity: one id per real-world referent across every article, with all its forms.

Extraction (`index.entities`) finds the referents of one article (`FoundEntity`: name, kind, forms, mentions). This
module decides which library entity each one is, in this order:

1. the user's own edits: a form split off an entity becomes its own entity; merged ids follow the merge;
2. an exact match of any multi-word form's key ("Ri Yong-ho" = "Ri Yong Ho" = "ri yong ho") with a known entity;
3. an acronym and its long form ("UNSC" = "United Nations Security Council"), in either order of arrival;
4. a person's name one typo away ("Sergi Lavrov" = "Sergei Lavrov": same words but one, that one of 5+ letters and
   one edit apart — so "Kim Jong Un" and "Kim Jong Il" never merge);
5. a bare surname or given name ("Lavrov") and the one known full name it belongs to, in either order of arrival;
6. otherwise a new entity.
Whichever form arrived first names the id, so an id never changes once articles carry it; the display name follows
the forms.

The display name is the most complete form: most words, then most articles, then first seen; a user's rename wins.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from index.entities.keys import entity_key, entity_slug, initials
from index.model import EntityKind, EntityNaming, FoundEntity

# A typo merge needs the differing word to be this long: short Korean given-name syllables ("Un", "Il") differ by
# one letter between different people.
_MIN_TYPO_WORD = 5


@dataclass
class KnownEntity:
    id: str
    kind: EntityKind
    forms: Counter[str] = field(default_factory=Counter)  # surface form -> number of articles using it
    names: Counter[str] = field(default_factory=Counter)  # extraction's clean name (no "Mr") -> articles
    first_seen: int = 0

    @property
    def name(self) -> str:
        """The most complete clean name: most words, then most articles; max() keeps the first of equals and the
        counters keep their order of arrival, so ties go to the earliest."""
        candidates = self.names or self.forms
        return max(candidates, key=lambda name: (len(entity_key(name).split()), candidates[name]))

    def keys(self) -> set[str]:
        return {entity_key(form) for form in self.forms}


@dataclass(frozen=True)
class UserEdits:
    """The user's corrections, applied every time identity is decided (so they survive reindex and re-ingest)."""

    merged_into: Mapping[str, str] = field(default_factory=dict)  # merged id -> surviving id
    split_forms: Mapping[tuple[EntityKind, str], str] = field(default_factory=dict)  # (kind, form key) -> own id

    def follow(self, entity_id: str) -> str:
        seen = {entity_id}
        while entity_id in self.merged_into:
            entity_id = self.merged_into[entity_id]
            if entity_id in seen:  # a cycle of merges: stop at a stable point rather than loop
                break
            seen.add(entity_id)
        return entity_id


@dataclass(frozen=True)
class Resolution:
    """The library id of each found entity of one article (same order), and which of its forms went where."""

    ids: tuple[str, ...]
    forms_by_id: Mapping[str, tuple[str, ...]]


def _is_acronym(key: str) -> bool:
    """A key that is one short word and could be initials (keys are lower case: "unsc", "afp", "us")."""
    return " " not in key and 2 <= len(key) <= 6 and key.isalpha()


def _claimed_words(kind: EntityKind, key: str, forms: Sequence[str]) -> list[str]:
    """The bare names a full name may go by: a person's first and last word ("Lavrov", and "Kim" for Korean names);
    an organisation's leading acronym ("RIA" of "RIA Novosti")."""
    words = key.split()
    if len(words) < 2:
        return []
    if kind == "person":
        return list(dict.fromkeys((words[-1], words[0])))
    leading = [form.split()[0] for form in forms if form.split() and len(form.split()) > 1]
    return [words[0]] if any(len(word) > 1 and word.isupper() for word in leading) else []


class EntityRegistry:
    """The library's entities in memory. Not thread-safe: the library serialises writes."""

    def __init__(self, edits: UserEdits | None = None) -> None:
        self.edits = edits or UserEdits()
        self.entities: dict[str, KnownEntity] = {}
        self._by_key: dict[tuple[EntityKind, str], set[str]] = {}
        self._by_word: dict[tuple[EntityKind, str], set[str]] = {}  # people by first and last word
        self._by_initials: dict[tuple[EntityKind, str], set[str]] = {}  # multi-word names by their initials

    # -- deciding ----------------------------------------------------------------------------------------------

    def resolve(self, found: Sequence[FoundEntity]) -> Resolution:
        """Decide and record the library id of each entity one article names (forms count once per article)."""
        first_ids: list[str] = []
        forms_by_id: dict[str, list[str]] = {}
        for entity in found:
            pairs = self._resolve_one(entity)
            for number, (entity_id, forms) in enumerate(pairs):
                new_forms = [form for form in forms if form not in forms_by_id.get(entity_id, ())]
                forms_by_id.setdefault(entity_id, []).extend(new_forms)
                # The first pair is the entity itself; the others are forms the user split off, named by themselves.
                self._record(entity_id, entity.kind, new_forms, entity.name if number == 0 else forms[0])
            first_ids.append(pairs[0][0])
        return Resolution(tuple(first_ids), {entity_id: tuple(forms) for entity_id, forms in forms_by_id.items()})

    def _resolve_one(self, entity: FoundEntity) -> list[tuple[str, list[str]]]:
        """[(id, forms)]: usually one pair; more when the user split some of the forms off."""
        kept: list[str] = []
        split_off: list[tuple[str, list[str]]] = []
        for form in dict.fromkeys(entity.forms):
            own = self.edits.split_forms.get((entity.kind, entity_key(form)))
            if own is None:
                kept.append(form)
            else:
                split_off.append((own, [form]))
        if not kept:
            return split_off
        matched = self._match(entity.kind, entity.name, kept)
        main_id = self.edits.follow(matched or self._new_id(entity.kind, entity.name))
        return [(main_id, kept), *split_off]

    def _match(self, kind: EntityKind, name: str, forms: Sequence[str]) -> str | None:
        keys = {entity_key(form) for form in forms} | {entity_key(name)}
        full_keys = sorted((key for key in keys if len(key.split()) > 1), key=len, reverse=True)
        for key in full_keys:
            if found := self._best(self._by_key.get((kind, key), set())):
                return found
        if kind != "person":
            if found := self._best(self._acronym_matches(kind, [name, *forms])):
                return found
        if full_keys:
            typo = self._typo_match(full_keys[0]) if kind == "person" else None
            return typo or self._bare_name_of(kind, full_keys[0], [name, *forms])
        key = max(keys, key=len)
        if found := self._best(self._by_key.get((kind, key), set())):
            return found
        owners = self._by_word.get((kind, key), set())
        return next(iter(owners)) if len(owners) == 1 else None

    def _acronym_matches(self, kind: EntityKind, forms: Sequence[str]) -> set[str]:
        """Entities whose long form this acronym abbreviates, or whose acronym this long form spells out."""
        matches: set[str] = set()
        for form in forms:
            key = entity_key(form)
            if _is_acronym(key) and form.isupper():
                matches |= self._by_initials.get((kind, key), set())
            elif len(key.split()) > 1:
                matches |= self._by_key.get((kind, initials(form).lower()), set())
        return matches

    def _bare_name_of(self, kind: EntityKind, key: str, forms: Sequence[str]) -> str | None:
        """An entity known so far only by a bare name that this full name owns alone: "Lavrov" -> "Sergei Lavrov",
        "RIA" -> "RIA Novosti"."""
        for word in _claimed_words(kind, key, forms):
            if not self._by_word.get((kind, word)):  # no other full name claims the bare word
                bare = [i for i in self._by_key.get((kind, word), set()) if len(self.entities[i].keys()) == 1]
                if len(bare) == 1:
                    return bare[0]
        return None

    def _typo_match(self, key: str) -> str | None:
        words = key.split()
        candidates = self._by_word.get(("person", words[-1]), set()) | self._by_word.get(("person", words[0]), set())
        for candidate in sorted(candidates):
            for known_key in self.entities[candidate].keys():
                known_words = known_key.split()
                if len(known_words) != len(words):
                    continue
                differing = [(a, b) for a, b in zip(words, known_words, strict=True) if a != b]
                if len(differing) == 1:
                    # Imported where a typo is weighed, not at the top: the library is opened to be read (the app's
                    # start, before its first paint) far more often than it decides identities (~12 ms).
                    from rapidfuzz.distance import DamerauLevenshtein

                    a, b = differing[0]
                    if min(len(a), len(b)) >= _MIN_TYPO_WORD and DamerauLevenshtein.distance(a, b) == 1:
                        return candidate
        return None

    def _best(self, ids: Iterable[str]) -> str | None:
        ranked = sorted(ids, key=lambda i: (-sum(self.entities[i].forms.values()), self.entities[i].first_seen))
        return ranked[0] if ranked else None

    def _new_id(self, kind: EntityKind, name: str) -> str:
        base = entity_slug(kind, name)
        candidate, number = base, 2
        while candidate in self.entities and entity_key(self.entities[candidate].name) != entity_key(name):
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    # -- recording ---------------------------------------------------------------------------------------------

    def _record(self, entity_id: str, kind: EntityKind, forms: Sequence[str], name: str) -> None:
        known = self.entities.get(entity_id)
        if known is None:
            known = self.entities[entity_id] = KnownEntity(entity_id, kind, first_seen=len(self.entities))
        for form in dict.fromkeys(forms):
            known.forms[form] += 1
        known.names[name] += 1
        self._index(known)

    def add_known(self, entity_id: str, forms: Mapping[str, int], naming: EntityNaming) -> None:
        """Load an entity as stored, with the names it had (a library from before names were stored: its name)."""
        known = self.entities.setdefault(entity_id, KnownEntity(entity_id, naming.kind, first_seen=len(self.entities)))
        known.forms.update(forms)
        known.names.update(naming.names or {naming.name: 1})
        self._index(known)

    def forget(self, entity_id: str, forms: Iterable[str]) -> None:
        """One article fewer uses these forms of the entity (its article was removed or replaced)."""
        known = self.entities.get(entity_id)
        if known is None:
            return
        known.forms.subtract(forms)
        known.forms = +known.forms  # drop counts that reached zero
        if not known.forms:
            del self.entities[entity_id]
        self._reindex_lookups()

    def _index(self, known: KnownEntity) -> None:
        for form in known.forms:
            if len(entity_key(form).split()) > 1:
                self._by_initials.setdefault((known.kind, initials(form).lower()), set()).add(known.id)
        for form in known.forms:
            key = entity_key(form)
            self._by_key.setdefault((known.kind, key), set()).add(known.id)
            for word in _claimed_words(known.kind, key, [form]):
                self._by_word.setdefault((known.kind, word), set()).add(known.id)

    def _reindex_lookups(self) -> None:
        self._by_key.clear()
        self._by_word.clear()
        self._by_initials.clear()
        for known in self.entities.values():
            self._index(known)

    def display_name(self, entity_id: str) -> str:
        return self.entities[entity_id].name
