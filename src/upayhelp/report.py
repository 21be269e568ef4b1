"""The support-request summary (Markdown), with secrets redacted, and writing it safely."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import IO

from upayhelp.engine import Session, node_prompt
from upayhelp.errors import ReportError
from upayhelp.i18n import fact_label, t
from upayhelp.model import Channel, Content, Lang, Tip
from upayhelp.sanitize import clean
from upayhelp.secrets import redact

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>~])")
_MD_LEADING = ("#", "-", "+", "=")  # would start a heading or a list item at a line's start

# The summary's lines as format strings: `build_report` fills them here, and the web page
# (`upayhelp export html`) fills the very same ones in the browser.
LINES = {
    "title": "# {title}",
    "date": "- **{label}:** {date}",
    "topic": "- **{label}:** {title} (`{flow}`)",
    "result": "- **{label}:** {result}",
    "heading": "## {label}",
    "answer": "{number}. {question} — **{answer}**",
    "fact": "- {name}{colon}{value}",
    "channel": "{number}. **{name}**: {how}",
    "addresses": " ({addresses})",
    "item": "- {text}",
    "reminder": "> **{label}:** {text}",
}
FACT_COLON: dict[Lang, str] = {"en": t("colon", "en"), "zh": t("colon", "zh")}
DATE_FORMAT = "%Y-%m-%d %H:%M"
ADDRESS_SEPARATOR = ", "


def md(text: str) -> str:
    """Text safe inside Markdown: specials escaped, control characters inert, secrets masked."""
    masked, _ = redact(clean(text, keep_newlines=False), codes=False)
    escaped = _MD_SPECIAL.sub(r"\\\1", masked)
    return "\\" + escaped if escaped[:1] in _MD_LEADING else escaped


def build_report(
    session: Session,
    channels: Sequence[Channel],
    tips: Sequence[Tip],
    lang: Lang,
    now: datetime,
) -> str:
    """The summary of a finished (or unfinished) walk, in `lang`."""
    flow = session.flow
    title = flow.title.get(lang)
    lines = [LINES["title"].format(title=md(t("report-title", lang, topic=title))), ""]
    date = now.strftime(DATE_FORMAT)
    lines.append(LINES["date"].format(label=t("report-date", lang), date=date))
    topic = LINES["topic"].format(label=t("report-topic", lang), title=md(title), flow=flow.id)
    lines.append(topic)
    outcome = session.outcome
    if outcome is not None:
        result = t(outcome.result, lang)
        lines.append(LINES["result"].format(label=t("report-result", lang), result=result))
    lines += ["", LINES["heading"].format(label=t("report-answers", lang)), ""]
    for number, step in enumerate(session.steps, 1):
        question = md(node_prompt(flow.nodes[step.node]).get(lang))
        answer = md(step.label(flow, lang))
        lines.append(LINES["answer"].format(number=number, question=question, answer=answer))
    facts = session.facts
    lines += ["", LINES["heading"].format(label=t("facts", lang)), ""]
    if facts:
        colon = FACT_COLON[lang]  # the labels of the screen ("When:", "时间：")
        lines += [
            LINES["fact"].format(name=md(fact_label(name, lang)), colon=colon, value=md(value))
            for name, value in facts.items()
        ]
    else:
        lines.append(t("none", lang))
    if outcome is not None:
        lines += ["", LINES["heading"].format(label=t("report-outcome", lang)), ""]
        lines.append(md(outcome.text.get(lang)))
        if channels:
            lines += ["", LINES["heading"].format(label=t("contact-order", lang)), ""]
            for number, channel in enumerate(channels, 1):
                name, how = md(channel.name.get(lang)), md(channel.how.get(lang))
                entry = LINES["channel"].format(number=number, name=name, how=how)
                if channel.addresses:
                    listed = ADDRESS_SEPARATOR.join(md(a) for a in channel.addresses)
                    entry += LINES["addresses"].format(addresses=listed)
                lines.append(entry)
        if outcome.prepare:
            lines += ["", LINES["heading"].format(label=t("prepare", lang)), ""]
            lines += [LINES["item"].format(text=md(item.get(lang))) for item in outcome.prepare]
    if tips:
        lines += ["", LINES["heading"].format(label=t("tips", lang)), ""]
        lines += [LINES["item"].format(text=md(tip.text.get(lang))) for tip in tips]
    reminder = LINES["reminder"].format(label=t("reminder", lang), text=md(t("anti-scam", lang)))
    lines += ["", reminder, ""]
    return "\n".join(lines)


def write_report(session: Session, content: Content, lang: Lang, path: str, force: bool) -> str:
    """Write the summary of `session` to `path`; returns the absolute path written."""
    from upayhelp.topics import outcome_channels

    outcome = session.outcome
    channels = outcome_channels(content, outcome) if outcome is not None else []
    text = build_report(session, channels, list(content.tips.values()), lang, datetime.now())
    return str(write_private(path, text, force, lang).absolute())


def save_report(
    session: Session, content: Content, lang: Lang, path: str, force: bool, err: IO[str]
) -> None:
    """Write the summary and say where on `err` (stdout holds the result)."""
    written = write_report(session, content, lang, path, force)
    err.write(t("saved", lang, path=written) + "\n")


def write_private(
    path: str, text: str, force: bool = False, lang: Lang = "en", what: str = "report"
) -> Path:
    """Write `text` to `path` atomically with mode 0600.

    The file appears whole or not at all: a temporary file in the same directory is written,
    flushed and then linked (no overwrite) or, with `force`, renamed over the old file. Only a
    regular file is ever replaced. `what` names the file in messages ("report" or "page").
    """
    target = Path(path)
    noun = t(f"file-{what}", lang)
    if str(path).strip() == "":
        raise ReportError(t("report-no-name", lang, what=noun))
    parent = target.parent if str(target.parent) else Path(".")
    try:
        info = target.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise ReportError(_cannot(path, exc, lang, what)) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise ReportError(
                t("report-cannot", lang, what=noun, path=path, why=t("report-is-dir", lang))
            )
        if not stat.S_ISREG(info.st_mode):
            raise ReportError(
                t("report-cannot", lang, what=noun, path=path, why=t("report-not-file", lang))
            )
        if not force:
            raise ReportError(t("report-exists", lang, what=noun, path=path))
    if not parent.is_dir():
        why = t("report-no-dir", lang, parent=parent)
        raise ReportError(t("report-cannot", lang, what=noun, path=path, why=why))
    data = text.encode("utf-8")
    try:
        fd, temp = tempfile.mkstemp(prefix=".upayhelp-", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise ReportError(_cannot(path, exc, lang, what)) from None
    try:
        try:
            os.fchmod(fd, 0o600)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if force:
            os.replace(temp, target)
        else:
            os.link(temp, target)  # fails if the file appeared meanwhile: never clobber
            os.unlink(temp)
    except FileExistsError:
        _discard(temp)
        raise ReportError(t("report-exists", lang, what=noun, path=path)) from None
    except OSError as exc:
        _discard(temp)
        raise ReportError(_cannot(path, exc, lang, what)) from None
    except BaseException:
        _discard(temp)
        raise
    return target


def _cannot(path: str, exc: OSError, lang: Lang, what: str = "report") -> str:
    """ "cannot write report PATH: why", the reason in `lang` for the common errors."""
    reasons = {
        errno.EACCES: "report-denied",
        errno.EPERM: "report-denied",
        errno.ENOSPC: "report-full",
        errno.EROFS: "report-readonly",
        errno.ENOENT: "report-missing",
        errno.ENOTDIR: "report-missing",
        errno.EISDIR: "report-is-dir",
    }
    key = reasons.get(exc.errno or 0)
    why = t(key, lang) if key else (exc.strerror or str(exc))
    noun = t(f"file-{what}", lang)
    return t("report-cannot", lang, what=noun, path=path, why=why)


def _discard(temp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temp)
