"""What a segment's shape says it is: an organisation ("... Institute", "Bank of Korea", "Agence France-Presse"),
a place ("Sea of Japan", "Demilitarized Zone", "Russian Far East", "Republic of Turkmenistan" -> Turkmenistan), or,
inside a longer phrase, its known places and acronyms ("US" in "US President Donald Trump")."""

from __future__ import annotations

import re

from index.entities.gazetteer import is_demonym, longest_place_words, place
from index.entities.segments import Segment, lstrip_connectors, name_words
from index.entities.text import ArticleText
from index.entities.vocab import (
    COMPASS_WORDS,
    FOREIGN_ORG_FIRST_WORDS,
    LOWER_PLACE_SUFFIXES,
    ORG_HEADS,
    ORG_SUFFIXES,
    PLACE_SUFFIXES,
    POLITICAL_PLACE_HEADS,
)
from index.entities.words import Candidate, bare, is_acronym, is_connector, is_name_word, is_title_head

_GEOGRAPHIC_HEADS = frozenset("gulf sea bay strait straits isle island islands cape lake mount city port".split())
_MIN_SHOUTED_WORD = 5


def is_org_phrase(seg: Segment) -> bool:
    words = name_words(seg)
    if len(words) < 2:
        return False
    if bare(words[0].text) in FOREIGN_ORG_FIRST_WORDS:  # "Agence France-Presse", "Banco Santander"
        return True
    ends_with_org_word = bare(words[-1].text) in ORG_SUFFIXES
    head_before_of = any(
        bare(token.text) in ORG_HEADS and following.text in ("of", "for")
        for token, following in zip(seg, seg[1:], strict=False)
    )
    if not (ends_with_org_word or head_before_of):
        return False
    texts = [token.text for token in seg]
    if "and" in texts:  # "Food and Agriculture Organization" is one name; "Russia and the European Union" two
        before = seg[: texts.index("and")]
        if any(
            place(token.text) or is_title_head(token.text) or is_acronym(token.text) for token in name_words(before)
        ):
            return False
        if len(name_words(before)) >= 2 and is_org_phrase(before):
            return False
    return True


def political_place(seg: Segment) -> Candidate | None:
    """ "Republic of Turkmenistan" -> Turkmenistan (whatever adjective precedes the head)."""
    texts = [token.text for token in seg]
    for index in range(1, len(seg) - 1):
        if texts[index] == "of" and bare(texts[index - 1]) in POLITICAL_PLACE_HEADS:
            tail = lstrip_connectors(seg[index + 1 :])
            if tail and place(" ".join(token.text for token in tail)) is not None:
                return Candidate(tail[0].start, tail[-1].end, "place", 4, strong=True)
    return None


def is_place_phrase(seg: Segment) -> bool:
    """ "Sea of Japan", "Demilitarized Zone", "Russian Far East", "East Asia"."""
    words = name_words(seg)
    texts = [token.text for token in seg]
    if "of" in texts and bare(texts[0]) in _GEOGRAPHIC_HEADS:
        return True
    if bare(words[-1].text) in PLACE_SUFFIXES:
        return True
    if len(words) < 2 or bare(words[-1].text) not in COMPASS_WORDS and place(words[-1].text) is None:
        return False  # "North Korean" is an adjective; "Russian Far East", "Northern Syria" are places
    compass = [bare(token.text) in COMPASS_WORDS for token in words]
    return any(compass) and all(
        is_compass or place(token.text) is not None or is_demonym(token.text)
        for token, is_compass in zip(words, compass, strict=True)
    )


def lower_suffix(seg: Segment, article: ArticleText, is_place: bool) -> list[Candidate]:
    """ "the Korean peninsula", "the Mekong river": a geographic word in lower case completes the place."""
    end = seg[-1].end
    match = re.match(r"[ \t]+([a-z]+)\b", article.text[end : end + 16])
    if match is None or match.group(1) not in LOWER_PLACE_SUFFIXES:
        return []
    phrase = article.text[seg[0].start : end]
    if not (is_place or is_demonym(phrase) or all(is_name_word(token.text) for token in name_words(seg))):
        return []
    return [Candidate(seg[0].start, end + match.end(), "place", 4, strong=True)]


def _shouted_word(word: str, article: ArticleText) -> bool:
    """ "PANEL" in an article that also writes "panel": a word in capitals, no acronym ("WHO" is too short to tell)."""
    return len(word) >= _MIN_SHOUTED_WORD and article.is_common_word(word)


def places_and_acronyms(seg: Segment, article: ArticleText) -> list[Candidate]:
    """The known places inside a segment (longest first, left to right) and its acronyms."""
    found: list[Candidate] = []
    text = article.text
    longest = longest_place_words()
    index = 0
    while index < len(seg):
        for stop in range(min(len(seg), index + longest), index, -1):
            piece = seg[index:stop]
            if is_connector(piece[0].text) or is_connector(piece[-1].text):
                continue
            known = place(text[piece[0].start : piece[-1].end])
            if known is not None:
                found.append(Candidate(piece[0].start, piece[-1].end, "place", 2, strong=known.strong))
                index = stop
                break
        else:
            token = seg[index]
            if (
                is_acronym(token.text)
                and not is_title_head(token.text)
                and not _shouted_word(token.text, article)
                and not article.shouted(token.start)
            ):
                found.append(Candidate(token.start, token.end, "org", 2, strong=True))
            index += 1
    return found


# --- lines in capitals and credits -------------------------------------------------------------------------------
