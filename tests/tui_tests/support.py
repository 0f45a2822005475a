"""What the app's tests share besides fixtures: the terminal size, a known seed, and how to wait for workers."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.notifications import Notification
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import OptionList

from tui.widgets.article_list import ArticleList

SIZE = (140, 40)
STRAITS_TIMES_TITLE = "N. Korea minister urges stronger ties with Russia"


async def settle(pilot: Pilot[None]) -> None:
    """Let pending messages start their workers, the workers finish, and their answers reach the screen."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()  # a reactive set by an answer may recompose a pane


async def search(pilot: Pilot[None], query: str) -> None:
    """Type `query` into the search box and run it, as a user does."""
    await pilot.press("slash", *query, "enter")
    await settle(pilot)


def listed_ids(app: App[None]) -> list[str]:
    """The ids of the article list's rows, in order."""
    article_list = app.screen.query_one(ArticleList)
    return [article_list.get_option_at_index(index).id for index in range(article_list.option_count)]


def notifications(app: App[None]) -> list[Notification]:
    # Textual has no public list of the notifications shown; its own tests read this attribute too.
    return list(app._notifications)


def focused(app: App[None]) -> Widget | None:
    # A function, not the attribute: mypy would otherwise narrow app.focused from one assert to the next.
    return app.focused


def option_labels(options: OptionList | ArticleList) -> list[str]:
    """Every row's text (the article list's as drawn at its width, each row read: a test's lists are short)."""
    return [str(options.get_option_at_index(index).prompt) for index in range(options.option_count)]


def highlight_option(options: OptionList | ArticleList, matches: Callable[[str], bool]) -> None:
    """Put the cursor on the first option whose label matches (the way a user would arrow to it)."""
    options.highlighted = next(index for index, label in enumerate(option_labels(options)) if matches(label))
