"""One article as the rules see it: its text cut into lines and word tokens, each line's layout role.

The title and body are joined into one text (`title + "\\n\\n" + body`, as the model reads them) so that every
offset lives in one coordinate space; `ArticleText.field_offset` maps an offset back to its field.

Layout roles decide how far a line's capitals are evidence of names:
- a *heading* (a short line standing alone without final punctuation, or a short question) only contributes names
  the rest of the article confirms: "Deliveries in progress?" is no entity;
- a *shouting* line (all capitals) says nothing by its case: "PHOTO AGENCY KCNA BY REUTERS";
- a *credit* line names the agencies that supplied the text or pictures: "AGENCE FRANCE-PRESSE, REUTERS";
- a *title* in Title Case or capitals is read like a heading, except for the places it names.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from index.boilerplate import is_boilerplate
from index.entities.vocab import CONNECTORS, CREDIT_WORDS, DOTTED_HONORIFICS

Field = Literal["title", "body"]
FIELD_GAP = "\n\n"


def _uppercase_class() -> str:
    """The upper-case letters of the Latin, Greek and Cyrillic scripts, for a regular-expression class."""
    return "".join(re.escape(chr(code)) for code in range(0x0530) if chr(code).isupper())


# The tokens the rules look at: capitalised words with inner hyphens and apostrophes ("Jong-un", "O'Neill",
# "Korea’s", "Workers’"), dotted acronyms ("U.S."), names with a particle ("al-Assad"), connectors ("of", "de"),
# numbers, and the punctuation that separates the items of a credit or a table row (",", ";", "/", "&", brackets).
# Other words and marks are in no name and are not even matched: the gap they leave between two tokens ends a run.
_WORD_START = r"(?<![\w'’‐-])"
_TOKEN = re.compile(
    rf"(?:[{_uppercase_class()}]\.){{2,}}"
    rf"|{_WORD_START}(?:[{_uppercase_class()}]|(?:al|el|ad|as|an|ash|at|az|ben|bin|d|l|o)[-'’])"
    r"[^\W_]*(?:[-‐'’][^\W_]+)*['’]?"
    rf"|{_WORD_START}(?:{'|'.join(sorted(CONNECTORS, key=len, reverse=True))})(?![\w'’‐-])"
    rf"|{_WORD_START}\d[^\W_]*(?:[-‐'’][^\W_]+)*"
    r"|[,;/&()]"
)
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
_SENTENCE_END_CHARS = frozenset(".!?:;\"“”‘’'(•|—–-[")
_FINAL_PUNCTUATION = frozenset('.!?…:;,"”’»)')
_HEADING_MAX_WORDS = 12
_QUESTION_HEADING_MAX_WORDS = 8
_HEADING_LENGTH_RATIO = 0.6
_SHOUTING_MIN_LETTERS = 4
_SHOUTED_PHRASE_WORDS = 3
# Second halves of compound adjectives made from a name ("New York-based", "Northern Ireland-born").
_COMPOUND_ENDINGS = frozenset(
    "based born bred led backed owned listed run made funded controlled held bound style era registered".split()
)
# Lower-case words of bylines and lists of names ("By Jane Doe", "Ajax v PSV").
_NAME_LIST_WORDS = frozenset("by and at v v. vs vs. of the de van von".split())
# Words a heading does not end with (a line that does is part of a sentence broken across lines).
_FUNCTION_WORDS = frozenset(
    "a an the and or but of in on at to for with by from as into than that under against between".split()
)
_DIGIT = re.compile(r"\d")
_MIXED_CREDIT = re.compile(
    r"\b(?:(?:additional )?reporting|photos?|photograph|pictures?|images?|video|source|courtesy|credits?|"
    r"compiled|written|edited|editing)\s*(?:by|of|from|:)\s*",
    re.IGNORECASE,
)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    line: int  # index into ArticleText.lines


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    in_title: bool
    heading: bool  # names here count only when the rest of the article names them too
    shouting: bool  # all capitals: case is no evidence
    credit: bool  # a photo or reporting credit: its items are organisations (or reporters)
    credit_start: int  # where the credited names start (the line start for an all-caps credit line)


@dataclass
class ArticleText:
    text: str
    body_start: int  # offset of the body in `text`
    title_end: int
    lines: list[Line] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    lower_words: frozenset[str] = frozenset()
    _counts: Counter[str] | None = None
    _shouted: frozenset[int] | None = None

    @classmethod
    def of(cls, title: str, body: str) -> ArticleText:
        text = f"{title}{FIELD_GAP}{body}" if title else body
        body_start = len(title) + len(FIELD_GAP) if title else 0
        article = cls(text, body_start, len(title))
        article.lines = _lines(text, len(title) if title else 0)
        article.tokens = _tokens(text, article.lines)
        article.lower_words = frozenset(_LOWER_WORD.findall(text))
        return article

    def field_offset(self, position: int) -> tuple[Field, int]:
        if position < self.title_end:
            return "title", position
        return "body", position - self.body_start

    def is_common_word(self, word: str) -> bool:
        """The article writes this word in lower case somewhere: a capitalised copy may just start a sentence."""
        return word.casefold() in self.lower_words

    def token_count(self, word: str) -> int:
        """How often `word` occurs as a token (for two words: as a pair of tokens) in the article."""
        if self._counts is None:
            counts: Counter[str] = Counter(token.text for token in self.tokens)
            counts.update(f"{a.text} {b.text}" for a, b in zip(self.tokens, self.tokens[1:], strict=False))
            self._counts = counts
        return self._counts[word]

    def shouted(self, position: int) -> bool:
        """Whether the token at `position` is in a phrase in capitals inside a mixed-case line ("GET OUT and VOTE
        for your GREAT Governor"): its capitals say nothing, as in a line all in capitals."""
        if self._shouted is None:
            self._shouted = _shouted_starts(self.text, self.tokens)
        return position in self._shouted

    def sentence_initial(self, position: int) -> bool:
        index = position - 1
        text = self.text
        while index >= 0 and text[index] in " \t\u00a0":
            index -= 1
        return index < 0 or text[index] == "\n" or text[index] in _SENTENCE_END_CHARS

    def word_before(self, position: int) -> str:
        """The word just before `position` on the same line, past one comma ("counterpart, Sergei Lavrov")."""
        window = self.text[max(0, position - 30) : position].rpartition("\n")[2]
        before = window.rstrip(" \t\u00a0")
        if len(before) == len(window):  # glued to the name: "(Pyongyang)"
            return ""
        words = before.removesuffix(",").rsplit(None, 1)
        return words[-1] if words else ""


def _lines(text: str, title_end: int) -> list[Line]:
    raw_lines: list[tuple[int, str]] = []
    start = 0
    for raw in text.split("\n"):
        raw_lines.append((start, raw))
        start += len(raw) + 1
    lines = []
    last = max((index for index, (_, raw) in enumerate(raw_lines) if raw.strip()), default=-1)
    for index, (start, raw) in enumerate(raw_lines):
        stripped = raw.strip()
        if not stripped:
            continue
        neighbours = [raw_lines[i][1].strip() if 0 <= i < len(raw_lines) else "" for i in (index - 1, index + 1)]
        line = _line(stripped, start + raw.index(stripped[0]), start < title_end, neighbours)
        if index == last and line.heading and not line.in_title:  # nothing follows it: it heads nothing
            line = Line(line.start, line.end, False, False, line.shouting, line.credit, line.credit_start)
        lines.append(line)
    return lines


def _line(text: str, start: int, in_title: bool, neighbours: list[str]) -> Line:
    shouting = _is_shouting(text)
    credit_match = _MIXED_CREDIT.search(text) if not shouting else None
    credit = (shouting and _is_credit_line(text)) or credit_match is not None
    credit_start = start + credit_match.end() if credit_match is not None else start
    if in_title:
        heading = shouting or _is_title_case(text)
    else:
        heading = not credit and _is_heading(text) and _stands_alone(text, neighbours)
    return Line(start, start + len(text), in_title, heading, shouting, credit, credit_start)


def _stands_alone(text: str, neighbours: list[str]) -> bool:
    """A heading is a paragraph of its own: hard-wrapped text ("...talks with\nthe minister") has neighbours of
    about its length, or goes on in lower case on the next line; a heading is much shorter than the paragraph
    after it."""
    if neighbours[1][:1].islower():
        return False
    longest = max((len(line) for line in neighbours), default=0)
    return longest == 0 or len(text) < _HEADING_LENGTH_RATIO * longest


@functools.lru_cache(maxsize=8192)
def _is_shouting(text: str) -> bool:
    if text != text.upper() or " " not in text:
        return False
    return sum(char.isalpha() for char in text) >= _SHOUTING_MIN_LETTERS


@functools.lru_cache(maxsize=8192)
def _is_credit_line(text: str) -> bool:
    """ "AGENCE FRANCE-PRESSE, REUTERS", "PHOTO AGENCY KCNA BY REUTERS": short, and a list of names or a credit."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    if not words or len(words) > 10 or _DIGIT.search(text):
        return False
    has_credit_word = any(word.casefold() in CREDIT_WORDS for word in words)
    items = [item for item in re.split(r",|;|/|\band\b|\bAND\b|&", text) if item.strip()]
    is_list = len(items) >= 2 and all(len(item.split()) <= 4 for item in items)
    return has_credit_word or is_list


@functools.lru_cache(maxsize=8192)
def _is_heading(text: str) -> bool:
    """A short line standing alone without final punctuation ("Russia-North Korea relations"), or a short
    question ("Deliveries in progress?"); not a dateline or a table row (numbers), nor a fragment of a sentence
    broken across lines ("a series against England during a tour", "Australia will defend the Ashes in")."""
    words = text.split()
    if len(_DIGIT.findall(text)) >= 2 or not text[:1].isupper() or text.count("(") != text.count(")"):
        return False
    if words[-1].casefold() in _FUNCTION_WORDS:
        return False
    if not any(word[:1].islower() and word not in _NAME_LIST_WORDS for word in words) and not _is_shouting(text):
        return False  # "Pierre Belec", "Japan, South Korea, France": a byline, a caption or a list of names
    last = text.rstrip()[-1:]
    if last in "?!":
        return len(words) <= _QUESTION_HEADING_MAX_WORDS
    return len(words) <= _HEADING_MAX_WORDS and (last not in _FINAL_PUNCTUATION or is_boilerplate(text))


def _is_title_case(text: str) -> bool:
    """ "Kim Jong-un Wants Peace Talks" is Title Case; "Sergei Lavrov to visit Pyongyang" is not."""
    long_words = [word for word in re.findall(r"[^\W\d_]+", text) if len(word) >= 4]
    return len(long_words) >= 3 and all(word[0].isupper() for word in long_words)


def _tokens(text: str, lines: list[Line]) -> list[Token]:
    """Capitalised words, connectors, numbers and punctuation, in one pass over the whole text (no token crosses a
    line break), each tagged with its line. Other lower-case words are skipped: a quarter of the tokens."""
    tokens: list[Token] = []
    append = tokens.append
    line_index = 0
    line_end = lines[0].end if lines else 0
    taken_to = 0
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        if start < taken_to:  # the dot just taken by "Mr."
            continue
        while start >= line_end and line_index + 1 < len(lines):
            line_index += 1
            line_end = lines[line_index].end
        word = match.group()
        if "-" in word and word.rpartition("-")[2] in _COMPOUND_ENDINGS:  # "New York-based": the name is "York"
            word = word[: word.rindex("-")]
            end = start + len(word)
        # "Mr." and "N." keep their dot: "Mr. Lavrov" and "N. Korea" are single names with it.
        if text.startswith(".", end) and (word in DOTTED_HONORIFICS or (len(word) == 1 and word.isupper())):
            end += 1
            word += "."
            taken_to = end
        append(Token(start, end, word, line_index))
    return tokens


def _shouted_starts(text: str, tokens: list[Token]) -> frozenset[int]:
    """Starts of the tokens of runs of at least three words in capitals, joined by spaces or connectors."""
    found: set[int] = set()
    run: list[Token] = []
    last_end, last_line = 0, -1
    for token in [*tokens, Token(len(text), len(text), "", -1)]:
        word = token.text
        capitals = len(word) >= 2 and word.isupper() and word.isalpha()
        joined = bool(run) and token.line == last_line and not text[last_end : token.start].strip()
        if joined and (capitals or word in CONNECTORS):
            if capitals:
                run.append(token)
            last_end = token.end
            continue
        if len(run) >= _SHOUTED_PHRASE_WORDS:
            found.update(item.start for item in run)
        run = [token] if capitals else []
        last_end, last_line = token.end, token.line
    return frozenset(found)
