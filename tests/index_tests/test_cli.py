"""The CLI contract: JSON shapes on stdout, one-line errors on stderr, exit codes; run as a real process too."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from index.cli import main
from index.library import bundled_seeds

from .conftest import SEED_TITLES

REPO = Path(__file__).resolve().parents[2]
ARTICLE_KEYS = {"id", "title", "source", "url", "path", "published", "published_from", "entities"}


def run(library: Path, *args: str) -> tuple[int, Any, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--library", str(library), *args], out=out, err=err)
    text = out.getvalue()
    return code, (json.loads(text) if "--json" in args and text else text), err.getvalue()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    library = tmp_path_factory.mktemp("cli") / "library"
    code, report, _ = run(library, "add", "--seeds", "--json")
    assert code == 0 and report["added"] == 5
    return library


def test_add_reports_each_input_and_is_idempotent(seeded: Path) -> None:
    code, report, err = run(seeded, "add", "--seeds", "--json")
    assert code == 0 and err == ""
    assert (report["added"], report["unchanged"], report["failed"]) == (0, 5, 0)
    assert {item["status"] for item in report["inputs"]} == {"unchanged"}


def test_articles_json_contract(seeded: Path) -> None:
    code, articles, _ = run(seeded, "articles", "--json")
    assert code == 0 and len(articles) == 5
    for article in articles:
        assert set(article) == ARTICLE_KEYS
        assert Path(article["path"]).is_file()
        assert article["published_from"] in {"metadata", "text", None}
        for entity in article["entities"]:
            assert set(entity) == {"id", "name", "kind"} and entity["kind"] in {"person", "org", "place"}
    assert sorted(article["title"] for article in articles) == sorted(SEED_TITLES.values())
    straits = next(a for a in articles if a["title"] == SEED_TITLES["000"])
    assert (straits["source"], straits["published"], straits["published_from"]) == (
        "The Straits Times",
        "2018-04-11",
        "metadata",
    )


def test_show_json_adds_the_clean_body(seeded: Path) -> None:
    _, articles, _ = run(seeded, "articles", "--json")
    code, article, _ = run(seeded, "show", articles[0]["id"], "--json")
    assert code == 0
    assert ARTICLE_KEYS | {"body"} <= set(article)
    assert article["body"] and "Back to top" not in article["body"]


def test_search_json_contract(seeded: Path) -> None:
    code, result, _ = run(seeded, "search", "Vorontsov", "--json")
    assert code == 0
    assert set(result) == {"query", "total", "hits"} and result["query"] == "Vorontsov" and result["total"] == 1
    (hit,) = result["hits"]
    assert set(hit) == {"id", "title", "path", "published", "score", "highlights"}
    assert hit["title"] == SEED_TITLES["000"] and "**Vorontsov**" in hit["highlights"]
    _, phrase, _ = run(seeded, "search", '"Choe Son Hui"', "--json")
    assert sorted(h["title"] for h in phrase["hits"]) == sorted([SEED_TITLES["002"], SEED_TITLES["004"]])
    _, limited, _ = run(seeded, "search", "Russia", "--limit", "2", "--json")
    assert len(limited["hits"]) == 2 and limited["total"] == 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "0000000000000000", "--json"), "no article with id"),
        (("search", "  ", "--json"), "empty query"),
        (("add",), "nothing to add"),
    ],
)
def test_errors_are_one_line_with_a_non_zero_exit(seeded: Path, args: tuple[str, ...], message: str) -> None:
    code, _, err = run(seeded, *args)
    assert code == 1
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_bad_inputs_fail_alone_and_set_the_exit_status(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "binary.bin").write_bytes(bytes(range(256)) * 8)
    (inputs / "empty.txt").write_text("   \n")
    (inputs / "latin1.txt").write_bytes(
        "Caf\xe9 owners protest\n\nThe caf\xe9 owners of the old town protested on the square today.\n".encode(
            "latin-1"
        )
    )
    code, report, err = run(tmp_path / "library", "add", str(inputs), "--json")
    assert code == 1
    by_name = {Path(item["input"]).name: item for item in report["inputs"]}
    assert by_name["latin1.txt"]["status"] == "added"
    assert by_name["binary.bin"]["status"] == "failed" and by_name["binary.bin"]["error"]
    assert by_name["empty.txt"]["status"] == "failed"
    assert len(err.strip().splitlines()) == 2 and "Traceback" not in err


def test_the_installed_entry_point_prints_json_in_a_real_process(tmp_path: Path) -> None:
    env = {**os.environ, "NEWSDESK_LIBRARY": str(tmp_path / "library")}
    command = [sys.executable, "-m", "tui.launcher"]
    added = subprocess.run(
        [*command, "add", str(bundled_seeds()), "--json"], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["added"] == 5
    found = subprocess.run(
        [*command, "search", "Vorontsov", "--json"], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert [hit["title"] for hit in json.loads(found.stdout)["hits"]] == [SEED_TITLES["000"]]
    broken = subprocess.run([*command, "show", "nope-nope"], cwd=REPO, env=env, capture_output=True, text=True)
    assert broken.returncode == 1 and broken.stderr.startswith("newsdesk: ") and "Traceback" not in broken.stderr


@pytest.mark.parametrize(
    "args", [("search", "x", "--limit", "0"), ("related", "x", "--limit", "many"), ("timeline", "--by", "decade")]
)
def test_usage_mistakes_are_one_line_with_exit_2(
    seeded: Path, args: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--library", str(seeded), *args])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--help" in err and "Traceback" not in err


def test_search_batch_answers_every_line_with_json(seeded: Path, tmp_path: Path) -> None:
    queries = tmp_path / "queries.txt"
    queries.write_text('Vorontsov\n"unclosed\n\nnosuchfield:x\n"Choe Son Hui"\n', encoding="utf-8")
    code, text, err = run(seeded, "search", "--batch", str(queries), "--limit", "3")
    lines = [json.loads(line) for line in str(text).splitlines()]
    assert code == 0 and err == "" and len(lines) == 5
    assert [line["query"] for line in lines] == ["Vorontsov", '"unclosed', "", "nosuchfield:x", '"Choe Son Hui"']
    assert lines[0]["total"] == 1 and lines[4]["total"] == 2
    assert [("error" in line) for line in lines] == [False, True, True, True, False]


def test_related_batch_and_the_choice_between_an_argument_and_a_batch(seeded: Path, tmp_path: Path) -> None:
    _, articles, _ = run(seeded, "articles", "--json")
    ids = tmp_path / "ids.txt"
    ids.write_text(f"{articles[0]['id']}\nffffffffffffffff\n", encoding="utf-8")
    code, text, _ = run(seeded, "related", "--batch", str(ids), "--limit", "2")
    first, missing = (json.loads(line) for line in str(text).splitlines())
    assert code == 0 and first["id"] == articles[0]["id"] and len(first["related"]) == 2
    assert set(first["related"][0]) == {
        "id",
        "title",
        "published",
        "score",
        "shared_entities",
        "key_terms",
        "days_apart",
    }
    assert "no article with id" in missing["error"]
    code, _, err = run(seeded, "search")
    assert code == 1 and err == "newsdesk: give either a query or --batch FILE\n"
