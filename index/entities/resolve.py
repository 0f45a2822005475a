"""Which names in one article are one referent, and which further words name it again.

1. Names with the same key are one referent ("Ri Yong Ho" / "Ri Yong-ho"; "DPRK" / "N. Korea" via the gazetteer's
   canonical name); its kind is voted, a rule's vote outweighing the model's ("Lavrov" as an organisation once).
2. Full personal names that differ by a middle initial or one small misspelling are one person ("Sergei Lavrov" /
   "Sergi Lavrov"), but never two that differ in a short word ("Kim Jong-un" / "Kim Jong-il").
3. A one-word name that is the first or last word of a full personal name in the article joins that person
   ("Lavrov", "Mr Ri", "Hui"). When several people share it, it goes to the one most recently named in full
   before it, else the one the article names most ("Kim said" after "Kim Jong-un", before "Kim Il-sung").
4. An acronym joins the one organisation whose initials it is ("UNSC", "AFP"); a shorter organisation name that
   ends a longer one joins it when only one fits ("National Security Council").
5. Capitalised words no rule or model typed join a referent when they spell one of its names, or one word of a
   person's full name: the mentions the model missed ("Hui said"), and names in capitals or headings.
6. A referent named only in headings, a Title Case title or capitals is dropped: nothing confirms it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

from index.entities.gazetteer import place
from index.entities.keys import entity_key, initials_variants, lookup_words
from index.entities.segments import Segment
from index.entities.text import ArticleText
from index.entities.words import Candidate, is_acronym, is_connector, is_name_word
from index.model import EntityKind

_KIND_ORDER: tuple[EntityKind, ...] = ("person", "org", "place")
_MAX_CONFIRM_WORDS = 5


@dataclass
class Referent:
    key: str
    mentions: list[Candidate] = field(default_factory=list)
    canonical: str | None = None  # a gazetteer place's canonical name
    kind: EntityKind = "person"

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.key.split())


def resolve(article: ArticleText, chosen: list[Candidate], segs: list[Segment]) -> list[Referent]:
    referents = _by_key(article, chosen)
    _merge_person_variants(referents)
    _attach_short_names(article, referents)
    _merge_organisations(article, referents)
    _confirm_bare_words(article, referents, segs, chosen)
    kept = [referent for referent in referents if not all(m.confirm_only for m in referent.mentions)]
    for referent in kept:
        referent.mentions.sort(key=lambda mention: mention.start)
    kept.sort(key=lambda referent: referent.mentions[0].start)
    return kept


def _name(article: ArticleText, mention: Candidate) -> str:
    return article.text[mention.name_start : mention.end]


def _by_key(article: ArticleText, chosen: list[Candidate]) -> list[Referent]:
    referents: dict[str, Referent] = {}
    for mention in chosen:
        name = _name(article, mention)
        known = place(name) if mention.kind == "place" else None
        key = entity_key(known.canonical) if known is not None else entity_key(name)
        if not key:
            continue
        referent = referents.setdefault(key, Referent(key))
        referent.mentions.append(mention)
        if known is not None:
            referent.canonical = known.canonical
    for referent in referents.values():
        referent.kind = _voted_kind(referent.mentions)
        if referent.kind != "place":
            referent.canonical = None
    return list(referents.values())


def _voted_kind(mentions: list[Candidate]) -> EntityKind:
    votes = dict.fromkeys(_KIND_ORDER, 0)
    for mention in mentions:
        if mention.kind is not None:
            votes[mention.kind] += 10 if mention.strong else 1
    first = next((mention.kind for mention in mentions if mention.kind is not None), "person")
    return max(_KIND_ORDER, key=lambda kind: (votes[kind], kind == first))


def _absorb(referents: list[Referent], into: Referent, other: Referent) -> None:
    into.mentions.extend(other.mentions)
    referents.remove(other)


# --- people ------------------------------------------------------------------------------------------------------


def _merge_person_variants(referents: list[Referent]) -> None:
    people = [referent for referent in referents if referent.kind == "person" and len(referent.words) >= 2]
    for index, person in enumerate(people):
        if person not in referents:
            continue
        for other in people[index + 1 :]:
            if other in referents and _same_person(person.words, other.words):
                _absorb(referents, person, other)


def _same_person(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """ "donald j trump" / "donald trump"; "sergei lavrov" / "sergi lavrov"; never "kim jong un" / "kim jong il"."""
    if one[0] != other[0] and one[-1] != other[-1]:
        return False
    short, long = sorted((one, other), key=len)
    if len(long) == len(short) + 1:  # a middle initial or middle name
        return short[0] == long[0] and short[-1] == long[-1] and len(long[1]) == 1
    if len(one) != len(other):
        return False
    differing = [(a, b) for a, b in zip(one, other, strict=True) if a != b]
    return len(differing) == 1 and _one_typo(*differing[0])


def _one_typo(a: str, b: str) -> bool:
    """One letter added, dropped or changed, in words long enough for that to be a typo rather than a name."""
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    return _edit_distance(a, b) == 1


@functools.lru_cache(maxsize=8192)
def _edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _full_names(article: ArticleText, referents: list[Referent]) -> dict[str, list[tuple[Referent, list[int]]]]:
    """Each first or last word of a full personal name -> (person, positions of their full-name mentions)."""
    by_word: dict[str, list[tuple[Referent, list[int]]]] = {}
    for referent in referents:
        if referent.kind != "person" or len(referent.words) < 2:
            continue
        positions = sorted(
            mention.start for mention in referent.mentions if len(lookup_words(_name(article, mention))) >= 2
        )
        for word in {referent.words[0], referent.words[-1]}:
            by_word.setdefault(word, []).append((referent, positions))
    return by_word


def _person_for(word: str, position: int, full: dict[str, list[tuple[Referent, list[int]]]]) -> Referent | None:
    """The person a bare name means at `position`: the one most recently named in full, else the most named."""
    people = full.get(word, [])
    if len(people) <= 1:
        return people[0][0] if people else None
    before = [(max(p for p in positions if p < position), person) for person, positions in people if positions
              and positions[0] < position]  # fmt: skip
    if before:
        return max(before, key=lambda item: item[0])[1]
    return max(people, key=lambda item: len(item[0].mentions))[0]


def _attach_short_names(article: ArticleText, referents: list[Referent]) -> None:
    full = _full_names(article, referents)
    if not full:
        return
    for referent in [referent for referent in referents if len(referent.words) == 1 and referent.words[0] in full]:
        kept = []
        for mention in referent.mentions:
            # An acronym or a known country stays what it is ("UN" is not the end of "Kim Jong Un").
            if mention.strong and mention.kind != "person" and mention.name_start == mention.start:
                kept.append(mention)
                continue
            person = _person_for(referent.words[0], mention.start, full)
            if person is not None and person.words[-1] != referent.words[0] and _is_known_place(article, mention):
                person = None  # a place name may be a surname ("Lloyd Austin"), never a first name ("Kentucky")
            if person is None or person is referent:
                kept.append(mention)
            else:
                person.mentions.append(mention)
        referent.mentions = kept
        if not kept:
            referents.remove(referent)


def _is_known_place(article: ArticleText, mention: Candidate) -> bool:
    return mention.kind == "place" and place(_name(article, mention)) is not None


# --- organisations -----------------------------------------------------------------------------------------------


def _merge_organisations(article: ArticleText, referents: list[Referent]) -> None:
    orgs = [referent for referent in referents if referent.kind == "org"]
    long_names = [org for org in orgs if len(org.words) >= 2]
    for short in orgs:
        if short not in referents:
            continue
        matches = [
            long
            for long in long_names
            if long is not short and long in referents and _abbreviates(article, short, long)
        ]
        if len(matches) == 1:
            _absorb(referents, matches[0], short)


def _abbreviates(article: ArticleText, short: Referent, long: Referent) -> bool:
    """ "UNSC" / "United Nations Security Council"; "RIA" / "RIA Novosti"; "National Security Council" /
    "US National Security Council"."""
    if len(short.words) == 1:
        written = [_name(article, mention) for mention in short.mentions]
        acronyms = {word.replace(".", "").upper() for word in written if word and is_acronym(word)}
        if not acronyms:
            return False
        long_forms = {_name(article, mention) for mention in long.mentions}
        if any(acronyms & initials_variants(form) for form in long_forms if form):
            return True
        return short.words[0] == long.words[0] and len(long.words) <= 3
    return len(long.words) > len(short.words) and long.words[-len(short.words) :] == short.words


# --- bare capitalised words --------------------------------------------------------------------------------------


def _confirm_bare_words(
    article: ArticleText, referents: list[Referent], segs: list[Segment], chosen: list[Candidate]
) -> None:
    by_key: dict[str, Referent] = {}
    for referent in referents:
        by_key.setdefault(referent.key, referent)
        for mention in referent.mentions:
            by_key.setdefault(entity_key(_name(article, mention)), referent)
    full = _full_names(article, referents)
    covered = bytearray(len(article.text) + 1)
    for mention in chosen:
        covered[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    for seg in segs:
        for piece in _uncovered_pieces(seg, covered):
            for start_index, stop_index, referent in _matches(article, piece, by_key, full):
                line = article.lines[piece[start_index].line]
                start, end = piece[start_index].start, piece[stop_index - 1].end
                referent.mentions.append(Candidate(start, end, None, 1, confirm_only=line.heading, source="bare"))


def _uncovered_pieces(seg: Segment, covered: bytearray) -> Iterator[Segment]:
    piece: Segment = []
    for token in seg:
        if covered[token.start]:
            if piece:
                yield piece
            piece = []
        else:
            piece.append(token)
    if piece:
        yield piece


def _matches(
    article: ArticleText,
    piece: Segment,
    by_key: dict[str, Referent],
    full: dict[str, list[tuple[Referent, list[int]]]],
) -> Iterator[tuple[int, int, Referent]]:
    """Longest spans of `piece` that spell a known name; single words may be one word of a person's name."""
    index = 0
    shouting = article.lines[piece[0].line].shouting
    while index < len(piece):
        for stop in range(min(len(piece), index + _MAX_CONFIRM_WORDS), index, -1):
            if is_connector(piece[index].text) or is_connector(piece[stop - 1].text):
                continue
            referent = by_key.get(entity_key(article.text[piece[index].start : piece[stop - 1].end]))
            if referent is not None and (stop - index > 1 or _may_name(article, piece[index].text, shouting)):
                yield index, stop, referent
                index = stop
                break
        else:
            word = piece[index].text
            if _may_name(article, word, shouting) and (shouting or not is_acronym(word)):
                person = _person_for(entity_key(word), piece[index].start, full)
                if person is not None:
                    yield index, index + 1, person
            index += 1


def _may_name(article: ArticleText, word: str, shouting: bool) -> bool:
    """A lone capitalised word may be a name unless it is an ordinary word that only starts a sentence."""
    if shouting:
        return True
    return (is_name_word(word) or is_acronym(word)) and not article.is_common_word(word)
