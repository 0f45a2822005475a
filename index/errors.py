"""Every failure the library reports: one class per kind, each with a message a user can act on."""


class NewsdeskError(Exception):
    """Base of every error `index/` raises on purpose; the CLI and the app show `str(error)` as one line."""


class BadInputError(NewsdeskError):
    """An input file cannot become an article (binary, empty, unreadable, undecodable)."""


class LibraryBusyError(NewsdeskError):
    """Another process holds the library's writer lock for longer than we are willing to wait."""


class QueryError(NewsdeskError):
    """A search query that cannot be parsed."""


class NotFoundError(NewsdeskError):
    """No article with that id."""
