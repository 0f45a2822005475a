"""Publication dates: parsing metadata values and reading a print line, with python-dateutil.

The rule is trust, not coverage: a date comes from explicit metadata or from an explicit statement in the text (the
print line "appeared in the print edition of X on April 11, 2018"), otherwise it stays unknown. A file's
modification time is never a publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as date_parser

# "A version of this article appeared in the print edition of The Straits Times on April 11, 2018, with the headline"
# "A version of this article appears in print on Oct. 3, 2021, Section A, Page 1" (no publisher named)
_MONTH_DAY_YEAR = r"[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}"
_DAY_MONTH_YEAR = r"\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}"
_PRINT_LINE = re.compile(
    r"appear(?:ed|s)\s+in\s+(?:the\s+)?print(?:\s+edition)?(?:\s+of\s+(?P<publisher>[^,.;]{2,80}?))?\s+on\s+"
    rf"(?:[A-Za-z]+,?\s+)?(?P<date>{_MONTH_DAY_YEAR}|{_DAY_MONTH_YEAR}|\d{{4}}-\d{{2}}-\d{{2}})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PrintLine:
    publisher: str | None
    published: dt.date


def parse_date_value(value: str) -> dt.date:
    """A metadata date: "2018-04-11" stays a date; a value with a time of day becomes a datetime, zone kept.

    Raises ValueError when the value is not a date.
    """
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    parsed = date_parser.parse(text)
    has_time = parsed.time() != dt.time(0, 0) or parsed.tzinfo is not None or re.search(r"\d:\d", text)
    return parsed if has_time else parsed.date()


def read_print_line(line: str) -> PrintLine | None:
    """The date (and publisher, when named) from a newspaper's print line, or None when it states no date."""
    match = _PRINT_LINE.search(line)
    if match is None:
        return None
    try:
        published = date_parser.parse(match.group("date"), fuzzy=False).date()
    except (ValueError, OverflowError):
        return None
    publisher = match.group("publisher")
    return PrintLine(publisher=publisher.strip() if publisher else None, published=published)
