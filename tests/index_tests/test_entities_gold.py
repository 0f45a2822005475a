"""The five seed articles against the hand-made gold (`gold/seed_entities.json`): the issue's targets per kind,
no page furniture, no unmerged splits or false merges, and the merges and never-merges it names."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from index.clean import clean_article_text
from index.entities import entity_key, find_entities, find_entities_many
from index.ingest.text import decode_bytes
from index.model import ENTITY_KINDS, EntityKind, FoundEntity

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).with_name("gold") / "seed_entities.json"
PREFIXES = ("000", "001", "002", "003", "004")
MIN_RECALL = 0.95
MIN_PRECISION = 0.90


@dataclass(frozen=True)
class Gold:
    name: str
    kind: EntityKind
    keys: frozenset[str]
    articles: frozenset[str]


@functools.cache
def gold() -> tuple[Gold, ...]:
    entries = json.loads(GOLD.read_text(encoding="utf-8"))["entities"]
    return tuple(
        Gold(e["name"], e["kind"], frozenset(entity_key(f) for f in e["forms"]), frozenset(e["articles"]))
        for e in entries
    )


@functools.cache
def seed_text(prefix: str) -> tuple[str, str]:
    """Title and clean body, exactly as the pipeline cleans the seed."""
    path = next((ROOT / "seeds").glob(f"{prefix}_*.txt"))
    cleaned = clean_article_text(decode_bytes(path.read_bytes()))
    return cleaned.title, cleaned.body


@functools.cache
def predicted(prefix: str) -> tuple[FoundEntity, ...]:
    return find_entities(*seed_text(prefix))


def matches(entity: FoundEntity, entry: Gold) -> bool:
    keys = {entity_key(form) for form in (*entity.forms, entity.name)}
    return entity.kind == entry.kind and bool(keys & entry.keys)


def gold_matches(prefix: str, entity: FoundEntity) -> list[Gold]:
    return [entry for entry in gold() if prefix in entry.articles and matches(entity, entry)]


def scores(kinds: tuple[EntityKind, ...]) -> tuple[float, float]:
    true_positives = predictions = found = listed = 0
    for prefix in PREFIXES:
        entities = [entity for entity in predicted(prefix) if entity.kind in kinds]
        predictions += len(entities)
        true_positives += sum(1 for entity in entities if gold_matches(prefix, entity))
        for entry in gold():
            if prefix in entry.articles and entry.kind in kinds:
                listed += 1
                found += any(matches(entity, entry) for entity in entities)
    return true_positives / predictions, found / listed


@pytest.mark.parametrize("kinds", [(kind,) for kind in ENTITY_KINDS] + [ENTITY_KINDS], ids=[*ENTITY_KINDS, "all"])
def test_precision_and_recall_meet_the_targets(kinds: tuple[EntityKind, ...]) -> None:
    precision, recall = scores(kinds)
    assert recall >= MIN_RECALL, f"recall {recall:.3f} for {kinds}"
    assert precision >= MIN_PRECISION, f"precision {precision:.3f} for {kinds}"


@pytest.mark.parametrize("prefix", PREFIXES)
def test_no_split_no_false_merge_no_furniture(prefix: str) -> None:
    hits: dict[str, list[str]] = {}
    for entity in predicted(prefix):
        matched = gold_matches(prefix, entity)
        assert len(matched) <= 1, f"false merge: {entity} matches {[entry.name for entry in matched]}"
        for entry in matched:
            hits.setdefault(entry.name, []).append(entity.name)
        for form in entity.forms:
            key = entity_key(form)
            assert not key.startswith(("back to top", "related", "print edition", "subscribe", "source site")), entity
            assert key not in {"mr", "president", "foreign minister", "monday", "tuesday", "thursday"}, entity
    assert all(len(names) == 1 for names in hits.values()), f"unmerged: {hits}"


@pytest.mark.parametrize("prefix", PREFIXES)
def test_mentions_locate_their_forms_in_title_or_body(prefix: str) -> None:
    title, body = seed_text(prefix)
    fields = {"title": title, "body": body}
    starts = []
    for entity in predicted(prefix):
        written = {fields[m.field][m.start : m.end] for m in entity.mentions}
        assert written == set(entity.forms), entity
        starts.append(min((m.field == "body", m.start) for m in entity.mentions))
    assert starts == sorted(starts), "entities are ordered by first mention"


# Surface forms that name one referent: wherever two of them occur in one article, one entity holds both.
SAME_REFERENT = [
    ("Ri Yong Ho", "Ri Yong-ho", "Mr Ri", "Foreign Minister Ri", "Ri"),
    ("Kim Jong Un", "Kim Jong-un", "Mr Kim", "MM. Kim"),
    ("Choe Son Hui", "Choe", "Hui"),
    ("North Korea", "N. Korea", "DPRK", "Democratic People’s Republic of Korea"),
    ("United States", "US"),
    ("UNSC", "United Nations Security Council"),
    ("AFP", "Agence France-Presse"),
    ("Sergei Lavrov", "Lavrov", "Mr Lavrov", "Mr. Lavrov"),
]


@pytest.mark.parametrize("forms", SAME_REFERENT, ids=[forms[0] for forms in SAME_REFERENT])
def test_forms_of_one_referent_are_merged_wherever_they_co_occur(forms: tuple[str, ...]) -> None:
    co_occurrences = 0
    for prefix in PREFIXES:
        holders = {entity.name for entity in predicted(prefix) if set(entity.forms) & set(forms)}
        present = {form for entity in predicted(prefix) for form in entity.forms if form in forms}
        assert len(holders) <= 1, f"{prefix}: {present} split over {holders}"
        co_occurrences += len(present) >= 2
    assert co_occurrences, f"no seed uses two of {forms}: the check would prove nothing"


def test_three_kims_are_three_people_and_the_bare_kim_is_the_leader() -> None:
    people = {entity.name: entity for entity in predicted("004") if entity.kind == "person"}
    assert {"Kim Jong-un", "Kim Il-sung", "Kim Jong-il"} <= set(people)
    # "Kim said the goal of the ruling Workers' Party ...": after "Kim Jong-un", before the other two are named.
    assert "Kim" in people["Kim Jong-un"].forms
    assert people["Kim Il-sung"].forms == ("Kim Il-sung",) and people["Kim Jong-il"].forms == ("Kim Jong-il",)


def test_north_and_south_korea_and_the_two_security_councils_stay_apart() -> None:
    for prefix in PREFIXES:
        names = [entity.name for entity in predicted(prefix)]
        assert len(names) == len(set(names)), names
        if "North Korea" in names:
            north = next(e for e in predicted(prefix) if e.name == "North Korea")
            assert not any("South" in form for form in north.forms)
    nsc = next(e for e in predicted("002") if "National Security Council" in e.name)
    assert not any(entity_key(form) in {"unsc", "united nations security council"} for form in nsc.forms)


def test_batched_extraction_gives_the_same_results() -> None:
    assert list(find_entities_many(seed_text(prefix) for prefix in PREFIXES)) == [predicted(p) for p in PREFIXES]
