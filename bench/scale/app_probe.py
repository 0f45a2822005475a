"""Start the Textual app headless on a library and report when its article list first has rows.

    python3 bench/scale/app_probe.py LIBRARY

Prints one JSON line: the wall-clock time (time.time(), comparable with the parent's) at which the list was first
populated and drawn, when the app's start-up workers had all finished ("settled"), the number of rows, and this
process's own peak RSS (VmHWM: measure.py says why not getrusage). run.py subtracts the moment it spawned this
process, so imports and opening the library count.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import own_peak_kb  # noqa: E402
from textual.css.query import NoMatches  # noqa: E402, TID251

from index.library import open_library  # noqa: E402
from tui.app import NewsdeskApp  # noqa: E402, TID251
from tui.widgets.article_list import ArticleList  # noqa: E402, TID251

SIZE = (140, 40)  # the terminal the app's own tests use
POLL_S = 0.01
GIVE_UP_S = 600.0


def list_rows(app: NewsdeskApp) -> int:
    try:
        return app.screen.query_one(ArticleList).option_count
    except NoMatches:  # the main screen is not composed yet
        return 0


async def probe(folder: Path) -> dict[str, float | int]:
    library = open_library(folder)
    app = NewsdeskApp(library)
    async with app.run_test(size=SIZE) as pilot:
        deadline = time.monotonic() + GIVE_UP_S
        while not list_rows(app):
            if time.monotonic() > deadline:
                raise SystemExit("the article list never got rows")
            await asyncio.sleep(POLL_S)
        # Wait for the refresh that draws the rows the list was just handed. Not `pilot.pause()`: it waits until the
        # whole app is idle (up to 1 s), and the start-up workers keep it busy for seconds after the paint.
        drawn = asyncio.Event()
        app.screen.call_after_refresh(drawn.set)
        await drawn.wait()
        painted = time.time()
        rows = list_rows(app)
        # The timeline, entities and stories load in workers after the list: memory counts them too.
        await app.workers.wait_for_complete()
        await pilot.pause()
        settled = time.time()
    library.close()
    return {"painted_at": painted, "settled_at": settled, "rows": rows, "vmhwm_kb": own_peak_kb()}


def main() -> int:
    print(json.dumps(asyncio.run(probe(Path(sys.argv[1])))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
