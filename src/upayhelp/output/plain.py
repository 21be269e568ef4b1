"""The plain writer: headings and indented, wrapped text, with no colour, no trailing spaces and
no Rich (Rich costs ~40 ms to import and lay out; a piped answer does not need it)."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from typing import IO

from upayhelp.output.layout import Para, Span, para, wrap
from upayhelp.sanitize import clean


class PlainScreen:
    """Headings and indented, wrapped text; no colour, no trailing spaces, no Rich."""

    def __init__(self, stream: IO[str] | None = None, width: int | None = None) -> None:
        self.stream = stream or sys.stdout
        self.width = width or shutil.get_terminal_size(fallback=(80, 24)).columns

    def _para(self, spans: Sequence[Span], indent: int) -> None:
        text = clean("".join(text for text, _ in spans))
        for line in wrap(text, self.width - indent):
            self.stream.write((" " * indent + line if line else "") + "\n")

    def section(self, title: str, paras: Sequence[Para], style: str = "cyan") -> None:
        self._para(((title, "bold"),), 0)
        for spans, indent in paras:
            self._para(spans, indent + 2)
        self.stream.write("\n")

    def line(self, *spans: str | Span) -> None:
        words, _ = para(*spans)
        self._para(words, 0)
