"""An add interrupted after storing its articles but before finding their entities (index.adding) is finished by
the app at start: in a worker, with the progress bar, then the sidebar lists the entities."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import ProgressBar

from index.enrich import EntityEnricher
from index.library import bundled_seeds, open_library
from tui.app import NewsdeskApp
from tui.widgets.entity_sidebar import EntitySidebar

from .support import SIZE, notifications, settle


class _Interrupted(Exception):
    pass


async def test_the_app_finds_the_entities_an_interrupted_add_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_: object) -> None:
        raise _Interrupted

    with monkeypatch.context() as patch:
        patch.setattr(EntityEnricher, "identify", interrupted)
        with open_library(tmp_path / "library") as library, pytest.raises(_Interrupted):
            library.add_paths([bundled_seeds()])
    with open_library(tmp_path / "library") as library:
        articles = library.count()
        assert articles and library.pending_enrichment() == articles and not library.entities()
        app = NewsdeskApp(library)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await settle(pilot)
            assert library.pending_enrichment() == 0
            names = {entry.entity.name for entry in app.screen.query_one(EntitySidebar).library_entries or ()}
            assert "Sergei Lavrov" in names
            assert any(f"entities of {articles} articles" in n.message for n in notifications(app))
            assert not app.screen.query_one("#ingest-progress", ProgressBar).display
