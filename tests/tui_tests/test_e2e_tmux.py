"""End to end in a real terminal: tmux runs `python -m tui.launcher` on a new default library; we read the screen.

tmux is required (CI installs it). A private tmux server (-L) keeps the test away from the developer's sessions.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .support import SIZE, STRAITS_TIMES_TITLE

REPO_ROOT = Path(__file__).resolve().parents[2]
# A line's worth of each bundled title: the list pane cuts a longer one to its width.
OTHER_SEED_TITLES = (
    "Meeting with Lavrov in Moscow",
    "Kim Jong-un wants to build",
    "Russian foreign minister Sergei Lavrov",
    "North Korea FM in Russia",
)
TIMEOUT = 60.0  # generous: the suite runs on every core, and a first start loads the entity model


class Terminal:
    def __init__(self, server: str, session: str, exit_status_file: Path) -> None:
        self.server = server
        self.session = session
        self.exit_status_file = exit_status_file  # written by the shell when the app has exited

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-L", self.server, *args], capture_output=True, text=True, check=check)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session).stdout

    def is_running(self) -> bool:
        return self.tmux("has-session", "-t", self.session, check=False).returncode == 0

    def wait_until(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not condition():
            if time.monotonic() > deadline:
                screen = self.screen() if self.is_running() else "(the session has ended)"
                pytest.fail(f"waited {TIMEOUT:.0f} s for {what}; the screen:\n{screen}")
            time.sleep(0.2)


def article_list_text(screen: str) -> str:
    """The left pane's text, its lines joined with spaces so a wrapped title reads whole."""
    rows = [line.split("│")[1].strip() for line in screen.splitlines() if line.count("│") >= 2]
    return " ".join(row for row in rows if row)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    """The app in tmux on an empty XDG data dir, so it fills the default library with the bundled articles."""
    yield from _terminal(tmp_path, library=None)


def _terminal(tmp_path: Path, library: Path | None) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is required for the end-to-end test (apt-get install tmux); it is not skipped on purpose")
    name = f"newsdesk-e2e-{uuid.uuid4().hex[:8]}"
    exit_status = tmp_path / "exit-status"
    # COLUMNS and LINES can reach the pane (80x24 under pytest) and would override the window size the app measures.
    app = shlex.join(
        ["env", "-u", "COLUMNS", "-u", "LINES", f"XDG_DATA_HOME={tmp_path / 'data'}",
         f"XDG_CONFIG_HOME={tmp_path / 'config'}", f"NEWSDESK_LIBRARY={library or ''}", sys.executable, "-m",
         "tui.launcher"]
    )  # fmt: skip
    command = f"{app}; echo $? > {shlex.quote(str(exit_status))}"
    width, height = SIZE
    terminal = Terminal(server=name, session=name, exit_status_file=exit_status)
    terminal.tmux(
        "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height),
        "-c", str(REPO_ROOT), command,
    )  # fmt: skip
    try:
        yield terminal
    finally:
        terminal.tmux("kill-server", check=False)


def test_first_start_search_and_quit_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.wait_until(
        lambda: all(title in terminal.screen() for title in (STRAITS_TIMES_TITLE[:30], *OTHER_SEED_TITLES)),
        "the five bundled articles to be listed",
    )

    terminal.tmux("send-keys", "-t", terminal.session, "-l", "/Vorontsov")
    terminal.tmux("send-keys", "-t", terminal.session, "Enter")
    terminal.wait_until(lambda: "1 hit for 'Vorontsov'" in terminal.screen(), "the search to answer")
    listed = article_list_text(terminal.screen())
    assert STRAITS_TIMES_TITLE[:30] in listed  # the list cuts a title to its width
    assert not [title for title in OTHER_SEED_TITLES if title in listed]

    terminal.tmux("send-keys", "-t", terminal.session, "q")
    terminal.wait_until(lambda: not terminal.is_running(), "the app to exit")
    assert terminal.exit_status_file.read_text().strip() == "0"


HOSTILE_TITLE = "[bold red]Hostile[/] headline"
HOSTILE = (
    f"{HOSTILE_TITLE}\x1b]0;pwned\x07\n\n"
    "The first paragraph \x1b[2J\x1b[31mclears\x1b[0m nothing and \x9b31mcolours nothing.\n\n"
    "A [link=https://evil.example]link[/link] and an OSC 52 \x1b]52;c;ZXZpbA==\x07clipboard write stay inert.\n"
)


def test_an_article_full_of_markup_and_escapes_is_shown_inert(tmp_path: Path) -> None:
    library = tmp_path / "library"
    article = tmp_path / "hostile.txt"
    article.write_bytes(HOSTILE.encode("utf-8"))
    add = [sys.executable, "-c", "from index.cli import main; raise SystemExit(main())", "--library", str(library)]
    subprocess.run([*add, "add", str(article)], check=True, capture_output=True, cwd=REPO_ROOT)
    terminals = _terminal(tmp_path, library)
    terminal = next(terminals)
    try:
        terminal.wait_until(lambda: "[bold red]Hostile[/]" in terminal.screen(), "the hostile title to be listed")
        terminal.tmux("send-keys", "-t", terminal.session, "Enter")
        terminal.wait_until(lambda: "stay inert" in terminal.screen(), "the article to open")
        screen = terminal.screen()
        assert "[link=https://evil.example]link[/link]" in screen  # markup shown as typed, never interpreted
        assert "clears nothing" in screen and "colours nothing" in screen
        title = terminal.tmux("display-message", "-p", "-t", terminal.session, "#{pane_title}").stdout
        assert "pwned" not in title
        buffers = terminal.tmux("list-buffers", check=False).stdout  # tmux keeps OSC 52 writes as paste buffers
        assert "evil" not in buffers
    finally:
        terminals.close()
