"""`upayhelp flows ...`: the support team's tools."""

from __future__ import annotations

from typing import Annotated

import typer

from upayhelp.app import DirsOpt, JsonOpt, LangOpt, app, flows_app
from upayhelp.cli_commands.shell_completion import complete_topic

app.add_typer(flows_app, name="flows")

FormatOpt = Annotated[
    str, typer.Option("--format", help="Output format: text or json.", case_sensitive=False)
]

TopicArg = Annotated[
    str,
    typer.Argument(help="Flow id, title or keyword.", autocompletion=complete_topic),
]


@flows_app.command("list")
def list_command(
    ctx: typer.Context,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """List every content entry: kind, id, title, source file, and what it overrides."""
    args = locals()
    from upayhelp.actions.flows import list_command as run

    run(**args)


@flows_app.command("validate")
def validate_command(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or directories to check (default: all configured content)."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    output: FormatOpt = "text",
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """Lint content; exit 0 when valid, 1 otherwise. One line per problem."""
    args = locals()
    from upayhelp.actions.flows import validate_command as run

    run(**args)


@flows_app.command("test")
def run_examples_command(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or directories whose flows to test (default: every flow)."),
    ] = None,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """Run the flows' examples (`examples:`); exit 0 when all pass, 1 otherwise."""
    args = locals()
    from upayhelp.actions.flows import run_examples_command as run

    run(**args)


@flows_app.command("show")
def show_command(
    ctx: typer.Context,
    topic: TopicArg,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """Draw a flow's tree in the terminal; loops and shared nodes are marked, not repeated."""
    args = locals()
    from upayhelp.actions.flows import show_command as run

    run(**args)


@flows_app.command("graph")
def graph_command(
    ctx: typer.Context,
    topic: Annotated[
        str | None,
        typer.Argument(
            help="Flow id, title or keyword (default: every flow).", autocompletion=complete_topic
        ),
    ] = None,
    output: Annotated[
        str, typer.Option("--format", help="mermaid or dot.", case_sensitive=False)
    ] = "mermaid",
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """Print a flow (or every flow) as a Mermaid or Graphviz DOT diagram source."""
    args = locals()
    from upayhelp.actions.flows import graph_command as run

    run(**args)


@flows_app.command("paths")
def paths_command(
    ctx: typer.Context,
    topic: TopicArg,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """Every route from the start to an outcome (loops taken at most once), as --answer lists."""
    args = locals()
    from upayhelp.actions.flows import paths_command as run

    run(**args)


@flows_app.command("schema")
def schema_command(
    kind: Annotated[
        str | None,
        typer.Argument(help="flow, channels, faq, tips or redflags (default: any content file)."),
    ] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a content kind, for editors."""
    args = locals()
    from upayhelp.actions.flows import schema_command as run

    run(**args)
