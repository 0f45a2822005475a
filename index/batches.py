"""Deciding what a batch of Documents adds to a library: which are new, which are new versions of stored articles
(and of which), which are the same article again, and which fail. Nothing is stored here (index.library does).

One article, however it arrives: the same bytes (its id), the same link (normalised by index.dedupe.url_key), or
the same words (index.dedupe.text_fingerprint). A new version (same link, or the same file path) replaces the old.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from index.catalog import Catalog
from index.dedupe import text_fingerprint, url_key
from index.entities.pool import ExtractionPool
from index.errors import BadInputError
from index.ingest.document import Document, Format
from index.model import AddOutcome, Article, article_id_for
from index.pipeline import build_article

# Batches whose articles the workers derive ahead of the one being stored.
BUILD_LOOKAHEAD = 2


@dataclass
class SortedBatch:
    outcomes: list[AddOutcome] = field(default_factory=list)
    derived: list[Article] = field(default_factory=list)  # to store
    originals: dict[str, tuple[bytes, str, Format]] = field(default_factory=dict)  # id -> (raw, metadata, format)
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id): a new version of an article
    # Links and texts already taken by articles of this batch (the catalog knows the rest).
    links: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)


def sort_batch(
    catalog: Catalog, batch: Sequence[tuple[str, Document]], prebuilt: Mapping[int, Article | str] | None = None
) -> SortedBatch:
    """`prebuilt`: articles already derived (in worker processes) by position in the batch, or the message of the
    BadInputError deriving one raised; the rest are derived here when needed."""
    sorted_batch = SortedBatch()
    for position, (label, document) in enumerate(batch):
        _sort_one(catalog, sorted_batch, label, document, (prebuilt or {}).get(position))
    return sorted_batch


def batches_built_ahead(
    catalog: Catalog, documents: Sequence[tuple[str, Document]], size: int, pool: ExtractionPool | None
) -> Iterator[tuple[Sequence[tuple[str, Document]], dict[int, Article | str]]]:
    """The documents in batches, each with its articles derived ahead in the pool's workers (while this process
    stores the batch before) when there is a pool. Documents already stored as they are are not sent: re-adding
    a folder derives nothing."""
    batches = deque(documents[start : start + size] for start in range(0, len(documents), size))
    started: deque[tuple[Sequence[tuple[str, Document]], list[int], Callable[[], list[Article | str]]]] = deque()
    while batches or started:
        while pool is not None and batches and len(started) <= BUILD_LOOKAHEAD:
            batch = batches.popleft()
            positions = [i for i, (_, document) in enumerate(batch) if not _stored_as_is(catalog, document)]
            started.append((batch, positions, pool.submit_builds([batch[i][1] for i in positions])))
        if not started:
            yield batches.popleft(), {}
            continue
        batch, positions, built = started.popleft()
        yield batch, dict(zip(positions, built(), strict=True))


def _stored_as_is(catalog: Catalog, document: Document) -> bool:
    known = catalog.known(article_id_for(document.raw))
    return known is not None and _same_article(known, document, document.metadata.as_json())


def _sort_one(
    catalog: Catalog, batch: SortedBatch, label: str, document: Document, prebuilt: Article | str | None
) -> None:
    article_id = article_id_for(document.raw)
    metadata = document.metadata.as_json()
    known = catalog.known(article_id)
    if article_id in batch.originals or (known is not None and _same_article(known, document, metadata)):
        batch.outcomes.append(AddOutcome(label, "unchanged", article_id))
        return
    if isinstance(prebuilt, str):
        batch.outcomes.append(AddOutcome(label, "failed", error=prebuilt))
        return
    try:
        article = prebuilt or build_article(document)
    except BadInputError as error:
        batch.outcomes.append(AddOutcome(label, "failed", error=str(error)))
        return
    link, fingerprint = url_key(article.url), text_fingerprint(article.title, article.body)
    same_link = (batch.links.get(link) or catalog.id_with_url_key(link)) if link else None
    same_text = (batch.texts.get(fingerprint) or catalog.id_with_fingerprint(fingerprint)) if fingerprint else None
    if same_link in batch.originals or (same_link is None and same_text not in (None, article_id)):
        # One article twice in this batch, or the same text under another link: keep the one we have.
        batch.outcomes.append(AddOutcome(label, "unchanged", same_link or same_text))
        return
    old_ids = {same_link} if same_link else set()
    if document.one_per_path:
        old_ids.update(catalog.ids_at_path(document.path))
    old_ids.discard(article_id)
    batch.replaced.extend((old, article_id) for old in sorted(old_ids))
    if link:
        batch.links[link] = article_id
    if fingerprint:
        batch.texts[fingerprint] = article_id
    batch.originals[article_id] = (document.raw, metadata, document.format)
    batch.derived.append(article)
    batch.outcomes.append(AddOutcome(label, "updated" if known or old_ids else "added", article_id))


def _same_article(known: tuple[str, str], document: Document, metadata: str) -> bool:
    """Stored content arriving again: unchanged when its metadata is too, or when it comes through another feed
    (the same entry in two feeds is one article, and its facts do not flip with each refresh)."""
    path, stored_metadata = known
    return stored_metadata == metadata or (path != document.path and not document.one_per_path)
