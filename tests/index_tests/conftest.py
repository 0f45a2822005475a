"""A real library with the bundled seeds, built once per session in a temp dir (tests that write make their own)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from index.library import Library, bundled_seeds, open_library

SEED_TITLES = {
    "000": "N. Korea minister urges stronger ties with Russia",
    "001": "North Korea FM in Russia as activated diplomacy continues",
    "002": "Meeting with Lavrov in Moscow is attended by the foreign minister of North Korea amidst rumors of a "
    "weapons deal",
    "003": "Russian foreign minister Sergei Lavrov to visit North Korea on Thursday to discuss nuclear stand-off and "
    "bilateral ties",
    "004": "Kim Jong-un wants to build a “forward-looking” relationship with Russia",
}


def seed_file(prefix: str) -> Path:
    return next(bundled_seeds().glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def seeded_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    library = open_library(tmp_path_factory.mktemp("seeded") / "library")
    library.add_seeds()
    yield library
    library.close()


@pytest.fixture
def empty_library(tmp_path: Path) -> Iterator[Library]:
    library = open_library(tmp_path / "library")
    yield library
    library.close()
