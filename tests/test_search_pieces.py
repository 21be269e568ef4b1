"""The search's tokeniser tells Chinese from other words without a regex class of the Han
ranges (each costs ~1 ms to compile at every start): it must split text exactly as that regex
did."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from upayhelp import search
from upayhelp.search import _pieces, is_han

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_GAP = re.compile(f"(?<=[{_HAN}])\\s+(?=[{_HAN}])")
_TOKEN = re.compile(f"([{_HAN}]+)|[^\\W_{_HAN}]+")


def _pieces_by_regex(text: str) -> list[tuple[bool, str]]:
    """The tokeniser as it was, with the Han class in the regex (fillers left out: both remove
    them the same way, with the same regex)."""
    text = _GAP.sub("", text)
    return [(m.group(1) is not None, m.group(0)) for m in _TOKEN.finditer(text)]


def _without_fillers(text: str) -> list[tuple[bool, str]]:
    patterns = search._patterns()
    saved = patterns.filler
    patterns.filler = re.compile("(?!)")  # matches nothing
    try:
        return _pieces(text)
    finally:
        patterns.filler = saved


# Characters near every boundary that matters: Han blocks and their neighbours, Latin letters
# and digits, spaces of several kinds, punctuation, underscore, full-width forms.
_ALPHABET = st.sampled_from(
    [
        *"充值退款UPay 2026年_-.,，。！?a1Ω",
        *("\u3400", "\u4dbf", "\u4dc0", "\u4e00", "\u9fff", "\ua000", "\uf900", "\ufa6d"),
        *("\u33ff", "\u3000", "\u00a0", "\t", "\n", "\uff21", "\uff11", "\U00020000"),
        *("\U0003134a", "\U00031350", "\u0660", "\u2163"),
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join))
def test_pieces_split_as_the_han_class_regex_did(text: str) -> None:
    assigned = "".join(c for c in text if unicodedata.category(c) != "Cn")
    assert _without_fillers(assigned) == _pieces_by_regex(assigned)


def test_is_han_agrees_with_the_class_near_every_block_edge() -> None:
    han = re.compile(f"[{_HAN}]")
    for start, end in ((0x3300, 0x4F00), (0x9F00, 0xA100), (0xF800, 0xFB00), (0x1FF00, 0x31400)):
        for code in range(start, end):
            assert is_han(chr(code)) == bool(han.match(chr(code))), hex(code)


def test_spaces_between_chinese_go_and_others_stay() -> None:
    assert _without_fillers("充 值 UPay 退 款") == [(True, "充值"), (False, "UPay"), (True, "退款")]
    assert _without_fillers("top up 充值") == [(False, "top"), (False, "up"), (True, "充值")]
