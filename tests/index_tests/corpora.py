"""The research corpora some tests measure against: read in place, never shipped, skipped (saying why) when absent.

They live in the workplace's shared/corpora beside the checkout, or wherever NEWSDESK_CORPORA points.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def corpora_dir() -> Path:
    configured = os.environ.get("NEWSDESK_CORPORA")
    return Path(configured) if configured else REPO.parent / "shared" / "corpora"


def corpus_file(relative: str) -> Path:
    """The corpus file, or a skip that names where it was looked for (a fresh machine has none of them)."""
    path = corpora_dir() / relative
    if not path.is_file():
        pytest.skip(f"{relative} not in the shared corpora ({path}): research-only, not shipped; set NEWSDESK_CORPORA")
    return path


def load_ner_scoring() -> ModuleType:
    """bench/ner/scoring.py, the one definition of the doc-level metric."""
    return load_bench_module("ner/scoring.py")


def load_bench_module(relative: str) -> ModuleType:
    """A module of bench/ (not an installed package), so tests and benchmarks share one definition of a metric."""
    name = "bench_" + relative.removesuffix(".py").replace("/", "_")
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / relative)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need their module registered
    spec.loader.exec_module(module)
    return module
