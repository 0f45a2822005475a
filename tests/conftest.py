"""Fixtures for every test: the developer's own data and config never leak in; a loopback HTTP server on demand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.local_http import LocalServer


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("NEWSDESK_LIBRARY", raising=False)
    return home


@pytest.fixture
def http_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    """A fresh loopback HTTP server with an empty route table (tests/local_http.py), shut down after the test."""
    for name in ("NO_PROXY", "no_proxy"):  # clients that honour a proxy from the environment must not send it there
        monkeypatch.setenv(name, "127.0.0.1")
    with LocalServer() as server:
        yield server
