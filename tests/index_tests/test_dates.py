"""Publication dates from metadata values and print lines (python-dateutil), never guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from index.dates import parse_date_value, read_print_line


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-04-11", dt.date(2018, 4, 11)),
        ("April 11, 2018", dt.date(2018, 4, 11)),
        ("2023-10-19T08:30:00+02:00", dt.datetime(2023, 10, 19, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))),
        ("Thu, 19 Oct 2023 06:30:00 GMT", dt.datetime(2023, 10, 19, 6, 30, tzinfo=dt.UTC)),
    ],
)
def test_metadata_values_keep_their_precision_and_zone(value: str, expected: dt.date) -> None:
    parsed = parse_date_value(value)
    assert parsed == expected and type(parsed) is type(expected)


def test_a_bad_metadata_value_raises_value_error() -> None:
    with pytest.raises(ValueError):
        parse_date_value("sometime soon")


@pytest.mark.parametrize(
    ("line", "publisher", "published"),
    [
        (
            "A version of this article appeared in the print edition of The Straits Times on April 11, 2018, "
            "with the headline 'N. Korea minister urges stronger ties with Russia'.",
            "The Straits Times",
            dt.date(2018, 4, 11),
        ),
        (
            "A version of this article appears in print on Oct. 3, 2021, Section A, Page 1 of the New York edition",
            None,
            dt.date(2021, 10, 3),
        ),
        ("This story appeared in the print edition of the Daily Example on 3 March 2020.", "the Daily Example", dt.date(2020, 3, 3)),
        ("It appeared in the print edition of The Example Post.", None, None),
    ],
)
def test_print_lines(line: str, publisher: str | None, published: dt.date | None) -> None:
    found = read_print_line(line)
    if published is None:
        assert found is None
    else:
        assert found is not None and (found.publisher, found.published) == (publisher, published)
