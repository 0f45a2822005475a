"""Build one store from the benchmark's JSON Lines file, in a process of its own, and print its figures as JSON.

    python3 bench/scale/build.py newsdesk|fts5 RECORDS.jsonl DEST

run.py starts this as a child so that each build's peak memory is its own (a process's peak RSS never goes down,
so two builds in one process would blur together). The time printed is the build alone, imports excluded.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import fts5_baseline  # noqa: E402
from measure import own_peak_kb  # noqa: E402
from records import read_jsonl  # noqa: E402


def build_newsdesk(records: Path, dest: Path) -> dict[str, object]:
    """The library's real ingest: the JSON Lines reader, cleaning, dates, entities (in worker processes), Whoosh."""
    # Imported here: the FTS5 build must not carry newsdesk's modules in memory.
    from index.adding import ENTITIES_STAGE
    from index.library import open_library

    shutil.rmtree(dest, ignore_errors=True)
    started = time.perf_counter()
    searchable: list[float] = []  # when the entity pass started: every article stored and searchable

    def progress(done: int, total: int, current: str) -> None:
        if current.startswith(ENTITIES_STAGE) and not searchable:
            searchable.append(time.perf_counter() - started)
        print(f"\r  newsdesk: {done}/{total} {current[:20]:20}", end="", file=sys.stderr, flush=True)

    library = open_library(dest)
    report = library.add_paths([records], progress)
    count = library.count()
    library.close()
    seconds = time.perf_counter() - started
    print(file=sys.stderr)
    statuses = {status: report.count(status) for status in ("added", "updated", "unchanged", "failed")}
    failures = [f"{o.input}: {o.error}" for o in report.outcomes if o.status == "failed"][:5]
    return {
        "seconds": seconds,
        "searchable_seconds": searchable[0] if searchable else seconds,
        "count": count,
        **statuses,
        "first_failures": failures,
    }


def build_fts5(records: Path, dest: Path) -> dict[str, object]:
    """Reading the same file with the same JSON parser, so both builds pay for the same input."""
    started = time.perf_counter()
    count = fts5_baseline.build(read_jsonl(records), dest)
    return {"seconds": time.perf_counter() - started, "count": count}


def main() -> int:
    kind, records, dest = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    figures = build_newsdesk(records, dest) if kind == "newsdesk" else build_fts5(records, dest)
    print(json.dumps({**figures, "vmhwm_kb": own_peak_kb()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
