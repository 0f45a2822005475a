"""How fast the app answers keys on a big library, measured with Pilot (issue 8: under 50 ms at 100,000 articles).

    python3 bench/scale/keys.py [--size 100000] [--work /tmp/newsdesk-bench-scale]

Uses the library run.py built (size-N/newsdesk), and as the baseline, in the same process, a library of the five
bundled articles: the difference is what the library's size costs. Pilot's own round trip (pressing a key that
nothing is bound to) is measured too and subtracted in the "app" column. For each kind of key, p50/p95 in ms:
- move: j in the article list, until the key is handled and the screen refreshed;
- open: Enter on a row, until the article is shown in the reading view (a worker reads it from the library);
- type: one character typed into the search box, until it is echoed (results wait for the typing to pause);
- results: from the pause in typing (the debounce firing) to the hits listed.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from textual.message import Message  # noqa: E402, TID251

from index.library import open_library  # noqa: E402
from tui.app import NewsdeskApp  # noqa: E402, TID251
from tui.screens.main import MainScreen  # noqa: E402, TID251
from tui.widgets.article_list import ArticleList  # noqa: E402, TID251
from tui.widgets.search_bar import SearchBar  # noqa: E402, TID251

SIZE = (140, 40)
QUERIES = ("oil", "wheat", "opec", "bank", "gold", "yen", "coffee", "sugar", "tin", "copper")


async def _until(condition: Callable[[], bool], give_up_s: float = 30.0) -> None:
    deadline = time.perf_counter() + give_up_s
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit("the app did not answer within 30 s")
        await asyncio.sleep(0.001)


async def _timed(action: Callable[[], Awaitable[None]]) -> float:
    start = time.perf_counter()
    await action()
    return (time.perf_counter() - start) * 1000


async def measure(folder: Path) -> dict[str, list[float]]:
    library = open_library(folder)
    app = NewsdeskApp(library)
    figures: dict[str, list[float]] = {"pilot": [], "move": [], "open": [], "type": [], "results": []}
    paused_at: list[float] = []  # when the search box said the typing paused (its debounce fired)

    def hear(message: Message) -> None:
        if isinstance(message, SearchBar.Typed):
            paused_at.append(time.perf_counter())

    async with app.run_test(size=SIZE, message_hook=hear) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        article_list = screen.query_one(ArticleList)
        await _until(lambda: article_list.option_count > 0)
        await app.workers.wait_for_complete()
        await pilot.pause()
        print(f"{article_list.option_count:,} articles listed", file=sys.stderr)

        async def press(key: str) -> None:
            await pilot.press(key)
            await pilot.pause()

        for _ in range(60):
            figures["pilot"].append(await _timed(lambda: press("f19")))  # bound to nothing: Pilot's own cost
            figures["move"].append(await _timed(lambda: press("j")))
        for _ in range(20):
            await pilot.press("j")
            wanted = article_list.get_option_at_index(article_list.highlighted or 0).id

            async def open_it(expected: str = wanted) -> None:
                await pilot.press("enter")
                await _until(lambda: screen.current_article is not None and screen.current_article.id == expected)
                await pilot.pause()

            figures["open"].append(await _timed(open_it))
            screen.set_focus(article_list)
        status = screen.query_one(SearchBar)
        for query in QUERIES:
            paused_at.clear()
            await pilot.press("slash")
            for character in query:

                async def type_it(character: str = character) -> None:
                    await pilot.press(character)
                    await pilot.pause()

                figures["type"].append(await _timed(type_it))
            await _until(lambda query=query: f"for '{query}'" in status.status.plain)
            await pilot.pause()
            figures["results"].append((time.perf_counter() - paused_at[-1]) * 1000)
            await pilot.press("escape", "escape")
            await pilot.pause()
    library.close()
    return figures


def _percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _report(title: str, figures: dict[str, list[float]], baseline: dict[str, list[float]]) -> None:
    pilot = statistics.median(figures["pilot"])
    print(title)
    print(f"  {'key':8} {'p50':>7} {'p95':>7}   {'app p50':>8} {'app p95':>8}   {'baseline p50':>12}  ratio")
    for kind in ("move", "open", "type", "results"):
        p50, p95 = _percentiles(figures[kind])
        base, _ = _percentiles(baseline[kind])
        own = 0.0 if kind == "results" else pilot  # results are timed inside the app, not by a key's round trip
        ratio = p50 / base if base else float("nan")
        print(f"  {kind:8} {p50:7.1f} {p95:7.1f}   {p50 - own:8.1f} {p95 - own:8.1f}   {base:12.1f}  {ratio:5.2f}x")
    print(f"  (Pilot's own round trip, subtracted in the app columns: {pilot:.1f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/newsdesk-bench-scale"))
    args = parser.parse_args()
    folder = args.work / f"size-{args.size}" / "newsdesk"
    if not folder.is_dir():
        raise SystemExit(f"no library at {folder}: build it with bench/scale/run.py --size {args.size}")
    with tempfile.TemporaryDirectory() as scratch:
        seeds = Path(scratch) / "seeds"
        with open_library(seeds) as library:
            library.add_seeds()
        baseline = asyncio.run(measure(seeds))
    figures = asyncio.run(measure(folder))
    _report(f"key response at {args.size:,} articles, in ms (target: app p95 < 50)", figures, baseline)


if __name__ == "__main__":
    main()
