"""The domain's value types: frozen dataclasses that leave `index/` (no Whoosh or SQLite object ever does)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

EntityKind = Literal["person", "org", "place"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "org", "place")

# Where a value came from, in order of trust: a sidecar or feed ("metadata"), the article's own text ("text").
Provenance = Literal["metadata", "text"]
Precision = Literal["day", "month", "year"]


@dataclass(frozen=True)
class DateMention:
    """A date the text mentions (found and resolved by index.date_mentions). Defined here, not there: the catalog
    and the app read stored mentions without loading the finder's patterns and dateutil's parser (~17 ms of the
    app's start before its first paint)."""

    text: str  # the span as written
    start: int  # character offsets into the text searched
    end: int
    date: dt.date | None  # the first day of the month/year for coarser precisions; None when unresolvable
    precision: Precision | None  # None exactly when date is None


def article_id_for(raw: bytes) -> str:
    """A stable id: the same file content gets the same id in any library (16 hex chars of SHA-256)."""
    return hashlib.sha256(raw).hexdigest()[:16]


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place. `id` is canonical across the library (e.g. "person:sergei-lavrov")."""

    id: str
    name: str
    kind: EntityKind


@dataclass(frozen=True)
class Mention:
    """Where a name occurs: character offsets into the article's title or clean body."""

    field: Literal["title", "body"]
    start: int
    end: int


@dataclass(frozen=True)
class FoundEntity:
    """One referent as one article names it, before library-wide identity.

    `name` is the most complete form in the article (honorifics stripped); `forms` holds every surface form used
    for it there ("Ri Yong Ho", "Mr Ri", "Ri"); `mentions` locate each occurrence.
    """

    name: str
    kind: EntityKind
    forms: tuple[str, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class EntityMention:
    """Where an article names one of its (library-wide) entities."""

    entity_id: str
    field: Literal["title", "body"]
    start: int
    end: int


@dataclass(frozen=True)
class EntityInfo:
    """One library entity with everything known about it across the library."""

    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...]  # every surface form seen, in any article
    articles: tuple[str, ...]  # ids of the articles that mention it
    mentions: int  # how many times, in all


@dataclass(frozen=True)
class Article:
    """One article as stored: clean text plus what is known about it, each fact with its provenance."""

    id: str
    title: str
    body: str
    path: str
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: dt.date | None = None  # a datetime (a date subclass) when the time of day is known
    published_from: Provenance | None = None
    entities: tuple[Entity, ...] = ()
    mentions: tuple[EntityMention, ...] = ()
    date_mentions: tuple[DateMention, ...] = ()  # dates the body mentions, resolved against `published`
    # field name -> provenance for every other fact that was found (e.g. {"source": "metadata", "url": "text"})
    provenance: dict[str, Provenance] = field(default_factory=dict)
    extra: Mapping[str, str] = field(default_factory=dict)  # a record's other fields (JSON Lines, front matter, feed)

    @property
    def published_iso(self) -> str | None:
        return self.published.isoformat() if self.published is not None else None


@dataclass(frozen=True)
class Identified:
    """An article with its library-wide entities, what extraction found in it, and which forms went to which id."""

    article: Article
    found: tuple[FoundEntity, ...]
    forms_by_entity: Mapping[str, tuple[str, ...]]


class EntityNaming(NamedTuple):
    """What a library entity is called: its kind, display name, and every clean name extraction gave it -> how
    many articles, in order of arrival (the display name is chosen from those)."""

    kind: EntityKind
    name: str
    names: dict[str, int]


@dataclass(frozen=True)
class ArticleSummary:
    """What the article list needs: no body."""

    id: str
    title: str
    source: str | None
    published: dt.date | None
    path: str

    @property
    def published_iso(self) -> str | None:
        return self.published.isoformat() if self.published is not None else None


# A highlighted passage: runs of text, each flagged True where it is a matched term.
Segments = tuple[tuple[str, bool], ...]


def mark_segments(segments: Segments, marker: str = "**") -> str:
    """Plain text with matched terms wrapped in `marker` (the CLI's `highlights` format)."""
    return "".join(f"{marker}{text}{marker}" if matched else text for text, matched in segments)


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    path: str
    source: str | None
    published: dt.date | None
    score: float
    title_segments: Segments
    snippet_segments: Segments

    @property
    def highlights(self) -> str:
        return mark_segments(self.snippet_segments)

    @property
    def published_iso(self) -> str | None:
        return self.published.isoformat() if self.published is not None else None


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[Hit, ...]


AddStatus = Literal["added", "updated", "unchanged", "failed"]


@dataclass(frozen=True)
class AddOutcome:
    """What happened to one input file of an `add`."""

    input: str
    status: AddStatus
    article_id: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class AddReport:
    outcomes: tuple[AddOutcome, ...]

    def count(self, status: AddStatus) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failed(self) -> bool:
        return any(outcome.status == "failed" for outcome in self.outcomes)
