"""Scale benchmark: newsdesk against a plain SQLite FTS5 index of the same Reuters-21578 records.

    python3 bench/scale/run.py --size 20000 [--size 100000] [--work DIR] [--skip-app] [--rebuild] [--out FILE]

Run by hand, never by the test suite. For each size it builds (or reuses) a newsdesk library and an FTS5 database
under --work, then prints one table: ingest, size on disk, cold open, search, related, timeline, app start-up.
See bench/scale/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import workloads  # noqa: E402
from fts5_baseline import Baseline  # noqa: E402
from measure import Spread, folder_bytes, machine, run_child  # noqa: E402
from records import CORPUS_NAME, originals, read_jsonl, replicate, write_jsonl  # noqa: E402
from report import machine_line, size_rows, table  # noqa: E402

from bench.corpora import corpus_path  # noqa: E402
from index.library import open_library  # noqa: E402

DEFAULT_WORK = Path("/tmp/newsdesk-bench-scale")
BUILD_SCRIPT = Path(__file__).resolve().parent / "build.py"


def build(size: int, corpus: Path, folder: Path, rebuild: bool) -> dict[str, Any]:
    """Both stores for `size` records, and the figures of their builds; reused when a finished build is there."""
    done = folder / "build.json"
    if not rebuild and done.is_file():
        figures: dict[str, Any] = json.loads(done.read_text())
        if figures.get("size") == size and (folder / "newsdesk").is_dir() and (folder / "fts5.sqlite").is_file():
            print(f"reusing the stores built {figures['built_at']} in {folder} (--rebuild to build again)")
            return figures
    done.unlink(missing_ok=True)  # a half-finished build must never be taken for a finished one
    base = originals(corpus)
    records = list(replicate(base, size))
    jsonl = folder / "records.jsonl"
    write_jsonl(records, jsonl)
    print(f"{len(records)} records ({len(base)} distinct Reuters-21578 articles, copies past that) -> {jsonl}")
    figures = {
        "size": size,
        "built_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "revision": machine()["revision"],
    }
    for kind, dest in (("fts5", folder / "fts5.sqlite"), ("newsdesk", folder / "newsdesk")):
        print(f"building {kind}...", flush=True)
        run = run_child([str(BUILD_SCRIPT), kind, str(jsonl), str(dest)], folder / "logs", echo_stderr=True)
        if run.status != 0:
            raise SystemExit(f"the {kind} build failed (exit {run.status}); see {folder / 'logs'}")
        result = json.loads(run.stdout.strip().splitlines()[-1])
        figures[kind] = {
            **result,
            "max_rss_kb": run.max_rss_kb,
            "tree_peak_kb": run.tree_peak_kb,
            "rusage_maxrss_kb": run.rusage_maxrss_kb,
        }
        print(f"  {kind}: {result['count']} articles in {result['seconds']:.1f} s", flush=True)
    done.write_text(json.dumps(figures, indent=1))
    return figures


def spread(values: list[float]) -> dict[str, float] | None:
    return Spread.of(values).__dict__ if values else None


def measure_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    folder = args.work / f"size-{size}"
    built = build(size, args.corpus, folder, args.rebuild)
    library_folder, fts5_file = folder / "newsdesk", folder / "fts5.sqlite"
    figures: dict[str, Any] = {"size": size, "build": {"newsdesk": built["newsdesk"], "fts5": built["fts5"]}}
    figures["built"] = f"{built['built_at']} ({built.get('revision', 'revision not recorded')})"
    figures["disk_bytes"] = {
        "newsdesk_library": folder_bytes(library_folder),
        "newsdesk_whoosh": folder_bytes(library_folder / "whoosh"),
        "newsdesk_catalog": folder_bytes(library_folder / "library.sqlite"),
        "fts5": folder_bytes(fts5_file),
    }

    print("cold opens...", flush=True)
    cold_nd, answer_nd = workloads.cold_open(workloads.NEWSDESK_COLD, library_folder, folder / "logs")
    cold_ft, answer_ft = workloads.cold_open(workloads.FTS5_COLD, fts5_file, folder / "logs")
    figures["cold_open_ms"] = {"newsdesk": cold_nd, "fts5": cold_ft, "answers": [answer_nd, answer_ft]}
    figures["cold_open"] = {"newsdesk": workloads.median(cold_nd), "fts5": workloads.median(cold_ft)}

    library = open_library(library_folder)
    baseline = Baseline(fts5_file)
    try:
        print("searches...", flush=True)
        figures["search"] = search_figures(workloads.time_searches(library, baseline, args.repeat), args.repeat)
        print("related...", flush=True)
        figures["related"] = related_figures(library, baseline, folder / "records.jsonl")
        print("timeline...", flush=True)
        nd_ms, ft_ms, buckets, months = workloads.time_timeline(library, baseline)
        figures["timeline"] = {
            "newsdesk": workloads.median(nd_ms),
            "fts5": workloads.median(ft_ms),
            "newsdesk_ms": nd_ms,
            "fts5_ms": ft_ms,
            "newsdesk_buckets": buckets,
            "fts5_buckets": months,
        }
    finally:
        library.close()
        baseline.close()

    if not args.skip_app:
        print("app start-up...", flush=True)
        figures["app"] = workloads.app_first_paint(library_folder, folder / "logs").__dict__
    return figures


def search_figures(timings: list[workloads.QueryTiming], repeat: int) -> dict[str, Any]:
    dated = [timing for timing in timings if timing.query.dated]
    errors = {timing.query.newsdesk: timing.newsdesk_error for timing in timings if timing.newsdesk_error}
    for query, error in errors.items():
        print(f"  newsdesk could not run {query!r}: {error}", file=sys.stderr)
    return {
        "count": len(timings),
        "dated_count": len(dated),
        # A check that both answer the same question: the stemmers and newsdesk's cleaning differ a little, and FTS5
        # has no entities (a name is a phrase there), so counts agree closely rather than exactly.
        "same_total": sum(1 for timing in timings if timing.newsdesk_total == timing.fts5_total),
        "close_total": sum(1 for timing in timings if _close(timing.newsdesk_total, timing.fts5_total)),
        "repeat": repeat,
        "newsdesk": spread([ms for timing in timings for ms in timing.newsdesk_ms]),
        "fts5": spread([ms for timing in timings for ms in timing.fts5_ms]),
        "fts5_hits_only": spread([ms for timing in timings for ms in timing.fts5_hits_ms]),
        "newsdesk_dated": spread([ms for timing in dated for ms in timing.newsdesk_ms]),
        "fts5_dated": spread([ms for timing in dated for ms in timing.fts5_ms]),
        "errors": errors,
        "queries": [
            {
                "kind": timing.query.kind,
                "newsdesk": timing.query.newsdesk,
                "fts5": timing.query.match,
                "dates": [timing.query.since, timing.query.until],
                "newsdesk_total": timing.newsdesk_total,
                "fts5_total": timing.fts5_total,
                "newsdesk_ms": workloads.median(timing.newsdesk_ms),
                "fts5_ms": workloads.median(timing.fts5_ms),
            }
            for timing in timings
        ],
    }


def _close(newsdesk: int | None, fts5: int) -> bool:
    return newsdesk is not None and abs(newsdesk - fts5) <= max(1, 0.05 * max(newsdesk, fts5))


def related_figures(library: Any, baseline: Baseline, jsonl: Path) -> dict[str, Any]:
    records = list(read_jsonl(jsonl))
    picked = [(records[position].article_id, position + 1) for position in workloads.sample_positions(len(records))]
    nd_ms, ft_ms, errors = workloads.time_related(library, baseline, picked)
    for error in errors:
        print(f"  newsdesk related failed: {error}", file=sys.stderr)
    return {"count": len(picked), "newsdesk": spread(nd_ms), "fts5": spread(ft_ms), "errors": errors}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, action="append", help="articles (repeatable; default 20000)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help=f"where stores are kept ({DEFAULT_WORK})")
    parser.add_argument("--corpus", type=Path, default=corpus_path(CORPUS_NAME))
    parser.add_argument("--skip-app", action="store_true", help="do not time the app's start-up")
    parser.add_argument("--rebuild", action="store_true", help="build the stores again even when present")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes over the query set (default 3)")
    parser.add_argument("--out", type=Path, help="also write every figure as JSON here")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"no Reuters-21578 corpus at {args.corpus} (set NEWSDESK_CORPORA to its folder)", file=sys.stderr)
        return 1
    host = machine()
    results: dict[str, Any] = {"machine": host, "sizes": {}}
    for size in args.size or [20_000]:
        figures = measure_size(size, args)
        results["sizes"][str(size)] = figures
        heading = f"== {size:,} articles ==\n{machine_line(host)}\nstores built {figures['built']}"
        print(f"\n{heading}\n{table(size_rows(figures))}\n", flush=True)
        if args.out:  # after each size, so a long second size does not hold back the first one's figures
            args.out.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
