"""`upayhelp check` and `upayhelp verify`: the scam guard."""

from __future__ import annotations

import sys
from typing import Any

import typer

from upayhelp.actions.shared import load_content
from upayhelp.app import env, print_json
from upayhelp.errors import ExitCode, UsageError
from upayhelp.i18n import STRINGS, t
from upayhelp.lang import Lang

MAX_MESSAGE_BYTES = 1024 * 1024


def _read_message(text: list[str] | None, lang: Lang = "en") -> str:
    if text and text != ["-"]:
        return " ".join(text)
    if not text and sys.stdin.isatty():
        raise UsageError(t("check-give", lang))
    data = sys.stdin.buffer.read(MAX_MESSAGE_BYTES + 1)
    if len(data) > MAX_MESSAGE_BYTES:
        raise UsageError(t("check-long", lang, limit=MAX_MESSAGE_BYTES))
    return data.decode("utf-8", "replace")


def check_command(
    ctx: typer.Context,
    text: list[str] | None = None,
    json_out: bool = False,
    lang: str | None = None,
    content_dir: list[str] | None = None,
) -> None:
    """Check a message that claims to come from UPay support for the red flags of a scam."""
    from upayhelp.scam import scan

    options = env(ctx, lang, content_dir)
    message = _read_message(text, options.lang)
    if not message.strip():
        raise UsageError(t("check-empty", options.lang))
    rules = tuple(load_content(options).content.redflags.values())
    findings = scan(message, rules)
    lang_ = options.lang
    if json_out:
        print_json(
            {
                "flagged": bool(findings),
                "findings": [
                    {
                        "id": f.rule.id,
                        "title": f.rule.title.get(lang_),
                        "explain": f.rule.explain.get(lang_),
                        "advice": f.rule.advice.get(lang_),
                        "matches": [
                            {"start": start, "end": end, "text": message[start:end]}
                            for start, end in f.spans
                        ],
                    }
                    for f in findings
                ],
                "advice": t("check-stop", lang_) if findings else t("check-clear", lang_),
            }
        )
    else:
        _show_check(message, findings, lang_)
    if findings:
        raise typer.Exit(int(ExitCode.FLAGGED))


def _show_check(message: str, findings: list[Any], lang: str) -> None:
    from rich.text import Text as RichText

    from upayhelp.render import clean, make_console, safe, section

    console = make_console()
    lang_: Lang = "zh" if lang == "zh" else "en"
    if not findings:
        section(console, t("check-none-title", lang_), safe(t("check-clear", lang_)), "green")
        return
    for number, finding in enumerate(findings, 1):
        body = RichText()
        quoted = "、".join if lang_ == "zh" else ", ".join
        words = quoted(f"“{clean(m, keep_newlines=False)}”" for m in finding.matched)
        body.append_text(safe(t("check-matched", lang_), "dim"))
        body.append_text(safe(words, "bold red"))
        body.append("\n")
        body.append_text(safe(finding.rule.explain.get(lang_)))
        body.append("\n")
        body.append_text(safe("→ " + finding.rule.advice.get(lang_), "bold"))
        section(console, f"⚠ {number}. {finding.rule.title.get(lang_)}", body, "red")
    highlighted = RichText()
    spans = sorted(span for f in findings for span in f.spans)
    # without colour (NO_COLOR, piped, TERM=dumb) the red flags are marked with brackets
    opening, closing = (
        ("", "") if console.color_system else ("【", "】") if lang_ == "zh" else ("[[", "]]")
    )
    last = 0
    for start, end in spans:
        if start < last:
            continue
        highlighted.append_text(safe(message[last:start]))
        highlighted.append_text(safe(opening + message[start:end] + closing, "bold reverse red"))
        last = end
    highlighted.append_text(safe(message[last:]))
    section(console, t("check-message", lang_), highlighted, "dim")
    section(console, t("check-what-now", lang_), safe(t("check-stop", lang_)), "red")


def verify_command(
    ctx: typer.Context,
    contact: str | list[str],
    json_out: bool = False,
    lang: str | None = None,
    content_dir: list[str] | None = None,
) -> None:
    """Say whether a contact is one of the configured official channels; flag look-alikes."""
    from upayhelp.verify import verify

    options = env(ctx, lang, content_dir)
    if not isinstance(contact, str):  # `verify 400 820 8888`: the words are one contact
        contact = " ".join(contact)
    if not contact.strip():
        raise UsageError(t("verify-empty", options.lang))
    channels = load_content(options).content.channels
    verdict = verify(contact, channels.values())
    lang_ = options.lang
    if json_out:
        print_json(
            {
                "contact": contact,
                "kind": verdict.contact.kind.value,
                "normalized": verdict.contact.normalized,
                "status": verdict.status,
                "official": verdict.status == "official",
                "channel": verdict.channel_id,
                "matched": verdict.matched,
                "lookalikes": [
                    {"address": la.address, "channel": la.channel_id, "reason": la.reason}
                    for la in verdict.lookalikes
                ],
            }
        )
    else:
        _show_verdict(verdict, contact, channels, lang_)
    if verdict.status != "official":
        raise typer.Exit(int(ExitCode.FLAGGED))


def _show_verdict(verdict: Any, contact: str, channels: Any, lang: str) -> None:
    from rich.text import Text as RichText

    from upayhelp.render import make_console, safe, section

    lang_: Lang = "zh" if lang == "zh" else "en"
    console = make_console()
    kind = t(f"contact-{verdict.contact.kind.value}", lang_)
    head = f"{kind}: {verdict.contact.normalized or contact}"
    if verdict.status == "official":
        channel = channels.get(verdict.channel_id)
        name = channel.name.get(lang_) if channel is not None else verdict.channel_id
        section(
            console,
            t("verify-official", lang_),
            safe(head + "\n" + t("verify-channel", lang_) + name),
            "green",
        )
        return
    body = RichText()
    body.append_text(safe(head))
    if verdict.status == "unconfigured":
        title = t("verify-unconfigured-title", lang_)
        body.append("\n")
        body.append_text(safe(t("verify-unconfigured", lang_)))
    elif verdict.lookalikes:
        title = t("verify-lookalike-title", lang_)
        for la in verdict.lookalikes:
            body.append("\n")
            key = f"reason-{la.reason}"
            reason = t(key, lang_) if key in STRINGS else la.reason
            body.append_text(
                safe(t("verify-looks-like", lang_) + la.address + f" ({reason})", "bold red")
            )
        body.append("\n")
        body.append_text(safe(t("verify-lookalike", lang_)))
    else:
        title = t("verify-unknown-title", lang_)
        body.append("\n")
        body.append_text(safe(t("verify-unknown", lang_)))
    section(console, title, body, "red")
