"""Hostile content in a content directory: every command answers with a clear error."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from upayhelp.commands.common import (
    CHECK_KINDS,
    CONTACT_KINDS,
    FAQ_KINDS,
    VERIFY_KINDS,
    WALK_KINDS,
)
from upayhelp.content.yaml import MAX_FILE_BYTES

from ..conftest import DATA, Run


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
# The kind a hostile file declares in a line of its own (None: none that can be read).
HOSTILE_KIND = {
    "alias bomb": "tips",
    "deep nesting": "tips",
    "very long line": "tips",
    "python tag": "tips",  # the tag is refused, the value read: "kind: !!python/... tips"
}
EVERY_KIND = ("flow", "channels", "faq", "tips", "redflags")
# Each command and the kinds of content it loads (upayhelp.commands.common): a hostile file of
# a kind it does not use is never parsed, so that command is unaffected by it.
COMMANDS: list[tuple[list[str], tuple[str, ...]]] = [
    (["faq", "2"], FAQ_KINDS),
    (["contacts"], CONTACT_KINDS),
    (["diagnose", "recharge", "--json"], WALK_KINDS),
    (["check", "please send me the code"], CHECK_KINDS),
    (["verify", "https://example.org"], VERIFY_KINDS),
    (["flows", "show", "recharge"], WALK_KINDS),
    (["flows", "validate"], EVERY_KIND),
    (["flows", "list"], EVERY_KIND),
]


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_every_command_stays_safe(run: Run, tmp_path: Path, hostile: str) -> None:
    directory = tmp_path / "content"
    directory.mkdir()
    HOSTILE[hostile](directory)
    kind = HOSTILE_KIND.get(hostile)
    for command, kinds in COMMANDS:
        start = time.perf_counter()
        result = run("--content-dir", str(directory), *command)
        assert time.perf_counter() - start < 5
        assert "Traceback" not in result.stdout + result.stderr
        if command[:2] == ["flows", "list"]:
            assert result.exit_code == 0
            continue
        if kind is not None and kind not in kinds:
            assert result.exit_code in (0, 2, 3), (command, result.stdout, result.stderr)
            continue
        assert result.exit_code == 1, (command, result.stdout, result.stderr)
        shown = result.stdout + result.stderr
        assert "content" in shown or "error" in shown
