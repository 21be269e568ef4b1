"""docs/authoring.md is executable: every file it asks the reader to write is written, every
```sh command is run in order in a temporary directory, and each must exit with the code the doc
says and print every ```text block shown right after it. docs/editor.md's schema command must
print valid JSON.

Markers (HTML comments, invisible in the rendered page), each on its own line before a block:
  <!-- file: PATH -->      the next fenced block is a file the reader writes, at PATH
  <!-- expect-exit: N -->  every command of the next ```sh block exits with N (default 0)
  <!-- skip -->            the next fenced block is documentation only: not written, not run
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AUTHORING = ROOT / "docs" / "authoring.md"
EDITOR = ROOT / "docs" / "editor.md"

FENCE = re.compile(r"^(`{3,}|~{3,})\s*([\w+-]*)")
MARKER = re.compile(r"^<!--\s*(file|expect-exit|skip)\s*:?\s*(.*?)\s*-->\s*$")
# `upayhelp` as a command word (not inside a path, a hook id or a longer name).
COMMAND_WORD = re.compile(r"(?<![\w./-])upayhelp(?![\w./-])")
# Commands that need the shell: pipes, redirections, `&&`, `;`, globs, variables.
NEEDS_SHELL = re.compile(r"[|<>;&*?$`]")
ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


@dataclass
class Block:
    lang: str
    body: str
    line: int
    file: str | None = None
    expect_exit: int = 0
    skip: bool = False


@dataclass
class Step:
    """One thing the reader does: write a file, or run a command (and maybe see its output)."""

    line: int
    file: str | None = None
    content: str = ""
    command: str | None = None
    expect_exit: int = 0
    outputs: list[str] = field(default_factory=list)
    skip: bool = False

    @property
    def id(self) -> str:
        what = f"write {self.file}" if self.file else str(self.command)
        return f"L{self.line}: {what[:60]}"


def blocks(text: str) -> Iterator[Block]:
    """The fenced blocks of a Markdown text, with the markers that precede each."""
    lines = text.splitlines()
    pending: dict[str, str] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        marker = MARKER.match(line.strip())
        fence = FENCE.match(line)
        if marker:
            pending[marker.group(1)] = marker.group(2)
        elif fence:
            ticks, lang = fence.groups()
            body: list[str] = []
            start = i + 1
            i += 1
            while i < len(lines) and not lines[i].startswith(ticks):
                body.append(lines[i])
                i += 1
            yield Block(
                lang=lang,
                body="\n".join(body) + "\n",
                line=start,
                file=pending.get("file"),
                expect_exit=int(pending.get("expect-exit") or 0),
                skip="skip" in pending,
            )
            pending = {}
        elif line.strip():
            # A marker applies to the block right after it (blank lines allowed in between).
            pending = {}
        i += 1


def steps(text: str) -> list[Step]:
    found: list[Step] = []
    last_command: Step | None = None
    for block in blocks(text):
        if block.file is not None:
            found.append(Step(block.line, file=block.file, content=block.body, skip=block.skip))
            last_command = None
        elif block.lang == "sh":
            last_command = None
            for offset, raw in enumerate(block.body.splitlines()):
                command = raw.strip()
                if not command or command.startswith("#"):
                    continue
                step = Step(
                    block.line + offset,
                    command=command,
                    expect_exit=block.expect_exit,
                    skip=block.skip,
                )
                found.append(step)
                last_command = step
        elif block.lang == "text" and last_command is not None:
            # Several excerpts of one output may follow a command, with prose in between.
            last_command.outputs.append(block.body)
        else:
            last_command = None
    return found


def _clean_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("UPAYHELP_")}
    for name in ("LC_ALL", "LC_MESSAGES", "NO_COLOR", "FORCE_COLOR"):
        env.pop(name, None)
    env.update(
        LANG="C.UTF-8",
        COLUMNS="80",
        XDG_CONFIG_HOME=str(tmp / ".config"),
        HOME=str(tmp),
        PYTHONIOENCODING="utf-8",
    )
    return env


def _needs_dot(command: str) -> bool:
    return re.search(r"(^|[|;&]\s*)dot(\s|$)", command) is not None


def _run(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    python = shlex.quote(sys.executable)
    if NEEDS_SHELL.search(command):
        line = COMMAND_WORD.sub(f"{python} -m upayhelp", command)
        return subprocess.run(
            line, shell=True, cwd=cwd, env=env, capture_output=True, text=True, timeout=60
        )
    words = shlex.split(command)
    env = dict(env)
    while words and ASSIGNMENT.match(words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    argv: list[str] = []
    for word in words:
        argv.extend([sys.executable, "-m", "upayhelp"] if word == "upayhelp" else [word])
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def _is_pure(step: Step) -> bool:
    """A read-only upayhelp command: may run at the same time as its neighbours."""
    if step.command is None or NEEDS_SHELL.search(step.command):
        return False
    words = [w for w in shlex.split(step.command) if not ASSIGNMENT.match(w)]
    return bool(words) and words[0] == "upayhelp"


@dataclass
class Outcome:
    skipped: str | None = None
    result: subprocess.CompletedProcess[str] | None = None


STEPS = steps(AUTHORING.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Outcome]:
    """Do everything the tutorial says, in order; runs of read-only commands run in parallel."""
    tmp = tmp_path_factory.mktemp("authoring")
    env = _clean_env(tmp)
    outcomes: dict[int, Outcome] = {}
    batch: list[int] = []

    def flush() -> None:
        with ThreadPoolExecutor(max_workers=8) as pool:
            commands = [STEPS[i].command for i in batch]
            results = pool.map(lambda c: _run(str(c), tmp, env), commands)
            for index, result in zip(batch, results, strict=True):
                outcomes[index] = Outcome(result=result)
        batch.clear()

    for index, step in enumerate(STEPS):
        if step.skip:
            outcomes[index] = Outcome(skipped="marked <!-- skip --> in the doc")
            continue
        if step.command is not None and _needs_dot(step.command) and not shutil.which("dot"):
            outcomes[index] = Outcome(skipped="Graphviz `dot` is not installed")
            continue
        if _is_pure(step):
            batch.append(index)
            continue
        flush()
        if step.file is not None:
            target = tmp / step.file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(step.content, encoding="utf-8")
            outcomes[index] = Outcome()
        else:
            outcomes[index] = Outcome(result=_run(str(step.command), tmp, env))
    flush()
    return outcomes


def _strip(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines())


def test_the_tutorial_has_the_expected_shape() -> None:
    commands = [s.command for s in STEPS if s.command]
    files = [s.file for s in STEPS if s.file]
    assert len(commands) >= 10
    assert any(f.endswith(".yaml") and f.startswith("my-content/") for f in files)
    for needed in (
        "flows validate --strict",
        "flows show",
        "--format mermaid",
        "--format dot",
        "flows paths",
        "flows test",
        "diagnose",
        "flows list",
        "UPAYHELP_CONTENT_DIR=",
    ):
        assert any(needed in c for c in commands), needed
    assert any(s.expect_exit == 1 for s in STEPS), "no deliberate mistake shown"
    assert any(s.skip for s in STEPS), "the pre-commit step should be marked <!-- skip -->"
    assert all(s.outputs or s.file or s.skip or s.command for s in STEPS)


@pytest.mark.parametrize("index", range(len(STEPS)), ids=[s.id for s in STEPS])
def test_tutorial_step(walkthrough: dict[int, Outcome], index: int) -> None:
    step = STEPS[index]
    outcome = walkthrough[index]
    if outcome.skipped:
        pytest.skip(outcome.skipped)
    result = outcome.result
    if result is None:  # a file the reader writes
        return
    shown = f"$ {step.command}\n--- stdout\n{result.stdout}--- stderr\n{result.stderr}"
    assert result.returncode == step.expect_exit, shown
    separator = "\n" if result.stdout and not result.stdout.endswith("\n") else ""
    real = _strip(result.stdout + separator + result.stderr)
    for expected in step.outputs:
        assert _strip(expected).strip("\n") in real, shown


def test_editor_schema_command_prints_valid_json(tmp_path: Path) -> None:
    text = EDITOR.read_text(encoding="utf-8")
    commands = [
        line.strip()
        for block in blocks(text)
        if block.lang == "sh"
        for line in block.body.splitlines()
        if "flows schema" in line
    ]
    assert commands, "docs/editor.md shows no `upayhelp flows schema` command"
    env = _clean_env(tmp_path)
    for command in commands:
        (tmp_path / ".schemas").mkdir(exist_ok=True)
        result = _run(command, tmp_path, env)
        assert result.returncode == 0, result.stderr
        target = re.search(r">\s*(\S+)", command)
        printed = (tmp_path / target.group(1)).read_text("utf-8") if target else result.stdout
        schema = json.loads(printed)
        assert schema["$schema"].startswith("https://json-schema.org/")
        assert "properties" in schema or "allOf" in schema
