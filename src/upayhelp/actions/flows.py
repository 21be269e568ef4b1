"""`upayhelp flows ...`: the support team's tools."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from upayhelp.actions.shared import find_flow, load_content, load_flow
from upayhelp.app import env, print_json
from upayhelp.errors import ExitCode, UsageError
from upayhelp.i18n import t
from upayhelp.model import Channel, Entry, FaqEntry, Flow, Lang, Node, Outcome, RedFlag, Tip

if TYPE_CHECKING:
    from upayhelp.content.load import Layer


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


def list_command(
    ctx: typer.Context,
    json_out: bool = False,
    lang: str | None = None,
    content_dir: list[str] | None = None,
) -> None:
    """List every content entry: kind, id, title, source file, and what it overrides."""
    from upayhelp.content.load import BUILTIN, content_layers, display_path, load

    options = env(ctx, lang, content_dir)
    loaded = load(content_layers(options.content_dirs))
    replaced_by: dict[str, str] = {o.replaced: o.source for o in loaded.content.overrides}
    overrides: dict[str, str] = {o.source: o.replaced for o in loaded.content.overrides}
    rows: list[dict[str, Any]] = []
    for layer, parsed in loaded.files:
        for entry in parsed.entries:
            where = str(entry.pos) if entry.pos else parsed.path
            rows.append(
                {
                    "kind": _kind(entry),
                    "id": entry.id,
                    "title": _title(entry, options.lang),
                    "source": display_path(parsed.path),
                    "layer": layer.name,
                    "overrides": overrides.get(where),
                    "overridden_by": replaced_by.get(where),
                }
            )
    if json_out:
        print_json({"entries": rows})
        return
    from rich.cells import cell_len, set_cell_size

    from upayhelp.render import clean, make_console, safe

    zh = options.lang == "zh"
    builtin = "内置/" if zh else BUILTIN + "/"
    kind_width = max([4, *(len(r["kind"]) for r in rows)])
    id_width = max([2, *(len(r["id"]) for r in rows)])
    title_width = 30
    console = make_console()
    for row in rows:
        source = row["source"]
        if row["layer"] == BUILTIN:
            source = builtin + os.path.basename(source)
        title = clean(row["title"], keep_newlines=False)
        if cell_len(title) > title_width:
            title = set_cell_size(title, title_width - 1) + "…"
        line = (
            f"{row['kind']:<{kind_width}}  {row['id']:<{id_width}}  "
            f"{set_cell_size(title, title_width)}  {source}"
        )
        if row["overridden_by"]:
            line += ("  （被覆盖：" if zh else "  (overridden by ") + row["overridden_by"]
            line += "）" if zh else ")"
        elif row["overrides"]:
            line += ("  （覆盖：" if zh else "  (overrides ") + row["overrides"]
            line += "）" if zh else ")"
        console.print(safe(line.rstrip()), soft_wrap=True)


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
) -> tuple[list[Layer], list[str] | None]:
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


def run_examples_command(
    ctx: typer.Context,
    paths: list[str] | None = None,
    json_out: bool = False,
    lang: str | None = None,
    content_dir: list[str] | None = None,
) -> None:
    """Run the flows' examples (`examples:`); exit 0 when all pass, 1 otherwise.

    Content with errors is not run: its problems are printed as `flows validate` prints them.
    """
    from upayhelp.content.load import load
    from upayhelp.flowtest import run_examples, uncovered_outcomes
    from upayhelp.sanitize import clean

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
    failed = [r for r in results if not r.passed]
    if json_out:
        print_json(
            {
                "passed": not errors and not failed,
                "flows": len(flows),
                "examples": len(results),
                "failures": len(failed),
                "problems": [d.as_json(options.lang) for d in errors],
                "results": [
                    {
                        "flow": r.flow,
                        "example": r.number,
                        "path": r.pos.path,
                        "line": r.pos.line,
                        "expected": r.expected,
                        "reached": r.reached,
                        "passed": r.passed,
                        "failures": [d.as_json(options.lang) for d in r.failures],
                    }
                    for r in results
                ],
                "uncovered": {
                    flow.id: missing for flow in flows if (missing := uncovered_outcomes(flow))
                },
            }
        )
    else:
        for diagnostic in errors:
            typer.echo(clean(diagnostic.render(options.lang), keep_newlines=False))
        for result in failed:
            for diagnostic in result.failures:
                typer.echo(clean(diagnostic.render(options.lang), keep_newlines=False))
        passed = len(results) - len(failed)
        if errors:
            summary = (
                f"内容有 {len(errors)} 个错误，未运行示例"
                if options.lang == "zh"
                else f"{len(errors)} error{'s' if len(errors) != 1 else ''} in the content: "
                "examples not run"
            )
        elif options.lang == "zh":
            summary = (
                f"{len(flows)} 个流程，{len(results)} 个示例：{passed} 个通过，{len(failed)} 个失败"
            )
        else:
            summary = (
                f"{len(flows)} flow{'s' if len(flows) != 1 else ''}, "
                f"{len(results)} example{'s' if len(results) != 1 else ''}: "
                f"{passed} passed, {len(failed)} failed"
            )
        typer.echo(summary, err=True)
    if errors or failed:
        raise typer.Exit(int(ExitCode.PROBLEM))


def validate_command(
    ctx: typer.Context,
    paths: list[str] | None = None,
    strict: bool = False,
    output: str = "text",
    json_out: bool = False,
    lang: str | None = None,
    content_dir: list[str] | None = None,
) -> None:
    """Lint content; exit 0 when valid, 1 otherwise. One line per problem."""
    from upayhelp.content.load import load

    options = env(ctx, lang, content_dir)
    output = output.lower()
    if output not in ("text", "json"):
        raise UsageError(t("unknown-format", options.lang, format=output, valid="text, json"))
    layers, checked = _checked_layers(list(options.content_dirs), paths, options.lang)
    loaded = load(layers, checked)
    problems = loaded.diagnostics
    errors = sum(1 for d in problems if d.severity == "error")
    warnings = len(problems) - errors
    failed = errors > 0 or (strict and warnings > 0)
    files = checked if checked is not None else [f for layer in layers for f in layer.files]
    if json_out or output == "json":
        print_json(
            {
                "valid": not failed,
                "strict": strict,
                "files": files,
                "errors": errors,
                "warnings": warnings,
                "problems": [d.as_json(options.lang) for d in problems],
            }
        )
    else:
        from upayhelp.sanitize import clean

        for diagnostic in problems:
            typer.echo(clean(diagnostic.render(options.lang), keep_newlines=False))
        summary = (
            f"{len(files)} 个文件：{errors} 个错误，{warnings} 个警告"
            if options.lang == "zh"
            else f"{len(files)} file{'s' if len(files) != 1 else ''} checked: "
            f"{errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}"
        )
        typer.echo(summary, err=True)
    if failed:
        raise typer.Exit(int(ExitCode.PROBLEM))


def show_command(
    ctx: typer.Context,
    topic: str,
    lang: str | None = None,
    content_dir: list[str] | None = None,
) -> None:
    """Draw a flow's tree in the terminal; loops and shared nodes are marked, not repeated."""
    from rich.tree import Tree

    from upayhelp.engine import node_prompt
    from upayhelp.render import make_console, safe

    options = env(ctx, lang, content_dir)
    _, flow = load_flow(options, topic)
    zh = options.lang == "zh"
    tags = {
        "question": "问题" if zh else "question",
        "advice": "建议" if zh else "advice",
        "input": "填写" if zh else "input",
        "outcome": "结果" if zh else "outcome",
    }

    def label(node: Node) -> Any:
        text = safe(f"[{tags[node.type]}] ", "dim")
        text.append_text(safe(node.id, "bold"))
        text.append(": ")
        text.append_text(safe(node_prompt(node).get(options.lang)))
        if isinstance(node, Outcome):
            text.append_text(
                safe(f"  ({node.result})", "green" if node.result == "resolved" else "yellow")
            )
        return text

    shown: set[str] = set()

    def grow(tree: Tree, node_id: str, ancestors: tuple[str, ...]) -> None:
        node = flow.nodes[node_id]
        shown.add(node_id)
        for target, edge in _edge_labels(node, options.lang):
            prefix = safe(f"{edge} → " if edge else "→ ", "cyan")
            if target in ancestors or target == node_id:
                mark = "↻ 回到 " if zh else "↻ back to "
                tree.add(prefix + safe(mark + target, "magenta"))
            elif target in shown:
                mark = "（见上文）" if zh else " (shown above)"
                tree.add(prefix + safe(target + mark, "dim"))
            elif target in flow.nodes:
                branch = tree.add(prefix + label(flow.nodes[target]))
                grow(branch, target, (*ancestors, node_id))

    root = Tree(safe(f"{flow.title.get(options.lang)} ({flow.id})", "bold"))
    start = root.add(label(flow.nodes[flow.start]))
    grow(start, flow.start, ())
    make_console().print(root)


def _edge_labels(node: Node, lang: Lang) -> list[tuple[str, str]]:
    from upayhelp.graph import _edges

    return _edges(node, lang)


def graph_command(
    ctx: typer.Context,
    topic: str | None = None,
    output: str = "mermaid",
    lang: str | None = None,
    content_dir: list[str] | None = None,
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
    sys.stdout.write(render(flows, options.lang))


def paths_command(
    ctx: typer.Context,
    topic: str,
    json_out: bool = False,
    lang: str | None = None,
    content_dir: list[str] | None = None,
) -> None:
    """Every route from the start to an outcome (loops taken at most once), as --answer lists."""
    import shlex

    from upayhelp.engine import routes

    options = env(ctx, lang, content_dir)
    _, flow = load_flow(options, topic)
    found: list[dict[str, Any]] = []
    for route in routes(flow):
        outcome = flow.nodes[route.outcome]
        assert isinstance(outcome, Outcome)
        answers = route.answers(flow)
        found.append(
            {
                "outcome": route.outcome,
                "result": outcome.result,
                "answers": [{"node": node, "answer": value} for node, value in answers],
                "args": [arg for node, value in answers for arg in ("--answer", f"{node}={value}")],
            }
        )
    if json_out:
        print_json({"flow": flow.id, "paths": found})
        return
    for number, route_data in enumerate(found, 1):
        args = " ".join(shlex.quote(a) for a in route_data["args"])
        typer.echo(
            f"{number}. {route_data['outcome']} ({route_data['result']}): "
            f"upayhelp diagnose {flow.id} {args}".rstrip()
        )


def schema_command(
    kind: str | None = None,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a content kind, for editors."""
    import json

    from upayhelp.content.jsonschema import all_schema, kind_schema
    from upayhelp.content.schema import KIND_NAMES

    if kind is not None and kind not in KIND_NAMES:
        raise UsageError(f"unknown kind '{kind}' (one of: {', '.join(KIND_NAMES)})")
    schema = kind_schema(kind) if kind else all_schema()
    sys.stdout.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
