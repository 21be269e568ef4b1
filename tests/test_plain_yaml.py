"""The fast reader of plain YAML either gives up or agrees with libyaml exactly.

`upayhelp.content.plainyaml` reads the regular part of YAML that content files are mostly
written in; everything else goes to libyaml. It must never differ from libyaml on a file it
accepts: not in a value, a position, a plain/quoted flag or a duplicate-key problem, and never
accept what libyaml refuses.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from upayhelp.content import plainyaml
from upayhelp.content.yaml import YMap, YScalar, YValue, parse

from .conftest import DATA, ROOT, SHARED

SUITE = SHARED / "corpora" / "yaml-test-suite"
NAUGHTY = SHARED / "corpora" / "naughty-strings" / "blns.txt"


def _genflows() -> Any:
    spec = importlib.util.spec_from_file_location("genflows", ROOT / "benchmarks" / "genflows.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("genflows", module)
    spec.loader.exec_module(module)
    return module


def shape(value: YValue | None) -> Any:
    """Everything about a value that matters, as comparable tuples."""
    if value is None:
        return None
    if isinstance(value, YScalar):
        return ("scalar", value.value, tuple(value.pos), value.plain)
    if isinstance(value, YMap):
        return (
            "map",
            tuple(value.pos),
            tuple((name, shape(key), shape(item)) for name, (key, item) in value.items.items()),
        )
    return ("seq", tuple(value.pos), tuple(shape(item) for item in value.items))


def agrees(text: str) -> bool:
    """Asserts that the fast reader gives up or matches libyaml; True when it accepted."""
    fast = plainyaml.parse("t.yaml", text)
    if fast is None:
        return False
    slow_value, slow_problems = parse("t.yaml", text.encode("utf-8"), plain=False)
    assert slow_value is not None, f"accepted what libyaml refuses: {slow_problems}\n{text}"
    assert shape(fast[0]) == shape(slow_value), text
    assert sorted(fast[1], key=repr) == sorted(slow_problems, key=repr), text
    return True


def _content_files() -> list[Path]:
    files = sorted((ROOT / "flows").glob("*.yaml"))
    files += sorted(DATA.rglob("*.yaml"))
    files += sorted((ROOT / "docs").rglob("*.yaml"))
    return files


@pytest.mark.parametrize("path", _content_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_project_files(path: Path) -> None:
    agrees(path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff"))


def test_the_yaml_test_suite() -> None:
    if not SUITE.is_dir():
        pytest.skip(f"the YAML test suite is not at {SUITE}")
    accepted = 0
    for path in sorted(SUITE.glob("*.yaml")):
        text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
        accepted += agrees(text)
    assert accepted >= 10  # the suite has simple documents too: the fast path is really used


def test_generated_flows_are_read_by_the_fast_path() -> None:
    genflows = _genflows()
    text = genflows.flow_text("gen-a", 24)
    assert agrees(text)
    for edit in ("\t", "&a ", "*a", "!!str ", "|\n", "'", '"', "#", ": ", "- ", "{", "]", "\r"):
        for seed in range(40):
            assert_mutation_agrees(text, edit, seed)


def assert_mutation_agrees(text: str, edit: str, seed: int) -> None:
    rng = random.Random(f"{edit}{seed}")
    at = rng.randrange(len(text))
    agrees(text[:at] + edit + text[at:])
    agrees(text[:at] + text[at + 1 :])


SAMPLE = (
    "word",
    "two words",
    "Step 1: ok",
    "a#b",
    "a #b",
    "it's",
    'say "hi"',
    "{x}",
    "[x]",
    "x,y",
    "- x",
    "? x",
    "~",
    "",
    " ",
    "null",
    "中文，全角：标点",
    "trailing ",
    "é",
    "\U0001f600",
    "&anchor",
    "*alias",
    "!tag",
    "%x",
    "@x",
    "`x`",
    "|",
    ">",
    "a: b",
    "a:b",
    "x:",
    "''",
    '"',
    "\\",
    "\u2028",
    "\x85",
    "\t",
)
naughty = NAUGHTY.read_text("utf-8").splitlines()[:400] if NAUGHTY.is_file() else []
scalars = st.sampled_from(SAMPLE + tuple(naughty)) | st.text(max_size=12)
keys = st.sampled_from(("a", "b", "zh", "en", "n-1", "x.y", "a b", "1", "?", "-", "'k'", "中"))


def _scalar(text: str, style: str) -> str:
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text + '"'
    return text


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    """A block mapping of plain, quoted and flow values, nested; often invalid on purpose."""
    lines: list[str] = []
    indent = " " * draw(st.sampled_from((0, 2, 4))) if depth else ""
    for _ in range(draw(st.integers(1, 4))):
        key = draw(keys)
        kind = draw(st.sampled_from(("scalar", "flow", "seq", "map", "list", "empty")))
        style = draw(st.sampled_from(("plain", "single", "double")))
        if kind == "scalar":
            lines.append(f"{indent}{key}: {_scalar(draw(scalars), style)}")
        elif kind == "flow":
            inner = ", ".join(
                f"{draw(keys)}: {_scalar(draw(scalars), style)}"
                for _ in range(draw(st.integers(0, 3)))
            )
            lines.append(f"{indent}{key}: {{{inner}}}")
        elif kind == "list":
            inner = ", ".join(_scalar(draw(scalars), style) for _ in range(draw(st.integers(0, 3))))
            lines.append(f"{indent}{key}: [{inner}]")
        elif kind == "seq":
            lines.append(f"{indent}{key}:")
            dash = indent + draw(st.sampled_from(("", "  ")))
            for _ in range(draw(st.integers(1, 3))):
                lines.append(f"{dash}- {_scalar(draw(scalars), style)}")
        elif kind == "map" and depth < 3:
            lines.append(f"{indent}{key}:")
            nested = draw(documents(depth + 1))
            lines.extend("  " + line if line else line for line in nested.split("\n"))
        else:
            lines.append(f"{indent}{key}:{draw(st.sampled_from(('', ' ', ' # c')))}")
        if draw(st.booleans()):
            lines.append(draw(st.sampled_from(("", "# note", "   ", "  # indented note"))))
    return "\n".join(lines)


@settings(max_examples=600, deadline=None)
@given(documents())
def test_generated_documents(text: str) -> None:
    agrees(text)


def test_the_fast_path_is_taken_for_ordinary_content() -> None:
    assert agrees("kind: faq\nentries:\n  - id: a\n    q: {zh: 问, en: Question?}\n")
    assert agrees("a:\n- x\n- 'y'\nb: [c, \"d\"]  # note\n")
    # a duplicate found by the quick flow reader, then read again in full, is reported once
    fast = plainyaml.parse("t.yaml", "a: {k: 1, k: 2, n: [x]}\n")
    assert fast is not None
    assert len(fast[1]) == 1


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1025 + ": b\n",
        "k: {" + "a" * 1025 + ": b}\n",
        "k:\n- " + "a" * 1025 + ": b\n",
        "中" * 1025 + ": b\n",
        "a" * 1024 + ": b\n",  # the longest key libyaml accepts
        "".join(" " * i + "k:\n" for i in range(199)) + " " * 199 + "x: [a]\n",
        "".join(" " * i + "k:\n" for i in range(198)) + " " * 198 + "x: [[a]]\n",
        "".join(" " * i + "k:\n" for i in range(199)) + " " * 199 + "- [a]\n",
        "".join(" " * i + "k:\n" for i in range(190)) + " " * 190 + "x: [[[[[a]]]]]\n",
    ],
    ids=[
        "long-key",
        "long-flow-key",
        "long-item-key",
        "long-han-key",
        "key-1024",
        "flow-depth",
        "nested-flow-depth",
        "item-flow-depth",
        "deep-flow",
    ],
)
def test_limits_that_libyaml_enforces(text: str) -> None:
    """Keys over 1024 characters and blocks and flows nested past MAX_DEPTH: the fast reader
    gives up, so libyaml's reader reports them (found by fuzzing against libyaml)."""
    agrees(text)
