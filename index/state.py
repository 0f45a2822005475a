"""User state in its own SQLite file, apart from the index and the articles, so no rebuild loses it.

What the user read, and the user's corrections to entities (merge, split, rename, hide), kept as an ordered log that
identity replays every time it is decided, so the corrections also apply to articles added later.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

EntityEditOp = Literal["merge", "split", "rename", "hide", "unhide"]


@dataclass(frozen=True)
class EntityEdit:
    """merge: `value` (an id) joins `entity_id`; split: the form `value` leaves `entity_id`; rename: `value` is the
    new display name; hide / unhide: no value."""

    op: EntityEditOp
    entity_id: str
    value: str | None


class UserState:
    def __init__(self, file: Path) -> None:
        self._connection = sqlite3.connect(file, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA busy_timeout=10000")
            self._connection.execute("CREATE TABLE IF NOT EXISTS read (article_id TEXT PRIMARY KEY, read_at TEXT)")
            self._connection.execute(
                "CREATE TABLE IF NOT EXISTS entity_edits"
                " (seq INTEGER PRIMARY KEY AUTOINCREMENT, op TEXT NOT NULL, entity_id TEXT NOT NULL, value TEXT,"
                " made_at TEXT NOT NULL)"
            )

    def read_ids(self) -> set[str]:
        with self._lock:
            return {row[0] for row in self._connection.execute("SELECT article_id FROM read")}

    def mark_read(self, article_id: str, read: bool) -> None:
        with self._lock:
            if read:
                now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                self._connection.execute("INSERT OR IGNORE INTO read VALUES (?, ?)", (article_id, now))
            else:
                self._connection.execute("DELETE FROM read WHERE article_id = ?", (article_id,))

    def carry_over(self, replacements: Iterable[tuple[str, str]]) -> None:
        """An updated article gets a new id: keep what the user did with the old one."""
        with self._lock:
            self._connection.executemany(
                "UPDATE OR IGNORE read SET article_id = ? WHERE article_id = ?",
                [(new, old) for old, new in replacements],
            )

    def add_entity_edit(self, op: EntityEditOp, entity_id: str, value: str | None = None) -> None:
        with self._lock:
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            self._connection.execute(
                "INSERT INTO entity_edits (op, entity_id, value, made_at) VALUES (?, ?, ?, ?)",
                (op, entity_id, value, now),
            )

    def entity_edits(self) -> list[EntityEdit]:
        with self._lock:
            rows = self._connection.execute("SELECT op, entity_id, value FROM entity_edits ORDER BY seq").fetchall()
        return [EntityEdit(op, entity_id, value) for op, entity_id, value in rows]

    def close(self) -> None:
        with self._lock:
            self._connection.close()
