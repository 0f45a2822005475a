"""Cues that a capitalised phrase is a person, where no title says so.

- a person noun just before it ("leader Kim Jong Un", "counterpart, Sergei Lavrov") or an appositive after it
  ("Dmitry Peskov, a spokesperson for ...", "Jane Doe, 42,");
- an East Asian family name first, then one or two short syllables ("Kim Jong Un", "Ri Yong-ho", "Xi Jinping");
- a common given name or an initial first ("Tony Adams", "C. Lewis"): weaker than the model's own span;
- two or three uncommon capitalised words whose last one the article also writes alone ("Olaf Scholz ... Scholz"):
  weakest, only where the model found nothing.
"""

from __future__ import annotations

import re

from index.entities.gazetteer import is_demonym, is_given_name, place
from index.entities.segments import Segment, name_words
from index.entities.text import ArticleText
from index.entities.vocab import (
    COMPASS_WORDS,
    EAST_ASIAN_SURNAMES,
    EVENT_WORDS,
    MONTHS,
    NOT_NAME_WORDS,
    ORG_SUFFIXES,
    PERSON_NOUNS,
    PLACE_SUFFIXES,
    WEEKDAYS,
)
from index.entities.words import Candidate, bare, is_name_word, is_title_word

_APPOSITIVE_AFTER = re.compile(
    r",\s+(?:(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,3}?(?:"
    + "|".join(sorted(PERSON_NOUNS))
    + r")s?\b|who\b|\d{1,3},)"
)
_MAX_NAME_WORDS = 4
_MAX_JOINED_GIVEN_NAME = 8  # "Jinping", "Xiaoping"
_MAX_SYLLABLE = 5  # "Jong", "Yong", "Hui"
NOT_NAME_SYLLABLES = NOT_NAME_WORDS | ORG_SUFFIXES | PLACE_SUFFIXES | COMPASS_WORDS | MONTHS | WEEKDAYS | EVENT_WORDS


def person_cued(seg: Segment, article: ArticleText) -> bool:
    words = name_words(seg)
    if not 1 <= len(words) <= _MAX_NAME_WORDS or not all(is_name_word(token.text) for token in words):
        return False
    phrase = article.text[seg[0].start : seg[-1].end]
    if place(phrase) is not None or is_demonym(phrase) or bare(words[-1].text) in ORG_SUFFIXES:
        return False
    before = article.word_before(seg[0].start)
    if before.islower() and (before in PERSON_NOUNS or before.rstrip("s") in PERSON_NOUNS):
        return True
    return appositive_follows(article, seg[-1].end)


def appositive_follows(article: ArticleText, end: int) -> bool:
    """ "Dmitry Peskov, a spokesperson for ...", "John Smith, who ...", "Jane Doe, 42, ...": a person."""
    return _APPOSITIVE_AFTER.match(article.text, end) is not None


def east_asian_name(seg: Segment, article: ArticleText) -> bool:
    """ "Kim Jong Un", "Ri Yong-ho", "Choe Son Hui", "Xi Jinping": a family name first, then one or two short
    syllables, hyphenated or not (a whole given name of at most 8 letters, or syllables of at most 5)."""
    words = name_words(seg)
    if not 2 <= len(words) <= 3 or words[0].text not in EAST_ASIAN_SURNAMES or len(seg) != len(words):
        return False
    given = [token.text for token in words[1:]]
    if place(f"{words[0].text} {given[0]}") is not None:  # "Hong Kong"
        return False
    if not all(is_name_word(word) and not article.is_common_word(word) for word in given):
        return False
    if any(bare(word) in NOT_NAME_SYLLABLES or place(word) is not None for word in given):
        return False
    syllables = [part for word in given for part in word.split("-")]
    if len(syllables) == 1:
        return len(syllables[0]) <= _MAX_JOINED_GIVEN_NAME
    return len(syllables) <= 3 and all(len(part) <= _MAX_SYLLABLE and part.isalpha() for part in syllables)


def recurring_surname(seg: Segment, article: ArticleText) -> bool:
    """Two or three uncommon capitalised words whose last one the article also writes alone: a person's full name
    and, later, their surname."""
    words = name_words(seg)
    if not 2 <= len(words) <= 3 or len(seg) != len(words):
        return False
    for token in words:
        word = token.text
        if not is_name_word(word) or article.is_common_word(word) or bare(word) in NOT_NAME_SYLLABLES:
            return False
        if is_title_word(word) or place(word) is not None or is_demonym(word):
            return False
    return article.token_count(words[-1].text) > article.token_count(" ".join(token.text for token in words[:2]))


def given_name_first(seg: Segment, article: ArticleText) -> Candidate | None:
    """ "Tony Adams", "American Dennis Mitchell", "C. Lewis": a common given name or an initial, then a surname.

    It wins over a model span it contains ("Billy" + "Andrade") but not over the model's kind for the same span
    ("Morgan Stanley" stays an organisation if the model says so): it is not a strong rule."""
    words = name_words(seg)
    while words and (is_demonym(words[0].text) or place(words[0].text) is not None):
        words = words[1:]
    if not 2 <= len(words) <= 3:
        return None
    first = words[0].text
    initial = len(first) == 2 and first.endswith(".") and first[0].isupper()
    if not (initial or is_given_name(first)):
        return None
    if article.sentence_initial(words[0].start) and article.is_common_word(first):
        return None
    if not all(is_name_word(token.text) for token in words) or bare(words[-1].text) in ORG_SUFFIXES | PLACE_SUFFIXES:
        return None
    return Candidate(words[0].start, words[-1].end, "person", 3, source="given-name")
