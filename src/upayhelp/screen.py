"""Output for the one-shot answers (`faq`, `contacts`): Rich panels on a terminal, and plain text,
written without importing Rich, when the output is piped.

Rich costs ~40 ms to import and lay out; a plain answer does not need it. Both paths take the same
input: paragraphs made of (text, style) spans with an indent.
"""

from __future__ import annotations

import os
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from upayhelp.sanitize import clean

if TYPE_CHECKING:
    from upayhelp.model import Channel, Lang

Span = tuple[str, str]  # text and a Rich style name
Para = tuple[tuple[Span, ...], int]  # spans and an indent


def para(*spans: str | Span, indent: int = 0) -> Para:
    """A paragraph: plain strings or (text, style) pairs."""
    return tuple((s, "") if isinstance(s, str) else s for s in spans), indent


_CLOSING = frozenset("，。、；：？！）》」』】〕〉”’,.;:?!)")
"""Punctuation that must not start a line: it stays with the character before it."""

_OPENING = frozenset("（《「『【〔〈“‘")
"""Punctuation that must not end a line: it stays with what follows it."""


def is_wide(char: str) -> bool:
    """Whether `char` takes two terminal cells."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def tokens(text: str) -> list[str]:
    """Runs of spaces, Latin words, and single wide characters (with closing punctuation);
    joined, they give back `text`."""
    out: list[str] = []
    word = ""
    for char in text:
        if char.isspace():
            if word and not word[-1].isspace():
                out.append(word)
                word = ""
            word += char
        elif is_wide(char):
            if char in _CLOSING and word and not word[-1].isspace():
                word += char  # "UPay，": stays with the word before it
                continue
            if char in _CLOSING and out and not word:
                out[-1] += char
                continue
            if word:
                out.append(word)
                word = ""
            out.append(char)
        else:
            if word and word[-1].isspace():
                out.append(word)
                word = ""
            if not word and char in _CLOSING and out and _joins(out[-1][-1]):
                out[-1] += char
                continue
            word += char
    if word:
        out.append(word)
    glued: list[str] = []
    for token in out:
        if glued and glued[-1][-1] in _OPENING and not token.isspace():
            glued[-1] += token
        else:
            glued.append(token)
    return glued


def _joins(char: str) -> bool:
    """Whether closing punctuation stays with a token ending in `char` (Chinese text, or
    punctuation itself: "」”" is not split)."""
    return is_wide(char) or char in _CLOSING or char in _OPENING


def cells(text: str) -> int:
    """Terminal cells `text` takes: wide characters two, combining marks none."""
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if is_wide(char) else 1
    return total


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` cells: breaks at spaces and between wide characters, never
    inside a Latin word unless the word alone is too long."""
    width = max(width, 8)
    out: list[str] = []
    for paragraph in text.split("\n"):
        line, size = "", 0
        for number, token in enumerate(tokens(paragraph)):
            length = cells(token)
            if token.isspace():
                if size + length > width:
                    out.append(line.rstrip())
                    line, size = "", 0
                elif line or number == 0:  # keep a paragraph's own indentation
                    line, size = line + token, size + length
                continue
            if size and size + length > width:
                out.append(line.rstrip())
                line, size = "", 0
            while length > width:  # a word longer than the line: fold it
                cut, used = 0, 0
                while cut < len(token) and used + cells(token[cut]) <= width - size:
                    used += cells(token[cut])
                    cut += 1
                out.append((line + token[:cut]).rstrip())
                token, line, size = token[cut:], "", 0
                length = cells(token)
            line, size = line + token, size + length
        out.append(line.rstrip())
    return out


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


class RichScreen:
    """Panels and colour on a terminal, through `upayhelp.render`."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        from upayhelp.render import make_console

        self.console = make_console(stream)

    @staticmethod
    def text(spans: Sequence[Span]) -> object:
        from rich.text import Text

        from upayhelp.render import safe

        out = Text()
        for text, style in spans:
            out.append_text(safe(text, style))
        return out

    def section(self, title: str, paras: Sequence[Para], style: str = "cyan") -> None:
        from upayhelp.render import section

        blocks = [(self.text(spans), indent) for spans, indent in paras]
        section(self.console, title, blocks, style)  # type: ignore[arg-type]

    def line(self, *spans: str | Span) -> None:
        from upayhelp.render import plain

        words, _ = para(*spans)
        plain(self.console, self.text(words))  # type: ignore[arg-type]


Screen = PlainScreen | RichScreen


def screen_for(stream: IO[str] | None = None) -> Screen:
    """Rich on a terminal, plain text otherwise (and `TERM=dumb` counts as plain)."""
    stream = stream or sys.stdout
    is_tty = bool(getattr(stream, "isatty", lambda: False)())
    if is_tty and os.environ.get("TERM") != "dumb":
        return RichScreen(stream)
    return PlainScreen(stream)


def channel_paras(channels: Sequence[Channel], lang: Lang, numbered: bool = True) -> list[Para]:
    """Each channel: name, how to reach it, what it is best for, and its addresses if any."""
    from upayhelp.i18n import t

    out: list[Para] = []
    for number, channel in enumerate(channels, 1):
        out.append(para(f"{number}. " if numbered else "• ", (channel.name.get(lang), "bold")))
        out.append(para(channel.how.get(lang), indent=3))
        out.append(para((t("best-for", lang) + channel.best_for.get(lang), "dim"), indent=3))
        if channel.addresses:
            listed = ", ".join(channel.addresses)
            out.append(para((t("official", lang) + listed, "green"), indent=3))
    return out
