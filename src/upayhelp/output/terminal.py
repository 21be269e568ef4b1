"""The Rich side of the text output: the console, panels, wrapped paragraphs. Every function
takes the Console to draw on; Rich is imported only by this module and by the reporters that
draw with it.

Text from content files and from users goes through `safe()`: it becomes a Rich `Text` (never
parsed as markup) with control characters and bidi overrides made visible and inert.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import IO

from rich.console import Console
from rich.text import Text as RichText

from upayhelp.output.layout import Para, Span, para, wrap_wide
from upayhelp.sanitize import clean

__all__ = ["RichScreen", "clean", "make_console", "plain", "safe", "section"]


def safe(text: str, style: str = "") -> RichText:
    """User or content text as a Rich Text: no markup, no control characters."""
    return RichText(clean(text), style=style)


def make_console(
    stream: IO[str] | None = None, width: int | None = None, plain: bool = False
) -> Console:
    """A console for `stream` (stdout by default): colour only on a terminal, NO_COLOR honoured,
    plain text when piped or when `plain` (no boxes, for screen readers)."""
    stream = stream or sys.stdout
    is_tty = bool(getattr(stream, "isatty", lambda: False)()) and not plain
    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    console = Console(
        file=stream,
        width=width,
        highlight=False,
        markup=False,
        emoji=False,
        no_color=no_color,
        color_system="auto" if is_tty and not no_color else None,
        force_terminal=False if not is_tty else None,
        soft_wrap=False,
        legacy_windows=False,
    )

    def broken_pipe() -> None:
        # Rich would exit 1; the reader had enough (`| head -1`), which the app ends with 0
        console.quiet = True
        raise BrokenPipeError()

    console.on_broken_pipe = broken_pipe  # type: ignore[method-assign]
    return console


Block = tuple[RichText, int]  # a paragraph and its indent


def section(
    console: Console, title: str, body: RichText | list[Block], style: str = "cyan"
) -> None:
    """A titled block: a panel on a terminal; a heading and indented, wrapped plain text (no
    trailing spaces) when piped."""
    blocks: list[Block] = [(body, 0)] if isinstance(body, RichText) else body
    if console.is_terminal:
        from rich.console import Group
        from rich.padding import Padding
        from rich.panel import Panel

        inside = console.width - 4  # the panel's border and padding
        inner = Group(
            *(
                Padding(wrap_wide(text, inside - indent), (0, 0, 0, indent))
                for text, indent in blocks
            )
        )
        console.print(Panel(inner, title=safe(title), title_align="left", border_style=style))
        return
    console.print(safe(title, "bold"))
    for text, indent in blocks:
        plain(console, text, indent + 2)
    console.print()


def plain(console: Console, text: RichText, indent: int = 0) -> None:
    """`text` wrapped to the console width, each line indented and right-stripped."""
    width = max(10, console.width - indent)
    for paragraph in wrap_wide(text, width).split("\n", allow_blank=True):
        for line in paragraph.wrap(console, width, overflow="fold"):
            line.rstrip()
            console.print(RichText(" " * indent) + line if line.plain else "", soft_wrap=True)


def lines(items: list[RichText]) -> RichText:
    """Several texts, one per line."""
    return RichText("\n").join(items)


class RichScreen:
    """Panels and colour on a terminal: the Rich twin of `PlainScreen`."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.console = make_console(stream)

    @staticmethod
    def text(spans: Sequence[Span]) -> RichText:
        out = RichText()
        for text, style in spans:
            out.append_text(safe(text, style))
        return out

    def section(self, title: str, paras: Sequence[Para], style: str = "cyan") -> None:
        blocks = [(self.text(spans), indent) for spans, indent in paras]
        section(self.console, title, blocks, style)

    def line(self, *spans: str | Span) -> None:
        words, _ = para(*spans)
        plain(self.console, self.text(words))
