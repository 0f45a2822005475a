"""From the model's spans and the rules' candidates to one set of non-overlapping, typed, plausible names.

- The model's spans are repaired: snapped to whole tokens ("Kim Jong-" -> "Kim Jong-un"), cut at line breaks,
  stripped of a leading "the", a trailing possessive, and of a job title before a full name ("President
  Vladimir Putin" -> "Vladimir Putin"; "Mr Ri" and "President Putin" keep theirs: that is how the text names them).
  In all-caps lines they are ignored (the model reads capitals as names).
- Overlaps are settled by priority, then length: a credit beats a rule, a structural rule beats the model, the
  model beats a place or acronym found inside a longer phrase.
- The kind of a kept span is a strong rule's if one typed the same span, else the model's, corrected by cues the
  model misses: a country or capital is a place, an acronym the gazetteer does not know an organisation, "...
  Institute" an organisation, "... Zone" a place, "Dmitry Peskov, a spokesperson" a person.
- What is never a name is dropped: page furniture, weekdays and months, bare titles, adjectives of nationality,
  compass words, a sentence's first word the article otherwise writes in lower case.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence

from index.boilerplate import is_boilerplate
from index.entities.gazetteer import is_demonym, is_given_name, place
from index.entities.keys import entity_key, lookup_words
from index.entities.people import appositive_follows
from index.entities.text import ArticleText
from index.entities.vocab import (
    BOILERPLATE_PHRASES,
    COMPASS_WORDS,
    CORPORATE_FORMS,
    EAST_ASIAN_SURNAMES,
    EVENT_WORDS,
    FOREIGN_ORG_FIRST_WORDS,
    GROUP_PLURALS,
    MONTHS,
    NOT_NAME_WORDS,
    ORG_SUFFIXES,
    PLACE_SUFFIXES,
    STOP_WORDS,
    WEEKDAYS,
)
from index.entities.words import (
    Candidate,
    bare,
    is_acronym,
    is_capitalised,
    is_glued,
    is_honorific,
    is_name_word,
    is_title_head,
    is_title_word,
    strip_possessive,
)
from index.model import EntityKind
from index.ner_model import NamedSpan

_MIN_SHOUTED_WORD = 5
_EDGE_WORDS = frozenset({"the", "The", "THE", "a", "A", "an", "An"})


def model_candidates(article: ArticleText, spans: Iterable[NamedSpan]) -> list[Candidate]:
    starts = [token.start for token in article.tokens]
    found = []
    for span in spans:
        candidate = _repaired(article, starts, span.start, span.end, span.kind)
        if candidate is not None:
            found.append(candidate)
    return found


def _repaired(article: ArticleText, starts: list[int], start: int, end: int, kind: EntityKind) -> Candidate | None:
    tokens = article.tokens
    first = max(0, bisect.bisect_right(starts, start) - 1)
    if first < len(tokens) and tokens[first].end <= start:
        first += 1
    last = bisect.bisect_left(starts, end) - 1
    if first > last or first >= len(tokens):
        return None
    line = tokens[first].line
    if article.lines[line].shouting or article.shouted(tokens[first].start):
        return None  # the model reads capitals as names
    while last > first and tokens[last].line != line:  # a span running over a line break keeps its first line
        last -= 1
    while first <= last and (not tokens[first].text[:1].isalnum() or tokens[first].text in _EDGE_WORDS):
        first += 1
    while last >= first and not tokens[last].text[:1].isalnum():
        last -= 1
    trailing = last
    while trailing > first and is_title_word(tokens[trailing].text):
        trailing -= 1
    if trailing < last and any(is_title_head(token.text) for token in tokens[trailing + 1 : last + 1]):
        before = article.text[tokens[first].start : tokens[trailing].end]
        if place(before) is not None or is_demonym(before) or is_acronym(before):
            last = trailing  # "North Korea FM", "US President": the place, not a person
    if first > last:
        return None
    span = tokens[first : last + 1]
    stem, possessive = strip_possessive(span[-1].text)
    span_end = span[-1].start + len(stem) if possessive else span[-1].end
    title_end = 0
    while title_end < len(span) - 1 and is_title_word(span[title_end].text) and not is_acronym(span[title_end].text):
        title_end += 1
    if title_end and not any(is_title_head(token.text) for token in span[:title_end]):
        title_end = 0  # "General Motors", "Foreign Ministry": qualifiers without a title are part of the name
    name = span[title_end:]
    start = span[0].start
    if title_end:
        keep_title = any(is_honorific(token.text) for token in span[:title_end]) or len(name) == 1
        start = span[0].start if keep_title and span[0].text[:1].isupper() else name[0].start
    elif (
        len(span) >= 2
        and article.sentence_initial(span[0].start)
        and is_name_word(span[0].text)
        and _is_sentence_word(article, span[0].text)
        and place(article.text[span[0].start : span_end]) is None
    ):
        start = span[1].start  # "Asked Lavrov ...", "Getting Disney ...": the capital only starts the sentence
        name = span[1:]
    if kind == "person" and len(name) >= 3 and start == name[0].start:
        lead = 0  # "Cleveland DL Larry Ogunjobi": a team and a position before the name
        while lead < len(name) - 2 and (is_acronym(name[lead].text) or place(name[lead].text) is not None):
            lead += 1
        if lead:
            name = name[lead:]
            start = name[0].start
    # A heading's names count only if the article confirms them; a title's places always count.
    layout = article.lines[line]
    confirm_only = layout.heading and not (layout.in_title and kind == "place")
    return Candidate(start, span_end, kind, 3, name_start=name[0].start, confirm_only=confirm_only, source="model")


def _is_sentence_word(article: ArticleText, word: str) -> bool:
    """A capitalised word that is only capitalised because it starts the sentence: the article writes it in lower
    case elsewhere, or it has the shape of an adverb or a participle ("Sadly", "Getting") and is no given name."""
    if article.is_common_word(word):
        return True
    return word.endswith(("ly", "ing")) and not is_given_name(word) and place(word) is None


def select(article: ArticleText, candidates: Sequence[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, surest first; each typed by the strongest evidence for its exact span."""
    covered = bytearray(len(article.text) + 1)
    chosen: list[Candidate] = []
    by_span: dict[tuple[int, int], list[Candidate]] = {}
    for candidate in candidates:
        by_span.setdefault((candidate.start, candidate.end), []).append(candidate)
        if candidate.name_start != candidate.start:  # "Mr Ri" (model) and "Ri" (rule) are the same name
            by_span.setdefault((candidate.name_start, candidate.end), []).append(candidate)
    ordered = sorted(candidates, key=lambda c: (-c.priority, c.start - c.end, c.start))
    for candidate in ordered:
        if any(covered[candidate.start : candidate.end]):
            continue
        same = by_span[(candidate.start, candidate.end)] + by_span.get((candidate.name_start, candidate.end), [])
        strong = [other for other in same if other.strong and other.kind is not None]
        model = [other for other in same if other.source == "model"]
        if strong:
            best = max(strong, key=lambda other: other.priority)
            candidate.kind, candidate.strong = best.kind, True
        elif model:  # a weak rule's span, the model's kind for it
            candidate.kind = _corrected_kind(article, model[0])
        candidate.confirm_only = all(other.confirm_only for other in same)
        if _is_plausible(article, candidate):  # an implausible span leaves room for what it overlapped
            covered[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            chosen.append(candidate)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _corrected_kind(article: ArticleText, candidate: Candidate) -> EntityKind | None:
    """The model's kind, unless the name's own shape or a cue around it says otherwise."""
    name = article.text[candidate.name_start : candidate.end]
    words = name.split()
    known = place(name)
    if known is not None and (known.strong or candidate.kind is None):
        return "place"
    if len(words) == 1 and is_acronym(name) and known is None:
        return "org"
    if len(words) >= 2:
        last = bare(words[-1])
        if last in ORG_SUFFIXES or bare(words[0]) in FOREIGN_ORG_FIRST_WORDS:
            return "org"
        if last in PLACE_SUFFIXES:
            return "place"
    if candidate.kind != "person" and known is None and _given_name_first(words, candidate.kind):
        return "person"  # "Tony Adams" as a place, "C. Lewis" as an organisation: the first name says otherwise
    if candidate.kind != "person" and candidate.name_start != candidate.start:
        return "person"  # "Mr Lavrov" as an organisation: the honorific says otherwise
    if candidate.kind == "org" and _person_appositive(article, candidate):
        return "person"
    return candidate.kind


def _given_name_first(words: list[str], kind: EntityKind | None) -> bool:
    """A given name (for a place: a model rarely calls a company by one) or an initial, then surnames."""
    initial = len(words[0]) == 2 and words[0].endswith(".")
    return (
        2 <= len(words) <= 3
        and (initial or (kind != "org" and is_given_name(words[0])))
        and all(is_name_word(word) for word in words)
        and bare(words[-1]) not in ORG_SUFFIXES | PLACE_SUFFIXES
    )


def _person_appositive(article: ArticleText, candidate: Candidate) -> bool:
    words = article.text[candidate.start : candidate.end].split()
    return all(is_name_word(word) for word in words) and appositive_follows(article, candidate.end)


def _is_lone_word_noise(article: ArticleText, candidate: Candidate, name: str) -> bool:
    """One word a model took for a name: a company form alone ("Inc"), two letters that are no family name ("Id"),
    or a sentence's first word that is an adverb or a participle ("Sadly,", "Inside,", "Getting")."""
    if bare(name) in CORPORATE_FORMS:
        return True
    if len(name) <= 2 and not name.isupper() and name not in EAST_ASIAN_SURNAMES:
        return True
    if place(name) is not None or is_acronym(name) or not article.sentence_initial(candidate.start):
        return False
    return _is_sentence_word(article, name) or article.text.startswith(",", candidate.end)


def _is_line_label(article: ArticleText, candidate: Candidate, name: str) -> bool:
    """ "Scorers: ...", "Source: ...": one word opening a line before a colon labels what follows (a place there is
    a dateline, "Moscow: ...")."""
    if " " in name or place(name) is not None or is_acronym(name):
        return False
    line_start = article.text.rfind("\n", 0, candidate.start) + 1
    return candidate.start == line_start and article.text.startswith(":", candidate.end)


@functools.lru_cache(maxsize=65536)
def _is_boilerplate(text: str) -> bool:
    return is_boilerplate(text)


def _is_plausible(article: ArticleText, candidate: Candidate) -> bool:
    """False for what is never a name, whoever proposed it."""
    if candidate.kind is None:
        return False
    surface = article.text[candidate.start : candidate.end]
    name = article.text[candidate.name_start : candidate.end]
    words = lookup_words(name)
    if not words or not any(char.isalpha() for char in name):
        return False
    if not is_capitalised(name) and not name[1:2].isupper():  # "eBay" is a name, "talks" is not
        return False
    key = entity_key(surface)
    if any(is_glued(word) for word in name.split()):
        return False
    if key in BOILERPLATE_PHRASES or all(word in NOT_NAME_WORDS for word in words):
        return False
    if len(words) == 1 and (words[0] in WEEKDAYS or words[0] in MONTHS or words[0] in COMPASS_WORDS):
        return False
    if len(words) >= 2 and words[-1] in EVENT_WORDS and not candidate.strong:
        return False  # "Hong Kong Open", "Davis Cup": an event
    if is_acronym(name) and len(name) >= _MIN_SHOUTED_WORD and article.is_common_word(name):
        return False  # "PANEL" in an article that also writes "panel"
    if all(is_title_word(word) for word in name.split()):  # "President", "Foreign Minister", "Mr"
        return False
    if name in STOP_WORDS or (len(name) == 1) or any(char.isdigit() for char in name) and not is_acronym(name):
        return False
    if candidate.source == "model" and is_demonym(name):
        return False
    if candidate.source == "model" and candidate.kind != "person" and _is_line_label(article, candidate, name):
        return False
    if len(surface.split()) <= 4 and _is_boilerplate(surface):
        return False
    if len(words) == 1 and not candidate.strong and _is_lone_word_noise(article, candidate, name):
        return False
    if words[-1] in GROUP_PLURALS and not candidate.strong:
        return False  # "Democrats", "Kentucky Democrats": members of a party, like "Russians"
    if candidate.source == "model" and not candidate.strong and place(name) is None and not is_acronym(name):
        # Capitalised words the article otherwise writes in lower case: a sentence's first word, a phrase in a
        # headline ("Heavy Rain"), not a name.
        if all(article.is_common_word(word) for word in name.split()):
            return False
    return True
