"""A 20,000-article library built from Reuters-21578, cached under /tmp between runs, and its topic labels.

The corpus is research-only: it is read in place; the article files exist only in a temporary folder while they are
added (the library, which keeps the originals, lives under /tmp and never in the repository).
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.corpora import corpus_path  # noqa: E402
from index.library import Library, open_library  # noqa: E402
from index.model import article_id_for  # noqa: E402

CORPUS_NAME = "reuters21578.jsonl.gz"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "newsdesk-bench-related"


@dataclass(frozen=True)
class Item:
    name: str  # file name in the import folder
    raw: bytes  # the file's bytes: the article id is their hash
    published: str | None
    topics: tuple[str, ...]

    @property
    def id(self) -> str:
        return article_id_for(self.raw)


def items(corpus: Path, size: int) -> Iterator[Item]:
    """The first `size` distinct articles in corpus order, each as "TITLE\\n\\nDATELINE BODY". The dateline keeps
    a story re-sent on another day a distinct article, as it would be in a real feed."""
    seen: set[bytes] = set()
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            title = (record.get("title") or "").strip()
            body = (record.get("body") or record.get("text_unproc") or "").strip()
            if not title and not body:
                continue
            raw = f"{title}\n\n{(record.get('dateline') or '').strip()} {body}".strip().encode() + b"\n"
            if raw in seen:
                continue
            seen.add(raw)
            date = record.get("date")
            yield Item(f"{record['id']:05d}.txt", raw, date[:10] if date else None, tuple(record.get("topics") or ()))
            if len(seen) == size:
                return


def build(corpus: Path, size: int, cache: Path) -> Library:
    """The cached library for (corpus, size), built first when missing (entity extraction: a few minutes)."""
    folder = cache / f"library-{size}"
    done = folder / "bench-complete"
    if done.is_file():
        return open_library(folder)
    started = time.perf_counter()
    library = open_library(folder)
    with tempfile.TemporaryDirectory(prefix="newsdesk-reuters-") as staging:
        metadata: dict[str, dict[str, str]] = {}
        for item in items(corpus, size):
            (Path(staging) / item.name).write_bytes(item.raw)
            metadata[item.name] = {"source": "Reuters", **({"published": item.published} if item.published else {})}
        (Path(staging) / "metadata.json").write_text(json.dumps({"articles": metadata}))
        report = library.add_paths([Path(staging)], _progress)
    done.write_text(json.dumps({"added": report.count("added"), "seconds": round(time.perf_counter() - started)}))
    print(f"\nbuilt {library.count()} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return library


def _progress(done: int, total: int, _current: str) -> None:
    print(f"\radding {done}/{total}", end="", file=sys.stderr, flush=True)


if __name__ == "__main__":
    build(corpus_path(CORPUS_NAME), int(sys.argv[1]) if len(sys.argv) > 1 else 20_000, DEFAULT_CACHE).close()
