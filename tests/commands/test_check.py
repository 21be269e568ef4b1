"""`check` through the CLI, and the red-flag question inside the flows."""

from __future__ import annotations

import json

import pytest

from upayhelp.content.load import content_layers, load
from upayhelp.engine import Session
from upayhelp.model import Advice, Question

from ..conftest import Run

CONTENT = load(content_layers(())).content

SCAM_ZH = "您好，我是UPay客服，您的账户存在异常，请把收到的验证码告诉我，我帮您解冻。"
SCAM_EN = "Hi, this is UPay support. Please read me the verification code we just sent you."
GENUINE = "Your UPay payment of 25.00 to Coffee House was successful."


@pytest.mark.parametrize("text", [SCAM_ZH, SCAM_EN])
def test_check_flags_scams_with_exit_3(run: Run, text: str) -> None:
    result = run("check", text)
    assert result.exit_code == 3
    assert "asks" in result.stdout.lower() or "索要" in result.stdout or "⚠" in result.stdout


def test_check_json_spans_point_into_the_text(run: Run) -> None:
    result = run("check", SCAM_EN, "--json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["flagged"] is True
    ids = [f["id"] for f in data["findings"]]
    assert "asks-code" in ids
    assert set(data) == {"schema_version", "flagged", "score", "findings", "advice"}
    assert data["score"] >= 1
    for finding in data["findings"]:
        assert set(finding) == {
            "id", "title", "explain", "advice", "score", "threshold", "matches", "cues"
        }  # fmt: skip
        assert finding["score"] >= finding["threshold"]
        for match in finding["matches"]:
            assert SCAM_EN[match["start"] : match["end"]] == match["text"]
        for cue in finding["cues"]:
            assert set(cue) == {"id", "weight", "matches"}
            for match in cue["matches"]:
                assert SCAM_EN[match["start"] : match["end"]] == match["text"]


def test_check_genuine_message_exits_0_and_warns_it_is_no_proof(run: Run) -> None:
    result = run("check", GENUINE)
    assert result.exit_code == 0
    assert "not proof" in result.stdout
    data = json.loads(run("check", GENUINE, "--json").stdout)
    assert data["flagged"] is False
    assert data["findings"] == []


def test_check_reads_stdin(run: Run) -> None:
    result = run("check", "-", input=SCAM_ZH)
    assert result.exit_code == 3
    result = run("check", input=SCAM_ZH)
    assert result.exit_code == 3


@pytest.mark.parametrize(
    "text",
    [
        "请把验 证 码发给我",
        "请把驗證碼發給我",
        "ｐｌｅａｓｅ　ｓｅｎｄ　ｍｅ　ｔｈｅ　ｖｅｒｉｆｉｃａｔｉｏｎ　ｃｏｄｅ",
        "please send me the v-e-r-i-f-y code",
        "please send me the verificаtion cоde",  # Cyrillic а and о
    ],
)
def test_check_sees_through_evasion(run: Run, text: str) -> None:
    assert run("check", text).exit_code == 3


def test_check_highlights_are_inert(run: Run) -> None:
    text = "[bold]请把验证码[/bold]发给我 \x1b[31m"
    result = run("check", text)
    assert result.exit_code == 3
    assert "\x1b[31m" not in result.stdout
    assert "[bold]" in result.stdout


def test_check_empty_is_a_usage_error(run: Run) -> None:
    assert run("check", "   ").exit_code == 2


@pytest.mark.parametrize("flow_id", ["dispute", "refund", "security"])
def test_flows_ask_about_impostors_first(flow_id: str) -> None:
    flow = CONTENT.flows[flow_id]
    start = flow.nodes[flow.start]
    assert isinstance(start, Question)
    text = (start.ask.en or "").lower()
    assert "upay" in text
    assert "contact" in text
    session = Session(flow)
    session.choose(0)  # yes, someone contacted me
    advice = session.current
    assert isinstance(advice, Advice)
    body = (advice.text.en or "").lower()
    assert "code" in body
    assert "password" in body or "pin" in body
