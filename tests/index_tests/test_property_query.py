"""Property tests of the search language on hostile queries (issue 9).

Whatever a user types (unbalanced quotes and brackets, reversed or impossible date ranges, 100 KB of text,
regex-like syntax, NUL bytes, unknown fields, `date:`/`mentions:`/`entity:` with junk values), `Library.search`
answers with a SearchResult or a one-line QueryError, quickly; never another exception. `newsdesk search --batch`
answers each line of a file of such queries with exactly one JSON line.
"""

from __future__ import annotations

import io
import json
import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from index.cli import main
from index.errors import QueryError
from index.library import Library, open_library
from index.model import SearchResult
from index.query import USER_FIELDS

from .test_property_cleaner import FORBIDDEN, assert_safe

PROPERTY = settings(
    max_examples=250,
    deadline=None,
    database=None,  # nothing left behind in the checkout
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MAX_SECONDS_PER_QUERY = 3.0
LIMIT = 5


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    opened = open_library(tmp_path_factory.mktemp("query") / "library")
    report = opened.add_seeds()
    assert report.count("added") == 5
    yield opened
    opened.close()


def assert_answers(library: Library, query: str) -> SearchResult | QueryError:
    start = time.perf_counter()
    try:
        answer: SearchResult | QueryError = library.search(query, limit=LIMIT)
    except QueryError as error:
        answer = error
    elapsed = time.perf_counter() - start
    assert elapsed < MAX_SECONDS_PER_QUERY, f"{elapsed:.1f} s for {query[:200]!r}"
    if isinstance(answer, QueryError):
        message = str(answer)
        assert message and "\n" not in message and "\r" not in message, repr(message)
        assert_safe(message)  # the user's text comes back escaped (repr), never raw
    else:
        assert answer.query == query
        assert 0 <= len(answer.hits) <= LIMIT and answer.total >= len(answer.hits)
        for hit in answer.hits:
            assert_safe(hit.title)
            assert_safe(hit.highlights)
    return answer


# --- What hostile queries are made of ---------------------------------------------------------------------

SEED_WORDS = ["Lavrov", "Pyongyang", "Korea", "minister", "Russia", "Kim", "Choe Son Hui", "Moscow", "nuclear"]
FIELD_NAMES = [*USER_FIELDS, "id", "path", "mentioned", "published_iso", "Title", "DATE", "nosuchfield", "a", "_x"]
SYNTAX = ['"', "(", ")", "[", "]", "{", "}", ":", "*", "?", "^", "~", "\\", "/", "-", "+", "!", "'", "<", ">", "="]
OPERATORS = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO", "to", "&&", "||"]
REGEX_LIKE = [".*[a-z]+\\", "^$", "(?:x)", "a{2,}", "[^\\]]", "\\d+", "(a|b)*c", "\\\\", "%s%n", "${x}"]
CONTROL_BITS = ["\x00", "\x1b[31m", "\x1b]0;t\x07", "\x9b", "\t", "\x7f", "\u202e", "\u200b", "\ufeff"]
DATE_VALUES = [
    "2018",
    "2018-04",
    "2018-04-11",
    "[2018-04-01 to 2018-06-30]",
    "[2019 to 2018]",  # reversed
    "[2023 to]",
    "[to 2018]",
    "[to]",
    "[]",
    "[",
    ">2023",
    ">=2023-10",
    "<2019",
    "<=2018-05",
    ">9999",
    "<0001",
    ">=9999-12-31",
    "0000",
    "9999-12-31",
    "2018-02-30",
    "2018-13",
    "today",
    "yesterday",
    '"last 7 days"',
    '"last 9999 years"',
    '"last 9999 months"',
    '"this month"',
    '"last year"',
    '"next week"',
    '""',
    "-1",
    "1e9",
    "x",
]
ENTITY_VALUES = ['"Sergei Lavrov"', "Lavrov", '"Sergi Lavrov"', "UNSC", "DPRK", '""', '"', "person:x", "*", "(", "?"]


def _dates() -> st.SearchStrategy[str]:
    any_day = st.dates().map(lambda day: f"{day.year:04d}-{day.month:02d}-{day.day:02d}")
    ranges = st.tuples(any_day, any_day).map(lambda pair: f"[{pair[0]} to {pair[1]}]")
    operators = st.tuples(st.sampled_from([">", ">=", "<", "<="]), any_day).map("".join)
    return st.one_of(st.sampled_from(DATE_VALUES), any_day, ranges, operators, st.text(max_size=12))


clauses = st.one_of(
    st.tuples(st.sampled_from(["date:", "DATE:", "mentions:"]), _dates()).map("".join),
    st.tuples(
        st.sampled_from(["entity:", "person:", "org:", "place:"]), st.one_of(st.sampled_from(ENTITY_VALUES), st.text())
    ).map("".join),
    st.tuples(
        st.sampled_from(FIELD_NAMES), st.just(":"), st.one_of(st.sampled_from(SEED_WORDS), st.text(max_size=8))
    ).map("".join),
)
pieces = st.one_of(
    clauses,
    st.sampled_from(SEED_WORDS),
    st.sampled_from(SYNTAX),
    st.sampled_from(OPERATORS),
    st.sampled_from(REGEX_LIKE),
    st.sampled_from(CONTROL_BITS),
    st.text(max_size=10),
)
hostile_queries = st.one_of(
    st.lists(pieces, min_size=1, max_size=12).map(" ".join),
    st.lists(pieces, min_size=1, max_size=12).map("".join),
    st.text(max_size=60),
)


@PROPERTY
@given(hostile_queries)
def test_hostile_queries_get_results_or_one_line_errors(library: Library, query: str) -> None:
    assert_answers(library, query)


@PROPERTY
@given(st.sampled_from(["date:", "mentions:"]), _dates(), st.sampled_from(SEED_WORDS + [""]))
def test_date_clauses_with_any_value(library: Library, field: str, value: str, word: str) -> None:
    assert_answers(library, f"{word} {field}{value}".strip())


def test_reversed_and_impossible_dates_are_query_errors(library: Library) -> None:
    for query in ("date:[2019 to 2018]", "date:>9999", "date:<0001", 'date:"last 9999 years"', "date:2018-02-30"):
        assert isinstance(assert_answers(library, query), QueryError), query
    for query in ("date:>=9999-12-31", "date:<=0001", "date:[0001 to 0002]", "date:[2018 to]"):
        assert isinstance(assert_answers(library, query), SearchResult), query


def _random_text(rng: random.Random, size: int) -> str:
    alphabet = (
        "".join(SYNTAX)
        + 'abcxyz "()[]:*\\\x00\x1b\u202e'
        + "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(30))
    )
    return "".join(rng.choice(alphabet) for _ in range(size))


HUGE = 100_000


@pytest.mark.parametrize(
    "query",
    [
        "Lavrov " * (HUGE // 7),
        '"' * HUGE,
        "(" * HUGE,
        "(" * (HUGE // 2) + ")" * (HUGE // 2),
        "date:" * (HUGE // 5),
        "date:[2018 to 2019] " * (HUGE // 20),
        ".*[a-z]+\\" * (HUGE // 10),
        "\x00" * HUGE,
        "a*" * (HUGE // 2),
        "\x1b[31m" * (HUGE // 5),
        _random_text(random.Random(9), HUGE),
    ],
    ids=[
        "words",
        "quotes",
        "open-parens",
        "parens",
        "date-prefixes",
        "date-ranges",
        "regex",
        "nul",
        "wildcards",
        "escapes",
        "random",
    ],
)
def test_huge_queries_are_refused_quickly(library: Library, query: str) -> None:
    answer = assert_answers(library, query)
    assert isinstance(answer, QueryError)


@pytest.mark.parametrize(
    "query",
    [
        "a" * 1999,
        "Lavrov " * 280,
        "(" * 900 + "Lavrov" + ")" * 900,
        "Lavrov OR " * 199 + "Korea",
        "NOT " * 400 + "Lavrov",
        "*a* " * 400,
        "date:>2018 " * 150,
        "entity:Lavrov " * 130,
    ],
    ids=["long-word", "many-words", "deep-parens", "many-ors", "many-nots", "wildcards", "many-dates", "many-entities"],
)
def test_queries_at_the_length_limit_stay_fast(library: Library, query: str) -> None:
    assert_answers(library, query)


# --- search --batch ---------------------------------------------------------------------------------------

# Characters str.splitlines() also ends a line at; a file's lines are what "\n" separates .
_OTHER_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _batch_queries() -> list[str]:
    rng = random.Random(20261127)
    queries = [
        "Lavrov",
        "",
        "   ",
        '"unterminated',
        "(((",
        "nosuchfield:x",
        "date:[2019 to 2018]",
        "date:>9999",
        'date:"last 9999 years"',
        "mentions:junk",
        'entity:"Sergei Lavrov"',
        "entity:",
        "person:(",
        ".*[a-z]+\\",
        "a\x00b",
        "\x1b[31mLavrov\x1b[0m",
        "\u202eLavrov",
        "x" * 5000,
        '{"query": "json in a query"}',
    ]
    for _ in range(60):
        query = "".join(
            rng.choice(DATE_VALUES + SEED_WORDS + SYNTAX + OPERATORS + REGEX_LIKE + CONTROL_BITS + [" "] * 8)
            for _ in range(rng.randrange(1, 8))
        )
        queries.append(query)
    return ["".join(" " if c in _OTHER_LINE_BREAKS else c for c in query) for query in queries]


def _run_batch(library: Library, lines: str, tmp_path: Path) -> tuple[int, list[dict[str, object]], str]:
    batch = tmp_path / "queries.txt"
    batch.write_text(lines, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["--library", str(library.path), "search", "--batch", str(batch), "--limit", "3", "--json"], out=out, err=err
    )
    return code, [json.loads(line) for line in out.getvalue().split("\n")[:-1]], out.getvalue()


def test_batch_answers_every_line_with_one_json_line(library: Library, tmp_path: Path) -> None:
    queries = _batch_queries()
    code, answers, raw = _run_batch(library, "\n".join(queries) + "\n", tmp_path)
    assert code == 0
    assert len(answers) == len(queries)
    for query, answer in zip(queries, answers, strict=True):
        assert answer["query"] == query
        if "error" in answer:
            assert set(answer) == {"query", "error"}
            assert isinstance(answer["error"], str) and answer["error"] and "\n" not in answer["error"]
        else:
            assert set(answer) == {"query", "total", "hits"}
    assert "\x1b" not in raw and not any(c in FORBIDDEN for c in raw if ord(c) < 0x20 and c != "\n")


def test_batch_lines_are_what_newlines_separate(library: Library, tmp_path: Path) -> None:
    queries = ["Lavrov\x0cKorea", "Lavrov\u2028Korea", "Kim\x85Moscow", "Russia"]
    _, answers, _ = _run_batch(library, "\n".join(queries) + "\n", tmp_path)
    assert [answer["query"] for answer in answers] == queries
