"""The per-user content cache: a hit gives back what was put, any doubt is a miss, and a write
never leaves a half-written entry or a temporary file behind."""

from __future__ import annotations

import io
import pickle
from pathlib import Path

import pytest

from upayhelp.content import cache


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cache.ENV_DISABLE, raising=False)
    source = tmp_path / "flow.yaml"
    source.write_text("kind: flow\n", encoding="utf-8")
    return source


def test_a_put_value_comes_back_and_nothing_else_is_left(home: Path) -> None:
    cache.put(str(home), {"parsed": [1, 2, 3]})
    assert cache.get(str(home)) == {"parsed": [1, 2, 3]}
    directory = cache.cache_dir()
    assert directory is not None
    assert [p.name for p in directory.iterdir() if p.name.startswith(".tmp-")] == []
    assert all(p.stat().st_mode & 0o077 == 0 for p in directory.iterdir())


def test_a_changed_file_is_a_miss(home: Path) -> None:
    cache.put(str(home), "old")
    home.write_text("kind: flow\nid: x\n", encoding="utf-8")
    assert cache.get(str(home)) is None


def test_two_writes_of_one_entry_leave_one_whole_entry(home: Path) -> None:
    cache.put(str(home), "first")
    cache.put(str(home), "second")
    assert cache.get(str(home)) == "second"
    directory = cache.cache_dir()
    assert directory is not None
    assert [p.suffix for p in directory.iterdir()] == [".pickle"]


def test_a_damaged_entry_is_a_miss(home: Path) -> None:
    cache.put(str(home), "value")
    directory = cache.cache_dir()
    assert directory is not None
    for entry in directory.glob("*.pickle"):
        entry.write_bytes(b"\x80\x05garbage")
    assert cache.get(str(home)) is None


def test_an_entry_of_a_kind_not_asked_for_is_skipped_without_reading_its_value(
    home: Path,
) -> None:
    cache.put(str(home), ["a", "large", "value"], "redflags")
    assert cache.get(str(home), ("flow", "channels")) is cache.SKIPPED
    assert cache.get(str(home), ("redflags",)) == ["a", "large", "value"]
    assert cache.get(str(home)) == ["a", "large", "value"]
    # only the header is read for a skip: with the value cut off, the entry is still skipped,
    # and reading it for its kind is a miss
    directory = cache.cache_dir()
    assert directory is not None
    [entry] = directory.glob("*.pickle")
    stream = io.BytesIO(entry.read_bytes())
    assert pickle.load(stream)[1] == "redflags"  # the header: (the full key, the tag)
    entry.write_bytes(stream.getvalue()[: stream.tell()])
    assert cache.get(str(home), ("flow",)) is cache.SKIPPED
    assert cache.get(str(home), ("redflags",)) is None


def test_an_untagged_entry_is_read_whatever_is_asked_for(home: Path) -> None:
    cache.put(str(home), "value")
    assert cache.get(str(home), ("flow",)) == "value"
    assert cache.get(str(home), ()) == "value"


def test_a_changed_file_of_another_kind_is_a_miss_not_a_skip(home: Path) -> None:
    cache.put(str(home), "value", "redflags")
    home.write_text("kind: flow\nid: x\n", encoding="utf-8")
    assert cache.get(str(home), ("flow",)) is None


def test_held_writes_wait_until_written_or_the_block_ends(home: Path) -> None:
    with cache.writes_held() as write:
        cache.put(str(home), "parsed", "flow")
        cache.put_derived(("an index of", str(home)), "index")
        assert cache.get(str(home)) is None  # only in memory so far
        assert cache.get_derived(("an index of", str(home))) is None
        write()
        assert cache.get(str(home)) == "parsed"
        assert cache.get_derived(("an index of", str(home))) == "index"
        cache.put(str(home), "again")  # once written, at once again
        assert cache.get(str(home)) == "again"
    with cache.writes_held():
        cache.put(str(home), "at the end")
    assert cache.get(str(home)) == "at the end"  # the block's end writes what is left


def test_a_hold_inside_another_joins_it(home: Path) -> None:
    other = home.with_name("other.yaml")
    other.write_text("kind: tips\n", encoding="utf-8")
    with cache.writes_held() as write_outer:
        cache.put(str(home), "outer")
        with cache.writes_held() as write_inner:
            cache.put(str(other), "inner")
            write_inner()
        # the outer hold still holds: nothing is written before it says so
        assert cache.get(str(other)) is None
        assert cache.get(str(home)) is None
        write_outer()
        assert (cache.get(str(home)), cache.get(str(other))) == ("outer", "inner")


def test_an_entry_describes_the_file_as_it_was_before_it_was_read(home: Path) -> None:
    key = cache.key_of(str(home))  # taken before reading, as the loader does
    home.write_text("kind: flow\nid: changed-while-parsing\n", encoding="utf-8")
    cache.put(str(home), "what was read", "flow", key)
    assert cache.get(str(home)) is None  # never served for the file as it is now
