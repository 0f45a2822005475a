"""index.clean and index.sanitize: sanitizing untrusted text, and title/body/boilerplate separation on pages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from index.clean import CleanedText, clean_article_text
from index.errors import BadInputError
from index.sanitize import sanitize_text

from .conftest import SEED_TITLES

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Page furniture each seed carries; none of it may survive in the body.
SEED_BOILERPLATE = {
    "000": ("Print Edition", "Subscribe", "A version of this article"),
    "001": ("Asia-PacificKoreaWorld", "Back to top"),
    "002": ("INTERNATIONAL", "Related Articles", "Back to top"),
    "003": ("Source:", "https://", "Asia/ East Asia"),
    "004": ("source site-59", "North Korea |"),
}
PRINT_LINE_START = "A version of this article appeared in the print edition"
MIN_PARAGRAPH_WORDS = 8


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def normalized_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in sanitize_text(text).split("\n")]


def assert_tidy(body: str) -> None:
    """Paragraphs separated by exactly one blank line, no stray whitespace."""
    assert body == body.strip()
    assert "\n\n\n" not in body
    for line in body.split("\n"):
        assert line == line.strip()
        assert "  " not in line


# --- The seeds --------------------------------------------------------------------------------------------


@pytest.fixture(params=sorted(SEED_TITLES))
def seed(request: pytest.FixtureRequest) -> tuple[str, str, CleanedText]:
    prefix: str = request.param
    text = seed_text(prefix)
    return prefix, text, clean_article_text(text)


def test_seed_title(seed: tuple[str, str, CleanedText]) -> None:
    prefix, _, cleaned = seed
    assert cleaned.title == SEED_TITLES[prefix]


def test_seed_body_has_no_boilerplate(seed: tuple[str, str, CleanedText]) -> None:
    prefix, _, cleaned = seed
    for furniture in SEED_BOILERPLATE[prefix]:
        assert furniture not in cleaned.body
    assert_tidy(cleaned.body)


def test_seed_body_keeps_every_paragraph(seed: tuple[str, str, CleanedText]) -> None:
    _, text, cleaned = seed
    title_lines = {cleaned.title, f"{cleaned.kicker} | {cleaned.title}"}
    paragraphs = [
        line
        for line in normalized_lines(text)
        if len(line.split()) >= MIN_PARAGRAPH_WORDS
        and not line.startswith(PRINT_LINE_START)
        and line not in title_lines
    ]
    assert paragraphs
    for paragraph in paragraphs:
        assert paragraph in cleaned.body
    assert cleaned.title not in cleaned.body.split("\n\n")


def test_seed_000_print_line_is_split_from_the_menu_glued_to_it() -> None:
    cleaned = clean_article_text(seed_text("000"))
    assert cleaned.print_line == (
        "A version of this article appeared in the print edition of The Straits Times on April 11, 2018, "
        "with the headline 'N. Korea minister urges stronger ties with Russia'."
    )
    assert cleaned.removed_trailer == (cleaned.print_line, "Print Edition | Subscribe")
    assert cleaned.body.endswith("AGENCE FRANCE-PRESSE, REUTERS")  # the wire credit is editorial


def test_seed_001_glued_navigation_is_header() -> None:
    cleaned = clean_article_text(seed_text("001"))
    assert cleaned.removed_header == ("Asia-PacificKoreaWorld News",)
    assert cleaned.removed_trailer == ("Back to top button",)
    assert "\n\nNorth Korean foreign minister travels to China\n\n" in cleaned.body  # a sub-heading stays


def test_seed_002_caps_label_and_related_articles() -> None:
    cleaned = clean_article_text(seed_text("002"))
    assert cleaned.removed_header == ("INTERNATIONAL",)
    assert cleaned.removed_trailer == ("Related Articles", "Back to top button")
    assert "Russia-North Korea relations" in cleaned.body


def test_seed_003_source_url_and_path() -> None:
    cleaned = clean_article_text(seed_text("003"))
    url = "https://scmp.com/news/asia/east-asia/article/2148378/russian-foreign-minister-sergei-lavrov-visit-north-korea-soon"
    assert cleaned.header_url == url
    assert cleaned.removed_header == ("Source:", url, "Asia/ East Asia")
    assert cleaned.body.startswith("He was invited by North Korean foreign minister")  # the standfirst stays
    assert "Photo: AFP" in cleaned.body
    assert cleaned.body.endswith("Additional reporting by Agence France-Presse, Associated Press and Reuters")
    assert cleaned.removed_trailer == ()


def test_seed_004_kicker_and_scraper_artefact() -> None:
    cleaned = clean_article_text(seed_text("004"))
    assert cleaned.kicker == "North Korea"
    assert cleaned.removed_trailer == ("source site-59",)
    editorial_lines = (
        "Deliveries in progress?",
        "PHOTO AGENCY KCNA BY REUTERS",
        "Russian Foreign Minister Sergei Lavrov",
    )
    for editorial in editorial_lines:
        assert f"\n\n{editorial}\n\n" in cleaned.body


def test_seeds_without_those_parts_report_none() -> None:
    cleaned = clean_article_text(seed_text("001"))
    assert (cleaned.header_url, cleaned.print_line, cleaned.kicker) == (None, None, None)


# --- Invented pages ---------------------------------------------------------------------------------------

STORY = (
    "Leaders of the two countries met on Tuesday in the capital for talks on trade and security.\n\n"
    "The meeting lasted three hours, officials said, and ended with a joint statement on energy.\n\n"
)


def test_angle_breadcrumb_and_share_newsletter_copyright_trailer() -> None:
    text = (
        "Home > World > Europe\n\n"
        "European ministers agree on new rules for grain imports\n\n"
        f"{STORY}"
        "Share this article\n\n"
        "Sign up for our newsletter\n\n"
        "© 2024 Example Media. All rights reserved.\n"
    )
    cleaned = clean_article_text(text)
    assert cleaned.title == "European ministers agree on new rules for grain imports"
    assert cleaned.removed_header == ("Home > World > Europe",)
    assert cleaned.body == STORY.strip()
    assert cleaned.removed_trailer == (
        "Share this article",
        "Sign up for our newsletter",
        "© 2024 Example Media. All rights reserved.",
    )


def test_pipe_breadcrumb_date_line_and_section_label() -> None:
    text = (
        "News | Politics\nUpdated: Tuesday, April 10, 2018 12:30 pm\nWorld News\n\n"
        "Parliament votes to delay the budget until after the summer recess\n\n"
        f"{STORY}"
    )
    cleaned = clean_article_text(text)
    assert cleaned.title == "Parliament votes to delay the budget until after the summer recess"
    assert cleaned.removed_header == ("News | Politics", "Updated: Tuesday, April 10, 2018 12:30 pm", "World News")
    assert cleaned.body == STORY.strip()


def test_source_label_and_url_on_one_line() -> None:
    cleaned = clean_article_text(f"Source: https://example.com/world/42\n\nKim meets Putin in Vladivostok\n\n{STORY}")
    assert cleaned.header_url == "https://example.com/world/42"
    assert cleaned.title == "Kim meets Putin in Vladivostok"


def test_short_real_headline_followed_by_a_paragraph_is_the_title() -> None:
    cleaned = clean_article_text(f"Brexit deal agreed\n\n{STORY}")
    assert cleaned.title == "Brexit deal agreed"
    assert cleaned.removed_header == ()
    assert cleaned.body == STORY.strip()


def test_short_title_case_headline_followed_by_a_byline_is_the_title() -> None:
    cleaned = clean_article_text(f"Brexit Deal Agreed\nBy Jane Doe\n\n{STORY}")
    assert cleaned.title == "Brexit Deal Agreed"
    assert cleaned.byline == "Jane Doe" and cleaned.body == STORY.strip()  # the byline is lifted out of the story


def test_lone_advert_marker_goes_but_prose_with_the_words_stays() -> None:
    prose_subscribe = "He said he would subscribe to the plan."
    prose_advert = "Advertisement spending rose sharply in the quarter, the company said."
    text = (
        "Minister backs new deal\n\n"
        "The first paragraph says what happened and where it happened in some detail.\n\n"
        "ADVERTISEMENT\n\n"
        f"{prose_subscribe}\n\n{prose_advert}\n\n"
        "Comments\n\n"
        "The last paragraph adds what comes next for the plan and who is against it.\n"
    )
    cleaned = clean_article_text(text)
    assert cleaned.body == (
        "The first paragraph says what happened and where it happened in some detail.\n\n"
        f"{prose_subscribe}\n\n{prose_advert}\n\n"
        "The last paragraph adds what comes next for the plan and who is against it."
    )
    assert cleaned.removed_trailer == ("ADVERTISEMENT", "Comments")


@pytest.mark.parametrize(
    "prose",
    [
        "Our newsletter team expanded too.",
        "He said he would subscribe to the newsletter.",
        "Join the protest here on Friday, organisers urged.",
        "Share prices fell 3% on Monday.",
        "Comments from the minister drew criticism.",
        "Related reading: none of the officials would comment.",
        "Contact us if you have information, police said.",
        "Latest figures show inflation fell to 2.1% in April.",
        "Tags on the luggage were missing, police said.",
        "Close allies of the president rejected the plan.",
        "Sponsored by the government, the programme began in 2019.",
    ],
)
def test_prose_using_boilerplate_words_stays(prose: str) -> None:
    cleaned = clean_article_text(f"Minister backs new deal\n\n{STORY}{prose}\n\n{STORY}")
    assert f"\n\n{prose}\n\n" in cleaned.body
    assert cleaned.removed_trailer == ()


def test_topic_list_share_and_reuse_trailer_in_one_block() -> None:
    text = (
        "World\nEurope\n\nRussia launches new offensive near Kharkiv\n\n"
        "Kyiv says troops are holding the line after an overnight assault\n\n"
        "Shaun Walker in Kyiv\nTue 14 May 2024 10.20 BST\n\n"
        f"{STORY}"
        "Explore more on these topics\nUkraine\nRussia\nEurope\n\nShare\n\nReuse this content\n"
    )
    cleaned = clean_article_text(text)
    assert cleaned.removed_header == ("World", "Europe")
    assert cleaned.body == (
        "Kyiv says troops are holding the line after an overnight assault\n\n"
        f"Shaun Walker in Kyiv\nTue 14 May 2024 10.20 BST\n\n{STORY.strip()}"
    )
    assert cleaned.removed_trailer == (
        "Explore more on these topics",
        "Ukraine",
        "Russia",
        "Europe",
        "Share",
        "Reuse this content",
    )


def test_kicker_and_site_suffix() -> None:
    assert clean_article_text(f"Analysis | Why the summit matters for the peninsula\n\n{STORY}").kicker == "Analysis"
    with_site = clean_article_text(f"Kim and Putin meet in Vladivostok for a summit | Example News\n\n{STORY}")
    assert (with_site.title, with_site.kicker) == ("Kim and Putin meet in Vladivostok for a summit", None)
    dashed = clean_article_text(f"Kim and Putin meet in Vladivostok for a summit - Example.com\n\n{STORY}")
    assert dashed.title == "Kim and Putin meet in Vladivostok for a summit"
    # Both sides short: nothing says which one is the headline, so the line stays whole.
    assert clean_article_text(f"Brexit | BBC News\n\n{STORY}").title == "Brexit | BBC News"
    # A lower-case tail is part of the headline, not a site.
    with_tail = clean_article_text(f"Kim meets Putin in Vladivostok for talks - report\n\n{STORY}")
    assert with_tail.title == "Kim meets Putin in Vladivostok for talks - report"


def test_related_links_menu_and_credits_at_the_end() -> None:
    text = (
        "Kim meets Putin in Vladivostok\n\n"
        f"{STORY}"
        "Additional reporting by Jane Doe\n\nAFP | Reuters\n\n"
        "Related Articles\n\nKim visits Moscow for talks\n\nPutin heads to Pyongyang\n\n"
        "Home | World | Business | Contact\n"
    )
    cleaned = clean_article_text(text)
    assert cleaned.body == f"{STORY}Additional reporting by Jane Doe\n\nAFP | Reuters"
    assert cleaned.removed_trailer == (
        "Related Articles",
        "Kim visits Moscow for talks",
        "Putin heads to Pyongyang",
        "Home | World | Business | Contact",
    )


def test_print_line_glued_to_the_last_paragraph_and_a_menu() -> None:
    text = (
        "Kim meets Putin in Vladivostok\n\n"
        "The talks ended late, officials said. A version of this article appears in print on Sept. 14, 2023, "
        "Section A, Page 8 of the New York edition with the headline: Kim Meets Putin. "
        "Order Reprints | Today's Paper | Subscribe\n"
    )
    cleaned = clean_article_text(text)
    assert cleaned.body == "The talks ended late, officials said."
    assert cleaned.print_line == (
        "A version of this article appears in print on Sept. 14, 2023, Section A, Page 8 of the New York edition "
        "with the headline: Kim Meets Putin."
    )
    assert cleaned.removed_trailer[-1] == "Order Reprints | Today's Paper | Subscribe"


def test_line_breaks_inside_a_block_are_kept_and_wrapped_lines_never_dropped() -> None:
    text = (
        "Markets fall on rate fears\n\n"
        "Shares fell on Monday after the central bank signalled that it\n"
        "would keep raising rates, and one firm pulled its\n"
        "advertisement.\n\n"
        "Analysts expect more swings this week as traders weigh the data.\n"
    )
    cleaned = clean_article_text(text)
    assert cleaned.body == (
        "Shares fell on Monday after the central bank signalled that it\n"
        "would keep raising rates, and one firm pulled its\n"
        "advertisement.\n\n"
        "Analysts expect more swings this week as traders weigh the data."
    )


def test_without_a_heading_the_title_comes_from_the_first_paragraph_which_stays() -> None:
    first = (
        "Leaders of the two countries met on Tuesday in the capital for long talks on trade, energy, security "
        "and the border, officials said."
    )
    cleaned = clean_article_text(f"{first}\n\nA second paragraph follows here.\n")
    assert cleaned.title.endswith("…")
    assert first.startswith(cleaned.title[:-1])
    assert cleaned.body.startswith(first)


def test_cjk_headline_and_paragraph() -> None:
    cleaned = clean_article_text("朝鲜外长访问俄罗斯\n\n朝鲜外务相李勇浩周一抵达莫斯科，将与俄罗斯外长举行会谈。\n")
    assert cleaned.title == "朝鲜外长访问俄罗斯"
    assert cleaned.body == "朝鲜外务相李勇浩周一抵达莫斯科，将与俄罗斯外长举行会谈。"


def test_whitespace_is_normalised() -> None:
    text = (
        "Kim\u00a0meets  Putin\r\n\r\n\tThe  talks\u00a0ended\u2003late. \r\n\r\n\r\n\r\nMore   talks\tare planned.\r"
    )
    cleaned = clean_article_text(text)
    assert cleaned.title == "Kim meets Putin"
    assert cleaned.body == "The talks ended late.\n\nMore talks are planned."


def test_terminal_escapes_and_controls_vanish_but_markup_text_stays() -> None:
    text = (
        "\x1b]0;pwned\x07\x1b[1;31mKim meets Putin\x1b[0m\n\n"
        "The talks\x85 ended\x9b2J late\x1bP+q\x1b\\ [bold red]x[/] stays\x00\x7f literal.\n"
    )
    cleaned = clean_article_text(text)
    assert cleaned.title == "Kim meets Putin"
    assert "[bold red]x[/]" in cleaned.body
    assert "pwned" not in cleaned.body + cleaned.title
    for char in cleaned.body + cleaned.title:
        assert char in "\n" or (char.isprintable() and not 0x80 <= ord(char) <= 0x9F)


@pytest.mark.parametrize("text", ["", "   \n\t\r\n", "\u00a0\u200b\ufeff", "\x1b[31m\x1b[0m\x07"])
def test_nothing_left_is_bad_input(text: str) -> None:
    with pytest.raises(BadInputError, match="no text"):
        clean_article_text(text)


def test_only_header_labels_is_bad_input() -> None:
    with pytest.raises(BadInputError, match="no text"):
        clean_article_text("Source:\nhttps://example.com/a/b\n")


# --- sanitize_text ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x1b[38;5;196mb\x1b[0mc", "abc"),  # CSI
        ("a\x1b]0;title\x07b", "ab"),  # OSC ended by BEL
        ("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC 8 hyperlink ended by ST
        ("a\x1bP1$r0m\x1b\\b", "ab"),  # DCS
        ("a\x1b_apc\x1b\\b\x1b^pm\x1b\\c", "abc"),  # APC, PM
        ("a\x1b7b\x1b(Bc\x1bcd", "abcd"),  # two-byte and charset escapes
        ("a\x9b31mb\x9d0;t\x9cc", "abc"),  # 8-bit CSI and OSC
        ("a\x00b\x01c\x7fd\x80e\x9ff\x1b", "abcdef"),  # C0, DEL, C1, lone ESC
        ("a\r\nb\rc", "a\nb\nc"),
        ("a\tb\u00a0c\u2009d\u3000e", "a b c d e"),
        ("\ufeffa\u200bb\u200dc\u00add\u202ee", "abcde"),
        ("[bold red]x[/] and \\[escaped]", "[bold red]x[/] and \\[escaped]"),
    ],
)
def test_sanitize_text(raw: str, clean: str) -> None:
    assert sanitize_text(raw) == clean


@pytest.mark.parametrize("piece", ["\x1b]", "\x1b[", "\x9d", "\x1bP", "\x1b[1;2;3;4"])
def test_sanitize_is_linear_on_unterminated_sequences(piece: str) -> None:
    started = time.perf_counter()
    sanitize_text(piece * 200_000 + "tail")
    assert time.perf_counter() - started < 2.0


def test_clean_is_fast_on_a_big_article() -> None:
    paragraph = "The minister said the talks would continue next week, and officials agreed to meet again. " * 3
    text = "Kim meets Putin\n\n" + "\n\nAdvertisement\n\n".join([paragraph] * 20_000) + "\n\nRelated Articles\n"
    started = time.perf_counter()
    cleaned = clean_article_text(text)
    assert time.perf_counter() - started < 10.0
    assert cleaned.body.count("\n\n") == 20_000 - 1


def test_clean_is_fast_on_one_huge_line() -> None:
    started = time.perf_counter()
    clean_article_text("word " * 2_000_000)
    assert time.perf_counter() - started < 5.0


# --- Byline and dateline under the headline


@pytest.mark.parametrize(
    ("meta", "byline", "dateline"),
    [
        (
            ["By Jane Doe", "Updated: Tuesday, April 10, 2018 12:30 pm"],
            "Jane Doe",
            "Updated: Tuesday, April 10, 2018 12:30 pm",
        ),
        (["April 10, 2018", "BY JANE DOE AND SAM ROE"], "JANE DOE AND SAM ROE", "April 10, 2018"),
        (["By: Émile Zola, Reuters"], "Émile Zola, Reuters", None),
    ],
)
def test_the_byline_and_dateline_under_the_headline_leave_the_story(
    meta: list[str], byline: str, dateline: str | None
) -> None:
    cleaned = clean_article_text("\n\n".join(["Port opens a second container terminal", *meta, STORY]))
    assert (cleaned.title, cleaned.byline, cleaned.dateline) == (
        "Port opens a second container terminal",
        byline,
        dateline,
    )
    assert cleaned.body == STORY.strip()


@pytest.mark.parametrize(
    ("line", "byline", "dateline"),
    [
        ("By Jane Doe | Updated April 10, 2018 10:31 pm", "Jane Doe", "Updated April 10, 2018 10:31 pm"),
        ("By Jane Doe | Updated 10:31 pm", "Jane Doe", None),  # no date: cut off, but no dateline
        ("By Jane Doe, Updated: April 10, 2018", "Jane Doe", "Updated: April 10, 2018"),
        ("By Jane Doe - April 10, 2018", "Jane Doe", "April 10, 2018"),
        ("By Jane Doe · 5 min read", "Jane Doe", None),
        ("By Jane Doe • Published 10 April 2018", "Jane Doe", "Published 10 April 2018"),
        ("By Jane Doe, Reuters, April 10, 2018", "Jane Doe, Reuters", "April 10, 2018"),
        ("By Jane Doe, Reuters", "Jane Doe, Reuters", None),
        ("By Jane Doe - Reuters", "Jane Doe - Reuters", None),
        ("BY JANE DOE AND SAM ROE", "JANE DOE AND SAM ROE", None),
    ],
)
def test_the_byline_stops_at_the_name(line: str, byline: str, dateline: str | None) -> None:
    cleaned = clean_article_text(f"Port opens a second container terminal\n\n{line}\n\n{STORY}")
    assert (cleaned.byline, cleaned.dateline, cleaned.body) == (byline, dateline, STORY.strip())


def test_the_first_line_of_dates_under_the_headline_is_the_dateline() -> None:
    meta = "April 9, 2018\n\nBy Jane Doe | Updated April 10, 2018"
    cleaned = clean_article_text(f"Port opens a second container terminal\n\n{meta}\n\n{STORY}")
    assert (cleaned.byline, cleaned.dateline) == ("Jane Doe", "April 9, 2018")


def test_a_label_over_a_by_colon_byline_is_the_headline() -> None:
    # "By: Jane Doe" is a byline wherever it stands, so the short label above it is the headline, not a label.
    cleaned = clean_article_text(f"Brexit Deal Agreed\n\nBy: Jane Doe\n\n{STORY}")
    assert (cleaned.title, cleaned.byline, cleaned.body) == ("Brexit Deal Agreed", "Jane Doe", STORY.strip())


@pytest.mark.parametrize("first", ["By then the port had closed", "by the sea, a terminal", "By 2030 the port doubles"])
def test_a_story_that_opens_with_by_keeps_its_first_line(first: str) -> None:
    cleaned = clean_article_text(f"Port opens a second container terminal\n\n{first}\n\n{STORY}")
    assert cleaned.byline is None and cleaned.body.startswith(first)


def test_a_dateline_above_the_headline_is_kept_as_the_dateline() -> None:
    cleaned = clean_article_text(f"World News\n\nApril 10, 2018\n\nPort opens a second container terminal\n\n{STORY}")
    assert cleaned.dateline == "April 10, 2018" and cleaned.body == STORY.strip()


def test_a_date_heading_a_table_stays_with_its_figures() -> None:
    table = "Dec 31\nShr loss one ct vs profit two cts\nNet loss 176,639 vs profit 20,000"
    cleaned = clean_article_text(f"Harbour Corp fourth quarter results\n\n{table}\n\n{STORY}")
    assert cleaned.dateline is None and cleaned.body.startswith(table)
