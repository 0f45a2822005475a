"""How a surface form of a name becomes a lookup key, a slug and initials.

These are the only notions of "the same name" the package uses, and the library's identity layer uses them too,
so they are deliberately plain string functions with no knowledge of any article.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from index.entities.vocab import (
    HONORIFICS,
    INITIALS_SKIP,
    ORG_SUFFIXES,
    PLACE_SUFFIXES,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)
from index.model import EntityKind

_ASCII_FOLDS = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l",
     "Ł": "L", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)  # fmt: skip
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_HYPHENS_AND_DOTS = re.compile(r"[-‐‑‒–—.·•]+")
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$")


def ascii_fold(text: str) -> str:
    """ "Köln" -> "Koln", "Łódź" -> "Lodz"; text in scripts without an ASCII form keeps its letters."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def straight_apostrophes(text: str) -> str:
    return text.translate(_APOSTROPHES)


@functools.lru_cache(maxsize=131072)
def lookup_words(form: str) -> tuple[str, ...]:
    """The words of a form as the gazetteer and the keys see them: folded, case-free, hyphens and dots as spaces,
    possessive gone, and a run of single letters joined ("U.S." and "US" are both "us"; "N. Korea" stays
    "n korea")."""
    text = _POSSESSIVE.sub("", ascii_fold(straight_apostrophes(form)).casefold().strip())
    words = _HYPHENS_AND_DOTS.sub(" ", text).split()
    joined: list[str] = []
    letters = ""
    for word in words:
        if len(word) == 1 and word.isalpha():
            letters += word
            continue
        if letters:
            joined.append(letters)
            letters = ""
        joined.append(word)
    if letters:
        joined.append(letters)
    return tuple(joined)


def _title_prefix_length(words: tuple[str, ...]) -> int:
    """How many leading words are an honorific or a title ("mr", "foreign minister", "vice president"), when a
    name follows them; 0 when what follows is itself a kind of organisation or place ("General Motors",
    "Prince Edward Island")."""
    end = 0
    for index, word in enumerate(words[:-1]):
        if word in HONORIFICS or word in TITLE_HEADS:
            end = index + 1
        elif word not in TITLE_MODIFIERS:
            break
    if end and words[-1] in ORG_SUFFIXES | PLACE_SUFFIXES:
        return 0
    return end


@functools.lru_cache(maxsize=131072)
def entity_key(form: str) -> str:
    """The normalised lookup key of a surface form.

    Case, accents, curly apostrophes, hyphens and dots do not matter ("Ri Yong-ho" == "Ri Yong Ho",
    "N. Korea" -> "n korea"); a leading "the", a trailing possessive and leading honorifics or titles go
    ("Mr Ri" -> "ri", "Foreign Minister Ri" -> "ri", "The Kremlin's" -> "kremlin").
    """
    words = lookup_words(form)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    words = words[_title_prefix_length(words) :]
    return " ".join(words)


@functools.lru_cache(maxsize=65536)
def _slug(name: str) -> str:
    folded = ascii_fold(straight_apostrophes(name)).casefold().replace("'", "")
    words = re.findall(r"[a-z0-9]+", folded)
    if not words:  # a script that does not fold to ASCII: keep its own letters rather than an empty slug
        words = re.findall(r"[^\W_]+", folded)
    return "-".join(words)


def entity_slug(kind: EntityKind, name: str) -> str:
    """ "person:sergei-lavrov": ascii lower-case words joined by "-", apostrophes dropped ("Workers' Party" ->
    "org:workers-party"); "Kim Jong Un" and "Kim Jong-un" share a slug."""
    return f"{kind}:{_slug(name)}"


def _initial_words(name: str) -> list[str]:
    return [word for word in re.split(r"[\s\-‐‑–]+", straight_apostrophes(name)) if word]


def initials(name: str) -> str:
    """ "United Nations Security Council" -> "UNSC"; "Democratic People's Republic of Korea" -> "DPRK";
    "Agence France-Presse" -> "AFP". Function words (of, the, and, for, ...) are skipped, hyphen parts count, and
    an acronym inside the name counts whole ("US National Security Council" -> "USNSC", not "UNSC")."""
    letters = []
    for word in _initial_words(name):
        if word.casefold() in INITIALS_SKIP:
            continue
        if len(word) > 1 and word.isupper() and word.isalpha():
            letters.append(word)
            continue
        letters.append(next((char for char in word if char.isalnum()), "").upper())
    return "".join(letters)


@functools.lru_cache(maxsize=65536)
def initials_variants(name: str) -> frozenset[str]:
    """Every acronym a long name may be written as: without and with its function words ("Bank of Korea" is
    "BOK" as often as "BK"), and without a leading acronym ("NSC" for "US National Security Council")."""
    words = [word for word in _initial_words(name) if word[:1].isalnum()]
    variants = {initials(name), "".join(word if word.isupper() else word[0].upper() for word in words)}
    if len(words) > 2 and words[0].isupper():
        variants.add(initials(" ".join(words[1:])))
    return frozenset(variants)
