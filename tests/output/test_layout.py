"""The Rich-free plain writer: wrapping by terminal cells, Chinese and Latin alike."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from upayhelp.output.layout import cells, para, tokens, wrap
from upayhelp.output.plain import PlainScreen


def test_cells() -> None:
    assert cells("abc") == 3
    assert cells("充值") == 4
    assert cells("ｕ") == 2
    assert cells("e\u0301") == 1


def test_wrap_breaks_between_chinese_characters_not_inside_words() -> None:
    lines = wrap("请在 UPay 应用内或官方网站上查找官方联系方式，不要使用搜索结果", 20)
    assert all(cells(line) <= 20 for line in lines)
    assert (
        "".join(lines).replace(" ", "")
        == "请在UPay应用内或官方网站上查找官方联系方式，不要使用搜索结果"
    )
    assert not any(line.startswith("，") for line in lines)
    assert wrap("one two three four", 9) == ["one two", "three", "four"]


@given(st.text(alphabet=st.sampled_from("ab 充值，。x\n"), max_size=200), st.integers(8, 60))
def test_wrap_keeps_every_character_within_the_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cells(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_plain_section_has_no_trailing_spaces_or_markup() -> None:
    out = io.StringIO()
    PlainScreen(out, width=30).section(
        "Title [bold]", [para("body text that is long enough to wrap around", indent=1)]
    )
    text = out.getvalue()
    assert text.startswith("Title [bold]\n")
    assert all(line == line.rstrip() for line in text.splitlines())


@given(st.text(alphabet=st.sampled_from("充值钱包，。、；：？！）」』”（「『“ab"), max_size=120))
def test_chinese_line_breaking_rules(text: str) -> None:
    for width in (8, 11, 20, 37):
        if any(cells(token) > width for token in tokens(text)):
            continue  # a word longer than the line is folded wherever it must be
        lines = wrap(text, width)
        for line in lines[1:]:  # where a line was broken, it does not start with these
            assert line[:1] not in "，。、；：？！）」』”", (width, lines)
        for line in lines[:-1]:  # and the line before does not end with these
            assert line[-1:] not in "（「『“", (width, lines)
