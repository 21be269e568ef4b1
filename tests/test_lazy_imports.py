"""The lazy import of questionary stays lazy, and the benchmark scripts keep working.

questionary and prompt_toolkit cost most of a non-interactive command's startup, so only the
interactive path may import them. Each check runs in a fresh interpreter: this test process
has long since imported everything.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, Run, child_env

HEAVY = ("questionary", "prompt_toolkit")

# Runs in a fresh interpreter: imports upayhelp.app, optionally runs one command through
# upayhelp.app.main with sys.argv patched, and reports the exit code and the heavy modules seen.
PROBE = """\
import contextlib, io, json, sys

heavy = ("questionary", "prompt_toolkit")
argv = json.loads(sys.argv[1])
import upayhelp.app

code = None
if argv:
    sys.argv = ["upayhelp", *argv]
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            upayhelp.app.main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
loaded = sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in heavy})
print(json.dumps({"code": code, "loaded": loaded}))
"""


def probe(cache: Path, *argv: str) -> dict[str, object]:
    env = child_env(cache, COLUMNS="100")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(list(argv))],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_importing_the_cli_does_not_import_questionary(tmp_path: Path) -> None:
    assert probe(tmp_path)["loaded"] == []


@pytest.mark.parametrize(
    "argv",
    [("faq", "2"), ("contacts",), ("flows", "validate"), ("flows", "test"), ("--version",)],
    ids=" ".join,
)
def test_non_interactive_commands_do_not_import_questionary(
    tmp_path: Path, argv: tuple[str, ...]
) -> None:
    # Twice: the first run fills the content cache, the second reads from it.
    for _ in range(2):
        assert probe(tmp_path, *argv) == {"code": 0, "loaded": []}


def test_generated_flows_are_valid(tmp_path: Path, run: Run) -> None:
    # The scale benchmark times `flows validate` on these files; a problem report would make it
    # time the error path instead.
    script = str(ROOT / "benchmarks" / "genflows.py")
    one, split = tmp_path / "one", tmp_path / "split"
    subprocess.run([sys.executable, script, "40", str(one)], check=True, capture_output=True)
    subprocess.run(
        [sys.executable, script, "40", str(split), "--per-file", "15"],
        check=True,
        capture_output=True,
    )
    # Separately: both sets use the same flow ids, which validate rightly reports as duplicates.
    for directory, files in ((one, 1), (split, 3)):
        result = run("flows", "validate", str(directory))
        assert (result.exit_code, result.stderr.strip().splitlines()[-1]) == (
            0,
            f"{files} file{'s' if files > 1 else ''} checked: 0 errors, 0 warnings",
        )
    text = "\n".join(p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.yaml"))
    assert text.count("    type: ") == 80


def test_benchmark_quick_run_prints_a_table() -> None:
    script = str(ROOT / "benchmarks" / "run.py")
    done = subprocess.run(
        [sys.executable, script, "--quick", "--rounds", "1", "--only", "version,faq-2"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.startswith("measure"))
    for column in ("median ms", "ref median ms", "median pairwise ratio", "budget", "verdict"):
        assert column in header
    rows = [line for line in lines[lines.index(header) + 2 :] if line.startswith("upayhelp ")]
    assert [row.split("  ")[0] for row in rows] == ["upayhelp --version", "upayhelp faq 2"]
    assert all(row.rstrip().endswith(("PASS", "FAIL")) for row in rows)


# Runs `diagnose` scripted up to a question in a fresh interpreter and lists which of upayhelp's
# input-only and check-only modules were imported by then.
WALK_PROBE = """\
import contextlib, io, json, sys

wanted = json.loads(sys.argv[2])
sys.argv = ["upayhelp", *json.loads(sys.argv[1])]
from upayhelp.app import main

with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
print(json.dumps(sorted(m for m in wanted if m in sys.modules)))
"""

INPUT_ONLY = ["upayhelp.formats", "upayhelp.secrets", "upayhelp.dates"]
CHECK_ONLY = ["upayhelp.scam", "upayhelp.links", "upayhelp.verify"]


def test_a_walk_loads_input_and_check_code_only_when_it_needs_it(tmp_path: Path) -> None:
    env = child_env(tmp_path)
    modules = json.dumps([*INPUT_ONLY, *CHECK_ONLY])

    def loaded(*argv: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", WALK_PROBE, json.dumps(argv), modules],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        result: list[str] = json.loads(done.stdout.splitlines()[-1])
        return result

    # the first run fills the content cache (checking the flows' examples needs the formats)
    assert not set(loaded("diagnose", "recharge", "--json", "-a", "network=1")) & set(CHECK_ONLY)
    # pending at a question, content from the cache: no typed value seen, no message checked
    assert loaded("diagnose", "recharge", "--json", "-a", "network=1") == []
    # a typed value loads the formats and the secrets detector, still not the scam engine
    typed = loaded(
        "diagnose",
        "recharge",
        "--json",
        *("-a", "network=1", "-a", "method=1"),
        *("-a", "limits=1", "-a", "when=yesterday"),
    )
    assert set(typed) >= {"upayhelp.formats", "upayhelp.secrets"}
    assert not set(typed) & set(CHECK_ONLY)


# In a fresh interpreter: make the asker an interactive walk makes, then see what is loaded and
# what still works.
TLS_PROBE = """\
import json, sys
mode = sys.argv[1]
if mode == "ssl-first":
    import ssl
    first = ssl
from upayhelp.prompts import make_asker

make_asker("en", own_process=mode != "library")
after_prompt = {
    "questionary": "questionary" in sys.modules,
    "ssl": "ssl" in sys.modules,
    "refused": sys.modules.get("ssl", 0) is None,
}
import asyncio
import asyncio.sslproto
import ssl

context = ssl.create_default_context()
loop = asyncio.new_event_loop()
answer = loop.run_until_complete(asyncio.sleep(0, result=42))
loop.close()
print(json.dumps({
    **after_prompt,
    "tls": context.protocol > 0,
    "loop": answer,
    "asyncio_tls": asyncio.sslproto.ssl is not None,
    "same": mode != "ssl-first" or ssl is first,
}))
"""


@pytest.mark.parametrize("mode", ["own", "ssl-first", "library"])
def test_the_prompt_loads_without_openssl_in_upayhelps_own_process(mode: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", TLS_PROBE, mode], capture_output=True, text=True, check=True
    )
    seen = json.loads(done.stdout.splitlines()[-1])
    # OpenSSL is not loaded for a prompt in upayhelp's own process, unless something had loaded
    # it already; `ssl` works afterwards, and asyncio keeps TLS unless it was refused for it.
    refused = mode == "own"
    assert seen == {
        "questionary": True,
        "ssl": not refused,
        "refused": False,
        "tls": True,
        "loop": 42,
        "asyncio_tls": not refused,
        "same": True,
    }


def test_the_console_script_refuses_openssl_for_its_prompt(tmp_path: Path) -> None:
    import pexpect

    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('OPENSSL', 'ssl' in sys.modules, flush=True))\n"
        "sys.argv = ['upayhelp', 'diagnose', 'recharge']\n"
        "from upayhelp.app import main\n"
        "main()\n"
    )
    env = child_env(tmp_path, TERM="xterm")
    child = pexpect.spawn(
        sys.executable, ["-c", code], env=env, encoding="utf-8", timeout=30, dimensions=(40, 100)
    )
    child.expect("network")
    child.sendcontrol("c")
    child.expect(r"OPENSSL (True|False)")
    assert child.match.group(1) == "False"
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


@pytest.mark.skipif(shutil.which("valgrind") is None, reason="needs valgrind (callgrind)")
def test_instruction_count_script_counts_both_programs() -> None:
    script = str(ROOT / "benchmarks" / "instructions.py")
    done = subprocess.run(
        [sys.executable, script, "--only", "warm", "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    [row] = json.loads(done.stdout)["results"]
    assert row["measure"] == "warm"
    # both reached their first frame: each runs an interpreter and imports prompt_toolkit
    # (hundreds of millions of instructions), and upayhelp does more than the bare prompt
    assert 100e6 < row["reference"] < row["upayhelp"] < 3 * row["reference"]
