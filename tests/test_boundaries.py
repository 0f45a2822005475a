"""Architecture rules that must hold: the domain never imports the UI; the CLI starts without Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    output = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    return set(output.stdout.split())


def _ui_modules(modules: set[str]) -> set[str]:
    return {name for name in modules if name.split(".")[0] in {"textual", "rich", "tui"}}


def test_index_never_imports_the_ui() -> None:
    modules = _modules_after(
        "\n".join(f"import index.{path.stem}" for path in (REPO / "index").glob("*.py") if path.stem != "__init__")
    )
    assert "index.library" in modules
    assert _ui_modules(modules) == set()


def test_the_cli_entry_point_does_not_import_textual() -> None:
    modules = _modules_after("import tui.launcher")
    assert "index.cli" in modules
    assert not {name for name in modules if name.split(".")[0] in {"textual", "rich"}}
