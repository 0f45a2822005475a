"""Measure a named-entity extractor the way newsdesk is held to it.

    # a spaCy pipeline directory (e.g. the shipped model)
    python bench/ner/evaluate.py index/models/ner
    # any callable extract(text) -> list[(surface, type)]   (e.g. the final system with rules)
    python bench/ner/evaluate.py --extract index.entities:extract_names
    # optionally also a span callable for mention-level F1: extract_spans(text) -> list[(start, end, type)],
    # and a batched callable for the throughput figure: extract_many(texts) -> iterator of lists
    python bench/ner/evaluate.py --extract mod:names --extract-spans mod:spans --extract-many mod:names_many

Prints, on conll2003-dev (PER/ORG/LOC only):
  * doc-level distinct typed names P/R/F1, overall and per type (bench/ner/scoring.py);
  * mention-level exact-span P/R/F1 (spaCy model, or when --extract-spans is given);
and on Reuters-21578 bodies: articles/s (n_process 1 and 2 for spaCy models) and peak RSS.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import os
import re
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
REPO = HERE.parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.ner.scoring import (  # noqa: E402
    load_conll,
    score_mention_spans,
    score_names,
)

SPORTS_TITLE = re.compile(
    r"^(SOCCER|CRICKET|TENNIS|GOLF|BASEBALL|BASKETBALL|RUGBY[A-Z ]*|ATHLETICS|CYCLING|MOTOR[A-Z -]*|BOXING|"
    r"HORSE RACING|NFL|NHL|ICE HOCKEY|FORMULA ONE|SWIMMING|SQUASH|BADMINTON|ROWING|SAILING|YACHTING|"
    r"ALPINE SKIING|SKIING|VOLLEYBALL|HOCKEY|AMERICAN FOOTBALL|OLYMPICS|CHESS|TABLE TENNIS)\b"
)

SHARED = Path(os.environ.get("NEWSDESK_CORPORA", REPO.parent / "shared" / "corpora"))


def corpus_path(name: str) -> Path:
    for cand in (SHARED / "ner" / name, SHARED / name):
        if cand.exists():
            return cand
    raise SystemExit(f"{name} not found under {SHARED} (set NEWSDESK_CORPORA)")


def reuters_bodies(limit: int | None) -> list[str]:
    out: list[str] = []
    with gzip.open(corpus_path("reuters21578.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            body = json.loads(line).get("body") or ""
            if body.strip():
                out.append(body)
                if limit is not None and len(out) >= limit:
                    break
    return out


def maxrss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024.0  # Linux: KiB


def load_callable(spec: str) -> Callable[..., Any]:
    mod, _, name = spec.partition(":")
    fn: Callable[..., Any] = getattr(importlib.import_module(mod), name)
    return fn


def spacy_ents(doc: Any) -> list[tuple[int, int, str, str]]:
    return [(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", nargs="?", help="spaCy pipeline directory")
    ap.add_argument("--extract", help="module:function, extract(text) -> list[(surface, type)]")
    ap.add_argument("--extract-spans", help="module:function, extract_spans(text) -> list[(start, end, type)]")
    ap.add_argument(
        "--extract-many",
        help="module:function, extract_many(texts) -> iterator of extract() results "
        "(batched; used for throughput when given)",
    )
    ap.add_argument("--limit", type=int, default=None, help="only the first N dev documents")
    ap.add_argument("--reuters-limit", type=int, default=3000, help="Reuters bodies for throughput (0: skip)")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--n-process", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent FP/FN names")
    ap.add_argument("--conll", default="conll2003-dev.jsonl.gz", help="gold file name under shared/corpora/ner")
    args = ap.parse_args()
    if not args.model and not args.extract:
        ap.error("give a model directory or --extract")

    rss0 = maxrss_mb()
    bodies = reuters_bodies(args.reuters_limit) if args.reuters_limit else []
    docs = load_conll(corpus_path(args.conll), args.limit)
    print(f"gold: {len(docs)} documents from {args.conll}")

    if args.model:
        import spacy

        t0 = time.perf_counter()
        nlp = spacy.load(args.model)
        print(f"model {args.model}: pipes={nlp.pipe_names} load {time.perf_counter() - t0:.2f}s")
        size = sum(p.stat().st_size for p in Path(args.model).rglob("*") if p.is_file())
        print(f"model size on disk: {size / 1e6:.2f} MB")
        rss_loaded = maxrss_mb()
        found = [spacy_ents(d) for d in nlp.pipe((d.text for d in docs), batch_size=args.batch_size)]
        names = [[(t, lab) for _, _, t, lab in f] for f in found]
        spans: list[list[tuple[int, int, str]]] | None = [[(s, e, lab) for s, e, _, lab in f] for f in found]

        def run(texts: list[str], n_process: int) -> Iterator[Any]:
            return iter(nlp.pipe(texts, batch_size=args.batch_size, n_process=n_process))
    else:
        extract = load_callable(args.extract)
        rss_loaded = maxrss_mb()
        names = [list(extract(d.text)) for d in docs]
        spans = None
        if args.extract_spans:
            ext_spans = load_callable(args.extract_spans)
            spans = [list(ext_spans(d.text)) for d in docs]

        def run(texts: list[str], n_process: int) -> Iterator[Any]:
            return (extract(t) for t in texts)

        if args.extract_many:
            # batched variant (e.g. Recogniser.spans_many): used for the throughput figure
            extract_many = load_callable(args.extract_many)

            def run(texts: list[str], n_process: int) -> Iterator[Any]:
                return iter(extract_many(texts))

        args.n_process = [1]

    report = score_names(docs, names)
    print()
    print(report.format("doc-level distinct typed names (conll2003-dev):"))
    # CoNLL dev is ~40% sports (results tables, cities standing for teams); show the two halves apart.
    sport = [i for i, d in enumerate(docs) if SPORTS_TITLE.match(d.text)]
    other = [i for i in range(len(docs)) if i not in set(sport)]
    for label, idx in (("sports", sport), ("non-sports", other)):
        if idx:
            sub = score_names([docs[i] for i in idx], [names[i] for i in idx])
            print(f"  {label} documents ({len(idx)}): " + sub.overall.row("").strip())
    if spans is not None:
        print()
        print(score_mention_spans(docs, spans).format("mention-level exact spans:"))
    if args.errors:
        fp = Counter((n, t) for _, n, t in report.false_positives)
        fn = Counter((n, t) for _, n, t in report.false_negatives)
        print(f"\nmost frequent false positives (docs): {fp.most_common(args.errors)}")
        print(f"\nmost frequent false negatives (docs): {fn.most_common(args.errors)}")

    if bodies:
        print(
            f"\nthroughput on {len(bodies)} Reuters-21578 bodies "
            f"(avg {sum(map(len, bodies)) / len(bodies):.0f} chars), batch_size={args.batch_size}:"
        )
        for n in args.n_process:
            list(run(bodies[:50], 1))  # warm-up
            t0, c0 = time.perf_counter(), time.process_time()
            count = sum(1 for _ in run(bodies, n))
            dt, cpu = time.perf_counter() - t0, time.process_time() - c0
            # CPU-time rate = what one dedicated core does (robust to other load on a shared machine);
            # meaningless for n_process > 1 (the work happens in child processes)
            cpu_rate = f", {count / cpu:.1f} per CPU-second of this process" if n == 1 else ""
            print(f"  n_process={n}: {count / dt:.1f} articles/s wall ({dt:.1f}s){cpu_rate}")
    print(f"load average at end: {os.getloadavg()}  (2 cores; >2 means the figures above were contended)")
    print(
        f"\npeak RSS: {maxrss_mb():.0f} MB (process; before loading anything {rss0:.0f} MB, "
        f"after model load {rss_loaded:.0f} MB); children peak {maxrss_mb(resource.RUSAGE_CHILDREN):.0f} MB"
    )


if __name__ == "__main__":
    main()
