"""Related articles and stories on a 20,000-article Reuters-21578 library: latency, and relatedness by topic.

Latency: `Library.related(id, limit=10)` for random articles (warm process, as in the app), p50/p95/max.
Relatedness: for random source articles that have Reuters topics, the share of their top 5 related articles that
share a topic with them (an article without topics counts as a miss), against 5 random articles in the same run;
the same for each part of the score alone, to show what each brings. Stories: time to group the library, how many
groups, and the share of pairs inside a story that share a topic against random pairs published within the window.

    python3 bench/related/bench_related.py [--size 20000] [--latency 200] [--quality 500] [--seed 2018]

The first run builds the library under /tmp (a few minutes: entity extraction); later runs reuse it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from corpus import CORPUS_NAME, DEFAULT_CACHE, build, items  # noqa: E402

import index.related as related_module  # noqa: E402
from bench.corpora import corpus_path  # noqa: E402
from index.library import Library  # noqa: E402
from index.stories import WINDOW_DAYS  # noqa: E402
from index.timeline import calendar_day  # noqa: E402

TOP = 5
# (label, weights for text, entities, time): the full score, then each part alone.
VARIANTS: tuple[tuple[str, dict[str, float]], ...] = (
    ("full score", {}),
    ("text only", {"ENTITY_WEIGHT": 0.0, "TIME_WEIGHT": 0.0}),
    ("entities only", {"TEXT_WEIGHT": 0.0, "TIME_WEIGHT": 0.0}),
    ("text + entities, no time", {"TIME_WEIGHT": 0.0}),
)


@contextmanager
def weights(overrides: Mapping[str, float]) -> Iterator[None]:
    saved = {name: getattr(related_module, name) for name in overrides}
    for name, value in overrides.items():
        setattr(related_module, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(related_module, name, value)


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def latency(library: Library, ids: Sequence[str]) -> list[float]:
    for article_id in ids[:5]:  # warm up: the first searcher opens the index's segments
        library.related(article_id)
    timings = []
    for article_id in ids:
        started = time.perf_counter()
        library.related(article_id)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def share_sharing(pairs: Sequence[tuple[str, str]], topics: Mapping[str, frozenset[str]]) -> float:
    hits = sum(1 for first, second in pairs if topics.get(first, frozenset()) & topics.get(second, frozenset()))
    return hits / max(len(pairs), 1)


def relatedness(
    library: Library,
    sources: Sequence[str],
    topics: Mapping[str, frozenset[str]],
    pick_random: Callable[[str], list[str]],
) -> tuple[float, float, float, float]:
    """Over `sources`: the share of the top-5 related sharing a topic, the same for random articles, and both
    again counting only the articles that have topics (the rest cannot share one)."""
    related = [(s, r.id) for s in sources for r in library.related(s, limit=TOP)]
    randoms = [(s, other) for s in sources for other in pick_random(s)]
    labelled = [pair for pair in related if pair[1] in topics], [pair for pair in randoms if pair[1] in topics]
    return (
        share_sharing(related, topics),
        share_sharing(randoms, topics),
        share_sharing(labelled[0], topics),
        share_sharing(labelled[1], topics),
    )


def stories_figures(library: Library, topics: Mapping[str, frozenset[str]], rng: random.Random) -> None:
    started = time.perf_counter()
    stories = library.stories()
    seconds = time.perf_counter() - started
    grouped = sum(len(story.articles) for story in stories)
    pairs = [
        (first, second)
        for story in stories
        for position, first in enumerate(story.articles)
        for second in story.articles[position + 1 :]
        if first in topics and second in topics
    ]
    dated, _ = library.publication_dates()
    labelled = sorted((calendar_day(day), article_id) for article_id, day in dated if article_id in topics)
    baseline = []
    for _ in range(20_000):  # random labelled pairs published within the window: what time alone would group
        day, first = rng.choice(labelled)
        near = [a for d, a in labelled if 0 < abs((d - day).days) <= WINDOW_DAYS or (d == day and a != first)]
        if near:
            baseline.append((first, rng.choice(near)))
        if len(baseline) >= 2_000:
            break
    largest = max((len(story.articles) for story in stories), default=0)
    print(f"stories: {len(stories)} groups, {grouped} articles grouped (largest {largest}), {seconds * 1000:.0f} ms")
    print(
        f"  pairs in a story sharing a topic (labelled pairs: {len(pairs)}): {share_sharing(pairs, topics):.3f}"
        f" vs random pairs within {WINDOW_DAYS} days: {share_sharing(baseline, topics):.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=corpus_path(CORPUS_NAME))
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--latency", type=int, default=200, help="articles timed")
    parser.add_argument("--quality", type=int, default=500, help="labelled source articles scored")
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus} (set NEWSDESK_CORPORA)", file=sys.stderr)
        return 1
    library = build(args.corpus, args.size, args.cache)
    topics = {item.id: frozenset(item.topics) for item in items(args.corpus, args.size) if item.topics}
    ids = [summary.id for summary in library.articles()]
    rng = random.Random(args.seed)
    print(f"library: {len(ids)} articles, {len(topics)} with Reuters topics")

    started = time.perf_counter()
    library.related(ids[0])
    print(f"first related call (opens a searcher): {(time.perf_counter() - started) * 1000:.0f} ms")
    timings = latency(library, rng.sample(ids, args.latency))
    print(
        f"related(limit=10) over {len(timings)} random articles: p50 {statistics.median(timings):.1f} ms,"
        f" p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms"
    )

    labelled = sorted(topics.keys() & set(ids))
    sources = rng.sample(labelled, min(args.quality, len(labelled)))
    randoms = {s: rng.sample([a for a in rng.sample(ids, TOP + 1) if a != s], TOP) for s in sources}
    print(f"share of the top {TOP} related sharing a Reuters topic with the source ({len(sources)} sources):")
    print(f"  {'':26} {'all':>5}  {'random':>6}  {'ratio':>5}   {'with topics':>11}  {'random':>6}  {'ratio':>5}")
    for label, overrides in VARIANTS:
        with weights(overrides):
            found, baseline, found_labelled, baseline_labelled = relatedness(
                library, sources, topics, randoms.__getitem__
            )
        ratio, ratio_labelled = found / max(baseline, 1e-9), found_labelled / max(baseline_labelled, 1e-9)
        print(
            f"  {label:26} {found:5.3f}  {baseline:6.3f}  {ratio:4.1f}x"
            f"   {found_labelled:11.3f}  {baseline_labelled:6.3f}  {ratio_labelled:4.1f}x"
        )

    stories_figures(library, topics, rng)
    library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
