"""Validation of the facts typed at input nodes (date, datetime, amount, order id, text)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

MAX_TEXT = 500

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_TIME = re.compile(
    r"(?:[T\s]+|\s*)(\d{1,2})\s*[:：点時时]\s*(\d{1,2})?(?:\s*[:：]\s*(\d{1,2}))?\s*分?"
)
_AMOUNT = re.compile(
    r"(?:¥|￥|\$|€|£|rmb|cny|usd|hkd|eur|gbp)?\s*"
    r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*"
    r"(?:元|块|塊|rmb|cny|usd|hkd|eur|gbp|dollars?|yuan)?",
    re.IGNORECASE,
)
_ORDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-/#.]{2,63}")

EXAMPLES = {
    "text": "…",
    "date": "2026-01-31",
    "datetime": "2026-01-31 14:30",
    "amount": "128.50",
    "order-id": "A1234567",
}


def _clean(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


def _date(text: str) -> tuple[date | None, str]:
    match = _DATE.match(text)
    if match is None:
        return None, text
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None, text
    return day, text[match.end() :]


_REASONS_ZH = {
    "the value is empty": "内容为空",
    f"at most {MAX_TEXT} characters": f"最多 {MAX_TEXT} 个字符",
    "control characters are not allowed": "不能包含控制字符",
    f"expected a date like {EXAMPLES['date']}, 2026/1/31, yesterday, 3 days ago": (
        f"请输入日期，例如 {EXAMPLES['date']}、2026/1/31、昨天、3天前"
    ),
    f"expected a date and time like {EXAMPLES['datetime']} or yesterday 9pm": (
        f"请输入日期和时间，例如 {EXAMPLES['datetime']}、昨天晚上9点、今天下午3点"
    ),
    f"expected an amount like {EXAMPLES['amount']}": f"请输入金额，例如 {EXAMPLES['amount']}",
    "the amount must be more than zero": "金额必须大于零",
    f"expected an order number like {EXAMPLES['order-id']} (letters, digits, '-')": (
        f"请输入订单号，例如 {EXAMPLES['order-id']}（字母、数字和“-”）"
    ),
}


def validate_value(
    fmt: str, value: str, lang: str = "en", now: datetime | None = None
) -> str | None:
    """None when `value` fits `fmt`, else a short reason (with an example) in `lang`. Dates
    may also be typed as people say them (`yesterday 9pm`, `3天前`), resolved against `now`."""
    reason = _reason(fmt, value)
    if reason is not None and fmt in ("date", "datetime") and resolve_date(value, now):
        reason = None
    if reason is not None and lang == "zh":
        return _REASONS_ZH.get(reason, reason)
    return reason


def resolve_date(value: str, now: datetime | None = None) -> str | None:
    """The date (and time) `value` names, as `2026-01-31` or `2026-01-31 14:30`; None when
    it names none. The parser is imported here, when a date is typed, not at start-up."""
    from upayhelp.dates import resolve

    found = resolve(value, now or datetime.now())
    return found.render() if found is not None else None


def normalize(fmt: str, value: str, now: datetime | None = None) -> str:
    """A valid typed value as it is kept: a date typed in other words keeps those words and
    gains the resolved date, `yesterday 9pm (2026-01-30 21:00)`."""
    text = value.strip()
    if fmt not in ("date", "datetime"):
        return text
    resolved = resolve_date(text, now)
    if resolved is None or resolved == " ".join(text.split()):
        return text
    return f"{text} ({resolved})"


def _reason(fmt: str, value: str) -> str | None:
    text = _clean(value)
    if not text:
        return "the value is empty"
    if len(text) > MAX_TEXT:
        return f"at most {MAX_TEXT} characters"
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text):
        return "control characters are not allowed"
    if fmt == "date":
        day, rest = _date(text)
        if day is None or rest.strip():
            return f"expected a date like {EXAMPLES['date']}, 2026/1/31, yesterday, 3 days ago"
        return None
    if fmt == "datetime":
        day, rest = _date(text)
        if day is None:
            return f"expected a date and time like {EXAMPLES['datetime']} or yesterday 9pm"
        rest = rest.strip()
        if not rest:
            return None
        match = _TIME.fullmatch(rest)
        if match is None:
            return f"expected a date and time like {EXAMPLES['datetime']} or yesterday 9pm"
        hour, minute = int(match[1]), int(match[2] or 0)
        second = int(match[3] or 0)
        try:
            datetime(day.year, day.month, day.day, hour, minute, second)
        except ValueError:
            return f"expected a date and time like {EXAMPLES['datetime']} or yesterday 9pm"
        return None
    if fmt == "amount":
        match = _AMOUNT.fullmatch(text)
        if match is None:
            return f"expected an amount like {EXAMPLES['amount']}"
        if float(match[1].replace(",", "") + "." + (match[2] or "0")) <= 0:
            return "the amount must be more than zero"
        return None
    if fmt == "order-id":
        if _ORDER.fullmatch(text) is None:
            return f"expected an order number like {EXAMPLES['order-id']} (letters, digits, '-')"
        return None
    return None
