"""The shared text helpers: one table each, used the same way by search, check and verify."""

from __future__ import annotations

from upayhelp import scam, search, verify
from upayhelp.text import HOMOGLYPHS, T2S, damerau_levenshtein, to_simplified


def test_traditional_to_simplified() -> None:
    assert to_simplified("請把驗證碼告訴我") == "请把验证码告诉我"
    assert to_simplified("帳戶凍結") == "账户冻结"
    for source, target in T2S.items():
        assert chr(source) != chr(target)
        assert len(chr(source)) == len(chr(target)) == 1
        assert target not in T2S  # a simplified character is its own fixed point


def test_homoglyphs_are_other_scripts_imitating_ascii() -> None:
    for letter, latin in HOMOGLYPHS.items():
        assert not letter.isascii()
        assert latin.isascii()
        assert len(latin) == 1


def test_every_user_of_the_tables_agrees() -> None:
    """search, check and verify fold the same letters the same way."""
    assert search.normalize("帳戶") == "账户"
    assert scam.normalize("帳戶").text == "账户"
    for letter in HOMOGLYPHS:
        folded = scam.normalize(letter + "x").text
        assert folded.isascii()
        assert folded == verify.skeleton(letter + "x")


def test_one_edit_distance() -> None:
    assert damerau_levenshtein("upay", "upay") == 0
    assert damerau_levenshtein("upay", "uapy") == 1  # a swap is one edit
    assert damerau_levenshtein("upay", "upaay") == 1
    assert damerau_levenshtein("upay", "xxxxxxxx") == 3  # past the limit: limit + 1
    assert damerau_levenshtein("abc", "abd", limit=0) == 1
