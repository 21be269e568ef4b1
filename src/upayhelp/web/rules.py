"""The CLI's text rules as data for the web page: input validation, dates as people type
them, secret masking, the support-request summary's Markdown.

The page must accept, reject, resolve, mask and write exactly what the CLI does. Rather than a
second, hand-written copy in JavaScript, the regular expressions of `formats`, `dates`,
`secrets`, `sanitize` and `report` are translated here from their compiled Python form, the word
lists of `dates` are handed over as they are, and every message is taken from the Python code;
the page's script only applies them in the same order.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from typing import Any

from upayhelp import dates, formats, report, sanitize, secrets
from upayhelp.engine import CODE_FORMATS, Step
from upayhelp.i18n import t
from upayhelp.lang import Lang
from upayhelp.model import Flow, Input, Outcome, Text

LANGS: tuple[Lang, ...] = ("en", "zh")


class UntranslatableRegex(ValueError):
    """A Python regular expression uses syntax this translator does not carry over to
    JavaScript; the export fails rather than ship a rule that behaves differently."""


@functools.cache
def _space() -> str:
    """Every character Python's `\\s` and `str.strip()` treat as white space."""
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())


@functools.cache
def _cased() -> tuple[str, ...]:
    """Every character that has a case (lone surrogates left out: no string the page reads
    holds one): the only ones case folding changes or case-insensitive matching can add."""
    return tuple(
        chr(c)
        for c in range(sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF
        and (chr(c).lower() != chr(c) or chr(c).upper() != chr(c) or chr(c).casefold() != chr(c))
    )


@functools.cache
def casefold_map() -> dict[str, str]:
    """Every character that `str.casefold()` changes, and what it becomes: JavaScript has no
    case folding of its own (`toLowerCase` keeps "ß", and treats a final sigma apart)."""
    return {char: char.casefold() for char in _cased() if char.casefold() != char}


@functools.cache
def digit_zeros() -> tuple[int, ...]:
    """The code point of every Unicode digit zero: `int()` reads any decimal digit, so the page
    turns a digit into its value by its distance from the zero before it."""
    return tuple(c for c in range(sys.maxunicode + 1) if unicodedata.decimal(chr(c), -1) == 0)


_JS_SYNTAX = "\\[](){}.*+?^$|/"
_QUANTIFIER = re.compile(r"\{(?:(\d+)(,\d*)?|,(\d*))\}")  # Python's: {,n} is {0,n}


def _js_char(char: str) -> str:
    """One literal character as JavaScript reads it with the 'u' flag, in a class or not."""
    if char.isalnum() and char.isascii():
        return char
    return f"\\u{{{ord(char):x}}}"


def _js_ranges(chars: str) -> str:
    """The inside of a character class holding exactly `chars`, with runs as ranges."""
    codes = sorted(ord(c) for c in chars)
    out: list[str] = []
    start = 0
    while start < len(codes):
        end = start
        while end + 1 < len(codes) and codes[end + 1] == codes[end] + 1:
            end += 1
        first, last = chr(codes[start]), chr(codes[end])
        out.append(_js_char(first) if end == start else f"{_js_char(first)}-{_js_char(last)}")
        start = end + 1
    return "".join(out)


@functools.cache
def _case_extra(python_class: str) -> str:
    """The characters a Python class (or literal) matches case-insensitively and not otherwise,
    as Python's engine decides (it pairs "i" with "İ" and "ı", JavaScript's does not)."""
    plain = re.compile(python_class)
    ignoring = re.compile(python_class, re.IGNORECASE)
    if any(plain.fullmatch(c) and not ignoring.fullmatch(c) for c in _cased()):
        # a negated class: "[^a-z]" ignoring case also refuses "İ"
        raise UntranslatableRegex(f"{python_class!r} ignoring case")
    return "".join(c for c in _cased() if ignoring.fullmatch(c) and not plain.fullmatch(c))


def js_regex(pattern: re.Pattern[str]) -> list[str]:
    """`pattern` as `[source, flags]` for `new RegExp(source, flags)` with the same matches.

    Python's `\\d` and `\\s` are Unicode-wide while JavaScript's are not, so they become
    `\\p{Nd}` and an explicit class of Python's white space. Python and JavaScript do not agree
    on which characters are the same but for case, so a case-insensitive pattern (`(?i)`)
    becomes a case-sensitive one in which each cased literal and class holds every character
    Python's engine would match there.
    """
    source = pattern.pattern
    flags = "u"
    if source.startswith("(?i)"):
        source = source[4:]
    ignore = bool(pattern.flags & re.IGNORECASE)
    if pattern.flags & (re.MULTILINE | re.DOTALL | re.VERBOSE):
        raise UntranslatableRegex(f"unsupported flags in {pattern.pattern!r}")
    space = _js_ranges(_space())
    out: list[str] = []
    in_class = False
    class_start = 0
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            escape = source[index + 1 : index + 2]
            index += 2
            if escape == "d":
                out.append("\\p{Nd}")
            elif escape == "D":
                if in_class:
                    raise UntranslatableRegex(f"\\D inside a class in {pattern.pattern!r}")
                out.append("\\P{Nd}")
            elif escape == "s":
                out.append(space if in_class else f"[{space}]")
            elif escape == "S":
                if in_class:
                    raise UntranslatableRegex(f"\\S inside a class in {pattern.pattern!r}")
                out.append(f"[^{space}]")
            elif escape in _JS_SYNTAX:
                out.append("\\" + escape)
            elif escape == "-":
                out.append("\\-" if in_class else "-")
            elif escape and not escape.isalnum() and escape.isascii():
                out.append(_js_char(escape))  # '\\#' is an error with the 'u' flag
            elif escape in ("n", "t", "r", "f", "v") or escape.isdigit():
                out.append("\\" + escape)
            else:  # \w, \b, \A, \Z and friends differ between the engines
                raise UntranslatableRegex(f"\\{escape} in {pattern.pattern!r}")
            continue
        if in_class:
            if char == "]":
                in_class = False
                if ignore:
                    out.append(_js_ranges(_case_extra(source[class_start : index + 1])))
            out.append(char)
        elif char == "[":
            in_class = True
            class_start = index
            out.append(char)
            if source[index + 1 : index + 2] == "^":
                out.append("^")
                index += 1
            if source[index + 1 : index + 2] == "]":  # a literal ']' first in a Python class
                out.append("\\]")
                index += 1
        elif char == "(" and source[index + 1 : index + 2] == "?":
            group = source[index + 2 : index + 4]
            if group[:1] in (":", "=", "!") or group in ("<=", "<!"):
                out.append("(?")
            else:  # named groups, inline flags, conditionals
                raise UntranslatableRegex(f"group '(?{group}' in {pattern.pattern!r}")
            index += 2
            continue
        elif char in "{}":
            quantifier = _QUANTIFIER.match(source, index) if char == "{" else None
            if quantifier is None:  # a literal brace to Python; an error to JavaScript
                out.append("\\" + char)
            else:
                low, rest, high = quantifier.groups()
                out.append(f"{{{low}{rest or ''}}}" if low else f"{{0,{high}}}")
                index = quantifier.end()
                continue
        elif char == "/":
            out.append("\\/")
        elif char == ".":
            out.append("[^\\n]")  # JavaScript's dot also stops at \r, U+2028 and U+2029
        elif char in "^$":  # Python's $ also matches before a final newline
            raise UntranslatableRegex(f"anchor {char!r} in {pattern.pattern!r}")
        elif ignore and (extra := _case_extra(re.escape(char))):
            out.append(f"[{_js_ranges(char + extra)}]")
        else:
            out.append(char)
        index += 1
    return ["".join(out), flags]


def _dates() -> dict[str, Any]:
    """`dates.resolve`'s patterns and word lists, for the page's port of it."""
    words = [word for word, _ in dates._WORDS]
    return {
        "absolute": js_regex(dates._ABSOLUTE),
        "monthDay": js_regex(dates._MONTH_DAY),
        "daysAgo": js_regex(dates._DAYS_AGO),
        "time": js_regex(dates._TIME),
        "timeHint": js_regex(dates._TIME_HINT),
        "words": [[word, back] for word, back in dates._WORDS],
        # a Latin word counts only when it is not inside a longer one ("now" is not in "know")
        "standalone": {
            word: js_regex(dates.standalone_pattern(word)) for word in words if word.isascii()
        },
        "evening": list(dates._EVENING_WORDS),
        "afternoon": list(dates._AFTERNOON_WORDS),
        "morning": list(dates._MORNING_WORDS),
        "nowWords": list(dates._NOW_WORDS),
        "periods": [[word, value] for word, value in dates._PERIODS_ZH],
        "fillers": list(dates._FILLERS),
        "trim": dates._TRIM,
        "monthDayMarks": list(dates._MONTH_DAY_MARKS),
        "half": dates._HALF,
    }


def _reasons(lang: Lang) -> dict[str, str]:
    """Each validation message, taken from `formats.validate_value` itself."""
    long_text = "x" * (formats.MAX_TEXT + 1)
    probes = {
        "empty": ("text", " "),
        "long": ("text", long_text),
        "control": ("text", "a\x01b"),
        "date": ("date", "?"),
        "datetime": ("datetime", "?"),
        "amount": ("amount", "?"),
        "zero": ("amount", "0"),
        "order-id": ("order-id", "?"),
    }
    out: dict[str, str] = {}
    for key, (fmt, value) in probes.items():
        reason = formats.validate_value(fmt, value, lang)
        assert reason is not None, key
        out[key] = reason
    return out


def _answer_labels(lang: Lang) -> dict[str, str]:
    """How the engine shows a skipped input in the summary (an advice's answers are in the
    table, node by node: a scam warning's differ)."""
    text = Text.plain("?")
    flow = Flow(
        id="probe",
        title=text,
        start="input",
        nodes={
            "input": Input("input", "fact", "text", text, "end", optional=True),
            "end": Outcome("end", "resolved", text),
        },
    )
    return {"skipped": Step("input", None).label(flow, lang)}


def _strings(keys: tuple[str, ...]) -> dict[str, dict[str, str]]:
    return {lang: {key: t(key, lang) for key in keys} for lang in LANGS}


REPORT_STRINGS = (
    "report-title",
    "report-date",
    "report-topic",
    "report-result",
    "report-answers",
    "report-outcome",
    "facts",
    "none",
    "contact-order",
    "prepare",
    "tips",
    "reminder",
    "anti-scam",
    "resolved",
    "escalate",
)


def rules() -> dict[str, Any]:
    """Everything the page needs to validate, mask and summarise like the CLI."""
    if re.search(r"%[^YmdHMS%]", report.DATE_FORMAT):  # what the page's strftime knows
        raise UntranslatableRegex(f"unsupported date format {report.DATE_FORMAT!r}")
    return {
        "space": _space(),
        "zeros": list(digit_zeros()),
        "casefold": casefold_map(),
        "dates": _dates(),
        "formats": {
            "max": formats.MAX_TEXT,
            "date": js_regex(formats._DATE),
            "time": js_regex(formats._TIME),
            "amount": js_regex(formats._AMOUNT),
            "order": js_regex(formats._ORDER),
            "reasons": {lang: _reasons(lang) for lang in LANGS},
        },
        "secrets": {
            "code": js_regex(secrets._CODE),
            "card": js_regex(secrets._CARD),
            "grouped": js_regex(secrets._GROUPED_CARD),
            "labelled": js_regex(secrets._LABELLED),
            "codeWord": secrets.CODE_WORD,
            "codeLabels": list(secrets.CODE_LABELS),
            "mask": secrets.MASK,
            "codeFormats": list(CODE_FORMATS),
        },
        "invisible": "".join(sorted(sanitize._INVISIBLE)),
        "report": {
            "lines": report.LINES,
            "date": report.DATE_FORMAT,
            "separator": report.ADDRESS_SEPARATOR,
            "colon": report.FACT_COLON,
            "special": js_regex(report._MD_SPECIAL),
            "leading": list(report._MD_LEADING),
            "strings": _strings(REPORT_STRINGS),
            "answers": {lang: _answer_labels(lang) for lang in LANGS},
        },
    }
