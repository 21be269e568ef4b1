"""Spotting secrets that must never be shown or saved: codes, card numbers, passwords."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CODE = re.compile(r"(?<![\d.,])\d{6}(?![\d.,])")
_CARD = re.compile(r"(?<!\d)\d(?:[ \-]?\d){12,18}(?!\d)")
_LABELLED = re.compile(
    r"(?i)(?<![a-z])(password|passcode|passwd|pwd|pin|cvv|cvc|otp|verification code|sms code"
    r"|code|密码|密碼|口令|支付密码|验证码|驗證碼|校验码|动态码)"
    # "password: x", "code is x", "验证码是 x"; "code 482913" (a value with a digit);
    # "密码abc123" (a Chinese label needs no space)
    r"(\s*(?:[:：=]|(?<![a-z])is(?![a-z])|是|为|為)\s*|\s+(?=\S*\d)|(?<=[码碼令])(?=[a-z0-9]))"
    r"(\S+)"
)
_GROUPED_CARD = re.compile(r"(?<!\d)\d{4}(?:[ \-]\d{4}){2,3}(?:[ \-]\d{1,4})?(?!\d)")

MASK = "•••"
# A labelled secret is a code when its label holds this word or is one of these; else a password.
CODE_WORD = "code"
CODE_LABELS = ("otp", "验证码", "驗證碼", "校验码", "动态码")


@dataclass(frozen=True)
class Secret:
    start: int
    end: int
    kind: str  # "code" | "card" | "password"


def luhn_ok(digits: str) -> bool:
    """The Luhn checksum every payment card number passes."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def label_kind(label: str) -> str:
    """The kind of secret a label announces: "code" or "password"."""
    folded = label.casefold()
    return "code" if CODE_WORD in folded or folded in CODE_LABELS else "password"


def find_secrets(text: str, codes: bool = True) -> list[Secret]:
    """Where `text` holds something that looks like a secret; `codes` also flags bare
    6-digit numbers (verification codes)."""
    found: list[Secret] = []
    for match in _LABELLED.finditer(text):
        found.append(Secret(match.start(3), match.end(3), label_kind(match[1])))
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match[0])
        if 13 <= len(digits) <= 19 and luhn_ok(digits):
            found.append(Secret(match.start(), match.end(), "card"))
    # written in groups of four, it is a card number even when the checksum fails (a typo)
    found.extend(Secret(m.start(), m.end(), "card") for m in _GROUPED_CARD.finditer(text))
    if codes:
        found.extend(Secret(m.start(), m.end(), "code") for m in _CODE.finditer(text))
    found.sort(key=lambda s: (s.start, -s.end))
    merged: list[Secret] = []
    for secret in found:
        if merged and secret.start < merged[-1].end:
            last = merged[-1]
            if secret.end > last.end:
                merged[-1] = Secret(last.start, secret.end, last.kind)
            continue
        merged.append(secret)
    return merged


def redact(text: str, codes: bool = True) -> tuple[str, tuple[str, ...]]:
    """`text` with every secret masked, and the kinds of secret that were masked."""
    normal = unicodedata.normalize("NFKC", text)
    if len(normal) != len(text):  # full-width digits: mask on the normalised form
        text = normal
    secrets = find_secrets(text, codes)
    if not secrets:
        return text, ()
    out: list[str] = []
    last = 0
    for secret in secrets:
        out.append(text[last : secret.start])
        out.append(MASK)
        last = secret.end
    out.append(text[last:])
    return "".join(out), tuple(dict.fromkeys(s.kind for s in secrets))
