"""`sanitize.clean`: what reaches the terminal from content files and users."""

from __future__ import annotations

import subprocess
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from upayhelp.sanitize import _INVISIBLE, clean


def _reference(text: str, keep_newlines: bool = True) -> str:
    """The rule written out plainly: each character looked up in the Unicode database."""
    out = []
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


def test_every_code_point_alone_as_the_rule_says() -> None:
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        for keep in (True, False):
            assert clean(char, keep) == _reference(char, keep), hex(code)


@given(st.text(alphabet=st.characters(codec=None)), st.booleans())
def test_any_text_as_the_rule_says(text: str, keep: bool) -> None:
    assert clean(text, keep) == _reference(text, keep)


def test_examples() -> None:
    assert clean("充值\x1b[31m失败\x07") == "充值<U+001B>[31m失败<U+0007>"
    assert clean("a\u202eb\tc\nd") == "a<U+202E>b    c\nd"
    assert clean("a\nb", keep_newlines=False) == "a<U+000A>b"
    assert clean("plain text, 中文 and ６") == "plain text, 中文 and ６"
    assert clean("\ue000\ud800") == "<U+E000><U+D800>"


def test_printable_text_needs_no_unicode_database() -> None:
    code = (
        "import sys; from upayhelp.sanitize import clean; "
        "clean('Is your network working? 网络正常吗？'); "
        "print('unicodedata' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
