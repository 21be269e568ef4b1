"""Finding a flow from the user's words, and the channels a flow or an outcome recommends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from upayhelp.errors import AmbiguousTopic, NotFoundError
from upayhelp.i18n import t
from upayhelp.model import Channel, Content, Flow, Lang, Outcome

if TYPE_CHECKING:
    from upayhelp.search import Document, Index

AMBIGUOUS = 0.05
"""Topic matches closer than this to the best one make the choice a guess."""


def find_flow(content: Content, topic: str, lang: Lang) -> Flow:
    """The flow named by `topic`: an id, a title or a keyword, in either language, fuzzy."""
    if topic in content.flows:
        return content.flows[topic]
    from upayhelp.search import confident, flow_documents

    matches = index_for(flow_documents(content.flows.values())).search(topic, limit=3)
    best = confident(matches)
    if best is not None and best.id in content.flows:
        close = [m for m in matches if m.id in content.flows and best.score - m.score < AMBIGUOUS]
        if len(close) > 1:
            listed = ", ".join(f"{m.id} ({content.flows[m.id].title.get(lang)})" for m in close)
            raise AmbiguousTopic(
                t("topic-ambiguous", lang, topic=topic, topics=listed), [m.id for m in close]
            )
        return content.flows[best.id]
    raise NotFoundError(
        t("topic-none", lang, topic=topic) + t("topics-are", lang, topics=topic_list(content, lang))
    )


def topic_list(content: Content, lang: Lang) -> str:
    """Every topic as `id (title)`, for messages that tell the user what exists."""
    return ", ".join(f"{f.id} ({f.title.get(lang)})" for f in content.flows.values())


def index_for(documents: list[Document]) -> Index:
    """A search index over `documents`, built once and then taken from the per-user cache."""
    from upayhelp.content import cache
    from upayhelp.search import Index

    identity = ("search-index", repr(documents))
    cached = cache.get_derived(identity)
    if isinstance(cached, Index):
        return cached
    index = Index(documents)
    index.search("warm up")  # builds the tables, so that they are cached too
    cache.put_derived(identity, index)
    return index


def outcome_channels(content: Content, outcome: Outcome) -> list[Channel]:
    """The channels an outcome recommends, in order, as loaded."""
    return [content.channels[c] for c in outcome.channels if c in content.channels]


def topic_channels(content: Content, flow_id: str) -> list[Channel]:
    """The channels a flow's escalating outcomes recommend, in the order they are named."""
    flow = content.flows[flow_id]
    ordered: dict[str, None] = {}
    for node in flow.nodes.values():
        if isinstance(node, Outcome) and node.result == "escalate":
            for channel in node.channels:
                ordered.setdefault(channel)
    return [content.channels[c] for c in ordered if c in content.channels]
