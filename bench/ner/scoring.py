"""Scoring for named-entity extraction, independent of how the names are found.

The product metric is *distinct typed names per document*: for each document, the set of
(normalised surface text, type) pairs in the gold annotation is compared with the set the extractor
returns; true positives, false positives and false negatives are summed over documents (micro average).
Only PER / ORG / LOC count (CoNLL MISC is ignored). Mention-level exact-span F1 is also available for
extractors that return character offsets.

Any extractor can be scored:

    from bench.ner.scoring import load_conll, score_documents
    docs = load_conll(path_to_conll2003_dev)
    report = score_documents(docs, extract)        # extract(text) -> list[(surface, type)]
    print(report.format())

``type`` may be spelled PER/ORG/LOC, person/org/place, or spaCy's PERSON/GPE/LOC/ORG (GPE and LOC both
count as LOC). Anything else (MISC, DATE, ...) is ignored.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TYPES = ("PER", "ORG", "LOC")

TYPE_ALIASES = {
    "PER": "PER",
    "PERSON": "PER",
    "person": "PER",
    "per": "PER",
    "ORG": "ORG",
    "org": "ORG",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "LOC": "LOC",
    "GPE": "LOC",
    "place": "LOC",
    "loc": "LOC",
    "geo": "LOC",
    "LOCATION": "LOC",
    "PLACE": "LOC",
}

Extract = Callable[[str], Sequence[tuple[str, str]]]
ExtractSpans = Callable[[str], Sequence[tuple[int, int, str]]]

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_EDGE_PUNCT = "\"'“”‘’`.,;:!?()[]{}<>-–—"


def canonical_type(kind: str) -> str | None:
    return TYPE_ALIASES.get(kind)


def normalise(surface: str) -> str:
    """Case- and punctuation-insensitive key for a name: 'The U.S.' == 'the u.s' ; "Reuters'" == 'reuters'."""
    s = unicodedata.normalize("NFKC", surface)
    s = " ".join(s.split())
    s = _POSSESSIVE.sub("", s)
    s = s.strip(_EDGE_PUNCT + " ")
    s = s.casefold()
    if s.startswith("the "):
        s = s[4:]
    return s


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    entities: tuple[tuple[int, int, str], ...]  # (start, end, PER|ORG|LOC)

    def names(self) -> set[tuple[str, str]]:
        return {(normalise(self.text[s:e]), t) for s, e, t in self.entities if normalise(self.text[s:e])}


def load_conll(path: Path, limit: int | None = None) -> list[GoldDoc]:
    """Read a CoNLL-style JSONL(.gz) file as described in shared/corpora/ner/README.md; MISC dropped."""
    opener: Any = gzip.open if str(path).endswith(".gz") else open
    docs: list[GoldDoc] = []
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            ents = tuple((e["start"], e["end"], e["type"]) for e in r["entities"] if e["type"] in TYPES)
            docs.append(GoldDoc(r["id"], r["text"], ents))
            if limit is not None and len(docs) >= limit:
                break
    return docs


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def add(self, gold: set[Any], pred: set[Any]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def row(self, name: str) -> str:
        return f"{name:<8} P={self.p:.3f} R={self.r:.3f} F1={self.f:.3f}  (tp={self.tp} fp={self.fp} fn={self.fn})"


@dataclass
class Report:
    overall: PRF = field(default_factory=PRF)
    per_type: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in TYPES})
    # (doc id, normalised name, type) for inspection
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)
    false_negatives: list[tuple[str, str, str]] = field(default_factory=list)

    def format(self, title: str = "") -> str:
        lines = [title] if title else []
        lines.append(self.overall.row("overall"))
        lines.extend(self.per_type[t].row(t) for t in TYPES)
        return "\n".join(lines)


def _add(report: Report, doc_id: str, gold: set[tuple[Any, ...]], pred: set[tuple[Any, ...]]) -> None:
    report.overall.add(gold, pred)
    for t in TYPES:
        report.per_type[t].add({g for g in gold if g[-1] == t}, {p for p in pred if p[-1] == t})
    report.false_positives.extend((doc_id, str(p[0]), p[-1]) for p in pred - gold)
    report.false_negatives.extend((doc_id, str(g[0]), g[-1]) for g in gold - pred)


def predicted_names(found: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for surface, kind in found:
        t = canonical_type(kind)
        key = normalise(surface)
        if t is not None and key:
            out.add((key, t))
    return out


def score_names(docs: Sequence[GoldDoc], predictions: Iterable[Iterable[tuple[str, str]]]) -> Report:
    """Doc-level distinct typed names; predictions[i] are (surface, type) pairs for docs[i]."""
    report = Report()
    for doc, found in zip(docs, predictions, strict=True):
        _add(report, doc.id, doc.names(), predicted_names(found))
    return report


def score_documents(docs: Sequence[GoldDoc], extract: Extract) -> Report:
    """Doc-level distinct typed names for an arbitrary extractor."""
    return score_names(docs, (extract(d.text) for d in docs))


def score_mention_spans(docs: Sequence[GoldDoc], predictions: Iterable[Iterable[tuple[int, int, str]]]) -> Report:
    """Mention-level exact-span match (start, end, type), micro-averaged."""
    report = Report()
    for doc, found in zip(docs, predictions, strict=True):
        gold = {(s, e, t) for s, e, t in doc.entities}
        pred: set[tuple[int, int, str]] = set()
        for s, e, kind in found:
            t = canonical_type(kind)
            if t is not None:
                pred.add((s, e, t))
        report.overall.add(gold, pred)
        for t in TYPES:
            report.per_type[t].add({g for g in gold if g[2] == t}, {p for p in pred if p[2] == t})
    return report


def score_mentions(docs: Sequence[GoldDoc], extract_spans: ExtractSpans) -> Report:
    return score_mention_spans(docs, (extract_spans(d.text) for d in docs))
