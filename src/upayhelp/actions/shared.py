"""What several commands share: loading the content for the user's options."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from upayhelp.app import Env
from upayhelp.content.load import Loaded, content_layers, load
from upayhelp.errors import AmbiguousTopic, ContentError, NotFoundError
from upayhelp.i18n import t
from upayhelp.model import Channel, Content, Flow, Lang, Outcome

if TYPE_CHECKING:
    from upayhelp.search import Document, Index


# What each family of commands reads: a command loads only these kinds of content files, so
# that, say, `diagnose` never parses the red-flag rules. Flows name channels, so whoever loads
# flows loads channels too (their references are checked).
WALK_KINDS = ("flow", "channels", "faq", "tips")
CONTACT_KINDS = ("flow", "channels")
FAQ_KINDS = ("faq", "flow", "channels")
CHECK_KINDS = ("redflags", "channels")
VERIFY_KINDS = ("channels",)


def load_content(env: Env, kinds: Sequence[str] | None = None) -> Loaded:
    """The merged content (only files of `kinds`, when given); a ContentError naming the first
    problem when any file loaded is invalid."""
    _check_dirs(env)
    loaded = load(content_layers(env.content_dirs), kinds=kinds)
    errors = loaded.errors
    if errors:
        more = len(errors) - 1
        extra = t("content-more", env.lang, more=more) if more else ""
        first = errors[0]  # "path:line:column: message": the handler adds the one "error:"
        raise ContentError(f"{first.pos}: {first.message(env.lang)}{extra}")
    return loaded


def _check_dirs(env: Env) -> None:
    """A missing --content-dir named in the user's language (the loader's message is
    English)."""
    from pathlib import Path

    for directory in env.content_dirs:
        path = Path(directory).expanduser()
        if not path.exists():
            raise NotFoundError(t("content-dir-missing", env.lang, path=directory))
        if not path.is_dir():
            raise NotFoundError(t("content-not-dir", env.lang, path=directory))


AMBIGUOUS = 0.05
"""Topic matches closer than this to the best one make the choice a guess."""


def load_flow(env: Env, topic: str) -> tuple[Content, Flow]:
    """The merged content and the flow named by `topic`."""
    content = load_content(env, WALK_KINDS).content
    return content, find_flow(content, topic, env.lang)


def outcome_channels(content: Content, outcome: Outcome) -> list[Channel]:
    """The channels an outcome recommends, in order, as loaded."""
    return [content.channels[c] for c in outcome.channels if c in content.channels]


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
