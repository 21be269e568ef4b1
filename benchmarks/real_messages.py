"""How `upayhelp check` does on real messages: the flagged share per file, label and category.

Reads `../shared/real-messages/*.tsv` (label<TAB>lang<TAB>text; see that folder's README) and
runs every message through the same engine as `upayhelp check`, with the built-in content (or
`--content-dir`). Recall is the share flagged among `smishing` and `scamlike`; false alarms are
the share flagged among `ham`. The data is never copied into this repository.

    python benchmarks/real_messages.py                 # the table
    python benchmarks/real_messages.py --show missed:zh-scamlike --show flagged:ham
    python benchmarks/real_messages.py --json
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "real-messages"


def read_rows(path: Path) -> list[tuple[str, str, str]]:
    """(label, lang, text) for every line of a real-messages file."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        label, lang, text = line.split("\t", 2)
        rows.append((label, lang, text))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the real-messages folder")
    parser.add_argument("--content-dir", action="append", default=[], help="extra content")
    parser.add_argument(
        "--show",
        action="append",
        default=[],
        metavar="WHICH:WHERE",
        help="print messages: missed|flagged, then a file stem or label (missed:zh-scamlike)",
    )
    parser.add_argument("--json", action="store_true", help="the counts as JSON")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT / "src"))
    from upayhelp.content.load import content_layers, load
    from upayhelp.scam import assess, compile_guard

    if not args.data.is_dir():
        print(f"no real messages at {args.data}", file=sys.stderr)
        return 1
    content = load(content_layers(args.content_dir)).content
    guard = compile_guard(
        tuple(content.redflags.values()), content.scoring, tuple(content.channels.values())
    )
    counts: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0])
    shown: list[str] = []
    total = 0
    started = time.perf_counter()
    for path in sorted(args.data.glob("*.tsv")):
        for label, _lang, text in read_rows(path):
            result = assess(text, guard)
            total += 1
            keys = {(path.stem, label), (path.stem, label.split(":")[0])}
            if ":" in label and not label.endswith(":advertisement"):
                keys.add((path.stem, label.split(":")[0] + " (not advertisement)"))
            for key in keys:
                counts[key][0] += result.flagged
                counts[key][1] += 1
            for spec in args.show:
                which, _, where = spec.partition(":")
                if where not in (path.stem, label, label.split(":")[0]):
                    continue
                if (which == "missed") != result.flagged:
                    rules = ",".join(f.rule.id for f in result.findings)
                    shown.append(f"{path.stem}\t{label}\t{rules}\t{text}")
    elapsed = time.perf_counter() - started
    if args.json:
        print(
            json.dumps(
                {
                    "messages": total,
                    "seconds": round(elapsed, 3),
                    "rows": [
                        {"file": f, "label": lab, "flagged": c[0], "total": c[1]}
                        for (f, lab), c in sorted(counts.items())
                    ],
                },
                indent=2,
            )
        )
    else:
        print(f"{'file':22} {'label':36} {'flagged':>9} {'share':>7}")
        for (stem, label), (flagged, count) in sorted(counts.items()):
            if (
                ":" not in label
                and "(" not in label
                and any(k[0] == stem and ":" in k[1] for k in counts)
            ):
                label += " (all)"
            print(f"{stem:22} {label:36} {flagged:>4}/{count:<4} {flagged / count:>7.1%}")
        print(f"{total} messages in {elapsed:.2f} s ({total / elapsed:,.0f} per second)")
    for line in shown:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
