"""How well resolve_dateline reads Reuters-21578's datelines ("SALVADOR, Feb 26 -").

Each article's dateline is resolved against a reference = its DATE plus a seeded random offset of -5..+5 days (a
library knows an article's date only roughly, e.g. from a feed's fetch time) and compared with DATE's day.
The corpus is research-only: this script reads it in place and prints figures, never its text.

    python bench/dates/measure_reuters.py [--corpus PATH] [--limit N] [--seed 1987]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.corpora import corpus_path  # noqa: E402
from index.dates import resolve_dateline  # noqa: E402

CORPUS_NAME = "reuters21578.jsonl.gz"


def articles(corpus: Path) -> Iterator[tuple[str, dt.date]]:
    """(dateline, DATE's day) for every article with a DATE, in corpus order (one DATE is malformed in the source:
    without a truth it cannot be scored)."""
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("date"):
                yield (record.get("dateline") or "").strip(), dt.datetime.fromisoformat(record["date"]).date()


def cause(dateline: str, resolved: dt.date | None, truth: dt.date) -> str:
    """Why a dateline did not give DATE's day."""
    if not dateline:
        return "no dateline"
    if resolved is None:
        return "dateline names no readable day"
    if abs((resolved - truth).days) == 1:
        return "one day off: the dateline is the local date, DATE the wire's clock"
    if resolved.day == truth.day:
        return "same day, other month: month mistyped, or a price table's heading in the dateline field"
    return "days off: day mistyped, or DATE stamped days after the dateline"


@dataclass
class Figures:
    articles: int = 0
    with_dateline: int = 0
    resolved: int = 0
    right: int = 0
    seconds: float = 0.0
    errors: Counter[str] = field(default_factory=Counter)


def measure(corpus: Path, limit: int | None, seed: int) -> Figures:
    rng = random.Random(seed)
    figures = Figures()
    for dateline, truth in articles(corpus):
        if limit is not None and figures.articles >= limit:
            break
        figures.articles += 1
        reference = truth + dt.timedelta(days=rng.randint(-5, 5))
        started = time.perf_counter()
        resolved = resolve_dateline(dateline, reference) if dateline else None
        figures.seconds += time.perf_counter() - started
        figures.with_dateline += bool(dateline)
        figures.resolved += resolved is not None
        if resolved == truth:
            figures.right += 1
        else:
            figures.errors[cause(dateline, resolved, truth)] += 1
    return figures


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--corpus", type=Path, default=corpus_path(CORPUS_NAME))
    arguments.add_argument("--limit", type=int, default=None, help="only the first N articles")
    arguments.add_argument("--seed", type=int, default=1987)
    options = arguments.parse_args()
    if not options.corpus.exists():
        sys.exit(f"corpus not found: {options.corpus} (set NEWSDESK_CORPORA)")
    figures = measure(options.corpus, options.limit, options.seed)
    total, dated, right, resolved = figures.articles, figures.with_dateline, figures.right, figures.resolved
    print(f"articles: {total}, with a dateline: {dated}")
    print(f"exactly right: {right / total:.2%} of all articles, {right / dated:.2%} of those with a dateline")
    print(f"resolved: {resolved / total:.2%} of all, {resolved / dated:.2%} of those with a dateline")
    print(f"right when resolved: {right / max(resolved, 1):.2%}")
    within_a_day = right + sum(count for reason, count in figures.errors.items() if reason.startswith("one day"))
    print(f"within a day of DATE: {within_a_day / dated:.2%} of those with a dateline")
    print("errors by cause:")
    for reason, count in figures.errors.most_common():
        print(f"  {count:6d}  {reason}")
    print(f"time: {figures.seconds / max(dated, 1) * 1e6:.1f} µs per dateline")


if __name__ == "__main__":
    main()
