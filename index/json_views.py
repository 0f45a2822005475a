"""Every view as JSON: the CLI's stable contract (other tools read it), one function per shape."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

from index.errors import NewsdeskError
from index.model import AddReport, Article, Entity, EntityInfo, SearchResult
from index.related import Related
from index.state import SavedSearch
from index.stories import Story
from index.subscriptions import FeedInfo, RefreshReport
from index.timeline import Timeline

# Characters a terminal acts on or reorders text by (C1 controls, bidi and zero-width format characters): JSON
# writes them as \u escapes, the same string to a reader, so an echoed query cannot act on a terminal.
_TERMINAL_ACTIVE = re.compile("[\u0080-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _inert(text: str) -> str:
    return _TERMINAL_ACTIVE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def json_text(value: object, indent: int | None = 2) -> str:
    """How the CLI prints JSON: indented (or one line), non-ASCII as is but inert, a final newline."""
    return _inert(json.dumps(value, ensure_ascii=False, indent=indent)) + "\n"


def print_json(value: object, out: TextIO) -> None:
    out.write(json_text(value))


def batch_json_lines(inputs: Iterable[str], key: str, answer: Callable[[str], dict[str, Any]]) -> Iterator[str]:
    """`--batch`: one compact JSON line per input (`{key: input, ...answer}`), so a script pays start-up once; a
    bad input is an error line (`{key: input, "error": message}`), not a stop."""
    for line in inputs:
        try:
            document = {key: line, **answer(line)}
        except NewsdeskError as error:
            document = {key: line, "error": str(error)}
        yield json_text(document, indent=None)


def entity_json(entity: Entity) -> dict[str, str]:
    return {"id": entity.id, "name": entity.name, "kind": entity.kind}


def entity_info_json(info: EntityInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "name": info.name,
        "kind": info.kind,
        "aliases": list(info.aliases),
        "articles": list(info.articles),
        "mentions": info.mentions,
    }


def timeline_json(timeline: Timeline) -> dict[str, Any]:
    return {
        "by": timeline.by,
        "buckets": [
            {
                "start": bucket.start.isoformat(),
                "end": bucket.end.isoformat(),
                "count": bucket.count,
                "articles": list(bucket.articles),
            }
            for bucket in timeline.buckets
        ],
        "undated": list(timeline.undated),
    }


def related_json(related: Sequence[Related]) -> list[dict[str, Any]]:
    return [
        {
            "id": item.id,
            "title": item.title,
            "published": item.published_iso,
            "score": round(item.score, 4),
            "shared_entities": list(item.shared_entities),
            "key_terms": list(item.key_terms),
            "days_apart": item.days_apart,
        }
        for item in related
    ]


def stories_json(stories: Sequence[Story]) -> list[dict[str, Any]]:
    return [
        {
            "id": story.id,
            "title": story.title,
            "articles": list(story.articles),
            "start": story.start.isoformat(),
            "end": story.end.isoformat(),
        }
        for story in stories
    ]


def article_json(article: Article, with_body: bool = False) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "path": article.path,
        "published": article.published_iso,
        "published_from": article.published_from,
        "entities": [entity_json(entity) for entity in article.entities],
    }
    if with_body:
        document["body"] = article.body
        document["mentions"] = [
            {"text": m.text, "date": m.date.isoformat() if m.date else None, "precision": m.precision}
            for m in article.date_mentions
        ]
        document["provenance"] = dict(article.provenance)
        document["author"] = article.author
        document["extra"] = dict(article.extra)
    return document


def search_json(result: SearchResult) -> dict[str, Any]:
    return {
        "query": result.query,
        "total": result.total,
        "hits": [
            {
                "id": hit.id,
                "title": hit.title,
                "path": hit.path,
                "published": hit.published_iso,
                "score": round(hit.score, 4),
                "highlights": hit.highlights,
            }
            for hit in result.hits
        ],
    }


def add_json(report: AddReport) -> dict[str, Any]:
    return {
        "added": report.count("added"),
        "updated": report.count("updated"),
        "unchanged": report.count("unchanged"),
        "failed": report.count("failed"),
        "inputs": [
            {"input": o.input, "status": o.status, "id": o.article_id, "error": o.error} for o in report.outcomes
        ],
    }


def refresh_json(report: RefreshReport) -> dict[str, Any]:
    return {
        "feeds": [
            {
                "feed": feed.feed,
                "title": feed.title,
                "status": feed.status,
                "entries": feed.entries,
                "error": feed.error,
            }
            for feed in report.feeds
        ],
        "articles": add_json(report.articles),
    }


def feeds_json(feeds: Sequence[FeedInfo]) -> list[dict[str, Any]]:
    return [
        {
            "feed": info.subscription.location,
            "title": info.subscription.title,
            "articles": info.articles,
            "added_at": info.subscription.added_at,
            "checked_at": info.subscription.checked_at,
            "error": info.subscription.error,
        }
        for info in feeds
    ]


def export_json(articles: Sequence[Article]) -> dict[str, Any]:
    """`newsdesk export ID ... --format json`: the articles, each with its body."""
    return {"articles": [article_json(article, with_body=True) for article in articles]}


def export_results_json(result: SearchResult, articles: Sequence[Article]) -> dict[str, Any]:
    """`newsdesk export --query Q --format json`: the query, how many articles it finds, the best ones in full."""
    return {
        "query": result.query,
        "total": result.total,
        "articles": [article_json(article, with_body=True) for article in articles],
    }


def saved_search_json(saved: SavedSearch) -> dict[str, str]:
    return {"name": saved.name, "query": saved.query, "saved_at": saved.saved_at}
