"""Where the benchmarks find the research corpora: $NEWSDESK_CORPORA, else `shared/corpora` beside the checkout
(where the tests look too). The corpora are research-only: read in place, never copied into the repository."""

from __future__ import annotations

import os
from pathlib import Path


def corpus_path(name: str) -> Path:
    root = os.environ.get("NEWSDESK_CORPORA")
    folder = Path(root) if root else Path(__file__).resolve().parents[2] / "shared" / "corpora"
    return folder / name
