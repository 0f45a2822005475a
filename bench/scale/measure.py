"""Timing and memory helpers: percentiles, child processes with their peak memory, folder sizes, the machine.

Peak memory is each process's VmHWM (the kernel's high-water mark of its resident set, /proc/PID/status), not
getrusage's ru_maxrss: on Linux a child's ru_maxrss (RUSAGE_CHILDREN, wait4) starts from its parent's resident set
at the fork (measured here: a 13 MB child of a 500 MB parent reports 514 MB), so it would report run.py's own size.
A child prints its own VmHWM as it exits; a sampler reads the processes it starts (newsdesk extracts entities in
worker processes) a few times a second, for the largest one and for the sum over the tree at any moment.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
_SAMPLE_EVERY_S = 0.2


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: a value that was actually measured, not an interpolation."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass(frozen=True)
class Spread:
    p50: float
    p95: float
    mean: float
    count: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        return cls(percentile(values, 0.5), percentile(values, 0.95), statistics.fmean(values), len(values))


def timed_ms(call: Callable[..., object], *args: object, **kwargs: object) -> tuple[float, object]:
    """(milliseconds, result) of one call."""
    started = time.perf_counter()
    result = call(*args, **kwargs)
    return (time.perf_counter() - started) * 1000, result


@dataclass(frozen=True)
class ChildRun:
    started_at: float  # time.time() just before the spawn, for a child that reports wall-clock moments
    wall_s: float  # from just before the spawn to the child's exit
    status: int
    stdout: str
    stderr: str
    max_rss_kb: int  # peak RSS of the largest single process of the child's tree
    tree_peak_kb: int  # the most the whole tree held at once (sampled; at least max_rss_kb)
    rusage_maxrss_kb: int  # wait4's figure, kept to show how far off it is (see above)


def child_env() -> dict[str, str]:
    """The repo importable as a source checkout, whatever is installed, and no colour codes in captured output."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    env["NO_COLOR"] = "1"
    return env


def run_child(args: Sequence[str], work: Path, echo_stderr: bool = False) -> ChildRun:
    """Run `python3 ARGS` to completion; its output goes through files so a chatty child never blocks on a pipe."""
    work.mkdir(parents=True, exist_ok=True)
    out_path, err_path = work / "child.stdout", work / "child.stderr"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started_at, started = time.time(), time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, *args], stdout=out, stderr=None if echo_stderr else err, env=child_env(), cwd=REPO
        )
        sampler = _TreeSampler(process.pid)
        sampler.start()
        # wait4, not Popen.wait: it hands back this child's own rusage, so earlier children do not blur it.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
    stdout = out_path.read_text(errors="replace")
    largest = max(sampler.largest_kb, _reported_peak_kb(stdout))
    return ChildRun(
        started_at,
        wall,
        process.returncode,
        stdout,
        err_path.read_text(errors="replace"),
        largest,
        max(sampler.tree_kb, largest),
        usage.ru_maxrss,
    )


def own_peak_kb() -> int:
    """This process's peak RSS (VmHWM), for a child to print as "vmhwm_kb" in its last JSON line."""
    return _status(Path("/proc/self/status")).get("VmHWM", 0)


def _reported_peak_kb(stdout: str) -> int:
    lines = stdout.strip().splitlines()
    try:
        report = json.loads(lines[-1]) if lines else {}
    except ValueError:
        return 0
    return int(report.get("vmhwm_kb", 0)) if isinstance(report, dict) else 0


class _TreeSampler(threading.Thread):
    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.tree_kb = 0
        self.largest_kb = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(_SAMPLE_EVERY_S):
            processes = tree_status(self.root)
            self.tree_kb = max(self.tree_kb, sum(status.get("VmRSS", 0) for status in processes))
            self.largest_kb = max([self.largest_kb, *(status.get("VmHWM", 0) for status in processes)])

    def stop(self) -> None:
        self._done.set()
        self.join()


def tree_status(root: int) -> list[dict[str, int]]:
    """The memory lines (kB) of a process and all its descendants now (none once it has gone)."""
    statuses: dict[int, dict[str, int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            status = _status(Path(entry.path, "status"))
            if status:
                statuses[int(entry.name)] = status
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, status in statuses.items() if status.get("PPid") == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return [statuses[pid] for pid in tree if pid in statuses]


def _status(path: Path) -> dict[str, int]:
    """PPid, VmRSS and VmHWM (kB) from a /proc status file; empty when the process has gone meanwhile."""
    try:
        text = path.read_text()
    except OSError:
        return {}
    values = {}
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name in ("PPid", "VmRSS", "VmHWM"):
            values[name] = int(value.split()[0])
    return values


def folder_bytes(path: Path) -> int:
    """Apparent size of a file, or of every file under a folder."""
    if path.is_file():
        return path.stat().st_size
    return sum(child.stat().st_size for child in path.rglob("*") if child.is_file())


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_kb = int(line.split()[1])
    except OSError:
        pass
    return {
        "cpus": str(os.cpu_count()),
        "cpu_model": model,
        "ram": f"{ram_kb / 1024 / 1024:.1f} GiB",
        "python": platform.python_version(),
        "sqlite": _sqlite_version(),
        # The CPU may be shared: a load above the core count at the start means the timings are pessimistic.
        "load": " ".join(f"{value:.2f}" for value in os.getloadavg()),
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "revision": _revision(),
    }


def _revision() -> str:
    """The commit measured, and whether index/ or tui/ had uncommitted changes (figures then describe those)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "index", "tui"], cwd=REPO, capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    return head.stdout.strip() + (" with uncommitted changes to index/ or tui/" if dirty.stdout.strip() else "")


def _sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version
