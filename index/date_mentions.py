"""Dates an article mentions ("on Thursday", "June 12", "September of last year"), resolved with python-dateutil.

Every relative mention is resolved against the publication date; without one it is still reported, unresolved.
The rules for what a news report means (examples and limits in bench/dates/README.md):

* Weekday ("on Tuesday", "said Friday"): the day within the week around publication. A past cue in the clause
  ("said", "met", "-ed") picks the one on/before publication, a future cue ("will", "is set to", "scheduled")
  the one on/after it; the publication day itself counts both ways ("will meet later on Tuesday" in a Tuesday
  story is that day). Without a cue, a weekday that was resolved with a cue elsewhere in the same article keeps
  that date (a report does not use "Thursday" for two Thursdays); otherwise it is the last one on/before
  publication (within six days). "last Tuesday"/"next Tuesday" exclude the publication day.
  A cue is the nearest tense word before the mention in its sentence (8 words at most): "will", "may", "to visit"
  and "scheduled" are future; "said", "met" and other past forms are past, a passive participle ("will be held")
  is not; "until Thursday" is a deadline and takes the nearest; a reporting verb further off ("said it is
  launching in May") leaves the date to the reported clause.
* Month and day without a year ("June 12"): the occurrence nearest to publication, whatever the tense: a report
  rarely reaches more than six months from its date without writing the year. "last"/"next June 12" take the
  one before/after publication. A day that does not occur within half a year (February 29) stays unresolved.
* Month alone ("in November", "mid-September"): a future cue takes the next one at/after the publication month, a
  past cue the last one at/before it, otherwise the nearest (a tie goes to the past). Month names count only
  when capitalised and in date-like context (a day, a year, or a preposition/modifier before them).
* Numeric dates ("03/04/2018") resolve only when unambiguous: one part above 12, both parts equal, or the caller
  says the locale's order (`dayfirst`). Two-digit years take the century nearest to publication; without a
  publication date they stay unresolved.
* "last week"/"this week" are not reported: there is no week precision, and a day would overstate it.

A month-precision date is the first of that month, a year-precision date the first of January. The patterns
and word lists these rules use are in index.date_words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Literal

from dateutil import parser as date_parser
from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as Weekday

from index.date_words import (
    ANCHOR,
    ANCHOR_MARGIN,
    CLAUSE_OPENERS,
    CUE_WINDOW,
    DATE_PREPOSITIONS,
    DAY_WORDS,
    DEADLINE_WORDS,
    FULL_MONTHS,
    FUTURE_WORDS,
    HOLIDAYS,
    HONORIFICS,
    INFO,
    MAY_PREPOSITIONS,
    NOT_PAST_ED,
    NUMBER_WORDS,
    PASSIVE_AUX,
    PAST_WORDS,
    PATTERNS,
    PERSON_VERBS,
    RELATIVE,
    REPORTING_VERBS,
    TO_VERBS,
    WEEKDAY_NAMES,
    WEEKDAYS,
)
from index.model import DateMention as DateMention  # re-exported: the value type lives with the others
from index.model import Precision

# "nearest": the clause names a deadline ("until Thursday"), whose tense is the setting's, not the date's.
Tense = Literal["past", "future", "nearest"]


def find_date_mentions(
    text: str, published: dt.date | None, *, dayfirst: bool | None = None
) -> tuple[DateMention, ...]:
    """Every date mention in `text`, in order, resolved against `published` (see the module's rules).

    `dayfirst` says the locale's order of numeric dates (True for 03/04 = 3 April); None leaves ambiguous ones
    unresolved.
    """
    pub = published.date() if isinstance(published, dt.datetime) else published
    claimed: list[tuple[int, int]] = []
    found: list[tuple[re.Match[str], str]] = []
    windows = _anchor_windows(text)
    for pattern, kind in PATTERNS:
        for match in (m for first, last in windows for m in pattern.finditer(text, first, last)):
            start, end = match.span()
            if any(start < other_end and other_start < end for other_start, other_end in claimed):
                continue
            if not _in_date_context(text, match, kind, claimed):
                continue
            claimed.append((start, end))
            found.append((match, kind))
    found.sort(key=lambda item: item[0].start())
    weekday_dates: dict[str, dt.date] = {}  # weekday name -> the date a cue gave it in this article
    resolved: list[tuple[re.Match[str], dt.date | None, Precision | None]] = []
    uncued: list[int] = []  # weekdays without a cue, resolved once every cued one is known
    for match, kind in found:
        plain_weekday = kind == "weekday" and (match["rel"] or "").lower() not in ("last", "next")
        if plain_weekday and pub is not None and _clause_tense(text, match.start()) is None:
            uncued.append(len(resolved))
            resolved.append((match, None, None))
            continue
        date, precision = _resolve(text, match, kind, pub, dayfirst)
        named = match["weekday"] if plain_weekday else match.group().split(",")[0].split()[0]
        if date is not None and named in WEEKDAY_NAMES and date.weekday() == WEEKDAY_NAMES.index(named):
            weekday_dates.setdefault(named, date)  # "on Thursday", or "Thursday, May 31" naming the same day
        resolved.append((match, date, precision))
    for index in uncued:
        match = resolved[index][0]
        date = weekday_dates.get(match["weekday"])
        if date is None and pub is not None:
            date = pub + relativedelta(weekday=_weekday_of(match["weekday"])(-1))
        resolved[index] = (match, date, "day")
    return tuple(
        DateMention(text=m.group(), start=m.start(), end=m.end(), date=d, precision=p if d is not None else None)
        for m, d, p in resolved
    )


def _anchor_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around the words every mention contains (a month, weekday, year, number with a
    separator, or relative word): scanning only these keeps the cost in proportion to the dates, not the text."""
    windows: list[tuple[int, int]] = []
    for anchor in ANCHOR.finditer(text):
        first, last = max(0, anchor.start() - ANCHOR_MARGIN), min(len(text), anchor.end() + ANCHOR_MARGIN)
        if windows and first <= windows[-1][1]:
            windows[-1] = (windows[-1][0], last)
        else:
            windows.append((first, last))
    return windows


def nearest_month_day(month: int, day: int, reference: dt.date, rel: str = "") -> dt.date | None:
    """The date with this month and day nearest to `reference` (a year before, the same, or after); with `rel`
    "last" the latest before it, with "next" the earliest after it. None when no such day exists within half a
    year (February 30; February 29 far from a leap year). A tie goes to the past."""
    candidates = []
    for years in (-1, 0, 1):
        candidate = reference + relativedelta(years=years, month=month, day=day)
        if candidate.day == day:  # relativedelta clamps day 29-31 to the month's end: that is not this date
            candidates.append(candidate)
    if rel == "last":
        return max((c for c in candidates if c < reference), default=None)
    if rel == "next":
        return min((c for c in candidates if c > reference), default=None)
    half_year = relativedelta(months=6)  # every real month and day occurs this close; only February 29 may not
    earliest, latest = reference - half_year, reference + half_year
    near = [c for c in candidates if earliest <= c <= latest]
    return min(near, key=lambda c: (abs(c - reference), c > reference), default=None)


def _in_date_context(text: str, match: re.Match[str], kind: str, claimed: list[tuple[int, int]]) -> bool:
    before = _words_before(text, match.start(), 1)
    previous = before[-1] if before else ""
    following = re.match(r"[ \t]+([\w’'.-]+)", text[match.end() : match.end() + 40])
    next_word = following.group(1).rstrip(".") if following else ""
    if kind == "month":
        month = match["month"]
        if match["mod"] or match["rel"]:
            return True
        if next_word in PERSON_VERBS or (month == "May" and text.startswith(("'s", "’s"), match.end())):
            return False  # "June told reporters", "May's cabinet": people
        allowed = MAY_PREPOSITIONS if month == "May" else DATE_PREPOSITIONS
        if previous.lower() in allowed:
            return True
        return _paired(text, match, previous, claimed)
    if kind == "year":  # after "to"/"for" a four-digit number is as often a quantity ("rose to 1990 dlrs")
        return (
            bool(match["mod"])
            or previous.lower() in DATE_PREPOSITIONS - {"on", "for", "to"}
            or _paired(text, match, previous, claimed)
        )
    if kind == "relative":
        return previous.lower() != "the"  # "over the last year" is a duration, not a date
    if kind == "weekday":
        if match["rel"] or match["on"]:
            return True
        if previous in HONORIFICS or (previous[:1].isupper() and not _starts_sentence(text, match.start())):
            return False  # "Mr. Sunday", "Bloody Sunday", "Super Tuesday"
        return not next_word[:1].isupper() or next_word in FULL_MONTHS  # "Sunday Times" is a name
    if kind == "day_word" and match["word"][0].isupper():
        return _starts_sentence(text, match.start())  # "Russia Today", "USA Today" are names
    return True


def _paired(text: str, match: re.Match[str], previous: str, claimed: list[tuple[int, int]]) -> bool:
    """The second of a pair ("in May or June", "from 1986 to 1990") is as much a date as the first."""
    return previous in {"or", "and", "to"} and _end_of_word_before(text, match.start()) in {e for _, e in claimed}


def _resolve(
    text: str, match: re.Match[str], kind: str, pub: dt.date | None, dayfirst: bool | None
) -> tuple[dt.date | None, Precision | None]:
    if kind == "absolute":
        try:
            return date_parser.parse(re.sub(r"^the\s+", "", match.group()), parserinfo=INFO).date(), "day"
        except (ValueError, OverflowError):
            return None, None
    if kind == "numeric":
        return _resolve_numeric(match, pub, dayfirst), "day"
    if kind == "month_year":
        return dt.date(int(match["y"]), _month_number(match["month"]), 1), "month"
    if kind == "year":
        return dt.date(int(match["y"]), 1, 1), "year"
    if pub is None:
        return None, None
    if kind == "month_of_relative_year":
        return pub + relativedelta(years=RELATIVE[match["rel"]], month=_month_number(match["month"]), day=1), "month"
    if kind == "month_day":
        day = int(re.sub(r"\D", "", match["day"]))
        return nearest_month_day(_month_number(match["month"]), day, pub, (match["rel"] or "").lower()), "day"
    if kind == "holiday":
        month, day = HOLIDAYS[match["name"].replace("’", "'")]
        occurrence = lambda years: relativedelta(years=years, month=month, day=day)  # noqa: E731
        return _by_tense(_clause_tense(text, match.start()), pub, occurrence), "day"
    if kind == "month":
        return _resolve_month(text, match, pub), "month"
    if kind == "relative":
        step = RELATIVE[match["rel"].lower()]
        if match["unit"] == "year":
            return pub + relativedelta(years=step, month=1, day=1), "year"
        return pub + relativedelta(months=step, day=1), "month"
    if kind == "ago":
        count = int(match["n"]) if match["n"].isdigit() else NUMBER_WORDS[match["n"]]
        unit = match["unit"]
        if unit == "day":
            return pub - relativedelta(days=count), "day"
        if unit == "month":
            return pub - relativedelta(months=count, day=1), "month"
        return pub - relativedelta(years=count, month=1, day=1), "year"
    if kind == "day_word":
        return pub + relativedelta(days=DAY_WORDS[match["word"].lower()]), "day"
    return _resolve_weekday(text, match, pub), "day"


def _resolve_numeric(match: re.Match[str], pub: dt.date | None, dayfirst: bool | None) -> dt.date | None:
    first, second, year = int(match["a"]), int(match["b"]), match["y"]
    if first <= 12 and second <= 12 and first != second and dayfirst is None:
        return None  # 03/04/2018: 3 April or March 4, and nothing says which
    if len(year) == 2 and pub is None:
        return None  # "18" is a year only relative to a date the article has
    info = _ReferenceYearInfo(pub.year if pub is not None else 2000)
    order = dayfirst if dayfirst is not None else first > 12
    try:
        return date_parser.parse(match.group(), parserinfo=info, dayfirst=order).date()
    except (ValueError, OverflowError):
        return None


class _ReferenceYearInfo(date_parser.parserinfo):
    """dateutil's parserinfo with two-digit years read in the century nearest to a reference year (dateutil's
    default is "within 50 years of today", which misreads archived articles)."""

    def __init__(self, reference_year: int) -> None:
        super().__init__()
        self.reference_year = reference_year

    def convertyear(self, year: int, century_specified: bool = False) -> int:
        if year >= 100 or century_specified:
            return year
        candidates = [self.reference_year // 100 * 100 + year + shift for shift in (-100, 0, 100)]
        return min(candidates, key=lambda c: (abs(c - self.reference_year), c > self.reference_year))


def _resolve_month(text: str, match: re.Match[str], pub: dt.date) -> dt.date:
    month = _month_number(match["month"])
    first = pub + relativedelta(day=1)
    rel = (match["rel"] or "").lower()
    if rel == "this":
        return first + relativedelta(month=month)
    if rel in ("last", "next"):  # "last September" is the one before the publication month, never that month
        step = -1 if rel == "last" else 1
        shifted = first + relativedelta(months=step)
        return _by_tense("past" if step < 0 else "future", shifted, lambda y: relativedelta(years=y, month=month))
    return _by_tense(_clause_tense(text, match.start()), first, lambda y: relativedelta(years=y, month=month))


def _by_tense(tense: Tense | None, reference: dt.date, occurrence: Callable[[int], relativedelta]) -> dt.date:
    """The occurrence (one per year) at/before `reference` for the past, at/after for the future, else nearest."""
    candidates = [reference + occurrence(shift) for shift in (-1, 0, 1)]
    if tense == "past":
        return max(c for c in candidates if c <= reference)
    if tense == "future":
        return min(c for c in candidates if c >= reference)
    return min(candidates, key=lambda c: (abs(c - reference), c > reference))


def _resolve_weekday(text: str, match: re.Match[str], pub: dt.date) -> dt.date:
    weekday = _weekday_of(match["weekday"])
    rel = (match["rel"] or "").lower()
    if rel == "last":
        return pub + relativedelta(days=-1, weekday=weekday(-1))
    if rel == "next":
        return pub + relativedelta(days=1, weekday=weekday(+1))
    tense = _clause_tense(text, match.start())
    if tense == "nearest":
        before, after = pub + relativedelta(weekday=weekday(-1)), pub + relativedelta(weekday=weekday(+1))
        return before if pub - before <= after - pub else after
    return pub + relativedelta(weekday=weekday(+1 if tense == "future" else -1))


def _clause_tense(text: str, position: int) -> Tense | None:
    """The tense of the nearest cue word before `position` in its sentence, within a few words; None if none."""
    words = _words_before(text, position, CUE_WINDOW)
    if words and words[-1].lower() == "on":
        words.pop()
    if words and words[-1].lower() in DEADLINE_WORDS:
        return "nearest"  # "postponed until Thursday": the deadline is ahead of the postponing
    for index in range(len(words) - 1, -1, -1):
        word = words[index].lower()
        previous = words[index - 1].lower() if index else ""
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        if word in TO_VERBS and previous == "to":
            return "future"  # "to visit North Korea on Thursday"
        if (word == "set" and following not in ("to", "for")) or previous in ("than", "as"):
            continue  # "sales were better than expected in February"
        if word in FUTURE_WORDS:
            return "future"
        if not words[index][:1].islower():
            continue
        if word in REPORTING_VERBS and len(words) - index > 3 and following in CLAUSE_OPENERS:
            return None  # "said it is launching in May": the date is the reported clause's, which has no cue
        if word in PAST_WORDS or (word.endswith("ed") and word not in NOT_PAST_ED and len(word) > 3):
            if previous in PASSIVE_AUX:
                continue  # "will be held", "is located": a participle, not a past tense
            return "past"
    return None


def _words_before(text: str, position: int, count: int) -> list[str]:
    """Up to `count` words before `position`, not crossing a sentence end."""
    window = text[max(0, position - 200) : position]
    boundary = max(
        (m.end() for m in re.finditer(r"(?<!\b[A-Z])(?<!\bM[rs])(?<!\bMrs)[.!?;]\s|\n\s*\n", window)), default=0
    )
    return re.findall(r"[\w’'-]+", window[boundary:])[-count:]


def _end_of_word_before(text: str, position: int) -> int:
    """Where the word before the word preceding `position` ends ("May" in "May or June"), or -1."""
    offset = max(0, position - 60)
    ends = [offset + m.end() for m in re.finditer(r"[^\s,]+", text[offset:position])]
    return ends[-2] if len(ends) >= 2 else -1


def _starts_sentence(text: str, position: int) -> bool:
    return re.search(r"(?:^|[.!?\n][\"”’')\s]*|[\"“‘(]\s*)$", text[max(0, position - 10) : position]) is not None


def _month_number(name: str) -> int:
    number = INFO.month(name.rstrip("."))
    if number is None:
        raise ValueError(f"not a month name: {name!r}")
    return number


def _weekday_of(name: str) -> Weekday:
    return WEEKDAYS[WEEKDAY_NAMES.index(name)]
