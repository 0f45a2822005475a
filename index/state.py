"""User state (what was read) in its own SQLite file, apart from the index and the articles, so no rebuild loses it."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path


class UserState:
    def __init__(self, file: Path) -> None:
        self._connection = sqlite3.connect(file, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA busy_timeout=10000")
            self._connection.execute("CREATE TABLE IF NOT EXISTS read (article_id TEXT PRIMARY KEY, read_at TEXT)")

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

    def close(self) -> None:
        with self._lock:
            self._connection.close()
