"""Rule candidates: names the article's own wording types with more certainty than a statistical model.

The text is scanned for *runs* of capitalised tokens on one line ("Russian Foreign Minister Sergei Lavrov",
"Democratic People’s Republic of Korea"), cut into *segments* at function words, dates, numbers and possessives.
Each segment is typed by the first rule that fits, from the surest cue to the weakest:

- a title or honorific with a name after it -> a person ("Mr Ri", "MM. Kim and Putin", "Foreign Minister Ri",
  "President Vladimir Putin"); places before the title are places ("US President Donald Trump");
- the whole segment is a gazetteer place ("N. Korea", "Democratic People's Republic of Korea");
- an organisation word at its end, an organisation head before "of", a foreign organisation word first
  ("Oriental Studies Institute", "Bank of Korea", "Agence France-Presse") -> an organisation;
- "Republic of X" -> the place X; "Sea of Japan", "Demilitarized Zone", "Russian Far East" -> places;
- a person noun just before ("leader Kim Jong Un") or an appositive after ("Dmitry Peskov, a spokesperson")
  -> a person;
- otherwise only its known places and acronyms (an acronym is an organisation unless the gazetteer knows it).

Credits, results tables and lines in capitals are read by `tables.py`; the phrase shapes are in `phrases.py`, the
person cues in `people.py`, the runs and segments in `segments.py`.
"""

from __future__ import annotations

from index.entities.gazetteer import longest_place_words, place
from index.entities.people import east_asian_name, given_name_first, person_cued, recurring_surname
from index.entities.phrases import (
    is_org_phrase,
    is_place_phrase,
    lower_suffix,
    places_and_acronyms,
    political_place,
)
from index.entities.segments import Segment, lstrip_connectors, name_words, split_at
from index.entities.tables import credit_candidates, is_table_row, shouted, team
from index.entities.text import ArticleText
from index.entities.vocab import ORG_SUFFIXES, PLACE_SUFFIXES, PLURAL_HONORIFICS, SPLITTING_CONNECTORS
from index.entities.words import (
    Candidate,
    bare,
    is_acronym,
    is_connector,
    is_honorific,
    is_name_word,
    is_title_head,
    is_title_word,
)

_MAX_NAME_WORDS = 4


def rule_candidates(article: ArticleText, segs: list[Segment]) -> list[Candidate]:
    candidates: list[Candidate] = []
    for line in article.lines:
        if line.credit:
            candidates.extend(credit_candidates(article, line))
    table_lines = {index for index, line in enumerate(article.lines) if is_table_row(article, line)}
    next_token = {token.start: index + 1 for index, token in enumerate(article.tokens)} if table_lines else {}
    for seg in segs:
        line = article.lines[seg[0].line]
        if seg[0].line in table_lines and (found_team := team(article, seg, next_token)) is not None:
            candidates.append(found_team)
        found = shouted(seg, article) if line.shouting else _typed(seg, article)
        # A heading's names count only if the article confirms them; a title's places always count.
        for candidate in found:
            if line.heading and not (line.in_title and candidate.kind == "place"):
                candidate.confirm_only = True
        candidates.extend(found)
    return candidates


# --- runs and segments -------------------------------------------------------------------------------------------


def _typed(seg: Segment, article: ArticleText) -> list[Candidate]:
    text = article.text
    words = name_words(seg)
    start, end = seg[0].start, seg[-1].end
    title = _title_span(seg)
    if title is not None:
        return _titled(seg, *title, article)
    phrase = text[start:end]
    found = place(phrase) if len(words) <= longest_place_words() else None
    if found is not None:
        return [Candidate(start, end, "place", 4, strong=found.strong)] + lower_suffix(seg, article, True)
    if is_org_phrase(seg):
        return [Candidate(start, end, "org", 4, strong=True)]
    if any(token.text == "and" for token in seg):
        pieces = split_at(seg, {"and"})
        return [candidate for piece in pieces for candidate in _typed(piece, article)]
    if (political := political_place(seg)) is not None:
        return [political]
    if len(words) >= 2 and is_place_phrase(seg):
        return [Candidate(start, end, "place", 4, strong=True)]
    if any(token.text in SPLITTING_CONNECTORS for token in seg):
        return [candidate for piece in split_at(seg, SPLITTING_CONNECTORS) for candidate in _typed(piece, article)]
    if suffixed := lower_suffix(seg, article, False):
        return suffixed
    if person_cued(seg, article) or east_asian_name(seg, article):
        return [Candidate(start, end, "person", 4, strong=True)]
    if (person := given_name_first(seg, article)) is not None:
        return [person]
    if recurring_surname(seg, article):  # "Olaf Scholz ... Scholz": only where the model sees nothing
        return [Candidate(start, end, "person", 1, source="recurring")]
    return places_and_acronyms(seg, article)


def _title_span(seg: Segment) -> tuple[int, int] | None:
    """(first title word, first name word) of a title followed by a name: "Foreign Minister | Ri", "Mr | Ri"; None
    for "Stephen King" (nothing follows) or "Justice Department" (an organisation follows)."""
    for index, token in enumerate(seg):
        if is_connector(token.text) or not is_title_head(token.text):
            continue
        first = index
        while first > 0 and is_title_word(seg[first - 1].text) and not is_acronym(seg[first - 1].text):
            first -= 1
        after = index + 1
        while after < len(seg):
            word = seg[after].text
            if is_title_word(word) and not is_acronym(word):
                after += 1
            elif word in ("of", "for") and after + 1 < len(seg) and is_title_word(seg[after + 1].text):
                after += 2  # "Minister of Foreign Affairs Ri"
            else:
                break
        if after < len(seg) and is_name_word(seg[after].text) and not is_org_phrase(seg[after:]):
            if bare(seg[-1].text) not in ORG_SUFFIXES | PLACE_SUFFIXES:
                return first, after
    return None


def _titled(seg: Segment, first: int, name_at: int, article: ArticleText) -> list[Candidate]:
    """The person after a title, the places before it, and any further names after "and"."""
    found = places_and_acronyms(seg[:first], article)
    rest = seg[name_at:]
    name: Segment = []
    for token in rest:
        if token.text in SPLITTING_CONNECTORS or len(name_words(name)) >= _MAX_NAME_WORDS:
            break
        if not (is_name_word(token.text) or is_connector(token.text)):
            break
        name.append(token)
    while name and is_connector(name[-1].text):
        name.pop()
    if not name:
        return found
    title = seg[first:name_at]
    honorific = any(is_honorific(token.text) for token in title)
    # "Mr Alexander Vorontsov", "Foreign Minister Ri": how the text names the person; a long title with "of"
    # ("Minister of Foreign Affairs Ri") or before a full name is not part of the name.
    plain_title = not any(is_connector(token.text) for token in title)
    keep_title = seg[first].text[:1].isupper() and (honorific or (len(name_words(name)) == 1 and plain_title))
    start = seg[first].start if keep_title else name[0].start
    found.append(Candidate(start, name[-1].end, "person", 4, strong=True, name_start=name[0].start))
    remainder = lstrip_connectors(rest[len(name) :])
    plural = any(bare(token.text) in PLURAL_HONORIFICS for token in seg[first:name_at])
    for piece in split_at(remainder, {"and"}) if remainder else []:
        if plural and all(is_name_word(token.text) for token in piece):  # "MM. Kim and Putin": both people
            found.append(Candidate(piece[0].start, piece[-1].end, "person", 4, strong=True))
        else:
            found.extend(_typed(piece, article))
    return found
