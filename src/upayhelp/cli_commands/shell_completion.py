"""Shell completion of topic and FAQ ids (Typer's own completion calls these)."""

from __future__ import annotations


def complete_topic(incomplete: str) -> list[str]:
    """Flow ids that start with `incomplete`."""
    return _complete(incomplete, "flows")


def complete_faq(incomplete: str) -> list[str]:
    """FAQ ids that start with `incomplete`."""
    return _complete(incomplete, "faq")


def _complete(incomplete: str, kind: str) -> list[str]:
    from upayhelp.content.load import content_layers, load
    from upayhelp.errors import UpayhelpError

    try:
        loaded = load(content_layers(()))
    except UpayhelpError:
        return []
    ids: list[str] = list(getattr(loaded.content, kind))
    return [i for i in ids if i.startswith(incomplete)]
