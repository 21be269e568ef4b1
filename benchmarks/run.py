"""Startup, scale and memory benchmarks for upayhelp, with the budgets of the performance issue.

Usage: python benchmarks/run.py [--rounds N] [--quick] [--only KEYS] [--skip KEYS]
                                [--pause SECONDS] [--repeat N] [--json] [--check]

Every command runs with the interpreter that runs this script (through the `upayhelp` console
script next to it when there is one, as users run it), with LANG=C.UTF-8 and stdout to /dev/null.
Each measure alternates the command with its reference, round after round, after one warm-up
run of each, with a short pause before every run; the table shows both medians, their ratio,
the median of the per-round ratios and the verdict against the budget. --repeat runs the whole
set several times, each as a fresh run, and judges every budget in every one. See
benchmarks/README.md.

Standard library only, plus pexpect (installed by the test extras) for the pseudo-terminal
measure. The exit status is 0 even when a budget fails, unless --check is given.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RECHARGE = ROOT / "flows" / "recharge.yaml"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import genflows  # noqa: E402

DEFAULT_ROUNDS = 15
QUICK_ROUNDS = 5
# Back-to-back runs land in a slower CPU mode on the development machines, which would make
# every number depend on how fast the one before it ended; a short rest before each run
# avoids that.
DEFAULT_PAUSE = 0.2
SCALE_10K_BUDGET_MS = 1500  # one YAML path (libyaml) since issue 15; was 1000 with plainyaml
BIG_ROUNDS = 3  # rounds of the 100,000-node validation, which takes tens of seconds each
MEMORY_RUNS = 5
PTY_TIMEOUT = 30.0
PTY_WARM_BUDGET = 1.20
PTY_COLD_BUDGET = 1.5
TYPER_REF = "import typer"
# A CSI or OSC escape sequence, or a lone ESC with one character: removed before matching text.
ANSI_RE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|.)", re.S)

PTY_REFERENCE = """\
import sys

import questionary

questionary.select(sys.argv[1], choices=[sys.argv[2], sys.argv[3]]).ask()
"""


class BenchError(Exception):
    """A command failed or never showed what was waited for; the measure cannot be judged."""


@dataclass
class Result:
    key: str
    measure: str
    unit: str
    median: float | None = None
    reference: str | None = None
    reference_median: float | None = None
    ratio_of_medians: float | None = None
    median_pairwise_ratio: float | None = None
    budget: str = "-"
    verdict: str = "-"
    rounds: int = 0
    samples: list[float] = field(default_factory=list)
    reference_samples: list[float] = field(default_factory=list)
    note: str = ""
    run: int = 1


@dataclass
class Context:
    upayhelp: list[str]
    how: str
    env: dict[str, str]
    rounds: int
    scale_sizes: list[int]
    workdir: Path
    log: Callable[[str], None]
    pause: float = DEFAULT_PAUSE

    def rest(self) -> None:
        """The pause before a run, so that no run starts right on the heels of another."""
        if self.pause > 0:
            time.sleep(self.pause)


# ---------------------------------------------------------------------------------------------
# Running and timing


def upayhelp_command() -> tuple[list[str], str]:
    """The console script in this interpreter's bin directory if present, else `python -m`."""
    script = Path(sys.executable).parent / "upayhelp"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)], f"console script {script}"
    return [sys.executable, "-m", "upayhelp"], f"{sys.executable} -m upayhelp"


def bench_env(cache_home: Path) -> dict[str, str]:
    """The caller's environment with an English UTF-8 locale and a cache of this run's own.

    upayhelp keeps parsed content in a per-user cache; a private XDG_CACHE_HOME leaves the
    user's cache alone and makes the state reproducible: empty at first, filled by the warm-up.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "UPAYHELP_"))}
    env["LANG"] = "C.UTF-8"
    env["XDG_CACHE_HOME"] = str(cache_home)
    env["PYTHONUNBUFFERED"] = "1"
    env.setdefault("TERM", "xterm-256color")
    return env


def run_once(argv: Sequence[str], env: dict[str, str], expected: int = 0) -> float:
    """Wall-clock milliseconds of one run, stdout to /dev/null; another exit status than
    `expected` is an error."""
    start = time.perf_counter()
    proc = subprocess.run(
        list(argv),
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    elapsed = (time.perf_counter() - start) * 1000
    if proc.returncode != expected:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise BenchError(f"{' '.join(argv)} exited {proc.returncode}: {' '.join(tail)}")
    return elapsed


def pty_once(argv: Sequence[str], env: dict[str, str], text: str) -> float:
    """Milliseconds from spawning `argv` on a pseudo-terminal until `text` is on it; then kill."""
    import pexpect  # type: ignore[import-untyped]

    start = time.perf_counter()
    child = pexpect.spawn(
        argv[0], list(argv[1:]), env=env, encoding="utf-8", dimensions=(40, 200), echo=False
    )
    seen = ""
    try:
        while True:
            try:
                seen += child.read_nonblocking(65536, timeout=PTY_TIMEOUT)
            except pexpect.TIMEOUT:
                raise BenchError(f"{' '.join(argv)}: no {text!r} after {PTY_TIMEOUT} s") from None
            except pexpect.EOF:
                raise BenchError(f"{' '.join(argv)} ended before showing {text!r}") from None
            if text in ANSI_RE.sub("", seen):
                return (time.perf_counter() - start) * 1000
    finally:
        child.terminate(force=True)
        child.close(force=True)


def median_ratio(samples: Sequence[float], refs: Sequence[float]) -> float:
    return statistics.median(s / r for s, r in zip(samples, refs, strict=True))


def alternate(
    ctx: Context,
    result: Result,
    run: Callable[[], float],
    ref: Callable[[], float],
    warmup: bool = True,
) -> None:
    """Run command and reference alternately; even rounds start with one, odd with the other.

    Every run, the warm-up included, starts after the context's pause."""

    def paced(once: Callable[[], float]) -> float:
        ctx.rest()
        return once()

    if warmup:
        paced(run)
        paced(ref)
    for i in range(ctx.rounds):
        if i % 2 == 0:
            a, b = paced(run), paced(ref)
        else:
            b, a = paced(ref), paced(run)
        result.samples.append(a)
        result.reference_samples.append(b)
    result.rounds = ctx.rounds
    result.median = statistics.median(result.samples)
    result.reference_median = statistics.median(result.reference_samples)
    result.ratio_of_medians = result.median / result.reference_median
    result.median_pairwise_ratio = median_ratio(result.samples, result.reference_samples)


def judge_ratio(result: Result, limit: float) -> None:
    """The budget is on the median of the pairwise ratios: the issue's budgets are "ratios
    measured pair by pair in one run". The ratio of medians is shown beside it."""
    result.budget = f"<= {limit:g}x"
    assert result.median_pairwise_ratio is not None
    result.verdict = "PASS" if result.median_pairwise_ratio <= limit else "FAIL"


# ---------------------------------------------------------------------------------------------
# The measures


def startup(key: str, args: list[str], limit: float) -> Callable[[Context], list[Result]]:
    def measure(ctx: Context) -> list[Result]:
        result = Result(
            key, "upayhelp " + " ".join(args), "ms", reference=f'python -c "{TYPER_REF}"'
        )
        alternate(
            ctx,
            result,
            lambda: run_once([*ctx.upayhelp, *args], ctx.env),
            lambda: run_once([sys.executable, "-c", TYPER_REF], ctx.env),
        )
        judge_ratio(result, limit)
        return [result]

    return measure


def first_question() -> tuple[str, list[str]]:
    """The English text of recharge's start question and its option labels, read with yaml."""
    import yaml

    data = yaml.safe_load(RECHARGE.read_text(encoding="utf-8"))
    node = data["nodes"][data["start"]]
    labels = [option["label"]["en"] for option in node["options"]]
    return node["ask"]["en"], labels


def fill_walk_cache(upayhelp: Sequence[str], env: dict[str, str]) -> None:
    """Fill the content cache as a returning user's is: every file a diagnosis reads.

    The timed runs are killed once the question is on the screen, which can be before an
    interactive first run has finished writing its entries; a scripted diagnosis writes them
    before it exits (with 2: an answer is pending)."""
    run_once([*upayhelp, "diagnose", "recharge", "--json"], env, expected=2)


def pty_measure(cold: bool) -> Callable[[Context], list[Result]]:
    """The first question of `diagnose recharge` on a pty against one bare questionary select.

    Warm: the content cache filled (`fill_walk_cache`), as for a returning user. Cold: an empty
    content cache for every run of upayhelp (a new XDG_CACHE_HOME each time, made and removed
    outside the timing), as on first use or after an upgrade; the reference has no cache.
    """

    def measure(ctx: Context) -> list[Result]:
        text, labels = first_question()
        script = ctx.workdir / "one_select.py"
        script.write_text(PTY_REFERENCE, encoding="utf-8")
        # The reference asks the same question with two of the same answers, so both draw alike.
        choices = [*labels, "Yes", "No"][:2]
        argv = [*ctx.upayhelp, "diagnose", "recharge"]
        result = Result(
            "pty-cold" if cold else "pty",
            "upayhelp diagnose recharge: 1st question on a pty" + (", empty cache" if cold else ""),
            "ms",
            reference="python one_select.py (questionary.select, 2 choices)",
        )

        def run() -> float:
            if not cold:
                return pty_once(argv, ctx.env, text)
            with tempfile.TemporaryDirectory(prefix="cache-", dir=ctx.workdir) as cache:
                return pty_once(argv, {**ctx.env, "XDG_CACHE_HOME": cache}, text)

        if not cold:
            fill_walk_cache(ctx.upayhelp, ctx.env)
        alternate(
            ctx,
            result,
            run,
            lambda: pty_once([sys.executable, str(script), text, *choices], ctx.env, text),
        )
        judge_ratio(result, PTY_COLD_BUDGET if cold else PTY_WARM_BUDGET)
        return [result]

    return measure


def cold_once(argv: Sequence[str], ctx: Context) -> float:
    """One run as after an author's edit: the generated files get a new modification time, so
    their cache entries miss and they are parsed; the built-in content stays cached, as it would
    on the author's machine."""
    directory = Path(argv[-1])
    stamp = time.time_ns()
    for index, path in enumerate(sorted(directory.glob("*.yaml"))):
        os.utime(path, ns=(stamp + index, stamp + index))
    ctx.rest()
    return run_once(argv, ctx.env)


def scale_measure(ctx: Context) -> list[Result]:
    results: list[Result] = []
    medians: dict[int, float] = {}
    for size in ctx.scale_sizes:
        outdir = ctx.workdir / f"flows-{size}"
        ctx.log(f"scale: generating {size:,} nodes in {outdir}")
        genflows.generate(size, outdir)
        big = size >= 100_000
        rounds = min(ctx.rounds, BIG_ROUNDS) if big else ctx.rounds
        argv = [*ctx.upayhelp, "flows", "validate", str(outdir)]
        result = Result(f"scale-{size // 1000}k", f"flows validate {size:,} nodes", "ms")
        if not big:
            cold_once(argv, ctx)  # warm-up; the 100k files were just written: in the page cache
        ctx.log(f"scale: {size:,} nodes, {rounds} rounds")
        for _ in range(rounds):
            result.samples.append(cold_once(argv, ctx))
        result.rounds = rounds
        result.median = statistics.median(result.samples)
        medians[size] = result.median
        if size == 10_000:
            result.budget = f"<= {SCALE_10K_BUDGET_MS} ms"
            result.verdict = "PASS" if result.median <= SCALE_10K_BUDGET_MS else "FAIL"
        if size == 100_000 and 10_000 in medians:
            result.reference = "flows validate 10,000 nodes"
            result.reference_median = medians[10_000]
            result.ratio_of_medians = result.median / medians[10_000]
            result.budget = "<= 12x"
            result.verdict = "PASS" if result.ratio_of_medians <= 12 else "FAIL"
            result.note = f"{rounds} rounds, no warm-up"
        results.append(result)
        if size == 10_000:
            results.append(warm_scale(ctx, argv))
    return results


def warm_scale(ctx: Context, argv: Sequence[str]) -> Result:
    """The 10k validation again with the content cache filled: for context, no budget."""
    result = Result("scale-10k-cached", "flows validate 10,000 nodes, cached", "ms")
    ctx.rest()
    run_once(argv, ctx.env)
    for _ in range(ctx.rounds):
        ctx.rest()
        result.samples.append(run_once(argv, ctx.env))
    result.rounds = ctx.rounds
    result.median = statistics.median(result.samples)
    return result


MEMORY_WRAPPER = """\
import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def peak_rss_mb(argv: Sequence[str], env: dict[str, str]) -> float:
    """Peak resident memory of `argv` in MB, from a fresh wrapper process's RUSAGE_CHILDREN."""
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_WRAPPER, *argv],
        env=env,
        stdout=subprocess.PIPE,
        check=True,
        text=True,
    ).stdout.split()
    if out[1] != "0":
        raise BenchError(f"{' '.join(argv)} exited {out[1]}")
    kib = int(out[0])  # ru_maxrss is in KiB on Linux (bytes on macOS)
    return kib / 1024 if sys.platform != "darwin" else kib / 1024 / 1024


def memory_measure(ctx: Context) -> list[Result]:
    runs = max(1, min(MEMORY_RUNS, ctx.rounds))
    result = Result(
        "memory", "peak RSS of upayhelp faq 2", "MB", reference=f'python -c "{TYPER_REF}"'
    )
    ctx.rest()
    peak_rss_mb([*ctx.upayhelp, "faq", "2"], ctx.env)  # warm-up: fills the content cache
    for _ in range(runs):
        ctx.rest()
        result.samples.append(peak_rss_mb([*ctx.upayhelp, "faq", "2"], ctx.env))
        ctx.rest()
        result.reference_samples.append(peak_rss_mb([sys.executable, "-c", TYPER_REF], ctx.env))
    result.rounds = runs
    # The largest run is what the budget is about; the reference is for context only.
    result.median = max(result.samples)
    result.reference_median = max(result.reference_samples)
    result.budget = "<= 40 MB"
    result.verdict = "PASS" if result.median <= 40 else "FAIL"
    result.note = f"max of {runs} runs"
    return [result]


MEASURES: list[tuple[str, str, Callable[[Context], list[Result]]]] = [
    ("version", "version", startup("version", ["--version"], 1.10)),
    ("faq-2", "faq", startup("faq-2", ["faq", "2"], 1.5)),
    ("contacts", "contacts", startup("contacts", ["contacts"], 1.5)),
    ("faq-zh", "faq", startup("faq-zh", ["faq", "充不进去"], 1.6)),
    ("validate", "validate", startup("validate", ["flows", "validate"], 2.0)),
    ("pty", "pty", pty_measure(cold=False)),
    ("pty-cold", "pty", pty_measure(cold=True)),
    ("scale", "scale", scale_measure),
    ("memory", "memory", memory_measure),
]
SCALE_SIZES = {"scale-1k": 1_000, "scale-10k": 10_000, "scale-100k": 100_000}
ALL_KEYS = sorted(
    {key for key, _, _ in MEASURES} | {group for _, group, _ in MEASURES} | set(SCALE_SIZES)
)


def selected(key: str, group: str, only: set[str] | None, skip: set[str]) -> bool:
    names = {key, group}
    if names & skip:
        return False
    return only is None or bool(names & only)


# ---------------------------------------------------------------------------------------------
# Output


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:.1f}"


def width(text: str) -> int:
    """Terminal columns of `text`: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int, right: bool) -> str:
    fill = " " * (columns - width(text))
    return fill + text if right else text + fill


def table(results: Sequence[Result]) -> str:
    headings = (
        "measure",
        "median ms",
        "ref median ms",
        "ratio of medians",
        "median pairwise ratio",
        "budget",
        "verdict",
    )
    rows = [headings]
    for r in results:
        value_unit = "MB" if r.unit == "MB" else ""
        rows.append(
            (
                r.measure + (f" ({r.note})" if r.note else ""),
                fmt(r.median, value_unit),
                fmt(r.reference_median, value_unit),
                fmt(r.ratio_of_medians, "x"),
                fmt(r.median_pairwise_ratio, "x"),
                r.budget,
                r.verdict,
            )
        )
    widths = [max(width(row[i]) for row in rows) for i in range(len(headings))]
    lines = []
    for n, row in enumerate(rows):
        cells = [pad(cell, widths[i], right=0 < i < 5) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Run upayhelp's benchmarks and compare them with their budgets."
    )
    parser.add_argument(
        "--rounds",
        type=int,
        help=f"rounds per measure after the warm-up (default {DEFAULT_ROUNDS}, "
        f"{QUICK_ROUNDS} with --quick; the 100k validation runs at most {BIG_ROUNDS})",
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke test: fewer rounds, no 100k validation"
    )
    parser.add_argument(
        "--only", help=f"comma-separated measures or groups to run: {', '.join(ALL_KEYS)}"
    )
    parser.add_argument("--skip", help="comma-separated measures or groups to leave out")
    parser.add_argument(
        "--pause",
        type=float,
        default=DEFAULT_PAUSE,
        metavar="SECONDS",
        help=f"rest before every timed run (default {DEFAULT_PAUSE:g}; 0 for none)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="run the whole set N times, each as a fresh run, and judge every budget in each",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 when any measure fails its budget (in any repeat)",
    )
    args = parser.parse_args(argv)
    if args.rounds is not None and args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not 0 <= args.pause <= 60:
        parser.error("--pause must be between 0 and 60 seconds")
    for option in ("only", "skip"):
        value = getattr(args, option)
        names = {n.strip() for n in value.split(",") if n.strip()} if value else None
        unknown = sorted((names or set()) - set(ALL_KEYS))
        if unknown:
            parser.error(f"--{option}: unknown measure {', '.join(unknown)}")
        setattr(args, option, names)
    return args


def compile_package(log: Callable[[str], None]) -> None:
    """Byte-compile upayhelp, as pip does when it installs a wheel.

    An editable install is never compiled by pip, and with PYTHONDONTWRITEBYTECODE set (as on
    some machines) Python would recompile every module at every start, while the libraries
    under comparison were compiled at install time.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("upayhelp")
    if spec is None or not spec.submodule_search_locations:
        return
    for location in spec.submodule_search_locations:
        if not compileall.compile_dir(location, quiet=1):
            log(f"could not byte-compile {location}")


def run_set(
    run: int,
    command: list[str],
    how: str,
    rounds: int,
    pause: float,
    only: set[str] | None,
    skip: set[str],
    log: Callable[[str], None],
) -> tuple[list[Result], list[str]]:
    """One run of every selected measure, in a temporary directory of its own (a fresh content
    cache, freshly generated flows), as if the script had been started anew."""
    results: list[Result] = []
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="upayhelp-bench-") as tmp:
        sizes = [n for k, n in SCALE_SIZES.items() if selected(k, "scale", only, skip)]
        env = bench_env(Path(tmp) / "cache")
        ctx = Context(command, how, env, rounds, sizes, Path(tmp), log, pause)
        for key, group, measure in MEASURES:
            if key == "scale" and not sizes:
                continue
            if key != "scale" and not selected(key, group, only, skip):
                continue
            log(key)
            try:
                results.extend(measure(ctx))
            except (BenchError, subprocess.CalledProcessError, ImportError) as exc:
                errors.append(f"{key}: {exc}")
                results.append(Result(key, key, "ms", verdict="ERROR", note=str(exc)[:60]))
    for result in results:
        result.run = run
    return results, errors


def failures(results: Sequence[Result]) -> list[str]:
    return [r.key for r in results if r.verdict in ("FAIL", "ERROR")]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    rounds = args.rounds or (QUICK_ROUNDS if args.quick else DEFAULT_ROUNDS)
    only: set[str] | None = args.only
    skip: set[str] = args.skip or set()
    if args.quick:
        skip = skip | {"scale-100k"}
    command, how = upayhelp_command()
    repeat: int = args.repeat

    def log(message: str) -> None:
        sys.stderr.write(f"[bench] {message}\n")
        sys.stderr.flush()

    compile_package(log)

    if not args.json:
        sys.stdout.write(
            f"upayhelp via {how}\n"
            f"python {sys.version.split()[0]} ({sys.executable}), LANG=C.UTF-8, "
            f"{rounds} rounds after a warm-up, command and reference alternated, "
            f"{args.pause:g} s pause before every run, "
            "content cache in a private XDG_CACHE_HOME "
            "(scale runs: the generated files touched before each run; "
            "pty, empty cache: a new one for every run)\n"
        )
        sys.stdout.flush()

    all_results: list[Result] = []
    all_errors: list[str] = []
    failed_runs: list[str] = []
    for run in range(1, repeat + 1):
        if repeat > 1:
            log(f"run {run} of {repeat}")
        results, errors = run_set(run, command, how, rounds, args.pause, only, skip, log)
        failed = failures(results)
        all_results.extend(results)
        all_errors.extend(f"run {run}: {e}" if repeat > 1 else e for e in errors)
        if failed:
            failed_runs.append(
                f"run {run}: {', '.join(failed)}" if repeat > 1 else ", ".join(failed)
            )
        if args.json:
            continue
        if repeat > 1:
            sys.stdout.write(f"\nrun {run} of {repeat}\n")
        sys.stdout.write("\n" + table(results) + "\n")
        for error in errors:
            sys.stdout.write(f"error: {error}\n")
        verdict = f"{len(failed)} over budget: {', '.join(failed)}" if failed else "all in budget"
        sys.stdout.write(f"\n{verdict}\n")
        sys.stdout.flush()

    if args.json:
        doc: dict[str, Any] = {
            "python": sys.version.split()[0],
            "executable": sys.executable,
            "upayhelp": how,
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "env": {"LANG": "C.UTF-8"},
            "rounds": rounds,
            "pause": args.pause,
            "repeat": repeat,
            "results": [asdict(r) for r in all_results],
            "errors": all_errors,
            "failed": [
                r.key if repeat == 1 else f"{r.key} (run {r.run})"
                for r in all_results
                if r.verdict in ("FAIL", "ERROR")
            ],
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    elif repeat > 1:
        if failed_runs:
            sys.stdout.write(
                f"\nbudgets held in {repeat - len(failed_runs)} of {repeat} runs; "
                f"over budget in {'; '.join(failed_runs)}\n"
            )
        else:
            sys.stdout.write(f"\nevery budget held in all {repeat} runs\n")
    return 1 if args.check and failed_runs else 0


if __name__ == "__main__":
    sys.exit(main())
