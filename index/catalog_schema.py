"""The catalog's tables, and how a library file made by an older newsdesk is brought up to date on open."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from index.dedupe import text_fingerprint, url_key

SCHEMA = """
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
    date_mentions TEXT NOT NULL DEFAULT '[]',
    provenance TEXT NOT NULL,
    added_at TEXT NOT NULL,
    indexed INTEGER NOT NULL DEFAULT 0,
    format TEXT NOT NULL DEFAULT 'text',
    author TEXT,
    url_key TEXT,
    fingerprint TEXT,
    enriched INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS articles_by_path ON articles (path);
CREATE INDEX IF NOT EXISTS articles_by_date ON articles (sort_key);
CREATE TABLE IF NOT EXISTS unindexed_removals (id TEXT PRIMARY KEY);
-- Identity: which library entity each article names, with the forms and places it uses (derived; see identity.py).
CREATE TABLE IF NOT EXISTS article_entities (
    article_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    forms TEXT NOT NULL,
    mentions TEXT NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX IF NOT EXISTS article_entities_by_entity ON article_entities (entity_id);
-- `names`: each clean name extraction gave the entity -> how many articles, in order of arrival (identity picks the
-- display name from them, and must pick the same after the library is opened again).
CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
    names TEXT NOT NULL DEFAULT '{}');
-- Values derived from the whole catalog (index.derived_cache), valid while `generation` is what it was when computed;
-- every change to articles or entities bumps it.
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO counters VALUES ('generation', 0);
CREATE TABLE IF NOT EXISTS derived (name TEXT PRIMARY KEY, generation INTEGER NOT NULL, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entity_aliases (key TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (key, entity_id));
"""


def create_or_migrate(connection: sqlite3.Connection) -> None:
    """Create the tables of a new library, or add what an older one lacks (its rows are filled in place)."""
    connection.executescript(SCHEMA)
    _migrate(connection)


def _migrate(connection: sqlite3.Connection) -> None:
    """Columns added since a library was created (its rows get them empty; `reindex` fills them)."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(articles)")}
    if "date_mentions" not in columns:
        connection.execute("ALTER TABLE articles ADD COLUMN date_mentions TEXT NOT NULL DEFAULT '[]'")
    if "format" not in columns:
        with transaction(connection):
            connection.execute("ALTER TABLE articles ADD COLUMN format TEXT NOT NULL DEFAULT 'text'")
            for column in ("author", "url_key", "fingerprint"):
                connection.execute(f"ALTER TABLE articles ADD COLUMN {column} TEXT")
            rows = connection.execute("SELECT id, url, title, body FROM articles").fetchall()
            connection.executemany(
                "UPDATE articles SET url_key = ?, fingerprint = ? WHERE id = ?",
                [(url_key(url), text_fingerprint(title, body), article_id) for article_id, url, title, body in rows],
            )
    if "enriched" not in columns:  # entities found after the text is searchable (index.enrichment); old rows have them
        connection.execute("ALTER TABLE articles ADD COLUMN enriched INTEGER NOT NULL DEFAULT 1")
    if "names" not in {row[1] for row in connection.execute("PRAGMA table_info(entities)")}:
        connection.execute("ALTER TABLE entities ADD COLUMN names TEXT NOT NULL DEFAULT '{}'")
    connection.execute("CREATE INDEX IF NOT EXISTS articles_by_url_key ON articles (url_key)")
    connection.execute("CREATE INDEX IF NOT EXISTS articles_unenriched ON articles (added_at) WHERE enriched = 0")
    # Every open asks for the rows not yet indexed (usually none): without this, a scan of every stored article.
    connection.execute("CREATE INDEX IF NOT EXISTS articles_unindexed ON articles (id) WHERE indexed = 0")
    connection.execute(
        "CREATE INDEX IF NOT EXISTS articles_newest ON articles (sort_key IS NULL, sort_key DESC, title)"
    )
    connection.execute("CREATE INDEX IF NOT EXISTS articles_by_fingerprint ON articles (fingerprint)")


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error (the connection runs in autocommit mode otherwise)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


@contextmanager
def snapshot(connection: sqlite3.Connection) -> Iterator[None]:
    """BEGIN (deferred) … COMMIT: in WAL mode every read in between sees one state of the file, and no writer in
    another process waits for it."""
    connection.execute("BEGIN")
    try:
        yield
    finally:
        connection.execute("COMMIT")
