"""Date filters in the query language: `date:` for publication dates, `mentions:` for dates an article mentions.

    date:2018  date:2018-04  date:2018-04-11          that year, month or day
    date:[2018-04-01 to 2018-06-30]  date:[2023 to]   a range; either end may be open
    date:>2023  date:>=2023-10  date:<2019  date:<=2018-05
    date:today  date:yesterday  date:"last 7 days"  date:"this month"  date:"last year"
    mentions:2018-06-12  mentions:2018-06  mentions:2018

Whoosh's own date parser gets ranges of full dates wrong (`[2018-04-01 to 2018-06-30]` becomes all of 2018) and
reads `>2023` as "from 2023", so `date:` clauses are turned into explicit timestamp ranges on the `published`
field before Whoosh parses the query. Relative forms count back from today with dateutil's relativedelta.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from dateutil.relativedelta import relativedelta

from index.errors import QueryError

_DATE_CLAUSE = re.compile(r'(?<![\w:])date:(?:"([^"]*)"|(\[[^\]]*\])|([<>]=?[^\s()"]+|[^\s()"\[]+))', re.IGNORECASE)
_MENTIONS_CLAUSE = re.compile(r'(?<![\w:])mentions:(?:"([^"]*)"|(\[[^\]]*\]|[^\s()"]+))', re.IGNORECASE)
_PERIOD = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_RELATIVE = re.compile(r"(last|past) (\d{1,4}) (day|week|month|year)s?")
_CALENDAR = re.compile(r"(this|last) (week|month|year)")
_UNIT = {
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "year": relativedelta(years=1),
}
_FORMS = 'use 2018, 2018-04, 2018-04-11, [2018-04-01 to 2018-06-30], >2023 or "last 7 days"'

Period = tuple[dt.date, dt.date]  # first and last day, inclusive


def _period(text: str) -> Period:
    """The days a written date covers: a year, a month or a day."""
    match = _PERIOD.fullmatch(text.strip())
    if match is None:
        raise QueryError(f"cannot read the date {text!r}: {_FORMS}")
    year = int(match.group(1))
    month, day = (int(part) if part else None for part in match.groups()[1:])
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        first = dt.date(year, month, day or 1)
    except ValueError as error:
        raise QueryError(f"no such date {text!r}: {error}") from error
    if day is not None:
        return first, first
    return first, first + relativedelta(months=1, days=-1)


def _relative(text: str, today: dt.date) -> Period | None:
    lowered = " ".join(text.lower().split())
    if lowered == "today":
        return today, today
    if lowered == "yesterday":
        yesterday = today - relativedelta(days=1)
        return yesterday, yesterday
    if match := _RELATIVE.fullmatch(lowered):
        count, unit = int(match.group(2)), match.group(3)
        return today - _UNIT[unit] * count + relativedelta(days=1), today
    if match := _CALENDAR.fullmatch(lowered):
        which, unit = match.groups()
        if unit == "week":
            start = today - relativedelta(days=today.weekday())
            span = relativedelta(weeks=1)
        elif unit == "month":
            start, span = today.replace(day=1), relativedelta(months=1)
        else:
            start, span = today.replace(month=1, day=1), relativedelta(years=1)
        if which == "last":
            start = start - span
        return start, start + span - relativedelta(days=1)
    return None


def date_range(value: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The first and last publication day a `date:` value allows (None: open)."""
    value = value.strip()
    if value.startswith("["):
        inside = value.strip("[]")
        parts = re.split(r"\s+to\s+|\s+TO\s+", f" {inside} ")
        if len(parts) != 2:
            raise QueryError(f"a date range is [FIRST to LAST]: {value!r}")
        start = _period(parts[0])[0] if parts[0].strip() else None
        end = _period(parts[1])[1] if parts[1].strip() else None
        if start and end and end < start:
            raise QueryError(f"the date range {value!r} ends before it starts")
        return start, end
    for operator in (">=", "<=", ">", "<"):
        if value.startswith(operator):
            first, last = _period(value[len(operator) :])
            try:
                if operator == ">":
                    return last + relativedelta(days=1), None
                if operator == "<":
                    return None, first - relativedelta(days=1)
            except OverflowError:
                side = "after" if operator == ">" else "before"
                raise QueryError(f"no day comes {side} {value[1:]!r}: dates run from 0001 to 9999") from None
            return (first, None) if operator == ">=" else (None, last)
    try:
        return _relative(value, today) or _period(value)
    except (ValueError, OverflowError) as error:  # "last 9999 years" goes back before the year 1
        raise QueryError(f"cannot read the date {value!r}: {error}") from None


def _timestamp(day: dt.date, end_of_day: bool) -> str:
    # Not strftime: its %Y gives "500", not "0500", for the year 500.
    return f"{day.year:04d}{day.month:02d}{day.day:02d}" + ("235959" if end_of_day else "000000")


def rewrite_date_clauses(text: str, today: Callable[[], dt.date] = dt.date.today) -> str:
    """`date:` and `mentions:` clauses as the index's own terms: an explicit range on `published`, a term of
    `mentioned`."""

    def published(match: re.Match[str]) -> str:
        value = next(group for group in match.groups() if group is not None)
        start, end = date_range(value, today())
        low = _timestamp(start, end_of_day=False) if start else ""
        high = _timestamp(end, end_of_day=True) if end else ""
        return "published:[" + " ".join(part for part in (low, "to", high) if part) + "]"

    def mentioned(match: re.Match[str]) -> str:
        value = (match.group(1) if match.group(1) is not None else match.group(2)).strip()
        if _PERIOD.fullmatch(value) is None:
            raise QueryError(f"mentions: takes a day, a month or a year (2018-06-12, 2018-06, 2018), not {value!r}")
        return f'mentioned:"{mention_terms(_period(value)[0], _precision_of(value))[0]}"'

    return _MENTIONS_CLAUSE.sub(mentioned, _DATE_CLAUSE.sub(published, text))


def _precision_of(value: str) -> str:
    return {1: "year", 2: "month", 3: "day"}[len(value.split("-"))]


def mention_terms(date: dt.date, precision: str) -> list[str]:
    """The `mentioned` terms a mentioned date is indexed under, finest first: a day is also in its month and year,
    so `mentions:2018-06` finds "June 12" as well as "June"."""
    terms = [f"{date.year:04d}"]
    if precision in ("month", "day"):
        terms.insert(0, f"{date.year:04d}-{date.month:02d}")
    if precision == "day":
        terms.insert(0, date.isoformat())
    return terms
