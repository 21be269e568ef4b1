"""`upayhelp help [COMMAND ...]`: the help of upayhelp or of one of its commands."""

from __future__ import annotations

from typing import Annotated

import typer

from upayhelp.app import app


@app.command("help")
def help_command(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None, typer.Argument(help="A command, e.g. diagnose or flows validate.")
    ] = None,
) -> None:
    """Show the help of upayhelp, or of a command (the same as COMMAND --help)."""
    from upayhelp.actions.help import show_help

    show_help(ctx, command or [])
