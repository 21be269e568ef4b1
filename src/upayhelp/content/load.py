"""Finding content files in layers (built-in, then content directories) and merging them."""

import contextlib
import gc
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from upayhelp.content.checks import check_cues, check_flow, check_references
from upayhelp.content.diagnostics import Diagnostic, ParsedFile, error, in_both
from upayhelp.errors import NotFoundError
from upayhelp.i18n import Message
from upayhelp.model import (
    Channel,
    Content,
    Entry,
    FaqEntry,
    Flow,
    Override,
    Pos,
    RedFlag,
    Scoring,
    Tip,
)

BUILTIN = "built-in"
SUFFIXES = (".yaml", ".yml")
ENV_DIRS = "UPAYHELP_CONTENT_DIR"


def builtin_dir() -> Path:
    """The built-in content: inside the installed package, or `flows/` of a source checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "flows"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "flows"


def user_config_dir(env: Mapping[str, str] | None = None) -> Path:
    """The platform's per-user configuration directory for upayhelp content."""
    env = os.environ if env is None else env
    if sys.platform == "win32":
        base = Path(env.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "upayhelp" / "content"


class Layer(NamedTuple):
    """A set of content files that override the layers before it."""

    name: str
    files: tuple[str, ...]
    root: str | None = None
    problems: tuple[Diagnostic, ...] = ()


def display_path(path: str | Path) -> str:
    """A path as short as it can be shown: relative to the working directory when inside it."""
    text = str(path)
    if not os.path.isabs(text):
        return text
    try:
        relative = os.path.relpath(text)
    except ValueError:  # another drive on Windows
        return text
    return text if relative.startswith("..") else relative


def _dir_files(directory: Path) -> tuple[list[str], list[Diagnostic]]:
    """The content files of one directory, refusing symlinks that lead outside it."""
    files: list[str] = []
    problems: list[Diagnostic] = []
    base = display_path(directory)  # each file is shown under it, as display_path would
    root: Path | None = None  # resolved only if a symbolic link needs checking
    with os.scandir(directory) as scan:
        entries = [e for e in scan if e.name.endswith(SUFFIXES) and not e.name.startswith(".")]
    for entry in sorted(entries, key=lambda e: os.path.normcase(e.name)):
        shown = entry.name if base == "." else os.path.join(base, entry.name)
        if entry.is_symlink():
            try:
                target = Path(entry.path).resolve(strict=True)
            except (OSError, RuntimeError) as exc:  # RuntimeError: symlink loop before 3.13
                strerror = getattr(exc, "strerror", None)
                reason = {"reason": strerror} if strerror else in_both("reason", "link-broken")
                problems.append(error(Pos(shown, 1, 1), "file-unreadable", **reason))
                continue
            if root is None:
                root = directory.resolve()
            if root not in target.parents:
                problems.append(
                    error(Pos(shown, 1, 1), "file-unreadable", **in_both("reason", "link-outside"))
                )
                continue
        if entry.is_file():  # follows a link: a link to a directory is not a file
            files.append(shown)
    return files, problems


def directory_layer(directory: str, name: str | None = None) -> Layer:
    """A layer from a content directory; raises NotFoundError when it is not one."""
    path = Path(directory)
    try:
        if not path.exists():
            raise NotFoundError(Message("content-dir-missing", path=directory))
        if not path.is_dir():
            raise NotFoundError(Message("content-not-dir", path=directory))
        files, problems = _dir_files(path)
    except OSError as exc:
        message = Message("content-dir-unreadable", path=directory, reason=exc.strerror)
        raise NotFoundError(message) from None
    except RuntimeError:
        raise NotFoundError(Message("content-dir-loop", path=directory)) from None
    return Layer(name or directory, tuple(files), directory, tuple(problems))


def content_layers(
    content_dirs: Sequence[str] = (), env: Mapping[str, str] | None = None
) -> list[Layer]:
    """Built-in, then the user configuration directory, then UPAYHELP_CONTENT_DIR, then
    --content-dir; later layers override earlier ones."""
    env = os.environ if env is None else env
    layers = [directory_layer(str(builtin_dir()), BUILTIN)]
    config = user_config_dir(env)
    if config.is_dir():
        layers.append(directory_layer(str(config)))
    for directory in (env.get(ENV_DIRS) or "").split(os.pathsep):
        if directory.strip():
            layers.append(directory_layer(directory))
    layers.extend(directory_layer(directory) for directory in content_dirs)
    return layers


def _pattern_check(pattern: str) -> tuple[str, str] | None:
    """Why a red-flag pattern cannot be used, checked exactly as `check` compiles it:
    (English, Chinese), or None."""
    from upayhelp.scam import check_pattern

    reason = check_pattern(pattern, "en")
    return None if reason is None else (reason, check_pattern(pattern, "zh") or reason)


def _parse(path: str) -> ParsedFile:
    """Read, parse, build and check one content file, and remember it in the cache."""
    from upayhelp.content import cache
    from upayhelp.content.build import build
    from upayhelp.content.yaml import load_file

    key = cache.key_of(path)  # the file as it is before it is read
    value, problems = load_file(path)
    if value is None:
        return ParsedFile(path, diagnostics=problems)
    parsed = build(path, value, _pattern_check)
    parsed.diagnostics[:0] = problems
    for entry in parsed.entries:
        if isinstance(entry, Flow):
            parsed.flow_checks.extend(check_flow(entry))
    cache.put(path, parsed, parsed.kind, key)
    return parsed


class Loaded:
    """Merged content, every problem found, and each layer's parsed files."""

    __slots__ = ("content", "diagnostics", "files")

    def __init__(
        self,
        content: Content,
        diagnostics: list[Diagnostic],
        files: list[tuple[Layer, ParsedFile]] | None = None,
    ) -> None:
        self.content = content
        self.diagnostics = diagnostics
        self.files: list[tuple[Layer, ParsedFile]] = files if files is not None else []

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


_KIND_OF: dict[type, str] = {
    Flow: "flow",
    Channel: "channels",
    FaqEntry: "faq",
    Tip: "tips",
    RedFlag: "redflags",
}


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading makes many small objects and no cycles,
    and the collector's repeated passes over them cost as much as the parsing itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(
    layers: Sequence[Layer],
    checked: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
) -> Loaded:
    """Load and merge `layers`; report problems of the files in `checked` (all when None).

    With `kinds`, files of other kinds are not even parsed (a command loads what it uses:
    `diagnose` needs no red-flag rules); a file whose kind cannot be seen without parsing is
    parsed."""
    with _no_gc():
        return _load(layers, checked, None if kinds is None else frozenset(kinds))


_KIND_LINE = re.compile(r"^kind:[ \t]*['\"]?([a-z]+)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


def peek_kind(path: str) -> str | None:
    """The kind of a content file from its one `kind:` line near the top, without parsing it
    (None when there is no such line, or more than one)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return None
    found = _KIND_LINE.findall(head)
    return found[0] if len(found) == 1 else None


def _load(
    layers: Sequence[Layer], checked: Iterable[str] | None, kinds: frozenset[str] | None
) -> Loaded:
    merged: dict[str, dict[str, Entry]] = {kind: {} for kind in _KIND_OF.values()}
    origin: dict[tuple[str, str], tuple[int, Pos]] = {}
    overrides: list[Override] = []
    diagnostics: list[Diagnostic] = []
    files: list[tuple[Layer, ParsedFile]] = []
    flow_checks: dict[str, list[Diagnostic]] = {}
    scoring = Scoring()
    parsed_files = _parse_files([path for layer in layers for path in layer.files], kinds)
    for index, layer in enumerate(layers):
        diagnostics.extend(layer.problems)
        for path in layer.files:
            parsed = parsed_files.get(path)
            if parsed is None:  # a file of a kind this command does not use
                continue
            files.append((layer, parsed))
            diagnostics.extend(parsed.diagnostics)
            if parsed.scoring is not None:
                scoring = scoring.merged(parsed.scoring)
            for entry in parsed.entries:
                kind = _KIND_OF[type(entry)]
                pos = entry.pos or Pos(path, 1, 1)
                previous = origin.get((kind, entry.id))
                if previous is not None and previous[0] == index:
                    label = "flow" if kind == "flow" else kind
                    diagnostics.append(
                        error(pos, "id-duplicate", kind=label, id=entry.id, other=previous[1])
                    )
                    continue
                if previous is not None:
                    overrides.append(Override(kind, entry.id, str(pos), str(previous[1])))
                origin[(kind, entry.id)] = (index, pos)
                merged[kind][entry.id] = entry
                if kind == "flow":
                    flow_checks[entry.id] = parsed.flow_checks
    flows: dict[str, Flow] = merged["flow"]  # type: ignore[assignment]
    channels: dict[str, Channel] = merged["channels"]  # type: ignore[assignment]
    faq: dict[str, FaqEntry] = merged["faq"]  # type: ignore[assignment]
    for flow_id in flows:
        diagnostics.extend(flow_checks[flow_id])
    diagnostics.extend(check_references(flows.values(), channels, faq.values(), list(flows)))
    diagnostics.extend(check_cues(merged["redflags"].values(), scoring))  # type: ignore[arg-type]
    if checked is not None:
        wanted = {os.path.normpath(p) for p in checked}
        diagnostics = [d for d in diagnostics if os.path.normpath(d.pos.path) in wanted]
    diagnostics = _dedupe(diagnostics)
    diagnostics.sort(key=lambda d: (d.pos.path, d.pos.line, d.pos.column))
    content = Content(
        flows=flows,
        channels=channels,
        faq=faq,
        tips=merged["tips"],  # type: ignore[arg-type]
        redflags=merged["redflags"],  # type: ignore[arg-type]
        overrides=tuple(overrides),
        scoring=scoring,
    )
    return Loaded(content, diagnostics, files)


def _parse_files(
    paths: Sequence[str], kinds: frozenset[str] | None = None
) -> dict[str, ParsedFile]:
    """Every file parsed once (a directory given twice is read once); with `kinds`, only the
    files of those kinds (and those whose kind is unknown before parsing)."""
    from upayhelp.content import cache

    parsed: dict[str, ParsedFile] = {}
    for path in dict.fromkeys(paths):
        cached = cache.get(path, kinds)
        if cached is cache.SKIPPED:  # cached, of a kind this command does not use
            continue
        if isinstance(cached, ParsedFile) and cached.path == path:  # its kind is wanted
            parsed[path] = cached
            continue
        if kinds is not None:
            kind = peek_kind(path)
            if kind is not None and kind not in kinds:
                continue
        found = _parse(path)
        if kinds is not None and found.kind is not None and found.kind not in kinds:
            continue  # its kind was only known once parsed: the same as when it is cached
        parsed[path] = found
    return parsed


def _dedupe(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(diagnostics))
