"""Extractors in the shape bench/ner/evaluate.py --extract / --extract-spans expects.

    python bench/ner/evaluate.py --extract bench.ner.extractors:recogniser_names \
        --extract-spans bench.ner.extractors:recogniser_spans \
        --extract-many bench.ner.extractors:recogniser_names_many

scores the shipped model exactly as newsdesk runs it (index.ner_model, including its span clean-up).
The lead's final system (model + rules) can be scored the same way with its own function.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from index.ner_model import load_recogniser


def recogniser_names(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.kind) for s in load_recogniser().spans(text)]


def recogniser_spans(text: str) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.kind) for s in load_recogniser().spans(text)]


def recogniser_names_many(texts: Iterable[str]) -> Iterator[list[tuple[str, str]]]:
    for spans in load_recogniser().spans_many(texts):
        yield [(s.text, s.kind) for s in spans]
