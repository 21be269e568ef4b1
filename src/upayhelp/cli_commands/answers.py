"""`upayhelp contacts` and `upayhelp faq`: answers in one command."""

from __future__ import annotations

from typing import Annotated

import typer

from upayhelp.app import DirsOpt, JsonOpt, LangOpt, app
from upayhelp.cli_commands.shell_completion import complete_faq, complete_topic


@app.command("contacts")
def contacts_command(
    ctx: typer.Context,
    topic: Annotated[
        str | None,
        typer.Option(
            "--topic",
            help="Only the channels recommended for this topic, in order.",
            autocompletion=complete_topic,
        ),
    ] = None,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """List the official contact channels: how to reach each and what it is best for."""
    args = locals()
    from upayhelp.actions.answers import contacts_command as run

    run(**args)


@app.command("faq")
def faq_command(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None,
        typer.Argument(
            help="A number, an id, or your question in your own words.",
            autocompletion=complete_faq,
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Every question with its answer.")
    ] = False,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """Answer a frequently asked question: by number, by id, or by searching your words."""
    args = locals()
    from upayhelp.actions.answers import faq_command as run

    run(**args)
