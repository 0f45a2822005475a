"""Turn the decoded text of a scraped news article into a title and a clean body.

Scraped pages carry navigation around the story: breadcrumbs and section labels above the headline,
share/subscribe/related-links furniture below it, and the odd advert marker in between. The rules here
are structural, not lists of known lines, because they must hold on pages nobody has looked at:

1. `index.sanitize.sanitize_text` makes the untrusted text safe to show in a terminal and normalises line
   breaks and spaces.
2. The text becomes lines, each tagged with the blank-line-separated block (paragraph) it belongs to. The text of
   a whole page (menus and footers around the story) is cut to the story and the headline above it
   (`index.story_region`).
3. Header: leading lines are dropped while they look like labels rather than headlines (URLs, "Label:",
   breadcrumb paths, glued camel-case navigation, date lines, boilerplate, or a short Title-Case/ALL-CAPS
   label followed by a line that could itself be the headline). The next line is the title; a kicker glued
   on with " | " and a " | Site Name" suffix are split off it. With no heading, the title is taken from the
   first paragraph, which stays in the body.
4. A "A version of this article appeared in the print edition ..." sentence is cut out of its line (and
   any boilerplate glued after it), so it can be kept verbatim as `print_line`.
5. Trailer: trailing lines are dropped while they are boilerplate, a print line or a short menu, and so is a
   trailing "Related articles"-style heading with the list of link-like lines under it.
6. Stand-alone boilerplate lines inside the body are dropped. Only whole short lines ever go (what counts
   as boilerplate is defined in `index.boilerplate`), and never a line of a hard-wrapped paragraph after
   its first.

The word-level tests (word counts, sentence ends, capitalisation) live in `index.text_shape`.

Every step is a single pass over the lines with regular expressions free of nested quantifiers, and the
costlier checks only run on short lines, so cleaning is linear in the size of the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.boilerplate import MAX_MENU_ITEM_WORDS, is_boilerplate, is_list_heading, menu_items
from index.errors import BadInputError
from index.sanitize import sanitize_text
from index.story_region import story_span
from index.text_shape import ends_sentence, has_letters, is_all_caps, is_title_case, looks_like_heading, word_count


@dataclass(frozen=True)
class CleanedText:
    title: str
    body: str  # paragraphs joined by "\n\n"; a single "\n" only where the source broke a line inside a block
    removed_header: tuple[str, ...]  # breadcrumb/section/label lines removed before the title
    removed_trailer: tuple[str, ...]  # boilerplate lines removed (trailing ones and stand-alone ones inside)
    header_url: str | None  # a URL found among the removed header lines
    print_line: str | None  # "A version of this article appeared in the print edition of ...", verbatim
    kicker: str | None  # a section label glued to the headline, e.g. "North Korea" in "North Korea | Kim ..."
    byline: str | None = None  # "Jane Doe" from a "By Jane Doe" line by the headline
    dateline: str | None = None  # "Updated: Tuesday, April 10, 2018 12:30 pm", a line of dates by the headline


# --- Lines and blocks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    text: str  # stripped, runs of spaces collapsed
    block: int  # which blank-line-separated block (paragraph) of the source the line is in


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    block = 0
    for raw_line in text.split("\n"):
        line = " ".join(raw_line.split())
        if line:
            lines.append(_Line(line, block))
        elif lines and lines[-1].block == block:
            block += 1
    return lines


def _join_paragraphs(lines: Sequence[_Line]) -> str:
    paragraphs: list[list[str]] = []
    current_block: int | None = None
    for line in lines:
        if line.block != current_block:
            paragraphs.append([])
            current_block = line.block
        paragraphs[-1].append(line.text)
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)


def _continues_wrapped_paragraph(lines: Sequence[_Line], index: int) -> bool:
    """A line that starts in lower case inside a block carries on a hard-wrapped sentence: never a unit."""
    line = lines[index]
    return index > 0 and lines[index - 1].block == line.block and line.text[0].islower()


def _is_heading_line(lines: Sequence[_Line], index: int) -> bool:
    next_index = index + 1
    if next_index < len(lines) and _continues_wrapped_paragraph(lines, next_index):
        return False  # the first line of a hard-wrapped paragraph
    return looks_like_heading(lines[index].text)


# --- Print-edition line -----------------------------------------------------------------------------------

_PRINT_LINE = re.compile(
    r"\b(?:a version of this (?:article|story) appear(?:ed|s)|this (?:article|story) (?:first )?appeared) in\b",
    re.IGNORECASE,
)
# A break after sentence-final punctuation, optionally closed by a quote or bracket.
_SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'’”)])) +")


def _print_line_start(text: str) -> int | None:
    if "print" not in text:  # a cheap test that spares the case-insensitive search on nearly every paragraph
        return None
    match = _PRINT_LINE.search(text)
    if match is None or "print" not in text[match.start() :]:
        return None
    return match.start()


def _is_print_line(text: str) -> bool:
    return _PRINT_LINE.match(text) is not None and "print" in text


def _split_off_print_line(line: _Line) -> list[_Line]:
    """The line cut into the text before a print-edition sentence, the sentence, and boilerplate glued after
    it ("... with the headline 'X'. Print Edition | Subscribe"), each a line of the same block."""
    start = _print_line_start(line.text)
    if start is None:
        return [line]
    sentences = _SENTENCE_BREAK.split(line.text[start:])
    tail_start = len(sentences)
    while tail_start > 1 and is_boilerplate(sentences[tail_start - 1]):
        tail_start -= 1
    prefix = line.text[:start].rstrip()
    parts = [prefix] if prefix else []
    parts.append(" ".join(sentences[:tail_start]))
    parts.extend(sentences[tail_start:])
    return [_Line(part, line.block) for part in parts]


# --- Header -----------------------------------------------------------------------------------------------

_MAX_HEADER_LINES = 10
_MAX_TITLE_CASE_LABEL_WORDS = 3
_MAX_CAPS_LABEL_WORDS = 4
_MAX_COLON_LABEL_WORDS = 4
_MAX_GLUED_LABEL_WORDS = 6
_MAX_PATH_WORDS = 12
_MAX_BYLINE_WORDS = 10
_MAX_DATE_TOKENS = 10
_MAX_KICKER_WORDS = 4
_MIN_HEADLINE_WORDS = 5
_MAX_SITE_NAME_WORDS = 4
_MIN_TITLE_BEFORE_SITE_WORDS = 6
_MAX_DERIVED_TITLE_CHARS = 100

_URL = r"(?:https?://|www\.)\S+"
_URL_LABEL = re.compile(rf"(?:[^\s:]+(?: [^\s:]+){{0,2}}: ?)?({_URL})", re.IGNORECASE)
# Two lower-to-upper joins inside one word: "Asia-PacificKoreaWorld" (one join is a brand like "YouTube").
_GLUED_WORDS = re.compile(r"[a-z]{2}[A-Z][a-z]+[A-Z]")
# "Home > World", "News | Politics", "Asia/ East Asia"; a bare "/" only counts with a space beside it.
_PATH_SEPARATOR = re.compile(r" ?(?:[›»>|→·•]|::) ?| / ?|(?<=\S)/ ")
_SLUG_PATH = re.compile(r"/?[a-z0-9_-]+(?:/[a-z0-9_-]+)+/?")
# A byline, "By Jane Doe" or "BY: JANE DOE" (lines have their runs of spaces collapsed); the name is group 1.
_BYLINE = re.compile(r"by:? (\S.*)", re.IGNORECASE)
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_DATE_WORDS = _MONTHS | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun "
    "am pm a.m p.m gmt utc bst cet cest est edt pst pdt ist kst jst hkt sgt aest "
    "published updated posted last modified on at".split()
)
_DATE_ANCHOR = re.compile(r"\d{4}|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_DATE_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?|\d{1,2}:\d{2}(?::\d{2})?(?:am|pm)?")
_DATE_TOKEN_EDGES = ",.|·-–—()[]:"


def _url_in_label(text: str) -> str | None:
    """The URL of a header line that is a bare URL, or a short "Label: URL"."""
    match = _URL_LABEL.fullmatch(text)
    return match.group(1) if match else None


def _is_colon_label(text: str) -> bool:
    return text.endswith(":") and word_count(text) <= _MAX_COLON_LABEL_WORDS


def _is_glued_navigation(text: str) -> bool:
    return word_count(text) <= _MAX_GLUED_LABEL_WORDS and _GLUED_WORDS.search(text) is not None


def _is_path_item(item: str) -> bool:
    return (
        word_count(item) <= MAX_MENU_ITEM_WORDS
        and not ends_sentence(item)
        and (is_title_case(item) or (item == item.lower() and has_letters(item)))
    )


def _path_items(text: str) -> list[str] | None:
    """The items of a breadcrumb such as "Home > World > Europe", or None when the line is not one."""
    if word_count(text) > _MAX_PATH_WORDS:
        return None
    parts = _PATH_SEPARATOR.split(text)
    items = [item for item in parts if item]
    if len(parts) < 2 or not items:
        return None
    return items if all(_is_path_item(item) for item in items) else None


def _is_unambiguous_path(text: str) -> bool:
    """ "A | B" is also how a short page title with its site name looks; other paths cannot be headlines."""
    if _SLUG_PATH.fullmatch(text):
        return True
    items = _path_items(text)
    return items is not None and (len(items) > 2 or "|" not in text)


def _is_date_line(text: str) -> bool:
    """A dateline such as "Updated: Tuesday, April 10, 2018 12:30 pm": dates and date words only."""
    if word_count(text) > _MAX_DATE_TOKENS:
        return False
    tokens = [token.strip(_DATE_TOKEN_EDGES).lower() for token in text.split(" ")]
    tokens = [token for token in tokens if token]
    if not tokens:
        return False
    anchored = False
    for token in tokens:
        if token in _MONTHS or _DATE_ANCHOR.fullmatch(token):
            anchored = True
        elif token not in _DATE_WORDS and not _DATE_NUMBER.fullmatch(token):
            return False
    return anchored


def _is_short_label(text: str) -> bool:
    """A section label such as "World News" or "INTERNATIONAL" (also the shape of a very short headline,
    hence only a label when what follows could be the headline)."""
    if ends_sentence(text):
        return False
    words = word_count(text)
    if is_all_caps(text):
        return words <= _MAX_CAPS_LABEL_WORDS
    return words <= _MAX_TITLE_CASE_LABEL_WORDS and is_title_case(text)


def _is_label_by_itself(text: str) -> bool:
    """A header line that cannot be a headline whatever follows it."""
    return (
        not has_letters(text)
        or is_boilerplate(text)
        or _url_in_label(text) is not None
        or _is_colon_label(text)
        or _is_unambiguous_path(text)
        or _is_glued_navigation(text)
        or _is_date_line(text)
    )


def _headline_follows(lines: Sequence[_Line], index: int) -> bool:
    """Whether, past any plain labels, the line after `index` could be the headline (a byline cannot)."""
    after = index + 1
    limit = min(len(lines), after + _MAX_HEADER_LINES)
    while after < limit and _is_label_by_itself(lines[after].text):
        after += 1
    if after == limit:
        return False
    text = lines[after].text
    if _BYLINE.match(text) and word_count(text) <= _MAX_BYLINE_WORDS:
        return False
    return _is_heading_line(lines, after)


def _is_header_label(lines: Sequence[_Line], index: int) -> bool:
    text = lines[index].text
    if _is_label_by_itself(text):
        return True
    # A short label and a short headline look alike; a label is followed by the headline.
    return (_is_short_label(text) or _path_items(text) is not None) and _headline_follows(lines, index)


def _is_site_name(text: str) -> bool:
    return not ends_sentence(text) and (is_title_case(text) or _DOMAIN.fullmatch(text) is not None)


def _strip_site_suffix(headline: str) -> str:
    """ "Long headline | Site Name" or "Long headline - Site Name" (a page <title>) without the site."""
    for separator in (" | ", " - "):
        left, found, right = headline.rpartition(separator)
        if (
            found
            and word_count(right) <= _MAX_SITE_NAME_WORDS
            and word_count(left) >= _MIN_TITLE_BEFORE_SITE_WORDS
            and _is_site_name(right)
        ):
            return left
    return headline


def _split_kicker(headline: str) -> tuple[str, str | None]:
    """ "North Korea | Kim Jong-un wants ..." -> ("Kim Jong-un wants ...", "North Korea")."""
    left, found, right = headline.partition(" | ")
    if (
        found
        and word_count(left) <= _MAX_KICKER_WORDS
        and word_count(right) >= _MIN_HEADLINE_WORDS
        and not ends_sentence(left)
    ):
        return right, left
    return headline, None


def _title_from_paragraph(text: str) -> str:
    """A title for a story with no headline line: the start of its first paragraph."""
    if len(text) <= _MAX_DERIVED_TITLE_CHARS:
        return text
    cut = text[:_MAX_DERIVED_TITLE_CHARS]
    last_space = cut.rfind(" ")
    if last_space > _MAX_DERIVED_TITLE_CHARS // 2:
        cut = cut[:last_space]
    return cut.rstrip(" ,;:-–—") + "…"


@dataclass(frozen=True)
class _Header:
    title: str
    kicker: str | None
    removed: tuple[str, ...]
    url: str | None
    body_start: int  # index of the first body line
    byline: str | None = None
    dateline: str | None = None


_MAX_META_LINES = 4
# Where a byline's name may end and its stamp begin: a separator ("By Jane Doe | Updated 10:31 pm", "· 5 min read"),
# or a comma or dash, but only before a stamp (a date, a number, a "posted" word), as "By Jane Doe, Reuters" is whole.
_BYLINE_CUT = re.compile(r"(?P<separator> [|·•] )|,? [-–—] |, ")
_BYLINE_STAMP = re.compile(r"(?:last )?(?:posted|published|updated|modified)\b|\d|min read\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Byline:
    name: str  # "Jane Doe"
    dateline: str | None  # "Updated April 10, 2018 10:31 pm" when the byline line goes on with a line of dates


def _read_byline(text: str) -> _Byline | None:
    """ "Jane Doe" of "By Jane Doe" ("BY JANE DOE AND SAM ROE", "By Jane Doe, Reuters"): a capitalised name after
    "By", never a sentence ("By the end of the week, ..."). What follows the name on its line ("| Updated 10:31 pm",
    ", Updated: April 10, 2018", "· 5 min read") is cut off, and kept as the dateline when it is a line of dates."""
    if word_count(text) > _MAX_BYLINE_WORDS + _MAX_DATE_TOKENS:
        return None  # a paragraph, not a byline: and the cuts below stay linear on short lines only
    match = _BYLINE.fullmatch(text)
    if match is None:
        return None
    name, stamp = match[1], ""
    for cut in _BYLINE_CUT.finditer(name):
        rest = name[cut.end() :]
        if cut["separator"] or _BYLINE_STAMP.match(rest) or _is_date_line(rest):
            name, stamp = name[: cut.start()], rest
            break
    dates = _is_date_line(stamp)
    if (
        not name[:1].isupper()
        or word_count(name) >= _MAX_BYLINE_WORDS  # with "By", at most _MAX_BYLINE_WORDS words
        or word_count(stamp) > _MAX_DATE_TOKENS
        or ends_sentence(name)
        or (ends_sentence(stamp) and not dates)
    ):
        return None
    return _Byline(name, stamp if dates else None)


def _read_header(lines: Sequence[_Line]) -> _Header:
    removed: list[str] = []
    url: str | None = None
    index = 0
    while index < len(lines) and len(removed) < _MAX_HEADER_LINES and _is_header_label(lines, index):
        url = url or _url_in_label(lines[index].text)
        removed.append(lines[index].text)
        index += 1
    if index == len(lines):
        raise BadInputError("no text")
    first = lines[index].text
    dateline = next((text for text in removed if _is_date_line(text)), None)
    if not _is_heading_line(lines, index):
        return _Header(_title_from_paragraph(first), None, tuple(removed), url, index, dateline=dateline)
    title, kicker = _split_kicker(_strip_site_suffix(first))
    # Under the headline: the byline and the date, lines of their own before the story starts (not the first line
    # of a table's block, "Dec 31" over its figures).
    byline: str | None = None
    index += 1
    for _ in range(_MAX_META_LINES):
        if index + 1 >= len(lines) or not _is_meta_line(lines[index].text):
            break  # never the last line: that is the story itself
        if lines[index + 1].block == lines[index].block and not _is_meta_line(lines[index + 1].text):
            break
        text = lines[index].text
        if byline is None and (read := _read_byline(text)) is not None:
            byline, dateline = read.name, dateline or read.dateline
        dateline = dateline or (text if _is_date_line(text) else None)
        removed.append(text)
        index += 1
    return _Header(title, kicker, tuple(removed), url, index, byline, dateline)


def _is_meta_line(text: str) -> bool:
    return _read_byline(text) is not None or _is_date_line(text)


# A line of metadata between a page's headline and its story: a time ("10:31 pm") or a numeric date.
_STAMP = re.compile(r"\b\d{1,2}:\d{2}\b|\d:\d{2} ?[ap]\.?m\b|\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b", re.IGNORECASE)
_POSTED = re.compile(r"(?:posted|published|updated|last updated)\b", re.IGNORECASE)
# A photo caption ends with its credit: "(AP Photo/Eric Gay)", "(NASA/David Ladd)".
_PHOTO_CREDIT = re.compile(r"\([^()]*/[^()]*\)$")


def _is_page_headline(text: str) -> bool:
    """Above a page's story, the headline among bylines, dates, captions and sharing buttons."""
    return (
        word_count(text) >= _MIN_HEADLINE_WORDS
        and looks_like_heading(text)
        and not _PHOTO_CREDIT.search(text)
        and not _is_label_by_itself(text)
        and not (
            word_count(text) <= _MAX_BYLINE_WORDS
            and (_BYLINE.match(text) or _POSTED.match(text) or _STAMP.search(text))
        )
    )


_WORD = re.compile(r"\w{4,}")
_LEDE_LINES = 3


def _page_headline(lines: Sequence[_Line], start: int, end: int) -> int | None:
    """The headline among the lines above a page's story: of the headline-like ones, the one sharing the most words
    with the story's first lines (an author's name or a "Sign in" prompt shares none), the nearest on a tie."""
    lede = {word.lower() for line in lines[start : min(end, start + _LEDE_LINES)] for word in _WORD.findall(line.text)}
    candidates = [
        index
        for index in range(start - 1, max(start - 1 - _MAX_HEADER_LINES, -1), -1)
        if _is_page_headline(lines[index].text)
    ]
    shared = {index: len(lede & {word.lower() for word in _WORD.findall(lines[index].text)}) for index in candidates}
    return max(candidates, key=lambda index: (shared[index], index), default=None)


def _story_of_page(lines: Sequence[_Line]) -> tuple[list[_Line], list[str], list[str]]:
    """The story's lines with its headline, the lines cut before them and the lines cut after (none unless the text
    is a whole page's, `index.story_region`)."""
    start, end = story_span([line.text for line in lines], [line.block for line in lines])
    if start == 0:
        return list(lines[:end]), [], [line.text for line in lines[end:]]
    headline = _page_headline(lines, start, end)
    kept = ([lines[headline]] if headline is not None else []) + list(lines[start:end])
    cut = [line.text for index, line in enumerate(lines[:start]) if index != headline]
    return kept, cut, [line.text for line in lines[end:]]


# --- Trailer and stand-alone boilerplate ------------------------------------------------------------------

_MIN_MENU_ITEMS_WITHOUT_VOCABULARY = 3
_MAX_LINK_LIST_LINES = 12


def _is_trailer_line(lines: Sequence[_Line], index: int) -> bool:
    text = lines[index].text
    if _is_print_line(text):
        return True
    if _continues_wrapped_paragraph(lines, index):
        return False
    if is_boilerplate(text):
        return True
    items = menu_items(text)  # at the very end even a menu without known words is navigation
    return items is not None and len(items) >= _MIN_MENU_ITEMS_WITHOUT_VOCABULARY


def _link_list_start(lines: Sequence[_Line], end: int) -> int | None:
    """Where a "Related articles"-style heading starts a list of link-like lines running up to `end`."""
    for index in range(end - 1, max(end - 1 - _MAX_LINK_LIST_LINES, -1), -1):
        text = lines[index].text
        if is_list_heading(text):
            return index
        if not looks_like_heading(text):
            return None
    return None


def _trailer_start(lines: Sequence[_Line]) -> int:
    end = len(lines)
    while True:
        while end > 0 and _is_trailer_line(lines, end - 1):
            end -= 1
        list_start = _link_list_start(lines, end)
        if list_start is None:
            return end
        end = list_start


def _is_standalone_boilerplate(lines: Sequence[_Line], index: int) -> bool:
    text = lines[index].text
    if _is_print_line(text):
        return True
    return not _continues_wrapped_paragraph(lines, index) and is_boilerplate(text)


# --- Entry point ------------------------------------------------------------------------------------------


def clean_article_text(text: str) -> CleanedText:
    """Title, clean body and what was removed, from the decoded text of a scraped article."""
    lines, cut_before, cut_after = _story_of_page(_split_lines(sanitize_text(text)))
    if not lines:
        raise BadInputError("no text")
    header = _read_header(lines)
    body = [part for line in lines[header.body_start :] for part in _split_off_print_line(line)]
    trailer_start = _trailer_start(body)
    kept: list[_Line] = []
    removed: list[str] = []
    for index, line in enumerate(body):
        if index >= trailer_start or _is_standalone_boilerplate(body, index):
            removed.append(line.text)
        else:
            kept.append(line)
    return CleanedText(
        title=header.title,
        body=_join_paragraphs(kept),
        removed_header=(*cut_before, *header.removed),
        removed_trailer=(*removed, *cut_after),
        header_url=header.url,
        print_line=next((text for text in removed if _is_print_line(text)), None),
        kicker=header.kicker,
        byline=header.byline,
        dateline=header.dateline,
    )
