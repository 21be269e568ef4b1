"""Typed answers as people type them: dates resolved against an injected "now", secrets caught
the same way in every input, the summary's labels (issue 16)."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest

from upayhelp.commands.walk import interactive_walk
from upayhelp.content.load import content_layers, load
from upayhelp.dates import resolve
from upayhelp.engine import Session
from upayhelp.formats import normalize, validate_value
from upayhelp.output.terminal import make_console
from upayhelp.report import build_report
from upayhelp.secrets import redact

from .test_walk import ScriptedAsker

CONTENT = load(content_layers(())).content
NOW = datetime(2026, 2, 1, 10, 20)


@pytest.mark.parametrize(
    ("typed", "resolved"),
    [
        ("2026-01-31 14:30", "2026-01-31 14:30"),
        ("2026/1/31", "2026-01-31"),
        ("2026年1月31日 下午3点", "2026-01-31 15:00"),
        ("yesterday 9pm", "2026-01-31 21:00"),
        ("Yesterday at 9:30 pm", "2026-01-31 21:30"),
        ("昨天晚上9点", "2026-01-31 21:00"),
        ("昨晚11点半", "2026-01-31 23:30"),
        ("前天早上8点", "2026-01-30 08:00"),
        ("3天前", "2026-01-29"),
        ("3 days ago", "2026-01-29"),
        ("today", "2026-02-01"),
        ("今天", "2026-02-01"),
        ("下午3点", "2026-02-01 15:00"),
        ("14:30", "2026-02-01 14:30"),
        ("1/31", "2026-01-31"),
        ("12/31", "2025-12-31"),  # in February, "12/31" is last year's
        ("刚才", "2026-02-01 10:20"),
    ],
)
def test_dates_as_people_type_them(typed: str, resolved: str) -> None:
    found = resolve(typed, NOW)
    assert found is not None
    assert found.render() == resolved


@pytest.mark.parametrize("typed", ["hello", "15", "2026-02-30", "yesterday 25:00", "know"])
def test_what_is_not_a_date(typed: str) -> None:
    assert resolve(typed, NOW) is None


def test_a_date_keeps_what_was_typed_and_the_resolved_value() -> None:
    assert validate_value("datetime", "yesterday 9pm", "en", NOW) is None
    assert normalize("datetime", "yesterday 9pm", NOW) == "yesterday 9pm (2026-01-31 21:00)"
    assert normalize("datetime", "2026-01-31 14:30", NOW) == "2026-01-31 14:30"
    assert normalize("date", "2026/1/31", NOW) == "2026/1/31 (2026-01-31)"
    message = validate_value("datetime", "soon", "zh", NOW)
    assert message is not None
    assert message.startswith("请输入日期和时间")


def test_the_session_resolves_against_its_now() -> None:
    session = Session(CONTENT.flows["dispute"], now=NOW)
    for answer in ("2", "1", "昨天晚上9点", "100", "-", "-", "no"):
        session.answer(answer)
    assert session.facts["when"] == "昨天晚上9点 (2026-01-31 21:00)"
    assert session.steps[2].typed == "昨天晚上9点"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("6222 0212 3456 7890 123", "card"),
        ("4111111111111111", "card"),
        ("code 482913", "code"),
        ("验证码：482913", "code"),
        ("密码abc123", "password"),
        ("my pin is 1234", "password"),
    ],
)
def test_secrets_are_caught_in_any_format(text: str, kind: str) -> None:
    masked, kinds = redact(text, codes=False)
    assert kind in kinds
    assert not any(part in masked for part in ("482913", "abc123", "1234", "7890", "1111"))


@pytest.mark.parametrize("text", ["spin 5 times", "PIN code reset", "order A1234567", "100.00"])
def test_ordinary_text_is_not_a_secret(text: str) -> None:
    assert redact(text, codes=False) == (text, ())


def _walk(flow: str, script: list[str], report: str | None = None) -> tuple[Session, str]:
    session = Session(CONTENT.flows[flow], now=NOW)
    asker = ScriptedAsker(script)
    out = io.StringIO()
    interactive_walk(session, CONTENT, "en", report, False, asker, make_console(out, width=100))
    assert asker.script == []
    return session, out.getvalue()


def test_enter_at_advice_is_not_solved_and_enter_at_the_end_finishes() -> None:
    # recharge: "2" (unstable), Enter at each advice, Enter at the questions, skip the inputs
    session, _ = _walk("recharge", ["1", "", "", "", "", "", ""])
    assert session.outcome is not None
    assert session.outcome.result == "escalate"
    assert [s.value for s in session.steps if s.node == "fix-network"] == ["no"]


def test_a_skipped_required_fact_is_asked_at_the_end() -> None:
    # contacted: "1" is the second option (no); what: the first; four inputs skipped
    script = ["1", "0", "", "", "", "", "no", "yesterday 9pm", "200"]
    session, shown = _walk("dispute", [*script, ":finish"])
    assert session.facts["when"] == "yesterday 9pm (2026-01-31 21:00)"
    assert session.facts["amount"] == "200"
    assert "Some facts were skipped" in shown


def test_the_summary_uses_the_screen_labels(tmp_path: Path) -> None:
    report = tmp_path / "request.md"
    script = ["1", "0", "yesterday 9pm", "100", "", "", "no", ":finish"]
    session, _ = _walk("dispute", script, str(report))
    text = report.read_text(encoding="utf-8")
    assert "- When: yesterday 9pm (2026-01-31 21:00)" in text
    assert "- Amount: 100" in text
    zh = build_report(session, [], [], "zh", NOW)
    assert "- 时间：yesterday 9pm (2026-01-31 21:00)" in zh


def test_back_starts_on_the_answer_given() -> None:
    session = Session(CONTENT.flows["recharge"], now=NOW)
    asker = ScriptedAsker(["1", ":back", ":quit"])
    interactive_walk(session, CONTENT, "en", None, False, asker, make_console(io.StringIO()))
    assert asker.defaults == ["0", "no", "1"]


def test_february_29_typed_early_in_a_leap_year_is_no_day() -> None:
    """In January 2028, "2/29" would be 29 February 2027, which does not exist: the input is
    rejected, not a crash."""
    from datetime import datetime

    from upayhelp.dates import resolve

    assert resolve("2/29", datetime(2028, 1, 5, 10, 0)) is None
    assert resolve("2/28", datetime(2028, 1, 5, 10, 0)) is not None
