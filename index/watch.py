"""`newsdesk watch DIR`: add a folder, then keep adding what appears or changes in it until stopped.

watchfiles (the Rust `notify` watcher behind uvicorn's reload) batches bursts of events: an editor's save or a
copied folder arrives as one set of changes, debounced, and becomes one add.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from index.ingest.sidecar import FILE_SIDECAR_SUFFIX, FOLDER_SIDECAR, is_sidecar
from index.library import Library
from index.model import AddReport

if TYPE_CHECKING:
    from watchfiles import Change

# watchfiles (and anyio with it) is imported when a folder is watched, not with this module: the CLI imports this
# module for every command, and `newsdesk` with no command starts the app, whose first paint should not wait for it.


def _article_filter(library_folder: Path) -> Callable[[Change, str], bool]:
    """Editors' swap and backup files, hidden files and the library's own folder are not articles."""
    from watchfiles import Change, DefaultFilter

    default = DefaultFilter(ignore_paths=[library_folder.resolve()])

    def is_article(change: Change, path: str) -> bool:
        return change != Change.deleted and not Path(path).name.startswith(".") and default(change, path)

    return is_article


def changed_inputs(paths: set[str]) -> list[Path]:
    """The article files to add again: the changed files, and those whose sidecar metadata changed."""
    inputs: set[Path] = set()
    for text in paths:
        path = Path(text)
        if path.name == FOLDER_SIDECAR:
            inputs.update(child for child in path.parent.iterdir() if child.is_file() and not is_sidecar(child))
        elif path.name.endswith(FILE_SIDECAR_SUFFIX):
            inputs.add(path.with_name(path.name.removesuffix(FILE_SIDECAR_SUFFIX)))
        else:
            inputs.add(path)
    return sorted(path for path in inputs if path.is_file() and not path.name.startswith("."))


def watch_folder(
    library: Library,
    folder: Path,
    on_report: Callable[[AddReport], None],
    stop: threading.Event | None = None,
    debounce_ms: int = 800,
) -> None:
    """Add `folder`, then every file created or modified in it, until `stop` is set (or Ctrl-C)."""
    from watchfiles import watch

    on_report(library.add_paths([folder]))
    changes_seen = watch(
        folder,
        watch_filter=_article_filter(library.path),
        debounce=debounce_ms,
        stop_event=stop,
        raise_interrupt=False,
    )
    for changes in changes_seen:
        inputs = changed_inputs({path for _, path in changes})
        if inputs:
            on_report(library.add_paths(inputs))
