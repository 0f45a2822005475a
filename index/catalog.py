"""The library's articles on disk: one SQLite file holding each original input and what was derived from it.

SQLite is the source of truth (transactions, crash safety); the Whoosh index is rebuilt from it when needed. Each
row remembers whether the index has it yet (`indexed`), and ids removed here but maybe still in the index wait in
`unindexed_removals`, so an interrupted add is finished on the next open instead of leaving the two disagreeing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.catalog_schema import create_or_migrate, snapshot, transaction
from index.columns import (
    date_mentions_from_json,
    date_mentions_json,
    found_from_json,
    found_json,
    parse_published,
    provenance,
    sort_key,
)
from index.dedupe import text_fingerprint, url_key
from index.entities.keys import entity_key
from index.ingest.document import Document, Format, Metadata
from index.model import (
    Article,
    ArticleSummary,
    Entity,
    EntityInfo,
    EntityMention,
    EntityNaming,
    FoundEntity,
    Identified,
)
from index.private import private_file
from index.sanitize import sanitize_text

# First and last day, inclusive.
DayRange = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class ArticleRecord:
    """One article to store: what was derived and identified, and the original it came from."""

    identified: Identified
    raw: bytes
    metadata: str
    format: Format


@dataclass(frozen=True)
class StoredInput:
    """What `reindex` needs to derive an article again: the original bytes and the metadata that applied."""

    id: str
    path: str
    raw: bytes
    metadata: str
    format: Format
    found: tuple[FoundEntity, ...]

    @property
    def document(self) -> Document:
        return Document(self.raw, self.format, self.path, Metadata.from_json(self.metadata))


class Catalog:
    def __init__(self, file: Path) -> None:
        # One connection shared by the app's worker threads; the lock serialises use of it.
        self._connection = sqlite3.connect(private_file(file), check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        # How many times this connection's committed writes bumped the generation: the rest of its change is other
        # processes' writes.
        self.writes = 0
        self._bumps = 0  # bumps made, committed or not
        with self._lock:
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA busy_timeout=10000")
            create_or_migrate(self._connection)

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    # -- writing ---------------------------------------------------------------------------------------------------

    def save(
        self,
        records: Sequence[ArticleRecord],
        removed_ids: Iterable[str] = (),
        entity_names: Mapping[str, EntityNaming] | None = None,
        enriched: bool = True,
    ) -> None:
        """Store articles with their entities, drop removed ids and refresh entity names, in one transaction.
        `enriched=False` stores them before their entities are found (`save_enrichment` adds those later)."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        rows = [
            (
                a.id,
                a.path,
                r.raw,
                r.metadata,
                a.title,
                a.body,
                a.source,
                a.url,
                a.published_iso,
                a.published_from,
                sort_key(a.published),
                found_json(r.identified.found),
                date_mentions_json(a.date_mentions),
                json.dumps(a.provenance),
                now,
                r.format,
                a.author,
                url_key(a.url),
                text_fingerprint(a.title, a.body),
                int(enriched),
            )
            for r in records
            for a in (r.identified.article,)
        ]
        with self._lock, self._transaction():
            self._changed()
            for article_id in removed_ids:
                self._connection.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                self._connection.execute("DELETE FROM article_entities WHERE article_id = ?", (article_id,))
                self._connection.execute("INSERT OR IGNORE INTO unindexed_removals VALUES (?)", (article_id,))
            self._connection.executemany(
                "INSERT OR REPLACE INTO articles (id, path, raw, metadata, title, body, source, url, published,"
                " published_from, sort_key, entities, date_mentions, provenance, added_at, format, author, url_key,"
                " fingerprint, enriched, indexed) VALUES (" + ", ".join("?" * 20) + ", 0)",
                rows,
            )
            for record in records:
                self._save_article_entities(record.identified)
            self._save_entity_names(entity_names or {})

    def save_enrichment(self, records: Sequence[Identified], entity_names: Mapping[str, EntityNaming]) -> None:
        """The entities of articles stored unenriched; each goes back to the index (its entity fields changed)."""
        with self._lock, self._transaction():
            self._changed()
            self._connection.executemany(
                "UPDATE articles SET entities = ?, enriched = 1, indexed = 0 WHERE id = ?",
                [(found_json(record.found), record.article.id) for record in records],
            )
            for record in records:
                self._save_article_entities(record)
            self._save_entity_names(entity_names)

    def unenriched(self) -> list[str]:
        """Ids of the articles whose entities are still to be found, in the order they were added."""
        with self._lock:
            rows = self._connection.execute("SELECT id FROM articles WHERE enriched = 0 ORDER BY added_at, rowid")
            return [row[0] for row in rows]

    def _save_article_entities(self, record: Identified) -> None:
        article_id = record.article.id
        self._connection.execute("DELETE FROM article_entities WHERE article_id = ?", (article_id,))
        mentions: dict[str, list[list[object]]] = {}
        for mention in record.article.mentions:
            mentions.setdefault(mention.entity_id, []).append([mention.field, mention.start, mention.end])
        self._connection.executemany(
            "INSERT INTO article_entities VALUES (?, ?, ?, ?)",
            [
                (article_id, entity_id, json.dumps(forms), json.dumps(mentions.get(entity_id, [])))
                for entity_id, forms in record.forms_by_entity.items()
            ],
        )
        self._connection.executemany(
            "INSERT OR IGNORE INTO entity_aliases VALUES (?, ?)",
            [(entity_key(form), entity_id) for entity_id, forms in record.forms_by_entity.items() for form in forms],
        )

    def _save_entity_names(self, names: Mapping[str, EntityNaming]) -> None:
        self._connection.executemany(
            "INSERT OR REPLACE INTO entities (id, kind, name, names) VALUES (?, ?, ?, ?)",
            [(i, kind, name, json.dumps(counts)) for i, (kind, name, counts) in names.items()],
        )

    def replace_identities(self, records: Sequence[Identified], entity_names: Mapping[str, EntityNaming]) -> None:
        """After identity was decided again for the whole library (a user's edit): store it wholesale."""
        with self._lock, self._transaction():
            self._changed()
            self._connection.execute("DELETE FROM article_entities")
            self._connection.execute("DELETE FROM entity_aliases")
            self._connection.execute("DELETE FROM entities")
            for record in records:
                self._save_article_entities(record)
            self._save_entity_names(entity_names)

    def article_forms(self, article_id: str) -> dict[str, list[str]]:
        """entity id -> the forms this article uses for it."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT entity_id, forms FROM article_entities WHERE article_id = ?", (article_id,)
            ).fetchall()
        return {entity_id: json.loads(forms) for entity_id, forms in rows}

    def article_entity_ids(self) -> dict[str, frozenset[str]]:
        with self._lock:
            rows = self._connection.execute("SELECT article_id, entity_id FROM article_entities").fetchall()
        gathered: dict[str, set[str]] = {}
        for article_id, entity_id in rows:
            gathered.setdefault(article_id, set()).add(entity_id)
        return {article_id: frozenset(ids) for article_id, ids in gathered.items()}

    def mark_indexed(self, ids: Iterable[str], removed_ids: Iterable[str] = ()) -> None:
        with self._lock, self._transaction():
            self._connection.executemany("UPDATE articles SET indexed = 1 WHERE id = ?", [(i,) for i in ids])
            self._connection.executemany("DELETE FROM unindexed_removals WHERE id = ?", [(i,) for i in removed_ids])

    def mark_unindexed(self, ids: Iterable[str]) -> None:
        with self._lock, self._transaction():
            self._connection.executemany("UPDATE articles SET indexed = 0 WHERE id = ?", [(i,) for i in ids])

    def mark_all_unindexed(self) -> None:
        with self._lock:
            self._connection.execute("UPDATE articles SET indexed = 0")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        generation_bumped = self._bumps
        with transaction(self._connection):
            yield
        # Counted once committed: a write rolled back bumped nothing that another process could see.
        self.writes += self._bumps - generation_bumped

    def _changed(self) -> None:
        self._connection.execute("UPDATE counters SET value = value + 1 WHERE name = 'generation'")
        self._bumps += 1

    def generation(self) -> int:
        """A number that changes whenever articles or entities do (in any process): what derived values key on."""
        with self._lock:
            return int(self._connection.execute("SELECT value FROM counters WHERE name = 'generation'").fetchone()[0])

    def derived(self, name: str, generation: int) -> str | None:
        with self._lock:
            row = self._connection.execute(
                "SELECT value FROM derived WHERE name = ? AND generation = ?", (name, generation)
            ).fetchone()
        return None if row is None else str(row[0])

    def keep_derived(self, name: str, generation: int, value: str) -> None:
        """Best effort: while another process writes the library, the value is simply not kept this time."""
        with self._lock, contextlib.suppress(sqlite3.OperationalError):
            self._connection.execute("INSERT OR REPLACE INTO derived VALUES (?, ?, ?)", (name, generation, value))

    # -- reading ---------------------------------------------------------------------------------------------------

    def count(self, mentioning: str | None = None, between: DayRange | None = None) -> int:
        conditions, parameters = _filters(mentioning, between)
        with self._lock:
            return int(
                self._connection.execute(f"SELECT count(*) FROM articles {conditions}", parameters).fetchone()[0]
            )

    def known(self, article_id: str) -> tuple[str, str] | None:
        """(path, metadata JSON) of a stored article, or None."""
        with self._lock:
            row = self._connection.execute("SELECT path, metadata FROM articles WHERE id = ?", (article_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def id_with_url_key(self, key: str) -> str | None:
        """The article whose link normalises to `key` (index.dedupe.url_key)."""
        with self._lock:
            row = self._connection.execute("SELECT id FROM articles WHERE url_key = ? LIMIT 1", (key,)).fetchone()
        return str(row[0]) if row else None

    def id_with_fingerprint(self, fingerprint: str) -> str | None:
        """The article with the same words (index.dedupe.text_fingerprint)."""
        with self._lock:
            row = self._connection.execute(
                "SELECT id FROM articles WHERE fingerprint = ? LIMIT 1", (fingerprint,)
            ).fetchone()
        return str(row[0]) if row else None

    def count_at_path(self, path: str) -> int:
        with self._lock:
            return int(self._connection.execute("SELECT count(*) FROM articles WHERE path = ?", (path,)).fetchone()[0])

    def ids_at_path(self, path: str) -> list[str]:
        with self._lock:
            return [row[0] for row in self._connection.execute("SELECT id FROM articles WHERE path = ?", (path,))]

    def ids_with_prefix(self, prefix: str) -> list[str]:
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        with self._lock:
            rows = self._connection.execute("SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (pattern,))
            return [row[0] for row in rows]

    def get(self, article_id: str) -> Article | None:
        with self._lock:
            row = self._connection.execute(
                "SELECT id, title, body, path, source, url, published, published_from, provenance, date_mentions,"
                " author, metadata FROM articles WHERE id = ?",
                (article_id,),
            ).fetchone()
            named = self._connection.execute(
                "SELECT e.id, e.name, e.kind, ae.mentions"
                " FROM article_entities ae JOIN entities e ON e.id = ae.entity_id WHERE ae.article_id = ?",
                (article_id,),
            ).fetchall()
        if row is None:
            return None
        mentions = sorted(
            (
                EntityMention(entity_id, field, start, end)
                for entity_id, _, _, spans in named
                for field, start, end in json.loads(spans)
            ),
            key=lambda m: (m.field != "title", m.start),
        )
        first_mention: dict[str, int] = {}
        for mention in mentions:
            first_mention.setdefault(mention.entity_id, len(first_mention))
        entities = sorted(
            (Entity(id=entity_id, name=name, kind=kind) for entity_id, name, kind, _ in named),
            key=lambda entity: first_mention.get(entity.id, len(first_mention)),
        )
        return Article(
            id=row[0],
            title=row[1],
            body=row[2],
            path=row[3],
            source=row[4],
            url=row[5],
            published=parse_published(row[6]),
            published_from=provenance(row[7]),
            entities=tuple(entities),
            mentions=tuple(mentions),
            date_mentions=date_mentions_from_json(row[9]),
            provenance=json.loads(row[8]),
            author=row[10],
            extra={key: sanitize_text(value) for key, value in Metadata.from_json(row[11]).extra.items()},
        )

    def body(self, article_id: str) -> str:
        with self._lock:
            row = self._connection.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
        return str(row[0]) if row else ""

    def summaries(
        self,
        mentioning: str | None = None,
        between: DayRange | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> list[ArticleSummary]:
        """Every article (or those mentioning an entity, or published in a range of days), newest first, undated
        last (then by title); or `limit` of them from `offset` on (the order is the `articles_newest` index's, so a
        page is read from the index, not sorted)."""
        conditions, parameters = _filters(mentioning, between)
        with self._lock:
            rows = self._connection.execute(
                f"SELECT id, title, source, published, path FROM articles {conditions}"
                " ORDER BY sort_key IS NULL, sort_key DESC, title LIMIT ? OFFSET ?",
                (*parameters, -1 if limit is None else limit, offset),
            ).fetchall()
        return [
            ArticleSummary(id=r[0], title=r[1], source=r[2], published=parse_published(r[3]), path=r[4]) for r in rows
        ]

    def summaries_by_id(self, ids: Sequence[str]) -> dict[str, ArticleSummary]:
        found: dict[str, ArticleSummary] = {}
        with self._lock:
            for start in range(0, len(ids), 500):  # SQLite caps the number of bound parameters
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for r in self._connection.execute(
                    f"SELECT id, title, source, published, path FROM articles WHERE id IN ({marks})", chunk
                ):
                    found[r[0]] = ArticleSummary(r[0], r[1], r[2], parse_published(r[3]), r[4])
        return found

    def dates(self, mentioning: str | None = None) -> tuple[list[tuple[str, dt.date]], list[str]]:
        """(id, published) of every dated article, oldest first, and the ids of the undated ones."""
        conditions, parameters = _filters(mentioning, None)
        with self._lock:
            rows = self._connection.execute(
                f"SELECT id, published FROM articles {conditions} ORDER BY sort_key", parameters
            ).fetchall()
        dated = [(row[0], published) for row in rows if (published := parse_published(row[1])) is not None]
        return dated, [row[0] for row in rows if row[1] is None]

    def unindexed(self) -> tuple[list[str], list[str]]:
        """Ids stored but not yet indexed, and ids removed but maybe still indexed."""
        with self._lock:
            pending = [row[0] for row in self._connection.execute("SELECT id FROM articles WHERE indexed = 0")]
            removed = [row[0] for row in self._connection.execute("SELECT id FROM unindexed_removals")]
        return pending, removed

    def inputs(self) -> Iterator[StoredInput]:
        """Every stored original, oldest addition first (the order identity is decided in)."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT id, path, raw, metadata, format, entities FROM articles ORDER BY added_at, rowid"
            ).fetchall()
        for row in rows:
            yield StoredInput(row[0], row[1], bytes(row[2]), row[3], row[4], found_from_json(row[5]))

    def found_entities(self) -> Iterator[tuple[Article, tuple[FoundEntity, ...]]]:
        """Each article's text with what extraction found in it, in the order identity is decided in."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT id, title, body, path, entities FROM articles ORDER BY added_at, rowid"
            ).fetchall()
        for row in rows:
            yield Article(id=row[0], title=row[1], body=row[2], path=row[3]), found_from_json(row[4])

    def entity_forms(self) -> tuple[int, list[tuple[str, dict[str, int], EntityNaming]]]:
        """(id, form -> number of articles, naming) of every entity, what identity is loaded from, and the
        generation they are of (read as one snapshot)."""
        counts: dict[str, dict[str, int]] = {}
        with self._lock, snapshot(self._connection):
            generation = self.generation()
            known = {
                row[0]: EntityNaming(row[1], row[2], json.loads(row[3]))
                for row in self._connection.execute("SELECT id, kind, name, names FROM entities")
            }
            for entity_id, forms in self._connection.execute("SELECT entity_id, forms FROM article_entities"):
                per_entity = counts.setdefault(entity_id, {})
                for form in json.loads(forms):
                    per_entity[form] = per_entity.get(form, 0) + 1
        entities = []
        for entity_id, forms in counts.items():
            fallback = EntityNaming(entity_id.split(":", 1)[0], next(iter(forms)), {})  # type: ignore[arg-type]
            entities.append((entity_id, forms, known.get(entity_id, fallback)))
        return generation, entities

    def entity_article_counts(self, entity_ids: Sequence[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self._lock:
            for start in range(0, len(entity_ids), 500):  # SQLite caps the number of bound parameters
                chunk = list(entity_ids[start : start + 500])
                marks = ",".join("?" * len(chunk))
                counts.update(
                    self._connection.execute(
                        f"SELECT entity_id, count(*) FROM article_entities WHERE entity_id IN ({marks})"
                        " GROUP BY entity_id",
                        chunk,
                    ).fetchall()
                )
        return counts

    def most_named_entity_ids(self, limit: int) -> list[str]:
        """The entities the most articles name, most first (counted in SQL: the app's sidebar needs only these)."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT entity_id FROM article_entities GROUP BY entity_id ORDER BY count(*) DESC, entity_id LIMIT ?",
                (limit,),
            ).fetchall()
        return [row[0] for row in rows]

    def has_entity(self, entity_id: str) -> bool:
        with self._lock:
            return self._connection.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone() is not None

    def entity_ids_for_key(self, key: str) -> list[str]:
        with self._lock:
            rows = self._connection.execute("SELECT entity_id FROM entity_aliases WHERE key = ?", (key,))
            return [row[0] for row in rows]

    def entity_infos(self, entity_ids: Sequence[str] | None = None) -> list[EntityInfo]:
        """Every entity some article names (or these), most mentioned first."""
        wanted = "" if entity_ids is None else f" WHERE ae.entity_id IN ({','.join('?' * len(entity_ids))})"
        with self._lock:
            rows = self._connection.execute(
                "SELECT e.id, e.name, e.kind, ae.article_id, ae.forms, ae.mentions"
                f" FROM article_entities ae JOIN entities e ON e.id = ae.entity_id{wanted}",
                tuple(entity_ids or ()),
            ).fetchall()
        gathered: dict[str, tuple[str, str, dict[str, None], list[str], list[int]]] = {}
        for entity_id, name, kind, article_id, forms, spans in rows:
            _, _, aliases, articles, mentions = gathered.setdefault(entity_id, (name, kind, {}, [], [0]))
            aliases.update(dict.fromkeys(json.loads(forms)))
            articles.append(article_id)
            mentions[0] += len(json.loads(spans))
        infos = [
            EntityInfo(entity_id, name, kind, tuple(aliases), tuple(sorted(articles)), mentions[0])  # type: ignore[arg-type]
            for entity_id, (name, kind, aliases, articles, mentions) in gathered.items()
        ]
        return sorted(infos, key=lambda info: (-len(info.articles), -info.mentions, info.name))


def _filters(mentioning: str | None, between: DayRange | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause (and its parameters) for the article filters the list and the timeline share."""
    clauses: list[str] = []
    parameters: list[str] = []
    if mentioning:
        clauses.append("id IN (SELECT article_id FROM article_entities WHERE entity_id = ?)")
        parameters.append(mentioning)
    if between:
        # sort_key is an ISO date or UTC datetime: every key of a day sorts between the day and the next one.
        clauses.append("sort_key >= ? AND sort_key < ?")
        parameters += [between[0].isoformat(), (between[1] + dt.timedelta(days=1)).isoformat()]
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(parameters)
