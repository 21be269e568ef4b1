"""`upayhelp export html`: the decision trees as one self-contained web page."""

from __future__ import annotations

import sys

import typer

from upayhelp.actions.shared import load_content
from upayhelp.app import env
from upayhelp.i18n import t


def html_command(
    ctx: typer.Context,
    output: str = "upayhelp.html",
    force: bool = False,
    lang: str | None = None,
    content_dir: list[str] | None = None,
) -> None:
    """Build the page from the loaded content and write it atomically (mode 0600)."""
    from upayhelp.report import write_private
    from upayhelp.web.page import build_page

    options = env(ctx, lang, content_dir)
    page = build_page(load_content(options).content, options.lang)
    if output == "-":
        sys.stdout.write(page)
        return
    write_private(output, page, force, options.lang, what="page")
    sys.stderr.write(t("web-exported", options.lang, path=output) + "\n")
