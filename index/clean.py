"""Turn the decoded text of a scraped news article into a title and a clean body.

Scraped pages carry navigation around the story: breadcrumbs and section labels above the headline,
share/subscribe/related-links furniture below it, and the odd advert marker in between. The rules here
are structural, not lists of known lines, because they must hold on pages nobody has looked at:

1. `sanitize_text` makes untrusted text safe to show in a terminal (escape sequences, control and
   invisible characters) and normalises line breaks and spaces.
2. The text becomes lines, each tagged with the blank-line-separated block (paragraph) it belongs to.
3. Header: leading lines are dropped while they look like labels rather than headlines (URLs, "Label:",
   breadcrumb paths, glued camel-case navigation, date lines, boilerplate, or a short Title-Case/ALL-CAPS
   label followed by a line that could itself be the headline). The next line is the title; a kicker glued
   on with " | " and a " | Site Name" suffix are split off it. With no heading, the title is taken from the
   first paragraph, which stays in the body.
4. A "A version of this article appeared in the print edition ..." sentence is cut out of its line (and
   any boilerplate glued after it), so it can be kept verbatim as `print_line`.
5. Trailer: trailing lines are dropped while they are boilerplate, a print line or a short menu, and so is a
   trailing "Related articles"-style heading with the list of link-like lines under it.
6. Stand-alone boilerplate lines inside the body are dropped. Only whole short lines ever go: a line is
   boilerplate when all of it is navigation vocabulary ("Advertisement", "Share this article"), or it
   starts with reader-addressing furniture ("Sign up for our newsletter") and is short. Prose that merely
   contains such a word stays, and so does every line of a hard-wrapped paragraph after its first.

Every step is a single pass over the lines with regular expressions free of nested quantifiers, and the
costlier checks only run on short lines, so cleaning is linear in the size of the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.errors import BadInputError


@dataclass(frozen=True)
class CleanedText:
    title: str
    body: str  # paragraphs joined by "\n\n"; a single "\n" only where the source broke a line inside a block
    removed_header: tuple[str, ...]  # breadcrumb/section/label lines removed before the title
    removed_trailer: tuple[str, ...]  # boilerplate lines removed (trailing ones and stand-alone ones inside)
    header_url: str | None  # a URL found among the removed header lines
    print_line: str | None  # "A version of this article appeared in the print edition of ...", verbatim
    kicker: str | None  # a section label glued to the headline, e.g. "North Korea" in "North Korea | Kim ..."


# --- Sanitizing -------------------------------------------------------------------------------------------

# Each body class stops at ESC, BEL and every C1 control, so a failed match never rescans text that a later
# match attempt starts in: the scan is linear even on megabytes of unterminated sequences.
_CSI = r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
_CONTROL_STRING = r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x80-\x9f]*(?:\x07|\x1b\\|\x9c)"  # OSC, DCS...
_OTHER_ESCAPE = r"\x1b[ -/]*[0-~]"  # ESC 7, ESC ( B, ESC c ...
_ESCAPE_SEQUENCE = re.compile(f"{_CSI}|{_CONTROL_STRING}|{_OTHER_ESCAPE}")
_ESCAPE_INTRODUCER = re.compile(r"[\x1b\x90\x98\x9b\x9d\x9e\x9f]")

_UNICODE_SPACES = (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)
# Zero-width and format characters: invisible, they break words for search, and the bidi overrides can
# make a terminal show text in an order that is not the stored one.
_INVISIBLE = (
    0x00AD,
    0x180E,
    *range(0x200B, 0x2010),
    *range(0x202A, 0x202F),
    *range(0x2060, 0x2065),
    *range(0x2066, 0x206A),
    0xFEFF,
)


def _build_character_map() -> dict[int, str | None]:
    table: dict[int, str | None] = {code: None for code in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))}
    del table[ord("\n")]
    table[ord("\t")] = " "
    # Line-ending controls become line breaks rather than vanishing, so the words on each side stay apart.
    for code in (0x0B, 0x0C, 0x0D, 0x85, 0x2028):
        table[code] = "\n"
    table[0x2029] = "\n\n"
    table.update({code: " " for code in _UNICODE_SPACES})
    table.update({code: None for code in _INVISIBLE})
    return table


_CHARACTER_MAP = _build_character_map()
# A substitution over a class of the mapped characters only touches the few that occur; str.translate with a
# dict looks every character up and is an order of magnitude slower on typical text.
_MAPPED_CHARACTER = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_CHARACTER_MAP)) + "]")


def _mapped(match: re.Match[str]) -> str:
    return _CHARACTER_MAP[ord(match.group())] or ""


def sanitize_text(text: str) -> str:
    """Untrusted text made safe for a terminal: no escape sequences or control/invisible characters,
    "\\n" line breaks, and plain spaces for tabs and unicode spaces."""
    # The substitution tries every position; the single-class search that rules it out is several times faster.
    without_escapes = _ESCAPE_SEQUENCE.sub("", text) if _ESCAPE_INTRODUCER.search(text) else text
    return _MAPPED_CHARACTER.sub(_mapped, without_escapes.replace("\r\n", "\n"))


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


# --- Word-level shape -------------------------------------------------------------------------------------

_CLOSING_MARKS = "\"'’”»)]}"
_SENTENCE_END = ".,;:…。，；：、"
_QUESTION_END = "?!？！"
_MINOR_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "&"})
_MAX_HEADING_WORDS = 35
_MAX_HEADING_CHARS = 250
_MAX_QUESTION_HEADING_WORDS = 15


def _word_count(text: str) -> int:
    return text.count(" ") + 1 if text else 0


def _last_mark(text: str) -> str:
    return text.rstrip(_CLOSING_MARKS)[-1:]


def _ends_sentence(text: str) -> bool:
    last = _last_mark(text)
    return bool(last) and last in _SENTENCE_END + _QUESTION_END


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _is_all_caps(text: str) -> bool:
    return text == text.upper() and text != text.lower()


def _is_title_case(text: str) -> bool:
    """Every word capitalised (small joining words aside): how labels and site names are written."""
    for position, word in enumerate(text.split(" ")):
        first_letter = next((char for char in word if char.isalpha()), None)
        if first_letter is None or first_letter.isupper():
            continue
        if position > 0 and word.lower() in _MINOR_WORDS:
            continue
        return False
    return _has_letters(text)


def _looks_like_heading(text: str) -> bool:
    """Short, and not ending like a sentence (a short question or exclamation is fine)."""
    words = _word_count(text)
    if words > _MAX_HEADING_WORDS or len(text) > _MAX_HEADING_CHARS or not _has_letters(text):
        return False
    last = _last_mark(text)
    if last and last in _QUESTION_END:
        return words <= _MAX_QUESTION_HEADING_WORDS
    return not (last and last in _SENTENCE_END)


def _is_heading_line(lines: Sequence[_Line], index: int) -> bool:
    next_index = index + 1
    if next_index < len(lines) and _continues_wrapped_paragraph(lines, next_index):
        return False  # the first line of a hard-wrapped paragraph
    return _looks_like_heading(lines[index].text)


# --- Boilerplate vocabulary -------------------------------------------------------------------------------

_MAX_BOILERPLATE_WORDS = 30  # a copyright notice or a "Tags: ..." list can run long
_MAX_CALL_TO_ACTION_WORDS = 12
_MAX_MENU_ITEM_WORDS = 4
_MAX_MENU_WORDS = 15

# Headings of link lists ("Related articles", "Read more: <link>", "Tags: a, b"); what follows them at the
# end of a page is a list of links, not story.
_LIST_HEADING = re.compile(
    r"(?:related(?: articles?| stories| story| coverage| content| news| topics?| links?| posts?| reading| videos?)?"
    r"|(?:read|see) (?:more|next|also)|also read|more from(?: \S+){1,4}|more on (?:this|these) (?:story|topics?)"
    r"|explore more(?: on (?:this|these) topics?)?|more (?:stories|news|articles|videos|headlines)"
    r"|top (?:stories|news|headlines)|latest(?: news| stories| headlines| articles)?"
    r"|trending(?: now| stories| news)?|popular(?: now| stories)?"
    r"|you (?:may|might|could) (?:also )?(?:like|enjoy|be interested in)"
    r"|most (?:read|popular|viewed|shared|commented|watched)"
    r"|recommended(?: for you| stories| articles| reading| videos?)?|editor'?s picks?|don'?t miss"
    r"|tags?|topics?|keywords?|categor(?:y|ies)|filed under)(?: ?:.*)?"
)
# Lines that are boilerplate when they are all there is on the line.
_BOILERPLATE_LINE = re.compile(
    r"advertisements?|advertising|advert|ads?|sponsored(?: content| links?| stories)?"
    r"|promoted(?: content| stories)?|paid (?:content|post|partnership)|partner content"
    r"|(?:story|article) continues below(?: this)?(?: advertisement)?"
    r"|subscribe(?: now| today| here)?|sign (?:up|in)(?: now| here| today)?|log ?in|log ?out|register(?: now)?"
    r"|newsletters?|share(?: this)?(?: article| story| page| post)?|print|e-?mail|save|bookmark|copy link"
    r"|(?:reuse|republish) this (?:content|article|story)|(?:order )?reprints(?: (?:and|&) permissions)?"
    r"|(?:\d+ )?comments?(?: \(\d+\))?|no comments(?: yet)?"
    r"|continue reading|loading(?:\.\.\.)?|skip to (?:main )?content|skip navigation|back to top(?: button)?"
    r"|top of page|menu|close"
)
# The start of a short line that speaks to the reader or names a page part; prose rarely opens this way, and
# the word limit keeps a real paragraph that does from being taken for one.
_CALL_TO_ACTION = re.compile(
    r"(?:back to top|print (?:edition|this (?:article|page|story))|skip to\b|jump to (?:main )?content"
    r"|(?:subscribe|sign up|signup)\b.*\b(?:our|newsletters?|now|today|here|free|unlimited|access|account)\b"
    r"|(?:register|join) (?:now|today|for free|our newsletter)\b|enter your email|newsletters? ?:"
    r"|(?:get|receive|download) (?:our|the) (?:free )?(?:\w+ )?(?:newsletter|app)\b|open in (?:the )?app"
    r"|share (?:this|on|via)\b|(?:follow|like|join) us\b"
    r"|follow\b.*\bon (?:twitter|facebook|instagram|linkedin|youtube|tiktok|threads|bluesky|telegram|whatsapp|x)\b"
    r"|(?:view|show|hide|read|see|post|leave|add|load|join) (?:all )?(?:\d+ )?(?:a |the |your )?"
    r"(?:comments?|replies|reply|conversation|discussion)\b"
    r"|listen to (?:this )?(?:article|story)\b|read (?:the )?full (?:story|article)\b"
    r"|privacy policy|terms (?:of|and) (?:use|service|conditions)|cookie (?:policy|settings|preferences)"
    r"|we use cookies|(?:accept|manage) (?:all )?cookies|contact us|about us|advertise with us)"
)
# Notices that are boilerplate wherever they sit in a short line.
_NOTICE = re.compile(
    r"^(?:copyright ?)?©|^copyright (?:\(c\)|\d{4})|\b(?:all rights reserved|click here|scroll to continue)\b"
)
_REPORTED_SPEECH = re.compile(r"\b(?:said|says|told|tells|according to)\b")

_MENU_SEPARATOR = re.compile(r" ?[|•·] ?")
_SLUG_TOKEN = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+")
_MAX_SLUG_LINE_WORDS = 4
_EDGE_JUNK = " •·▪►▶»›>→←«‹<|*#-–—:.…!"


def _normalize_for_vocabulary(text: str) -> str:
    return text.lower().replace("’", "'").strip(_EDGE_JUNK)


def _menu_items(text: str) -> list[str] | None:
    """The items of a short "A | B | C" menu line, or None when the line is not one."""
    if _word_count(text) > _MAX_MENU_WORDS:
        return None
    items = [item for item in _MENU_SEPARATOR.split(text) if item]
    if len(items) < 2:
        return None
    if any(_word_count(item) > _MAX_MENU_ITEM_WORDS or ":" in item or not _has_letters(item) for item in items):
        return None
    return items


def _is_slug_artifact(text: str) -> bool:
    """A scraper's leftover like "source site-59": short, all lower case, with a slug token carrying digits."""
    if _word_count(text) > _MAX_SLUG_LINE_WORDS or text != text.lower() or _ends_sentence(text):
        return False
    return any(_SLUG_TOKEN.fullmatch(token) and any(char.isdigit() for char in token) for token in text.split(" "))


def _is_list_heading_phrase(text: str, phrase: str) -> bool:
    if _LIST_HEADING.fullmatch(phrase) is None:
        return False
    # After "Read more:" comes a link, a headline; a full sentence there is prose ("Related reading: none ...").
    return ":" not in phrase or not _ends_sentence(text)


def _is_call_to_action(phrase: str) -> bool:
    return (
        _word_count(phrase) <= _MAX_CALL_TO_ACTION_WORDS
        and _CALL_TO_ACTION.match(phrase) is not None
        and _REPORTED_SPEECH.search(phrase) is None  # "Contact us if you know more, police said." is news
    )


def _is_boilerplate_phrase(text: str) -> bool:
    phrase = _normalize_for_vocabulary(text)
    return (
        _is_call_to_action(phrase)
        or _is_list_heading_phrase(text, phrase)
        or _BOILERPLATE_LINE.fullmatch(phrase) is not None
        or _NOTICE.search(phrase) is not None
    )


def _is_boilerplate(text: str) -> bool:
    """A whole line of page furniture (never a line of prose that merely uses one of the words)."""
    if _word_count(text) > _MAX_BOILERPLATE_WORDS:
        return False
    if _is_boilerplate_phrase(text) or _is_slug_artifact(text):
        return True
    items = _menu_items(text)
    return items is not None and any(_is_boilerplate_phrase(item) for item in items)


def _is_list_heading(text: str) -> bool:
    return _word_count(text) <= _MAX_BOILERPLATE_WORDS and _is_list_heading_phrase(
        text, _normalize_for_vocabulary(text)
    )


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
    while tail_start > 1 and _is_boilerplate(sentences[tail_start - 1]):
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
_BYLINE = re.compile(r"by \S", re.IGNORECASE)
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
    return text.endswith(":") and _word_count(text) <= _MAX_COLON_LABEL_WORDS


def _is_glued_navigation(text: str) -> bool:
    return _word_count(text) <= _MAX_GLUED_LABEL_WORDS and _GLUED_WORDS.search(text) is not None


def _is_path_item(item: str) -> bool:
    return (
        _word_count(item) <= _MAX_MENU_ITEM_WORDS
        and not _ends_sentence(item)
        and (_is_title_case(item) or (item == item.lower() and _has_letters(item)))
    )


def _path_items(text: str) -> list[str] | None:
    """The items of a breadcrumb such as "Home > World > Europe", or None when the line is not one."""
    if _word_count(text) > _MAX_PATH_WORDS:
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
    if _word_count(text) > _MAX_DATE_TOKENS:
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
    if _ends_sentence(text):
        return False
    words = _word_count(text)
    if _is_all_caps(text):
        return words <= _MAX_CAPS_LABEL_WORDS
    return words <= _MAX_TITLE_CASE_LABEL_WORDS and _is_title_case(text)


def _is_label_by_itself(text: str) -> bool:
    """A header line that cannot be a headline whatever follows it."""
    return (
        not _has_letters(text)
        or _is_boilerplate(text)
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
    if _BYLINE.match(text) and _word_count(text) <= _MAX_BYLINE_WORDS:
        return False
    return _is_heading_line(lines, after)


def _is_header_label(lines: Sequence[_Line], index: int) -> bool:
    text = lines[index].text
    if _is_label_by_itself(text):
        return True
    # A short label and a short headline look alike; a label is followed by the headline.
    return (_is_short_label(text) or _path_items(text) is not None) and _headline_follows(lines, index)


def _is_site_name(text: str) -> bool:
    return not _ends_sentence(text) and (_is_title_case(text) or _DOMAIN.fullmatch(text) is not None)


def _strip_site_suffix(headline: str) -> str:
    """ "Long headline | Site Name" or "Long headline - Site Name" (a page <title>) without the site."""
    for separator in (" | ", " - "):
        left, found, right = headline.rpartition(separator)
        if (
            found
            and _word_count(right) <= _MAX_SITE_NAME_WORDS
            and _word_count(left) >= _MIN_TITLE_BEFORE_SITE_WORDS
            and _is_site_name(right)
        ):
            return left
    return headline


def _split_kicker(headline: str) -> tuple[str, str | None]:
    """ "North Korea | Kim Jong-un wants ..." -> ("Kim Jong-un wants ...", "North Korea")."""
    left, found, right = headline.partition(" | ")
    if (
        found
        and _word_count(left) <= _MAX_KICKER_WORDS
        and _word_count(right) >= _MIN_HEADLINE_WORDS
        and not _ends_sentence(left)
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
    if _is_heading_line(lines, index):
        title, kicker = _split_kicker(_strip_site_suffix(first))
        return _Header(title, kicker, tuple(removed), url, index + 1)
    return _Header(_title_from_paragraph(first), None, tuple(removed), url, index)


# --- Trailer and stand-alone boilerplate ------------------------------------------------------------------

_MIN_MENU_ITEMS_WITHOUT_VOCABULARY = 3
_MAX_LINK_LIST_LINES = 12


def _is_trailer_line(lines: Sequence[_Line], index: int) -> bool:
    text = lines[index].text
    if _is_print_line(text):
        return True
    if _continues_wrapped_paragraph(lines, index):
        return False
    if _is_boilerplate(text):
        return True
    items = _menu_items(text)  # at the very end even a menu without known words is navigation
    return items is not None and len(items) >= _MIN_MENU_ITEMS_WITHOUT_VOCABULARY


def _link_list_start(lines: Sequence[_Line], end: int) -> int | None:
    """Where a "Related articles"-style heading starts a list of link-like lines running up to `end`."""
    for index in range(end - 1, max(end - 1 - _MAX_LINK_LIST_LINES, -1), -1):
        text = lines[index].text
        if _is_list_heading(text):
            return index
        if not _looks_like_heading(text):
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
    return not _continues_wrapped_paragraph(lines, index) and _is_boilerplate(text)


# --- Entry point ------------------------------------------------------------------------------------------


def clean_article_text(text: str) -> CleanedText:
    """Title, clean body and what was removed, from the decoded text of a scraped article."""
    lines = _split_lines(sanitize_text(text))
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
        removed_header=header.removed,
        removed_trailer=tuple(removed),
        header_url=header.url,
        print_line=next((text for text in removed if _is_print_line(text)), None),
        kicker=header.kicker,
    )
