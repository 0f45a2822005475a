"""Killing an ingest at random moments loses nothing it reported, and the next run finishes the job.

A real subprocess adds a few thousand articles and is SIGKILLed (with its extraction workers: the whole process
group) at random points; after each kill the library must open, the catalog and the Whoosh index must hold the
same articles, and every article the killed run printed as added must be there.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from index.library import open_library
from index.store import Store
from tests.index_tests.feeds import article_text

ARTICLES = 2400
KILLS = 3


def _run_add(library: Path, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", "from index.cli import main; raise SystemExit(main())"]
        + ["--library", str(library), "add", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group, so the kill takes its worker processes too
        cwd=Path(__file__).resolve().parents[2],
    )


def _reported_added(output: str) -> set[str]:
    return {line.split()[-1] for line in output.splitlines() if line.startswith(("added", "updated"))}


def _check_consistent(library_path: Path, must_have: set[str], context: str) -> int:
    with open_library(library_path) as library:  # opening finishes what the killed run left unindexed
        stored = {summary.id for summary in library.articles()}
        assert must_have <= stored, f"{context}: reported added but missing: {sorted(must_have - stored)[:5]}"
        assert library.search("report").total == len(stored), context
    store = Store(library_path / "whoosh")
    try:
        indexed = store.indexed_ids()
    finally:
        store.close()
    assert indexed == stored, f"{context}: index and catalog disagree ({len(indexed)} vs {len(stored)})"
    return len(stored)


def test_sigkill_at_random_points_loses_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    for n in range(ARTICLES):
        (folder / f"{n:05}.txt").write_text(f"Headline number {n}\n\n{article_text(n, sentences=2)}\n")
    library_path = tmp_path / "library"
    seed = random.randrange(1 << 30)
    chooser = random.Random(seed)
    reported: set[str] = set()
    for kill in range(KILLS):
        process = _run_add(library_path, folder)
        time.sleep(chooser.uniform(1.0, 8.0))
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        reported |= _reported_added(output)
        _check_consistent(library_path, reported, f"after kill {kill + 1} (random seed {seed})")
    process = _run_add(library_path, folder)
    output, _ = process.communicate(timeout=200)
    assert process.returncode == 0, output[-500:]
    reported |= _reported_added(output)
    assert _check_consistent(library_path, reported, f"after the last run (random seed {seed})") == ARTICLES
    with open_library(library_path) as library:  # entities a killed run had not found yet were found by the last
        assert library.pending_enrichment() == 0
        assert library.entities(limit=5)
