"""Recognise page furniture: the navigation, advert, sharing and subscription lines around a news story.

Only whole short lines are ever judged: a line is boilerplate when all of it is navigation vocabulary
("Advertisement", "Share this article"), or a short "A | B" menu with such an item, or it starts with
reader-addressing furniture ("Sign up for our newsletter") and is short. Prose that merely contains such a word
is not. `is_list_heading` recognises the heading of a trailing list of links ("Related articles"), and
`menu_items` splits a short menu line into its items.

The regular expressions are free of nested quantifiers and only run on lines under a word limit, so the checks
are linear in the size of the text.
"""

from __future__ import annotations

import re

from index.text_shape import ends_sentence, has_letters, word_count

_MAX_BOILERPLATE_WORDS = 30  # a copyright notice or a "Tags: ..." list can run long
_MAX_CALL_TO_ACTION_WORDS = 12
MAX_MENU_ITEM_WORDS = 4  # also bounds a breadcrumb item in index.clean: menus and paths share a shape
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


def menu_items(text: str) -> list[str] | None:
    """The items of a short "A | B | C" menu line, or None when the line is not one."""
    if word_count(text) > _MAX_MENU_WORDS:
        return None
    items = [item for item in _MENU_SEPARATOR.split(text) if item]
    if len(items) < 2:
        return None
    if any(word_count(item) > MAX_MENU_ITEM_WORDS or ":" in item or not has_letters(item) for item in items):
        return None
    return items


def _is_slug_artifact(text: str) -> bool:
    """A scraper's leftover like "source site-59": short, all lower case, with a slug token carrying digits."""
    if word_count(text) > _MAX_SLUG_LINE_WORDS or text != text.lower() or ends_sentence(text):
        return False
    return any(_SLUG_TOKEN.fullmatch(token) and any(char.isdigit() for char in token) for token in text.split(" "))


def _is_list_heading_phrase(text: str, phrase: str) -> bool:
    if _LIST_HEADING.fullmatch(phrase) is None:
        return False
    # After "Read more:" comes a link, a headline; a full sentence there is prose ("Related reading: none ...").
    return ":" not in phrase or not ends_sentence(text)


def _is_call_to_action(phrase: str) -> bool:
    return (
        word_count(phrase) <= _MAX_CALL_TO_ACTION_WORDS
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


def is_boilerplate(text: str) -> bool:
    """A whole line of page furniture (never a line of prose that merely uses one of the words)."""
    if word_count(text) > _MAX_BOILERPLATE_WORDS:
        return False
    if _is_boilerplate_phrase(text) or _is_slug_artifact(text):
        return True
    items = menu_items(text)
    return items is not None and any(_is_boilerplate_phrase(item) for item in items)


def is_list_heading(text: str) -> bool:
    """The heading of a list of links, such as "Related articles" or "Read more: <link>"."""
    return word_count(text) <= _MAX_BOILERPLATE_WORDS and _is_list_heading_phrase(text, _normalize_for_vocabulary(text))
