"""`watch`: a folder is added, then new and changed files are added as they appear, until stopped."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from index.library import Library
from index.model import AddReport
from index.watch import changed_inputs, watch_folder
from tests.index_tests.feeds import article_text


def _wait_for(condition: object, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_watch_adds_new_and_changed_files(tmp_path: Path, empty_library: Library) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "first.txt").write_text("First headline\n\n" + article_text(1))
    reports: list[AddReport] = []
    stop = threading.Event()
    watcher = threading.Thread(target=watch_folder, args=(empty_library, folder, reports.append, stop, 200))
    watcher.start()
    try:
        assert _wait_for(lambda: len(reports) == 1)
        assert reports[0].count("added") == 1
        (folder / "second.txt").write_text("Second headline\n\n" + article_text(2))
        (folder / ".hidden.txt").write_text("Hidden\n\n" + article_text(3))
        assert _wait_for(lambda: sum(r.count("added") for r in reports) == 2)
        (folder / "first.txt").write_text("First headline, corrected\n\n" + article_text(1))
        assert _wait_for(lambda: any(r.count("updated") for r in reports))
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert not watcher.is_alive()
    assert sorted(s.title for s in empty_library.articles()) == ["First headline, corrected", "Second headline"]


def test_a_changed_sidecar_re_adds_the_files_it_describes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.txt").write_text("y")
    (tmp_path / "a.txt.meta.json").write_text("{}")
    assert changed_inputs({str(tmp_path / "a.txt.meta.json")}) == [tmp_path / "a.txt"]
    (tmp_path / "metadata.json").write_text("{}")
    assert changed_inputs({str(tmp_path / "metadata.json")}) == [tmp_path / "a.txt", tmp_path / "b.txt"]
