"""Adding is two passes (index.adding): the text is stored and searchable first, entities are found after. An
interrupted second pass is finished later and leaves the library exactly as an uninterrupted add would."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from filelock import FileLock

import index.adding
from index.batches import batches_built_ahead, sort_batch
from index.catalog import Catalog
from index.enrich import EntityEnricher
from index.entities.pool import ExtractionPool
from index.ingest.inputs import read_inputs
from index.library import Library, bundled_seeds, open_library
from index.model import Article, FoundEntity, Identified

COPIES = 3


def _seed_copies(folder: Path, copies: int = COPIES) -> None:
    """Each seed article `copies` times, each copy with a sentence of its own (so a distinct article)."""
    folder.mkdir()
    seeds = sorted(bundled_seeds().glob("*.txt"))
    for copy in range(copies):
        for seed in seeds:
            text = seed.read_text(encoding="utf-8")
            middle = text.index(" the ", len(text) // 2)  # in the story itself, not its boilerplate
            copied = f"{text[:middle]} the copy {copy} of the {text[middle + 5 :]}"
            (folder / f"{copy}-{seed.name}").write_text(copied, encoding="utf-8")


def _entity_table(library: Library) -> list[tuple[str, str, int, int]]:
    return sorted((info.id, info.name, len(info.articles), info.mentions) for info in library.entities())


class _Interrupted(Exception):
    pass


def test_an_interrupted_entity_pass_leaves_the_text_searchable_and_is_finished_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed_copies(tmp_path / "inputs")
    with open_library(tmp_path / "fresh") as fresh:  # the reference: one uninterrupted add
        fresh.add_paths([tmp_path / "inputs"])
        assert fresh.pending_enrichment() == 0
        articles, expected = fresh.count(), _entity_table(fresh)
        by_entity = fresh.search('person:"Sergei Lavrov"').total
    assert by_entity >= COPIES
    monkeypatch.setattr(index.adding, "ENRICH_BATCH", 4)
    identify = EntityEnricher.identify
    batches_identified: list[int] = []

    def identify_then_fail(
        self: EntityEnricher, batch: Sequence[tuple[Article, tuple[FoundEntity, ...]]]
    ) -> tuple[list[Identified], dict[str, tuple[str, str]]]:
        if batches_identified:
            raise _Interrupted  # the process dies after the first batch of entities is stored
        batches_identified.append(len(batch))
        return identify(self, batch)  # type: ignore[return-value]

    monkeypatch.setattr(EntityEnricher, "identify", identify_then_fail)
    library = open_library(tmp_path / "library")
    with pytest.raises(_Interrupted):
        library.add_paths([tmp_path / "inputs"])
    library.close()
    monkeypatch.setattr(EntityEnricher, "identify", identify)

    with open_library(tmp_path / "library") as interrupted:
        assert interrupted.count() == articles
        assert interrupted.pending_enrichment() == articles - 4
        assert interrupted.search("Lavrov").total >= COPIES  # the text is searchable without its entities
        assert interrupted.enrich_pending() == articles - 4
        assert interrupted.pending_enrichment() == 0
        assert _entity_table(interrupted) == expected
        assert interrupted.search('person:"Sergei Lavrov"').total == by_entity


def test_progress_reports_the_text_then_the_entities(tmp_path: Path) -> None:
    _seed_copies(tmp_path / "inputs", copies=1)
    reports: list[tuple[int, int, str]] = []
    with open_library(tmp_path / "library") as library:
        library.add_paths([tmp_path / "inputs"], lambda done, total, current: reports.append((done, total, current)))
        articles = library.count()
    stages = [current.startswith(index.adding.ENTITIES_STAGE) for _, _, current in reports]
    assert stages == sorted(stages) and stages[0] is False and stages[-1] is True  # text first, entities last
    entity_reports = [(done, total) for (done, total, _), stage in zip(reports, stages, strict=True) if stage]
    assert entity_reports[-1] == (articles, articles)


def test_articles_derived_ahead_in_workers_are_sorted_as_in_process(tmp_path: Path) -> None:
    """Pass 1 of a big import derives articles in the workers: outcomes and articles must be the in-process ones
    (duplicates within a batch, failures included)."""
    _seed_copies(tmp_path / "inputs", copies=2)
    first = sorted((tmp_path / "inputs").glob("0-*.txt"))[0]
    (tmp_path / "inputs" / "1-duplicate.txt").write_bytes(first.read_bytes())
    (tmp_path / "inputs" / "1-binary.txt").write_bytes(bytes(range(256)) * 4)
    documents = read_inputs([tmp_path / "inputs"], tmp_path / "library").documents
    catalog = Catalog(tmp_path / "library.sqlite")
    with ExtractionPool(processes=2) as pool:
        for size in (4, len(documents)):
            ahead = list(batches_built_ahead(catalog, documents, size, pool))
            assert [document for batch, _ in ahead for document in batch] == list(documents)
            for batch, prebuilt in ahead:
                assert len(prebuilt) == len(batch)  # nothing is stored yet: every document was derived ahead
                with_workers, here = sort_batch(catalog, batch, prebuilt), sort_batch(catalog, batch)
                assert with_workers.outcomes == here.outcomes
                assert with_workers.derived == here.derived
    statuses = [outcome.status for outcome in sort_batch(catalog, documents).outcomes]
    assert statuses.count("failed") == 1 and "unchanged" in statuses


def test_one_process_at_a_time_finds_entities_and_the_other_leaves_it_its_articles(tmp_path: Path) -> None:
    _seed_copies(tmp_path / "inputs", copies=1)
    with open_library(tmp_path / "library") as library:
        with FileLock(tmp_path / "library" / "entities.lock"):  # another process is finding entities
            report = library.add_paths([tmp_path / "inputs"])
            stored = library.count()
            assert report.count("added") == stored > 0
            assert library.pending_enrichment() == stored  # stored and searchable, entities left to the other
            assert library.search("Lavrov").total >= 1
            assert library.enrich_pending() == 0
        assert library.enrich_pending() == stored
        assert library.pending_enrichment() == 0 and library.entities()
