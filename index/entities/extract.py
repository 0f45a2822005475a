"""One article's text and the model's spans in, its referents out as `FoundEntity` values."""

from __future__ import annotations

from collections.abc import Iterable

from index.entities.keys import lookup_words, straight_apostrophes
from index.entities.resolve import Referent, resolve
from index.entities.rules import rule_candidates
from index.entities.segments import segments
from index.entities.spans import model_candidates, select
from index.entities.text import ArticleText
from index.entities.words import is_acronym
from index.model import FoundEntity, Mention
from index.ner_model import NamedSpan

_SHORT_ACRONYM = 5  # "KCNA", "NATO" stay in capitals as a name; "REUTERS" becomes "Reuters"


def found_entities(article: ArticleText, spans: Iterable[NamedSpan]) -> tuple[FoundEntity, ...]:
    segs = list(segments(article))
    candidates = rule_candidates(article, segs) + model_candidates(article, spans)
    chosen = select(article, candidates)
    return tuple(_found(article, referent) for referent in resolve(article, chosen, segs))


def _found(article: ArticleText, referent: Referent) -> FoundEntity:
    forms: dict[str, None] = {}
    mentions = []
    for mention in referent.mentions:
        forms.setdefault(article.text[mention.start : mention.end])
        field, start = article.field_offset(mention.start)
        mentions.append(Mention(field, start, start + mention.end - mention.start))
    return FoundEntity(_display_name(article, referent), referent.kind, tuple(forms), tuple(mentions))


def _display_name(article: ArticleText, referent: Referent) -> str:
    """The gazetteer's name for a place; otherwise the fullest form, preferring one not in capitals, without its
    honorific or title."""
    if referent.canonical is not None:
        return referent.canonical

    def fullness(index: int) -> tuple[int, bool, int]:
        mention = referent.mentions[index]
        name = article.text[mention.name_start : mention.end]
        return len(lookup_words(name)), name != name.upper(), -index

    best = referent.mentions[max(range(len(referent.mentions)), key=fullness)]
    name = " ".join(straight_apostrophes(article.text[best.name_start : best.end]).split())
    if name == name.upper() and not (is_acronym(name) and len(name) <= _SHORT_ACRONYM):
        name = "-".join(part.capitalize() for part in name.split("-")) if " " not in name else _capitalised(name)
    return name


def _capitalised(name: str) -> str:
    """ "AGENCE FRANCE-PRESSE" -> "Agence France-Presse"; short acronyms inside stay ("BBC NEWS" -> "BBC News")."""
    words = []
    for word in name.split():
        if is_acronym(word) and len(word) <= _SHORT_ACRONYM - 1:
            words.append(word)
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)
