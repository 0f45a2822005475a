"""From an input file's bytes and its sidecar metadata to an Article: decode, clean, date.

Entities come after, for a whole batch at once (`index.enrich`), because the recogniser is fastest on batches.

Every fact records where it came from. Metadata wins over the text; the text is read only for what it states
explicitly (a "Source:" URL in the header, a print line naming publisher and date).
"""

from __future__ import annotations

from index.clean import clean_article_text
from index.date_mentions import find_date_mentions
from index.dates import parse_date_value, read_print_line
from index.errors import BadInputError
from index.ingest.document import Metadata
from index.ingest.text import decode_bytes
from index.model import Article, Provenance, article_id_for


def build_article(raw: bytes, path: str, metadata: Metadata) -> Article:
    cleaned = clean_article_text(decode_bytes(raw))
    provenance: dict[str, Provenance] = {}
    print_line = read_print_line(cleaned.print_line) if cleaned.print_line else None

    title = metadata.title or cleaned.title
    provenance["title"] = "metadata" if metadata.title else "text"

    source = metadata.source
    if source:
        provenance["source"] = "metadata"
    elif print_line is not None and print_line.publisher:
        source = print_line.publisher
        provenance["source"] = "text"

    url = metadata.url
    if url:
        provenance["url"] = "metadata"
    elif cleaned.header_url:
        url = cleaned.header_url
        provenance["url"] = "text"

    published = None
    published_from: Provenance | None = None
    if metadata.published:
        try:
            published = parse_date_value(metadata.published)
        except (ValueError, OverflowError) as error:
            raise BadInputError(f"metadata date {metadata.published!r} is not a date") from error
        published_from = "metadata"
    elif print_line is not None:
        published = print_line.published
        published_from = "text"

    return Article(
        id=article_id_for(raw),
        title=title,
        body=cleaned.body,
        path=path,
        source=source,
        url=url,
        published=published,
        published_from=published_from,
        date_mentions=find_date_mentions(cleaned.body, published),
        provenance=provenance,
    )
