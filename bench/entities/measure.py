"""Measure `index.entities` the way the issue holds it to account, and print the figures.

    python3 bench/entities/measure.py                 # seeds vs gold, CoNLL-2003 dev, Reuters speed
    python3 bench/entities/measure.py --only seeds    # or conll / speed; --errors N lists the commonest misses

1. Seeds vs `tests/index_tests/gold/seed_entities.json`: per kind and overall precision and recall over
   (article, referent) pairs. A predicted entity matches a gold one of the same kind, listed for that article, when
   any of its forms (or its name) has the `entity_key` of one of the gold forms. Also counted: page-furniture
   entities, unmerged splits (two predictions matching one gold referent in one article) and false merges (one
   prediction matching two gold referents).
2. CoNLL-2003 dev (research-only data, read in place, never copied): doc-level distinct typed names
   (`bench/ner/scoring.py`), the surface of every mention typed by its entity's kind. The document's first line is
   passed as the title and the rest as the body (`--whole-body`: all of it as the body, title "").
3. Speed: `find_entities_many` on Reuters-21578 bodies (title ""), articles/s by the wall clock and per CPU-second
   of this process, the load average, and the peak RSS; then the same in worker processes (`ExtractionPool`), as
   big imports run it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.ner.scoring import load_conll, score_names  # noqa: E402
from index.boilerplate import is_boilerplate  # noqa: E402
from index.clean import clean_article_text  # noqa: E402
from index.entities import entity_key, find_entities, find_entities_many  # noqa: E402
from index.entities.pool import ExtractionPool  # noqa: E402
from index.ingest.text import decode_bytes  # noqa: E402
from index.model import ENTITY_KINDS, FoundEntity  # noqa: E402

SEEDS = REPO / "seeds"
GOLD = REPO / "tests" / "index_tests" / "gold" / "seed_entities.json"
CORPORA = Path(os.environ.get("NEWSDESK_CORPORA", REPO.parent / "shared" / "corpora"))
BOILERPLATE = ("back to top", "related articles", "print edition", "subscribe", "source site", "read more")


# --- seeds -------------------------------------------------------------------------------------------------------


@dataclass
class GoldEntity:
    name: str
    kind: str
    keys: frozenset[str]
    articles: frozenset[str]


@dataclass
class SeedReport:
    tp: Counter[str] = field(default_factory=Counter)  # per kind: predictions that match
    predicted: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)  # per kind: gold (article, referent) pairs found
    gold: Counter[str] = field(default_factory=Counter)
    false_positives: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    splits: list[str] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)


def load_gold() -> list[GoldEntity]:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    return [
        GoldEntity(
            entry["name"], entry["kind"], frozenset(entity_key(form) for form in entry["forms"]),
            frozenset(entry["articles"]),
        )
        for entry in data["entities"]
    ]  # fmt: skip


def seed_articles() -> Iterator[tuple[str, str, str]]:
    """(prefix, title, clean body) of each seed, cleaned exactly as the pipeline cleans it."""
    for path in sorted(SEEDS.glob("*.txt")):
        cleaned = clean_article_text(decode_bytes(path.read_bytes()))
        yield path.name[:3], cleaned.title, cleaned.body


def matches(entity: FoundEntity, gold: GoldEntity) -> bool:
    keys = {entity_key(form) for form in (*entity.forms, entity.name)}
    return entity.kind == gold.kind and bool(keys & gold.keys)


def score_seeds() -> SeedReport:
    gold = load_gold()
    report = SeedReport()
    for prefix, title, body in seed_articles():
        listed = [entry for entry in gold if prefix in entry.articles]
        predicted = find_entities(title, body)
        hits: dict[str, list[str]] = {}
        for entity in predicted:
            report.predicted[entity.kind] += 1
            matched = [entry.name for entry in listed if matches(entity, entry)]
            if matched:
                report.tp[entity.kind] += 1
            else:
                report.false_positives.append(f"{prefix} {entity.kind} {entity.name!r} {entity.forms}")
            if len(matched) > 1:
                report.merges.append(f"{prefix} {entity.name!r} = {matched}")
            for name in matched:
                hits.setdefault(name, []).append(entity.name)
            if any(is_boilerplate(form) or entity_key(form).startswith(BOILERPLATE) for form in entity.forms):
                report.boilerplate.append(f"{prefix} {entity.forms}")
        for entry in listed:
            report.gold[entry.kind] += 1
            if entry.name in hits:
                report.found[entry.kind] += 1
                if len(hits[entry.name]) > 1:
                    report.splits.append(f"{prefix} {entry.name!r} split into {hits[entry.name]}")
            else:
                report.missed.append(f"{prefix} {entry.kind} {entry.name!r}")
    return report


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def print_seeds(report: SeedReport) -> None:
    print("seeds vs gold (5 articles, title + clean body as the pipeline cleans them):")
    for kind in (*ENTITY_KINDS, "overall"):
        kinds = ENTITY_KINDS if kind == "overall" else (kind,)
        tp, pred = sum(report.tp[k] for k in kinds), sum(report.predicted[k] for k in kinds)
        found, gold = sum(report.found[k] for k in kinds), sum(report.gold[k] for k in kinds)
        print(f"  {kind:<8} P={ratio(tp, pred):.3f} ({tp}/{pred})  R={ratio(found, gold):.3f} ({found}/{gold})")
    print(f"  boilerplate entities: {len(report.boilerplate)}  unmerged splits: {len(report.splits)}  "
          f"false merges: {len(report.merges)}")  # fmt: skip
    for label, items in (("false positives", report.false_positives), ("missed", report.missed),
                         ("splits", report.splits), ("merges", report.merges),
                         ("boilerplate", report.boilerplate)):  # fmt: skip
        for item in items:
            print(f"    {label}: {item}")


# --- CoNLL -------------------------------------------------------------------------------------------------------


def conll_predictions(docs: list[Any], whole_body: bool) -> list[list[tuple[str, str]]]:
    """(surface, kind) of every mention of every entity, for each document."""
    parts = []
    for doc in docs:
        title, sep, body = doc.text.partition("\n\n")
        parts.append(("", doc.text) if whole_body or not sep else (title, body))
    predictions: list[list[tuple[str, str]]] = []
    for (title, body), entities in zip(parts, find_entities_many(parts), strict=True):
        texts = {"title": title, "body": body}
        predictions.append(
            [(texts[m.field][m.start : m.end], str(entity.kind)) for entity in entities for m in entity.mentions]
        )
    return predictions


def print_conll(limit: int | None, whole_body: bool, errors: int) -> None:
    path = CORPORA / "ner" / "conll2003-dev.jsonl.gz"
    if not path.exists():
        print(f"CoNLL-2003 dev not found at {path} (set NEWSDESK_CORPORA): skipped")
        return
    docs = load_conll(path, limit)
    report = score_names(docs, conll_predictions(docs, whole_body))
    how = "whole text as body" if whole_body else "first line as title, the rest as body"
    print(report.format(f"\nCoNLL-2003 dev, {len(docs)} documents ({how}), doc-level distinct typed names:"))
    if errors:
        fp = Counter((name, kind) for _, name, kind in report.false_positives)
        fn = Counter((name, kind) for _, name, kind in report.false_negatives)
        print(f"  most frequent false positives: {fp.most_common(errors)}")
        print(f"  most frequent false negatives: {fn.most_common(errors)}")


# --- speed -------------------------------------------------------------------------------------------------------


def reuters_bodies(limit: int) -> list[str]:
    bodies: list[str] = []
    with gzip.open(CORPORA / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            body = json.loads(line).get("body") or ""
            if body.strip():
                bodies.append(body)
                if len(bodies) >= limit:
                    break
    return bodies


def print_speed(limit: int, batch_size: int) -> None:
    if not (CORPORA / "reuters21578.jsonl.gz").exists():
        print("Reuters-21578 not found: speed skipped")
        return
    bodies = reuters_bodies(limit)
    list(find_entities_many((("", body) for body in bodies[:50]), batch_size))  # load the model, warm caches
    load_before = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    count = sum(1 for _ in find_entities_many((("", body) for body in bodies), batch_size))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nspeed: find_entities_many on {count} Reuters-21578 bodies "
          f"(avg {sum(map(len, bodies)) / len(bodies):.0f} chars), batch_size={batch_size}:")  # fmt: skip
    print(f"  {count / wall:.1f} articles/s wall ({wall:.1f} s), {count / cpu:.1f} articles per CPU-second")
    print(f"  load average before/after: {load_before:.2f} / {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"  peak RSS: {rss:.0f} MB")
    # What a big import uses: the same extraction in worker processes (ExtractionPool), start-up included.
    wall = time.perf_counter()
    with ExtractionPool() as pool:
        count = len(pool.find_many([("", body) for body in bodies]))
        workers = pool.processes
    wall = time.perf_counter() - wall
    print(
        f"  in {workers} worker processes (big imports): {count / wall:.1f} articles/s wall ({wall:.1f} s, "
        "pool start-up included)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=("seeds", "conll", "speed"), action="append")
    parser.add_argument("--limit", type=int, default=None, help="only the first N CoNLL dev documents")
    parser.add_argument("--whole-body", action="store_true", help="CoNLL: the whole text as body, title empty")
    parser.add_argument("--errors", type=int, default=0, help="CoNLL: list the N commonest false positives/negatives")
    parser.add_argument("--reuters", type=int, default=2000, help="Reuters bodies for the speed figure")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    parts = args.only or ["seeds", "conll", "speed"]
    if "seeds" in parts:
        print_seeds(score_seeds())
    if "conll" in parts:
        print_conll(args.limit, args.whole_body, args.errors)
    if "speed" in parts:
        print_speed(args.reuters, args.batch_size)


if __name__ == "__main__":
    main()
