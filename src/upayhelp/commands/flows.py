"""`upayhelp flows ...`: the support team's tools (list, validate, test, show, graph, paths,
schema)."""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from upayhelp.app import Group
from upayhelp.commands.common import (
    DirsOpt,
    JsonOpt,
    LangOpt,
    command_app,
    complete_topic,
    env,
    load_content,
    load_flow,
)
from upayhelp.errors import ExitCode, UsageError
from upayhelp.i18n import t
from upayhelp.model import Channel, Entry, FaqEntry, Flow, Lang, Outcome, RedFlag, Tip
from upayhelp.output import reporter
from upayhelp.results import (
    Diagram,
    EntryList,
    EntryRow,
    ExampleRun,
    FlowTree,
    JsonSchema,
    Paths,
    Route,
    Validation,
)
from upayhelp.topics import find_flow

if TYPE_CHECKING:
    from upayhelp.content.load import Layer

app = command_app(
    cls=Group,
    name="flows",
    help="Tools for content authors: list, validate, test, show, graph, paths, schema.",
    no_args_is_help=True,
)

FormatOpt = Annotated[
    str, typer.Option("--format", help="Output format: text or json.", case_sensitive=False)
]

TopicArg = Annotated[
    str,
    typer.Argument(help="Flow id, title or keyword.", autocompletion=complete_topic),
]


@app.command("list")
def list_entries(
    ctx: typer.Context,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """List every content entry: kind, id, title, source file, and what it overrides."""
    from upayhelp.content.load import content_layers, display_path, load

    options = env(ctx, lang, content_dir)
    loaded = load(content_layers(options.content_dirs))
    replaced_by: dict[str, str] = {o.replaced: o.source for o in loaded.content.overrides}
    overrides: dict[str, str] = {o.source: o.replaced for o in loaded.content.overrides}
    rows: list[EntryRow] = []
    for layer, parsed in loaded.files:
        for entry in parsed.entries:
            where = str(entry.pos) if entry.pos else parsed.path
            rows.append(
                EntryRow(
                    kind=_kind(entry),
                    id=entry.id,
                    title=_title(entry, options.lang),
                    source=display_path(parsed.path),
                    layer=layer.name,
                    overrides=overrides.get(where),
                    overridden_by=replaced_by.get(where),
                )
            )
    reporter(json_out).show(EntryList(options.lang, rows))


@app.command("validate")
def validate(
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
    from upayhelp.content.load import load

    options = env(ctx, lang, content_dir)
    output = output.lower()
    if output not in ("text", "json"):
        raise UsageError(t("unknown-format", options.lang, format=output, valid="text, json"))
    layers, checked = _checked_layers(list(options.content_dirs), paths, options.lang)
    loaded = load(layers, checked)
    files = checked if checked is not None else [f for layer in layers for f in layer.files]
    result = Validation(options.lang, strict, files, loaded.diagnostics)
    reporter(json_out or output == "json").show(result)
    if result.failed:
        raise typer.Exit(int(ExitCode.PROBLEM))


@app.command("test")
def run_flow_tests(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files or directories whose flows to test (default: every flow)."),
    ] = None,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """Run the flows' examples (`examples:`); exit 0 when all pass, 1 otherwise.

    Content with errors is not run: its problems are printed as `flows validate` prints them.
    """
    from upayhelp.content.load import load
    from upayhelp.flowtest import run_examples, uncovered_outcomes

    options = env(ctx, lang, content_dir)
    layers, checked = _checked_layers(list(options.content_dirs), paths, options.lang)
    loaded = load(layers, checked)
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    wanted = None if checked is None else {os.path.normpath(p) for p in checked}
    flows = [
        flow
        for flow in loaded.content.flows.values()
        if wanted is None or os.path.normpath(flow.source) in wanted
    ]
    results = [] if errors else [r for flow in flows for r in run_examples(flow)]
    uncovered = {flow.id: missing for flow in flows if (missing := uncovered_outcomes(flow))}
    run = ExampleRun(options.lang, flows, results, errors, uncovered)
    reporter(json_out).show(run)
    if errors or run.failed:
        raise typer.Exit(int(ExitCode.PROBLEM))


@app.command("show")
def show(
    ctx: typer.Context,
    topic: TopicArg,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """Draw a flow's tree in the terminal; loops and shared nodes are marked, not repeated."""
    options = env(ctx, lang, content_dir)
    _, flow = load_flow(options, topic)
    reporter(json_out=False).show(FlowTree(options.lang, flow))


@app.command("graph")
def graph(
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
    from upayhelp.graph import to_dot, to_mermaid

    options = env(ctx, lang, content_dir)
    output = output.lower()
    if output not in ("mermaid", "dot"):
        raise UsageError(t("unknown-format", options.lang, format=output, valid="mermaid, dot"))
    content = load_content(options).content
    flows = [find_flow(content, topic, options.lang)] if topic else list(content.flows.values())
    render = to_mermaid if output == "mermaid" else to_dot
    reporter(json_out=False).show(Diagram(render(flows, options.lang)))


@app.command("paths")
def paths(
    ctx: typer.Context,
    topic: TopicArg,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
) -> None:
    """Every route from the start to an outcome (loops taken at most once), as --answer lists."""
    from upayhelp.engine import routes

    options = env(ctx, lang, content_dir)
    _, flow = load_flow(options, topic)
    found: list[Route] = []
    for route in routes(flow):
        outcome = flow.nodes[route.outcome]
        assert isinstance(outcome, Outcome)
        found.append(Route(route.outcome, outcome.result, route.answers(flow)))
    reporter(json_out).show(Paths(options.lang, flow, found))


@app.command("schema")
def schema(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Argument(help="flow, channels, faq, tips or redflags (default: any content file)."),
    ] = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a content kind, for editors."""
    from upayhelp.content.jsonschema import all_schema, kind_schema
    from upayhelp.content.schema import KIND_NAMES

    if kind is not None and kind not in KIND_NAMES:
        lang = env(ctx).lang
        raise UsageError(t("unknown-kind", lang, kind=kind, kinds=", ".join(KIND_NAMES)))
    reporter(json_out=True).show(JsonSchema(kind_schema(kind) if kind else all_schema()))


def _title(entry: Entry, lang: Lang) -> str:
    if isinstance(entry, Flow):
        return entry.title.get(lang)
    if isinstance(entry, Channel):
        return entry.name.get(lang)
    if isinstance(entry, FaqEntry):
        return entry.question.get(lang)
    if isinstance(entry, RedFlag):
        return entry.title.get(lang)
    assert isinstance(entry, Tip)
    return entry.text.get(lang)


def _kind(entry: Entry) -> str:
    return {
        Flow: "flow",
        Channel: "channel",
        FaqEntry: "faq",
        Tip: "tip",
        RedFlag: "redflag",
    }[type(entry)]


def _expand(paths: list[str], lang: Lang = "en") -> list[str]:
    from upayhelp.content.load import SUFFIXES, display_path

    files: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.suffix in SUFFIXES and not p.name.startswith(".")
            )
            files.extend(os.path.normpath(display_path(p)) for p in found)
        elif path.exists() or path.is_symlink():
            files.append(os.path.normpath(raw))
        else:
            raise UsageError(t("path-missing", lang) + f": {raw}")
    return files


def _checked_layers(
    content_dirs: list[str], paths: list[str] | None, lang: Lang = "en"
) -> "tuple[list[Layer], list[str] | None]":
    """The configured layers, with `paths` (when given) checked as one more layer on top."""
    from upayhelp.content.load import Layer, content_layers

    layers = content_layers(content_dirs)
    checked: list[str] | None = None
    if paths:
        checked = _expand(paths, lang)
        ours = {os.path.realpath(p) for p in checked}
        layers = [
            Layer(
                layer.name,
                tuple(f for f in layer.files if os.path.realpath(f) not in ours),
                layer.root,
                layer.problems,
            )
            for layer in layers
        ]
        layers.append(Layer("checked", tuple(checked)))
    return layers, checked
