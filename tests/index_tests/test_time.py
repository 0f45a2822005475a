"""Time in the library: date and mention queries, timelines in buckets, undated articles counted apart."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from index.cli import main
from index.date_query import date_range, rewrite_date_clauses
from index.errors import QueryError
from index.library import Library, open_library
from index.timeline import bucket_start, build_timeline, choose_granularity

from .conftest import SEED_TITLES

TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018", (dt.date(2018, 1, 1), dt.date(2018, 12, 31))),
        ("2018-04", (dt.date(2018, 4, 1), dt.date(2018, 4, 30))),
        ("2024-02", (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
        ("2018-04-11", (dt.date(2018, 4, 11), dt.date(2018, 4, 11))),
        ("[2018-04-01 to 2018-06-30]", (dt.date(2018, 4, 1), dt.date(2018, 6, 30))),
        ("[2023 to]", (dt.date(2023, 1, 1), None)),
        ("[to 2018-05]", (None, dt.date(2018, 5, 31))),
        (">2023", (dt.date(2024, 1, 1), None)),
        (">=2023-10", (dt.date(2023, 10, 1), None)),
        ("<2019", (None, dt.date(2018, 12, 31))),
        ("<=2018-04-10", (None, dt.date(2018, 4, 10))),
        ("last 7 days", (dt.date(2026, 11, 21), TODAY)),
        ("yesterday", (dt.date(2026, 11, 26), dt.date(2026, 11, 26))),
        ("this month", (dt.date(2026, 11, 1), dt.date(2026, 11, 30))),
        ("last month", (dt.date(2026, 10, 1), dt.date(2026, 10, 31))),
        ("last year", (dt.date(2025, 1, 1), dt.date(2025, 12, 31))),
        ("this week", (dt.date(2026, 11, 23), dt.date(2026, 11, 29))),
    ],
)
def test_date_values(value: str, expected: tuple[dt.date | None, dt.date | None]) -> None:
    assert date_range(value, TODAY) == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("date:[2019 to 2018]", "ends before it starts"),
        ("date:2018-13", "no such date"),
        ("date:soon", "cannot read the date 'soon'"),
        ("mentions:[2018 to 2019]", "mentions: takes a day, a month or a year"),
    ],
)
def test_bad_date_values_are_one_clear_error(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        rewrite_date_clauses(query, lambda: TODAY)


def test_date_clauses_keep_the_rest_of_the_query() -> None:
    rewritten = rewrite_date_clauses('Lavrov AND date:2018-04 OR mentions:"2018-06"', lambda: TODAY)
    assert rewritten == 'Lavrov AND published:[20180401000000 to 20180430235959] OR mentioned:"2018-06"'


@pytest.mark.parametrize(
    ("query", "prefixes"),
    [
        ("date:2018-04", {"000", "001"}),
        ("date:[2018-04-01 to 2018-06-30]", {"000", "001", "003"}),
        ("date:>2023", {"002"}),
        ("date:<2019", {"000", "001", "003"}),
        ("date:2023 AND Lavrov", {"004"}),
        ("mentions:2018-06-12", {"003"}),
        ("mentions:2018-04-27", {"001"}),
        ("mentions:2023-09", {"002", "004"}),
        ("mentions:2023-11", {"004"}),
    ],
)
def test_date_and_mention_queries_on_the_seeds(seeded_library: Library, query: str, prefixes: set[str]) -> None:
    assert {hit.title for hit in seeded_library.search(query).hits} == {SEED_TITLES[p] for p in prefixes}


def test_the_list_and_search_filter_by_a_range_of_days(seeded_library: Library) -> None:
    april = (dt.date(2018, 4, 1), dt.date(2018, 4, 30))
    assert {s.title for s in seeded_library.articles(between=april)} == {SEED_TITLES["000"], SEED_TITLES["001"]}
    assert [hit.title for hit in seeded_library.search("Vorontsov OR Kirby", between=april).hits] == [
        SEED_TITLES["000"]
    ]


def test_granularity_follows_the_span() -> None:
    assert choose_granularity(dt.date(2024, 1, 1), dt.date(2024, 1, 31)) == "day"
    assert choose_granularity(dt.date(2024, 1, 1), dt.date(2024, 9, 1)) == "week"
    assert choose_granularity(dt.date(2018, 4, 10), dt.date(2024, 1, 16)) == "month"
    assert choose_granularity(dt.date(1987, 1, 1), dt.date(2024, 1, 1)) == "year"
    assert bucket_start(dt.date(2018, 4, 11), "week") == dt.date(2018, 4, 9)  # a Monday


def test_buckets_are_contiguous_and_count_every_article() -> None:
    dated = [("a", dt.date(2018, 4, 10)), ("b", dt.date(2018, 4, 11)), ("c", dt.date(2018, 6, 2))]
    timeline = build_timeline(dated, ["u"], "month")
    assert [(b.start, b.end, b.articles) for b in timeline.buckets] == [
        (dt.date(2018, 4, 1), dt.date(2018, 4, 30), ("a", "b")),
        (dt.date(2018, 5, 1), dt.date(2018, 5, 31), ()),
        (dt.date(2018, 6, 1), dt.date(2018, 6, 30), ("c",)),
    ]
    assert timeline.undated == ("u",)


def test_zoned_times_fall_on_their_local_day() -> None:
    late = dt.datetime(2018, 4, 10, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-12)))
    (bucket,) = build_timeline([("a", late)], [], "day").buckets
    assert bucket.start == late.astimezone().date()


def test_library_timeline_reflects_search_and_entity_and_counts_undated(tmp_path: Path) -> None:
    with open_library(tmp_path / "library") as library:
        library.add_seeds()
        undated = tmp_path / "undated.txt"
        undated.write_text("Talks resume\n\nNegotiators from both sides met again in Geneva to resume the talks.\n")
        library.add_paths([undated])
        whole = library.timeline()
        assert whole.by == "month" and sum(b.count for b in whole.buckets) == 5 and len(whole.undated) == 1
        assert sum(b.count for b in library.timeline(by="year", query="Vorontsov").buckets) == 1
        (ri,) = library.entity_ids_named("person", "Ri Yong-ho")
        assert {b.start for b in library.timeline(by="month", within_entity=ri).buckets if b.count} == {
            dt.date(2018, 4, 1),
            dt.date(2018, 5, 1),
        }


def _cli(library: Path, *args: str) -> object:
    out = io.StringIO()
    assert main(["--library", str(library), *args], out=out, err=io.StringIO()) == 0
    return json.loads(out.getvalue())


def test_timeline_and_show_json_contracts(tmp_path: Path) -> None:
    library = tmp_path / "library"
    _cli(library, "add", "--seeds", "--json")
    timeline = _cli(library, "timeline", "--by", "year", "--json")
    assert isinstance(timeline, dict) and set(timeline) == {"by", "buckets", "undated"}
    assert [(b["start"], b["end"], b["count"]) for b in timeline["buckets"]][:2] == [
        ("2018-01-01", "2018-12-31", 3),
        ("2019-01-01", "2019-12-31", 0),
    ]
    assert all(set(b) == {"start", "end", "count", "articles"} for b in timeline["buckets"])
    articles = _cli(library, "articles", "--json")
    assert isinstance(articles, list)
    scmp = next(a for a in articles if a["title"] == SEED_TITLES["003"])
    shown = _cli(library, "show", scmp["id"], "--json")
    assert isinstance(shown, dict)
    mentions = {(m["text"], m["date"], m["precision"]) for m in shown["mentions"]}
    assert {("May 31", "2018-05-31", "day"), ("June 12", "2018-06-12", "day")} <= mentions
