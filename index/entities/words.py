"""What one token is, judged from its own letters: capitalised, an acronym, a name word, a title word.

All tests are cached by the token's text: names recur within and across articles, so each is judged once.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from index.entities.vocab import (
    COLLECTIVE_POSSESSIVES,
    CONNECTORS,
    HONORIFICS,
    NOT_ACRONYMS,
    STOP_WORDS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from index.model import EntityKind

_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,6}|(?:[A-Z]\.){2,}|[A-Z]{1,4}[0-9]{1,2}")
_ROMAN_NUMERAL = re.compile(r"[IVXLC]+")
_CAMEL_JOIN = re.compile(r"[a-z][A-Z]")
_NAME_PARTICLE = re.compile(r"(?:al|el|ad|as|an|ash|at|az|ben|bin|d|l|o)[-'’]")


@dataclass(slots=True)
class Candidate:
    """A name found by the model or a rule: `text[start:end]` is its surface form in the article."""

    start: int
    end: int
    kind: EntityKind | None  # None: only joins a referent the article names elsewhere
    priority: int  # wins overlaps: credit 5 > structural rules 4 > model 3 > sub-phrase rules 2 > bare tokens 1
    strong: bool = False  # a rule decided the kind: it overrides the model's
    name_start: int = -1  # where the name starts after an honorific or title kept in the surface ("Mr Ri")
    confirm_only: bool = False  # kept only when the rest of the article names the same referent
    source: str = "rule"

    def __post_init__(self) -> None:
        if self.name_start < 0:
            self.name_start = self.start


@functools.lru_cache(maxsize=131072)
def strip_possessive(word: str) -> tuple[str, bool]:
    """ "Korea’s" -> ("Korea", True); "Workers’" and "People's" stay whole (they belong to names like "Workers'
    Party"); "Jones'" -> ("Jones", True)."""
    if len(word) > 2 and word[-2:] in ("'s", "’s"):
        stem = word[:-2]
        return (word, False) if stem.casefold() in COLLECTIVE_POSSESSIVES else (stem, True)
    if len(word) > 2 and word[-1] in "'’":
        stem = word[:-1]
        return (word, False) if stem.casefold() in COLLECTIVE_POSSESSIVES else (stem, True)
    return word, False


@functools.lru_cache(maxsize=131072)
def bare(word: str) -> str:
    """A token as a vocabulary word: "Mr." -> "mr", "Workers'" -> "workers", "Korea's" -> "korea"."""
    return strip_possessive(word)[0].rstrip(".'’").casefold()


@functools.lru_cache(maxsize=131072)
def is_capitalised(word: str) -> bool:
    """ "Kim", "KCNA", "U.S.", "al-Assad", "McDonald"; not "kim", "2024" or "-"."""
    core = _NAME_PARTICLE.sub("", word, count=1) if "-" in word or "'" in word or "’" in word else word
    return core[:1].isupper()


@functools.lru_cache(maxsize=131072)
def is_acronym(word: str) -> bool:
    stem = strip_possessive(word)[0]
    return (
        bool(_ACRONYM.fullmatch(stem))
        and stem.rstrip(".") not in NOT_ACRONYMS
        and not (_ROMAN_NUMERAL.fullmatch(stem) and len(stem) > 1)
    )


@functools.lru_cache(maxsize=131072)
def is_name_word(word: str) -> bool:
    """A word that can be part of a person's name: "Kim", "Jong-un", "O'Neill", "McDonald", "F." — not an acronym,
    a number, a function word or words glued by a scraper ("Asia-PacificKoreaWorld")."""
    stem = strip_possessive(word)[0]
    if len(stem) == 2 and stem.endswith("."):  # an initial
        return stem[0].isupper()
    letters = stem.replace("-", "").replace("'", "").replace("’", "")
    if not letters.isalpha() or not is_capitalised(stem) or stem in STOP_WORDS:
        return False
    if len(letters) > 1 and letters.isupper():
        return False
    return not is_glued(stem)


@functools.lru_cache(maxsize=65536)
def is_glued(word: str) -> bool:
    """ "Asia-PacificKoreaWorld": words glued together by a scraper (one inner capital is a name: "McDonald")."""
    return len(_CAMEL_JOIN.findall(word)) >= 2


def is_connector(word: str) -> bool:
    return word in CONNECTORS or word == "&"


@functools.lru_cache(maxsize=65536)
def is_title_word(word: str) -> bool:
    """An honorific, a title or a title's qualifier: "Mr.", "Foreign", "Minister", "Vice", "Secretary-General"."""
    value = bare(word)
    return all(piece in HONORIFICS or piece in TITLE_HEADS or piece in TITLE_MODIFIERS for piece in value.split("-"))


@functools.lru_cache(maxsize=65536)
def is_title_head(word: str) -> bool:
    value = bare(word)
    return value in HONORIFICS or value in TITLE_HEADS or any(piece in TITLE_HEADS for piece in value.split("-"))


def is_honorific(word: str) -> bool:
    return bare(word) in HONORIFICS
