"""`faq` (and, in the snapshots, `contacts`): snapshots at a fixed width in both languages,
JSON shapes, errors."""

from __future__ import annotations

import json
import os

import pytest

from ..conftest import DATA, Run

SNAPSHOTS = DATA / "snapshots"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"

CASES = {
    "contacts": ["contacts"],
    "contacts-topic": ["contacts", "--topic", "dispute"],
    "faq": ["faq"],
    "faq-2": ["faq", "2"],
    "faq-search": ["faq", "charged twice"],
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_snapshot(run: Run, case: str, lang: str) -> None:
    result = run("--lang", lang, *CASES[case], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    path = SNAPSHOTS / f"{case}.{lang}.txt"
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")
    assert all(line == line.rstrip() for line in result.stdout.splitlines())
    assert "\x1b[" not in result.stdout


def test_faq_list_json(run: Run) -> None:
    data = json.loads(run("faq", "--json").stdout)
    assert data["schema_version"] == 1
    assert [q["number"] for q in data["questions"]] == list(range(1, 8))
    assert {q["id"] for q in data["questions"]} == {
        "password",
        "recharge",
        "dispute",
        "refund",
        "security",
        "no-reply",
        "contact",
    }


@pytest.mark.parametrize("query", ["2", "recharge", "RECHARGE"])
def test_faq_by_number_or_id(run: Run, query: str) -> None:
    data = json.loads(run("faq", query, "--json").stdout)
    assert data["match"]["id"] == "recharge"
    assert data["match"]["command"] == "upayhelp diagnose recharge"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("充不进去", "recharge"), ("charged twice", "dispute"), ("忘记密码了", "password")],
)
def test_faq_search_json_carries_scores(run: Run, query: str, expected: str) -> None:
    data = json.loads(run("faq", query, "--json").stdout)
    assert data["match"]["id"] == expected
    assert 0 < data["match"]["score"] <= 1
    assert len(data["suggestions"]) <= 2
    for suggestion in data["suggestions"]:
        assert suggestion["score"] <= data["match"]["score"]
        assert set(suggestion) == {"id", "number", "question", "score"}


def test_faq_all(run: Run) -> None:
    result = run("faq", "--all")
    assert result.exit_code == 0
    assert result.stdout.count("upayhelp diagnose") == 6
    data = json.loads(run("faq", "--all", "--json").stdout)
    assert len(data["answers"]) == 7


@pytest.mark.parametrize("query", ["0", "8", "99", "1000000000"])
def test_faq_number_out_of_range(run: Run, query: str) -> None:
    result = run("faq", query)
    assert result.exit_code == 1
    assert "no question number" in result.stderr


def test_faq_nothing_matches_lists_the_questions(run: Run) -> None:
    result = run("faq", "how do I bake bread")
    assert result.exit_code == 1
    assert "1." in result.stdout
    assert "no question matches" in result.stderr
    data = json.loads(run("faq", "how do I bake bread", "--json").stdout)
    assert data["match"] is None
    assert len(data["questions"]) == 7


@pytest.mark.parametrize("query", ["", "   "])
def test_faq_empty_query_is_a_usage_error(run: Run, query: str) -> None:
    assert run("faq", query).exit_code == 2


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("upayhelp diagnose re", "2", {"recharge", "refund"}),
        ("upayhelp contacts --topic s", "3", {"security"}),
        ("upayhelp faq no", "2", {"no-reply"}),
    ],
)
def test_shell_completion(words: str, cword: str, expected: set[str]) -> None:
    import subprocess
    import sys

    env = {
        **os.environ,
        "_UPAYHELP_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": cword,
    }
    code = "import sys; sys.argv[0] = 'upayhelp'; from upayhelp.app import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert set(done.stdout.split()) == expected
