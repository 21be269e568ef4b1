"""`upayhelp diagnose`, scripted: every route of every built-in flow, the --json protocol,
answer files, bad answers, and the report."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from upayhelp.content.load import content_layers, load
from upayhelp.engine import routes

from ..conftest import Run

CONTENT = load(content_layers(())).content
ROUTES = [
    (flow.id, index, route)
    for flow in CONTENT.flows.values()
    for index, route in enumerate(routes(flow))
]


def _args(flow_id: str, answers: list[tuple[str, str]]) -> list[str]:
    args = ["diagnose", flow_id, "--json"]
    for node, value in answers:
        args += ["--answer", f"{node}={value}"]
    return args


def test_every_builtin_flow_has_routes() -> None:
    assert {flow_id for flow_id, _, _ in ROUTES} == {
        "password",
        "recharge",
        "dispute",
        "refund",
        "security",
        "no-reply",
    }


@pytest.mark.parametrize(
    ("flow_id", "route"),
    [(f, r) for f, _, r in ROUTES],
    ids=[f"{f}-{i}" for f, i, _ in ROUTES],
)
def test_every_route_replays_to_its_outcome(run: Run, flow_id: str, route: object) -> None:
    flow = CONTENT.flows[flow_id]
    answers = route.answers(flow)  # type: ignore[attr-defined]
    result = run(*_args(flow_id, answers))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["status"] == "done"
    assert data["flow"] == flow_id
    assert data["outcome"]["node"] == route.outcome  # type: ignore[attr-defined]
    assert [step["node"] for step in data["path"]] == [node for node, _ in answers]
    outcome = flow.nodes[route.outcome]  # type: ignore[attr-defined]
    if data["outcome"]["result"] == "escalate":
        assert data["outcome"]["channels"], "an escalate outcome names at least one channel"
        assert [c["id"] for c in data["channels"]] == data["outcome"]["channels"]
        assert data["tips"]
    assert data["outcome"]["channels"] == list(outcome.channels)  # type: ignore[union-attr]


def test_pending_json_for_a_question(run: Run) -> None:
    result = run("diagnose", "recharge", "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["status"] == "pending"
    assert data["flow"] == "recharge"
    assert data["path"] == []
    pending = data["pending"]
    assert pending["node"] == "network"
    assert pending["type"] == "question"
    assert [o["number"] for o in pending["options"]] == [1, 2]
    assert all(o["label"] for o in pending["options"])


def test_pending_json_for_advice_and_input(run: Run) -> None:
    result = run("diagnose", "recharge", "--json", "--answer", "network=2")
    data = json.loads(result.stdout)
    assert data["pending"]["type"] == "advice"
    assert [o["label"] for o in data["pending"]["options"]] == ["yes", "no"]
    flow = CONTENT.flows["dispute"]
    route = next(
        r for r in routes(flow) if any(flow.nodes[s.node].type == "input" for s in r.steps)
    )
    answers = route.answers(flow)
    first_input = next(i for i, (node, _) in enumerate(answers) if flow.nodes[node].type == "input")
    result = run(*_args("dispute", answers[:first_input]))
    assert result.exit_code == 2
    pending = json.loads(result.stdout)["pending"]
    assert pending["type"] == "input"
    assert set(pending) >= {"node", "type", "text", "format", "optional"}
    assert "options" not in pending


def test_pending_text_names_the_question_and_options(run: Run) -> None:
    result = run("diagnose", "recharge")
    assert result.exit_code == 2
    assert "'network'" in result.stderr
    assert "1=" in result.stderr
    assert "2=" in result.stderr


@pytest.mark.parametrize("value", ["1", "Yes, it's stable", "YES, IT'S STABLE"])
def test_option_by_number_or_label(run: Run, value: str) -> None:
    network = CONTENT.flows["recharge"].nodes["network"]
    labels = [o.label.en for o in network.options]  # type: ignore[union-attr]
    if value.casefold() not in [str(label).casefold() for label in labels] and value != "1":
        pytest.skip("label changed in the content")
    result = run("diagnose", "recharge", "--json", "--answer", f"network={value}")
    data = json.loads(result.stdout)
    assert data["path"][0]["option"] == 1


def test_chinese_label_works_in_english(run: Run) -> None:
    network = CONTENT.flows["recharge"].nodes["network"]
    zh = network.options[0].label.zh  # type: ignore[union-attr]
    result = run("diagnose", "recharge", "--json", "--answer", f"network={zh}")
    assert json.loads(result.stdout)["path"][0]["option"] == 1


def test_wrong_answer_exits_2_naming_the_valid_options(run: Run) -> None:
    result = run("diagnose", "recharge", "--answer", "network=7")
    assert result.exit_code == 2
    assert "'7' is not an answer to 'network'" in result.stderr
    assert "1=" in result.stderr


def test_unknown_node_exits_2_with_suggestion(run: Run) -> None:
    result = run("diagnose", "recharge", "--answer", "netwrk=1")
    assert result.exit_code == 2
    assert "no node 'netwrk'" in result.stderr
    assert "did you mean 'network'" in result.stderr


def test_answer_without_equals_is_a_usage_error(run: Run) -> None:
    result = run("diagnose", "recharge", "--answer", "network")
    assert result.exit_code == 2
    assert "NODE=OPTION" in result.stderr


def test_answers_file_yaml_and_json(run: Run, tmp_path: Path) -> None:
    yaml_file = tmp_path / "a.yaml"
    yaml_file.write_text("network: 2\nfix-network: yes\n", encoding="utf-8")
    json_file = tmp_path / "a.json"
    json_file.write_text('{"network": "2", "fix-network": "yes"}', encoding="utf-8")
    for path in (yaml_file, json_file):
        result = run("diagnose", "recharge", "--json", "--answers", str(path))
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["outcome"]["result"] == "resolved"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("- network\n- 1\n", "expected a mapping"),
        ("network: [1\n", "invalid YAML"),
        ("network: {a: 1}\n", "single value"),
    ],
)
def test_bad_answers_file(run: Run, tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(body, encoding="utf-8")
    result = run("diagnose", "recharge", "--answers", str(path))
    assert result.exit_code == 2
    assert message in result.stderr


def test_answers_file_missing_or_a_directory(run: Run, tmp_path: Path) -> None:
    assert run("diagnose", "recharge", "--answers", str(tmp_path / "x.yaml")).exit_code == 2
    assert run("diagnose", "recharge", "--answers", str(tmp_path)).exit_code == 2


def test_unused_answer_is_an_error(run: Run) -> None:
    result = run(
        "diagnose",
        "recharge",
        "--answer",
        "network=2",
        "--answer",
        "fix-network=yes",
        "--answer",
        "method=1",
    )
    assert result.exit_code == 2
    assert "method=1" in result.stderr


def test_unknown_topic_exits_1_and_lists_topics(run: Run) -> None:
    result = run("diagnose", "how to bake bread")
    assert result.exit_code == 1
    for flow_id in ("password", "recharge", "refund"):
        assert flow_id in result.stderr


@pytest.mark.parametrize(
    ("topic", "flow_id"),
    [
        ("recharge", "recharge"),
        ("recharg", "recharge"),
        ("充值", "recharge"),
        ("top up", "recharge"),
        ("退钱", "refund"),
        ("找回密码", "password"),
        ("no reply", "no-reply"),
    ],
)
def test_topic_matching(run: Run, topic: str, flow_id: str) -> None:
    result = run("diagnose", topic, "--json")
    assert json.loads(result.stdout)["flow"] == flow_id


def _escalate_route(flow_id: str) -> list[tuple[str, str]]:
    flow = CONTENT.flows[flow_id]
    for route in routes(flow):
        if flow.nodes[route.outcome].result == "escalate":  # type: ignore[union-attr]
            return route.answers(flow)
    raise AssertionError("no escalate route")


def test_report_is_written_privately(run: Run, tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    args = _args("recharge", _escalate_route("recharge"))
    result = run(*args, "--report", str(report))
    assert result.exit_code == 0
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# UPay support request: ")
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert "recharge" in text
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_report_refuses_to_overwrite_without_force(run: Run, tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text("keep me", encoding="utf-8")
    args = _args("recharge", _escalate_route("recharge"))
    result = run(*args, "--report", str(report))
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert report.read_text(encoding="utf-8") == "keep me"
    result = run(*args, "--report", str(report), "--force")
    assert result.exit_code == 0
    assert report.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("where", ["missing/report.md", "."])
def test_report_bad_target(run: Run, tmp_path: Path, where: str) -> None:
    args = _args("recharge", _escalate_route("recharge"))
    result = run(*args, "--report", str(tmp_path / where))
    assert result.exit_code == 1
    assert "report" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only directory")
def test_report_read_only_directory(run: Run, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        args = _args("recharge", _escalate_route("recharge"))
        result = run(*args, "--report", str(locked / "r.md"))
        assert result.exit_code == 1
    finally:
        locked.chmod(0o700)


def test_report_in_chinese(run: Run, tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    args = _args("recharge", _escalate_route("recharge"))
    result = run("--lang", "zh", *args, "--report", str(report))
    assert result.exit_code == 0
    assert report.read_text(encoding="utf-8").startswith("# UPay 客服求助：无法充值")
