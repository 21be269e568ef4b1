"""Shared fixtures: run the CLI in-process, find test data."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from upayhelp.app import app

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


Run = Callable[..., Result]


def child_env(cache: Path, **extra: str) -> dict[str, str]:
    """The environment for a upayhelp child process: the caller's without locale or upayhelp
    settings, English UTF-8, and a content cache of its own; `extra` on top."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "UPAYHELP_"))}
    env.update(LANG="C.UTF-8", XDG_CACHE_HOME=str(cache), **extra)
    return env


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Invoke `upayhelp ARGS...` in-process with a clean, English, colourless environment."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    for name in ("UPAYHELP_LANG", "UPAYHELP_CONTENT_DIR", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "100")

    def invoke(
        *args: str, input: str | None = None, env: Mapping[str, str] | None = None
    ) -> Result:
        runner = CliRunner()
        result = runner.invoke(app, list(args), input=input, env=dict(env or {}))
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result.exit_code, result.stdout, result.stderr)

    return invoke
