"""What several commands share: loading the content for the user's options."""

from __future__ import annotations

from upayhelp.cli import Env
from upayhelp.content.load import Loaded, content_layers, load
from upayhelp.errors import ContentError, NotFoundError, UpayhelpError
from upayhelp.model import Channel, Content, Flow, Lang, Outcome


def load_content(env: Env) -> Loaded:
    """The merged content; a ContentError naming the first problem when any file is invalid."""
    loaded = load(content_layers(env.content_dirs))
    errors = loaded.errors
    if errors:
        more = len(errors) - 1
        extra = f" (and {more} more; run 'upayhelp flows validate')" if more else ""
        raise ContentError(errors[0].render(env.lang) + extra)
    return loaded


def outcome_channels(content: Content, outcome: Outcome) -> list[Channel]:
    """The channels an outcome recommends, in order, as loaded."""
    return [content.channels[c] for c in outcome.channels if c in content.channels]


def find_flow(content: Content, topic: str, lang: Lang) -> Flow:
    """The flow named by `topic`: an id, a title or a keyword, in either language, fuzzy."""
    if topic in content.flows:
        return content.flows[topic]
    from upayhelp.search import MATCH_THRESHOLD, Index, flow_documents

    matches = Index(flow_documents(content.flows.values())).search(topic, limit=1)
    if matches and matches[0].score >= MATCH_THRESHOLD and matches[0].id in content.flows:
        return content.flows[matches[0].id]
    topics = ", ".join(f"{f.id} ({f.title.get(lang)})" for f in content.flows.values())
    raise NotFoundError(f"no topic matches '{topic}'; topics: {topics}")


def complete_topic(incomplete: str) -> list[str]:
    """Shell completion: flow ids."""
    return _complete(incomplete, "flows")


def complete_faq(incomplete: str) -> list[str]:
    """Shell completion: FAQ ids."""
    return _complete(incomplete, "faq")


def _complete(incomplete: str, kind: str) -> list[str]:
    try:
        loaded = load(content_layers(_completion_dirs()))
    except UpayhelpError:
        return []
    ids: list[str] = list(getattr(loaded.content, kind))
    return [i for i in ids if i.startswith(incomplete)]


def _completion_dirs() -> list[str]:
    import sys

    dirs: list[str] = []
    words = sys.argv[1:]
    for index, word in enumerate(words):
        if word == "--content-dir" and index + 1 < len(words):
            dirs.append(words[index + 1])
        elif word.startswith("--content-dir="):
            dirs.append(word.split("=", 1)[1])
    return dirs
