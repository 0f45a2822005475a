"""Fixtures for the app's tests: a real library in a temp dir, the developer's own data kept out, no blinking."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from index.library import Library, open_library
from tui.app import NewsdeskApp


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default library and any config land in the test's temp dir, never in the developer's home."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("NEWSDESK_LIBRARY", raising=False)
    return tmp_path / "xdg-data"


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes snapshots depend on timing."""
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture(scope="session")
def seeded_library_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five bundled articles, indexed once per session; tests get a copy since they change read marks."""
    path = tmp_path_factory.mktemp("seeded") / "library"
    with open_library(path) as library:
        report = library.add_seeds()
    assert not report.failed, report
    return path


@pytest.fixture
def library(seeded_library_folder: Path, tmp_path: Path) -> Iterator[Library]:
    path = tmp_path / "library"
    shutil.copytree(seeded_library_folder, path)
    with open_library(path) as opened:
        yield opened


@pytest.fixture
def app(library: Library) -> NewsdeskApp:
    return NewsdeskApp(library)
