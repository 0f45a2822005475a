"""The timeline strip's drawing, tested as the pure functions it is."""

from __future__ import annotations

import datetime as dt

from rich.style import Style
from rich.text import Text

from tui.timeline_layout import (
    EMPTY_GLYPH,
    MARK_GLYPHS,
    TimelineStyles,
    date_label,
    draw_timeline,
    glyph_for,
    layout_timeline,
)

STYLES = TimelineStyles(axis=Style(dim=True), mark=Style(bold=True), current=Style(reverse=True), label=Style())
APRIL_1 = dt.date(2018, 4, 1)


def style_at(text: Text, offset: int) -> Style:
    return Style.combine(span.style for span in text.spans if span.start <= offset < span.end)  # type: ignore[misc]


def test_first_and_last_dates_sit_at_the_ends() -> None:
    layout = layout_timeline([("a", APRIL_1), ("b", dt.date(2018, 4, 11)), ("c", dt.date(2018, 4, 21))], 0, 21)
    assert layout.counts[0] == 1 and layout.counts[10] == 1 and layout.counts[20] == 1
    assert sum(layout.counts) == 3
    assert (layout.first, layout.last) == (APRIL_1, dt.date(2018, 4, 21))


def test_articles_on_the_same_day_share_a_column() -> None:
    layout = layout_timeline([("a", APRIL_1), ("b", APRIL_1), ("c", dt.date(2018, 5, 1))], 0, 10)
    assert layout.counts[0] == 2 and layout.counts[-1] == 1


def test_a_single_date_fills_the_first_column() -> None:
    layout = layout_timeline([("a", APRIL_1)], 0, 5, current_id="a")
    assert layout.counts == (1, 0, 0, 0, 0)
    assert layout.current_column == 0


def test_datetimes_and_dates_mix() -> None:
    layout = layout_timeline([("a", dt.datetime(2018, 4, 1, 23, 59)), ("b", dt.date(2018, 4, 3))], 0, 3)
    assert layout.counts == (1, 0, 1)


def test_the_current_article_is_located_or_known_to_be_undated() -> None:
    points = [("a", APRIL_1), ("b", dt.date(2019, 4, 1))]
    assert layout_timeline(points, 1, 10, current_id="b").current_column == 9
    undated = layout_timeline(points, 1, 10, current_id="z")
    assert undated.current_column is None and undated.current_is_undated
    nothing_open = layout_timeline(points, 1, 10)
    assert nothing_open.current_column is None and not nothing_open.current_is_undated


def test_busier_columns_get_taller_marks() -> None:
    assert glyph_for(0, 4) == EMPTY_GLYPH
    assert glyph_for(1, 4) == MARK_GLYPHS[0]
    assert glyph_for(4, 4) == MARK_GLYPHS[-1]
    assert glyph_for(1, 1000) == MARK_GLYPHS[0]  # one article is never invisible


def test_labels_are_months_unless_the_span_is_within_one_month() -> None:
    assert date_label(APRIL_1, APRIL_1, dt.date(2023, 10, 19)) == "2018-04"
    assert date_label(APRIL_1, APRIL_1, dt.date(2018, 4, 30)) == "2018-04-01"


def test_drawing_is_two_lines_of_the_full_width_with_labels_at_the_ends() -> None:
    layout = layout_timeline([("a", APRIL_1), ("b", dt.date(2023, 10, 19))], 2, 40, current_id="b")
    marks, labels = draw_timeline(layout, STYLES).split("\n")
    assert len(marks) == len(labels) == 40
    assert marks.plain == MARK_GLYPHS[-1] + EMPTY_GLYPH * 38 + MARK_GLYPHS[-1]
    assert labels.plain.startswith("2018-04") and labels.plain.endswith("2023-10")
    assert "2 undated" in labels.plain
    assert style_at(marks, 39) == STYLES.current
    assert style_at(marks, 0) == STYLES.mark


def test_an_undated_current_article_highlights_the_undated_count() -> None:
    layout = layout_timeline([("a", APRIL_1), ("b", dt.date(2023, 10, 19))], 2, 40, current_id="undated-one")
    _, labels = draw_timeline(layout, STYLES).split("\n")
    start = labels.plain.index("2 undated")
    assert style_at(labels, start) == STYLES.current


def test_a_library_without_dates_says_so() -> None:
    marks, labels = draw_timeline(layout_timeline([], 3, 30), STYLES).split("\n")
    assert marks.plain.strip() == "no dated articles"
    assert labels.plain.strip() == "3 undated"


def test_a_narrow_strip_drops_the_end_date_before_the_undated_count() -> None:
    layout = layout_timeline([("a", APRIL_1), ("b", dt.date(2023, 10, 19))], 12, 20)
    _, labels = draw_timeline(layout, STYLES).split("\n")
    assert len(labels) == 20
    assert labels.plain.startswith("2018-04") and "12 undated" in labels.plain
