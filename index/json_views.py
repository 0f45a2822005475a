"""Every view as JSON: the CLI's stable contract (other tools read it), one function per shape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from index.model import AddReport, Article, Entity, EntityInfo, SearchResult
from index.refresh import FeedInfo, RefreshReport
from index.related import Related
from index.stories import Story
from index.timeline import Timeline


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
