"""Build spaCy DocBins for the newsdesk NER model.

GMB (ODbL, may ship):

    python bench/ner/prepare.py --out /tmp/ner-data

writes ``gmb-train.spacy`` and ``gmb-dev.spacy`` into ``--out``.

CoNLL-2003 (RESEARCH ONLY, never ship weights trained on it):

    python bench/ner/prepare.py --conll --out /tmp/ner-conll

writes ``conll-train.spacy`` (first 846 training documents), ``conll-heldout.spacy`` (last 100, for
checkpoint selection) and ``conll-dev.spacy``; ``--out`` must be under /tmp so nothing
research-only ends up in the repository.

GMB label mapping (see /work/shared/corpora/ner/README.md):

* ``geo`` -> LOC, ``org`` -> ORG, ``per`` -> PER; ``tim``, ``gpe`` (demonyms), ``art``, ``eve``, ``nat`` dropped.
* leading titles/honorifics ("Mr.", "President", "Prime Minister", ...) are stripped from ``per`` spans;
  spans that are only a title are dropped.
* adjacent spans that GMB's token-level tags split inside one name are merged first ("Sri"/per +
  "Lanka"/gpe -> "Sri Lanka"/geo; "Mr."/per + "Maliki"/geo -> per), see ``merge_split_spans``.
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
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "ner"

KEEP = {"geo": "LOC", "org": "ORG", "per": "PER"}
TIE_ORDER = {"geo": 3, "per": 2, "org": 1}
DROPPED = {"tim", "gpe", "art", "eve", "nat"}

# Title words stripped from the front of per spans (compared case-insensitively, token by token).
TITLE_WORDS = {
    "mr.",
    "mrs.",
    "ms.",
    "mr",
    "mrs",
    "ms",
    "dr.",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "president-elect",
    "vice",
    "prime",
    "minister",
    "premier",
    "chancellor",
    "secretary",
    "secretary-general",
    "general",
    "gen.",
    "lieutenant",
    "lt.",
    "colonel",
    "col.",
    "major",
    "maj.",
    "captain",
    "capt.",
    "admiral",
    "adm.",
    "sergeant",
    "sgt.",
    "commander",
    "marshal",
    "brigadier",
    "senator",
    "sen.",
    "representative",
    "rep.",
    "congressman",
    "congresswoman",
    "governor",
    "gov.",
    "mayor",
    "judge",
    "justice",
    "attorney",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "sheikh",
    "sheik",
    "pope",
    "cardinal",
    "archbishop",
    "bishop",
    "reverend",
    "rev.",
    "father",
    "ayatollah",
    "mullah",
    "imam",
    "cleric",
    "foreign",
    "defense",
    "defence",
    "interior",
    "finance",
    "deputy",
    "acting",
    "former",
    "chief",
    "state",
    "of",
    "u.s.",
    "u.n.",
    "opposition",
    "leader",
    "chairman",
    "director",
    "first",
    "agriculture",
    "health",
    "energy",
    "trade",
    "economy",
    "homeland",
    "security",
    "treasury",
    "information",
    "education",
    "labor",
    "oil",
    "army",
    "military",
    "top",
    "senior",
    "speaker",
    "commissioner",
    "minister-president",
    "presidential",
    "candidate",
    "professor",
    "prof.",
    "doctor",
    "officer",
    "president's",
    "crown",
    "grand",
    "prophet",
    "saint",
}
# Words that may only be stripped when more name follows (never strip a span down to one of these).
NAME_PARTICLES = {"of"}

TOKEN_RE = re.compile(r"\S+")


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def strip_title(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Return the span without leading title words, or None if nothing but titles is left."""
    span = text[start:end]
    toks = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(span)]
    i = 0
    while i < len(toks) and toks[i][2].lower() in TITLE_WORDS:
        i += 1
    if i == len(toks):
        return None
    # "of" left dangling at the start (e.g. "Secretary of State Rice" handled above); never start with "of"
    while i < len(toks) and toks[i][2].lower() in NAME_PARTICLES:
        i += 1
    if i == len(toks):
        return None
    new_start = start + toks[i][0]
    # a remaining span that starts lower-case is not a name ("prime minister" fragments)
    if not text[new_start].isupper():
        return None
    return new_start, end


def country_names() -> set[str]:
    try:
        import pycountry
    except ImportError:  # pragma: no cover - documented requirement of this script
        print("warning: pycountry not installed; skipping country relabelling")
        return set()
    names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                names.add(v.lower())
        names.add(c.alpha_2.lower())
        names.add(c.alpha_3.lower())
    dotted = {
        "u.s.",
        "u.s",
        "us",
        "usa",
        "u.s.a.",
        "uk",
        "u.k.",
        "britain",
        "great britain",
        "russia",
        "iran",
        "syria",
        "south korea",
        "north korea",
        "vietnam",
        "venezuela",
        "bolivia",
        "tanzania",
        "laos",
        "moldova",
        "taiwan",
        "the united states",
        "united states",
        "america",
    }
    names |= dotted
    # Two-letter codes that are also ordinary org acronyms in news would be dangerous; keep only those
    # the GMB data itself mostly labels geo (checked at relabel time via the majority vote as well).
    return names


def span_counts(records: list[dict[str, Any]]) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in records:
        for e in r["entities"]:
            counts[e["text"]][e["type"]] += 1
    return counts


def majority_labels(counts: dict[str, Counter[str]], countries: set[str]) -> dict[str, str]:
    """Surface form -> majority GMB type, for forms seen >= 5 times with a >= 75% majority.

    Forms split between org and geo where org has >= 40% and that are not country names ("U.N.": geo 292,
    org 284) are organisations: GMB's tagger tends to call any name in a place-like slot geo."""
    out: dict[str, str] = {}
    for form, c in counts.items():
        total = sum(c.values())
        label, n = c.most_common(1)[0]
        if total >= 5 and n / total >= 0.75:
            out[form] = label
        elif total >= 5 and c["org"] / total >= 0.4 and form.lower() not in countries:
            out[form] = "org"
    return out


def merge_split_spans(
    record: dict[str, Any], counts: dict[str, Counter[str]], stats: Counter[str]
) -> list[dict[str, Any]]:
    """Undo GMB's token-level type flips inside one name.

    Adjacent spans (one space apart) whose concatenation is itself annotated as one span elsewhere in the
    corpus are merged with that form's majority type: "Sri"/per + "Lanka"/gpe -> "Sri Lanka"/geo,
    "Czech"/gpe + "Republic"/geo -> geo, "North"/geo + "Korean"/gpe -> gpe (a demonym, later dropped),
    "Mr."/per + "Yushchenko"/org -> per. A title-only per span directly followed by another span makes that
    span a person ("Mr."/per + "Maliki"/geo)."""
    text = record["text"]
    ents = [dict(e) for e in record["entities"]]
    out: list[dict[str, Any]] = []
    i = 0
    while i < len(ents):
        cur = ents[i]
        while (
            i + 1 < len(ents)
            and text[cur["end"] : ents[i + 1]["start"]] == " "
            and "tim" not in (cur["type"], ents[i + 1]["type"])
        ):
            nxt = ents[i + 1]
            combined = text[cur["start"] : nxt["end"]]
            whole = counts.get(combined)
            if whole:
                # ties go to the more specific name class (Czech Republic: geo 1, org 1, gpe 1 -> geo)
                label = max(whole, key=lambda t: (whole[t], TIE_ORDER.get(t, 0)))
                stats[f"merged {cur['type']}+{nxt['type']}->{label}"] += 1
            elif cur["type"] == "per" and strip_title(text, cur["start"], cur["end"]) is None:
                label = "per"
                stats[f"merged title+{nxt['type']}->per"] += 1
            else:
                break
            cur = {"start": cur["start"], "end": nxt["end"], "text": combined, "type": label}
            i += 1
        out.append(cur)
        i += 1
    return out


def map_gmb(
    record: dict[str, Any], majority: dict[str, str], countries: set[str], stats: Counter[str]
) -> list[tuple[int, int, str]]:
    text = record["text"]
    out: list[tuple[int, int, str]] = []
    for e in record["entities"]:  # already merged by merge_split_spans
        typ = e["type"]
        maj = majority.get(e["text"])
        if maj is not None and maj != typ:
            stats[f"relabel {typ}->{maj}"] += 1
            typ = maj
        if typ not in KEEP:
            continue
        label = KEEP[typ]
        start, end = e["start"], e["end"]
        if label == "ORG" and e["text"].lower() in countries:
            stats["org->LOC country"] += 1
            label = "LOC"
        if label == "PER":
            stripped = strip_title(text, start, end)
            if stripped is None:
                stats["per title-only dropped"] += 1
                continue
            if stripped[0] != start:
                stats["per title stripped"] += 1
            start, end = stripped
        out.append((start, end, label))
    return out


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
