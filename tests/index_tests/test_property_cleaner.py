"""Property tests of index.sanitize and index.clean on hostile text (issue 9).

Whatever the text, `sanitize_text` leaves nothing a terminal would act on or hide (escape sequences, C0/C1
controls, bidi controls, zero-width and format characters), is idempotent and keeps Rich-style markup as literal
text; `clean_article_text` either refuses the text with BadInputError or gives a title and body with the same
safety, whose words all come from the input.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from index.clean import CleanedText, clean_article_text
from index.errors import BadInputError
from index.sanitize import sanitize_text

# No example database: the tests leave nothing behind in the checkout (the conftest's autouse fixture only sets
# environment variables, so sharing it between examples is harmless).
PROPERTY = settings(
    max_examples=200,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],  # no .hypothesis/patches
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What sanitised text never holds: every C0 control but "\n" (a tab becomes a space, "\r" a line break), DEL, every
# C1 control, the bidi embeddings, overrides, isolates and marks, zero-width and invisible format characters, and the
# unicode line and paragraph separators (they become "\n").
FORBIDDEN = frozenset(
    chr(code)
    for code in (
        *(code for code in range(0x20) if code != 0x0A),
        0x7F,
        *range(0x80, 0xA0),
        0x00AD,  # soft hyphen
        0x061C,  # Arabic letter mark (a bidi mark, like LRM/RLM)
        *range(0x200B, 0x2010),  # zero-width space/non-joiner/joiner, LRM, RLM
        0x2028,
        0x2029,
        *range(0x202A, 0x202F),  # LRE, RLE, PDF, LRO, RLO
        *range(0x2060, 0x2065),  # word joiner, invisible operators
        *range(0x2066, 0x206A),  # LRI, RLI, FSI, PDI
        0xFEFF,
    )
)

# Pieces hostile text is made of: terminal sequences (whole, cut short, nested in each other), controls, bidi and
# zero-width characters, Rich markup, line-ending variants and ordinary words.
WHOLE_ESCAPES = [
    "\x1b[31m",
    "\x1b[0m",
    "\x1b[2J\x1b[H",
    "\x1b[?1049h",
    "\x1b[38;2;255;0;0m",
    "\x1b]0;pwned\x07",
    "\x1b]8;;file:///etc/passwd\x1b\\link\x1b]8;;\x1b\\",
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: write the clipboard
    "\x1bP+q544e\x1b\\",  # DCS
    "\x1b_APC\x1b\\",
    "\x1b^PM\x1b\\",
    "\x1bX SOS \x1b\\",
    "\x1b7",
    "\x1b8",
    "\x1bc",
    "\x1b(B",
    "\x1b#8",
    "\x9b31m",
    "\x9d0;title\x9c",
    "\x90dcs\x9c",
]
# Sequences cut short, lone introducers, one sequence opened inside another.
PARTIAL_ESCAPES = [
    "\x1b[",
    "\x1b]",
    "\x1b]0;unterminated",
    "\x1bP",
    "\x1b",
    "\x9b",
    "\x9d",
    "\x1b\x1b[",
    "\x1b[\x1b]0;x\x07m",
]
ESCAPES = WHOLE_ESCAPES + PARTIAL_ESCAPES
CONTROLS = [chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
INVISIBLES = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u2028",
    "\u2029",
    "\u00a0",
    "\u3000",
    "\u2003",
]
MARKUP = [
    "[bold red]x[/]",
    "[bold]",
    "[/]",
    "[/bold]",
    "[link=file:///etc/passwd]click[/link]",
    "[link=https://evil.example]",
    "[@click=app.quit]quit[/]",
    "\\[escaped]",
    "[",
    "]",
    "[[",
    ":warning:",
    "<b>",
    "&lt;",
]
WORDS = [
    "Lavrov",
    "Pyongyang",
    "minister",
    "Home > World",
    "Subscribe",
    "Print Edition",
    "A version of this article appeared in the print edition of The Straits Times on April 11, 2018.",
    "Related Articles",
    "https://example.com/a/b",
    "Source:",
    "North Korea | Kim Jong-un wants to build a relationship with Russia",
    "Updated: Tuesday, April 10, 2018 12:30 pm",
    "The talks resumed on Monday.",
    "INTERNATIONAL",
    "Back to top",
    "\u05e9\u05dc\u05d5\u05dd",  # Hebrew: right-to-left letters
    "\u0645\u0631\u062d\u0628\u0627",  # Arabic
    "\u5317\u671d\u9c9c",
    "e\u0301",  # combining accent
    "\U0001f600",
]
BREAKS = ["\n", "\n\n", "\r\n", "\r", " ", "\t", "  ", "\x0b", "\x0c", "\x85"]

fragments = st.one_of(
    st.sampled_from(ESCAPES),
    st.sampled_from(CONTROLS),
    st.sampled_from(INVISIBLES),
    st.sampled_from(MARKUP),
    st.sampled_from(WORDS),
    st.sampled_from(BREAKS),
    st.text(max_size=12),
)
hostile_text = st.one_of(st.lists(fragments, max_size=60).map("".join), st.text(max_size=300))


def assert_safe(text: str) -> None:
    found = sorted({f"U+{ord(character):04X}" for character in text if character in FORBIDDEN})
    assert not found, f"unsafe characters {found} in {text!r}"


def tokens(text: str) -> set[str]:
    return set(text.split())


# --- sanitize_text ----------------------------------------------------------------------------------------


@PROPERTY
@given(hostile_text)
def test_sanitized_text_is_safe_and_idempotent(text: str) -> None:
    once = sanitize_text(text)
    assert_safe(once)
    assert sanitize_text(once) == once


@PROPERTY
@given(st.lists(st.one_of(st.sampled_from(MARKUP), st.sampled_from(WORDS[:15]), st.sampled_from([" ", "\n"]))))
def test_markup_and_plain_text_stay_literal(pieces: list[str]) -> None:
    """Text with nothing to remove comes back unchanged: "[bold red]x[/]" stays those characters, brackets and all,
    for a UI to show as text, never as style."""
    text = "".join(pieces)
    assert sanitize_text(text) == text


# Controls that start no sequence. A lone introducer ("\x1b", "\x9b") takes the characters after it as a terminal
# would ("\x1b[b" is a CSI sequence), so those are left out of the next test.
_INTRODUCERS = "\x1b\x90\x98\x9b\x9d\x9e\x9f"
INERT_CONTROLS = [control for control in CONTROLS if control not in _INTRODUCERS]


@PROPERTY
@given(st.lists(st.tuples(st.sampled_from(MARKUP), st.sampled_from(WHOLE_ESCAPES + INERT_CONTROLS + INVISIBLES))))
def test_markup_brackets_survive_among_escapes(pairs: list[tuple[str, str]]) -> None:
    """Removing an escape sequence never eats the markup beside it, nor makes new markup out of nothing."""
    text = "".join(markup + hostile for markup, hostile in pairs)
    cleaned = sanitize_text(text)
    expected = "".join(markup for markup, _ in pairs)
    assert cleaned.count("[") == expected.count("[")
    assert cleaned.count("]") == expected.count("]")


@pytest.mark.parametrize(
    "piece",
    ["\x1b[31mx", "\x1b]0;", "\x1bP", "\x9b", "[bold]\x1b[", "\u202e\u200b", "a\tb\r\n", "\x1b" * 3 + "["],
)
def test_long_hostile_lines_are_sanitized_in_linear_time(piece: str) -> None:
    text = piece * (400_000 // len(piece))  # ~400 KB on one line, escape sequences left open throughout
    start = time.perf_counter()
    cleaned = sanitize_text(text)
    assert time.perf_counter() - start < 2.0
    assert_safe(cleaned)


# --- clean_article_text -----------------------------------------------------------------------------------


def assert_cleaned(text: str, cleaned: CleanedText) -> None:
    assert_safe(cleaned.title)
    assert_safe(cleaned.body)
    assert cleaned.title.strip(), "an empty title"
    assert "\n" not in cleaned.title
    for removed in (*cleaned.removed_header, *cleaned.removed_trailer):
        assert_safe(removed)
    for fact in (cleaned.header_url, cleaned.print_line, cleaned.kicker):
        if fact is not None:
            assert_safe(fact)
    source = " ".join(sanitize_text(text).split())
    # Every word of the body is in the input (a print line glued to the text before it is cut out of its word),
    # and the body is the input's text in the input's order, less what was removed.
    invented = {word for word in tokens(cleaned.body) if word not in source}
    assert not invented, f"body words not in the input: {sorted(invented)[:5]}"
    assert is_subsequence("".join(cleaned.body.split()), "".join(source.split())), cleaned.body
    # A title is a line of the input or a part of one; one taken from a long first paragraph is cut (maybe inside a
    # word) and ends in "…".
    title = " ".join(cleaned.title.split())
    assert title in source or title.removesuffix("…") in source, f"title not in the input: {cleaned.title!r}"


def is_subsequence(part: str, whole: str) -> bool:
    remaining = iter(whole)
    return all(character in remaining for character in part)


@PROPERTY
@given(hostile_text)
def test_clean_article_text_is_safe_and_invents_nothing(text: str) -> None:
    try:
        cleaned = clean_article_text(text)
    except BadInputError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert_cleaned(text, cleaned)


article_lines = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKUP), st.sampled_from(ESCAPES), hostile_text),
    min_size=1,
    max_size=25,
)


@PROPERTY
@given(article_lines, st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\u2029"]), min_size=1))
def test_clean_article_text_on_article_shaped_text(lines: list[str], separators: list[str]) -> None:
    """Header labels, headlines, print lines and trailers mixed with hostile lines, in article shape."""
    text = "".join(line + separators[number % len(separators)] for number, line in enumerate(lines))
    try:
        cleaned = clean_article_text(text)
    except BadInputError as error:  # no text, or nothing but header labels
        assert str(error) == "no text"
        return
    assert_cleaned(text, cleaned)


def test_clean_article_text_on_a_huge_hostile_page_is_fast() -> None:
    line = "Lavrov \x1b[31mmet\x1b[0m the [bold]minister[/] \u202ein Pyongyang\u202c.\x1b]0;t\x07 "
    text = "Home > World\n\nTalks resume in Pyongyang\n\n" + "\n".join(line * 40 for _ in range(300))
    start = time.perf_counter()
    cleaned = clean_article_text(text)
    assert time.perf_counter() - start < 5.0
    assert cleaned.title == "Talks resume in Pyongyang"
    assert_cleaned(text, cleaned)
    assert "[bold]minister[/]" in cleaned.body
