"""The CLI shell: --version, --help, flows list, flows validate, error handling."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from upayhelp import __version__

from .conftest import DATA, ROOT, Run, child_env


def test_version(run: Run) -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"upayhelp {__version__}\n")


def test_help_lists_the_commands(run: Run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("diagnose", "contacts", "faq", "check", "verify", "flows"):
        assert command in result.stdout


def test_python_dash_m_works() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "upayhelp", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, f"upayhelp {__version__}")


def test_unknown_command_is_a_usage_error(run: Run) -> None:
    result = run("frobnicate")
    assert result.exit_code == 2
    assert "frobnicate" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_flows_list_shows_every_builtin_flow(run: Run) -> None:
    result = run("flows", "list")
    assert result.exit_code == 0
    for flow in ("password", "recharge", "dispute", "refund", "security", "no-reply"):
        assert flow in result.stdout


def test_flows_list_json(run: Run) -> None:
    result = run("flows", "list", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    flows = {e["id"]: e for e in data["entries"] if e["kind"] == "flow"}
    assert flows["recharge"]["source"].endswith("recharge.yaml")
    assert flows["recharge"]["layer"] == "built-in"
    assert set(flows["recharge"]) == {
        "kind",
        "id",
        "title",
        "source",
        "layer",
        "overrides",
        "overridden_by",
    }


def test_builtin_content_validates_strictly(run: Run) -> None:
    result = run("flows", "validate", "--strict")
    assert (result.exit_code, result.stdout) == (0, "")
    assert "0 errors, 0 warnings" in result.stderr


def test_validate_json(run: Run) -> None:
    path = DATA / "invalid" / "dangling-next.yaml"
    for args in (["--json"], ["--format", "json"]):
        result = run("flows", "validate", *args, str(path))
        assert result.exit_code == 1
        data = json.loads(result.stdout)
        assert data["schema_version"] == 1
        assert data["valid"] is False
        assert data["errors"] == 1
        assert data["problems"] == [
            {
                "path": str(path),
                "line": 11,
                "column": 15,
                "severity": "error",
                "code": "ref-unknown",
                "message": "'next' points to unknown node 'limitz' (did you mean 'limits'?)",
            }
        ]


def test_validate_missing_path_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("flows", "validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert result.stderr.startswith("upayhelp: error: no such file or directory:")


def test_validate_a_directory(run: Run) -> None:
    result = run("flows", "validate", str(DATA / "invalid"))
    assert result.exit_code == 1
    files = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert len(files) == len(list((DATA / "invalid").glob("*.yaml")))


def test_warnings_fail_only_with_strict(run: Run) -> None:
    path = str(DATA / "invalid" / "missing-language.yaml")
    assert run("flows", "validate", path).exit_code == 0
    assert run("flows", "validate", "--strict", path).exit_code == 1


def test_unknown_format_is_a_usage_error(run: Run) -> None:
    result = run("flows", "validate", "--format", "xml")
    assert result.exit_code == 2


def test_unknown_lang_is_a_usage_error(run: Run) -> None:
    result = run("--lang", "fr", "flows", "list")
    assert result.exit_code == 2
    assert "unknown language 'fr'" in result.stderr


def test_internal_error_is_one_line_and_exit_70(run: Run, monkeypatch: object) -> None:
    import upayhelp.commands.flows as flows_module

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(flows_module, "_expand", boom)  # type: ignore[attr-defined]
    result = run("flows", "validate", "x.yaml")
    assert result.exit_code == 70
    assert result.stderr.splitlines()[0] == "upayhelp: error: internal error: RuntimeError: kaboom"
    assert "--debug" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_shows_the_traceback() -> None:
    code = (
        "import sys, upayhelp.commands.flows as f\n"
        "def boom(*a, **k): raise RuntimeError('kaboom')\n"
        "f._expand = boom\n"
        "from upayhelp.app import main\n"
        "sys.argv = ['upayhelp', '--debug', 'flows', 'validate', 'x.yaml']\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.returncode != 0
    assert "Traceback" in done.stderr
    assert "kaboom" in done.stderr


def test_every_subpackage_ships_in_the_wheel() -> None:
    tomllib = pytest.importorskip("tomllib")

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    source = ROOT / "src"
    found = {
        ".".join(init.parent.relative_to(source).parts) for init in source.rglob("__init__.py")
    }
    assert found | {"upayhelp.flows"} == listed


def test_main_loads_only_the_command_it_runs() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['upayhelp', 'faq', '2']\n"
        "from upayhelp.app import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('upayhelp.commands'))\n"
        "print(loaded, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert (
        "['upayhelp.commands', 'upayhelp.commands.common', 'upayhelp.commands.faq']" in done.stderr
    )
    assert "How do I" in done.stdout or "UPay" in done.stdout


# `python -m upayhelp` ends a one-shot command without the interpreter's teardown: the output
# must still be complete and the exit code the documented one, and anything registered to run
# at exit must still run.
@pytest.mark.parametrize(
    ("argv", "code", "expected"),
    [
        (["faq", "2"], 0, "2. "),
        (["faq", "99"], 1, ""),
        (["check", "Hi, this is UPay support, read me the SMS code we sent you."], 3, "⚠"),
        (["--version"], 0, "upayhelp "),
        (["contacts", "--json"], 0, '"schema_version": 1'),
    ],
)
def test_a_quick_exit_keeps_the_output_and_the_exit_code(
    argv: list[str], code: int, expected: str, tmp_path: Path
) -> None:
    env = child_env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "upayhelp", *argv], capture_output=True, text=True, env=env
    )
    assert done.returncode == code, done.stderr
    assert expected in done.stdout
    if argv == ["contacts", "--json"]:
        assert json.loads(done.stdout)["channels"]  # complete, not cut at a buffer's end


def test_an_exit_handler_still_runs() -> None:
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('handler ran'))\n"
        "sys.argv = ['upayhelp', 'faq', '2']\n"
        "from upayhelp.__main__ import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.rstrip().endswith("handler ran")


def test_a_long_answer_through_a_pipe_arrives_whole(tmp_path: Path) -> None:
    env = child_env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "upayhelp", "faq", "--all", "--json"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0
    assert len(json.loads(done.stdout)["answers"]) == 7


def test_a_closed_standard_output_is_one_line_and_exit_70(tmp_path: Path) -> None:
    env = child_env(tmp_path)
    done = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m upayhelp contacts >&-"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 70
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("upayhelp: error: internal error")
