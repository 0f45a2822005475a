"""The statistical named-entity recogniser: a small spaCy pipeline shipped in `index/models/ner`.

It finds person / organisation / place mentions with character offsets; rules (honorifics, gazetteers,
alias merging) are layered on top elsewhere. The model was trained on the GMB corpus only (ODbL; see
`index/models/README.md` for the attribution) by `bench/ner/`.

spaCy is imported lazily inside `load_recogniser`, so importing this module costs nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.errors import NewsdeskError
from index.model import EntityKind

MODEL_DIR = Path(__file__).resolve().parent / "models" / "ner"

# The model's labels (CoNLL style) -> newsdesk entity kinds.
_KINDS: dict[str, EntityKind] = {"PER": "person", "ORG": "org", "LOC": "place"}

# Stray edge characters a tokenisation quirk can leave inside a span ("New York-" from "New York-based").
_SPAN_EDGE_JUNK = "\"'“”‘’`,;:()[]{}<>-–—/+*"


class RecogniserUnavailableError(NewsdeskError):
    """spaCy or the bundled NER model cannot be loaded."""


@dataclass(frozen=True)
class NamedSpan:
    """A name found in text: `text == source[start:end]`."""

    start: int  # char offsets into the text passed in
    end: int
    text: str
    kind: EntityKind


# The recogniser reads at most this much of an article: spaCy refuses texts over 1,000,000 characters and needs
# about 1 GB of memory per 100,000. A longer "article" is a dump; the names of its first 100,000 characters (some
# 15,000 words, longer than any news story) stand for it, and the offsets of the spans found stay valid.
MAX_RECOGNISED_CHARS = 100_000


class Recogniser:
    """Wraps a loaded spaCy pipeline; use `load_recogniser()` to get the shared instance."""

    def __init__(self, nlp: Any) -> None:
        self._nlp = nlp

    @property
    def nlp(self) -> Any:
        """The underlying spaCy `Language` (for benchmarking or pipe tuning)."""
        return self._nlp

    def spans(self, text: str) -> list[NamedSpan]:
        return _to_spans(self._nlp(text[:MAX_RECOGNISED_CHARS]), text)

    def spans_many(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[list[NamedSpan]]:
        """Like `spans` for each text, in order, batched through `nlp.pipe` (much faster for many texts)."""
        for doc in self._nlp.pipe((text[:MAX_RECOGNISED_CHARS] for text in texts), batch_size=batch_size):
            yield _to_spans(doc, doc.text)


def _to_spans(doc: Any, text: str) -> list[NamedSpan]:
    out: list[NamedSpan] = []
    for ent in doc.ents:
        kind = _KINDS.get(ent.label_)
        if kind is None:
            continue
        start, end = int(ent.start_char), int(ent.end_char)
        while start < end and text[start] in _SPAN_EDGE_JUNK:
            start += 1
        while end > start and text[end - 1] in _SPAN_EDGE_JUNK:
            end -= 1
        if start < end:
            out.append(NamedSpan(start, end, text[start:end], kind))
    return out


@functools.cache
def load_recogniser() -> Recogniser:
    """Load the bundled model once per process (cached)."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a declared dependency
        raise RecogniserUnavailableError("named-entity recognition needs spaCy: pip install 'spacy>=3.8,<3.9'") from exc
    if not (MODEL_DIR / "meta.json").is_file():
        raise RecogniserUnavailableError(f"the named-entity model is missing from {MODEL_DIR}; reinstall newsdesk")
    try:
        nlp = spacy.load(MODEL_DIR)
    except Exception as exc:  # spaCy raises plain OSError/ValueError/... for broken or incompatible models
        raise RecogniserUnavailableError(f"cannot load the named-entity model in {MODEL_DIR}: {exc}") from exc
    return Recogniser(nlp)
