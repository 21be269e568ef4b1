"""The interactive walk in a real pseudo-terminal (issue 16): number keys, the plain mode, safe
defaults, redirected output, typed inputs and dates, saving the summary, secrets, changing an
answer, and every word in the user's language."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pexpect
import pytest

from ..conftest import ROOT

ENTER = "\r"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]")
CURSOR_MOVES = re.compile(r"\x1b\[\d*[ABCDGHJKf]")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX pty")


def _env(lang: str, **extra: str) -> dict[str, str]:
    environment = {**os.environ, "LANG": lang, "LC_ALL": lang, "TERM": "xterm-256color"}
    for name in ("UPAYHELP_LANG", "UPAYHELP_CONTENT_DIR", "UPAYHELP_PLAIN", "NO_COLOR", "CI"):
        environment.pop(name, None)
    environment.update(extra)
    return environment


def _spawn(
    *args: str,
    columns: int = 100,
    lang: str = "C.UTF-8",
    cwd: Path = ROOT,
    **env: str,
) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "upayhelp", *args],
        cwd=str(cwd),
        env={**_env(lang, **env), "COLUMNS": str(columns)},
        encoding="utf-8",
        timeout=20,
        dimensions=(50, columns),
    )
    child.logfile_read = io.StringIO()  # everything the terminal received
    return child


def _finish(child: pexpect.spawn) -> tuple[int, str, str]:
    """Exit code, output without escape sequences, and the raw output since the last expect."""
    child.expect(pexpect.EOF)
    child.close()
    raw = child.before or ""
    return (child.exitstatus if child.exitstatus is not None else -1), ANSI.sub("", raw), raw


def _line(child: pexpect.spawn, text: str) -> None:
    child.send(text + ENTER)


# -- 1. answer by typing; the plain mode -----------------------------------------------------


@pytest.mark.parametrize("columns", [40, 80, 120])
def test_number_keys_pick_that_option_and_numbers_are_shown(columns: int) -> None:
    child = _spawn("diagnose", "recharge", columns=columns)
    # wrapped at word boundaries, never cut mid-word at the edge
    words = "Try opening another app or web page to see whether the connection works"
    child.expect(r"(?:\s|\x1b\[[0-9;]*m)+".join(words.split()))
    child.expect(r"arrow keys or a\s+number")
    child.expect(r"1\) Yes, it's stable")
    child.expect(r"2\) No, or not sure")
    child.send("2")
    child.send(ENTER)  # "2" Enter picks item 2: the advice for an unstable network
    child.expect("Try this")
    child.expect("Did this solve it")
    child.send("1")
    child.send(ENTER)
    child.expect("What next")
    child.send(ENTER)  # Enter at the final menu finishes
    code, text, _ = _finish(child)
    assert code == 0
    assert "Traceback" not in text


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--plain",), {}), ((), {"UPAYHELP_PLAIN": "1"}), ((), {"TERM": "dumb"})],
    ids=["--plain", "UPAYHELP_PLAIN", "TERM=dumb"],
)
def test_plain_mode_numbered_lines_and_typed_controls(
    args: tuple[str, ...], env: dict[str, str]
) -> None:
    child = _spawn("diagnose", "recharge", *args, **env)
    child.expect(r"  1\) Yes, it's stable\r\n  2\) No, or not sure\r\n")
    child.expect(r"Type 1-2 or t, r, q, then Enter \[1\]: ")
    _line(child, "2")
    child.expect("Did this solve it")
    child.expect(r"\[2\]: ")  # the default is "not solved"
    _line(child, "7")
    child.expect("Please type a number from the list")
    _line(child, "b")  # back to the first question, which starts on the answer given
    child.expect("is your network stable")
    child.expect(r"\[2\]: ")
    _line(child, "q")
    code, text, _ = _finish(child)
    assert code == 0
    everything = child.logfile_read.getvalue()
    assert not CURSOR_MOVES.search(everything), "the plain mode never moves the cursor"
    assert "Traceback" not in text


def test_chinese_plain_walk_to_an_outcome() -> None:
    child = _spawn("--lang", "zh", "diagnose", "recharge", "--plain", columns=40)
    child.expect("网络")
    child.expect(r"请输入 1-2 或 t, r, q，按回车 \[1\]")
    _line(child, "2")
    child.expect("问题解决了吗")
    _line(child, "1")
    child.expect("已解决")
    child.expect("接下来")
    child.expect(r"\[1\]: ")
    _line(child, "")  # Enter: 完成
    code, text, _ = _finish(child)
    assert code == 0
    assert "arrow keys" not in text
    assert "Use " not in text


def test_chinese_key_hints_in_the_arrow_key_lists() -> None:
    child = _spawn("--lang", "zh", "diagnose", "recharge", columns=60)
    child.expect("用方向键或数字键选择")
    raw = child.before or ""
    child.send("q")
    child.send(ENTER)
    code, text, _ = _finish(child)
    assert code == 0
    assert "Use arrow keys" not in ANSI.sub("", raw) + text


# -- 2. Enter never says something the user didn't ------------------------------------------


def test_enter_everywhere_never_claims_a_scam_or_a_solution() -> None:
    # security: Enter at "has anyone contacted you" → no; at "what worries you" not the stolen
    # account; at each advice "not solved"; at the end, Enter finishes with exit 0
    child = _spawn("diagnose", "security", "--plain")
    child.expect(r"\[2\]: ")
    _line(child, "")
    child.expect("What worries you")
    child.expect(r"\[2\]: ")
    _line(child, "")
    for _ in range(6):
        index = child.expect([r"Did this solve it\?", "What next"])
        if index == 1:
            break
        child.expect(r"\[2\]: ")
        _line(child, "")
    child.expect(r"\[1\]: ")
    _line(child, "")
    code, _text, _ = _finish(child)
    assert code == 0


def test_after_a_scam_warning_the_question_is_direct() -> None:
    child = _spawn("diagnose", "dispute", "--plain")
    _line(child, "1")  # yes, someone contacted me
    child.expect("very likely a scam")
    child.expect("Have you already paid them, or shared a code or password")
    child.expect(r"1\) No, I haven't")
    child.expect(r"\[1\]: ")
    _line(child, "2")  # yes, I paid
    child.expect("right away")
    child.expect(r"\[1\]: ")
    _line(child, "")
    code, text, _ = _finish(child)
    assert code == 0
    assert "answer “no”" not in text


# -- 3. redirected output --------------------------------------------------------------------


def test_redirected_output_asks_on_the_terminal_and_writes_only_the_result(
    tmp_path: Path,
) -> None:
    result = tmp_path / "result.txt"
    command = f"{sys.executable} -m upayhelp diagnose recharge > {result}"
    child = pexpect.spawn(
        "/bin/bash",
        ["-c", command],
        cwd=str(ROOT),
        env=_env("C.UTF-8"),
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 100),
    )
    child.expect("is your network stable")  # the question is on the terminal
    child.send("2")
    child.send(ENTER)
    child.expect("Did this solve it")
    child.send("1")
    child.send(ENTER)
    child.expect("What next")
    child.send(ENTER)
    code, _, _ = _finish(child)
    assert code == 0
    written = result.read_text(encoding="utf-8")
    assert written.startswith("Resolved\n")
    assert "\x1b" not in written
    assert "?" not in written.splitlines()[0]
    assert "What next" not in written
    assert "network stable" not in written


@pytest.mark.parametrize(
    "pipeline",
    ["contacts | head -1", "faq --all | true", "flows show dispute | true", "check 验证码 | true"],
)
def test_a_pipe_cut_short_exits_0_quietly(pipeline: str) -> None:
    command, reader = pipeline.split(" | ")
    script = f'{sys.executable} -m upayhelp {command} | {reader}; echo "rc=${{PIPESTATUS[0]}}"'
    done = subprocess.run(
        ["/bin/bash", "-c", script],
        cwd=str(ROOT),
        env=_env("C.UTF-8"),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "rc=0"
    assert done.stderr == ""


# -- 4. text inputs and dates ------------------------------------------------------------------


def _to_when(child: pexpect.spawn) -> None:
    """dispute, plain: nobody contacted me, charged twice, then the "when" input."""
    child.expect("claiming to be UPay")
    _line(child, "2")
    child.expect("What happened")
    _line(child, "1")


def test_inputs_dates_skips_and_errors_in_the_users_language(tmp_path: Path) -> None:
    report = tmp_path / "request.md"
    child = _spawn("--lang", "zh", "diagnose", "dispute", "--plain", "--report", str(report))
    child.expect("有人")
    _line(child, "2")
    child.expect("发生了什么")
    _line(child, "1")
    child.expect("（例如 2026-01-31 14:30、昨天晚上9点）")
    _line(child, "明天的后天")
    child.expect("请输入日期和时间")
    _line(child, "昨天晚上9点")
    child.expect("金额")
    _line(child, "")  # skipped
    child.expect("（已跳过）")
    for _ in range(2):  # merchant, order number: skipped
        child.expect("> ")
        _line(child, "")
    child.expect("问题解决了吗")
    _line(child, "2")
    child.expect("有些信息被跳过了")  # the amount is wanted: asked once more, optional
    child.expect("可选：直接回车跳过")
    _line(child, "")
    child.expect("接下来")
    _line(child, "")
    code, _text, _ = _finish(child)
    assert code == 0
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    summary = report.read_text(encoding="utf-8")
    assert f"昨天晚上9点 ({yesterday} 21:00)" in summary
    assert "- 时间：昨天晚上9点" in summary


def test_arrow_key_input_shows_a_placeholder_that_is_not_an_answer() -> None:
    child = _spawn("diagnose", "dispute")
    child.expect("claiming to be UPay")
    child.send(ENTER)  # the default: no
    child.expect("What happened")
    child.send(ENTER)
    child.expect(r"\(e\.g\. 2026-01-31 14:30, yesterday 9pm\)")
    child.send("yesterday 9pm")
    child.send(ENTER)
    child.expect("How much")
    child.send(ENTER)  # skipped: no example is left behind as if it were the answer
    child.expect(r"\(skipped\)")
    before = ANSI.sub("", child.before or "")
    assert "128.50" not in before.split("How much")[-1]
    child.sendcontrol("c")
    code, _, _ = _finish(child)
    assert code == 130


def test_a_skipped_required_fact_is_asked_again_at_the_end() -> None:
    child = _spawn("diagnose", "dispute", "--plain")
    _to_when(child)
    child.expect("you can add it at the end")
    _line(child, "")
    for _ in range(3):
        child.expect("> ")
        _line(child, "")
    child.expect("Did this solve it")
    _line(child, "2")  # the advice came although "when" is missing
    child.expect("Some facts were skipped")
    child.expect("When did the transaction happen")
    child.expect("optional")
    _line(child, "2026/1/31")
    child.expect("How much was the transaction")
    _line(child, "")  # skipped again: fine
    child.expect("When: 2026/1/31 \\(2026-01-31\\)")
    child.expect("What next")
    _line(child, "")
    code, _, _ = _finish(child)
    assert code == 0


# -- 5. saving the summary ---------------------------------------------------------------------


def test_save_default_name_overwrite_prompt_and_last_line(tmp_path: Path) -> None:
    today = date.today().isoformat()
    child = _spawn("diagnose", "recharge", "--plain", cwd=tmp_path, HOME=str(tmp_path))
    _line(child, "2")
    child.expect("Did this solve it")
    _line(child, "1")
    child.expect("What next")
    _line(child, "2")  # save
    child.expect(f"Now: upay-request-{today}.md")
    _line(child, "")
    expected = tmp_path / f"upay-request-{today}.md"
    child.expect(f"Saved to {re.escape(str(expected))}")
    child.expect("What next")
    _line(child, "2")  # save again: same name, the file exists
    _line(child, "")
    child.expect(r"already exists\. Overwrite it\? \(y/N\): ")
    _line(child, "")  # no
    child.expect("Not saved.")
    _line(child, "2")
    _line(child, "<")  # cancelled
    child.expect("Not saved.")
    _line(child, "2")
    _line(child, "~/other")  # ~ expanded, .md added
    child.expect("Saved to .*other\\.md")
    _line(child, "")  # finish
    code, text, _ = _finish(child)
    assert code == 0
    assert expected.read_text(encoding="utf-8").startswith("# UPay support request")
    assert oct(expected.stat().st_mode & 0o777) == "0o600"
    assert (tmp_path / "other.md").exists()
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[-1].startswith("Saved to ")
    assert lines[-1].endswith("other.md")
    assert "--force" not in text


def test_the_report_is_rewritten_when_an_answer_changes(tmp_path: Path) -> None:
    report = tmp_path / "request.md"
    child = _spawn("diagnose", "recharge", "--plain", "--report", str(report))
    _line(child, "2")
    child.expect("Did this solve it")
    _line(child, "1")  # solved
    child.expect("Saved to")
    assert "**Result:** Resolved" in report.read_text(encoding="utf-8")
    child.expect("What next")
    _line(child, "3")  # change an earlier answer
    child.expect("Which answer")
    _line(child, "2")  # "Did this solve it? → Solved"
    child.expect("Did this solve it")
    child.expect(r"\[1\]: ")  # the cursor starts on the current answer
    _line(child, "2")  # not solved now
    child.expect("Is the payment method")
    _line(child, "q")
    code, _, _ = _finish(child)
    assert code == 0
    summary = report.read_text(encoding="utf-8")
    assert "**Result:**" not in summary  # the walk was left before an outcome
    assert "— **Not solved**" in summary


# -- 6. secrets ---------------------------------------------------------------------------------


@pytest.mark.parametrize("secret", ["6222 0212 3456 7890 123", "code 482913", "密码abc123"])
def test_a_secret_typed_into_an_input_is_caught_and_removed(tmp_path: Path, secret: str) -> None:
    report = tmp_path / "request.md"
    child = _spawn("diagnose", "dispute", "--plain", "--report", str(report))
    _to_when(child)
    child.expect("> ")
    _line(child, "2026-01-31 14:30")
    child.expect("How much")
    _line(child, "100")
    child.expect("merchant's name")
    _line(child, f"Shop {secret}")
    child.expect("That looks like a")
    child.expect("upayhelp never needs it")
    child.expect(r"1\) Remove it and keep the rest")
    _line(child, "")
    child.expect("Removed")
    child.expect("order or transaction number")
    _line(child, secret)
    child.expect("That looks like a")
    _line(child, "1")
    child.expect("Did this solve it")
    _line(child, "2")
    child.expect("Merchant: Shop")
    child.expect("What next")
    _line(child, "")
    code, text, _ = _finish(child)
    assert code == 0
    summary = report.read_text(encoding="utf-8")
    for part in ("482913", "abc123", "7890", "6222"):
        assert part not in summary
        assert part not in text.split("Removed")[-1]


# -- 7. changing an earlier answer; other topics ----------------------------------------------


def test_change_list_whole_answers_prefill_and_back_to_the_list() -> None:
    child = _spawn("diagnose", "dispute", "--plain", columns=40)
    _to_when(child)
    child.expect("> ")
    _line(child, "yesterday 9pm")
    child.expect("How much")
    _line(child, "100")
    for _ in range(2):
        child.expect("> ")
        _line(child, "")
    child.expect("Did this solve it")
    _line(child, "1")
    child.expect("What next")
    _line(child, "3")
    child.expect("Which answer")
    # whole answers, wrapped at 40 columns rather than cut
    child.expect(r"I was charged\s+twice")
    child.expect(r"yesterday 9pm")
    child.expect(r"\[7\]: ")
    _line(child, "3")  # when
    child.expect(r"Now: yesterday 9pm \(Enter keeps it\)")
    _line(child, "<")  # back to the list, nothing changed
    child.expect("Which answer")
    child.expect(r"\[3\]: ")
    _line(child, "b")
    child.expect("What next")
    _line(child, "")
    code, _, _ = _finish(child)
    assert code == 0


def test_other_topics_from_the_first_question() -> None:
    child = _spawn("diagnose", "recharge", "--plain")
    child.expect(r"t\) Other topics")
    _line(child, "t")
    child.expect("What do you need help with")
    _line(child, "1")  # password
    child.expect(r"\[\d\]: ")
    _line(child, "q")
    code, _, _ = _finish(child)
    assert code == 0


def test_an_ambiguous_topic_on_a_terminal_offers_the_candidates() -> None:
    child = _spawn("diagnose", "money", "--plain")
    child.expect("could be several topics. Which one")
    child.expect(r"1\) ")
    _line(child, "1")
    child.expect(r"\[\d\]: ")
    _line(child, "q")
    code, text, _ = _finish(child)
    assert code == 0
    assert "be more specific" not in text


# -- 8. every word in the user's language ------------------------------------------------------

ALLOWED = {
    # product, program and command names, option names, ids and formats
    "upay",
    "upayhelp",
    "diagnose",
    "contacts",
    "faq",
    "check",
    "verify",
    "flows",
    "help",
    "answer",
    "answers",
    "report",
    "force",
    "lang",
    "json",
    "content",
    "dir",
    "plain",
    "all",
    "topic",
    "strict",
    "format",
    "show",
    "validate",
    "graph",
    "paths",
    "schema",
    "list",
    "dispute",
    "reply",
    "no",
    "password",
    "recharge",
    "refund",
    "security",
    "network",
    "method",
    "limits",
    "when",
    "amount",
    "merchant",
    "order",
    "id",
    "fix",
    "nosuch",
    "bogus",
    "zz",
    "yaml",
    "mermaid",
    "dot",
    "text",
    "md",
    "exists",
    "nowhere",
    "xyzzy",
    "datetime",
    "flag",
    "money",
    "links",
    "contacted",
    "worry",
    "bad",
    "extra",
    "nonexistent",
    "title",
    "flow",
    "nine",
    "zh",
    "en",
    "xx",
}


def _english_words(text: str) -> list[str]:
    text = re.sub(r"(?:/[\w.\-]+)+", " ", text)  # paths
    words = re.findall(r"[A-Za-z]{2,}", text)
    return [w for w in words if w.casefold() not in ALLOWED]


def test_every_error_path_in_chinese_has_no_english_words(tmp_path: Path) -> None:
    (tmp_path / "exists.md").write_text("x", encoding="utf-8")
    (tmp_path / "list.yaml").write_text("- 1\n", encoding="utf-8")
    (tmp_path / "nine.yaml").write_text("network: 9\n", encoding="utf-8")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.yaml").write_text("kind: flow\nid: x\n", encoding="utf-8")
    recharge = ["diagnose", "recharge", "-a", "network=1", "-a", "method=1", "-a", "limits=1"]
    cases = [
        ["diagnose", "nosuch"],
        ["diagnose"],
        ["diagnose", "money"],
        ["diagnose", "recharge", "--answer", "network=9"],
        ["diagnose", "recharge", "--answer", "nosuch=1"],
        ["diagnose", "recharge", "--answer", "bad"],
        ["diagnose", "recharge", "--answers", "list.yaml"],
        ["diagnose", "recharge", "--answers", "nine.yaml"],
        ["diagnose", "recharge"],
        ["diagnose", "security", "-a", "contacted=2", "-a", "worry=3", "-a", "links=9"],
        [*recharge, "-a", "when=-", "-a", "amount=-", "--report", "exists.md"],
        [*recharge, "-a", "when=xx"],
        [*recharge, "-a", "when=-", "-a", "amount=-", "--report", "nowhere/x.md"],
        [*recharge, "-a", "when=-", "-a", "amount=-", "-a", "zz=1"],
        ["diagnose", "--bogus"],
        ["diagnose", "--report"],
        ["diagnose", "recharge", "extra"],
        ["nosuch"],
        ["--bogus"],
        ["faq", "xyzzy"],
        ["faq", "99"],
        ["faq", ""],
        ["contacts", "--topic", "nosuch"],
        ["check", ""],
        ["verify"],
        ["verify", ""],
        ["help", "nosuch"],
        ["flows", "show", "nosuch"],
        ["flows", "validate", "nosuch.yaml"],
        ["flows", "graph", "--format", "zz"],
        ["--content-dir", "/nonexistent", "faq"],
        ["--content-dir", "bad", "faq", "1"],
        ["diagnose", "--lang", "xx"],
    ]
    for args in cases:
        done = subprocess.run(
            [sys.executable, "-m", "upayhelp", "--lang", "zh", *args],
            cwd=str(tmp_path),
            env={**_env("C.UTF-8"), "PYTHONPATH": str(ROOT / "src")},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode in (1, 2), (args, done.returncode, done.stderr)
        assert done.stderr.count("错误") == 1, (args, done.stderr)
        assert "Traceback" not in done.stderr
        english = _english_words(done.stderr)
        assert not english, (args, english, done.stderr)


def test_an_input_error_in_chinese_on_the_terminal() -> None:
    child = _spawn("--lang", "zh", "diagnose", "dispute")
    child.expect("有人")
    child.send(ENTER)
    child.expect("发生了什么")
    child.send(ENTER)
    child.expect("昨天晚上9点")
    child.send("abc")
    child.send(ENTER)
    child.expect("请输入日期和时间")
    child.sendcontrol("c")
    code, text, _ = _finish(child)
    assert code == 130
    assert "已中断" in text


def test_errors_in_an_answers_file_name_the_file_and_have_one_prefix(tmp_path: Path) -> None:
    (tmp_path / "answers.yaml").write_text("network: 1\nmethod: 9\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "upayhelp", "diagnose", "recharge", "--answers", "answers.yaml"],
        cwd=str(tmp_path),
        env={**_env("C.UTF-8"), "PYTHONPATH": str(ROOT / "src")},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("upayhelp: error: --answers answers.yaml:2:9: method: '9'")
    assert done.stderr.count("error") == 1


@pytest.mark.parametrize("key", ["c", "d"])
def test_plain_mode_interrupted_exits_130(key: str) -> None:
    child = _spawn("diagnose", "recharge", "--plain")
    child.expect(r"\[1\]: ")
    child.sendcontrol(key)
    code, text, _ = _finish(child)
    assert code == 130
    assert "upayhelp: interrupted" in text
    assert "Traceback" not in text


def test_arrow_key_change_starts_on_the_current_answer_and_lt_returns_to_the_list() -> None:
    child = _spawn("diagnose", "security", columns=60)
    child.expect("claiming to be UPay")
    child.send(ENTER)  # no
    child.expect("What worries you")
    child.send("1")
    child.send(ENTER)  # stolen: the outcome
    child.expect("What next")
    child.send("3")
    child.send(ENTER)  # change an earlier answer
    child.expect("Which answer")
    child.expect(r"b\) ← Back to the menu")
    child.send(ENTER)  # the last answer
    child.expect(r"<\) Back to the list of answers")
    shown = ANSI.sub("", child.before or "")
    assert re.search(r"» 1\) I think my account was stolen", shown), shown
    child.send("<")
    child.expect("Which answer")
    child.expect(r"b\) ← Back to the menu")
    child.send("b")
    child.send(ENTER)
    child.expect("What next")
    child.send(ENTER)
    code, _, _ = _finish(child)
    assert code == 0
