"""Reporters: a command computes a result (`upayhelp.results`) and one of these prints it.

`TextReporter` draws it for people (Rich on a terminal, plain text when piped); `JsonReporter`
prints its `--json` document. Both take the stream to write to.
"""

from __future__ import annotations

from typing import IO, Protocol


class Reporter(Protocol):
    """What a command needs of a reporter."""

    lists: bool
    """Whether an error may point at a list printed above it."""

    def show(self, result: object) -> None: ...


def reporter(json_out: bool, stream: IO[str] | None = None) -> Reporter:
    """The JSON reporter when `--json` was given, else the text one."""
    if json_out:
        from upayhelp.output.json import JsonReporter

        return JsonReporter(stream)
    from upayhelp.output.text import TextReporter

    return TextReporter(stream)
