"""The decision table the web page follows: every node of every flow, its texts in both
languages and where each answer leads, computed here from the loaded content so that the page's
script holds no flow logic of its own."""

from __future__ import annotations

from typing import Any

from upayhelp.engine import CODE_FORMATS, Step, is_scam_warning, node_prompt
from upayhelp.i18n import STRINGS, fact_label, t
from upayhelp.lang import Lang
from upayhelp.model import Advice, Channel, Content, Flow, Input, Node, Outcome, Question, Text
from upayhelp.sanitize import clean
from upayhelp.web.rules import LANGS

# The program's strings the page shows (its own and those of the terminal walk).
UI_STRINGS = (
    *(key for key in STRINGS if key.startswith("web-")),
    "pick-topic",
    "back",
    "restart",
    "solved-q",
    "try-this",
    "yes-solved",
    "no-unsolved",
    "paid-q",
    "paid-no",
    "paid-yes",
    "example-date",
    "example-datetime",
    "example-amount",
    "example-order-id",
    "resolved",
    "escalate",
    "contact-order",
    "prepare",
    "facts",
    "tips",
    "reminder",
    "anti-scam",
    "masked",
    "kind-code",
    "kind-card",
    "kind-password",
    "address-where",
    "best-for",
)


def text(value: Text | None) -> str | dict[str, Any] | None:
    """A content text for the page: one string when both languages read the same, else
    `{"zh": ..., "en": ...}`, where a language the author did not write is `[text, lang]`
    (the fallback `Text.get` gives, and the language it is in, for the `lang` attribute).
    Control and bidi characters are shown inert, as on a terminal."""
    if value is None:
        return None
    variants: dict[str, Any] = {}
    for lang in LANGS:
        shown = clean(value.get(lang))
        variants[lang] = shown if getattr(value, lang) is not None else [shown, fallback(lang)]
    return variants["en"] if variants["en"] == variants["zh"] else variants


def fallback(lang: Lang) -> Lang:
    """The language `Text.get(lang)` falls back to."""
    return "en" if lang == "zh" else "zh"


def topic_order(content: Content) -> list[str]:
    """The flows in the FAQ's order (the seed's), then any flow the FAQ does not link, as the
    terminal's topic picker lists them."""
    linked = [
        e.flow for e in content.faq.values() if e.flow is not None and e.flow in content.flows
    ]
    return list(dict.fromkeys([*linked, *content.flows]))


def _node(node: Node, flow: Flow, content: Content) -> dict[str, Any]:
    entry: dict[str, Any] = {"type": node.type, "text": text(node_prompt(node))}
    if isinstance(node, Question):
        entry["help"] = text(node.help)
        entry["options"] = [{"label": text(o.label), "next": o.next} for o in node.options]
    elif isinstance(node, Advice):
        entry["solved"] = node.solved
        entry["unsolved"] = node.unsolved
        # A scam warning asks "Have you already paid or shared a code?" ("no" is the answer
        # that leads where "solved" does); its answers read so in the summary too.
        entry["scam"] = is_scam_warning(node)
        entry["answers"] = {
            lang: {value: Step(node.id, value).label(flow, lang) for value in ("yes", "no")}
            for lang in LANGS
        }
    elif isinstance(node, Input):
        entry["help"] = text(node.help)
        entry["fact"] = node.fact
        entry["format"] = node.format
        entry["optional"] = node.optional
        entry["codes"] = node.format in CODE_FORMATS
        entry["next"] = node.next
    elif isinstance(node, Outcome):
        entry["result"] = node.result
        entry["channels"] = [c for c in node.channels if c in content.channels]
        entry["prepare"] = [text(item) for item in node.prepare]
    return {key: value for key, value in entry.items() if value is not None}


def _flow(flow: Flow, content: Content) -> dict[str, Any]:
    return {
        "title": text(flow.title),
        "start": flow.start,
        "nodes": {node_id: _node(node, flow, content) for node_id, node in flow.nodes.items()},
    }


def _channel(channel: Channel) -> dict[str, Any]:
    return {
        "name": text(channel.name),
        "how": text(channel.how),
        "best_for": text(channel.best_for),
        "addresses": [clean(a) for a in channel.addresses],
    }


def table(content: Content) -> dict[str, Any]:
    """Flows, channels, tips, fact labels and the page's strings, as JSON-ready data."""
    facts = sorted(
        {n.fact for f in content.flows.values() for n in f.nodes.values() if isinstance(n, Input)}
    )
    return {
        "topics": topic_order(content),
        "flows": {flow_id: _flow(flow, content) for flow_id, flow in content.flows.items()},
        "channels": {cid: _channel(c) for cid, c in content.channels.items()},
        "tips": [text(tip.text) for tip in content.tips.values()],
        "facts": {name: {lang: clean(fact_label(name, lang)) for lang in LANGS} for name in facts},
        "ui": {lang: {key: t(key, lang) for key in UI_STRINGS} for lang in LANGS},
    }
