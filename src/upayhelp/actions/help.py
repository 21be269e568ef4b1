"""`upayhelp help [COMMAND ...]`: find the command, print its help page."""

from __future__ import annotations

from collections.abc import Sequence

import typer

from upayhelp.errors import UsageError
from upayhelp.i18n import resolve_lang, t


def show_help(ctx: typer.Context, words: Sequence[str]) -> None:
    """Print the help of the command named by `words` (the program's own when empty)."""
    root = ctx.find_root()
    command = root.command
    current = root
    for word in words:
        group = getattr(command, "get_command", None)
        sub = group(current, word) if group is not None else None
        if sub is None:
            state = getattr(root.obj, "lang", None)
            raise UsageError(t("help-no-command", resolve_lang(state), command=word))
        current = typer.Context(sub, info_name=word, parent=current)
        command = sub
    typer.echo(command.get_help(current))
