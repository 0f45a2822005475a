"""How an article's derived facts are written into the catalog's columns and read back (JSON and ISO text)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from index.model import DateMention, FoundEntity, Mention, Provenance


def found_json(found: Sequence[FoundEntity]) -> str:
    return json.dumps(
        [
            {
                "name": f.name,
                "kind": f.kind,
                "forms": f.forms,
                "mentions": [[m.field, m.start, m.end] for m in f.mentions],
            }
            for f in found
        ]
    )


def found_from_json(text: str) -> tuple[FoundEntity, ...]:
    return tuple(
        FoundEntity(
            name=item["name"],
            kind=item["kind"],
            forms=tuple(item["forms"]),
            mentions=tuple(Mention(field, start, end) for field, start, end in item["mentions"]),
        )
        for item in json.loads(text)
    )


def date_mentions_json(mentions: Sequence[DateMention]) -> str:
    return json.dumps([[m.text, m.start, m.end, m.date.isoformat() if m.date else None, m.precision] for m in mentions])


def date_mentions_from_json(text: str) -> tuple[DateMention, ...]:
    return tuple(
        DateMention(text, start, end, dt.date.fromisoformat(date) if date else None, precision)
        for text, start, end, date, precision in json.loads(text)
    )


def parse_published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    return dt.datetime.fromisoformat(value) if "T" in value else dt.date.fromisoformat(value)


def sort_key(published: dt.date | None) -> str | None:
    """A string that sorts chronologically across dates and zoned datetimes."""
    if published is None:
        return None
    if isinstance(published, dt.datetime) and published.tzinfo is not None:
        published = published.astimezone(dt.UTC).replace(tzinfo=None)
    return published.isoformat()


def provenance(value: str | None) -> Provenance | None:
    if value == "metadata":
        return "metadata"
    if value == "text":
        return "text"
    return None
