"""`upayhelp flows ...`: the support team's tools."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from upayhelp.cli import DirsOpt, JsonOpt, LangOpt, env, flows_app, print_json
from upayhelp.errors import ExitCode, UsageError
from upayhelp.model import Channel, Entry, FaqEntry, Flow, Lang, RedFlag, Tip


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


@flows_app.command("list")
def list_command(
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
    from rich.table import Table

    from upayhelp.render import make_console, safe

    zh = options.lang == "zh"
    table = Table(box=None, pad_edge=False, show_edge=False)
    for heading in ("类型 id 标题 来源 备注" if zh else "kind id title source note").split():
        table.add_column(heading, overflow="fold")
    for row in rows:
        note = ""
        if row["overridden_by"]:
            note = ("被覆盖：" if zh else "overridden by ") + row["overridden_by"]
        elif row["overrides"]:
            note = ("覆盖：" if zh else "overrides ") + row["overrides"]
        table.add_row(
            row["kind"], safe(row["id"]), safe(row["title"]), safe(row["source"]), safe(note)
        )
    make_console().print(table)


def _expand(paths: list[str]) -> list[str]:
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
            raise UsageError(f"no such file or directory: {raw}")
    return files


FormatOpt = Annotated[
    str, typer.Option("--format", help="Output format: text or json.", case_sensitive=False)
]


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
    from upayhelp.content.load import Layer, content_layers, load

    options = env(ctx, lang, content_dir)
    output = output.lower()
    if output not in ("text", "json"):
        raise UsageError(f"unknown format '{output}' (use text or json)")
    layers = content_layers(options.content_dirs)
    checked: list[str] | None = None
    if paths:
        checked = _expand(paths)
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
        from upayhelp.render import clean

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
