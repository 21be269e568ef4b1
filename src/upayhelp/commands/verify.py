"""`upayhelp verify CONTACT`: whether a contact is one of the configured official channels."""

from typing import Annotated

import typer

from upayhelp.commands.common import (
    VERIFY_KINDS,
    DirsOpt,
    JsonOpt,
    LangOpt,
    command_app,
    env,
    load_content,
)
from upayhelp.errors import ExitCode, UsageError
from upayhelp.i18n import t
from upayhelp.output import reporter
from upayhelp.results import VerifyReport

app = command_app()


@app.command("verify")
def verify(
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
    from upayhelp.verify import verify as judge

    options = env(ctx, lang, content_dir)
    written = " ".join(contact)  # `verify +86 10 1234`: the words are one contact
    if not written.strip():
        raise UsageError(t("verify-empty", options.lang))
    channels = load_content(options, VERIFY_KINDS).content.channels
    verdict = judge(written, channels.values())
    reporter(json_out).show(VerifyReport(options.lang, written, verdict, channels))
    if verdict.status != "official":
        raise typer.Exit(int(ExitCode.FLAGGED))
