"""Validation of the facts typed at input nodes (date, datetime, amount, order id, text)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from upayhelp.i18n import t
from upayhelp.lang import Lang

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


def validate_value(
    fmt: str, value: str, lang: Lang = "en", now: datetime | None = None
) -> str | None:
    """None when `value` fits `fmt`, else a short reason (with an example) in `lang`. Dates
    may also be typed as people say them (`yesterday 9pm`, `3天前`), resolved against `now`."""
    reason = _reason(fmt, value)
    if reason is None or (fmt in ("date", "datetime") and resolve_date(value, now)):
        return None
    return t(reason, lang, limit=MAX_TEXT, example=EXAMPLES.get(fmt, ""))


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
    """The catalogue key (value-*) of why `value` does not fit `fmt`, or None."""
    text = _clean(value)
    if not text:
        return "value-empty"
    if len(text) > MAX_TEXT:
        return "value-too-long"
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text):
        return "value-control"
    if fmt == "date":
        day, rest = _date(text)
        return "value-date" if day is None or rest.strip() else None
    if fmt == "datetime":
        day, rest = _date(text)
        if day is None:
            return "value-datetime"
        rest = rest.strip()
        if not rest:
            return None
        match = _TIME.fullmatch(rest)
        if match is None:
            return "value-datetime"
        hour, minute = int(match[1]), int(match[2] or 0)
        second = int(match[3] or 0)
        try:
            datetime(day.year, day.month, day.day, hour, minute, second)
        except ValueError:
            return "value-datetime"
        return None
    if fmt == "amount":
        match = _AMOUNT.fullmatch(text)
        if match is None:
            return "value-amount"
        if float(match[1].replace(",", "") + "." + (match[2] or "0")) <= 0:
            return "value-not-positive"
        return None
    if fmt == "order-id":
        return "value-order-id" if _ORDER.fullmatch(text) is None else None
    return None
