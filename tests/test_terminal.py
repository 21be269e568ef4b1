"""Real-terminal tests: pexpect gives the program its own pseudo-terminal."""

from __future__ import annotations

import os
import pathlib
import re
import sys
import time

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
    child.send("1")
    child.send(ENTER)  # solved: typed, Enter alone would say "not solved"
    child.expect("What next")
    child.send(ENTER)  # Finish
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
    child.send("1")
    child.send(ENTER)
    child.expect("接下来")
    child.send(ENTER)
    code, output = _finish(child)
    assert code == 0
    assert "Traceback" not in output


# -- interrupts, resize, odd terminals ---------------------------------------------------------

SHELL_TAIL = 'echo "rc=$?"; stty -a | tr " " "\\n" | grep -x -- "-\\?echo"'


def _spawn_in_shell(args: str, columns: int = 100, lang: str = "C.UTF-8") -> pexpect.spawn:
    environment = {**os.environ, "LANG": lang, "LC_ALL": lang, "TERM": "xterm-256color"}
    for name in ("UPAYHELP_LANG", "UPAYHELP_CONTENT_DIR", "NO_COLOR", "COLUMNS"):
        environment.pop(name, None)
    return pexpect.spawn(
        "/bin/bash",
        ["-c", f"{sys.executable} -m upayhelp {args}; {SHELL_TAIL}"],
        cwd=str(ROOT),
        env=environment,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, columns),
    )


def _restored(child: pexpect.spawn) -> tuple[int, str, str]:
    child.expect(pexpect.EOF)
    raw = child.before or ""
    text = ANSI.sub("", raw)
    code = int(re.findall(r"rc=(\d+)", text)[-1])
    # the shell's terminal has echo back on, and the cursor is not left hidden
    assert re.search(r"^echo\r?$", text, re.MULTILINE), text[-300:]
    assert raw.count("\x1b[?25l") <= raw.count("\x1b[?25h")
    return code, text, raw


def _to_input(child: pexpect.spawn) -> None:
    """dispute: 'No, nobody contacted me', then the first choice, until an input prompt."""
    child.expect("UPay or a merchant")
    child.send("2")
    child.send(ENTER)
    for _ in range(6):
        index = child.expect([r"Enter to skip", r"arrow keys or a number"])
        if index == 0:
            return
        child.send(ENTER)
    raise AssertionError("no input prompt reached")


@pytest.mark.parametrize("key", ["c", "d"])
def test_interrupt_at_a_question(key: str) -> None:
    child = _spawn_in_shell("diagnose recharge")
    child.expect("network")
    child.sendcontrol(key)
    code, text, _ = _restored(child)
    assert code == 130
    assert "upayhelp: interrupted" in text
    assert "Traceback" not in text


@pytest.mark.parametrize("key", ["c", "d"])
def test_interrupt_at_an_input(key: str) -> None:
    child = _spawn_in_shell("diagnose dispute")
    _to_input(child)
    child.sendcontrol(key)
    code, text, _ = _restored(child)
    assert code == 130
    assert "Traceback" not in text


@pytest.mark.parametrize("key", ["c", "d"])
def test_interrupt_at_the_final_menu(key: str) -> None:
    child = _spawn_in_shell("diagnose recharge")
    child.expect("network")
    child.send(DOWN)
    child.send(ENTER)
    child.expect("solve")
    child.send("1")
    child.send(ENTER)
    child.expect("What next")
    child.sendcontrol(key)
    code, text, _ = _restored(child)
    assert code == 130
    assert "Traceback" not in text


def test_resize_mid_walk() -> None:
    child = _spawn_in_shell("diagnose recharge", columns=100)
    child.expect("network")
    child.setwinsize(24, 50)
    child.send(DOWN)
    child.send(ENTER)
    child.expect("solve")
    child.setwinsize(50, 140)
    child.send("1")
    child.send(ENTER)
    child.expect("What next")
    child.send(ENTER)
    code, text, _ = _restored(child)
    assert code == 0
    assert "Traceback" not in text


def test_lang_c_terminal() -> None:
    child = _spawn_in_shell("diagnose recharge", columns=40, lang="C")
    child.expect("network")
    child.send(DOWN)
    child.send(ENTER)
    child.expect("solve")
    child.send("1")
    child.send(ENTER)
    child.expect("What next")
    child.send(ENTER)
    code, text, _ = _restored(child)
    assert code == 0
    assert "Traceback" not in text


def _entries(cache_home: pathlib.Path) -> list[tuple[str, int, int]]:
    """Each entry's name and the inode and time of its last write (a write replaces the file)."""
    found = []
    for path in cache_home.rglob("*.pickle"):
        info = path.stat()
        found.append((path.name, info.st_ino, info.st_mtime_ns))
    return sorted(found)


def _wait_for_entries(cache_home: pathlib.Path, count: int) -> list[str]:
    deadline = time.monotonic() + 10
    while len(_entries(cache_home)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return _entries(cache_home)


def test_a_first_run_writes_its_cache_while_the_first_question_waits(
    tmp_path: pathlib.Path,
) -> None:
    # The entries are written once the question is drawn (not before): nothing is answered.
    child = _spawn("diagnose", "recharge", XDG_CACHE_HOME=str(tmp_path), UPAYHELP_NO_CACHE="")
    child.expect("network")
    # the six flows, the channels, the FAQ and the tips a diagnosis reads
    assert len(_wait_for_entries(tmp_path, 9)) == 9
    child.sendcontrol("c")
    code, _ = _finish(child)
    assert code == 130
    # the next run reads them instead of parsing again: nothing new is written
    before = _entries(tmp_path)
    again = _spawn("diagnose", "recharge", XDG_CACHE_HOME=str(tmp_path), UPAYHELP_NO_CACHE="")
    again.expect("network")
    again.sendcontrol("c")
    _finish(again)
    assert _entries(tmp_path) == before
