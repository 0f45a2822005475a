"""Dates an article mentions, resolved against its publication date (index.date_mentions)."""

from __future__ import annotations

import datetime as dt

import pytest

from index.date_mentions import DateMention, find_date_mentions

from .conftest import seed_file

SEED_PUBLISHED = {
    "000": dt.date(2018, 4, 11),
    "001": dt.date(2018, 4, 10),
    "002": dt.date(2024, 1, 16),
    "003": dt.date(2018, 5, 30),
    "004": dt.date(2023, 10, 19),
}


Found = list[tuple[str, dt.date | None, str | None]]


def mentions(text: str, published: dt.date | None, dayfirst: bool | None = None) -> Found:
    found = find_date_mentions(text, published, dayfirst=dayfirst)
    assert all(text[m.start : m.end] == m.text for m in found)
    return [(m.text, m.date, m.precision) for m in found]


def seed_mentions(prefix: str) -> tuple[DateMention, ...]:
    return find_date_mentions(seed_file(prefix).read_text(encoding="utf-8"), SEED_PUBLISHED[prefix])


@pytest.mark.parametrize(
    ("prefix", "text", "date", "precision"),
    [
        ("001", "April 27", dt.date(2018, 4, 27), "day"),  # the inter-Korean summit
        ("003", "May 31", dt.date(2018, 5, 31), "day"),
        ("003", "June 12", dt.date(2018, 6, 12), "day"),
        ("003", "on Thursday", dt.date(2018, 5, 31), "day"),
        ("002", "September of last year", dt.date(2023, 9, 1), "month"),
        ("004", "November", dt.date(2023, 11, 1), "month"),  # "a joint meeting scheduled for November"
        ("004", "mid-September", dt.date(2023, 9, 1), "month"),
    ],
)
def test_seed_expectations(prefix: str, text: str, date: dt.date, precision: str) -> None:
    found = [m for m in seed_mentions(prefix) if m.text == text]
    assert found, f"{text!r} not found in seed {prefix}"
    assert {(m.date, m.precision) for m in found} == {(date, precision)}


def test_every_weekday_of_the_scmp_seed() -> None:
    # Published Wednesday 2018-05-30: "will visit ... on Thursday" ahead; "said on Friday/Tuesday/Wednesday" past;
    # "Moon's meeting with Kim on Saturday" has no cue of its own (the "will" is 12 words back): past, May 26.
    weekdays = {(m.text, m.date) for m in seed_mentions("003") if m.text.startswith("on ")}
    assert weekdays == {
        ("on Thursday", dt.date(2018, 5, 31)),
        ("on Wednesday", dt.date(2018, 5, 30)),
        ("on Friday", dt.date(2018, 5, 25)),
        ("on Saturday", dt.date(2018, 5, 26)),
        ("on Tuesday", dt.date(2018, 5, 29)),
    }


def test_the_press_tv_seed() -> None:
    found = {(m.text, m.date, m.precision) for m in seed_mentions("001")}
    assert {
        ("on Monday", dt.date(2018, 4, 9), "day"),
        ("on Tuesday", dt.date(2018, 4, 10), "day"),  # "will meet later on Tuesday" in a Tuesday story: that day
        ("late March", dt.date(2018, 3, 1), "month"),
        ("2011", dt.date(2011, 1, 1), "year"),
        ("May", dt.date(2018, 5, 1), "month"),  # "will potentially be held in May or June"
        ("June", dt.date(2018, 6, 1), "month"),
        ("last year", dt.date(2017, 1, 1), "year"),
        ("New Year’s Day", dt.date(2018, 1, 1), "day"),
        ("February", dt.date(2018, 2, 1), "month"),  # "has begun sending ... since February"
    } <= found


def test_the_straits_times_seed() -> None:
    found = {(m.text, m.date) for m in seed_mentions("000")}
    assert {
        ("yesterday", dt.date(2018, 4, 10)),
        ("last month", dt.date(2018, 3, 1)),
        ("April 11, 2018", dt.date(2018, 4, 11)),
    } <= found
    assert not any("week" in text for text, _ in found)  # "last week" has no precision to report


def test_may_the_verb_and_the_name_are_never_dates() -> None:
    text = (
        "Talks may resume, and they may well fail. May I add that Theresa May said nothing? "
        "Critics of May's cabinet, who may march, will march again. March organisers were told to wait."
    )
    assert mentions(text, dt.date(2018, 4, 10)) == []


def test_month_names_need_a_date_context() -> None:
    text = "April Ryan asked. June told reporters. Shares fell in May. The September summit was long."
    assert mentions(text, dt.date(2023, 10, 19)) == [("May", dt.date(2023, 5, 1), "month")]


def test_weekday_names_that_are_names() -> None:
    text = "Mr. Sunday spoke. The Sunday Times and Bloody Sunday. Super Tuesday. Good Friday Agreement. On Tuesdays."
    assert mentions(text, dt.date(2024, 1, 17)) == []


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("The minister will visit Paris on Monday.", dt.date(2024, 1, 22)),
        ("The minister met his counterpart on Monday.", dt.date(2024, 1, 15)),
        ("The envoy is set to arrive on Saturday.", dt.date(2024, 1, 20)),
        ("The ministry said Friday it had no comment.", dt.date(2024, 1, 12)),
        ("Talks are scheduled to begin on Friday.", dt.date(2024, 1, 19)),
        ("The vote on Friday drew crowds.", dt.date(2024, 1, 12)),  # no cue: the last one on/before publication
        ("The vote on Wednesday drew crowds.", dt.date(2024, 1, 17)),  # the publication day itself
        ("They talked last Wednesday.", dt.date(2024, 1, 10)),
        ("They talk again next Wednesday.", dt.date(2024, 1, 24)),
        ("The summit will be held on Sunday.", dt.date(2024, 1, 21)),  # a passive "held" is no past tense
        ("The talks were postponed until Thursday.", dt.date(2024, 1, 18)),  # a deadline: the nearest
        ("The ministry said in a statement on Tuesday that it agreed.", dt.date(2024, 1, 16)),
    ],
)
def test_weekday_tense(sentence: str, date: dt.date) -> None:
    published = dt.date(2024, 1, 17)  # a Wednesday
    [(_, found, precision)] = mentions(sentence, published)
    assert (found, precision) == (date, "day")


def test_an_uncued_weekday_takes_the_date_its_article_gave_it() -> None:
    text = "Officials will meet on Friday in Geneva. The meeting on Friday is the first in years."
    assert [date for _, date, _ in mentions(text, dt.date(2024, 1, 17))] == [dt.date(2024, 1, 19)] * 2


def test_a_weekday_named_with_its_date_fixes_later_mentions() -> None:
    text = "The vote is on Thursday, Feb. 1. Turnout on Thursday matters."  # no cue: not Jan. 25
    assert [date for _, date, _ in mentions(text, dt.date(2024, 1, 26))] == [dt.date(2024, 2, 1)] * 2


def test_weekday_right_after_a_month_boundary_and_a_zoned_publication() -> None:
    # Friday 1 March 2024, 23:30 in New York: the story's own calendar day counts, not UTC's.
    published = dt.datetime(2024, 3, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    text = "The senator said on Wednesday and again on Thursday that she would vote on Monday."
    assert [date for _, date, _ in mentions(text, published)] == [
        dt.date(2024, 2, 28),
        dt.date(2024, 2, 29),
        dt.date(2024, 3, 4),
    ]


def test_last_year_across_a_new_year() -> None:
    text = (
        "In December last year the council met; it met again in December and on Dec. 28. "
        "Prices rose last year and will rise this year and next month."
    )
    assert mentions(text, dt.date(2024, 1, 3)) == [
        ("December last year", dt.date(2023, 12, 1), "month"),
        ("December", dt.date(2023, 12, 1), "month"),  # "December" alone, early January: the one just past
        ("Dec. 28", dt.date(2023, 12, 28), "day"),
        ("last year", dt.date(2023, 1, 1), "year"),
        ("this year", dt.date(2024, 1, 1), "year"),
        ("next month", dt.date(2024, 2, 1), "month"),
    ]


def test_a_month_day_late_in_december_points_into_next_year() -> None:
    assert mentions("The deadline is Jan. 3.", dt.date(2023, 12, 28)) == [("Jan. 3", dt.date(2024, 1, 3), "day")]


def test_last_and_next_before_a_month_day() -> None:
    text = "The plan announced last February 28 ends next February 28, not on February 28."
    assert [date for _, date, _ in mentions(text, dt.date(2024, 3, 5))] == [
        dt.date(2024, 2, 28),
        dt.date(2025, 2, 28),
        dt.date(2024, 2, 28),
    ]


def test_february_29_exists_only_in_leap_years() -> None:
    assert mentions("Due on February 29.", dt.date(2023, 3, 1)) == [("February 29", None, None)]
    assert mentions("Due on February 29.", dt.date(2024, 1, 10)) == [("February 29", dt.date(2024, 2, 29), "day")]


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("A meeting is scheduled for September.", dt.date(2024, 9, 1)),  # future: the next one
        ("He visited Seoul in February.", dt.date(2023, 2, 1)),  # past: the last one
        ("A forum in February has been floated.", dt.date(2024, 2, 1)),  # no cue: the nearest
        ("The talks last September went well.", dt.date(2023, 9, 1)),
        ("The talks next September.", dt.date(2024, 9, 1)),
        ("The talks in early October of 2021.", dt.date(2021, 10, 1)),
        ("Sales were stronger than expected in February.", dt.date(2023, 2, 1)),  # "than expected" is no future
        ("Officials said they gave Japan until March to act.", dt.date(2024, 3, 1)),  # a deadline: the nearest
        ("The company said it is launching a phone in March.", dt.date(2024, 3, 1)),  # the reported clause's
    ],
)
def test_month_alone(sentence: str, date: dt.date) -> None:
    [(_, found, precision)] = mentions(sentence, dt.date(2023, 10, 19))
    assert (found, precision) == (date, "month")


@pytest.mark.parametrize(
    ("text", "dayfirst", "date"),
    [
        ("on 03/04/2018", None, None),  # 3 April or March 4: unresolved
        ("on 03/04/2018", True, dt.date(2018, 4, 3)),
        ("on 03/04/2018", False, dt.date(2018, 3, 4)),
        ("on 13/04/2018", None, dt.date(2018, 4, 13)),  # only one reading exists
        ("on 04/13/2018", None, dt.date(2018, 4, 13)),
        ("on 04.04.2018", None, dt.date(2018, 4, 4)),
        ("on 13/04/18", None, dt.date(2018, 4, 13)),
        ("on 12/31/99", None, dt.date(1999, 12, 31)),  # the century nearest publication (2001), not today's
        ("on 31/02/2018", True, None),  # no such day
    ],
)
def test_numeric_dates_and_two_digit_years(text: str, dayfirst: bool | None, date: dt.date | None) -> None:
    [(_, found, precision)] = mentions(
        text, dt.date(2001, 5, 1) if "99" in text else dt.date(2018, 5, 1), dayfirst=dayfirst
    )
    assert (found, precision) == (date, "day" if date else None)


def test_without_a_publication_date_only_absolute_dates_resolve() -> None:
    text = (
        "On Thursday, April 12, 2018 and on 11 April 2018 (2018-04-11), the 12th of June 2018 and in 2011, "
        "not on Thursday, nor June 12 (Thursday, June 12), yesterday, last year, 13/04/18 or in May 2019."
    )
    assert mentions(text, None) == [
        ("Thursday, April 12, 2018", dt.date(2018, 4, 12), "day"),
        ("11 April 2018", dt.date(2018, 4, 11), "day"),
        ("2018-04-11", dt.date(2018, 4, 11), "day"),
        ("the 12th of June 2018", dt.date(2018, 6, 12), "day"),
        ("2011", dt.date(2011, 1, 1), "year"),
        ("on Thursday", None, None),
        ("June 12", None, None),
        ("Thursday, June 12", None, None),  # a weekday before a date belongs to it
        ("yesterday", None, None),
        ("last year", None, None),
        ("13/04/18", None, None),  # a two-digit year needs a date to be near
        ("May 2019", dt.date(2019, 5, 1), "month"),
    ]


def test_years_need_a_date_context() -> None:
    text = "The 2011 election; 2,011 votes; 2011-12 season; rose to 1990; in 2011; since mid-2023; from 1986 to 1990."
    assert [found for _, found, _ in mentions(text, dt.date(2024, 1, 1))] == [
        dt.date(2011, 1, 1),
        dt.date(2023, 1, 1),
        dt.date(1986, 1, 1),
        dt.date(1990, 1, 1),
    ]


def test_relative_words() -> None:
    text = "Today USA Today said two days ago, a year ago and three months ago that tomorrow is this month."
    assert mentions(text, dt.date(2024, 1, 16)) == [
        ("Today", dt.date(2024, 1, 16), "day"),
        ("two days ago", dt.date(2024, 1, 14), "day"),
        ("a year ago", dt.date(2023, 1, 1), "year"),
        ("three months ago", dt.date(2023, 10, 1), "month"),
        ("tomorrow", dt.date(2024, 1, 17), "day"),
        ("this month", dt.date(2024, 1, 1), "month"),
    ]


def test_weeks_are_not_reported() -> None:
    assert mentions("Last week and this week, and over the last year.", dt.date(2024, 1, 16)) == []
