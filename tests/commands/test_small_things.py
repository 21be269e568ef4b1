"""Small things users notice (issue 16, item 9): help, whole command help lines, red flags
marked without colour, contacts typed as several words, faq pointing a scam report onwards."""

from __future__ import annotations

from ..conftest import Run


def test_help_command_and_whole_help_lines(run: Run) -> None:
    result = run("help")
    assert result.exit_code == 0
    assert "Commands:" in result.stdout
    assert "..." not in result.stdout.split("Commands:")[1]
    assert "what it is best for" in " ".join(result.stdout.split())
    sub = run("help", "flows", "validate")
    assert sub.exit_code == 0
    assert sub.stdout.startswith("Usage: upayhelp flows validate")


def test_diagnose_help_lists_the_topics(run: Run) -> None:
    result = run("diagnose", "--help")
    assert result.exit_code == 0
    topics = result.stdout.split("Topics:")[1]
    for flow in ("password", "recharge", "dispute", "refund", "security", "no-reply"):
        assert flow in topics
    assert "Can't top up" in topics


def test_red_flags_are_marked_without_colour(run: Run) -> None:
    zh = run("--lang", "zh", "check", "客服说要我提供验证码才能退款", env={"NO_COLOR": "1"})
    assert zh.exit_code == 3
    assert "【" in zh.stdout.split("原消息")[1]
    en = run("check", "support asked for my verification code")
    assert en.exit_code == 3
    assert "[[" in en.stdout.split("red flags marked")[1]


def test_verify_joins_the_words_of_a_contact(run: Run) -> None:
    result = run("verify", "400", "820", "8888", "--json")
    assert result.exit_code == 3
    assert '"contact": "400 820 8888"' in result.stdout


def test_faq_points_a_scam_report_to_check_and_the_safety_walk(run: Run) -> None:
    result = run("faq", "someone called me claiming to be UPay support and asked for my code")
    shown = " ".join(result.stdout.split())
    assert "upayhelp check" in shown
    assert "upayhelp diagnose security" in shown
    zh = run("--lang", "zh", "faq", "有人自称客服打电话要验证码")
    shown = " ".join(zh.stdout.split())
    assert "upayhelp check" in shown
    assert "upayhelp diagnose security" in shown
    plain = run("faq", "how do I top up")
    assert "upayhelp check" not in plain.stdout
