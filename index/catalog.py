"""The library's articles on disk: one SQLite file holding each original input and what was derived from it.

SQLite is the source of truth (transactions, crash safety); the Whoosh index is rebuilt from it when needed. Each
row remembers whether the index has it yet (`indexed`), and ids removed here but maybe still in the index wait in
`unindexed_removals`, so an interrupted add is finished on the next open instead of leaving the two disagreeing.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.model import Article, ArticleSummary, Entity, Provenance

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    raw BLOB NOT NULL,
    metadata TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    source TEXT,
    url TEXT,
    published TEXT,
    published_from TEXT,
    sort_key TEXT,
    entities TEXT NOT NULL,
    provenance TEXT NOT NULL,
    added_at TEXT NOT NULL,
    indexed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS articles_by_path ON articles (path);
CREATE INDEX IF NOT EXISTS articles_by_date ON articles (sort_key);
CREATE TABLE IF NOT EXISTS unindexed_removals (id TEXT PRIMARY KEY);
"""


@dataclass(frozen=True)
class StoredInput:
    """What `reindex` needs to derive an article again: the original bytes and the metadata that applied."""

    id: str
    path: str
    raw: bytes
    metadata: str


def _parse_published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)


def _sort_key(published: dt.date | None) -> str | None:
    """A string that sorts chronologically across dates and zoned datetimes."""
    if published is None:
        return None
    if isinstance(published, dt.datetime) and published.tzinfo is not None:
        published = published.astimezone(dt.UTC).replace(tzinfo=None)
    return published.isoformat()


class Catalog:
    def __init__(self, file: Path) -> None:
        # One connection shared by the app's worker threads; the lock serialises use of it.
        self._connection = sqlite3.connect(file, check_same_thread=False, isolation_level=None)
        self._lock = threading.RLock()
        with self._lock:
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA busy_timeout=10000")
            self._connection.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    # -- writing ---------------------------------------------------------------------------------------------------

    def save(self, articles: Sequence[tuple[Article, bytes, str]], removed_ids: Iterable[str] = ()) -> None:
        """Store (article, original bytes, metadata JSON) rows and drop removed ids, in one transaction."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        rows = [
            (
                article.id,
                article.path,
                raw,
                metadata,
                article.title,
                article.body,
                article.source,
                article.url,
                article.published_iso,
                article.published_from,
                _sort_key(article.published),
                json.dumps([[entity.id, entity.name, entity.kind] for entity in article.entities]),
                json.dumps(article.provenance),
                now,
            )
            for article, raw, metadata in articles
        ]
        with self._lock, self._transaction():
            for article_id in removed_ids:
                self._connection.execute("DELETE FROM articles WHERE id = ?", (article_id,))
                self._connection.execute("INSERT OR IGNORE INTO unindexed_removals VALUES (?)", (article_id,))
            self._connection.executemany(
                "INSERT OR REPLACE INTO articles (id, path, raw, metadata, title, body, source, url, published,"
                " published_from, sort_key, entities, provenance, added_at, indexed)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                rows,
            )

    def mark_indexed(self, ids: Iterable[str], removed_ids: Iterable[str] = ()) -> None:
        with self._lock, self._transaction():
            self._connection.executemany("UPDATE articles SET indexed = 1 WHERE id = ?", [(i,) for i in ids])
            self._connection.executemany("DELETE FROM unindexed_removals WHERE id = ?", [(i,) for i in removed_ids])

    def mark_all_unindexed(self) -> None:
        with self._lock:
            self._connection.execute("UPDATE articles SET indexed = 0")

    def _transaction(self) -> _Transaction:
        return _Transaction(self._connection)

    # -- reading ---------------------------------------------------------------------------------------------------

    def count(self) -> int:
        with self._lock:
            return int(self._connection.execute("SELECT count(*) FROM articles").fetchone()[0])

    def known(self, article_id: str) -> tuple[str, str] | None:
        """(path, metadata JSON) of a stored article, or None."""
        with self._lock:
            row = self._connection.execute("SELECT path, metadata FROM articles WHERE id = ?", (article_id,)).fetchone()
        return (row[0], row[1]) if row else None

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
                "SELECT id, title, body, path, source, url, published, published_from, entities, provenance"
                " FROM articles WHERE id = ?",
                (article_id,),
            ).fetchone()
        if row is None:
            return None
        return Article(
            id=row[0],
            title=row[1],
            body=row[2],
            path=row[3],
            source=row[4],
            url=row[5],
            published=_parse_published(row[6]),
            published_from=_provenance(row[7]),
            entities=tuple(Entity(id=i, name=n, kind=k) for i, n, k in json.loads(row[8])),
            provenance=json.loads(row[9]),
        )

    def body(self, article_id: str) -> str:
        with self._lock:
            row = self._connection.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
        return str(row[0]) if row else ""

    def summaries(self) -> list[ArticleSummary]:
        """Every article, newest first, undated last (then by title)."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT id, title, source, published, path FROM articles"
                " ORDER BY sort_key IS NULL, sort_key DESC, title"
            ).fetchall()
        return [
            ArticleSummary(id=r[0], title=r[1], source=r[2], published=_parse_published(r[3]), path=r[4]) for r in rows
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
                    found[r[0]] = ArticleSummary(r[0], r[1], r[2], _parse_published(r[3]), r[4])
        return found

    def dated(self) -> list[tuple[str, dt.date]]:
        with self._lock:
            rows = self._connection.execute(
                "SELECT id, published FROM articles WHERE published IS NOT NULL ORDER BY sort_key"
            ).fetchall()
        return [(row[0], _parse_published(row[1]) or dt.date.min) for row in rows]

    def unindexed(self) -> tuple[list[str], list[str]]:
        """Ids stored but not yet indexed, and ids removed but maybe still indexed."""
        with self._lock:
            pending = [row[0] for row in self._connection.execute("SELECT id FROM articles WHERE indexed = 0")]
            removed = [row[0] for row in self._connection.execute("SELECT id FROM unindexed_removals")]
        return pending, removed

    def inputs(self) -> Iterator[StoredInput]:
        with self._lock:
            rows = self._connection.execute("SELECT id, path, raw, metadata FROM articles ORDER BY id").fetchall()
        for row in rows:
            yield StoredInput(id=row[0], path=row[1], raw=bytes(row[2]), metadata=row[3])


def _provenance(value: str | None) -> Provenance | None:
    if value == "metadata":
        return "metadata"
    if value == "text":
        return "text"
    return None


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error (the connection runs in autocommit mode otherwise)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def __enter__(self) -> None:
        self._connection.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self._connection.execute("COMMIT" if exc_type is None else "ROLLBACK")
