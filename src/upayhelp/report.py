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

from upayhelp.engine import Session, node_prompt
from upayhelp.errors import ReportError
from upayhelp.i18n import fact_label, t
from upayhelp.model import Channel, Lang, Tip
from upayhelp.sanitize import clean
from upayhelp.secrets import redact

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>~])")


def md(text: str) -> str:
    """Text safe inside Markdown: specials escaped, control characters inert, secrets masked."""
    masked, _ = redact(clean(text, keep_newlines=False), codes=False)
    escaped = _MD_SPECIAL.sub(r"\\\1", masked)
    return "\\" + escaped if escaped[:1] in ("#", "-", "+", "=") else escaped


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
    lines = [f"# {md(t('report-title', lang, topic=title))}", ""]
    lines.append(f"- **{t('report-date', lang)}:** {now.strftime('%Y-%m-%d %H:%M')}")
    lines.append(f"- **{t('report-topic', lang)}:** {md(title)} (`{flow.id}`)")
    outcome = session.outcome
    if outcome is not None:
        lines.append(f"- **{t('report-result', lang)}:** {t(outcome.result, lang)}")
    lines += ["", f"## {t('report-answers', lang)}", ""]
    for number, step in enumerate(session.steps, 1):
        question = node_prompt(flow.nodes[step.node]).get(lang)
        lines.append(f"{number}. {md(question)} — **{md(step.label(flow, lang))}**")
    facts = session.facts
    lines += ["", f"## {t('facts', lang)}", ""]
    if facts:
        # the labels of the screen ("When:", "时间：")
        colon = "：" if lang == "zh" else ": "
        lines += [
            f"- {md(fact_label(name, lang))}{colon}{md(value)}" for name, value in facts.items()
        ]
    else:
        lines.append(t("none", lang))
    if outcome is not None:
        lines += ["", f"## {t('report-outcome', lang)}", "", md(outcome.text.get(lang))]
        if channels:
            lines += ["", f"## {t('contact-order', lang)}", ""]
            for number, channel in enumerate(channels, 1):
                entry = f"{number}. **{md(channel.name.get(lang))}**: {md(channel.how.get(lang))}"
                if channel.addresses:
                    entry += " (" + ", ".join(md(a) for a in channel.addresses) + ")"
                lines.append(entry)
        if outcome.prepare:
            lines += ["", f"## {t('prepare', lang)}", ""]
            lines += [f"- {md(item.get(lang))}" for item in outcome.prepare]
    if tips:
        lines += ["", f"## {t('tips', lang)}", ""]
        lines += [f"- {md(tip.text.get(lang))}" for tip in tips]
    lines += ["", f"> **{t('reminder', lang)}:** {md(t('anti-scam', lang))}", ""]
    return "\n".join(lines)


def write_private(path: str, text: str, force: bool = False, lang: Lang = "en") -> Path:
    """Write `text` to `path` atomically with mode 0600.

    The file appears whole or not at all: a temporary file in the same directory is written,
    flushed and then linked (no overwrite) or, with `force`, renamed over the old file. Only a
    regular file is ever replaced.
    """
    target = Path(path)
    if str(path).strip() == "":
        raise ReportError(t("report-no-name", lang))
    parent = target.parent if str(target.parent) else Path(".")
    try:
        info = target.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise ReportError(_cannot(path, exc, lang)) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise ReportError(t("report-cannot", lang, path=path, why=t("report-is-dir", lang)))
        if not stat.S_ISREG(info.st_mode):
            raise ReportError(t("report-cannot", lang, path=path, why=t("report-not-file", lang)))
        if not force:
            raise ReportError(t("report-exists", lang, path=path))
    if not parent.is_dir():
        why = t("report-no-dir", lang, parent=parent)
        raise ReportError(t("report-cannot", lang, path=path, why=why))
    data = text.encode("utf-8")
    try:
        fd, temp = tempfile.mkstemp(prefix=".upayhelp-", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise ReportError(_cannot(path, exc, lang)) from None
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
        raise ReportError(t("report-exists", lang, path=path)) from None
    except OSError as exc:
        _discard(temp)
        raise ReportError(_cannot(path, exc, lang)) from None
    except BaseException:
        _discard(temp)
        raise
    return target


def _cannot(path: str, exc: OSError, lang: Lang) -> str:
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
    return t("report-cannot", lang, path=path, why=why)


def _discard(temp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temp)
