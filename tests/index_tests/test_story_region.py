"""The text of a whole page (a browser's "Save as Text"): menus and footers around the story are cut, the headline
above it is the title (index.story_region, index.clean). Text with little furniture is left to the finer rules."""

from __future__ import annotations

import textwrap

from index.clean import clean_article_text
from index.story_region import MIN_CUT_LINES, story_span

from .corpora import corpus_file, load_bench_module

# Measured 2026-11-27 with bench/clean/measure.py over the 181 pages of the article-extraction benchmark saved as
# text: mean word F1 of the body 0.858 (precision 0.815, recall 0.963); the page text as it is scores 0.645, and the
# cleaner before it cut a page to its story 0.661.
PAGE_F1_FLOOR = 0.82

MENU = [
    "Skip to content", "Home", "World", "Business", "Markets", "Technology", "Science", "Health", "Sport",
    "Culture", "Travel", "Opinion", "Video", "Podcasts", "Newsletters", "Sign in", "Search",
]  # fmt: skip
FOOTER = [
    "More from Business", "Factory output rises for a third month", "Central bank holds rates",
    "Shipping costs ease as ports clear", "About us", "Contact", "Careers", "Privacy policy", "Terms of use",
    "Cookie settings", "© 2031 Example Media Group", "All rights reserved",
]  # fmt: skip
HEADLINE = "Harbour authority opens a second container terminal to ease congestion"
STORY = [
    "The harbour authority opened a second container terminal on Monday, doubling the number of ships the port"
    " can unload at once after a year of queues that stretched along the coast.",
    "Officials said the terminal, built on reclaimed land to the south of the old docks, would handle its first"
    " vessels next week and reach full capacity by the spring.",
    "What comes next",
    "“We have waited a long time for this,” said one shipping agent.",
    "Freight companies welcomed the news but warned that the roads and railways leading inland would need work"
    " of their own before the extra cargo could move freely.",
]


def _page(*sections: list[str]) -> str:
    return "\n\n".join(line for section in sections for line in section)


def test_a_saved_page_is_cut_to_its_headline_and_story() -> None:
    between = ["By Jane Doe", "Nov 19, 2031 10:31 am ET", "Share", "Cranes at the quay. (Photo: Port Authority/J. Doe)"]
    text = _page(MENU, ["Business"], [HEADLINE], between, STORY, FOOTER)
    cleaned = clean_article_text(text)
    assert cleaned.title == HEADLINE
    assert cleaned.body == "\n\n".join(STORY)
    assert set(MENU) <= set(cleaned.removed_header) and "By Jane Doe" in cleaned.removed_header
    assert set(FOOTER) <= set(cleaned.removed_trailer)


def test_without_a_headline_above_the_story_its_first_paragraph_names_it() -> None:
    cleaned = clean_article_text(_page(MENU, ["Share", "Print"], STORY, FOOTER))
    assert cleaned.title.startswith("The harbour authority opened a second container terminal")
    assert cleaned.body == "\n\n".join(STORY)


def test_a_photo_caption_or_a_dateline_is_not_taken_for_the_headline() -> None:
    for above in ("Cranes at the new quay on Monday (AP Photo/Jane Doe)", "Published Monday 19 November 2031 at 10:31"):
        cleaned = clean_article_text(_page(MENU, [HEADLINE, above], STORY, FOOTER))
        assert cleaned.title == HEADLINE, above


def test_the_headline_is_the_line_above_that_shares_words_with_the_story() -> None:
    above = [HEADLINE, "Jane Doe - Senior Shipping Correspondent", "You are signed in as a guest reader"]
    assert clean_article_text(_page(MENU, above, STORY, FOOTER)).title == HEADLINE


def test_hard_wrapped_paragraphs_count_as_the_prose_they_are() -> None:
    wrapped = ["\n".join(textwrap.wrap(paragraph, 60)) for paragraph in STORY]
    cleaned = clean_article_text(_page(MENU, [HEADLINE], wrapped, FOOTER))
    assert cleaned.title == HEADLINE
    assert cleaned.body == "\n\n".join(wrapped)


def test_prose_written_without_spaces_is_prose() -> None:
    story = [
        "港口管理局星期一开放了第二个集装箱码头，使港口可以同时卸货的船只数量增加了一倍，此前一年排队的船只沿海岸延伸。",
        "官员表示，这个码头建在旧码头以南的填海土地上，将在下周接待首批船只，并在春季达到满负荷运转。",
    ]
    cleaned = clean_article_text(_page(MENU, ["港口管理局开放第二个集装箱码头"], story, FOOTER))
    assert cleaned.body == "\n\n".join(story)


def test_an_article_with_a_little_furniture_is_left_whole() -> None:
    lines = ["Home > Business", "Markets", HEADLINE, *STORY, "Back to top", "Share this article"]
    assert MIN_CUT_LINES > 2
    assert story_span(lines, list(range(len(lines)))) == (0, len(lines))


def test_text_without_prose_is_left_whole() -> None:
    lines = [f"Line {number} of a short-lined poem" for number in range(40)]
    assert story_span(lines, list(range(len(lines)))) == (0, len(lines))
    assert story_span([], []) == (0, 0)


def test_a_table_of_figures_after_the_story_is_kept() -> None:
    rows = [f"Qtr {number} shr {number * 3} cts vs {number * 2} cts net {number}.5 mln" for number in range(1, 13)]
    for layout in ("\n".join(rows), "\n\n".join(rows)):  # one block, or a block per row
        cleaned = clean_article_text(f"{HEADLINE}\n\n{STORY[0]}\n\n{layout}")
        assert cleaned.body == f"{STORY[0]}\n\n{layout}"


def test_long_list_items_after_the_story_are_kept() -> None:
    items = [
        f"- Item {word}: the terminal adds berths, cranes and rail sidings for the inland line" for word in "abcdefghij"
    ]
    cleaned = clean_article_text(_page([HEADLINE], STORY, items, FOOTER))
    assert cleaned.body == "\n\n".join([*STORY, *items])


def test_word_f1_on_pages_saved_as_text() -> None:
    path = corpus_file("html/article-extraction-benchmark.tar.gz")
    measure = load_bench_module("clean/measure.py")
    samples = measure.read_benchmark(path)
    assert len(samples) > 150
    texts = {sample.id: measure.page_as_text(sample.raw) for sample in samples}
    scores = measure.score_text(samples, texts, measure.cleaned)
    assert scores.f1 >= PAGE_F1_FLOOR, scores


def test_a_page_copied_without_blank_lines_is_cut_too() -> None:
    cleaned = clean_article_text("\n".join([*MENU, HEADLINE, *STORY, *FOOTER]))
    assert cleaned.title == HEADLINE and cleaned.body == "\n".join(STORY)


def test_hard_wrapped_prose_without_blank_lines_is_never_cut() -> None:
    wrapped = textwrap.wrap(" ".join(STORY), 60)
    cleaned = clean_article_text("\n".join([HEADLINE, *wrapped, *FOOTER]))
    assert cleaned.body.startswith("\n".join(wrapped))
