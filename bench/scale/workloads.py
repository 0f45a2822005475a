"""What is timed once the stores exist: searches, related articles, timelines (warm, in this process), cold opens
and the app's first paint (each in a new process).

Searches run interleaved (a newsdesk query, then the same FTS5 query) so that noise from the shared CPU falls on
both alike; each workload has an untimed warm-up pass, as the app's first search would open files and fill caches.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path

from fts5_baseline import Baseline
from measure import ChildRun, run_child, timed_ms
from queries import QUERIES, BenchQuery

from index.errors import QueryError
from index.library import Library

COLD_RUNS = 3  # new processes per system; the median is reported
SEARCH_LIMIT = 20
RELATED_SAMPLE = 50
TIMELINE_RUNS = 5


@dataclass
class QueryTiming:
    query: BenchQuery
    newsdesk_ms: list[float] = field(default_factory=list)
    fts5_ms: list[float] = field(default_factory=list)  # the 20 hits with highlights, plus the total
    fts5_hits_ms: list[float] = field(default_factory=list)  # the 20 hits alone (LIMIT 20, no count)
    newsdesk_total: int | None = None
    fts5_total: int = 0
    newsdesk_error: str | None = None


def time_searches(library: Library, baseline: Baseline, repeat: int) -> list[QueryTiming]:
    """Every query `repeat` times on both. newsdesk answers the total number of matches with its hits (the CLI and
    the app show it), so the FTS5 figure includes a count(*) of the same match; the hits alone are kept apart."""
    timings = [QueryTiming(query) for query in QUERIES]
    for timing in timings:  # warm-up, and the totals as a check that both systems answer the same question
        try:
            timing.newsdesk_total = library.search(timing.query.newsdesk, limit=SEARCH_LIMIT).total
        except QueryError as error:
            timing.newsdesk_error = str(error)
        baseline.search(timing.query, SEARCH_LIMIT)
        timing.fts5_total = baseline.count(timing.query)
    for _ in range(repeat):
        for timing in timings:
            query = timing.query
            if timing.newsdesk_error is None:
                timing.newsdesk_ms.append(timed_ms(library.search, query.newsdesk, limit=SEARCH_LIMIT)[0])
            hits_ms, _ = timed_ms(baseline.search, query, SEARCH_LIMIT)
            count_ms, _ = timed_ms(baseline.count, query)
            timing.fts5_hits_ms.append(hits_ms)
            timing.fts5_ms.append(hits_ms + count_ms)
    return timings


def sample_positions(count: int, sample: int = RELATED_SAMPLE) -> list[int]:
    """`sample` positions spread evenly over the records (0-based): fixed for a size, so runs compare."""
    if count <= sample:
        return list(range(count))
    return [round(number * (count - 1) / (sample - 1)) for number in range(sample)]


def time_related(
    library: Library, baseline: Baseline, articles: list[tuple[str, int]]
) -> tuple[list[float], list[float], list[str]]:
    """(newsdesk ms, FTS5 ms, errors) for each (newsdesk id, FTS5 rowid) of the same record."""
    newsdesk_ms: list[float] = []
    fts5_ms: list[float] = []
    errors: list[str] = []
    warm_id, warm_row = articles[len(articles) // 2]
    library.related(warm_id)  # the first call opens and keeps a searcher, as the app's first call would
    baseline.related(warm_row)
    for article_id, row in articles:
        try:
            newsdesk_ms.append(timed_ms(library.related, article_id)[0])
        except Exception as error:  # noqa: BLE001  -- a failure at scale is a finding to report, not a crash
            errors.append(f"{article_id}: {type(error).__name__}: {error}")
        fts5_ms.append(timed_ms(baseline.related, row)[0])
    return newsdesk_ms, fts5_ms, errors


def time_timeline(library: Library, baseline: Baseline) -> tuple[list[float], list[float], int, int]:
    """Whole-library buckets: (newsdesk ms, FTS5 ms, newsdesk bucket count, FTS5 bucket count)."""
    buckets = len(library.timeline().buckets)
    months = len(baseline.timeline())
    newsdesk_ms = [timed_ms(library.timeline)[0] for _ in range(TIMELINE_RUNS)]
    fts5_ms = [timed_ms(baseline.timeline)[0] for _ in range(TIMELINE_RUNS)]
    return newsdesk_ms, fts5_ms, buckets, months


# A new process that opens the store and answers one query with highlights, as `newsdesk search` would.
NEWSDESK_COLD = """
import sys
from pathlib import Path
from index.library import open_library
library = open_library(Path(sys.argv[1]))
result = library.search("oil prices", limit=20)
print(result.total, len(result.hits))
"""
# The FTS5 side imports nothing of newsdesk: only what a script over the database needs.
FTS5_COLD = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute(
    "SELECT a.id, highlight(fts, 0, '**', '**'), snippet(fts, 1, '**', '**', '…', 24), bm25(fts, 2.0, 1.0) AS rank"
    " FROM fts JOIN articles a ON a.id = fts.rowid WHERE fts MATCH ? ORDER BY rank LIMIT 20", ("oil prices",)
).fetchall()
total = db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", ("oil prices",)).fetchone()[0]
print(total, len(rows))
"""


def cold_open(code: str, store: Path, work: Path) -> tuple[list[float], str]:
    """Wall times in ms (spawn to exit) of COLD_RUNS new processes, and what the last one printed."""
    runs: list[ChildRun] = [run_child(["-c", code, str(store)], work) for _ in range(COLD_RUNS)]
    failed = next((run for run in runs if run.status != 0), None)
    if failed is not None:
        raise RuntimeError(f"cold open failed: {failed.stderr.strip().splitlines()[-1:]}")
    return [run.wall_s * 1000 for run in runs], runs[-1].stdout.strip()


@dataclass(frozen=True)
class AppFigures:
    first_paint_s: float  # spawn to the article list drawn with rows
    settled_s: float  # spawn to every start-up worker done (timeline, entities, stories)
    rows: int
    peak_rss_kb: int  # the child's own peak RSS (VmHWM)
    rusage_maxrss_kb: int  # what RUSAGE_CHILDREN / wait4 said: inflated by run.py's own size at the spawn


def app_first_paint(library_folder: Path, work: Path) -> AppFigures:
    probe = Path(__file__).resolve().parent / "app_probe.py"
    run = run_child([str(probe), str(library_folder)], work)
    if run.status != 0:
        raise RuntimeError(f"app probe failed: {run.stderr.strip().splitlines()[-3:]}")
    report = json.loads(run.stdout.strip().splitlines()[-1])
    return AppFigures(
        report["painted_at"] - run.started_at,
        report["settled_at"] - run.started_at,
        report["rows"],
        run.max_rss_kb,
        run.rusage_maxrss_kb,
    )


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
