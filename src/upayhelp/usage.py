"""Click's usage messages in Chinese. Click has no catalogue of its own (Typer vendors it without
gettext), so its few message shapes are matched here; imported only when a usage error is shown."""

from __future__ import annotations

import re

_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"No such option: (\S+?)\s*Did you mean (\S+?)\?", r"没有这个选项：\1（是不是想用 \2？）"),
        (
            r"No such option: (\S+?)\s*\(Possible options: (.+)\)",
            r"没有这个选项：\1（可能的选项：\2）",
        ),
        (r"No such option: (\S+)", r"没有这个选项：\1"),
        (r"No such command '(.+)'\.?", r"没有“\1”这个命令"),
        (r"Missing argument '(.+)'\.?", r"缺少参数 \1"),
        (r"Missing option '(.+)'\.?", r"缺少选项 \1"),
        (r"Missing parameter: (.+)", r"缺少参数 \1"),
        (r"Got unexpected extra argument(?:\(s\)|s)? \((.+)\)", r"多余的参数：\1"),
        (r"Option '(.+)' requires an argument\.?", r"选项 \1 需要一个值"),
        (r"Option '(.+)' requires (\d+) arguments\.?", r"选项 \1 需要 \2 个值"),
        (r"Option '(.+)' does not take a value\.?", r"选项 \1 不接受值"),
        (r"Invalid value for (.+?): '(.+)' is not one of (.+)\.", r"\1 的值“\2”无效，可选：\3"),
        (r"Invalid value for (.+?): '(.+)' is not a valid integer\.", r"\1 的值“\2”不是整数"),
        (r"Invalid value for (.+?): (.+)", r"\1 的值无效：\2"),
    )
)

_PARAM_NAMES = {"contact": "联系方式", "topic": "问题", "text": "文字", "query": "问题"}
_PARAMS = re.compile(r"(?<![\w-])(?:contact|topic|text|query)(?![\w-])")

_USAGE = (
    ("Usage: ", "用法："),
    ("[OPTIONS]", "[选项]"),
    ("COMMAND [ARGS]...", "命令 [参数]..."),
    ("[ARGS]...", "[参数]..."),
    ("{contact}", "{联系方式}"),
    ("[TOPIC]", "[问题]"),
    ("[topic]", "[问题]"),
    ("[query]", "[问题]"),
    ("[text]", "[文字]"),
    ("contact...", "联系方式..."),
    ("[command]...", "[命令]..."),
    ("[QUERY]", "[问题]"),
    ("[TEXT]", "[文字]"),
    ("[COMMAND]...", "[命令]..."),
    ("CONTACT...", "联系方式..."),
    ("CONTACT", "联系方式"),
    ("TOPIC", "问题"),
    ("[PATHS]...", "[路径]..."),
    ("[KIND]", "[类型]"),
)


def translate_usage(text: str) -> str:
    """A usage line or a Click error message in Chinese (unknown shapes are kept)."""
    if text.startswith("Usage:"):
        for english, chinese in _USAGE:
            text = text.replace(english, chinese)
        return text
    for pattern, replacement in _MESSAGES:
        match = pattern.fullmatch(text.strip())
        if match:
            return _PARAMS.sub(lambda m: _PARAM_NAMES[m[0]], match.expand(replacement))
    return text
