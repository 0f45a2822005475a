"""The `newsdesk` entry point: the JSON CLI for commands, the Textual app with none.

Textual is imported only when the app runs, so scripted commands start fast.
"""

from __future__ import annotations

import sys

from index.cli import main as cli_main
from index.library import Library


def run_app(library: Library) -> int:
    from tui.app import run_app as run_textual_app

    return run_textual_app(library)


def main() -> None:
    sys.exit(cli_main(sys.argv[1:], app_runner=run_app))


if __name__ == "__main__":
    main()
