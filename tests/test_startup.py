"""What the app's start loads before its first paint: the modules deferred to the first use that needs them stay
unloaded by importing the app and opening a library (each cost milliseconds of every start)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tui.app import KEYED_CLASSES, NewsdeskApp
from tui.screens.help import binding_ids_in_force, bindings_of

REPO = Path(__file__).resolve().parent.parent

# Imported where they are used: saving the theme, deciding a typo in entity identity, finding date mentions and
# entities (adding articles), searching (queries, searchers, the parser, related articles), watching a folder.
DEFERRED = {
    "tomlkit",
    "rapidfuzz",
    "dateutil.parser",
    "index.date_mentions",
    "index.date_words",
    "index.entities.extract",
    "index.entities.text",
    "index.ner_model",
    "index.store_search",
    "index.query",
    "index.similar",
    "index.date_filter",
    "whoosh.qparser",
    "whoosh.searching",
    "whoosh.collectors",
    "watchfiles",
}


def _loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    output = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    return set(output.stdout.split())


def test_starting_the_app_on_a_library_leaves_the_deferred_modules_unloaded(tmp_path: Path) -> None:
    modules = _loaded_after(
        "import tui.launcher, tui.app\n"
        "from pathlib import Path\n"
        "from index.library import open_library\n"
        f"open_library(Path({str(tmp_path / 'library')!r})).close()"
    )
    assert {"tui.app", "index.library", "index.store", "whoosh.index"} <= modules
    assert modules & DEFERRED == set()


def test_a_search_still_finds_what_it_needs(tmp_path: Path) -> None:
    modules = _loaded_after(
        "from pathlib import Path\n"
        "from index.library import open_library\n"
        f"library = open_library(Path({str(tmp_path / 'library')!r}))\n"
        "assert library.search('oil').total == 0\n"
        "library.close()"
    )
    assert {"index.store_search", "index.query", "whoosh.searching"} <= modules


def test_the_binding_ids_checked_at_start_are_those_of_the_bindings_in_force() -> None:
    classes = [NewsdeskApp, *KEYED_CLASSES]
    expected = {bound.binding.id for bound in bindings_of(classes) if bound.binding.id}
    assert binding_ids_in_force(classes) == expected
    assert "newsdesk.search" in expected
