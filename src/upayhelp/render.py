"""The only module that builds Rich renderables. Every function takes the Console to draw on.

Text from content files and from users goes through `safe()`: it becomes a Rich `Text` (never
parsed as markup) with control characters and bidi overrides made visible and inert.
"""

from __future__ import annotations

import os
import sys
from typing import IO

from rich.console import Console
from rich.text import Text as RichText

from upayhelp.sanitize import clean

__all__ = ["clean", "make_console", "plain", "safe", "section"]


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


def wrap_wide(text: RichText, width: int) -> RichText:
    """Chinese text broken into lines of at most `width` cells, between any two wide characters
    or at spaces, never inside a Latin word; Rich alone would break only at spaces, leaving a
    short line before every long run of Chinese. Text without wide characters is returned as is.
    The tokens and widths are those of the plain writer (`upayhelp.screen`)."""
    from upayhelp.screen import cells, is_wide, tokens

    if width < 4 or not any(is_wide(char) for char in text.plain):
        return text
    out: list[RichText] = []
    for paragraph in text.split("\n", allow_blank=True):
        breaks: list[int] = []
        column = offset = 0
        for token in tokens(paragraph.plain):
            start, offset = offset, offset + len(token)
            size = cells(token)
            if token.isspace():
                if column + size > width:
                    breaks.append(offset)
                    column = 0
                else:
                    column += size
            elif column and column + size > width:
                breaks.append(start)
                column = size
            else:
                column += size
        for line in paragraph.divide(breaks):
            line.rstrip()
            out.append(line)
    return RichText("\n").join(out)


def print_rstripped(console: Console, renderable: object) -> None:
    """Print `renderable`; when piped, without the padding Rich leaves at line ends."""
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as capture:
        console.print(renderable)
    text = "\n".join(line.rstrip() for line in capture.get().splitlines())
    console.file.write(text + "\n")


def lines(items: list[RichText]) -> RichText:
    """Several texts, one per line."""
    return RichText("\n").join(items)
