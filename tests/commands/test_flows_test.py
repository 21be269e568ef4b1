"""Flow tests as data: the `examples:` of a flow, run by `upayhelp flows test`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from upayhelp.content.load import Layer, content_layers, load
from upayhelp.flowtest import run_examples, uncovered_outcomes
from upayhelp.model import Outcome

from ..conftest import DATA, Run

BUILTIN = load(content_layers(())).content

# A flow with a loop (ask → restart → ask), an input node and an escalate outcome; each
# example below fails in its own way. Line numbers matter: the messages name them.
FLOW = """\
kind: flow
id: loop
title: {zh: 循环, en: Loop}
start: ask
nodes:
  ask:
    type: question
    ask: {zh: 试过重启吗？, en: "Have you tried restarting?"}
    options:
      - label: {zh: 试过了, en: "Yes"}
        next: when
      - label: {zh: 还没有, en: "Not yet"}
        next: restart
  restart:
    type: advice
    text: {zh: 请重启应用。, en: Please restart the app.}
    solved: fixed
    unsolved: ask
  when:
    type: input
    fact: when
    format: date
    ask: {zh: 什么时候开始的？, en: "When did it start?"}
    optional: true
    next: contact
  fixed:
    type: outcome
    result: resolved
    text: {zh: 好了。, en: Fixed.}
  contact:
    type: outcome
    result: escalate
    text: {zh: 请联系客服。, en: Please contact support.}
    channels: [app, email]
examples:
  - answers: {ask: [Not yet, "Yes"], restart: no, when: 2026-01-31}
    outcome: contact
    channels: [app, email]
    facts: {when: 2026-01-31}
  - answers: {ask: 2, restart: "yes"}
    outcome: contact
  - answers: {ask: [2, 2], restart: no}
    outcome: fixed
  - answers: {ask: 1, when: "-", restart: "yes"}
    outcome: contact
    channels: [email, app]
  - answers: {ask: 1, when: 2026-02-01}
    outcome: contact
    facts: {when: 2026-01-31}
  - answers: {ask: 1, when: "-"}
    outcome: contact
    facts: {when: 2026-01-31}
  - answers: {ask: 1, when: 2026-01-31}
    outcome: contact
    facts: {}
"""

EXPECTED_EN = [
    "41:14: error: example 2 ends at 'fixed', expected 'contact'",
    "42:5: error: example 3 stops at 'restart' (advice): no answer left for it (valid: yes, no)",
    "44:43: error: example 4: answer restart=yes is not used (the walk does not visit 'restart' "
    "that often)",
    "46:16: error: example 4: outcome 'contact' gives channels [app, email], expected [email, app]",
    "49:13: error: example 5: fact 'when' is '2026-02-01', expected '2026-01-31'",
    "52:13: error: example 6: fact 'when' was not collected, expected '2026-01-31'",
    "53:5: error: example 7: fact 'when' was collected ('2026-01-31') but the example does not "
    "list it",
]
EXPECTED_ZH = [
    "41:14: 错误: 示例 2 的结果是“fixed”，期望的是“contact”",
    "42:5: 错误: 示例 3 停在“restart”（advice）：没有剩余的答案（可选：是, 否）",
    "44:43: 错误: 示例 4：答案 restart=yes 没有用到（这次走查没有经过“restart”那么多次）",
    "46:16: 错误: 示例 4：结果“contact”给出的渠道是 [app, email]，期望的是 [email, app]",
    "49:13: 错误: 示例 5：信息“when”是“2026-02-01”，期望的是“2026-01-31”",
    "52:13: 错误: 示例 6：没有收集到信息“when”，期望的是“2026-01-31”",
    "53:5: 错误: 示例 7：收集到了信息“when”（“2026-01-31”），但示例的 facts 中没有列出",
]


@pytest.fixture
def flow_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "content"
    directory.mkdir()
    (directory / "loop.yaml").write_text(FLOW, encoding="utf-8")
    return directory


def _lines(output: str, path: Path) -> list[str]:
    return [line.removeprefix(f"{path}:") for line in output.splitlines()]


# -- the built-in flows -----------------------------------------------------------------------


def test_builtin_examples_pass(run: Run) -> None:
    result = run("flows", "test")
    assert (result.exit_code, result.stdout) == (0, "")
    examples = sum(len(flow.examples) for flow in BUILTIN.flows.values())
    assert f"6 flows, {examples} examples: {examples} passed, 0 failed" in result.stderr


@pytest.mark.parametrize("flow_id", sorted(BUILTIN.flows))
def test_every_builtin_outcome_has_an_example(flow_id: str) -> None:
    flow = BUILTIN.flows[flow_id]
    assert uncovered_outcomes(flow) == []
    results = run_examples(flow)
    assert [r.passed for r in results] == [True] * len(results)
    reached = {r.reached for r in results}
    assert reached == {n for n, node in flow.nodes.items() if isinstance(node, Outcome)}


def test_builtin_examples_json(run: Run) -> None:
    result = run("flows", "test", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == [
        "schema_version",
        "passed",
        "flows",
        "examples",
        "failures",
        "problems",
        "results",
        "uncovered",
    ]
    assert (data["schema_version"], data["passed"], data["failures"]) == (1, True, 0)
    assert data["uncovered"] == {}
    first = data["results"][0]
    assert list(first) == [
        "flow",
        "example",
        "path",
        "line",
        "expected",
        "reached",
        "passed",
        "failures",
    ]


# -- failures ----------------------------------------------------------------------------------


def test_failures_are_reported_with_their_lines(run: Run, flow_dir: Path) -> None:
    path = flow_dir / "loop.yaml"
    result = run("--content-dir", str(flow_dir), "flows", "test", str(path))
    assert result.exit_code == 1
    assert _lines(result.stdout, path) == EXPECTED_EN
    assert "1 flow, 7 examples: 1 passed, 6 failed" in result.stderr


def test_failures_in_chinese(run: Run, flow_dir: Path) -> None:
    path = flow_dir / "loop.yaml"
    result = run("--lang", "zh", "flows", "test", str(path))
    assert result.exit_code == 1
    assert _lines(result.stdout, path) == EXPECTED_ZH
    assert "1 个流程，7 个示例：1 个通过，6 个失败" in result.stderr


def test_failures_as_json(run: Run, flow_dir: Path) -> None:
    path = flow_dir / "loop.yaml"
    result = run("flows", "test", str(path), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert (data["passed"], data["flows"], data["examples"], data["failures"]) == (False, 1, 7, 6)
    assert [r["passed"] for r in data["results"]] == [True] + [False] * 6
    assert [r["line"] for r in data["results"]] == [36, 40, 42, 44, 47, 50, 53]
    assert data["results"][2]["reached"] is None
    codes = [f["code"] for r in data["results"] for f in r["failures"]]
    assert codes == [
        "example-outcome",
        "example-pending",
        "example-unused",
        "example-channels",
        "example-fact",
        "example-fact-missing",
        "example-fact-extra",
    ]
    rendered = [
        f"{f['line']}:{f['column']}: {f['severity']}: {f['message']}"
        for r in data["results"]
        for f in r["failures"]
    ]
    assert rendered == EXPECTED_EN


def test_without_paths_every_flow_is_tested(run: Run, flow_dir: Path) -> None:
    """With --content-dir only, every flow is tested (the built-in ones too)."""
    result = run("--content-dir", str(flow_dir), "flows", "test", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1
    assert data["flows"] == 7
    assert {r["flow"] for r in data["results"]} == {*BUILTIN.flows, "loop"}


def test_content_with_errors_is_not_run(run: Run) -> None:
    path = DATA / "invalid" / "example-unknown-node.yaml"
    result = run("flows", "test", str(path))
    assert result.exit_code == 1
    assert _lines(result.stdout, path) == [
        "19:15: error: example answers unknown node 'netwrok' (did you mean 'network'?)"
    ]
    assert "1 error in the content: examples not run" in result.stderr
    data = json.loads(run("flows", "test", str(path), "--json").stdout)
    assert (data["passed"], data["examples"], len(data["problems"])) == (False, 0, 1)


def test_a_flow_without_examples_passes_and_is_uncovered(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "bare.yaml"
    path.write_text(
        "kind: flow\nid: bare\ntitle: Bare\nstart: end\nnodes:\n"
        "  end: {type: outcome, result: resolved, text: Done.}\n",
        encoding="utf-8",
    )
    result = run("flows", "test", str(path), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["examples"], data["uncovered"]) == (0, {"bare": ["end"]})


def test_missing_path_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("flows", "test", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "Traceback" not in result.stdout + result.stderr


def test_examples_survive_the_cache(flow_dir: Path, tmp_path: Path) -> None:
    """The parsed file is cached with its examples: the second load must see them too."""
    path = str(flow_dir / "loop.yaml")
    layers = [*content_layers(()), Layer("checked", (path,))]
    first = load(layers, [path]).content.flows["loop"].examples
    second = load(layers, [path]).content.flows["loop"].examples
    assert len(first) == 7
    assert first == second
    assert [e.pos for e in first] == [e.pos for e in second]


def test_an_override_of_a_builtin_flow_is_tested_instead(run: Run, tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parents[2] / "flows" / "no-reply.yaml").read_text(
        encoding="utf-8"
    )
    text = text.replace("    outcome: complaint\n", "    outcome: done\n")
    (tmp_path / "no-reply.yaml").write_text(text, encoding="utf-8")
    result = run("--content-dir", str(tmp_path), "flows", "test")
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    assert line.startswith(str(tmp_path / "no-reply.yaml") + ":")
    assert line.endswith("error: example 2 ends at 'complaint', expected 'done'")


def test_linter_messages_about_examples_in_chinese(run: Run) -> None:
    path = DATA / "invalid" / "example-bad-answer.yaml"
    result = run("--lang", "zh", "flows", "validate", str(path))
    assert result.exit_code == 1
    assert _lines(result.stdout, path) == [
        "31:16: 错误: “3”不是“network”的有效答案（可选：1=正常, 2=不正常）",
        "32:14: 错误: “maybe”不是“tried”的有效答案（可选：是, 否）",
        "33:14: 错误: “someday”不是“when”的有效答案（可选：<日期>）",
        "33:23: 错误: “-”不是“when”的有效答案（可选：<日期>）",
    ]


def test_the_schema_describes_examples(run: Run) -> None:
    schema = json.loads(run("flows", "schema", "flow").stdout)
    example = schema["properties"]["examples"]["items"]
    assert example["required"] == ["answers", "outcome"]
    assert list(example["properties"]) == ["answers", "outcome", "channels", "facts"]
    assert example["additionalProperties"] is False
