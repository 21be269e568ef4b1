"""The only module that builds Rich renderables. Every function takes the Console to draw on.

Text from content files and from users goes through `safe()`: it becomes a Rich `Text` (never
parsed as markup) with control characters and bidi overrides made visible and inert.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from typing import IO

from rich.console import Console
from rich.text import Text as RichText

# Characters that reorder or hide text; shown as their code point instead.
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069"
    "\ufeff\u00ad"
)


def clean(text: str, keep_newlines: bool = True) -> str:
    """`text` with control characters, escape sequences and bidi controls made inert."""
    out: list[str] = []
    for char in text:
        if char == "\n" and keep_newlines:
            out.append(char)
        elif char == "\t":
            out.append("    ")
        elif char in _INVISIBLE or unicodedata.category(char) in ("Cc", "Cs", "Co"):
            out.append(f"<U+{ord(char):04X}>")
        else:
            out.append(char)
    return "".join(out)


def safe(text: str, style: str = "") -> RichText:
    """User or content text as a Rich Text: no markup, no control characters."""
    return RichText(clean(text), style=style)


def make_console(stream: IO[str] | None = None, width: int | None = None) -> Console:
    """A console for `stream` (stdout by default): colour only on a terminal, NO_COLOR honoured,
    plain text when piped."""
    stream = stream or sys.stdout
    is_tty = bool(getattr(stream, "isatty", lambda: False)())
    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    return Console(
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


def section(console: Console, title: str, body: RichText, style: str = "cyan") -> None:
    """A titled block: a panel on a terminal, a heading and indented text when piped."""
    if console.is_terminal:
        from rich.panel import Panel

        console.print(Panel(body, title=safe(title), title_align="left", border_style=style))
        return
    from rich.padding import Padding

    console.print(safe(title, "bold"))
    console.print(Padding(body, (0, 0, 1, 2), expand=False))


def lines(items: list[RichText]) -> RichText:
    """Several texts, one per line."""
    return RichText("\n").join(items)
