"""Sidecar metadata: facts about an article known from outside its text, which win over what the text says.

Two shapes are read, both JSON:
- `NAME.meta.json` beside the file `NAME`: `{"source": ..., "url": ..., "published": ..., "title": ...}`;
- `metadata.json` in the file's folder: `{"articles": {"NAME": {...same keys...}}}` (how `seeds/` is described).
A per-file sidecar wins over the folder's. Sidecar files are never ingested as articles themselves.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from index.errors import BadInputError
from index.ingest.document import Metadata

FOLDER_SIDECAR = "metadata.json"
FILE_SIDECAR_SUFFIX = ".meta.json"
KNOWN_KEYS = ("title", "source", "url", "published", "author")


def is_sidecar(path: Path) -> bool:
    return path.name == FOLDER_SIDECAR or path.name.endswith(FILE_SIDECAR_SUFFIX)


def _metadata_from(entry: Any, where: Path) -> Metadata:
    if not isinstance(entry, dict):
        raise BadInputError(f"{where}: metadata for a file must be a JSON object")
    for key in KNOWN_KEYS:
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise BadInputError(f"{where}: {key!r} must be a string")
    return Metadata(
        title=entry.get("title"),
        source=entry.get("source"),
        url=entry.get("url"),
        published=entry.get("published"),
        author=entry.get("author"),
    )


@lru_cache(maxsize=256)
def _folder_entries(folder_sidecar: Path, modified_ns: int) -> dict[str, Any]:
    # Cached by mtime so a folder of thousands of files reads its metadata.json once.
    try:
        document = json.loads(folder_sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BadInputError(f"{folder_sidecar}: unreadable metadata ({error})") from error
    articles = document.get("articles") if isinstance(document, dict) else None
    if not isinstance(articles, dict):
        raise BadInputError(f'{folder_sidecar}: expected {{"articles": {{file name: {{...}}}}}}')
    return articles


def metadata_for(path: Path) -> Metadata:
    """The sidecar metadata that applies to `path` (empty Metadata when there is none)."""
    own = path.with_name(path.name + FILE_SIDECAR_SUFFIX)
    if own.is_file():
        try:
            return _metadata_from(json.loads(own.read_text(encoding="utf-8")), own)
        except (OSError, ValueError) as error:
            raise BadInputError(f"{own}: unreadable metadata ({error})") from error
    folder_sidecar = path.parent / FOLDER_SIDECAR
    if folder_sidecar.is_file():
        entries = _folder_entries(folder_sidecar, folder_sidecar.stat().st_mtime_ns)
        if path.name in entries:
            return _metadata_from(entries[path.name], folder_sidecar)
    return Metadata()
