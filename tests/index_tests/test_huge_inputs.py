"""Absurd inputs are articles like any other: a megabyte on one line, thousands of paragraphs."""

from __future__ import annotations

from pathlib import Path

from index.library import Library


def test_a_huge_article_and_a_huge_line_are_added_and_found(tmp_path: Path, empty_library: Library) -> None:
    (tmp_path / "line.txt").write_text("One long line\n\n" + "Lavrov met Ri Yong Ho in Moscow. " * 31_000 + "\n")
    (tmp_path / "huge.txt").write_text("Thousands of paragraphs\n\n" + "\n\n".join(["word " * 60] * 2_000) + "\n")
    report = empty_library.add_paths([tmp_path / "line.txt", tmp_path / "huge.txt"])
    assert [o.status for o in report.outcomes] == ["added", "added"], report
    assert empty_library.search("Lavrov").total == 1
    names = {entity.name for entity in empty_library.get(report.outcomes[0].article_id or "").entities}
    assert "Lavrov" in " ".join(names)
