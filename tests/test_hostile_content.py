"""Hostile content in a content directory: every command answers with a clear error."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from upayhelp.content.yaml import MAX_FILE_BYTES

from .conftest import DATA, Run


def _bomb(directory: Path) -> None:
    (directory / "bomb.yaml").write_text(
        (DATA / "invalid" / "alias-bomb.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )


def _huge(directory: Path) -> None:
    with (directory / "huge.yaml").open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 10)


def _deep(directory: Path) -> None:
    (directory / "deep.yaml").write_text("kind: tips\ntips: " + "[" * 50_000 + "]" * 50_000)


def _long_line(directory: Path) -> None:
    (directory / "long.yaml").write_text(
        "kind: tips\ntips:\n  - id: long\n    text: " + "x" * 5_000_000 + "\n  - {}\n"
    )


def _binary(directory: Path) -> None:
    (directory / "binary.yaml").write_bytes(bytes(range(256)) * 100)


def _tag(directory: Path) -> None:
    (directory / "tag.yaml").write_text("kind: !!python/name:os.system tips\ntips: []\n")


def _escape(directory: Path) -> None:
    outside = directory.parent / "outside.yaml"
    outside.write_text("kind: tips\ntips: []\n")
    (directory / "escape.yaml").symlink_to(outside)


HOSTILE: dict[str, Callable[[Path], None]] = {
    "alias bomb": _bomb,
    "huge file": _huge,
    "deep nesting": _deep,
    "very long line": _long_line,
    "binary file": _binary,
    "python tag": _tag,
    "symlink leaving the directory": _escape,
}
COMMANDS = [
    ["faq", "2"],
    ["contacts"],
    ["diagnose", "recharge", "--json"],
    ["check", "please send me the code"],
    ["verify", "https://example.org"],
    ["flows", "show", "recharge"],
    ["flows", "validate"],
    ["flows", "list"],
]


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_every_command_stays_safe(run: Run, tmp_path: Path, hostile: str) -> None:
    directory = tmp_path / "content"
    directory.mkdir()
    HOSTILE[hostile](directory)
    for command in COMMANDS:
        start = time.perf_counter()
        result = run("--content-dir", str(directory), *command)
        assert time.perf_counter() - start < 5
        assert "Traceback" not in result.stdout + result.stderr
        if command[:2] == ["flows", "list"]:
            assert result.exit_code == 0
            continue
        assert result.exit_code == 1, (command, result.stdout, result.stderr)
        shown = result.stdout + result.stderr
        assert "content" in shown or "error" in shown
