"""The English vocabulary index.date_mentions reads dates with: month and weekday names, the mention patterns in
order of priority, and the word lists for date context ("in May") and for the tense of a clause ("will", "said").
"""

from __future__ import annotations

import re

from dateutil import parser as date_parser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE

# English names come from dateutil's own tables so the parser and the patterns agree on them.
INFO = date_parser.parserinfo()
FULL_MONTHS = [names[-1] for names in INFO.MONTHS]
_SHORT_MONTHS = sorted({name for names in INFO.MONTHS for name in names[:-1]} - set(FULL_MONTHS), key=len)[::-1]
WEEKDAY_NAMES = [names[1] for names in INFO.WEEKDAYS]
WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)

_MONTH_FULL = "(?:" + "|".join(FULL_MONTHS) + r")\b"
# Abbreviations ("Sept.", "Jan") only before a day or a year: alone, "Jan" is a name.
_MONTH_ANY = "(?:" + "|".join(FULL_MONTHS + _SHORT_MONTHS) + r")\b\.?"
_WEEKDAY = "(?:" + "|".join(WEEKDAY_NAMES) + ")"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|[,.:]\d|%)"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d%]|[-–]\d)"
_WD_PREFIX = rf"(?:{_WEEKDAY},?\s+)?"
_MODIFIER = "early|mid|late|Early|Mid|Late"

# (pattern, kind) in order of priority: a longer, more explicit reading claims its span first.
PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<![\d-])\d{4}-\d{2}-\d{2}(?![\d-])"), "absolute"),
    (
        re.compile(r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/]|\.\d)"),
        "numeric",
    ),
    (re.compile(rf"{_WD_PREFIX}{_MONTH_ANY}\s+{_DAY},?\s+{_YEAR}"), "absolute"),
    (re.compile(rf"{_WD_PREFIX}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH_ANY},?\s+{_YEAR}"), "absolute"),
    (
        re.compile(
            rf"(?:(?P<mod>{_MODIFIER})[- ])?(?P<month>{_MONTH_FULL})(?:\s+of)?\s+"
            r"(?P<rel>last|this|next) year\b"
        ),
        "month_of_relative_year",
    ),
    (re.compile(rf"(?:(?P<mod>{_MODIFIER})[- ])?(?P<month>{_MONTH_ANY})(?:\s+of)?,?\s+(?P<y>{_YEAR})"), "month_year"),
    (
        re.compile(rf"(?:(?P<rel>last|next|Last|Next)\s+)?{_WD_PREFIX}(?P<month>{_MONTH_ANY})\s+(?P<day>{_DAY})"),
        "month_day",
    ),
    (re.compile(rf"(?<![\d,.])(?:the\s+)?(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{_MONTH_FULL})(?P<rel>)"), "month_day"),
    (re.compile(r"\b(?P<name>New Year['’]s (?:Day|Eve)|Christmas (?:Day|Eve))"), "holiday"),
    (
        re.compile(
            rf"(?:(?P<mod>{_MODIFIER})[- ]|(?P<rel>last|next|this|Last|Next|This)\s+)?"
            rf"(?P<month>{_MONTH_FULL})"
        ),
        "month",
    ),
    (re.compile(rf"(?:(?P<mod>{_MODIFIER})[- ])?\b(?P<y>{_YEAR})\b"), "year"),
    (re.compile(r"\b(?P<rel>[Ll]ast|[Tt]his|[Nn]ext) (?P<unit>year|month)\b"), "relative"),
    (
        re.compile(
            r"\b(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten) "
            r"(?P<unit>day|month|year)s? ago\b"
        ),
        "ago",
    ),
    (re.compile(r"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)\b"), "day_word"),
    (
        re.compile(rf"(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+|(?P<on>[Oo]n)\s+)?(?P<weekday>{_WEEKDAY})(?![\w-])"),
        "weekday",
    ),
]

# Every pattern above contains one of these; a match is never longer than the margin on either side of it.
ANCHOR = re.compile(
    "|".join([*FULL_MONTHS, *_SHORT_MONTHS, *WEEKDAY_NAMES]) + r"|\d[/.-]\d|(?:1[89]|20)\d\d|ago\b|[Yy]ear|month"
    r"|[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|Christmas"
)
ANCHOR_MARGIN = 48

# A month or year alone is a date only after one of these ("in May", "since 2011", "scheduled for November").
DATE_PREPOSITIONS = {
    "in",
    "of",
    "since",
    "until",
    "till",
    "by",
    "for",
    "from",
    "to",
    "through",
    "during",
    "before",
    "after",
    "between",
    "around",
    "throughout",
    "early",
    "mid",
    "late",
    "on",
}
# "May" is also a modal verb and a surname: it needs a narrower context ("talks to May", "voted for May").
MAY_PREPOSITIONS = {"in", "of", "since", "until", "till", "early", "mid", "late", "during", "before", "after"}
PERSON_VERBS = {"said", "says", "told", "asked", "added", "wrote", "who"}  # "June told reporters": a person
HONORIFICS = {"Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "Sir", "Dame"}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
DAY_WORDS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
HOLIDAYS = {"New Year's Day": (1, 1), "New Year's Eve": (12, 31), "Christmas Eve": (12, 24), "Christmas Day": (12, 25)}
RELATIVE = {"last": -1, "this": 0, "next": 1}

FUTURE_WORDS = {
    "will",
    "'ll",
    "’ll",
    "shall",
    "would",
    "may",
    "might",
    "scheduled",
    "slated",
    "due",
    "expected",
    "planned",
    "planning",
    "plans",
    "plan",
    "proposed",
    "upcoming",
    "going",
    "set",
}
PAST_WORDS = {
    "said",
    "told",
    "met",
    "was",
    "were",
    "had",
    "has",
    "have",
    "did",
    "went",
    "came",
    "took",
    "gave",
    "made",
    "saw",
    "flew",
    "laid",
    "left",
    "began",
    "held",
    "spoke",
    "wrote",
    "sent",
    "won",
    "lost",
    "fell",
    "rose",
    "struck",
    "ago",
    "last",
}
TO_VERBS = {
    "visit",
    "meet",
    "hold",
    "attend",
    "travel",
    "sign",
    "host",
    "discuss",
    "vote",
    "announce",
    "begin",
    "start",
    "open",
    "return",
    "arrive",
    "leave",
    "speak",
    "address",
    "testify",
    "release",
    "launch",
}
NOT_PAST_ED = {"hundred", "red", "bed", "shed", "wed", "need", "speed", "indeed", "proceed", "exceed", "succeed"}
PASSIVE_AUX = {"be", "being", "been", "to", "is", "are", "am"}
REPORTING_VERBS = {"said", "says", "told", "added", "stated", "reported", "announced"}
CLAUSE_OPENERS = {"it", "he", "she", "they", "we", "that", "the", "its", "his", "her", "their", "a", "an"}
DEADLINE_WORDS = {"until", "till"}  # not "by": "by March, prices had fallen" takes the clause's tense
CUE_WINDOW = 8  # words back from the mention within its sentence: a clause's verb is rarely further
