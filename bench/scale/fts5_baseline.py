"""The baseline: what a plain SQLite FTS5 build of the same records gives, with no entities and no related logic.

Layout: an `articles` table (title, body, ISO date with a B-tree index, source) and an external-content FTS5 table
over its title and body, so the text is stored once, as newsdesk stores it once. The tokenizer stems (porter),
and bm25 weighs titles double, both as newsdesk's Whoosh schema does, so the rankings answer the same question.
Writes commit every 256 records, the batch newsdesk commits in, so neither gets a bigger transaction for free.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from queries import BenchQuery
from records import Record

BATCH = 256
TITLE_WEIGHT, BODY_WEIGHT = 2.0, 1.0
SNIPPET_TOKENS = 24  # about newsdesk's 160-character snippet
RELATED_TERMS = 12  # the top terms of the source that the crude more-like-this ORs together
_NUMBER = re.compile(r"\d")

_SCHEMA = """
CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, body TEXT NOT NULL, date TEXT, source TEXT);
CREATE INDEX articles_date ON articles(date);
CREATE VIRTUAL TABLE fts USING fts5(title, body, content='articles', content_rowid='id', tokenize='porter unicode61');
CREATE VIRTUAL TABLE fts_terms USING fts5vocab(fts, 'row');
"""


def build(records: Iterable[Record], path: Path) -> int:
    """Create the database at `path` from the records (rowid = position in the file, from 1); how many went in."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript(_SCHEMA)
    count = 0
    batch: list[tuple[int, str | None, str, str | None, str]] = []
    for count, record in enumerate(records, 1):
        batch.append((count, record.title, record.body, record.date, record.source))
        if len(batch) == BATCH:
            _insert(db, batch)
            batch = []
    _insert(db, batch)
    # Merge the index's segments into one, as a finished import would: queries then read one b-tree per term.
    db.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    db.commit()
    db.close()
    return count


def _insert(db: sqlite3.Connection, rows: list[tuple[int, str | None, str, str | None, str]]) -> None:
    with db:
        db.executemany("INSERT INTO articles VALUES (?, ?, ?, ?, ?)", rows)
        db.executemany("INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)", [(r[0], r[1], r[2]) for r in rows])


@dataclass(frozen=True)
class BaselineHit:
    id: int
    title: str
    snippet: str
    score: float


class Baseline:
    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        # The source's own terms, stemmed as the index stems them, come from a one-row FTS5 table in memory.
        self.db.execute("ATTACH ':memory:' AS scratch")
        self.db.execute("CREATE VIRTUAL TABLE scratch.one USING fts5(text, tokenize='porter unicode61')")
        self.db.execute("CREATE VIRTUAL TABLE temp.one_terms USING fts5vocab(scratch, one, 'row')")
        self.total = self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def close(self) -> None:
        self.db.close()

    def search(self, query: BenchQuery, limit: int = 20) -> list[BaselineHit]:
        """Ranked by bm25 (best first) with a highlighted title and a snippet of the body, as newsdesk answers."""
        since, until = query.since or "0000", query.until or "9999"
        if query.match is None:  # a date alone: nothing to rank by, so newest first, as newsdesk lists them
            rows = self.db.execute(
                "SELECT id, title, substr(body, 1, 160), 0.0 FROM articles WHERE date BETWEEN ? AND ?"
                " ORDER BY date DESC LIMIT ?",
                (since, until, limit),
            ).fetchall()
        else:
            dated = query.since is not None or query.until is not None
            rows = self.db.execute(
                "SELECT a.id, highlight(fts, 0, '**', '**'),"
                f" snippet(fts, 1, '**', '**', '…', {SNIPPET_TOKENS}), bm25(fts, ?, ?) AS rank"
                " FROM fts JOIN articles a ON a.id = fts.rowid WHERE fts MATCH ?"
                + (" AND a.date BETWEEN ? AND ?" if dated else "")
                + " ORDER BY rank LIMIT ?",
                (TITLE_WEIGHT, BODY_WEIGHT, query.match, *((since, until) if dated else ()), limit),
            ).fetchall()
        return [BaselineHit(row[0], row[1] or "", row[2] or "", row[3]) for row in rows]

    def count(self, query: BenchQuery) -> int:
        """How many articles match (newsdesk reports this total with its hits)."""
        since, until = query.since or "0000", query.until or "9999"
        if query.match is None:
            sql, args = "SELECT count(*) FROM articles WHERE date BETWEEN ? AND ?", (since, until)
            return int(self.db.execute(sql, args).fetchone()[0])
        sql = "SELECT count(*) FROM fts JOIN articles a ON a.id = fts.rowid WHERE fts MATCH ?"
        if query.since is None and query.until is None:
            return int(self.db.execute(sql, (query.match,)).fetchone()[0])
        return int(self.db.execute(sql + " AND a.date BETWEEN ? AND ?", (query.match, since, until)).fetchone()[0])

    def related(self, article: int, limit: int = 10) -> list[int]:
        """A crude more-like-this: the source's top terms by tf·idf, ORed, ranked by bm25, the source left out."""
        title, body = self.db.execute("SELECT title, body FROM articles WHERE id = ?", (article,)).fetchone()
        with self.db:
            self.db.execute("DELETE FROM scratch.one")
            self.db.execute("INSERT INTO scratch.one(text) VALUES (?)", (f"{title or ''}\n{body}",))
            counts = Counter(dict(self.db.execute("SELECT term, cnt FROM temp.one_terms").fetchall()))
        weights: dict[str, float] = {}
        for term, tf in counts.items():
            if len(term) < 3 or _NUMBER.search(term):
                continue  # figures and stubs say little about what an article is about
            found = self.db.execute("SELECT doc FROM fts_terms WHERE term = ?", (term,)).fetchone()
            df = found[0] if found else 1
            if df > self.total // 10:
                continue  # stopword-like: in more than a tenth of the library
            weights[term] = tf * _idf(self.total, df)
        top = sorted(weights, key=lambda term: -weights[term])[:RELATED_TERMS]
        if not top:
            return []
        match = " OR ".join(f'"{term}"' for term in top)
        rows = self.db.execute(
            "SELECT rowid FROM fts WHERE fts MATCH ? AND rowid != ? ORDER BY bm25(fts, ?, ?) LIMIT ?",
            (match, article, TITLE_WEIGHT, BODY_WEIGHT, limit),
        ).fetchall()
        return [row[0] for row in rows]

    def timeline(self) -> list[tuple[str, int]]:
        """Articles per month (the bucket newsdesk picks for a span of months to years), undated counted apart."""
        rows = self.db.execute(
            "SELECT substr(date, 1, 7) AS month, count(*) FROM articles WHERE date IS NOT NULL GROUP BY month"
        ).fetchall()
        undated = self.db.execute("SELECT count(*) FROM articles WHERE date IS NULL").fetchone()[0]
        return [*rows, ("undated", undated)]


def _idf(total: int, df: int) -> float:
    return math.log(1 + total / df)
