"""Throughput of `upayhelp check --each`: SMS-length messages per second (budget: 1,000).

Runs the installed command (the `upayhelp` beside this interpreter, else `python -m upayhelp`)
on a file of distinct SMS-length messages: the real messages of `../shared/real-messages/`
when they are there (each line made unique, so that the batch cache of repeated lines does
not flatter the figure), otherwise messages generated from templates in both languages.

    python benchmarks/check_batch.py                # 3 rounds, the median
    python benchmarks/check_batch.py --rounds 5 --messages 20000
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real-messages"
BUDGET = 1000.0

TEMPLATES = [
    "Your parcel {n} is held at the depot, pay the {n} fee at post-{n}.top/pay today",
    "Hi, are we still meeting at {n} tonight? Bring the book please",
    "您尾号{n}的账户于今日消费{n}元，如非本人操作请在App内冻结",
    "恭喜您被栏目组抽中，奖金{n}元，请登录 tv{n}.cc 领取",
    "Reminder: your dentist appointment is on the {n}th at 10am, reply C to confirm",
    "请把收到的验证码发给我，我帮你处理退款{n}",
    "Can you pick up milk on the way home? {n} bottles",
    "妈，我晚上{n}点回家吃饭",
]


def messages(count: int) -> list[str]:
    """`count` distinct SMS-length messages."""
    base: list[str] = []
    if REAL.is_dir():
        for path in sorted(REAL.glob("*.tsv")):
            for line in path.read_text(encoding="utf-8").splitlines():
                text = line.split("\t", 2)[2]
                base.append(text[:320])
    rng = random.Random(14)
    out = []
    for index in range(count):
        if base:
            out.append(f"{base[index % len(base)]} #{index}")
        else:
            out.append(rng.choice(TEMPLATES).format(n=index))
    return out


def command() -> list[str]:
    script = Path(sys.executable).with_name("upayhelp")
    return [str(script)] if script.exists() else [sys.executable, "-m", "upayhelp"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UPAYHELP_", "LC_"))}
    env["LANG"] = "C.UTF-8"
    with tempfile.TemporaryDirectory() as work:
        env["XDG_CACHE_HOME"] = str(Path(work) / "cache")
        path = Path(work) / "messages.txt"
        lines = messages(args.messages)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        size = sum(len(line) for line in lines) / len(lines)
        rates = []
        for _ in range(args.rounds + 1):  # the first run fills the content cache
            started = time.perf_counter()
            done = subprocess.run(
                [*command(), "check", "--each", str(path), "--json"],
                env=env,
                stdout=subprocess.DEVNULL,
                check=False,
            )
            elapsed = time.perf_counter() - started
            if done.returncode not in (0, 3):
                print(f"upayhelp exited {done.returncode}", file=sys.stderr)
                return 1
            rates.append(len(lines) / elapsed)
        rate = statistics.median(rates[1:])
        source = "real messages" if REAL.is_dir() else "generated messages"
        verdict = "PASS" if rate >= BUDGET else "FAIL"
        print(
            f"check --each: {len(lines):,} {source} (mean {size:.0f} characters), "
            f"median {rate:,.0f} messages/s over {args.rounds} rounds "
            f"(budget >= {BUDGET:,.0f}): {verdict}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
