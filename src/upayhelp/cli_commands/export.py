"""`upayhelp export html`: the decision trees as one self-contained web page."""

from __future__ import annotations

from typing import Annotated

import typer

from upayhelp.app import DirsOpt, LangOpt, app

export_app = typer.Typer(
    help="Publish the content in another form: html (one self-contained web page).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(export_app, name="export")


@export_app.command("html")
def html_command(
    ctx: typer.Context,
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Where to write the page ('-': standard output)."
        ),
    ] = "upayhelp.html",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """Write one HTML file (no external requests) that walks the same trees in a browser."""
    from upayhelp.actions.export import html_command as run

    run(ctx, output=output, force=force, lang=lang, content_dir=content_dir)
