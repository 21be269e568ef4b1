"""Real-terminal tests: pexpect gives the program its own pseudo-terminal."""

from __future__ import annotations

import os
import re
import sys

import pexpect
import pytest

from .conftest import ROOT

DOWN, UP, ENTER = "\x1b[B", "\x1b[A", "\r"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pexpect needs a POSIX pty")


def _spawn(*args: str, columns: int = 100, lang: str = "C.UTF-8", **env: str) -> pexpect.spawn:
    environment = {
        **os.environ,
        "LANG": lang,
        "LC_ALL": lang,
        "TERM": "xterm-256color",
        "COLUMNS": str(columns),
        **env,
    }
    for name in ("UPAYHELP_LANG", "UPAYHELP_CONTENT_DIR", "NO_COLOR"):
        environment.pop(name, None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "upayhelp", *args],
        cwd=str(ROOT),
        env=environment,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, columns),
    )
    return child


def _finish(child: pexpect.spawn) -> tuple[int, str]:
    child.expect(pexpect.EOF)
    child.close()
    output = ANSI.sub("", child.before or "")
    return child.exitstatus if child.exitstatus is not None else -1, output


def test_arrow_keys_to_an_outcome() -> None:
    child = _spawn("diagnose", "recharge")
    child.expect("network")
    child.send(DOWN)
    child.send(ENTER)  # "No, or not sure"
    child.expect("solve")
    child.send(ENTER)  # solved
    child.expect("What next")
    child.send(UP)
    child.send(ENTER)  # Quit
    code, output = _finish(child)
    assert code == 0
    assert "Traceback" not in output


def test_ctrl_c_at_a_question_exits_130() -> None:
    child = _spawn("diagnose", "recharge")
    child.expect("network")
    child.sendcontrol("c")
    code, output = _finish(child)
    assert code == 130
    assert "Traceback" not in output
    assert "interrupted" in output


def test_chinese_walk_at_40_columns() -> None:
    child = _spawn("--lang", "zh", "diagnose", "recharge", columns=40)
    child.expect("网络")
    child.send(DOWN)
    child.send(ENTER)
    child.expect("解决")
    child.send(ENTER)
    child.expect("接下来")
    child.send(UP)
    child.send(ENTER)
    code, output = _finish(child)
    assert code == 0
    assert "Traceback" not in output
