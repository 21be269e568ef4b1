"""The YAML reader: positions, strings as written, and the traps it refuses."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from upayhelp.content.yaml import MAX_FILE_BYTES, YMap, YScalar, YSeq, load_file, parse

from .conftest import SHARED


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
