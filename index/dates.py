"""Publication dates stated explicitly: metadata values, print lines and wire datelines, with python-dateutil.

The rule is trust, not coverage: a date comes from explicit metadata or from an explicit statement in the text (the
print line "appeared in the print edition of X on April 11, 2018"), otherwise it stays unknown. A file's
modification time is never a publication date. A page's date from its metadata, bylines and URL is in
index.page_dates; dates mentioned inside an article live in index.date_mentions.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from dateutil import parser as date_parser

from index.date_languages import LANGUAGES, TZINFOS
from index.date_mentions import nearest_month_day

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
    parsed = date_parser.parse(text, tzinfos=TZINFOS)
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


def resolve_dateline(dateline: str, reference: dt.date) -> dt.date | None:
    """The date a wire dateline gives ("SALVADOR, Feb 26 -"): that month and day in the year that puts it nearest
    to `reference` (the date the story is known to be from, give or take days). None when it names no day.

    Wire datelines are typed by hand: a month misspelt ("Marhc", "Apri") is read as the month it nearly is, and a
    letter typed for a digit ("2O", "l") as that digit; anything else stays unread rather than guessed.
    """
    matches = [*_DATELINE_DATE.finditer(dateline), *_DATELINE_DAY_FIRST.finditer(dateline)]
    for match in sorted(matches, key=lambda m: m.start()):
        month = _dateline_month(match["month"])
        day = (match["day"] or match["typed"]).upper().replace("O", "0").replace("L", "1").replace("I", "1")
        if month is None or not day.isdigit() or not 1 <= int(day) <= 31:
            continue
        return nearest_month_day(month, int(day), reference)
    return None


# A letter for a digit ("2O", "l") only as a separate word: "CHICAGO" is not "CHICAG 0".
_DATELINE_DATE = re.compile(
    r"(?<![A-Za-z])(?P<month>[A-Za-z]{3,9})\.?,?(?:\s*(?P<day>\d[0-9OlI]?)|\s+(?P<typed>[OlI]\d?))(?![0-9A-Za-z])"
)
_DATELINE_DAY_FIRST = re.compile(r"(?<![0-9A-Za-z])(?P<day>\d\d?)\s+(?P<month>[A-Za-z]{3,9})\b")
_ENGLISH_MONTHS = [names[-1].lower() for names in LANGUAGES[0][1].MONTHS]


def _dateline_month(token: str) -> int | None:
    word = token.lower()
    for _, info, _, _ in LANGUAGES:  # exact names first, in any language ("ABR" is a Spanish wire's April)
        number = info.month(word)
        if number is not None:
            return number
    prefixed = [i for i, name in enumerate(_ENGLISH_MONTHS, 1) if name.startswith(word)]
    if len(word) >= 4 and len(prefixed) == 1:
        return prefixed[0]
    # One letter dropped, doubled or swapped; a three-letter word must be closer ("Jne" is June, "Jan" no typo)
    close = difflib.get_close_matches(word, _ENGLISH_MONTHS, n=1, cutoff=0.75 if len(word) >= 4 else 0.85)
    if close:
        return _ENGLISH_MONTHS.index(close[0]) + 1
    return None
