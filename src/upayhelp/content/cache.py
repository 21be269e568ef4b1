"""A per-user cache of parsed content files, so that a command does not re-parse YAML.

Each entry is keyed by the file's real path, size, modification time (ns), inode, the
upayhelp version and the Python version, and is written atomically. An entry holds two pickles
one after the other: a small header (the full key and a tag, the file's kind) and the value,
so that a command can pass over a current entry of a kind it does not use without reading its
value. It is read only from a directory and file owned by the current user and writable by
nobody else, because a pickle must never come from someone who could have tampered with it. Any
problem means a miss: the file is parsed again, and nothing is ever lost by ignoring the cache.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import stat
import sys
import zlib
from collections.abc import Callable, Container, Iterator
from pathlib import Path
from typing import Any, Final

from upayhelp import __version__

ENV_DISABLE = "UPAYHELP_NO_CACHE"
_FORMAT = 5  # 3: flows carry their examples; 4: records are named tuples; 5: a header first


# What unpickling a damaged or stale entry can raise.
_DAMAGED = (
    OSError,
    EOFError,
    pickle.UnpicklingError,
    AttributeError,
    ImportError,
    IndexError,
    KeyError,
    TypeError,
    ValueError,
    RecursionError,
)


Key = tuple[str, tuple[Any, ...]]
"""Where an entry is stored, and the full identity it is stored with."""


def cache_dir() -> Path | None:
    """The cache directory (platform convention), or None when caching is off."""
    directory = _directory()
    return None if directory is None else Path(directory)


def _directory() -> str | None:
    # Plain strings rather than Path objects: this runs for every content file of every start.
    if os.environ.get(ENV_DISABLE) or sys.platform == "win32" or not hasattr(os, "getuid"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if sys.platform == "darwin" and not os.environ.get("XDG_CACHE_HOME"):
        base = os.path.join(os.path.expanduser("~"), "Library", "Caches")
    return os.path.join(base, "upayhelp", f"content-{_FORMAT}")


def _private(info: os.stat_result) -> bool:
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _entry(identity: tuple[Any, ...]) -> Key | None:
    directory = _directory()
    if directory is None:
        return None
    identity = (*identity, __version__, sys.version_info[:2], _FORMAT)
    # The full identity is stored in the entry and compared on reading, so a short checksum
    # is enough for a name: a collision is only a miss.
    data = repr(identity).encode("utf-8", "surrogateescape")
    name = f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"
    return os.path.join(directory, f"{name}.pickle"), identity


def key_of(path: str) -> Key | None:
    """The key of the content file `path` as it is now: the loader takes it before reading the
    file, so that an entry never describes a newer file than the one that was read."""
    try:
        real = os.path.realpath(path)
        info = os.stat(real)
    except (OSError, ValueError):
        return None
    return _entry((real, info.st_size, info.st_mtime_ns, info.st_ino))


class _Skipped:
    def __repr__(self) -> str:
        return "SKIPPED"


SKIPPED: Final = _Skipped()
"""What `get` returns for a current entry whose tag is not one of the tags asked for."""


def get(path: str, tags: Container[str] | None = None) -> Any | None:
    """The cached value for the content file `path`, or None. With `tags`, a current entry
    tagged otherwise is not read: `SKIPPED` (an untagged entry is always read)."""
    return _get(key_of(path), tags)


MAX_CACHED_BYTES = 1024 * 1024
"""Larger files are not cached: writing the cache would cost more than it saves."""


def put(path: str, value: Any, tag: str | None = None, key: Key | None = None) -> None:
    """Remember `value` for the content file `path` (read when it had `key`; by default, as it
    is now), with a `tag` (its kind) that `get` can skip on; failures are ignored."""
    try:
        if os.path.getsize(path) > MAX_CACHED_BYTES:
            return
    except OSError:
        return
    _write(key or key_of(path), value, tag)


def get_derived(identity: tuple[Any, ...]) -> Any | None:
    """A cached value computed from data whose full description is `identity`, or None."""
    return _get(_entry(identity))


def put_derived(identity: tuple[Any, ...], value: Any) -> None:
    """Remember a value computed from the data described by `identity`."""
    _write(_entry(identity), value, None)


_held: list[tuple[Key | None, Any, str | None]] | None = None


@contextlib.contextmanager
def writes_held() -> Iterator[Callable[[], None]]:
    """Entries put inside the block are kept in memory until the function it gives is called
    (then written, and later ones at once) or the block ends: for a command that has something
    to show first (an interactive walk writes them once its first question is on the screen).
    Inside another such block, they join the outer one's."""
    global _held
    outer = _held
    held: list[tuple[Key | None, Any, str | None]] = []
    _held = held

    def write() -> None:
        global _held
        if _held is held:
            _held = outer
        while held:
            _write(*held.pop(0))

    try:
        yield write
    finally:
        write()


def _write(key: Key | None, value: Any, tag: str | None) -> None:
    if _held is not None:
        _held.append((key, value, tag))
    else:
        _put(key, value, tag)


def _get(key: Key | None, tags: Container[str] | None = None) -> Any:
    if key is None:
        return None
    entry, identity = key
    try:
        if not _private(os.stat(os.path.dirname(entry))):
            return None
        with open(entry, "rb") as handle:
            if not _private(os.fstat(handle.fileno())):
                return None
            stored_identity, tag = pickle.load(handle)
            if stored_identity != identity:
                return None
            if tags is not None and tag is not None and tag not in tags:
                return SKIPPED
            return pickle.load(handle)
    except _DAMAGED:  # a damaged, truncated or foreign entry is only a miss
        return None


def _put(key: Key | None, value: Any, tag: str | None = None) -> None:
    if key is None:
        return
    entry, identity = key
    directory = os.path.dirname(entry)
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        if not _private(os.stat(directory)):
            return
        # a name of this write's own, created exclusively (`tempfile` costs ~4 ms to import)
        temp = os.path.join(directory, f".tmp-{os.getpid()}-{os.urandom(6).hex()}")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(temp, flags, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((identity, tag), handle, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, entry)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
        return
