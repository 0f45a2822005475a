"""What find_date_mentions costs and finds on Reuters-21578 bodies (publication date = each article's DATE).

No gold standard exists for mentioned dates in this corpus, so this measures cost and volume, not accuracy; the
accuracy checks are the seed expectations and invented cases in tests/index_tests/test_dates_mentions.py.
The corpus is research-only: read in place, only counts printed.

    python bench/dates/measure_mentions.py [--corpus PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.corpora import corpus_path  # noqa: E402
from index.date_mentions import find_date_mentions  # noqa: E402


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--corpus", type=Path, default=corpus_path("reuters21578.jsonl.gz"))
    arguments.add_argument("--limit", type=int, default=None, help="only the first N articles with a body")
    options = arguments.parse_args()
    if not options.corpus.exists():
        sys.exit(f"corpus not found: {options.corpus} (set NEWSDESK_CORPORA)")
    articles = characters = 0
    precisions: Counter[str] = Counter()
    elapsed = 0.0
    with gzip.open(options.corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if not record.get("body") or not record.get("date"):
                continue
            if options.limit is not None and articles >= options.limit:
                break
            published = dt.datetime.fromisoformat(record["date"]).date()
            started = time.perf_counter()
            found = find_date_mentions(record["body"], published)
            elapsed += time.perf_counter() - started
            articles += 1
            characters += len(record["body"])
            precisions.update(mention.precision or "unresolved" for mention in found)
    total = sum(precisions.values())
    print(f"articles: {articles}, characters: {characters}, mentions: {total} ({total / articles:.2f} per article)")
    for precision, count in precisions.most_common():
        print(f"  {precision:10s} {count:7d}  {count / total:.1%}")
    print(f"time: {elapsed / articles * 1e3:.2f} ms per article, {elapsed / characters * 1e6:.2f} µs per character")


if __name__ == "__main__":
    main()
