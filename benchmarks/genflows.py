"""Write valid flow files totalling N nodes, for the `flows validate` scale benchmark.

Usage: python benchmarks/genflows.py N OUTDIR [--per-file K]

Each file is one flow: a chain of question / advice / input nodes ending in two outcomes
(`done`, resolved; `contact`, escalate via the built-in `app` channel). Every node is reachable
and can reach an outcome, so `upayhelp flows validate OUTDIR` reports no problem. Files hold at
most K nodes (default 5,000); node, fact and flow ids are unique.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

PER_FILE = 5_000
MIN_NODES = 3  # one chain node and the two outcomes


def flow_text(flow_id: str, count: int) -> str:
    """The YAML of one valid flow of exactly `count` nodes (count >= MIN_NODES)."""
    if count < MIN_NODES:
        raise ValueError(f"a flow needs at least {MIN_NODES} nodes, got {count}")
    chain = count - 2
    lines = [
        "kind: flow",
        f"id: {flow_id}",
        f"title: {{zh: 生成的流程 {flow_id}, en: Generated flow {flow_id}}}",
        f"keywords: {{zh: [生成{flow_id}], en: [generated {flow_id}]}}",
        "start: n0",
        "nodes:",
    ]
    for i in range(chain):
        after = f"n{i + 1}" if i + 1 < chain else "contact"
        kind = i % 3
        lines.append(f"  n{i}:")
        if kind == 0:
            lines += [
                "    type: question",
                "    ask:",
                f"      zh: 第 {i} 个问题：问题解决了吗？",
                f"      en: 'Step {i}: is the problem solved?'",
                "    help: {zh: 看看应用里的提示。, en: Look at the message in the app.}",
                "    options:",
                "      - label: {zh: 解决了, en: 'Yes'}",
                "        next: done",
                "      - label: {zh: 没有, en: 'No'}",
                f"        next: {after}",
            ]
        elif kind == 1:
            lines += [
                "    type: advice",
                "    text:",
                f"      zh: 第 {i} 步：重新打开应用后再试一次。",
                f"      en: 'Step {i}: reopen the app and try again.'",
                "    solved: done",
                f"    unsolved: {after}",
            ]
        else:
            lines += [
                "    type: input",
                f"    fact: fact-{i}",
                "    format: text",
                f"    ask: {{zh: 第 {i} 步看到了什么？, en: 'Step {i}: what did you see?'}}",
                "    optional: true",
                f"    next: {after}",
            ]
    lines += [
        "  done:",
        "    type: outcome",
        "    result: resolved",
        "    text: {zh: 问题已解决。, en: Solved.}",
        "  contact:",
        "    type: outcome",
        "    result: escalate",
        "    text: {zh: 请联系UPay客服。, en: Contact UPay support.}",
        "    channels: [app]",
        "    prepare:",
        "      - {zh: 你的UPay账户名, en: Your UPay account name}",
        "",
    ]
    return "\n".join(lines)


def file_sizes(total: int, per_file: int = PER_FILE) -> list[int]:
    """Node counts per file: as many full files as fit, the rest spread so none is too small."""
    if total < MIN_NODES:
        raise ValueError(f"need at least {MIN_NODES} nodes, got {total}")
    count = -(-total // per_file)
    base, extra = divmod(total, count)
    return [base + (1 if i < extra else 0) for i in range(count)]


def generate(total: int, outdir: Path, per_file: int = PER_FILE) -> list[Path]:
    """Write the files into `outdir` (created if needed) and return their paths."""
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for index, size in enumerate(file_sizes(total, per_file)):
        path = outdir / f"gen-{index:04d}.yaml"
        path.write_text(flow_text(f"gen-{index:04d}", size), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nodes", type=int, help="total number of nodes")
    parser.add_argument("outdir", type=Path, help="directory to write the flow files into")
    parser.add_argument("--per-file", type=int, default=PER_FILE, help="nodes per file at most")
    args = parser.parse_args(argv)
    if args.per_file < MIN_NODES:
        parser.error(f"--per-file must be at least {MIN_NODES}")
    try:
        paths = generate(args.nodes, args.outdir, args.per_file)
    except ValueError as exc:
        parser.error(str(exc))
    sys.stdout.write(f"wrote {args.nodes} nodes in {len(paths)} files to {args.outdir}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
