"""Making text from content files and users inert for a terminal (no Rich needed)."""

from __future__ import annotations

# Characters that reorder or hide text; shown as their code point instead.
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069"
    "\ufeff\u00ad"
)
_ESCAPED_CATEGORIES = ("Cc", "Cs", "Co")


def clean(text: str, keep_newlines: bool = True) -> str:
    """`text` with control characters, escape sequences and bidi controls made inert."""
    if text.isprintable():  # no control, format or private-use character: nothing to do
        return text
    out: list[str] = []
    for char in text:
        if char == "\n" and keep_newlines:
            out.append(char)
        elif char == "\t":
            out.append("    ")
        elif not char.isprintable() and _escaped(char):
            out.append(f"<U+{ord(char):04X}>")
        else:
            out.append(char)
    return "".join(out)


def _escaped(char: str) -> bool:
    """Whether a character that is not printable is shown as its code point: controls,
    surrogates, private use, and the invisible ones that reorder or hide text. (Other
    unprintable characters, such as separators, are kept.)"""
    # Imported here: the C module costs ~0.6 ms to load, and most text needs no look-up.
    import unicodedata

    return char in _INVISIBLE or unicodedata.category(char) in _ESCAPED_CATEGORIES
