"""Dates and times as people type them, resolved against "now".

`2026-01-31 14:30`, `2026/1/31`, `2026年1月31日 下午3点`, `1/31`, `today`, `yesterday 9pm`,
`3 days ago`, `昨天晚上9点`, `3天前`, `前天早上8点半`. Standard library only; imported only when an
input node asks for a date (the start-up path never needs it).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class Resolved:
    """A resolved date, and the time of day when one was given."""

    day: date
    hour: int | None = None
    minute: int = 0

    def render(self) -> str:
        if self.hour is None:
            return self.day.isoformat()
        return f"{self.day.isoformat()} {self.hour:02d}:{self.minute:02d}"


_ABSOLUTE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*[/月]\s*(\d{1,2})\s*[日号]?")
_DAYS_AGO = re.compile(r"(\d{1,3})\s*(?:天前|日前|days?\s+ago)")
_WORDS = (
    # longest first: "the day before yesterday" before "yesterday", "前天" before "天"
    ("the day before yesterday", 2),
    ("day before yesterday", 2),
    ("yesterday", 1),
    ("today", 0),
    ("tonight", 0),
    ("last night", 1),
    ("this morning", 0),
    ("this afternoon", 0),
    ("this evening", 0),
    ("大前天", 3),
    ("前天", 2),
    ("昨天", 1),
    ("昨日", 1),
    ("昨晚", 1),
    ("昨夜", 1),
    ("今天", 0),
    ("今日", 0),
    ("今晚", 0),
    ("今早", 0),
    ("刚才", 0),
    ("刚刚", 0),
    ("just now", 0),
    ("now", 0),
)
_EVENING_WORDS = ("tonight", "last night", "this evening", "昨晚", "昨夜", "今晚")
_AFTERNOON_WORDS = ("this afternoon",)
_MORNING_WORDS = ("this morning", "今早")
_NOW_WORDS = ("刚才", "刚刚", "just now", "now")
_PERIODS_ZH = (
    ("凌晨", "am"),
    ("早上", "am"),
    ("早晨", "am"),
    ("上午", "am"),
    ("清晨", "am"),
    ("中午", "noon"),
    ("下午", "pm"),
    ("傍晚", "pm"),
    ("晚上", "pm"),
    ("夜里", "pm"),
    ("夜间", "pm"),
    ("半夜", "night"),
    ("morning", "am"),
    ("afternoon", "pm"),
    ("evening", "pm"),
    ("night", "pm"),
)
# Words that carry nothing ("昨天的下午3点左右"), and what is trimmed from the ends once the date
# and the part of the day are taken out; the marks a month-day needs ("1/31", "1月31日"); "半"
# is half past; a time alone names today only with one of `_TIME_HINT` or a part of the day.
_FILLERS = ("的", "左右", "大概", "约", "around", "about")
_TRIM = " ,，、"
_MONTH_DAY_MARKS = ("月", "/")
_HALF = "半"
_TIME_HINT = re.compile(r"[:：点點时時]|[ap]\.?m")
_TIME = re.compile(
    r"(?:at\s*)?(\d{1,2})(?:\s*[:：.]\s*(\d{2})|\s*[点點时時]\s*(半|(\d{1,2})\s*分?)?)?"
    r"\s*(am|pm|a\.m\.|p\.m\.)?",
    re.IGNORECASE,
)


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def resolve(text: str, now: datetime) -> Resolved | None:
    """The date (and time) that `text` names, or None when it names none."""
    rest = _fold(text)
    if not rest:
        return None
    day: date | None = None
    period: str | None = None
    now_word = False
    match = _ABSOLUTE.search(rest)
    if match:
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
        rest = rest[: match.start()] + " " + rest[match.end() :]
    else:
        ago = _DAYS_AGO.search(rest)
        if ago:
            day = now.date() - timedelta(days=int(ago[1]))
            rest = rest[: ago.start()] + " " + rest[ago.end() :]
        else:
            for word, back in _WORDS:
                if word in rest and _standalone(rest, word):
                    day = now.date() - timedelta(days=back)
                    if word in _EVENING_WORDS or word in _AFTERNOON_WORDS:
                        period = "pm"
                    elif word in _MORNING_WORDS:
                        period = "am"
                    now_word = word in _NOW_WORDS
                    rest = rest.replace(word, " ", 1)
                    break
            else:
                md = _MONTH_DAY.search(rest)
                if md and any(mark in md[0] for mark in _MONTH_DAY_MARKS):
                    try:
                        day = date(now.year, int(md[1]), int(md[2]))
                    except ValueError:
                        return None
                    if day > now.date():  # "12/31" typed in January means last year
                        try:
                            day = day.replace(year=day.year - 1)
                        except ValueError:  # 2/29 typed early in a leap year: no such day
                            return None
                    rest = rest[: md.start()] + " " + rest[md.end() :]
    for word, value in _PERIODS_ZH:
        if word in rest:
            period = value
            rest = rest.replace(word, " ", 1)
            break
    for filler in _FILLERS:
        rest = rest.replace(filler, " ")
    rest = rest.strip(_TRIM)
    if day is None:
        # a time alone ("下午3点", "9pm", "14:30") is today's
        if not rest or not (period or _TIME_HINT.search(rest)):
            return None
        day = now.date()
    if now_word and not rest:
        return Resolved(day, now.hour, now.minute)
    if not rest:  # a part of the day without a time: the date is all that is known
        return Resolved(day)
    time = _TIME.fullmatch(rest.strip().lstrip("t").strip())
    if time is None:
        return None
    hour = int(time[1])
    minute = int(time[2] or time[4] or 0)
    if time[3] == _HALF:
        minute = 30
    suffix = (time[5] or "").replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    elif period in ("pm", "noon") and hour < 12:
        hour += 12 if period == "pm" or hour < 6 else 0
    elif period in ("night", "am") and hour == 12:
        hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return Resolved(day, hour, minute)


def _standalone(text: str, word: str) -> bool:
    """`word` in `text` not inside a longer Latin word ("now" is not in "know")."""
    if not word.isascii():
        return True
    return standalone_pattern(word).search(text) is not None


@functools.cache
def standalone_pattern(word: str) -> re.Pattern[str]:
    """`word` not inside a longer Latin word."""
    return re.compile(rf"(?<![a-z]){re.escape(word)}(?![a-z])")
