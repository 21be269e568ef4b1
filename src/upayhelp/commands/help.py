"""`upayhelp help [COMMAND ...]`: the help of upayhelp or of one of its commands."""

from typing import Annotated

import typer

from upayhelp.app import state
from upayhelp.commands.common import command_app
from upayhelp.errors import UsageError
from upayhelp.i18n import resolve_lang, t

app = command_app()


@app.command("help")
def show_help(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None, typer.Argument(help="A command, e.g. diagnose or flows validate.")
    ] = None,
) -> None:
    """Show the help of upayhelp, or of a command (the same as COMMAND --help)."""
    root = ctx.find_root()
    found = root.command
    current = root
    for word in command or []:
        group = getattr(found, "get_command", None)
        sub = group(current, word) if group is not None else None
        if sub is None:
            raise UsageError(t("help-no-command", resolve_lang(state(ctx).lang), command=word))
        current = typer.Context(sub, info_name=word, parent=current)
        found = sub
    typer.echo(found.get_help(current))
