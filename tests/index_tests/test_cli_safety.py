"""The CLI's JSON never carries characters a terminal acts on or reorders by, yet reads back as the same strings."""

from __future__ import annotations

import io
import json
from pathlib import Path

from index.cli import main


def test_json_output_escapes_c1_and_bidi_characters_and_reads_back_the_same(tmp_path: Path) -> None:
    hostile = "a\u202eb\x85c\u2066d"
    batch = tmp_path / "queries.txt"
    batch.write_text(f"{hostile}\nsecond\u2028still second\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["--library", str(tmp_path / "lib"), "search", "--batch", str(batch)], out=out, err=io.StringIO()) == 0
    text = out.getvalue()
    assert not any(ch in text for ch in "\u202e\x85\u2066\u2028")
    lines = [json.loads(line) for line in text.splitlines()]
    assert [line["query"] for line in lines] == [hostile, "second\u2028still second"]
