"""Reading YAML safely, with a position for every value.

The parser only composes nodes (no object construction), resolves every untagged scalar as a
string (so `no`, `on` and `0123` stay as written), and the tree is then converted into small
position-carrying values. Duplicate keys, non-core tags, alias bombs, over-deep nesting, files
over the size limit, invalid UTF-8 and multiple documents are reported as diagnostics.
"""

from __future__ import annotations

import os
from typing import Any, Union, cast

import yaml
from yaml.resolver import BaseResolver

from upayhelp.content.diagnostics import Diagnostic, error, in_both
from upayhelp.model import Pos

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Files larger than this are refused before parsing."""
MAX_ALIAS_EXPANSIONS = 100_000
"""Nodes reached again through aliases, summed over a file: beyond this it is an alias bomb."""
MAX_DEPTH = 200
"""Deepest nesting of mappings and sequences accepted."""

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
)
NULL_VALUES = frozenset({"", "~", "null", "Null", "NULL"})

try:  # libyaml's parser keeps positions and is ~10x faster; the pure one is the fallback.
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    class _Loader(_Parser, BaseResolver):
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            BaseResolver.__init__(self)

except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Loader(Reader, Scanner, Parser, Composer, BaseResolver):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)
            BaseResolver.__init__(self)


class PositionLoader(_Loader):
    """Composes one YAML document; every untagged scalar resolves to a string."""

    yaml_implicit_resolvers: dict[str, list[object]] = {}  # noqa: RUF012 - PyYAML's own API


class YScalar:
    """A scalar as written, and where. (Plain slotted classes: a file makes many of these.)"""

    __slots__ = ("plain", "pos", "value")

    def __init__(self, value: str, pos: Pos, plain: bool) -> None:
        self.value = value
        self.pos = pos
        self.plain = plain  # written without quotes, so `~` and an empty value mean "nothing"

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in NULL_VALUES

    def __repr__(self) -> str:
        return f"YScalar({self.value!r}, {self.pos}, plain={self.plain})"


class YMap:
    """A mapping: key text → (key scalar, value)."""

    __slots__ = ("items", "pos")

    def __init__(self, items: dict[str, tuple[YScalar, YValue]], pos: Pos) -> None:
        self.items = items
        self.pos = pos


class YSeq:
    """A sequence."""

    __slots__ = ("items", "pos")

    def __init__(self, items: list[YValue], pos: Pos) -> None:
        self.items = items
        self.pos = pos


YValue = Union[YScalar, YMap, YSeq]  # noqa: UP007 - a runtime alias on 3.10


class _Frame:
    """A mapping or sequence being built: its pending key, anchor and expanded size."""

    __slots__ = ("anchor", "container", "key", "size")

    def __init__(self, container: YMap | YSeq, anchor: str | None) -> None:
        self.container = container
        self.anchor = anchor
        self.key: YValue | None = None
        self.size = 1


class YamlProblem(Exception):
    """Stops reading a file; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.code)
        self.diagnostic = diagnostic


def duplicate_key(key: YScalar, first: YScalar) -> Diagnostic:
    """The problem of a key written a second time in one mapping (the first one is kept)."""
    return error(key.pos, "yaml-duplicate-key", key=key.value, line=first.pos.line)


def _mark_pos(path: str, mark: Any) -> Pos:
    if mark is None:
        return Pos(path, 1, 1)
    return Pos(path, mark.line + 1, mark.column + 1)


class _Composer:
    """Builds Y values from parser events, without recursion.

    Doing this ourselves (rather than through PyYAML's composer) keeps deep nesting cheap to
    refuse, lets an alias bomb be measured before anything is expanded, and checks keys and tags
    as they arrive.
    """

    def __init__(self, path: str, loader: PositionLoader) -> None:
        self.path = path
        self.loader = loader
        self.problems: list[Diagnostic] = []
        self.anchors: dict[str, tuple[YValue, int] | None] = {}  # None while being built
        self.expansions = 0

    def pos(self, mark: Any) -> Pos:
        return _mark_pos(self.path, mark)

    def compose(self) -> YValue | None:
        loader = self.loader
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # DocumentStart
        value = self._document()
        loader.get_event()  # DocumentEnd
        if not loader.check_event(yaml.StreamEndEvent):
            extra = loader.get_event()
            raise YamlProblem(error(self.pos(getattr(extra, "start_mark", None)), "yaml-multi-doc"))
        return value

    def _document(self) -> YValue:
        # The hot loop of loading content: one pass per parser event, so it is written for
        # speed (type dispatch, no helper calls on the common paths).
        stack: list[_Frame] = []
        get_event = self.loader.get_event
        path = self.path
        allowed = _ALLOWED_TAGS
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        problems = self.problems
        while True:
            event: Any = get_event()
            kind = type(event)
            value: YValue
            size = 1
            if kind is scalar_event:
                mark = event.start_mark
                tag = event.tag
                if tag is not None and tag != "!" and tag not in allowed:
                    self._bad_tag(event)
                value = YScalar(
                    event.value, Pos(path, mark.line + 1, mark.column + 1), not event.style
                )
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
            elif kind is mapping_start or kind is sequence_start:
                mark = event.start_mark
                tag = event.tag
                if tag is not None and tag != "!" and tag not in allowed:
                    self._bad_tag(event)
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(error(self.pos(mark), "yaml-depth", limit=MAX_DEPTH))
                pos = Pos(path, mark.line + 1, mark.column + 1)
                container: YMap | YSeq = YMap({}, pos) if kind is mapping_start else YSeq([], pos)
                if event.anchor is not None:
                    self.anchors[event.anchor] = None
                stack.append(_Frame(container, event.anchor))
                continue
            elif kind is alias_event:
                value, size = self._alias(event)
            else:  # MappingEnd / SequenceEnd
                frame = stack.pop()
                value, size = frame.container, frame.size
                if frame.anchor is not None:
                    self.anchors[frame.anchor] = (value, size)
            if not stack:
                return value
            frame = stack[-1]
            frame.size += size
            parent = frame.container
            if type(parent) is YSeq:
                parent.items.append(value)
                continue
            key = frame.key
            if key is None:
                frame.key = value
                continue
            frame.key = None
            items = cast(YMap, parent).items
            if type(key) is not YScalar:
                problems.append(error(key.pos, "yaml-key-type"))
            elif key.value in items:
                problems.append(duplicate_key(key, items[key.value][0]))
            else:
                items[key.value] = (key, value)

    def _bad_tag(self, event: Any) -> None:
        self.problems.append(error(self.pos(event.start_mark), "yaml-tag", tag=event.tag))

    def _alias(self, event: Any) -> tuple[YValue, int]:
        anchor = event.anchor or ""
        if anchor not in self.anchors:
            raise YamlProblem(
                error(
                    self.pos(event.start_mark),
                    "yaml-syntax",
                    **in_both("problem", "yaml-undefined-alias", anchor=event.anchor),
                )
            )
        found = self.anchors[anchor]
        if found is None:
            raise YamlProblem(
                error(self.pos(event.start_mark), "yaml-recursive", anchor=event.anchor)
            )
        self.expansions += found[1]
        if self.expansions > MAX_ALIAS_EXPANSIONS:
            raise YamlProblem(
                error(self.pos(event.start_mark), "yaml-aliases", limit=MAX_ALIAS_EXPANSIONS)
            )
        return found


def _decode(path: str, data: bytes) -> str:
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise YamlProblem(error(_offset_pos(path, data, offset), "file-binary"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblem(
            error(
                _offset_pos(path, data, exc.start), "file-encoding", byte=f"{data[exc.start]:02x}"
            )
        ) from None
    return text.removeprefix("\ufeff")


def _offset_pos(path: str, data: bytes, offset: int) -> Pos:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return Pos(path, data.count(b"\n", 0, offset) + 1, column)


def read_bytes(path: str) -> bytes:
    """The file's bytes, refusing files over MAX_FILE_BYTES without reading them whole."""
    start = Pos(path, 1, 1)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise YamlProblem(error(start, "file-too-large", size=size, limit=MAX_FILE_BYTES))
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise YamlProblem(error(start, "file-unreadable", reason=reason)) from None
    if len(data) > MAX_FILE_BYTES:  # a file that grew, or a device without a size
        raise YamlProblem(error(start, "file-too-large", size=len(data), limit=MAX_FILE_BYTES))
    return data


def parse(path: str, data: bytes) -> tuple[YValue | None, list[Diagnostic]]:
    """Parse one document; returns the value (None when unreadable) and every problem found."""
    try:
        text = _decode(path, data)
        loader = PositionLoader(text)
        try:
            composer = _Composer(path, loader)
            value = composer.compose()
        finally:
            loader.dispose()
        if value is None:
            return None, [error(Pos(path, 1, 1), "yaml-empty")]
        return value, composer.problems
    except YamlProblem as exc:
        return None, [exc.diagnostic]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(path, exc)]
    except yaml.YAMLError as exc:
        return None, [error(Pos(path, 1, 1), "yaml-syntax", problem=str(exc).splitlines()[0])]


def _syntax_error(path: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or ""
    if "expected a single document" in (exc.context or "") + problem:
        return error(_mark_pos(path, mark), "yaml-multi-doc")
    flow_trouble = (
        "expected ',' or '}'",
        "expected ',' or ']'",
        "did not find expected ',' or '}'",
        "did not find expected ',' or ']'",
        "found unexpected ':'",
        "mapping values are not allowed",
        "found unhashable key",
    )
    in_flow = any(t in problem for t in flow_trouble)
    return error(
        _mark_pos(path, mark),
        "yaml-quote-hint" if in_flow else "yaml-syntax",
        **({"problem": problem} if problem else in_both("problem", "yaml-unparsable")),
    )


def load_file(path: str) -> tuple[YValue | None, list[Diagnostic]]:
    """Read and parse one content file."""
    try:
        data = read_bytes(path)
    except YamlProblem as exc:
        return None, [exc.diagnostic]
    return parse(path, data)
