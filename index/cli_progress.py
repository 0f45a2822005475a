"""The CLI's progress bars: rate and time left on a terminal (tqdm), nothing when output goes to a file or pipe."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Never, TextIO

from index.adding import ENTITIES_STAGE
from index.sanitize import sanitize_text

if TYPE_CHECKING:
    from tqdm import tqdm


def progress_printer(stream: TextIO) -> Callable[[int, int, str], None] | None:
    """A progress bar with rate and time left on a terminal (tqdm); nothing when output goes to a file or pipe."""
    if not stream.isatty():
        return None
    from tqdm import tqdm  # here: the app imports the CLI, and never draws these bars

    bars: dict[bool, tqdm[Never]] = {}

    def show(done: int, total: int, current: str) -> None:
        # Entities are found in a second pass (index.adding): a bar of its own, with its own rate and time left.
        finding_entities = current.startswith(ENTITIES_STAGE)
        if finding_entities not in bars:
            description = "entities" if finding_entities else "adding"
            bars[finding_entities] = tqdm(
                file=stream, unit="article", desc=description, dynamic_ncols=True, leave=False
            )
        bar = bars[finding_entities]
        bar.total = total
        bar.n = done
        item = current.removeprefix(ENTITIES_STAGE)
        bar.set_postfix_str(sanitize_text(item)[-40:], refresh=False)  # a file name or title is untrusted text
        bar.refresh()
        if done >= total:
            bar.close()

    return show
