"""How well the plain-text cleaner finds the story in the text of a whole page: the article-extraction benchmark's
pages (Zyte's, ~180 news and blog pages with hand-marked bodies) turned into what a browser's "Save as Text" or a
select-all copy gives, then `clean_article_text`, scored by word-level precision, recall and F1 of the body
against the gold body (as bench/html/measure.py scores the HTML reader).

In the same run: the page text as it is (nothing removed), jusText (the paragraph classifier trafilatura falls
back on) over the same paragraphs, to show what a library does on text without tags, and the same pages copied
without blank lines between paragraphs. Titles are printed
with --titles N for a look (the benchmark has no gold titles).

    python3 bench/clean/measure.py [--corpus PATH] [--titles N]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import justext  # noqa: E402
import lxml.html  # noqa: E402

from bench.corpora import corpus_path  # noqa: E402
from bench.html.measure import CORPUS_NAME, Sample, Scores, read_benchmark, score  # noqa: E402
from index.clean import clean_article_text  # noqa: E402
from index.errors import BadInputError  # noqa: E402
from index.ingest import html as reader  # noqa: E402

# Elements a browser lays out as blocks: their text starts on a line of its own. A table row is one line, its cells
# apart by a tab.
_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li"
    " main nav ol p pre section table tr ul".split()
)
_CELLS = frozenset({"td", "th"})
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "svg", "head"})
_SPACES = re.compile(r"[ \t\xa0]+")
_STOPWORDS = justext.get_stoplist("English")
_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")


def page_as_text(raw: bytes) -> str:
    """The visible text of the page, a line per block and a blank line between blocks, a table row on one line
    (comments and scripts left out), as a browser saves a page as text."""
    tree = lxml.html.document_fromstring(reader.decode_html(raw).encode("utf-8"), parser=_UTF8_PARSER)
    pieces: list[str] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        if not isinstance(element.tag, str) or element.tag in _INVISIBLE:
            return
        block = element.tag in _BLOCKS
        pieces.append("\n" if block else "")
        pieces.append(element.text or "")
        for child in element:
            walk(child)
            pieces.append(child.tail or "")
        pieces.append("\n" if block else "\t" if element.tag in _CELLS else "")

    walk(tree)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(pieces).split("\n"))
    return "\n\n".join(line for line in lines if line)


def cleaned(text: str) -> str:
    try:
        return clean_article_text(text).body
    except BadInputError:
        return ""


def by_justext(text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in text.split("\n\n"))
    found = justext.justext(f"<html><body>{paragraphs}</body></html>".encode(), _STOPWORDS)
    return "\n\n".join(paragraph.text for paragraph in found if not paragraph.is_boilerplate)


def score_text(samples: Sequence[Sample], texts: Mapping[str, str], body_of: Callable[[str], str]) -> Scores:
    """Scores of `body_of` each page's text (`texts` by sample id, made beforehand: only the cleaning is timed)."""
    return score(samples, lambda sample: body_of(texts[sample.id]))


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--corpus", type=Path, default=corpus_path(CORPUS_NAME))
    arguments.add_argument("--titles", type=int, default=0, help="print the first N titles the cleaner found")
    options = arguments.parse_args()
    if not options.corpus.exists():
        sys.exit(f"corpus not found: {options.corpus} (set NEWSDESK_CORPORA)")
    samples = read_benchmark(options.corpus)
    texts = {sample.id: page_as_text(sample.raw) for sample in samples}
    ours = score_text(samples, texts, cleaned)
    print(ours.format("cleaner"))
    whole = score_text(samples, texts, lambda text: text)
    print(whole.format("page text"))
    print(score_text(samples, texts, by_justext).format("jusText"))
    print(f"F1 cleaner / page text: {ours.f1 / whole.f1:.2f}")
    # The same pages copied without blank lines between paragraphs (a select-all copy in some browsers).
    packed = {key: text.replace("\n\n", "\n") for key, text in texts.items()}
    print(score_text(samples, packed, cleaned).format("cleaner, no blank lines"))
    print(score_text(samples, packed, lambda text: text).format("page text, no blank lines"))
    for text in list(texts.values())[: options.titles]:
        try:
            print("  title:", clean_article_text(text).title)
        except BadInputError as error:
            print("  title: -", error)


if __name__ == "__main__":
    main()
