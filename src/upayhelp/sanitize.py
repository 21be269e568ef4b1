"""Making text from content files and users inert for a terminal (no Rich needed)."""

from __future__ import annotations

import unicodedata

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
