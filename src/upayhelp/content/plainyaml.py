"""A fast reader for the plain subset of YAML that content files are mostly written in.

PyYAML hands libyaml's events to Python one object at a time, and turning 130,000 events into
positioned values costs far more than the parsing itself. Most content is written in a small,
regular part of YAML: block mappings and sequences indented with spaces, one-line plain or
quoted scalars, and one-line flow collections such as `{zh: …, en: …}`. This module reads
exactly that part, line by line, into the same values (`YScalar`, `YMap`, `YSeq`) with the same
positions as `upayhelp.content.yaml` would produce.

It is deliberately narrow: the moment a file uses anything else (anchors, aliases, tags, block
scalars, multi-line scalars, comments inside flow collections, tabs, unusual characters, a key
that is not a simple word, anything that might be an error) it gives up and returns None, and
the file is read by libyaml as before. `tests/test_plain_yaml.py` checks, on the YAML test suite,
on every content file of the project and on generated documents, that it either gives up or
agrees with libyaml exactly.
"""

from __future__ import annotations

import re
from typing import cast

from upayhelp.content.diagnostics import Diagnostic
from upayhelp.content.yaml import MAX_DEPTH, YMap, YScalar, YSeq, YValue, duplicate_key
from upayhelp.model import Pos

_FLOW_DEPTH = 4
"""Deepest nesting of flow collections read here (more: give up)."""
_BLOCK_DEPTH = MAX_DEPTH - _FLOW_DEPTH - 2
"""Deepest nesting of blocks read here, so that blocks and flows together stay under MAX_DEPTH
(deeper: give up, and libyaml's reader reports the limit)."""

# Anything that libyaml treats specially or refuses: tabs, carriage returns and other controls,
# the other line breaks (NEL, LS, PS), byte order marks, non-characters and lone surrogates.
_UNUSUAL = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# A mapping key: a simple word (ids and field names), then ':' and a space or the line end.
# libyaml refuses a key longer than 1024 characters: a longer word does not match, so we give up.
_KEY = re.compile(r"(\w[\w.\-]{0,1023}):(?: +|$)")
# What may start a plain scalar: not a YAML indicator, not a space.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@` ")
# Characters that end, or might end, a plain scalar inside a flow collection.
_FLOW_STOP = re.compile(r"[,\[\]{}:#]")
# One scalar of a flow collection and what follows it: quoted, or plain up to a flow indicator.
_FLOW_VALUE = r"""(?P<value>'(?:[^']|'')*'|"[^"\\]*"|[^ ,\[\]{}:#'"&*!|>%@`?\-][^,\[\]{}:#]*?) *"""
_FLOW_PAIR = re.compile(r" *(?P<key>\w[\w.\-]{0,1023}): +" + _FLOW_VALUE + r"[,}]")
_FLOW_ITEM = re.compile(r" *" + _FLOW_VALUE + r"[,\]]")


class _GiveUp(Exception):
    """The text is outside the plain subset."""


class _Frame:
    __slots__ = ("container", "indent", "pending")

    def __init__(self, container: YMap | YSeq, indent: int) -> None:
        self.container = container
        self.indent = indent
        self.pending: YScalar | None = None  # a key written as `key:` awaiting a nested block


def parse(path: str, text: str) -> tuple[YValue, list[Diagnostic]] | None:
    """The document's value and its problems (duplicate keys), or None to use libyaml."""
    if _UNUSUAL.search(text):
        return None
    try:
        return _Reader(path).read(text)
    except _GiveUp:
        return None


class _Reader:
    __slots__ = ("path", "problems")

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Diagnostic] = []

    def read(self, text: str) -> tuple[YValue, list[Diagnostic]]:
        # The hot loop: one pass per line, with the common cases (a `key: value` line in the
        # current mapping, a plain value) written out inline.
        path = self.path
        new_pos = tuple.__new__
        stack: list[_Frame] = []
        root: YMap | None = None
        # After a scalar value, a more indented line would continue it: give up on that.
        limit = -1
        key_match = _KEY.match
        special = _INDICATORS
        top: _Frame | None = None
        for number, line in enumerate(text.split("\n"), 1):
            stripped = line.lstrip(" ")
            if not stripped or stripped[0] == "#":
                continue
            indent = len(line) - len(stripped)
            if indent > limit >= 0:
                raise _GiveUp
            if stripped[0] == "-":
                if indent == 0 and stripped.startswith("---"):  # `...` is no key: given up below
                    raise _GiveUp
                if len(stripped) == 1 or stripped[1] == " ":
                    top, limit = self._item(stack, stripped, indent, number)
                    continue
            match = key_match(stripped)
            if match is None:
                raise _GiveUp
            if top is None or top.indent != indent or top.pending is not None:
                if root is None:
                    if indent:
                        raise _GiveUp
                    root = YMap({}, new_pos(Pos, (path, number, 1)))
                    top = _Frame(root, 0)
                    stack.append(top)
                top = self._mapping_for(stack, indent, number)
            elif type(top.container) is not YMap:
                top = self._mapping_for(stack, indent, number)
            end = match.end()
            rest = stripped[end:]
            name = match.group(1)
            key = YScalar(name, new_pos(Pos, (path, number, indent + 1)), True)
            if not rest or rest[0] == "#":
                top.pending = key
                limit = -1
                continue
            limit = indent
            if rest[0] in special or "#" in rest or ": " in rest or rest[-1] in ": ":
                value = self._value(rest, number, indent + end)
                if value is None:
                    raise _GiveUp
            else:
                value = YScalar(rest, new_pos(Pos, (path, number, indent + end + 1)), True)
            items = cast(YMap, top.container).items
            if name in items:
                self.problems.append(duplicate_key(key, items[name][0]))
            else:
                items[name] = (key, value)
        if root is None or any(frame.pending is not None for frame in stack):
            raise _GiveUp
        return root, self.problems

    def _item(
        self, stack: list[_Frame], stripped: str, indent: int, number: int
    ) -> tuple[_Frame, int]:
        """A `- ` line: its item added; (the innermost open block, the continuation limit)."""
        frame = self._sequence_for(stack, indent, number)
        rest = stripped[1:].lstrip(" ")
        column = indent + len(stripped) - len(rest)
        if not rest or rest[0] == "#":
            raise _GiveUp
        match = _KEY.match(rest)
        if match is None:
            item = self._value(rest, number, column)
            if item is None:
                raise _GiveUp
            cast(YSeq, frame.container).items.append(item)
            return frame, indent
        mapping = YMap({}, Pos(self.path, number, column + 1))
        cast(YSeq, frame.container).items.append(mapping)
        if len(stack) >= _BLOCK_DEPTH:
            raise _GiveUp
        inner = _Frame(mapping, column)
        stack.append(inner)
        return inner, self._entry(inner, match, rest, number, column)

    def _close(self, stack: list[_Frame], indent: int) -> _Frame:
        """Close the blocks more indented than `indent`; the innermost open one."""
        while stack[-1].indent > indent:
            if stack[-1].pending is not None:  # `key:` with nothing under it: a null
                raise _GiveUp
            stack.pop()
            if not stack:
                raise _GiveUp
        return stack[-1]

    def _mapping_for(self, stack: list[_Frame], indent: int, number: int) -> _Frame:
        """The mapping that a `key:` line at `indent` belongs to."""
        top = stack[-1]
        if top.pending is not None and indent > top.indent:
            return self._open(stack, top, YMap({}, Pos(self.path, number, indent + 1)), indent)
        top = self._close(stack, indent)
        if type(top.container) is YSeq and top.indent == indent and len(stack) > 1:
            # an indentless sequence (`key:` then `- item` at the key's indent) ends here
            stack.pop()
            top = stack[-1]
        if top.indent != indent or type(top.container) is not YMap or top.pending is not None:
            raise _GiveUp
        return top

    def _sequence_for(self, stack: list[_Frame], indent: int, number: int) -> _Frame:
        """The sequence that a `- ` line at `indent` belongs to."""
        if not stack:
            raise _GiveUp
        top = stack[-1]
        if top.pending is not None and (
            indent > top.indent or (indent == top.indent and type(top.container) is YMap)
        ):
            return self._open(stack, top, YSeq([], Pos(self.path, number, indent + 1)), indent)
        top = self._close(stack, indent)
        if top.indent != indent or type(top.container) is not YSeq:
            raise _GiveUp
        return top

    def _open(self, stack: list[_Frame], parent: _Frame, child: YMap | YSeq, indent: int) -> _Frame:
        key = parent.pending
        assert key is not None
        parent.pending = None
        self._put(parent.container, key, child)  # type: ignore[arg-type]
        if len(stack) >= _BLOCK_DEPTH:
            raise _GiveUp
        frame = _Frame(child, indent)
        stack.append(frame)
        return frame

    def _entry(
        self, frame: _Frame, match: re.Match[str], text: str, number: int, column: int
    ) -> int:
        """Add `key: value` (text starts at 0-based `column`); the continuation limit."""
        key = YScalar(match.group(1), Pos(self.path, number, column + 1), True)
        rest = text[match.end() :]
        if not rest or rest[0] == "#":
            frame.pending = key
            return -1
        value = self._value(rest, number, column + match.end())
        if value is None:
            raise _GiveUp
        self._put(frame.container, key, value)  # type: ignore[arg-type]
        return column

    def _put(self, mapping: YMap, key: YScalar, value: YValue) -> None:
        items = mapping.items
        if key.value in items:
            self.problems.append(duplicate_key(key, items[key.value][0]))
        else:
            items[key.value] = (key, value)

    def _value(self, text: str, number: int, column: int) -> YValue | None:
        """A one-line value starting at 0-based `column`, with an optional trailing comment."""
        first = text[0]
        if first in "{[":
            value, end = self._flow(text, 0, number, column, 0)
        elif first == "'" or first == '"':
            value, end = self._quoted(text, 0, number, column)
        elif first in _INDICATORS:
            return None
        else:
            cut = text.find(" #")
            body = (text if cut < 0 else text[:cut]).rstrip(" ")
            if ": " in body or body.endswith(":"):
                return None
            return YScalar(body, Pos(self.path, number, column + 1), True)
        tail = text[end:]
        stripped = tail.lstrip(" ")
        if stripped and (stripped[0] != "#" or stripped == tail):
            return None
        return value

    def _quoted(self, text: str, start: int, number: int, column: int) -> tuple[YScalar, int]:
        quote = text[start]
        pos = Pos(self.path, number, column + start + 1)
        if quote == '"':
            end = text.find('"', start + 1)
            if end < 0 or "\\" in text[start:end]:
                raise _GiveUp
            return YScalar(text[start + 1 : end], pos, False), end + 1
        parts: list[str] = []
        index = start + 1
        while True:
            end = text.find("'", index)
            if end < 0:
                raise _GiveUp
            parts.append(text[index:end])
            if text.startswith("''", end):
                parts.append("'")
                index = end + 2
                continue
            return YScalar("".join(parts), pos, False), end + 1

    def _flow(
        self, text: str, start: int, number: int, column: int, depth: int
    ) -> tuple[YValue, int]:
        """A flow mapping or sequence on one line; (value, index after it)."""
        reported = len(self.problems)
        found = self._simple_flow(text, start, number, column)
        if found is None:  # read again in full: forget what the quick attempt reported
            del self.problems[reported:]
            found = self._flow_general(text, start, number, column, depth)
        return found

    def _simple_flow(
        self, text: str, start: int, number: int, column: int
    ) -> tuple[YValue, int] | None:
        """A flow collection of scalars only (`{zh: …, en: …}`, `[a, b]`), matched item by item
        with one expression each; None when it is anything else."""
        pos = tuple.__new__(Pos, (self.path, number, column + start + 1))
        if text[start] == "{":
            mapping = YMap({}, pos)
            end = self._simple_pairs(text, start + 1, number, column, mapping)
            return None if end is None else (mapping, end)
        sequence = YSeq([], pos)
        index = start + 1
        while True:
            match = _FLOW_ITEM.match(text, index)
            if match is None:
                return None
            sequence.items.append(self._flow_scalar(match, number, column))
            index = match.end()
            if text[index - 1] == "]":
                return sequence, index

    def _simple_pairs(
        self, text: str, index: int, number: int, column: int, mapping: YMap
    ) -> int | None:
        items = mapping.items
        while True:
            match = _FLOW_PAIR.match(text, index)
            if match is None:
                return None
            value = self._flow_scalar(match, number, column)
            name = match.group("key")
            key_pos = tuple.__new__(Pos, (self.path, number, column + match.start("key") + 1))
            key = YScalar(name, key_pos, True)
            if name in items:  # `_put`, written out: flow pairs are on the hot path
                self.problems.append(duplicate_key(key, items[name][0]))
            else:
                items[name] = (key, value)
            index = match.end()
            if text[index - 1] == "}":
                return index

    def _flow_scalar(self, match: re.Match[str], number: int, column: int) -> YScalar:
        raw = match.group("value")
        pos = tuple.__new__(Pos, (self.path, number, column + match.start("value") + 1))
        quote = raw[0]
        if quote == "'":
            return YScalar(raw[1:-1].replace("''", "'"), pos, False)
        if quote == '"':
            return YScalar(raw[1:-1], pos, False)
        return YScalar(raw.rstrip(" "), pos, True)

    def _flow_general(
        self, text: str, start: int, number: int, column: int, depth: int
    ) -> tuple[YValue, int]:
        """A flow mapping or sequence on one line, nested ones included."""
        if depth >= _FLOW_DEPTH:
            raise _GiveUp
        path = self.path
        opening = text[start]
        closing = "}" if opening == "{" else "]"
        container: YMap | YSeq = (
            YMap({}, Pos(path, number, column + start + 1))
            if opening == "{"
            else YSeq([], Pos(path, number, column + start + 1))
        )
        index = self._skip(text, start + 1)
        if text.startswith(closing, index):
            return container, index + 1
        while True:
            if isinstance(container, YMap):
                match = _KEY.match(text, index)
                if match is None or not match.group(0).endswith(" "):
                    raise _GiveUp
                key = YScalar(match.group(1), Pos(path, number, column + index + 1), True)
                index = match.end()
                value, index = self._flow_item(text, index, number, column, depth)
                self._put(container, key, value)
            else:
                value, index = self._flow_item(text, index, number, column, depth)
                container.items.append(value)
            index = self._skip(text, index)
            if text.startswith(closing, index):
                return container, index + 1
            if not text.startswith(",", index):
                raise _GiveUp
            index = self._skip(text, index + 1)
            if index >= len(text) or text[index] in ",]}":
                raise _GiveUp

    def _flow_item(
        self, text: str, index: int, number: int, column: int, depth: int
    ) -> tuple[YValue, int]:
        if index >= len(text):
            raise _GiveUp
        first = text[index]
        if first in "{[":
            return self._flow(text, index, number, column, depth + 1)
        if first == "'" or first == '"':
            return self._quoted(text, index, number, column)
        if first in _INDICATORS:
            raise _GiveUp
        stop = _FLOW_STOP.search(text, index)
        if stop is None or text[stop.start()] in ":#":
            raise _GiveUp
        body = text[index : stop.start()].rstrip(" ")
        return YScalar(body, Pos(self.path, number, column + index + 1), True), stop.start()

    @staticmethod
    def _skip(text: str, index: int) -> int:
        while index < len(text) and text[index] == " ":
            index += 1
        return index
