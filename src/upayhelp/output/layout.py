"""Text layout for the terminal: cells, wide characters, line breaking, paragraphs of styled
spans. Pure functions of strings (and, for `wrap_wide`, of a Rich Text it is handed); both the
plain writer and the Rich one lay out text with these, and so do the prompts.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text as RichText

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


def wrap_wide(text: RichText, width: int) -> RichText:
    """Chinese text broken into lines of at most `width` cells, between any two wide characters
    or at spaces, never inside a Latin word; Rich alone would break only at spaces, leaving a
    short line before every long run of Chinese. Text without wide characters is returned as is.
    The tokens and widths are those of the plain writer."""
    from rich.text import Text as RichText

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
