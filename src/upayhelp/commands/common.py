"""What the commands share: the options every command takes, the user's settings merged from
both sides of the command name, loading the content a command needs, and shell completion."""

from collections.abc import Sequence
from typing import NamedTuple

import typer

from upayhelp.app import DirsOpt, JsonOpt, LangOpt, check_lang, state
from upayhelp.content.load import Loaded, content_layers, load
from upayhelp.errors import ContentError, NotFoundError, UpayhelpError
from upayhelp.i18n import resolve_lang, t
from upayhelp.lang import Lang
from upayhelp.model import Content, Flow
from upayhelp.topics import find_flow

__all__ = ["DirsOpt", "Env", "JsonOpt", "LangOpt", "env", "load_content", "load_flow"]


def command_app(**settings: object) -> typer.Typer:
    """The Typer application of one command module, set up as the root one is (plain help
    text, no completion options of its own, errors left to the root's handler)."""
    return typer.Typer(
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        **settings,  # type: ignore[arg-type]
    )


class Env(NamedTuple):
    """What a command needs to know of the user's settings."""

    lang: Lang
    content_dirs: list[str]
    debug: bool
    own_process: bool = False  # see `upayhelp.app.State`


def env(
    ctx: typer.Context, lang: str | None = None, content_dir: Sequence[str] | None = None
) -> Env:
    """Merge options given after the command name with those given before it."""
    current = state(ctx)
    if lang is not None:
        check_lang(lang)
        current.lang = lang
    dirs = [*current.content_dirs, *(content_dir or [])]
    return Env(resolve_lang(current.lang), dirs, current.debug, current.own_process)


# What each family of commands reads: a command loads only these kinds of content files, so
# that, say, `diagnose` never parses the red-flag rules. Flows name channels, so whoever loads
# flows loads channels too (their references are checked).
WALK_KINDS = ("flow", "channels", "faq", "tips")
CONTACT_KINDS = ("flow", "channels")
FAQ_KINDS = ("faq", "flow", "channels")
CHECK_KINDS = ("redflags", "channels")
VERIFY_KINDS = ("channels",)


def load_content(options: Env, kinds: Sequence[str] | None = None) -> Loaded:
    """The merged content (only files of `kinds`, when given); a ContentError naming the first
    problem when any file loaded is invalid."""
    _check_dirs(options)
    loaded = load(content_layers(options.content_dirs), kinds=kinds)
    errors = loaded.errors
    if errors:
        more = len(errors) - 1
        extra = t("content-more", options.lang, more=more) if more else ""
        first = errors[0]  # "path:line:column: message": the handler adds the one "error:"
        raise ContentError(f"{first.pos}: {first.message(options.lang)}{extra}")
    return loaded


def _check_dirs(options: Env) -> None:
    """A missing --content-dir named in the user's language (the loader's message is
    English)."""
    from pathlib import Path

    for directory in options.content_dirs:
        path = Path(directory).expanduser()
        if not path.exists():
            raise NotFoundError(t("content-dir-missing", options.lang, path=directory))
        if not path.is_dir():
            raise NotFoundError(t("content-not-dir", options.lang, path=directory))


def load_flow(options: Env, topic: str) -> tuple[Content, Flow]:
    """The merged content and the flow named by `topic`."""
    content = load_content(options, WALK_KINDS).content
    return content, find_flow(content, topic, options.lang)


def complete_topic(incomplete: str) -> list[str]:
    """Flow ids that start with `incomplete` (Typer's shell completion calls this)."""
    return _complete(incomplete, "flows")


def complete_faq(incomplete: str) -> list[str]:
    """FAQ ids that start with `incomplete`."""
    return _complete(incomplete, "faq")


def _complete(incomplete: str, kind: str) -> list[str]:
    try:
        loaded = load(content_layers(()))
    except UpayhelpError:
        return []
    ids: list[str] = list(getattr(loaded.content, kind))
    return [i for i in ids if i.startswith(incomplete)]
