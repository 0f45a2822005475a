"""Lines whose layout types their names: credits, results tables and lines in capitals.

- A credit names the agencies that supplied the text or pictures: "AGENCE FRANCE-PRESSE, REUTERS", "PHOTO AGENCY
  KCNA BY REUTERS", "Photo: AFP", "Additional reporting by Agence France-Presse, Associated Press and Reuters".
- In a results table a name followed by a score is a team ("Red Star (Yugoslavia) 92", "SEATTLE 9 Baltimore 6"),
  not the city it is named after.
- In a line in capitals only places are sure; its other words can only confirm names given elsewhere.
"""

from __future__ import annotations

import re

from index.entities.gazetteer import is_demonym, is_given_name, place
from index.entities.phrases import is_org_phrase, places_and_acronyms
from index.entities.segments import Segment, name_words
from index.entities.text import ArticleText, Line, Token
from index.entities.vocab import CREDIT_WORDS
from index.entities.words import Candidate, bare, is_capitalised, is_connector, is_title_head

_NUMBER = re.compile(r"\d{1,3}(?:-\d{1,3})?")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{2,}(?![\w'’-])")
_TABLE_MAX_LOWER_WORDS = 3
_MAX_CREDITED_WORDS = 4
# Last words of team names ("Manchester City", "Queens Park Rangers", "Bristol Rovers").
_TEAM_WORDS = frozenset(
    "city united town county rovers rangers athletic albion wanderers villa orient athletico fc afc sc".split()
)


def is_table_row(article: ArticleText, line: Line) -> bool:
    """ "Stoke 4 3 1 0 7 4 10", "SEATTLE 9 Baltimore 6", "Surrey 24 points, Warwickshire 2.": names and numbers,
    hardly a lower-case word."""
    text = article.text[line.start : line.end]
    return len(_NUMBER.findall(text)) >= 2 and len(_LOWER_WORD.findall(text)) <= _TABLE_MAX_LOWER_WORDS


def team(article: ArticleText, seg: Segment, next_token: dict[int, int]) -> Candidate | None:
    """A name followed by a score in a results table is a team ("Red Star (Yugoslavia) 92"), not the city it is
    named after; a country stays a place (national teams), a person a person ("C. Lewis 80", "Tony Adams 2")."""
    words = name_words(seg)
    index = next_token.get(seg[-1].start)
    tokens = article.tokens
    if index is None or len(words) > 3:
        return None
    if index < len(tokens) and tokens[index].text == "(":  # "Benetton (Italy) 92"
        while index < len(tokens) and tokens[index].text != ")" and tokens[index].line == seg[-1].line:
            index += 1
        index += 1
    if index >= len(tokens) or tokens[index].line != seg[-1].line or not _NUMBER.fullmatch(tokens[index].text):
        return None
    if article.text[seg[-1].end : tokens[index].start].strip(" \t()"):
        return None  # a word between the name and the number: prose, not a table cell
    phrase = article.text[seg[0].start : seg[-1].end]
    known = place(phrase)
    if known is not None and known.country or is_demonym(phrase) or is_title_head(words[0].text):
        return None
    first = words[0].text
    if is_given_name(first) or (len(first) == 2 and first.endswith(".")):
        return None
    if len(words) > 1 and known is None and place(first) is None and bare(words[-1].text) not in _TEAM_WORDS:
        return None  # "Natalya Golodnova (Russia) 22.63" is a runner; "Kansas City", "Queens Park Rangers" teams
    return Candidate(seg[0].start, seg[-1].end, "org", 5, strong=True, source="table")


def shouted(seg: Segment, article: ArticleText) -> list[Candidate]:
    """In an all-caps line only places are sure; other words wait for confirmation (see resolve.py)."""
    return [candidate for candidate in places_and_acronyms(seg, article) if candidate.kind == "place"]


def credit_candidates(article: ArticleText, line: Line) -> list[Candidate]:
    """ "AGENCE FRANCE-PRESSE, REUTERS", "PHOTO AGENCY KCNA BY REUTERS", "Photo: AFP", "Additional reporting by
    Agence France-Presse, Associated Press and Reuters": the credited names are organisations, except a multi-word
    name in a mixed-case credit, which may be a reporter (the model decides)."""
    items: list[list[Token]] = [[]]
    line_index = article.lines.index(line)
    previous_end = 0
    for token in article.tokens:
        if token.line != line_index or token.start < line.credit_start:
            continue
        word = token.text
        if not line.shouting and previous_end and article.text[previous_end : token.start].strip(" ,;/&"):
            break  # a mixed-case credit ends where its list of names does ("... and Reuters said")
        previous_end = token.end
        separator = word in (",", ";", "/", "&", "and") or (line.shouting and bare(word) in CREDIT_WORDS)
        if separator:
            items.append([])
        elif not line.shouting and not (is_capitalised(word) or is_connector(word)):
            break  # a mixed-case credit ends where its list of names does
        elif word.isalnum() or "-" in word or "." in word or "'" in word or "’" in word:
            items[-1].append(token)
        else:
            items.append([])
    found = []
    for item in items:
        if not item or len(item) > _MAX_CREDITED_WORDS:
            continue
        start, end = item[0].start, item[-1].end
        known = place(article.text[start:end])
        if known is not None:
            found.append(Candidate(start, end, "place", 5, strong=known.strong))
        elif line.shouting or len(item) == 1 or is_org_phrase(item):
            found.append(Candidate(start, end, "org", 5, strong=True, source="credit"))
    return found
