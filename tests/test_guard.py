"""`check` and `verify` through the CLI, and the red-flag question inside the flows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from upayhelp.content.load import content_layers, load
from upayhelp.engine import Session
from upayhelp.model import Advice, Question

from .conftest import Run

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


# -- verify ----------------------------------------------------------------------------------

OPERATOR_CHANNELS = """\
kind: channels
channels:
  - id: website
    name: {zh: 官方网站, en: Official website}
    how: {zh: 打开官网。, en: Open the website.}
    best_for: {zh: 一切, en: Everything}
    addresses: ["https://www.upay.example/help", "support@upay.example"]
  - id: hotline
    name: {zh: 热线, en: Hotline}
    how: {zh: 拨打热线。, en: Call the hotline.}
    best_for: {zh: 紧急情况, en: Emergencies}
    addresses: ["+86 400 000 1234"]
  - id: social
    name: {zh: 社交媒体, en: Social media}
    how: {zh: 关注官方账号。, en: Follow the official account.}
    best_for: {zh: 快速回复, en: Quick replies}
    addresses: ["@upay_official"]
"""


@pytest.fixture
def operator(tmp_path: Path) -> Path:
    directory = tmp_path / "operator"
    directory.mkdir()
    (directory / "channels.yaml").write_text(OPERATOR_CHANNELS, encoding="utf-8")
    return directory


@pytest.mark.parametrize(
    ("contact", "channel"),
    [
        ("https://www.upay.example/help", "website"),
        ("UPAY.EXAMPLE./help", "website"),
        ("http://upay.example/help", "website"),
        ("Support@UPay.Example", "website"),
        ("+86 400 000 1234", "hotline"),
        ("0086-400-000-1234", "hotline"),
        ("(400) 000 1234", "hotline"),
        ("".join(chr(ord(c) + 0xFEE0) for c in "4000001234"), "hotline"),  # full-width
        ("@UPay_Official", "social"),
    ],
)
def test_verify_official_in_every_written_form(
    run: Run, operator: Path, contact: str, channel: str
) -> None:
    result = run("--content-dir", str(operator), "verify", contact, "--json")
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout)
    assert data["status"] == "official"
    assert data["channel"] == channel


@pytest.mark.parametrize(
    ("contact", "reason"),
    [
        ("https://upay.example.evil.net/help", None),
        ("https://upay-example.net", None),
        ("https://upqy.example/help", "edit-distance"),
        ("https://uрay.example/help", "confusable"),  # Cyrillic р
        ("https://upay.example@evil.example/", "userinfo-trick"),
        ("+86 400 000 1243", "digit-changed"),
        ("+86 400 000 1235", "digit-changed"),
        ("support@upay-example.com", None),
        ("@upay_offcial", "edit-distance"),
    ],
)
def test_verify_lookalikes(run: Run, operator: Path, contact: str, reason: str | None) -> None:
    result = run("--content-dir", str(operator), "verify", contact, "--json")
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["status"] == "lookalike"
    assert data["lookalikes"]
    if reason is not None:
        assert reason in {la["reason"] for la in data["lookalikes"]}
    text = run("--content-dir", str(operator), "verify", contact)
    assert "NOT an official channel" in text.stdout


def test_verify_unrelated_contact(run: Run, operator: Path) -> None:
    result = run("--content-dir", str(operator), "verify", "https://weather.example.org", "--json")
    assert result.exit_code == 3
    assert json.loads(result.stdout)["status"] == "unknown"


def test_verify_without_configured_addresses(run: Run) -> None:
    result = run("verify", "+86 400 123 4567")
    assert result.exit_code == 3
    assert "cannot confirm" in result.stdout
    assert "inside the UPay app" in result.stdout
    data = json.loads(run("verify", "https://upay.example", "--json").stdout)
    assert data["status"] == "unconfigured"


# -- the red-flag question inside the flows --------------------------------------------------


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
