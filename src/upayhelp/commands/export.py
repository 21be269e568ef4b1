"""`upayhelp export html`: the decision trees as one self-contained web page."""

import sys
from typing import Annotated

import typer

from upayhelp.commands.common import DirsOpt, LangOpt, command_app, env, load_content
from upayhelp.i18n import t

app = command_app(
    name="export",
    help="Publish the content in another form: html (one self-contained web page).",
    no_args_is_help=True,
)


@app.callback()
def export() -> None:
    """Publish the content in another form: html (one self-contained web page)."""


@app.command("html")
def html(
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
    from upayhelp.report import write_private
    from upayhelp.web.page import build_page

    options = env(ctx, lang, content_dir)
    page = build_page(load_content(options).content, options.lang)
    if output == "-":
        sys.stdout.write(page)
        return
    write_private(output, page, force, options.lang, what="page")
    sys.stderr.write(t("web-exported", options.lang, path=output) + "\n")
