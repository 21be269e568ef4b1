"""`upayhelp check` and `upayhelp verify`: the scam guard."""

from __future__ import annotations

from typing import Annotated

import typer

from upayhelp.app import DirsOpt, JsonOpt, LangOpt, app


@app.command("check")
def check_command(
    ctx: typer.Context,
    text: Annotated[
        list[str] | None,
        typer.Argument(help="The message or call description; '-' (or a pipe) reads stdin."),
    ] = None,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Show every cue that fired, its weight, and what a suppressor cancelled.",
        ),
    ] = False,
    each: Annotated[
        str | None,
        typer.Option(
            "--each",
            metavar="FILE",
            help="Check every line of FILE ('-' for stdin) as its own message; with --json, "
            "JSON Lines.",
        ),
    ] = None,
) -> None:
    """Check a message that claims to come from UPay support for the red flags of a scam."""
    args = locals()
    from upayhelp.actions.guard import check_command as run

    run(**args)


@app.command("verify")
def verify_command(
    ctx: typer.Context,
    contact: Annotated[
        list[str],
        typer.Argument(
            help="A phone number, URL, e-mail address or @handle; several words are one "
            "contact (a number written with spaces)."
        ),
    ],
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """Say whether a contact is one of the configured official channels; flag look-alikes."""
    args = locals()
    from upayhelp.actions.guard import verify_command as run

    run(**args)
