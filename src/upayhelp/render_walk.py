"""Renderables for the diagnosis walk: advice, the outcome, contact channels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.text import Text as RichText

from upayhelp.i18n import fact_label, t
from upayhelp.model import Channel, Lang, Outcome, Tip
from upayhelp.render import Block, lines, plain, safe, section


def channel_lines(channels: Sequence[Channel], lang: Lang, numbered: bool = True) -> list[Block]:
    """Each channel as Rich paragraphs (see `screen.channel_paras`)."""
    from upayhelp.screen import RichScreen, channel_paras

    return [
        (RichScreen.text(spans), indent)  # type: ignore[misc]
        for spans, indent in channel_paras(channels, lang, numbered)
    ]


def show_advice(console: Console, text: str, title: str, style: str = "blue") -> None:
    section(console, title, safe(text), style=style)


def show_outcome(
    console: Console,
    outcome: Outcome,
    channels: Sequence[Channel],
    facts: Mapping[str, str],
    tips: Sequence[Tip],
    lang: Lang,
) -> None:
    """The end of a walk: result, channels in order, what to prepare, facts, tips, reminder."""
    resolved = outcome.result == "resolved"
    section(
        console,
        t(outcome.result, lang),
        safe(outcome.text.get(lang)),
        style="green" if resolved else "yellow",
    )
    if channels:
        section(console, t("contact-order", lang), channel_lines(channels, lang))
        if not any(c.addresses for c in channels):
            plain(console, safe(t("address-where", lang), "dim"))
            console.print()
    if outcome.prepare:
        items = [RichText("• ") + safe(item.get(lang)) for item in outcome.prepare]
        section(console, t("prepare", lang), lines(items))
    if facts:
        items = [
            RichText("• ") + safe(f"{fact_label(name, lang)}: {value}")
            for name, value in facts.items()
        ]
        section(console, t("facts", lang), lines(items))
    if not resolved and tips:
        items = [RichText("• ") + safe(tip.text.get(lang)) for tip in tips]
        section(console, t("tips", lang), lines(items))
    if not resolved:
        section(console, t("reminder", lang), safe(t("anti-scam", lang)), style="red")
