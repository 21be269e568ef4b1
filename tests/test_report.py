"""Nothing lost: a report that fails or is interrupted mid-write leaves the old file or none."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from upayhelp.errors import ReportError
from upayhelp.report import md, write_private


def _failing_write(after: int, error: BaseException) -> object:
    real = os.write
    written = {"bytes": 0}

    def write(fd: int, data: bytes) -> int:  # type: ignore[override]
        if written["bytes"] >= after:
            raise error
        chunk = bytes(data[: max(1, after - written["bytes"])])
        written["bytes"] += len(chunk)
        return real(fd, chunk)

    return write


@pytest.mark.parametrize(
    "error", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=["ENOSPC", "Ctrl-C"]
)
def test_failed_write_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    target = tmp_path / "report.md"
    monkeypatch.setattr(os, "write", _failing_write(10, error))
    with pytest.raises((ReportError, KeyboardInterrupt)):
        write_private(str(target), "x" * 1000)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "error", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=["ENOSPC", "Ctrl-C"]
)
def test_failed_overwrite_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    target = tmp_path / "report.md"
    target.write_text("the old report", encoding="utf-8")
    monkeypatch.setattr(os, "write", _failing_write(10, error))
    with pytest.raises((ReportError, KeyboardInterrupt)):
        write_private(str(target), "x" * 1000, force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    assert target.read_text(encoding="utf-8") == "the old report"


def test_failed_rename_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "report.md"
    target.write_text("the old report", encoding="utf-8")

    def broken_replace(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ReportError, match="Input/output error"):
        write_private(str(target), "new", force=True)
    assert target.read_text(encoding="utf-8") == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_written_whole_with_mode_0600(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    text = "报告\n" * 10_000
    write_private(str(target), text)
    assert target.read_text(encoding="utf-8") == text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_never_replaces_something_that_is_not_a_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ReportError, match="not a regular file"):
        write_private(str(fifo), "x", force=True)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_symlink_is_not_followed_to_clobber(tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(precious)
    with pytest.raises(ReportError):
        write_private(str(link), "x")
    assert precious.read_text(encoding="utf-8") == "keep"


def test_markdown_escaping_and_redaction() -> None:
    assert md("[click](http://evil.example)") == "\\[click\\](http://evil.example)"
    assert md("# heading") == "\\# heading"
    assert md("card 4111 1111 1111 1111 ok") == "card ••• ok"
    assert md("bell\x07 and \x1b[31m") == "bell\\<U+0007\\> and \\<U+001B\\>\\[31m"
