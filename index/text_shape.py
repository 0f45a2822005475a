"""Word-level shape of a line of text: how many words, how it ends, how it is capitalised.

These are the cheap structural tests that `index.clean` and `index.boilerplate` build their rules on: they look
at the form of a line, never at a list of known lines, so they hold on pages nobody has looked at.
"""

from __future__ import annotations

_CLOSING_MARKS = "\"'’”»)]}"
_SENTENCE_END = ".,;:…。，；：、"
_QUESTION_END = "?!？！"
_MINOR_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "&"})
_MAX_HEADING_WORDS = 35
_MAX_HEADING_CHARS = 250
_MAX_QUESTION_HEADING_WORDS = 15


def word_count(text: str) -> int:
    return text.count(" ") + 1 if text else 0


def _last_mark(text: str) -> str:
    return text.rstrip(_CLOSING_MARKS)[-1:]


def ends_sentence(text: str) -> bool:
    last = _last_mark(text)
    return bool(last) and last in _SENTENCE_END + _QUESTION_END


def has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


def is_all_caps(text: str) -> bool:
    return text == text.upper() and text != text.lower()


def is_title_case(text: str) -> bool:
    """Every word capitalised (small joining words aside): how labels and site names are written."""
    for position, word in enumerate(text.split(" ")):
        first_letter = next((char for char in word if char.isalpha()), None)
        if first_letter is None or first_letter.isupper():
            continue
        if position > 0 and word.lower() in _MINOR_WORDS:
            continue
        return False
    return has_letters(text)


def looks_like_heading(text: str) -> bool:
    """Short, and not ending like a sentence (a short question or exclamation is fine)."""
    words = word_count(text)
    if words > _MAX_HEADING_WORDS or len(text) > _MAX_HEADING_CHARS or not has_letters(text):
        return False
    last = _last_mark(text)
    if last and last in _QUESTION_END:
        return words <= _MAX_QUESTION_HEADING_WORDS
    return not (last and last in _SENTENCE_END)
