"""`upayhelp contacts` and `upayhelp faq`: answers in one command."""

from __future__ import annotations

from typing import Any

import typer

from upayhelp.actions.shared import CONTACT_KINDS, FAQ_KINDS, find_flow, load_content
from upayhelp.app import env, print_json
from upayhelp.errors import NotFoundError, UsageError
from upayhelp.i18n import t
from upayhelp.model import Channel, Content, FaqEntry, Lang, Outcome

SUGGESTIONS = 2


def _channel_json(channel: Channel, lang: Lang) -> dict[str, Any]:
    return {
        "id": channel.id,
        "name": channel.name.get(lang),
        "how": channel.how.get(lang),
        "best_for": channel.best_for.get(lang),
        "addresses": list(channel.addresses),
    }


def topic_channels(content: Content, flow_id: str) -> list[Channel]:
    """The channels a flow's escalating outcomes recommend, in the order they are named."""
    flow = content.flows[flow_id]
    ordered: dict[str, None] = {}
    for node in flow.nodes.values():
        if isinstance(node, Outcome) and node.result == "escalate":
            for channel in node.channels:
                ordered.setdefault(channel)
    return [content.channels[c] for c in ordered if c in content.channels]


def contacts_command(
    ctx: typer.Context,
    topic: str | None = None,
    json_out: bool = False,
    lang: str | None = None,
    content_dir: list[str] | None = None,
) -> None:
    """List the official contact channels: how to reach each and what it is best for."""
    options = env(ctx, lang, content_dir)
    content = load_content(options, CONTACT_KINDS).content
    flow = find_flow(content, topic, options.lang) if topic is not None else None
    channels = (
        topic_channels(content, flow.id) if flow is not None else list(content.channels.values())
    )
    warning = t("address-where", options.lang)
    if json_out:
        print_json(
            {
                "topic": flow.id if flow is not None else None,
                "channels": [_channel_json(c, options.lang) for c in channels],
                "warning": warning,
            }
        )
        return
    from upayhelp.screen import channel_paras, screen_for

    screen = screen_for()
    title = t("contact-order", options.lang) if flow is not None else t("channels", options.lang)
    if flow is not None:
        title += f" — {flow.title.get(options.lang)}"
    screen.section(title, channel_paras(channels, options.lang, numbered=flow is not None))
    screen.line((warning, "bold yellow"))


def _answer_json(entry: FaqEntry, number: int, lang: Lang) -> dict[str, Any]:
    return {
        "id": entry.id,
        "number": number,
        "question": entry.question.get(lang),
        "answer": entry.answer.get(lang),
        "flow": entry.flow,
        "command": f"upayhelp diagnose {entry.flow}" if entry.flow else None,
    }


def _questions_json(entries: list[FaqEntry], lang: Lang) -> list[dict[str, Any]]:
    return [
        {"number": n, "id": e.id, "question": e.question.get(lang), "flow": e.flow}
        for n, e in enumerate(entries, 1)
    ]


def faq_command(
    ctx: typer.Context,
    query: list[str] | None = None,
    show_all: bool = False,
    json_out: bool = False,
    lang: str | None = None,
    content_dir: list[str] | None = None,
) -> None:
    """Answer a frequently asked question: by number, by id, or by searching your words."""
    options = env(ctx, lang, content_dir)
    entries = list(load_content(options, FAQ_KINDS).content.faq.values())
    number_of = {entry.id: n for n, entry in enumerate(entries, 1)}
    text = " ".join(query or [])
    if show_all:
        if json_out:
            print_json(
                {"answers": [_answer_json(e, number_of[e.id], options.lang) for e in entries]}
            )
        else:
            for entry in entries:
                _print_answer(entry, number_of[entry.id], options.lang)
        return
    if query is None:
        if json_out:
            print_json({"questions": _questions_json(entries, options.lang)})
        else:
            _print_questions(entries, options.lang)
        return
    if not text.strip():
        raise UsageError(t("faq-empty", options.lang))
    stripped = text.strip()
    chosen: FaqEntry | None = None
    if stripped.isascii() and stripped.isdigit():
        number = int(stripped)
        if not 1 <= number <= len(entries):
            if json_out:
                print_json(
                    {
                        "query": text,
                        "match": None,
                        "suggestions": [],
                        "questions": _questions_json(entries, options.lang),
                    }
                )
            raise NotFoundError(t("faq-number", options.lang, number=number, last=len(entries)))
        chosen = entries[number - 1]
    elif stripped.casefold() in number_of:
        chosen = entries[number_of[stripped.casefold()] - 1]
    if chosen is not None:
        if json_out:
            print_json(
                {
                    "query": text,
                    "match": _answer_json(chosen, number_of[chosen.id], options.lang),
                    "suggestions": [],
                }
            )
        else:
            _print_answer(chosen, number_of[chosen.id], options.lang)
        return
    _search(text, entries, number_of, options.lang, json_out)


def _search(
    text: str, entries: list[FaqEntry], number_of: dict[str, int], lang: Lang, json_out: bool
) -> None:
    from upayhelp.actions.shared import index_for
    from upayhelp.search import MATCH_THRESHOLD, confident, faq_documents

    by_id = {entry.id: entry for entry in entries}
    matches = [
        m
        for m in index_for(faq_documents(entries)).search(text, limit=1 + SUGGESTIONS)
        if m.id in by_id
    ]
    best = confident(matches)
    if best is None:
        if json_out:
            print_json(
                {
                    "query": text,
                    "match": None,
                    "suggestions": [],
                    "questions": _questions_json(entries, lang),
                }
            )
        else:
            _print_questions(entries, lang)
            if _reports_scam(text):
                from upayhelp.screen import screen_for

                screen_for().line((t("faq-scam", lang), "bold red"))
        message = t("faq-none", lang, text=text)
        raise NotFoundError(message if json_out else message + t("faq-pick", lang))
    others = [m for m in matches[1:] if m.score >= MATCH_THRESHOLD / 2]
    if json_out:
        match = {**_answer_json(by_id[best.id], number_of[best.id], lang), "score": best.score}
        suggestions = [
            {
                "id": m.id,
                "number": number_of[m.id],
                "question": by_id[m.id].question.get(lang),
                "score": m.score,
            }
            for m in others
        ]
        print_json({"query": text, "match": match, "suggestions": suggestions})
        return
    _print_answer(by_id[best.id], number_of[best.id], lang)
    if _reports_scam(text):
        from upayhelp.screen import screen_for

        screen_for().line((t("faq-scam", lang), "bold red"))
    if others:
        from upayhelp.screen import screen_for

        screen = screen_for()
        screen.line((t("see-also", lang), "bold"))
        for m in others:
            screen.line(f"  {number_of[m.id]}. {by_id[m.id].question.get(lang)}")
            screen.line((f"     upayhelp faq {number_of[m.id]}", "dim"))


_SCAM_REPORT = (
    r"(?i)scam|fraud|phish|suspicious|caller|called me|phoned|texted me|claim(?:s|ed|ing)? to be"
    r"|pretend|fake|impersonat|诈骗|骗|冒充|自称|假冒|可疑|来电|打电话|打来|短信说|陌生电话"
)


def _reports_scam(text: str) -> bool:
    """Whether a question tells of a call or message that may be a scam: it then gets the
    way to the scam check and the safety walk as well as the answer."""
    import re

    return re.search(_SCAM_REPORT, text) is not None


def _print_questions(entries: list[FaqEntry], lang: Lang) -> None:
    from upayhelp.screen import screen_for

    screen = screen_for()
    screen.line((t("faq-title", lang), "bold"))
    for number, entry in enumerate(entries, 1):
        screen.line(f"{number:>3}. {entry.question.get(lang)}")
    screen.line((t("faq-hint", lang), "dim"))


def _print_answer(entry: FaqEntry, number: int, lang: Lang) -> None:
    from upayhelp.screen import para, screen_for

    paras = [para(entry.answer.get(lang).strip())]
    if entry.flow:
        paras.append(para(""))
        paras.append(para((t("diagnose-hint", lang) + f"upayhelp diagnose {entry.flow}", "cyan")))
    screen_for().section(f"{number}. {entry.question.get(lang)}", paras)
