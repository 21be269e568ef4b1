"""`upayhelp diagnose [TOPIC]`: the interactive walk and the scripted walk."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from upayhelp.app import DirsOpt, JsonOpt, LangOpt, app
from upayhelp.cli_commands.shell_completion import complete_topic


class _WithTopics(TyperCommand):
    """`diagnose --help` ends with the topics there are (the content is read only then)."""

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        from upayhelp.actions.diagnose import topics_help

        rows = topics_help(ctx)
        if rows:
            with formatter.section("Topics"):
                formatter.write_dl(rows)
        super().format_epilog(ctx, formatter)


@app.command("diagnose", cls=_WithTopics)
def diagnose_command(
    ctx: typer.Context,
    topic: Annotated[
        str | None,
        typer.Argument(
            help="Flow id, title or keyword (either language; typos are fine).",
            autocompletion=complete_topic,
        ),
    ] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option("--answer", "-a", help="NODE=OPTION; repeatable. Answers a node by id."),
    ] = None,
    answers_file: Annotated[
        str | None,
        typer.Option("--answers", help="YAML or JSON mapping of node id to answer(s)."),
    ] = None,
    report: Annotated[
        str | None, typer.Option("--report", help="Write a support-request summary (Markdown).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing report.")] = False,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Numbered questions on plain lines (no cursor movement; for screen readers). "
            "Also UPAYHELP_PLAIN=1, and on TERM=dumb.",
        ),
    ] = False,
) -> None:
    """Walk through a diagnosis and end with the channels to contact."""
    args = locals()
    from upayhelp.actions.diagnose import diagnose_command as run

    run(**args)
