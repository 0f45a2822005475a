"""User state in its own SQLite file, apart from the index and the articles, so no rebuild loses it.

What the user read and starred, the feeds they subscribe to (with what each server said last, for conditional
requests), and the user's corrections to entities (merge, split, rename, hide), kept as an ordered log that
identity replays every time it is decided, so the corrections also apply to articles added later; and the
searches the user saved by name.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from index.private import private_file

EntityEditOp = Literal["merge", "split", "rename", "hide", "unhide"]


@dataclass(frozen=True)
class EntityEdit:
    """merge: `value` (an id) joins `entity_id`; split: the form `value` leaves `entity_id`; rename: `value` is the
    new display name; hide / unhide: no value."""

    op: EntityEditOp
    entity_id: str
    value: str | None


@dataclass(frozen=True)
class FeedSubscription:
    location: str  # an http(s) URL or an absolute file path
    title: str | None = None
    etag: str | None = None  # the server's validators from the last fetch, sent back to ask "changed since?"
    last_modified: str | None = None
    added_at: str = ""
    checked_at: str | None = None
    error: str | None = None  # why the last refresh failed; None when it worked


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str
    saved_at: str  # ISO datetime (UTC) of the last save under this name


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class UserState:
    def __init__(self, file: Path) -> None:
        self._connection = sqlite3.connect(private_file(file), check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA busy_timeout=10000")
            self._connection.execute("CREATE TABLE IF NOT EXISTS read (article_id TEXT PRIMARY KEY, read_at TEXT)")
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS starred (article_id TEXT PRIMARY KEY, starred_at TEXT)"
            )
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS feeds (location TEXT PRIMARY KEY, title TEXT, etag TEXT,"
                " last_modified TEXT, added_at TEXT NOT NULL, checked_at TEXT, error TEXT)"
            )
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS entity_edits"
                " (seq INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT NULL, entity_id TEXT NOT NULL, value TEXT,"
                " made_at TEXT NOT NULL)"
            )
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS saved_searches (name TEXT PRIMARY KEY, query TEXT NOT NULL, saved_at TEXT)"
            )
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS recent_searches (query TEXT PRIMARY KEY, run_at TEXT NOT NULL)"
            )
            # Articles the user removed, by id and by link (index.dedupe.url_key): a feed that still carries one does
            # not bring it back.
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS removed (key TEXT PRIMARY KEY, removed_at TEXT NOT NULL)"
            )

    def read_ids(self) -> set[str]:
        with self._lock:
            return {row[0] for row in self._connection.execute("SELECT article_id FROM read")}

    def mark_read(self, article_id: str, read: bool) -> None:
        self._set_flag("read", article_id, read)

    def starred_ids(self) -> set[str]:
        with self._lock:
            return {row[0] for row in self._connection.execute("SELECT article_id FROM starred")}

    def star(self, article_id: str, starred: bool) -> None:
        self._set_flag("starred", article_id, starred)

    def _set_flag(self, table: Literal["read", "starred"], article_id: str, on: bool) -> None:
        with self._lock:
            if on:
                now = _now()
                self._connection.execute(f"INSERT OR IGNORE INTO {table} VALUES (?, ?)", (article_id, now))
            else:
                self._connection.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))

    def carry_over(self, replacements: Iterable[tuple[str, str]]) -> None:
        """An updated article gets a new id: keep what the user did with the old one."""
        pairs = [(new, old) for old, new in replacements]
        with self._lock:
            for table in ("read", "starred"):
                self._connection.executemany(f"UPDATE OR IGNORE {table} SET article_id = ? WHERE article_id = ?", pairs)

    # -- feeds -----------------------------------------------------------------------------------------------------

    def subscribe(self, location: str, title: str | None = None) -> bool:
        """Subscribe to a feed (a URL or an absolute file path); False when already subscribed."""
        with self._lock:
            cursor = self._connection.execute(
                "INSERT OR IGNORE INTO feeds (location, title, added_at) VALUES (?, ?, ?)", (location, title, _now())
            )
            return cursor.rowcount == 1

    def remember_removed(self, keys: Iterable[str]) -> None:
        with self._lock:
            self._connection.executemany("INSERT OR REPLACE INTO removed VALUES (?, ?)", [(k, _now()) for k in keys])

    def removed(self) -> set[str]:
        """The ids and link keys of the articles the user removed."""
        with self._lock:
            return {row[0] for row in self._connection.execute("SELECT key FROM removed")}

    def unsubscribe(self, location: str) -> bool:
        with self._lock:
            return self._connection.execute("DELETE FROM feeds WHERE location = ?", (location,)).rowcount > 0

    def feeds(self) -> list[FeedSubscription]:
        with self._lock:
            rows = self._connection.execute(
                "SELECT location, title, etag, last_modified, added_at, checked_at, error FROM feeds ORDER BY added_at"
            ).fetchall()
        return [FeedSubscription(*row) for row in rows]

    def feed_checked(self, checked: FeedSubscription) -> None:
        """What the last refresh of a feed learnt: its title, the server's validators, or why it failed."""
        with self._lock:
            self._connection.execute(
                "UPDATE feeds SET title = ?, etag = ?, last_modified = ?, checked_at = ?, error = ? WHERE location = ?",
                (checked.title, checked.etag, checked.last_modified, _now(), checked.error, checked.location),
            )

    def add_entity_edit(self, op: EntityEditOp, entity_id: str, value: str | None = None) -> None:
        with self._lock:
            self._connection.execute(
                "INSERT INTO entity_edits (op, entity_id, value, made_at) VALUES (?, ?, ?, ?)",
                (op, entity_id, value, _now()),
            )

    def entity_edits(self) -> list[EntityEdit]:
        with self._lock:
            rows = self._connection.execute("SELECT op, entity_id, value FROM entity_edits ORDER BY seq").fetchall()
        return [EntityEdit(op, entity_id, value) for op, entity_id, value in rows]

    # -- saved searches --------------------------------------------------------------------------------------------

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Save a query under a name; saving under a name in use replaces what it held."""
        saved = SavedSearch(name, query, _now())
        with self._lock:
            self._connection.execute(
                "INSERT OR REPLACE INTO saved_searches (name, query, saved_at) VALUES (?, ?, ?)",
                (saved.name, saved.query, saved.saved_at),
            )
        return saved

    def saved_searches(self) -> list[SavedSearch]:
        """Every saved search, by name (case ignored)."""
        with self._lock:
            rows = self._connection.execute(
                "SELECT name, query, saved_at FROM saved_searches ORDER BY name COLLATE NOCASE, name"
            ).fetchall()
        return [SavedSearch(name, query, saved_at or "") for name, query, saved_at in rows]

    def delete_search(self, name: str) -> bool:
        """Forget a saved search; False when there was none by that name."""
        with self._lock:
            cursor = self._connection.execute("DELETE FROM saved_searches WHERE name = ?", (name,))
            return cursor.rowcount == 1

    def record_search(self, query: str, keep: int) -> None:
        """A query the user ran, most recent first; only the latest `keep` are kept."""
        with self._lock:
            self._connection.execute("INSERT OR REPLACE INTO recent_searches VALUES (?, ?)", (query, _now()))
            self._connection.execute(
                "DELETE FROM recent_searches WHERE query NOT IN"
                " (SELECT query FROM recent_searches ORDER BY run_at DESC, rowid DESC LIMIT ?)",
                (keep,),
            )

    def recent_searches(self) -> list[str]:
        with self._lock:
            rows = self._connection.execute("SELECT query FROM recent_searches ORDER BY run_at DESC, rowid DESC")
            return [row[0] for row in rows]

    def close(self) -> None:
        with self._lock:
            self._connection.close()
