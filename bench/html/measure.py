"""How well extract_page finds an article's text: word-level precision, recall and F1 on the article-extraction
benchmark (Zyte's, ~180 news and blog pages with their hand-marked article body), against a naive baseline.

Each page's body is compared with the gold articleBody as a bag of lowercased word tokens (precision and recall over
multiset counts), averaged over pages. The baseline is all the visible text of <body> (lxml's text_content, without
scripts and styles), so the ratio says what the extraction is worth. --grid also scores other trafilatura options.
The corpus is read in place from the tarball; only figures are printed.

    python3 bench/html/measure.py [--corpus PATH] [--grid]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tarfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import lxml.html  # noqa: E402

from bench.corpora import corpus_path  # noqa: E402
from index.errors import BadInputError  # noqa: E402
from index.ingest import html as reader  # noqa: E402

CORPUS_NAME = "html/article-extraction-benchmark.tar.gz"
_WORD = re.compile(r"\w+")
_INVISIBLE = ("script", "style", "noscript", "template")
_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")
GRID: tuple[dict[str, Any], ...] = (
    {"include_comments": False},
    {"include_comments": False, "favor_precision": True},
    {"include_comments": False, "favor_recall": True},
    {"include_comments": False, "favor_precision": True, "include_tables": False},
    {"include_comments": True, "favor_precision": True},
)


@dataclass(frozen=True)
class Sample:
    id: str
    url: str
    raw: bytes
    gold: str


@dataclass(frozen=True)
class Scores:
    documents: int
    precision: float
    recall: float
    f1: float
    pages_per_second: float

    def format(self, name: str) -> str:
        return (
            f"{name:<10} documents {self.documents}  precision {self.precision:.3f}  recall {self.recall:.3f}  "
            f"F1 {self.f1:.3f}  {self.pages_per_second:.1f} pages/s"
        )


def read_benchmark(path: Path) -> list[Sample]:
    """Every page of the tarball with its gold body, in id order (ground-truth.json + html/<id>.html.gz)."""
    pages: dict[str, bytes] = {}
    truth: dict[str, Any] = {}
    with tarfile.open(path, "r:gz") as archive:
        for member in archive:
            name = Path(member.name)
            content = archive.extractfile(member) if member.isfile() else None
            if content is None:
                continue
            if name.name == "ground-truth.json":
                truth = json.load(content)
            elif name.name.endswith(".html.gz"):
                pages[name.name.removesuffix(".html.gz")] = gzip.decompress(content.read())
    return [
        Sample(key, truth[key].get("url", ""), pages[key], truth[key]["articleBody"])
        for key in sorted(truth)
        if key in pages
    ]


def word_scores(predicted: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the predicted text's words against the gold's (lowercased multisets)."""
    found, wanted = Counter(_WORD.findall(predicted.lower())), Counter(_WORD.findall(gold.lower()))
    common = sum((found & wanted).values())
    precision = common / sum(found.values()) if found else 0.0
    recall = common / sum(wanted.values()) if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def ours(sample: Sample) -> str:
    try:
        return reader.extract_page(sample.raw, url=sample.url or None).body
    except BadInputError:
        return ""


def baseline(sample: Sample) -> str:
    tree = lxml.html.document_fromstring(reader.decode_html(sample.raw).encode("utf-8"), parser=_UTF8_PARSER)
    for element in tree.xpath("|".join(f"//{tag}" for tag in _INVISIBLE)):
        element.drop_tree()
    body = tree.find("body")
    return body.text_content() if body is not None else ""


def score(samples: Sequence[Sample], extract: Callable[[Sample], str]) -> Scores:
    started = time.perf_counter()
    texts = [extract(sample) for sample in samples]
    elapsed = time.perf_counter() - started
    each = [word_scores(text, sample.gold) for text, sample in zip(texts, samples, strict=True)]
    means = [sum(values) / len(each) for values in zip(*each, strict=True)]
    return Scores(len(samples), means[0], means[1], means[2], len(samples) / elapsed)


@contextmanager
def trafilatura_options(options: dict[str, Any]) -> Iterator[None]:
    """extract_page run with other trafilatura options, so the grid measures the whole reader."""
    kept = reader._EXTRACTOR_OPTIONS
    reader._EXTRACTOR_OPTIONS = options
    try:
        yield
    finally:
        reader._EXTRACTOR_OPTIONS = kept


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--corpus", type=Path, default=corpus_path(CORPUS_NAME))
    arguments.add_argument("--grid", action="store_true", help="also score other trafilatura options")
    options = arguments.parse_args()
    if not options.corpus.exists():
        sys.exit(f"corpus not found: {options.corpus} (set NEWSDESK_CORPORA)")
    samples = read_benchmark(options.corpus)
    ours(samples[0])  # imports trafilatura outside the timing
    mine, naive = score(samples, ours), score(samples, baseline)
    print(mine.format("ours"))
    print(naive.format("baseline"))
    print(f"F1 ours / baseline: {mine.f1 / naive.f1:.2f}   options: {dict(reader._EXTRACTOR_OPTIONS)}")
    for variant in GRID if options.grid else ():
        with trafilatura_options(variant):
            print(score(samples, ours).format("variant"), variant)


if __name__ == "__main__":
    main()
