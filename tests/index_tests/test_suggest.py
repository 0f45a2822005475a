""" "Did you mean": misspelt queries corrected from the library's own words, shown as words a user would type."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from index.cli import main
from index.library import Library


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("Lavorv", "Lavrov"),  # a transposition
        ("lavorv", "Lavrov"),  # a name is shown as articles write it
        ("Pyonyang", "Pyongyang"),  # a letter missing
        ("Pyongyagn", "Pyongyang"),
        ("nucelar", "nuclear"),
        ("ministr", "minister"),  # the index holds the stem "minist": the suggestion is a word, in the case typed
        ("diplomcy", "diplomacy"),
        ("nucelar Lavorv", "nuclear Lavrov"),  # every misspelt word
        ("Lavorv Russia", "Lavrov Russia"),  # the right words stay as typed
        ('"Sergei Lavorv"', '"Sergei Lavrov"'),  # inside a phrase
        ("title:nucelar", "title:nuclear"),
        ("Lavorv date:2018", "Lavrov date:2018"),  # filters stay
    ],
)
def test_misspelt_words_get_a_correction_from_the_library(seeded_library: Library, query: str, suggestion: str) -> None:
    assert seeded_library.search(query).total == 0
    assert seeded_library.suggest(query) == suggestion
    assert seeded_library.search(suggestion).total > 0


@pytest.mark.parametrize(
    "query",
    [
        "Lavrov",  # matches well
        "Vorontsov",  # one article, and no commoner word close to it
        "nuclear Lavrov",
        "xyzzyq",  # nothing close
        "Lavorv OR Russia",  # finds enough already
        "Russia NOT nucelar",  # an excluded word is not what the user looks for
        "nucl*",
        "person:Lavorv",  # not a text field: entity names are not corrected
        '"unclosed',  # a bad query gives no suggestion, and no error
        "nosuchfield:x",
        "(((",
        "   ",
        "",
    ],
)
def test_no_suggestion_when_the_query_matches_or_nothing_better_is_known(seeded_library: Library, query: str) -> None:
    assert seeded_library.suggest(query) is None


def test_a_suggestion_is_never_a_word_the_index_only_holds_as_a_stem(seeded_library: Library) -> None:
    suggestion = seeded_library.suggest("nucelar ministr")
    assert suggestion == "nuclear minister"


def _run(library: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--library", str(library), *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_the_cli_prints_did_you_mean_on_stderr_only_without_json(seeded_library: Library) -> None:
    code, out, err = _run(seeded_library.path, "search", "nucelar")
    assert code == 0 and out == "0 hits for 'nucelar'\n" and err == "did you mean: nuclear?\n"
    code, out, err = _run(seeded_library.path, "search", "nucelar", "--json")
    assert code == 0 and err == ""
    assert json.loads(out) == {"query": "nucelar", "total": 0, "hits": []}  # the JSON shape does not change
    code, out, err = _run(seeded_library.path, "search", "xyzzyq")
    assert code == 0 and err == ""
    code, out, err = _run(seeded_library.path, "search", "Lavrov")
    assert code == 0 and err == "" and "did you mean" not in out


def test_a_rare_word_gives_way_only_to_a_far_commoner_close_word(tmp_path: Path) -> None:
    records = [
        {"title": f"Council vote number {n}", "body": f"The council election went ahead in ward {n}. Turnout was low."}
        for n in range(12)
    ]
    records.append({"title": "A typo", "body": "The electon of the mayor is a misspelt word in this one article."})
    records.append({"title": "Harbour", "body": "The harbor and the harbour: two spellings, both rare here."})
    feed = tmp_path / "records.jsonl"
    feed.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    library = Library(tmp_path / "library")
    try:
        assert library.add_paths([feed]).count("added") == len(records)
        assert library.search("electon").total == 1
        assert library.suggest("electon") == "election"  # found once, against twelve times
        assert library.suggest("harbor") is None  # close to "harbour", but that is no commoner
        assert library.suggest("election") is None
    finally:
        library.close()
