"""The fixed mixed query set, each written for newsdesk and as its nearest FTS5 equivalent.

Fixed so that runs compare: the same 40 queries in the same order, chosen from what Reuters-21578 (1987) is about
(oil, grain, currencies, trade, takeovers). FTS5 has no entities, so an entity filter becomes the entity's name as
a phrase in the text, which is what a reader without entity extraction would type; a date filter becomes
`date BETWEEN` on the indexed date column. Dates are in 1987, so at sizes past the corpus the copies (shifted to
later years) fall outside the ranges in both systems alike.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BenchQuery:
    kind: str  # term, and, phrase, or, not, field, date, entity
    newsdesk: str  # as typed in newsdesk's search box
    match: str | None  # the FTS5 MATCH expression (None: a date range alone)
    since: str | None = None  # inclusive ISO days of the date filter
    until: str | None = None

    @property
    def dated(self) -> bool:
        return self.since is not None or self.until is not None


def _q(
    kind: str, newsdesk: str, match: str | None = None, since: str | None = None, until: str | None = None
) -> BenchQuery:
    """A query; its FTS5 form is the same text unless given (a date range alone has none)."""
    return BenchQuery(kind, newsdesk, newsdesk if match is None and kind != "date" else match, since, until)


MARCH = ("1987-03-01", "1987-03-31")
APRIL = ("1987-04-01", "1987-04-30")
JUNE = ("1987-06-01", "1987-06-30")

QUERIES: tuple[BenchQuery, ...] = (
    # single terms, from common to rare
    _q("term", "oil"),
    _q("term", "dividend"),
    _q("term", "wheat"),
    _q("term", "coffee"),
    _q("term", "Bundesbank"),
    _q("term", "Volcker"),
    _q("term", "takeover"),
    _q("term", "copper"),
    # two terms, ANDed
    _q("and", "crude prices"),
    _q("and", "trade deficit"),
    _q("and", "Brazil debt"),
    _q("and", "grain exports"),
    _q("and", "bank loans"),
    # phrases
    _q("phrase", '"interest rates"'),
    _q("phrase", '"Federal Reserve"'),
    _q("phrase", '"first quarter"'),
    _q("phrase", '"trade deficit"'),
    # OR, NOT
    _q("or", "coffee OR cocoa"),
    _q("or", "gold OR silver"),
    _q("or", "merger OR acquisition"),
    _q("not", "oil NOT opec"),
    _q("not", "bank NOT dividend"),
    _q("not", "wheat NOT corn"),
    # fields
    _q("field", "title:oil"),
    _q("field", "title:dividend"),
    _q("field", "title:japan title:trade"),
    # dates: alone, with terms, open-ended (FTS5: the same words, date BETWEEN)
    _q("date", "date:[1987-03-01 to 1987-03-31]", None, *MARCH),
    _q("date", "date:1987-04", None, *APRIL),
    _q("date", "oil date:[1987-03-01 to 1987-03-31]", "oil", *MARCH),
    _q("date", "wheat date:1987-04", "wheat", *APRIL),
    _q("date", "dollar date:[1987-06-01 to 1987-06-30]", "dollar", *JUNE),
    _q("date", "opec date:>=1987-09", "opec", "1987-09-01"),
    _q("date", "stocks date:1987-10-19", "stocks", "1987-10-19", "1987-10-19"),
    # entities (FTS5: the name as a phrase)
    _q("entity", 'entity:"Saudi Arabia"', '"saudi arabia"'),
    _q("entity", "org:OPEC", "opec"),
    _q("entity", 'org:"Federal Reserve"', '"federal reserve"'),
    _q("entity", "place:Brazil debt", "brazil debt"),
    _q("entity", "org:GATT trade", "gatt trade"),
    _q("entity", "entity:Texaco", "texaco"),
    _q("entity", 'entity:"Saudi Arabia" date:1987-03', '"saudi arabia"', *MARCH),
)
