"""Publication dates from metadata values and print lines (python-dateutil), never guessed."""

from __future__ import annotations

import datetime as dt

import pytest

from index.dates import parse_date_value, read_print_line
from index.ingest.document import Document, Metadata
from index.page_dates import PublicationDate, date_from_byline, publication_date_from_page
from index.pipeline import build_article


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
        (
            "This story appeared in the print edition of the Daily Example on 3 March 2020.",
            "the Daily Example",
            dt.date(2020, 3, 3),
        ),
        ("It appeared in the print edition of The Example Post.", None, None),
    ],
)
def test_print_lines(line: str, publisher: str | None, published: dt.date | None) -> None:
    found = read_print_line(line)
    if published is None:
        assert found is None
    else:
        assert found is not None and (found.publisher, found.published) == (publisher, published)


# --- Bylines and page metadata (inputs made up, shaped like what an HTML reader pulls out of a page).

BST = dt.timezone(dt.timedelta(hours=1))


@pytest.mark.parametrize(
    ("byline", "value", "is_update"),
    [
        ("Published 11 April 2018, 09:15 BST", dt.datetime(2018, 4, 11, 9, 15, tzinfo=BST), False),
        (
            "Updated: Tuesday, April 10, 2018 12:30 pm EDT",
            dt.datetime(2018, 4, 10, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=-4))),
            True,
        ),
        ("Mis à jour le 19 octobre 2023 à 10h02", dt.datetime(2023, 10, 19, 10, 2), True),  # naive stays naive
        (
            "Publié le 1er novembre 2023 à 9 h 30 HNE",
            dt.datetime(2023, 11, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            False,
        ),
        ("Publicado el 19 de octubre de 2023", dt.date(2023, 10, 19), False),
        (
            "Actualizado el 19 de octubre de 2023 a las 10:02 CEST",
            dt.datetime(2023, 10, 19, 10, 2, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            True,
        ),
        ("Veröffentlicht am 19.10.2023", dt.date(2023, 10, 19), False),
        (
            "Veröffentlicht am 19. März 2023, 14:05 Uhr MEZ",
            dt.datetime(2023, 3, 19, 14, 5, tzinfo=dt.timezone(dt.timedelta(hours=1))),
            False,
        ),
        ("Posted 13/04/2018", dt.date(2018, 4, 13), False),  # only one reading
        ("Publié le 03/04/2018", dt.date(2018, 4, 3), False),  # French: day first
    ],
)
def test_bylines_in_several_languages(byline: str, value: dt.date, is_update: bool) -> None:
    found = date_from_byline(byline)
    assert found is not None
    assert found == (value, is_update) and type(found[0]) is type(value)
    if isinstance(value, dt.datetime):
        assert isinstance(found[0], dt.datetime)
        assert (found[0].utcoffset() is None) == (value.utcoffset() is None)


@pytest.mark.parametrize(
    "byline", ["By Jane Doe, 3 hours ago", "Posted 04/11/2018", "Updated April 2018", "Tuesday 10:30", "© 2018"]
)
def test_bylines_without_a_full_date_give_none(byline: str) -> None:
    assert date_from_byline(byline) is None  # 04/11/2018 on an English page: US or British order is unknown


def test_a_published_date_wins_over_an_update_in_the_same_byline() -> None:
    found = date_from_byline("Mis à jour le 19 octobre 2023 à 10h02 | Publié le 18 octobre 2023 à 18h00")
    assert found == (dt.datetime(2023, 10, 18, 18, 0), False)


def page(**parts: object) -> PublicationDate | None:
    return publication_date_from_page(
        meta=parts.get("meta", {}),  # type: ignore[arg-type]
        json_ld=parts.get("json_ld", []),  # type: ignore[arg-type]
        time_elements=parts.get("time_elements", []),  # type: ignore[arg-type]
        url=parts.get("url"),  # type: ignore[arg-type]
        byline_texts=parts.get("bylines", []),  # type: ignore[arg-type]
    )


ARTICLE_LD = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebPage", "datePublished": "2017-01-01"},
        {"@type": ["NewsArticle"], "dateModified": "2018-04-12T08:00", "datePublished": "2018-04-11T09:15:00+01:00"},
    ],
}


def test_open_graph_meta_comes_first() -> None:
    found = page(
        meta={"ARTICLE:published_time": "2018-04-11T09:15:00+01:00"},
        json_ld=[ARTICLE_LD],
        url="https://example.com/2018/04/10/story",
    )
    assert found == PublicationDate(dt.datetime(2018, 4, 11, 9, 15, tzinfo=BST), "meta:article:published_time")


def test_json_ld_article_date_published_in_a_graph() -> None:
    found = page(json_ld=[ARTICLE_LD], meta={"date": "2016-05-05"})
    assert found == PublicationDate(dt.datetime(2018, 4, 11, 9, 15, tzinfo=BST), "json-ld:datePublished")


def test_other_meta_names() -> None:
    assert page(meta={"parsely-pub-date": "2018-04-11T09:15:00Z"}) == PublicationDate(
        dt.datetime(2018, 4, 11, 9, 15, tzinfo=dt.UTC), "meta:parsely-pub-date"
    )
    assert page(meta={"sailthru.date": "2018-04-11 09:15:00"}) == PublicationDate(
        dt.datetime(2018, 4, 11, 9, 15), "meta:sailthru.date"
    )
    found = page(meta={"dc.date": "2018-04-11", "og:title": "x"})
    assert found == PublicationDate(dt.date(2018, 4, 11), "meta:dc.date")


def test_a_bad_meta_value_falls_through_to_the_next_source() -> None:
    found = page(meta={"article:published_time": "soon", "pubdate": "n/a"}, time_elements=[("2018-04-11", "Apr 11")])
    assert found == PublicationDate(dt.date(2018, 4, 11), "time-element")


def test_time_elements_attribute_first_then_text() -> None:
    found = page(time_elements=[(None, "11 April 2018"), ("2018-04-10T20:00:00-04:00", "yesterday")])
    new_york = dt.timezone(dt.timedelta(hours=-4))
    assert found is not None and found.value == dt.datetime(2018, 4, 10, 20, tzinfo=new_york)
    assert page(time_elements=[(None, "Tuesday"), (None, "11 April 2018")]) == PublicationDate(
        dt.date(2018, 4, 11), "time-element"
    )


def test_byline_beats_url_and_print_and_datelines_are_named() -> None:
    url = "https://example.com/world/2018/04/09/story.html"
    assert page(bylines=["By Jane Doe", "Published 10 April 2018"], url=url) == PublicationDate(
        dt.date(2018, 4, 10), "byline"
    )
    assert page(bylines=["MOSCOW, April 10, 2018 (Reuters) - Talks began"], url=url) == PublicationDate(
        dt.date(2018, 4, 10), "dateline"
    )
    line = "A version of this article appeared in the print edition of The Straits Times on April 11, 2018."
    assert page(bylines=[line]) == PublicationDate(dt.date(2018, 4, 11), "print-line")
    assert page(url=url) == PublicationDate(dt.date(2018, 4, 9), "url")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/2018/04/11/story", dt.date(2018, 4, 11)),
        ("https://example.com/news/story-2018-04-11/", dt.date(2018, 4, 11)),
        ("https://example.com/news/20180411/story.html", dt.date(2018, 4, 11)),
        ("https://example.com/2018/04/story", None),  # a month is not a publication day
        ("https://example.com/article/2148378/story", None),
        ("https://example.com/2018/13/45/story", None),
        ("https://example.com/story?date=2018-04-11", None),  # a query is not the article's address
    ],
)
def test_url_dates(url: str, expected: dt.date | None) -> None:
    found = page(url=url)
    assert (found.value if found else None) == expected


def test_a_modified_date_is_the_last_resort_and_says_so() -> None:
    assert page(
        meta={"article:modified_time": "2018-04-12"}, url="https://example.com/2018/04/11/x"
    ) == PublicationDate(dt.date(2018, 4, 11), "url")
    assert page(json_ld=[{"@type": "Article", "dateModified": "2018-04-12"}]) == PublicationDate(
        dt.date(2018, 4, 12), "json-ld:dateModified"
    )


def test_nothing_stated_gives_none() -> None:
    found = page(
        meta={"og:title": "Story"},
        json_ld=[{"@type": "Article", "headline": "x"}],
        time_elements=[(None, "3 hours ago")],
        url="https://example.com/news/story",
        bylines=["By Jane"],
    )
    assert found is None


# --- The dateline and byline under a plain-text article's headline


@pytest.mark.parametrize(
    ("dateline", "published"),
    [
        ("Updated: Tuesday, April 10, 2018 12:30 pm", dt.datetime(2018, 4, 10, 12, 30)),
        ("Published April 9, 2018 | Updated April 10, 2018", dt.date(2018, 4, 9)),
        ("10 April 2018", dt.date(2018, 4, 10)),
    ],
)
def test_a_dateline_under_the_headline_dates_the_article(dateline: str, published: dt.date) -> None:
    text = f"Port opens a terminal in the north\n\nBy Jane Doe\n\n{dateline}\n\nThe port opened a terminal on Monday."
    article = build_article(Document(text.encode(), "text", "/tmp/a.txt"))
    assert (article.published, article.published_from) == (published, "text")
    assert (article.author, article.provenance["author"]) == ("Jane Doe", "text")
    assert article.body == "The port opened a terminal on Monday."


def test_metadata_wins_over_the_dateline_and_byline() -> None:
    text = "Port opens a terminal in the north\n\nBy Jane Doe\n\nApril 10, 2018\n\nThe port opened on Monday."
    metadata = Metadata(published="2018-04-11", author="Ann Poe")
    article = build_article(Document(text.encode(), "text", "/tmp/a.txt", metadata))
    assert (article.published, article.published_from, article.author) == (dt.date(2018, 4, 11), "metadata", "Ann Poe")


@pytest.mark.parametrize("dateline", ["Dec 31", "Updated: Dec 31 10:31 pm", "April 2018", "2018"])
def test_a_dateline_missing_its_day_month_or_year_gives_no_date(dateline: str) -> None:
    # dateutil would fill the missing parts in from today: a different date on every reindex.
    text = f"Port opens a terminal in the north\n\nBy Jane Doe\n\n{dateline}\n\nThe port opened a terminal on Monday."
    article = build_article(Document(text.encode(), "text", "/tmp/a.txt"))
    assert (article.published, article.published_from) == (None, None)
    assert article.body == "The port opened a terminal on Monday."


def test_a_date_after_the_byline_dates_the_article() -> None:
    text = "Port opens a terminal in the north\n\nBy Jane Doe | Updated April 10, 2018 10:31 pm\n\nThe port opened."
    article = build_article(Document(text.encode(), "text", "/tmp/a.txt"))
    assert (article.author, article.published, article.published_from) == (
        "Jane Doe",
        dt.datetime(2018, 4, 10, 22, 31),
        "text",
    )
