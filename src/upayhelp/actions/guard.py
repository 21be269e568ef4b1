"""`upayhelp check` and `upayhelp verify`: the scam guard."""

from __future__ import annotations

import gc
import sys
from typing import Any

import typer

from upayhelp.actions.shared import CHECK_KINDS, VERIFY_KINDS, load_content
from upayhelp.app import SCHEMA_VERSION, env, print_json
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


def _guard(options: Any) -> Any:
    """The compiled rules of the loaded content (rules, scoring, official addresses)."""
    from upayhelp.scam import compile_guard

    content = load_content(options, CHECK_KINDS).content
    return compile_guard(
        tuple(content.redflags.values()), content.scoring, tuple(content.channels.values())
    )


def check_command(
    ctx: typer.Context,
    text: list[str] | None = None,
    json_out: bool = False,
    lang: str | None = None,
    content_dir: list[str] | None = None,
    explain: bool = False,
    each: str | None = None,
) -> None:
    """Check a message that claims to come from UPay support for the red flags of a scam."""
    from upayhelp.scam import assess

    options = env(ctx, lang, content_dir)
    if each is not None:
        if text:
            raise UsageError(t("check-each-and-text", options.lang))
        if explain:
            raise UsageError(t("check-each-and-explain", options.lang))
        _check_each(each, options, json_out)
        return
    message = _read_message(text, options.lang)
    if not message.strip():
        raise UsageError(t("check-empty", options.lang))
    guard = _guard(options)
    result = assess(message, guard)
    findings = list(result.findings)
    lang_ = options.lang
    if json_out:
        data: dict[str, Any] = {
            "flagged": bool(findings),
            "score": result.score,
            "findings": [
                {
                    "id": f.rule.id,
                    "title": f.rule.title.get(lang_),
                    "explain": f.rule.explain.get(lang_),
                    "advice": f.rule.advice.get(lang_),
                    "score": f.score,
                    "threshold": f.threshold,
                    "matches": _matches_json(f.spans, message),
                    "cues": [_cue_json(hit, message) for hit in f.cues],
                }
                for f in findings
            ],
            "advice": t("check-stop", lang_) if findings else t("check-clear", lang_),
        }
        if explain:
            data["cues"] = [{"rule": hit.rule, **_cue_json(hit, message)} for hit in result.cues]
            data["cancelled"] = [
                {
                    "rule": c.rule,
                    "cue": c.cue,
                    "start": c.span[0],
                    "end": c.span[1],
                    "text": c.text,
                    "by": c.by,
                }
                for c in result.cancelled
            ]
        print_json(data)
    else:
        _show_check(message, findings, lang_)
        if explain:
            _show_explain(result, guard, lang_)
    if findings:
        raise typer.Exit(int(ExitCode.FLAGGED))


def _cue_json(hit: Any, message: str) -> dict[str, Any]:
    return {
        "id": hit.cue,
        "weight": hit.weight,
        "matches": _matches_json(hit.spans, message),
    }


def _matches_json(spans: Any, message: str) -> list[dict[str, Any]]:
    """Spans of the message as `{"start", "end", "text"}` objects."""
    return [{"start": start, "end": end, "text": message[start:end]} for start, end in spans]


def _show_explain(result: Any, guard: Any, lang: Lang) -> None:
    """Every cue that fired, its weight, each rule's score against its threshold, and what a
    suppressor cancelled."""
    from rich.text import Text as RichText

    from upayhelp.render import clean, make_console, safe, section

    console = make_console()
    body = RichText()
    rules = {item.rule.id: item for item in guard.rules}
    by_rule: dict[str, list[Any]] = {}
    for hit in result.cues:
        by_rule.setdefault(hit.rule, []).append(hit)
    fired = {f.rule.id for f in result.findings}
    scores = {rule_id: round(sum(h.weight for h in hits), 6) for rule_id, hits in by_rule.items()}
    for rule_id in sorted(by_rule, key=lambda r: (r not in fired, -scores[r])):
        hits, item = by_rule[rule_id], rules[rule_id]
        if rule_id in fired:
            verdict = t("explain-fired", lang)
        elif scores[rule_id] >= item.threshold:  # enough weight, but not the family's core sign
            verdict = t("explain-no-core", lang, cues=", ".join(sorted(item.requires)))
        else:
            verdict = t("explain-below", lang)
        head = t(
            "explain-rule",
            lang,
            rule=rule_id,
            score=_num(scores[rule_id]),
            threshold=_num(item.threshold),
            verdict=verdict,
        )
        body.append_text(safe(head, "bold" if rule_id in fired else ""))
        body.append("\n")
        for hit in hits:
            words = ", ".join(f"“{clean(m, keep_newlines=False)}”" for m in hit.matched)
            body.append_text(safe(f"  +{_num(hit.weight)}  {hit.cue}: {words}\n"))
    if result.cancelled:
        body.append_text(safe(t("explain-cancelled", lang), "bold"))
        body.append("\n")
        seen: set[tuple[str, str, str, str]] = set()
        for item in result.cancelled:
            key = (item.rule, item.cue, item.text, item.by)
            if key in seen:
                continue
            seen.add(key)
            line = t(
                "explain-cancel-line",
                lang,
                rule=item.rule,
                cue=item.cue,
                text=clean(item.text, keep_newlines=False),
                by=item.by,
            )
            body.append_text(safe(f"  {line}\n"))
    if not by_rule and not result.cancelled:
        body.append_text(safe(t("explain-nothing", lang)))
    section(console, t("explain-title", lang, score=_num(result.score)), body, "dim")


def _num(value: float) -> str:
    return f"{value:g}"


MAX_BATCH_BYTES = 256 * 1024 * 1024


def _read_batch(source: str, lang: Lang) -> tuple[str, list[str]]:
    """The lines of a batch file (or stdin for '-'), each decoded; a bad file is an error
    naming the line, raised before anything is printed."""
    from upayhelp.errors import NotFoundError

    name = "<stdin>" if source == "-" else source
    try:
        if source == "-":
            data = sys.stdin.buffer.read(MAX_BATCH_BYTES + 1)
        else:
            with open(source, "rb") as handle:
                data = handle.read(MAX_BATCH_BYTES + 1)
    except IsADirectoryError:
        raise NotFoundError(
            t("check-each-unreadable", lang, file=name, reason=t("reason-directory", lang))
        ) from None
    except OSError as exc:
        raise NotFoundError(
            t("check-each-unreadable", lang, file=name, reason=exc.strerror or str(exc))
        ) from None
    if len(data) > MAX_BATCH_BYTES:
        raise NotFoundError(t("check-each-too-large", lang, file=name, limit=MAX_BATCH_BYTES))
    raw_lines = data.split(b"\n")
    if raw_lines and raw_lines[-1] == b"":
        raw_lines.pop()
    lines: list[str] = []
    for number, raw in enumerate(raw_lines, 1):
        try:
            lines.append(raw.decode("utf-8").removesuffix("\r"))
        except UnicodeDecodeError as exc:
            column = len(raw[: exc.start].decode("utf-8", "replace")) + 1  # characters
            raise NotFoundError(
                t("check-each-encoding", lang, file=name, line=number, column=column)
            ) from None
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    return name, lines


def _check_each(source: str, options: Any, json_out: bool) -> None:
    """Batch mode: one message per line; JSON Lines with --json, else the flagged lines and
    the counts. Exit 3 when any message is flagged."""
    import json

    from upayhelp.app import json_escape
    from upayhelp.scam import assess

    lang: Lang = options.lang
    gc.freeze()  # a batch runs for long: collect cycles again (see upayhelp.__main__)
    gc.enable()
    name, lines = _read_batch(source, lang)
    guard = _guard(options)
    out = sys.stdout
    flagged = empty = 0
    rows: list[tuple[int, float, str, str]] = []
    seen: dict[str, tuple[bool, float, list[str]]] = {}  # the same scam reaches many people
    for number, line in enumerate(lines, 1):
        ids: list[str] = []
        if not line.strip():
            empty += 1
            result_flagged, score = False, 0.0
        elif line in seen:
            result_flagged, score, ids = seen[line]
        else:
            result = assess(line, guard)
            result_flagged, score = result.flagged, result.score
            ids = [f.rule.id for f in result.findings]
            if len(seen) < 100_000:
                seen[line] = (result_flagged, score, ids)
        flagged += result_flagged
        if json_out:
            record = {
                "schema_version": SCHEMA_VERSION,
                "line": number,
                "flagged": result_flagged,
                "score": score,
                "findings": ids,
            }
            out.write(json_escape(json.dumps(record, ensure_ascii=False)) + "\n")
        elif result_flagged:
            rows.append((number, score, ",".join(ids), line))
    if not json_out:
        _show_batch(rows, len(lines), flagged, empty, name, lang)
    if flagged:
        raise typer.Exit(int(ExitCode.FLAGGED))


def _show_batch(
    rows: list[tuple[int, float, str, str]],
    total: int,
    flagged: int,
    empty: int,
    name: str,
    lang: Lang,
) -> None:
    from upayhelp.sanitize import clean

    out = sys.stdout
    if rows:
        out.write(t("check-each-header", lang) + "\n")
        for number, score, ids, line in rows:
            preview = clean(" ".join(line.split()), keep_newlines=False)
            if len(preview) > 60:
                preview = preview[:59] + "…"
            out.write(f"{number:>6}  {score:>5.2f}  {ids}  {preview}\n")
        out.write("\n")
    checked = total - empty
    share = f"{flagged / checked:.1%}" if checked else "0%"
    out.write(
        t(
            "check-each-counts",
            lang,
            file=clean(name, keep_newlines=False),
            total=checked,
            flagged=flagged,
            share=share,
            empty=empty,
        )
        + "\n"
    )


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
    if not isinstance(contact, str):  # `verify +86 10 1234`: the words are one contact
        contact = " ".join(contact)
    if not contact.strip():
        raise UsageError(t("verify-empty", options.lang))
    channels = load_content(options, VERIFY_KINDS).content.channels
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
