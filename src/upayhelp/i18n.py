"""Choosing the user's language, and the program's own (non-content) strings."""

from __future__ import annotations

import os
from collections.abc import Mapping

from upayhelp.model import Lang

ENV_LANG = "UPAYHELP_LANG"


def parse_lang(value: str) -> Lang | None:
    """`zh`, `zh-CN`, `zh_TW.UTF-8` → zh; `en*` → en; anything else → None."""
    folded = value.strip().casefold().replace("_", "-")
    if folded.startswith("zh") or folded in ("中文", "chinese", "cn"):
        return "zh"
    if folded.startswith("en") or folded == "english":
        return "en"
    return None


def resolve_lang(option: str | None, env: Mapping[str, str] | None = None) -> Lang:
    """`--lang`, then UPAYHELP_LANG, then the locale (LC_ALL, LC_MESSAGES, LANG); zh* gives
    Chinese, anything else English. An unknown --lang is the caller's usage error."""
    env = os.environ if env is None else env
    if option:
        lang = parse_lang(option)
        if lang is not None:
            return lang
    chosen = env.get(ENV_LANG, "")
    if chosen and (lang := parse_lang(chosen)) is not None:
        return lang
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "zh" if value.casefold().startswith("zh") else "en"
    return "en"


# The program's own strings, by key: (English, Chinese).
STRINGS: dict[str, tuple[str, str]] = {
    "error": ("error", "错误"),
    "warning": ("warning", "警告"),
    "debug-hint": (
        "this is a bug in upayhelp; rerun with --debug for the traceback",
        "这是 upayhelp 的缺陷；加上 --debug 重新运行可查看详细信息",
    ),
    "interrupted": ("interrupted", "已中断"),
    "anti-scam": (
        "Real UPay support never asks for your password, payment PIN or SMS verification code, "
        'never asks you to move money to a "safe account", and never asks you to install a '
        "screen-sharing app. Find contact details only inside the UPay app or on the official "
        "website, never from a search result, a text message or a caller.",
        "真正的 UPay 客服绝不会索要你的密码、支付密码或短信验证码，不会让你把钱转到“安全账户”，"
        "也不会让你安装屏幕共享软件。联系方式只在 UPay 应用内或官方网站上查找，"
        "不要相信搜索结果、短信或来电中提供的号码。",
    ),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The program string `key` in `lang`, formatted with `values`."""
    en, zh = STRINGS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text
