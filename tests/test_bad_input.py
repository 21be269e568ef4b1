"""The bad-input matrix: every row is an input, the command, the exit code and the message.
Nothing here may produce a traceback, and nothing may leave a partial file behind."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from upayhelp.content.load import content_layers, load
from upayhelp.engine import routes

from .conftest import Run

CONTENT = load(content_layers(())).content
RECHARGE = CONTENT.flows["recharge"]
ESCALATE = next(
    r
    for r in routes(RECHARGE)
    if RECHARGE.nodes[r.outcome].result == "escalate"  # type: ignore[union-attr]
)
ESCALATE_ARGS = [a for node, v in ESCALATE.answers(RECHARGE) for a in ("--answer", f"{node}={v}")]


@dataclass
class Row:
    name: str
    args: Callable[[Path], list[str]]
    code: int
    message: str  # expected in stderr (or stdout when `out` is set)
    env: dict[str, str] = field(default_factory=dict)
    stdin: str | None = None
    out: bool = False


def _file(tmp: Path, name: str, body: str | bytes) -> str:
    path = tmp / name
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_text(body, encoding="utf-8")
    return str(path)


def _existing(tmp: Path) -> str:
    return _file(tmp, "existing.md", "keep me")


def _readonly_dir(tmp: Path) -> str:
    locked = tmp / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    return str(locked / "r.md")


def _symlink_loop(tmp: Path) -> str:
    directory = tmp / "loopdir"
    directory.mkdir()
    (directory / "a.yaml").symlink_to(directory / "b.yaml")
    (directory / "b.yaml").symlink_to(directory / "a.yaml")
    return str(directory)


def _unreadable(tmp: Path) -> str:
    directory = tmp / "unreadable"
    directory.mkdir()
    path = directory / "tips.yaml"
    path.write_text("kind: tips\ntips: []\n", encoding="utf-8")
    path.chmod(0)
    return str(directory)


def _escape_dir(tmp: Path) -> str:
    outside = tmp / "outside.yaml"
    outside.write_text("kind: tips\ntips: []\n", encoding="utf-8")
    directory = tmp / "content"
    directory.mkdir()
    (directory / "evil.yaml").symlink_to(outside)
    return str(directory)


ROWS = [
    Row("unknown command", lambda t: ["frobnicate"], 2, "No such command"),
    Row("unknown option", lambda t: ["--bogus"], 2, "No such option"),
    Row("unknown option of a command", lambda t: ["faq", "--bogus"], 2, "No such option"),
    Row("unknown topic", lambda t: ["diagnose", "weather tomorrow"], 1, "no topic matches"),
    Row("ambiguous topic", lambda t: ["diagnose", "account"], 1, "could be several topics"),
    Row("unknown contacts topic", lambda t: ["contacts", "--topic", "zzz"], 1, "no topic"),
    Row("faq number 0", lambda t: ["faq", "0"], 1, "no question number 0"),
    Row("faq number -1", lambda t: ["faq", "--", "-1"], 1, "no question matches"),
    Row("faq number 99", lambda t: ["faq", "99"], 1, "no question number 99"),
    Row("faq number 1e9", lambda t: ["faq", "1e9"], 1, "no question matches"),
    Row("faq huge number", lambda t: ["faq", "9" * 400], 1, "no question number"),
    Row("faq empty query", lambda t: ["faq", ""], 2, "empty"),
    Row("faq whitespace query", lambda t: ["faq", "  \t "], 2, "empty"),
    Row("check empty", lambda t: ["check", ""], 2, "empty"),
    Row("check whitespace stdin", lambda t: ["check", "-"], 2, "empty", stdin="  \n"),
    Row("verify empty", lambda t: ["verify", " "], 2, "empty"),
    Row(
        "--answer without =", lambda t: ["diagnose", "recharge", "-a", "network"], 2, "NODE=OPTION"
    ),
    Row("--answer empty node", lambda t: ["diagnose", "recharge", "-a", "=1"], 2, "NODE=OPTION"),
    Row("--answer unknown node", lambda t: ["diagnose", "recharge", "-a", "nope=1"], 2, "no node"),
    Row(
        "--answer unknown option",
        lambda t: ["diagnose", "recharge", "-a", "network=9"],
        2,
        "not an answer",
    ),
    Row(
        "--answer value for a skipped node",
        lambda t: [
            "diagnose",
            "recharge",
            "-a",
            "network=2",
            "-a",
            "fix-network=yes",
            "-a",
            "limits=1",
        ],
        2,
        "not used",
    ),
    Row(
        "--answer same node twice",
        lambda t: [
            "diagnose",
            "recharge",
            "-a",
            "network=2",
            "-a",
            "network=1",
            "-a",
            "fix-network=yes",
        ],
        2,
        "network=1",
    ),
    Row(
        "--answer missing without a terminal",
        lambda t: ["diagnose", "recharge"],
        2,
        "no answer for 'network'",
    ),
    Row(
        "--answers missing file",
        lambda t: ["diagnose", "recharge", "--answers", str(t / "none.yaml")],
        2,
        "cannot read",
    ),
    Row(
        "--answers is a directory",
        lambda t: ["diagnose", "recharge", "--answers", str(t)],
        2,
        "--answers",
    ),
    Row(
        "--answers invalid YAML",
        lambda t: ["diagnose", "recharge", "--answers", _file(t, "a.yaml", "network: [1\n")],
        2,
        "invalid YAML",
    ),
    Row(
        "--answers a list",
        lambda t: ["diagnose", "recharge", "--answers", _file(t, "a.yaml", "- 1\n- 2\n")],
        2,
        "mapping",
    ),
    Row(
        "--answers huge",
        lambda t: [
            "diagnose",
            "recharge",
            "--answers",
            _file(t, "a.yaml", "a: " + "x" * 2_000_000 + "\n"),
        ],
        2,
        "larger than",
    ),
    Row(
        "--answers binary",
        lambda t: ["diagnose", "recharge", "--answers", _file(t, "a.yaml", b"\x00\xff\xfe")],
        2,
        "--answers",
    ),
    Row(
        "--report existing file",
        lambda t: ["diagnose", "recharge", *ESCALATE_ARGS, "--report", _existing(t)],
        1,
        "already exists",
    ),
    Row(
        "--report a directory",
        lambda t: ["diagnose", "recharge", *ESCALATE_ARGS, "--report", str(t)],
        1,
        "is a directory",
    ),
    Row(
        "--report missing directory",
        lambda t: ["diagnose", "recharge", *ESCALATE_ARGS, "--report", str(t / "no" / "r.md")],
        1,
        "does not exist",
    ),
    Row(
        "--report /dev/full",
        lambda t: ["diagnose", "recharge", *ESCALATE_ARGS, "--report", "/dev/full", "--force"],
        1,
        "not a regular file",
    ),
    Row(
        "--report empty name",
        lambda t: ["diagnose", "recharge", *ESCALATE_ARGS, "--report", ""],
        1,
        "report",
    ),
    Row(
        "content dir missing",
        lambda t: ["--content-dir", str(t / "nope"), "faq"],
        1,
        "content directory not found",
    ),
    Row(
        "content dir is a file",
        lambda t: ["--content-dir", _file(t, "f.yaml", "x"), "faq"],
        1,
        "not a directory",
    ),
    Row(
        "content dir with a symlink loop",
        lambda t: ["--content-dir", _symlink_loop(t), "flows", "validate"],
        1,
        "symlink",
        out=True,
    ),
    Row(
        "content dir symlink leaving it",
        lambda t: ["--content-dir", _escape_dir(t), "flows", "validate"],
        1,
        "outside the content",
        out=True,
    ),
    Row(
        "content dir with invalid content",
        lambda t: [
            "--content-dir",
            str(Path(_file(t, "bad.yaml", "kind: flow\nid: x\n")).parent),
            "faq",
        ],
        1,
        "run 'upayhelp flows validate'",
    ),
    Row(
        "UPAYHELP_CONTENT_DIR missing",
        lambda t: ["faq"],
        1,
        "content directory not found",
        env={"UPAYHELP_CONTENT_DIR": "/nonexistent/upayhelp"},
    ),
    Row("unknown --lang", lambda t: ["--lang", "xx", "faq"], 2, "unknown language 'xx'"),
    Row(
        "unknown --lang after the command",
        lambda t: ["faq", "--lang", "fr"],
        2,
        "unknown language 'fr'",
    ),
    Row(
        "UPAYHELP_LANG=xx falls back",
        lambda t: ["faq"],
        0,
        "Frequently asked questions",
        env={"UPAYHELP_LANG": "xx"},
        out=True,
    ),
    Row("LANG=C", lambda t: ["faq"], 0, "Frequently asked questions", env={"LANG": "C"}, out=True),
    Row(
        "LANG=zh_CN.UTF-8", lambda t: ["faq"], 0, "常见问题", env={"LANG": "zh_CN.UTF-8"}, out=True
    ),
    Row("NO_COLOR", lambda t: ["contacts"], 0, "Official website", env={"NO_COLOR": "1"}, out=True),
    Row("TERM=dumb", lambda t: ["faq", "2"], 0, "top up", env={"TERM": "dumb"}, out=True),
    Row("COLUMNS=20", lambda t: ["faq", "2"], 0, "upayhelp", env={"COLUMNS": "20"}, out=True),
    Row(
        "validate missing path",
        lambda t: ["flows", "validate", str(t / "x.yaml")],
        2,
        "no such file",
    ),
    Row(
        "validate unknown format",
        lambda t: ["flows", "validate", "--format", "xml"],
        2,
        "unknown format",
    ),
    Row(
        "graph unknown format", lambda t: ["flows", "graph", "--format", "png"], 2, "unknown format"
    ),
    Row("schema unknown kind", lambda t: ["flows", "schema", "nodes"], 2, "unknown kind"),
]


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_bad_input(run: Run, tmp_path: Path, row: Row) -> None:
    if row.name in ("--report read-only directory",) and os.geteuid() == 0:
        pytest.skip("root ignores directory permissions")
    before = sorted(p.name for p in tmp_path.iterdir())
    args = row.args(tmp_path)
    created = sorted(p.name for p in tmp_path.iterdir())
    result = run(*args, input=row.stdin, env=row.env)
    assert result.exit_code == row.code, (result.stdout, result.stderr)
    shown = result.stdout if row.out else result.stderr
    assert row.message in shown
    assert "Traceback" not in result.stdout + result.stderr
    if row.code not in (0,) and not row.out:
        assert len(result.stderr.strip().splitlines()) <= 6
    after = sorted(p.name for p in tmp_path.iterdir())
    assert after == created, "no file left behind"
    assert before == sorted(set(before))
    if "existing.md" in created:
        assert (tmp_path / "existing.md").read_text(encoding="utf-8") == "keep me"


def test_matrix_is_big_enough() -> None:
    assert len(ROWS) >= 40


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_report_read_only_directory(run: Run, tmp_path: Path) -> None:
    target = _readonly_dir(tmp_path)
    result = run("diagnose", "recharge", *ESCALATE_ARGS, "--report", target)
    assert result.exit_code == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_content_file(run: Run, tmp_path: Path) -> None:
    result = run("--content-dir", _unreadable(tmp_path), "flows", "validate")
    assert result.exit_code == 1
    assert "cannot read file" in result.stdout
