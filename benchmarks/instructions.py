"""Instructions to the first question: upayhelp against the bare questionary select, noise-free.

Wall-clock ratios on a shared machine move by several hundredths from run to run (see
docs/performance.md). This counts the instructions each program executes, from the start of the
interpreter until prompt_toolkit writes the frame holding the question, with valgrind's
callgrind tool: the same count, to a few tenths of a percent, whatever else the machine is
doing. It is a guide for changes, not the budget: the budgets are on wall-clock time
(`benchmarks/run.py`), and instructions do not weigh disk reads, page faults or cache misses.

    python benchmarks/instructions.py            # warm (content cache filled) and cold
    python benchmarks/instructions.py --only warm --json

Needs valgrind (`apt-get install valgrind`) and pexpect (the test extras). Each count takes
5-10 s: the program runs ~50 times slower under callgrind.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (
    PTY_REFERENCE,
    PTY_TIMEOUT,
    BenchError,
    bench_env,
    fill_walk_cache,
    first_question,
)

# Runs a program (`upayhelp ARGS...` or a script path) and ends the process as soon as
# prompt_toolkit has written a frame that holds MARK: the clock of the pty measure, stopped
# from inside so that nothing after the first frame is counted.
STOPPER = """\
import os, re, sys

MARK = os.environ["UPAYHELP_BENCH_MARK"]
ANSI = re.compile(r"\\x1b(?:\\[[0-?]*[ -/]*[@-~]|\\][^\\x07\\x1b]*(?:\\x07|\\x1b\\\\)|.)", re.S)


class StopAtFrame:
    def find_spec(self, name, path=None, target=None):
        if name != "prompt_toolkit.output.vt100":
            return None
        sys.meta_path.remove(self)
        import importlib.util

        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            flush = module.Vt100_Output.flush

            def stop_after_flush(self):
                text = ANSI.sub("", "".join(self._buffer))
                flush(self)
                if MARK in text:
                    os._exit(0)

            module.Vt100_Output.flush = stop_after_flush

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, StopAtFrame())
target, sys.argv = sys.argv[1], sys.argv[1:]
if target == "upayhelp":
    from upayhelp.__main__ import main

    main()
else:
    import runpy

    runpy.run_path(target, run_name="__main__")
"""


def count(argv: Sequence[str], env: dict[str, str], out: Path) -> int:
    """Instructions executed by `argv` on a pseudo-terminal, under callgrind."""
    import pexpect  # type: ignore[import-untyped]

    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *argv]
    child = pexpect.spawn(
        command[0], command[1:], env=env, encoding="utf-8", dimensions=(40, 200), echo=False
    )
    try:
        child.expect(pexpect.EOF, timeout=PTY_TIMEOUT * 10)
    except pexpect.TIMEOUT:
        raise BenchError(f"{' '.join(argv)}: no first question under callgrind") from None
    finally:
        child.close(force=True)
    if child.exitstatus != 0 or not out.exists():
        raise BenchError(f"{' '.join(argv)} exited {child.exitstatus} under callgrind")
    found = re.search(r"^(?:summary|totals): (\d+)", out.read_text(encoding="utf-8"), re.M)
    if found is None:
        raise BenchError(f"no instruction count in {out}")
    return int(found.group(1))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=("warm", "cold"), help="one of the two measures")
    parser.add_argument("--json", action="store_true", help="JSON instead of a table")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("instructions.py: needs valgrind (apt-get install valgrind)", file=sys.stderr)
        return 2
    text, labels = first_question()
    choices = [*labels, "Yes", "No"][:2]
    results = []
    with tempfile.TemporaryDirectory(prefix="upayhelp-instr-") as tmp:
        work = Path(tmp)
        stopper, reference = work / "stopper.py", work / "one_select.py"
        stopper.write_text(STOPPER, encoding="utf-8")
        reference.write_text(PTY_REFERENCE, encoding="utf-8")
        env = {**bench_env(work / "cache"), "UPAYHELP_BENCH_MARK": text}
        upayhelp = [sys.executable, str(stopper), "upayhelp", "diagnose", "recharge"]
        fill_walk_cache([sys.executable, "-m", "upayhelp"], env)
        reference_argv = [sys.executable, str(stopper), str(reference), text, *choices]
        ref = count(reference_argv, env, work / "reference.callgrind")
        for name in ("warm", "cold"):
            if args.only not in (None, name):
                continue
            run_env = env if name == "warm" else {**env, "XDG_CACHE_HOME": str(work / "empty")}
            ours = count(upayhelp, run_env, work / f"{name}.callgrind")
            results.append({"measure": name, "upayhelp": ours, "reference": ref})
    if args.json:
        print(json.dumps({"python": sys.version.split()[0], "results": results}, indent=2))
        return 0
    print("first question of `diagnose recharge` against one questionary.select (instructions)")
    for row in results:
        ratio = row["upayhelp"] / row["reference"]
        print(
            f"{row['measure']:>5}: {row['upayhelp'] / 1e6:8.1f} M  "
            f"reference {row['reference'] / 1e6:8.1f} M  {ratio:.3f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
