"""Build spaCy DocBins for the newsdesk NER model.

GMB (ODbL, may ship):

    python bench/ner/prepare.py --out /tmp/ner-data

writes ``gmb-train.spacy`` and ``gmb-dev.spacy`` into ``--out``.

CoNLL-2003 (RESEARCH ONLY, never ship weights trained on it):

    python bench/ner/prepare.py --conll --out /tmp/ner-conll

writes ``conll-train.spacy`` (first 846 training documents), ``conll-heldout.spacy`` (last 100, for
checkpoint selection) and ``conll-dev.spacy``; ``--out`` must be under /tmp so nothing
research-only ends up in the repository.

GMB label mapping (see /work/shared/corpora/ner/README.md; implemented in bench/ner/labels.py):

* ``geo`` -> LOC, ``org`` -> ORG, ``per`` -> PER; ``tim``, ``gpe`` (demonyms), ``art``, ``eve``, ``nat`` dropped.
* leading titles/honorifics ("Mr.", "President", "Prime Minister", ...) are stripped from ``per`` spans;
  spans that are only a title are dropped.
* adjacent spans that GMB's token-level tags split inside one name are merged first ("Sri"/per +
  "Lanka"/gpe -> "Sri Lanka"/geo; "Mr."/per + "Maliki"/geo -> per), see ``labels.merge_split_spans``.
* label-consistency denoising: a surface form that the corpus labels with one class in the large majority
  of its occurrences (e.g. "Turkey" geo 1000x, org 104x) is relabelled to that majority class wherever it
  appears as another class; if the majority is a dropped class (e.g. "Muslim" is mostly gpe), the
  minority span is dropped.  Country names/codes known to pycountry that are labelled ``org``
  (e.g. "U.S.", "UK") become LOC.
* sentences are grouped into pseudo-documents of ``--doc-sents`` consecutive sentences; train/dev split
  by contiguous blocks of sentence ids (every ``--dev-every``-th block of ``--block`` ids is dev).
* augmentation (train only): a fraction of pseudo-documents gets its first sentence upper-cased
  (headline style, added as an extra copy), so the model does not depend only on title case; a fraction
  gets a wire-style dateline made from a place it mentions ("KABUL, March 3 - ..."); half of the
  pseudo-documents separate sentences by blank lines (paragraphs), half by spaces.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.ner.labels import country_names, majority_labels, map_gmb, merge_split_spans, span_counts  # noqa: E402

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "ner"


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def pseudo_docs(
    records: list[tuple[str, list[tuple[int, int, str]]]], size: int, rng: random.Random | None = None
) -> Iterator[tuple[str, list[tuple[int, int, str]], list[tuple[int, int]]]]:
    """Concatenate consecutive sentences; yields (text, entities, sentence char ranges).

    With ``rng``, half of the documents separate sentences by a blank line (paragraph style, as in
    newsdesk articles and the CoNLL files) instead of a space."""
    for i in range(0, len(records), size):
        sep = "\n\n" if rng is not None and rng.random() < 0.5 else " "
        parts: list[str] = []
        ents: list[tuple[int, int, str]] = []
        sents: list[tuple[int, int]] = []
        offset = 0
        for text, es in records[i : i + size]:
            if parts:
                offset += len(sep)
            parts.append(text)
            sents.append((offset, offset + len(text)))
            ents.extend((offset + s, offset + e, lab) for s, e, lab in es)
            offset += len(text)
        yield sep.join(parts), ents, sents


def to_docbin(nlp: Any, items: Iterable[tuple[str, list[tuple[int, int, str]]]], stats: Counter[str]) -> Any:
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    db = DocBin(store_user_data=False)
    for text, ents in items:
        doc = nlp.make_doc(text)
        spans = []
        for s, e, lab in ents:
            span = doc.char_span(s, e, label=lab, alignment_mode="contract")
            if span is None or len(span) == 0:
                stats["unaligned"] += 1
                continue
            spans.append(span)
        kept = filter_spans(spans)
        stats["overlap dropped"] += len(spans) - len(kept)
        stats["mentions"] += len(kept)
        doc.ents = kept
        db.add(doc)
        stats["docs"] += 1
    return db


def upper_first_sentence(text: str, ents: list[tuple[int, int, str]], sents: list[tuple[int, int]]) -> str | None:
    s, e = sents[0]
    up = text[s:e].upper()
    if len(up) != e - s:
        return None
    return text[:s] + up + text[e:]


MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]


def add_dateline(
    text: str, ents: list[tuple[int, int, str]], rng: random.Random
) -> tuple[str, list[tuple[int, int, str]]] | None:
    """Prefix a news dateline built from a place the document mentions ("KABUL, March 3 -", "PARIS 2007-05-01").

    Wire copy starts with such datelines; GMB sentences never do, so without this the model misses
    all-caps place names at the start of an article."""
    places = [text[s:e] for s, e, lab in ents if lab == "LOC" and len(text[s:e]) > 2]
    if not places:
        return None
    place = rng.choice(places)
    name = place.upper() if rng.random() < 0.8 else place
    year, month, day = rng.randint(1985, 2024), rng.randint(1, 12), rng.randint(1, 28)
    if rng.random() < 0.5:
        rest = f" {year}-{month:02d}-{day:02d}\n\n"
    else:
        rest = f", {MONTHS[month - 1]} {day} - "
    prefix = name + rest
    shift = len(prefix)
    return prefix + text, [(0, len(name), "LOC")] + [(s + shift, e + shift, lab) for s, e, lab in ents]


def build_gmb(args: argparse.Namespace) -> None:
    import spacy

    nlp = spacy.blank("en")
    raw = list(read_jsonl(args.corpora / "gmb-ner.jsonl.gz"))
    counts = span_counts(raw)
    countries = country_names()
    majority = majority_labels(counts, countries)
    stats: Counter[str] = Counter()
    for r in raw:
        r["entities"] = merge_split_spans(r, counts, stats)
    train: list[tuple[str, list[tuple[int, int, str]]]] = []
    dev: list[tuple[str, list[tuple[int, int, str]]]] = []
    for r in raw:
        n = int(r["id"].split("-")[1])
        item = (r["text"], map_gmb(r, majority, countries, stats))
        block = (n - 1) // args.block
        (dev if block % args.dev_every == args.dev_every - 1 else train).append(item)
    rng = random.Random(args.seed)
    train_docs: list[tuple[str, list[tuple[int, int, str]]]] = []
    for text, ents, sents in pseudo_docs(train, args.doc_sents, rng):
        if rng.random() < args.upper_frac:
            up = upper_first_sentence(text, ents, sents)
            if up is not None:
                # keep the original too: the upper-cased copy is extra data
                train_docs.append((text, ents))
                text = up
                stats["upper augmented"] += 1
        if rng.random() < args.dateline_frac:
            dated = add_dateline(text, ents, rng)
            if dated is not None:
                text, ents = dated
                stats["dateline augmented"] += 1
        train_docs.append((text, ents))
    dev_docs = [(t, e) for t, e, _ in pseudo_docs(dev, args.doc_sents)]
    args.out.mkdir(parents=True, exist_ok=True)
    tstats: Counter[str] = Counter()
    dstats: Counter[str] = Counter()
    to_docbin(nlp, train_docs, tstats).to_disk(args.out / "gmb-train.spacy")
    to_docbin(nlp, dev_docs, dstats).to_disk(args.out / "gmb-dev.spacy")
    print("mapping:", dict(stats))
    print("train:", dict(tstats), f"({len(train)} sentences)")
    print("dev:", dict(dstats), f"({len(dev)} sentences)")


def build_conll(args: argparse.Namespace) -> None:
    import spacy

    if not str(args.out.resolve()).startswith("/tmp/"):
        raise SystemExit("--conll output must be under /tmp (research-only data; never inside the repo)")
    nlp = spacy.blank("en")
    args.out.mkdir(parents=True, exist_ok=True)
    splits: dict[str, list[tuple[str, list[tuple[int, int, str]]]]] = {}
    for split in ("train", "dev"):
        items = []
        for r in read_jsonl(args.corpora / f"conll2003-{split}.jsonl.gz"):
            ents = [(e["start"], e["end"], e["type"]) for e in r["entities"] if e["type"] in ("PER", "ORG", "LOC")]
            items.append((r["text"], ents))
        splits[split] = items
    # model selection uses the last 100 training documents, so conll2003-dev stays a clean test set
    splits["heldout"] = splits["train"][-100:]
    splits["train"] = splits["train"][:-100]
    for split, items in splits.items():
        st: Counter[str] = Counter()
        to_docbin(nlp, items, st).to_disk(args.out / f"conll-{split}.spacy")
        print(split, dict(st))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpora", type=Path, default=CORPORA)
    p.add_argument("--out", type=Path, default=Path("/tmp/ner-data"))
    p.add_argument("--conll", action="store_true", help="build research-only CoNLL DocBins (into /tmp)")
    p.add_argument("--doc-sents", type=int, default=8)
    p.add_argument("--block", type=int, default=1000)
    p.add_argument("--dev-every", type=int, default=10)
    p.add_argument("--upper-frac", type=float, default=0.2)
    p.add_argument("--dateline-frac", type=float, default=0.25)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    if args.conll:
        build_conll(args)
    else:
        build_gmb(args)


if __name__ == "__main__":
    main()
