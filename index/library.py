"""The facade the app and the CLI use: a library folder with its articles, its index and the user's state.

Layout of a library folder (created user-only):
    library.sqlite   the articles: original bytes, metadata, derived text and facts (source of truth)
    whoosh/          the full-text index, derived; rebuilt from library.sqlite when its schema changes or it breaks
    state.sqlite     the user's state (read marks), never touched by a rebuild
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path

import platformdirs

from index.catalog import Catalog
from index.errors import BadInputError, NotFoundError
from index.ingest.sidecar import Metadata, is_sidecar, metadata_for
from index.model import AddOutcome, AddReport, Article, ArticleSummary, Hit, SearchResult, article_id_for
from index.pipeline import build_article
from index.state import UserState
from index.store import Store

# (done, total, current input): called after each input so the CLI and the app can show progress.
Progress = Callable[[int, int, str], None]

LIBRARY_ENV = "NEWSDESK_LIBRARY"
# Inputs are written in batches: one SQLite transaction and one Whoosh commit per batch keeps big imports fast
# while an interruption loses at most one batch of work, which the next add redoes.
BATCH_SIZE = 256


def default_library_path() -> Path:
    configured = os.environ.get(LIBRARY_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return platformdirs.user_data_path("newsdesk", appauthor=False) / "library"


def bundled_seeds() -> Path:
    """The five seed articles: packaged inside `index` in a wheel, or the repo's `seeds/` in a source checkout."""
    packaged = Path(str(resources.files("index"))) / "_seeds"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "seeds"


def open_library(path: Path | None = None) -> Library:
    """Open (creating if needed) the library at `path`, or the user's default library."""
    is_default = path is None and not os.environ.get(LIBRARY_ENV, "").strip()
    return Library(path if path is not None else default_library_path(), is_default=is_default)


def _input_files(paths: Sequence[Path], library_folder: Path) -> Iterator[tuple[str, Path | None]]:
    """(label, file) for every input; a missing input yields (label, None). Folders are walked recursively,
    skipping hidden files, sidecars and the library's own folder (adding a parent of the library is harmless)."""
    own_folder = library_folder.resolve()
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                inside_library = child.resolve().is_relative_to(own_folder)
                if child.is_file() and not hidden and not inside_library and not is_sidecar(child):
                    yield str(child), child
        elif path.exists():
            yield str(path), path
        else:
            yield str(path), None


class Library:
    def __init__(self, path: Path, is_default: bool = False) -> None:
        self.path = path
        self.is_default = is_default
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._catalog = Catalog(path / "library.sqlite")
        self._state = UserState(path / "state.sqlite")
        self._store = Store(path / "whoosh")
        if self._store.rebuilt:
            self._catalog.mark_all_unindexed()
        self._finish_indexing()

    def close(self) -> None:
        self._store.close()
        self._catalog.close()
        self._state.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- adding ----------------------------------------------------------------------------------------------------

    def add_paths(self, paths: Sequence[Path], progress: Progress | None = None) -> AddReport:
        """Add files and folders. A bad input fails alone; everything else is still added."""
        self._finish_indexing()  # an earlier add may have stored articles it could not index (busy, killed)
        inputs = list(_input_files(paths, self.path))
        outcomes: list[AddOutcome] = []
        for start in range(0, len(inputs), BATCH_SIZE):
            outcomes.extend(self._add_batch(inputs[start : start + BATCH_SIZE]))
            if progress is not None:
                progress(len(outcomes), len(inputs), inputs[len(outcomes) - 1][0])
        return AddReport(tuple(outcomes))

    def add_seeds(self, progress: Progress | None = None) -> AddReport:
        return self.add_paths([bundled_seeds()], progress)

    def _add_batch(self, batch: Sequence[tuple[str, Path | None]]) -> list[AddOutcome]:
        outcomes: list[AddOutcome] = []
        to_save: list[tuple[Article, bytes, str]] = []
        replaced: list[tuple[str, str]] = []  # (old id, new id) where a file at a known path changed
        seen: set[str] = set()
        for label, file in batch:
            if file is None:
                outcomes.append(AddOutcome(label, "failed", error="no such file or folder"))
                continue
            try:
                raw = file.read_bytes()
                metadata = metadata_for(file)
            except OSError as error:
                outcomes.append(AddOutcome(label, "failed", error=f"cannot read: {error.strerror}"))
                continue
            except BadInputError as error:
                outcomes.append(AddOutcome(label, "failed", error=str(error)))
                continue
            article_id = article_id_for(raw)
            known = self._catalog.known(article_id)
            if article_id in seen or (known is not None and known[1] == metadata.as_json()):
                outcomes.append(AddOutcome(label, "unchanged", article_id))
                continue
            path = str(file.resolve())
            try:
                article = build_article(raw, path, metadata)
            except BadInputError as error:
                outcomes.append(AddOutcome(label, "failed", error=str(error)))
                continue
            seen.add(article_id)
            old_ids = [old for old in self._catalog.ids_at_path(path) if old != article_id]
            replaced.extend((old, article_id) for old in old_ids)
            to_save.append((article, raw, metadata.as_json()))
            outcomes.append(AddOutcome(label, "updated" if known or old_ids else "added", article_id))
        if to_save or replaced:
            removed = [old for old, _ in replaced]
            self._catalog.save(to_save, removed)
            self._state.carry_over(replaced)
            self._store.write([article for article, _, _ in to_save], removed)
            self._catalog.mark_indexed([article.id for article, _, _ in to_save], removed)
        return outcomes

    def _finish_indexing(self) -> None:
        """Index what an interrupted add stored but did not index, and drop what it removed."""
        pending, removed = self._catalog.unindexed()
        for start in range(0, max(len(pending), 1), BATCH_SIZE):
            chunk = pending[start : start + BATCH_SIZE]
            articles = [article for article in map(self._catalog.get, chunk) if article is not None]
            if articles or removed:
                self._store.write(articles, removed)
                self._catalog.mark_indexed(chunk, removed)
                removed = []

    def reindex(self, progress: Progress | None = None) -> int:
        """Derive every article again from its stored original (new cleaning and extraction apply) and re-index."""
        inputs = list(self._catalog.inputs())
        for done, stored in enumerate(inputs, start=1):
            metadata = Metadata(**_json_object(stored.metadata))
            article = build_article(stored.raw, stored.path, metadata)
            self._catalog.save([(article, stored.raw, stored.metadata)])
            if progress is not None:
                progress(done, len(inputs), stored.path)
        self._finish_indexing()
        return len(inputs)

    # -- reading ---------------------------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return self._catalog.count() == 0

    def count(self) -> int:
        return self._catalog.count()

    def articles(self) -> list[ArticleSummary]:
        """Every article, newest first, undated last."""
        return self._catalog.summaries()

    def resolve_id(self, id_or_prefix: str) -> str:
        """An article id from a full id or an unambiguous prefix (at least 4 characters)."""
        if self._catalog.known(id_or_prefix) is not None:
            return id_or_prefix
        matches = self._catalog.ids_with_prefix(id_or_prefix) if len(id_or_prefix) >= 4 else []
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise NotFoundError(f"article id {id_or_prefix!r} is ambiguous: give more characters")
        raise NotFoundError(f"no article with id {id_or_prefix!r} (see `newsdesk articles`)")

    def get(self, article_id: str) -> Article:
        article = self._catalog.get(self.resolve_id(article_id))
        if article is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        return article

    def search(self, query: str, limit: int = 50) -> SearchResult:
        """Ranked hits, best first, with highlights. Raises QueryError for a query that cannot be parsed."""
        total, raw_hits = self._store.search(query, limit, body_of=self._catalog.body)
        summaries = self._catalog.summaries_by_id([hit.id for hit in raw_hits])
        hits = tuple(
            Hit(
                id=hit.id,
                title=summaries[hit.id].title,
                path=summaries[hit.id].path,
                source=summaries[hit.id].source,
                published=summaries[hit.id].published,
                score=hit.score,
                title_segments=hit.title_segments,
                snippet_segments=hit.snippet_segments,
            )
            for hit in raw_hits
            if hit.id in summaries  # the index may briefly hold an article the catalog just replaced
        )
        return SearchResult(query=query, total=total, hits=hits)

    def timeline(self) -> list[tuple[str, dt.date]]:
        """(id, published) of every dated article, oldest first."""
        return self._catalog.dated()

    # -- user state ------------------------------------------------------------------------------------------------

    def read_ids(self) -> set[str]:
        return self._state.read_ids()

    def mark_read(self, article_id: str, read: bool = True) -> None:
        self._state.mark_read(article_id, read)


def _json_object(text: str) -> dict[str, str]:
    value = json.loads(text)
    return {str(key): str(item) for key, item in value.items()} if isinstance(value, dict) else {}
