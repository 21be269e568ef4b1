"""The YAML reader: positions, strings as written, and the traps it refuses."""

from __future__ import annotations

import importlib.util
import random
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.composer import Composer
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from upayhelp.content.yaml import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    YMap,
    YScalar,
    YSeq,
    YValue,
    load_file,
    parse,
)

from ..conftest import DATA, ROOT, SHARED


def _value(text: str) -> YMap:
    value, problems = parse("t.yaml", text.encode())
    assert problems == []
    assert isinstance(value, YMap)
    return value


@pytest.mark.parametrize("word", ["no", "on", "off", "yes", "0123", "1.0", "0x1F", "2001-12-14"])
def test_scalars_stay_as_written(word: str) -> None:
    item = _value(f"a: {word}\n").items["a"][1]
    assert isinstance(item, YScalar)
    assert item.value == word


def test_positions_are_one_based_lines_and_columns() -> None:
    root = _value("kind: flow\nnodes:\n  q:\n    ask: [x, 'y']\n")
    key, nodes = root.items["nodes"]
    assert (key.pos.line, key.pos.column) == (2, 1)
    assert isinstance(nodes, YMap)
    q = nodes.items["q"][1]
    assert isinstance(q, YMap)
    ask = q.items["ask"][1]
    assert isinstance(ask, YSeq)
    assert [(i.pos.line, i.pos.column) for i in ask.items] == [(4, 11), (4, 14)]


def test_quoted_values_are_not_null() -> None:
    root = _value("a: ''\nb: ~\nc:\nd: '~'\n")
    nulls = {k: v.is_null for k, (_, v) in root.items.items() if isinstance(v, YScalar)}
    assert nulls == {"a": False, "b": True, "c": True, "d": False}


def test_bom_is_accepted() -> None:
    value, problems = parse("t.yaml", b"\xef\xbb\xbfa: 1\n")
    assert problems == []
    assert isinstance(value, YMap)
    assert list(value.items) == ["a"]


def test_every_duplicate_key_is_reported() -> None:
    _, problems = parse("t.yaml", b"a: 1\nb: 2\na: 3\nb: 4\n")
    assert [p.render() for p in problems] == [
        "t.yaml:3:1: error: duplicate key 'a' (first at line 1)",
        "t.yaml:4:1: error: duplicate key 'b' (first at line 2)",
    ]


def test_alias_bomb_is_refused_quickly() -> None:
    levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 12):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    start = time.perf_counter()
    value, problems = parse("bomb.yaml", "\n".join(levels).encode())
    assert time.perf_counter() - start < 1.0
    assert value is None
    assert problems[0].code == "yaml-aliases"


def test_small_aliases_are_fine() -> None:
    root = _value("a: &x {zh: 好, en: Good}\nb: *x\n")
    assert root.items["a"][1] is root.items["b"][1]


@pytest.mark.parametrize("depth", [150, 201, 5000, 100_000])
def test_deep_nesting_is_refused_or_read_quickly(depth: int) -> None:
    start = time.perf_counter()
    value, problems = parse("deep.yaml", ("[" * depth + "]" * depth).encode())
    assert time.perf_counter() - start < 1.0
    if depth <= 200:
        assert problems == []
    else:
        assert value is None
        assert problems[0].severity == "error"


def test_file_over_the_limit_is_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    value, problems = load_file(str(big))
    assert value is None
    assert problems[0].code == "file-too-large"


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES - 4) + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    value, problems = load_file(str(path))
    assert problems == []
    assert isinstance(value, YMap)


def test_invalid_utf8_names_its_line() -> None:
    _, problems = parse("t.yaml", b"a: 1\nb: 2\nc: \xff\n")
    assert problems[0].render() == (
        "t.yaml:3:4: error: file is not valid UTF-8 (byte 0xff cannot be decoded)"
    )


def test_unreadable_file_is_a_diagnostic(tmp_path: Path) -> None:
    _, problems = load_file(str(tmp_path / "missing.yaml"))
    assert problems[0].code == "file-unreadable"


CORPUS = sorted((SHARED / "corpora" / "yaml-test-suite").glob("*.yaml"))


@pytest.mark.skipif(not CORPUS, reason="shared/corpora/yaml-test-suite is not beside the project")
def test_yaml_test_suite_error_files_are_rejected_by_the_parser_or_schema() -> None:
    for path in CORPUS:
        value, problems = load_file(str(path))
        if path.name.endswith(".error.yaml"):
            assert problems or not isinstance(value, YMap) or "kind" not in value.items, path


# -- Differential: libyaml plus our composer against PyYAML's own pure-Python reader ------------
# (Kept from the tests of the former fast reader: the same hostile and generated documents, now
# checked against an independent implementation of the same YAML.)


NAUGHTY = SHARED / "corpora" / "naughty-strings" / "blns.txt"


class _PureLoader(Reader, Scanner, Parser, Composer, BaseResolver):
    """PyYAML's pure-Python reader: independent of libyaml, same positions and styles."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)


def _spot(value: str, plain: bool, pos: Any) -> Any:
    """Where a scalar is; an empty plain scalar (an omitted value) has no written place, and the
    two readers put it at different spots (end of the key's line, or start of the next)."""
    return None if plain and value == "" else (pos[0], pos[1])


def shape(value: YValue | None) -> Any:
    """Everything about a value that matters, as comparable tuples."""
    if value is None:
        return None
    if isinstance(value, YScalar):
        return (
            "scalar",
            value.value,
            _spot(value.value, value.plain, (value.pos.line, value.pos.column)),
            value.plain,
        )
    if isinstance(value, YMap):
        return (
            "map",
            (value.pos.line, value.pos.column),
            tuple((name, shape(key), shape(item)) for name, (key, item) in value.items.items()),
        )
    return ("seq", (value.pos.line, value.pos.column), tuple(shape(item) for item in value.items))


def pure_shape(node: Any, duplicates: list[int]) -> Any:
    """`shape` of PyYAML's node; a repeated key keeps the first value and is counted."""
    pos = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.value, _spot(node.value, not node.style, pos), not node.style)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", pos, tuple(pure_shape(item, duplicates) for item in node.value))
    items: dict[str, Any] = {}
    for key, item in node.value:
        if not isinstance(key, yaml.ScalarNode):
            duplicates.append(0)  # a collection as a key: ours reports it, never keeps it
            pure_shape(key, duplicates)
            continue
        if key.value in items:
            duplicates.append(key.start_mark.line + 1)
            pure_shape(item, duplicates)  # dropped, but ours still reads (and checks) it
            continue
        items[key.value] = (key.value, pure_shape(key, duplicates), pure_shape(item, duplicates))
    return ("map", pos, tuple(items.values()))


def _lines_only(found: Any) -> Any:
    """A shape with every (line, column) reduced to its line."""
    if isinstance(found, tuple):
        if len(found) == 2 and all(isinstance(n, int) for n in found):
            return found[0]
        return tuple(_lines_only(item) for item in found)
    return found


def agrees(text: str) -> bool:
    """When both readers accept `text`, they agree on every value, position, quoting and
    duplicate key; ours never raises. True when both accepted."""
    ours, problems = parse("t.yaml", text.encode("utf-8"))
    lines = len(text.splitlines()) + 2  # YAML also breaks lines at \r, \x85, \u2028, \u2029
    assert all(1 <= p.pos.line <= lines for p in problems), (problems, text)
    if ours is None:
        assert problems, text
        return False
    if any(p.code == "yaml-tag" for p in problems):
        return False  # refused anyway; the readers end a tag differently ("!tag," in a flow)
    loader = _PureLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return False  # libyaml is laxer in a few corners (e.g. some flow indentation)
    finally:
        loader.dispose()
    if node is None:
        return False
    duplicates: list[int] = []
    mine, theirs = shape(ours), pure_shape(node, duplicates)
    if "\ufeff" in text:
        # PyYAML's pure-Python reader does not count a U+FEFF inside a line; libyaml does.
        mine, theirs = _lines_only(mine), _lines_only(theirs)
    assert mine == theirs, text
    ours_duplicates = [p for p in problems if p.code in ("yaml-duplicate-key", "yaml-key-type")]
    assert len(ours_duplicates) == len(duplicates), (problems, text)
    return True


def _genflows() -> Any:
    spec = importlib.util.spec_from_file_location("genflows", ROOT / "benchmarks" / "genflows.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("genflows", module)
    spec.loader.exec_module(module)
    return module


def _content_files() -> list[Path]:
    files = sorted((ROOT / "flows").glob("*.yaml"))
    files += sorted(DATA.rglob("*.yaml"))
    files += sorted((ROOT / "docs").rglob("*.yaml"))
    return files


@pytest.mark.parametrize("path", _content_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_project_files_read_as_pyyaml_reads_them(path: Path) -> None:
    agrees(path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff"))


@pytest.mark.skipif(not CORPUS, reason="shared/corpora/yaml-test-suite is not beside the project")
def test_the_yaml_test_suite_read_as_pyyaml_reads_it() -> None:
    accepted = 0
    for path in CORPUS:
        accepted += agrees(path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff"))
    assert accepted >= 10


def test_mutated_generated_flows() -> None:
    text = _genflows().flow_text("gen-a", 24)
    assert agrees(text)
    for edit in ("\t", "&a ", "*a", "!!str ", "|\n", "'", '"', "#", ": ", "- ", "{", "]", "\r"):
        for seed in range(40):
            rng = random.Random(f"{edit}{seed}")
            at = rng.randrange(len(text))
            agrees(text[:at] + edit + text[at:])
            agrees(text[:at] + text[at + 1 :])


SAMPLE = (
    "word", "two words", "Step 1: ok", "a#b", "a #b", "it's", 'say "hi"', "{x}", "[x]", "x,y",
    "- x", "? x", "~", "", " ", "null", "中文，全角：标点", "trailing ", "é", "\U0001f600",
    "&anchor", "*alias", "!tag", "%x", "@x", "`x`", "|", ">", "a: b", "a:b", "x:", "''", '"',
    "\\", "\u2028", "\x85", "\t",
)  # fmt: skip
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


def test_a_byte_order_mark_inside_a_line() -> None:
    """Found by the generated documents: PyYAML's pure-Python reader does not count a U+FEFF
    inside a line, libyaml (ours) does, as editors do; only lines are compared then."""
    value, problems = parse("t.yaml", "a: {b: \ufeffx, c: d}\n".encode())
    assert problems == []
    assert isinstance(value, YMap)
    inner = value.items["a"][1]
    assert isinstance(inner, YMap)
    assert inner.items["c"][0].pos.column == 12  # as an editor shows it
    assert agrees("a: {b: \ufeffx, c: d}\n")


def test_duplicates_inside_a_dropped_value_are_reported() -> None:
    """Found by the generated documents: the value of a repeated key is dropped, but what is
    wrong inside it is still reported."""
    assert agrees("a: {}\na:\n  a: word\n  a: word")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a" * 1025 + ": b\n", "1:1026"),
        ("k: {" + "a" * 1025 + ": b}\n", "1:1030"),
        ("中" * 1025 + ": b\n", "1:1026"),
        ("a" * 1024 + ": b\n", None),  # the longest key libyaml accepts
        ("".join(" " * i + "k:\n" for i in range(MAX_DEPTH)) + " " * 200 + "x: [a]\n", "201:201"),
        ("".join(" " * i + "k:\n" for i in range(MAX_DEPTH - 1)) + " " * 199 + "x: a\n", None),
    ],
    ids=["long-key", "long-flow-key", "long-han-key", "key-1024", "too-deep", "deep-enough"],
)
def test_limits(text: str, where: str | None) -> None:
    """Keys over 1024 characters (libyaml's limit) and nesting past MAX_DEPTH are one error."""
    value, problems = parse("t.yaml", text.encode())
    if where is None:
        assert problems == []
        assert value is not None
    else:
        assert value is None
        assert [(f"{p.pos.line}:{p.pos.column}", p.severity) for p in problems] == [
            (where, "error")
        ]
