"""The benchmark's articles: Reuters-21578 read in place, replicated past its 21,578 items, written as JSON Lines.

The corpus is research-only: it is read where it lies, and its text is written only to the work folder under /tmp
(the JSON Lines file both systems ingest), never into the repository.

Replication: the library deduplicates by content (an entry's id is the hash of its body; same words in the same
order under the same title are one article), so each copy gets a copy marker in the title, a distinct trailing
sentence in the body, and its date shifted by whole years. 1987 has no 29 February, so every shifted date exists,
and month-day datelines ("SALVADOR, Feb 26 -") stay consistent with the publication date.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

CORPUS_NAME = "reuters21578.jsonl.gz"
SOURCE = "Reuters"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Record:
    title: str | None
    body: str
    date: str | None  # ISO day
    source: str = SOURCE

    @property
    def article_id(self) -> str:
        """The id newsdesk gives this record when it comes in a JSON Lines file (the hash of its content)."""
        # Imported here so that the FTS5 build, which reads these records too, never loads newsdesk's modules.
        from index.ingest.document import entry_raw
        from index.model import article_id_for

        return article_id_for(entry_raw(body=self.body))


def originals(corpus: Path) -> list[Record]:
    """The corpus's distinct articles in corpus order, each "DATELINE BODY" published on its DATE day.

    Items without a body (headline-only briefs) use their headline as the body, and tables (UNPROC) their raw
    text, so every item is an article both systems can index. Wire re-sends with the same words are dropped here,
    so that both systems hold exactly the same articles rather than newsdesk merging them and FTS5 not."""
    seen: set[str] = set()
    kept: list[Record] = []
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            title = (item.get("title") or "").strip() or None
            text = (item.get("body") or item.get("text_unproc") or "").strip()
            dateline = (item.get("dateline") or "").strip()
            body = f"{dateline} {text}".strip() if text else (title or "")
            key = " ".join(_WORD.findall(body.lower()))
            if not key or key in seen:
                continue
            seen.add(key)
            date = item.get("date")
            kept.append(Record(title, body, date[:10] if date else None))
    return kept


def replicate(base: Sequence[Record], size: int) -> Iterator[Record]:
    """`size` distinct records: the originals first, then whole copies, each one year later than the last."""
    for number in range(size):
        copy, record = divmod(number, len(base))
        yield base[record] if copy == 0 else _copy(base[record], copy)


def _copy(record: Record, copy: int) -> Record:
    date = record.date
    year = None
    if date:
        year = int(date[:4]) + copy
        date = f"{year:04d}{date[4:]}"
    title = f"{record.title} [copy {copy}]" if record.title else None
    refiled = f"Filed again as copy {copy}" + (f" in {year}." if year else ".")
    return Record(title, f"{record.body}\n\n{refiled}", date, record.source)


def write_jsonl(records: Sequence[Record], path: Path) -> None:
    """One line per record with the fields newsdesk's JSON Lines reader knows: title, body, date, source."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            fields = {key: value for key, value in asdict(record).items() if value is not None}
            out.write(json.dumps(fields, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> Iterator[Record]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            fields = json.loads(line)
            yield Record(fields.get("title"), fields["body"], fields.get("date"), fields.get("source", SOURCE))
