"""Data-driven linter tests: each file in data/invalid has one defect and its exact messages
(`# expect:` lines at its end); every file in data/valid passes --strict."""

from __future__ import annotations

from pathlib import Path

import pytest

from upayhelp.content.load import Layer, content_layers, load

from ..conftest import DATA, SHARED, Run

INVALID = sorted((DATA / "invalid").glob("*.yaml"))
VALID = sorted((DATA / "valid").glob("*.yaml"))


def _expected(path: Path) -> list[str]:
    text = path.read_bytes().decode("utf-8", "replace")
    return [
        line[len("# expect: ") :] for line in text.splitlines() if line.startswith("# expect: ")
    ]


def test_there_are_enough_invalid_cases() -> None:
    assert len(INVALID) >= 25


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_file_gives_exact_positioned_messages(path: Path) -> None:
    expected = _expected(path)
    assert expected, f"{path.name} has no '# expect:' lines"
    shown = str(path)
    loaded = load([*content_layers(()), Layer("checked", (shown,))], [shown])
    assert [d.render().removeprefix(shown + ":") for d in loaded.diagnostics] == expected


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_file_through_the_cli(run: Run, path: Path) -> None:
    result = run("flows", "validate", "--strict", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.removeprefix(str(path) + ":") for line in lines] == _expected(path)


def test_valid_files_pass_strict(run: Run) -> None:
    result = run("flows", "validate", "--strict", str(DATA / "valid"))
    assert (result.exit_code, result.stdout) == (0, "")
    assert f"{len(VALID)} files checked: 0 errors, 0 warnings" in result.stderr


def test_valid_traps_keep_strings() -> None:
    files = tuple(str(p) for p in VALID)
    loaded = load([*content_layers(()), Layer("checked", files)], files)
    traps = loaded.content.flows["traps"]
    assert traps.title.zh == "0123"
    assert traps.title.en == "0123"
    assert traps.keywords.en == ("yes", "no")
    question = traps.nodes["q"]
    labels = [o.label.en for o in question.options]  # type: ignore[union-attr]
    assert labels == ["yes", "no", "1.0", "~"]


def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path, run: Run) -> None:
    bad = tmp_path / "recharge-copy.yaml"
    bad.write_text(
        "kind: flow\n"
        "id: many-problems\n"
        "title: {zh: 多个问题}\n"
        "start: network\n"
        "nodes:\n"
        "  network:\n"
        "    type: question\n"
        "    ask: {zh: 网络正常吗？, en: Network OK?}\n"
        "    colour: blue\n"
        "    options:\n"
        "      - label: {zh: 正常, en: 'Yes'}\n"
        "        next: limitz\n"
        "      - label: {zh: 正常, en: 'Fine'}\n"
        "        next: limits\n"
        "  limits:\n"
        "    type: outcome\n"
        "    result: escalate\n"
        "    text: {zh: 联系客服, en: Contact support}\n"
        "    channels: [app, fax]\n"
        "  stray:\n"
        "    type: outcome\n"
        "    result: resolved\n"
        "    text: Never shown\n",
        encoding="utf-8",
    )
    result = run("flows", "validate", str(bad))
    assert result.exit_code == 1
    assert [line.removeprefix(str(bad) + ":") for line in result.stdout.splitlines()] == [
        "3:8: warning: text has no 'en' version; the 'zh' one is shown instead",
        "9:5: error: unknown field 'colour' in question 'network' (allowed: type, ask, help, "
        "options)",
        "12:15: error: 'next' points to unknown node 'limitz' (did you mean 'limits'?)",
        "13:16: error: two options have the same label '正常'",
        "19:21: error: unknown channel 'fax'",
        "21:5: error: node 'stray' cannot be reached from start 'network'",
    ]


def test_duplicate_ids_among_checked_files(tmp_path: Path, run: Run) -> None:
    body = "kind: tips\ntips:\n  - id: same\n    text: {zh: 一, en: One}\n"
    (tmp_path / "a.yaml").write_text(body, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(body, encoding="utf-8")
    result = run("flows", "validate", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout.strip() == (
        f"{tmp_path}/b.yaml:3:5: error: duplicate tips id 'same' (also at {tmp_path}/a.yaml:3:5)"
    )


def test_builtin_id_is_an_override_not_a_duplicate(tmp_path: Path, run: Run) -> None:
    (tmp_path / "tips.yaml").write_text(
        "kind: tips\ntips:\n  - id: courtesy\n    text: {zh: 礼貌, en: Be polite}\n",
        encoding="utf-8",
    )
    result = run("flows", "validate", "--strict", str(tmp_path / "tips.yaml"))
    assert (result.exit_code, result.stdout) == (0, "")


def test_messages_follow_the_language(run: Run) -> None:
    path = DATA / "invalid" / "dangling-next.yaml"
    result = run("--lang", "zh", "flows", "validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.strip() == (
        f"{path}:11:15: 错误: “next”指向不存在的节点“limitz”（是否想写“limits”？）"
    )


SUITE = sorted((SHARED / "corpora" / "yaml-test-suite").glob("*.yaml"))


@pytest.mark.skipif(not SUITE, reason="shared/corpora/yaml-test-suite is not beside the project")
def test_yaml_test_suite_through_flows_validate(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Every file of the YAML test suite: exit 0 or 1, never 70 or a traceback, under 2 s each;
    every `*.error.yaml` gives exit 1."""
    import time

    import typer.main
    import typer.testing
    from typer.testing import CliRunner

    from upayhelp.app import app

    command = typer.main.get_command(app)
    monkeypatch.setattr(typer.testing, "_get_command", lambda _app: command)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("UPAYHELP_CONTENT_DIR", raising=False)
    for path in SUITE:
        start = time.perf_counter()
        result = CliRunner().invoke(app, ["flows", "validate", str(path)])
        elapsed = time.perf_counter() - start
        assert result.exception is None or isinstance(result.exception, SystemExit), path
        assert result.exit_code in (0, 1), (path, result.stdout, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr
        assert elapsed < 2.0, (path, elapsed)
        if path.name.endswith(".error.yaml"):
            assert result.exit_code == 1, path
