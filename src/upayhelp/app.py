"""The Typer application: parses options, builds objects, calls the core, renders, exits.

Errors are mapped to exit codes in one place, `_Group.invoke`; no traceback reaches a user
unless `--debug` is given. This module holds the application without its commands: `main()`
registers only the command it is asked to run (building every command's parameters costs
~20 ms at each start), and `upayhelp.cli` registers them all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from upayhelp import __version__
from upayhelp.errors import ExitCode, Interrupted, UpayhelpError, UsageError
from upayhelp.i18n import parse_lang, resolve_lang, t
from upayhelp.lang import Lang

try:  # Typer vendors Click from 0.23 on
    from typer._click.exceptions import ClickException
    from typer._click.exceptions import UsageError as ClickUsageError
except ImportError:  # pragma: no cover - older Typer with Click as a dependency
    from click.exceptions import ClickException  # type: ignore[no-redef,import-not-found]
    from click.exceptions import UsageError as ClickUsageError  # type: ignore[no-redef]

SCHEMA_VERSION = 1


@dataclass
class State:
    """Options given before the command name."""

    lang: str | None = None
    content_dirs: list[str] = field(default_factory=list)
    debug: bool = False


def _state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State(debug="--debug" in sys.argv[1:])
    return root.obj


def _err(message: str, lang: Lang) -> None:
    from upayhelp.sanitize import clean

    prefix = "upayhelp: " + t("error", lang) + ("：" if lang == "zh" else ": ")
    sys.stderr.write(prefix + clean(message, keep_newlines=False) + "\n")
    sys.stderr.flush()


def _lang_of(ctx: typer.Context | None) -> Lang:
    option = None
    if ctx is not None and isinstance(ctx.find_root().obj, State):
        option = ctx.find_root().obj.lang
    if option is None:  # not parsed yet (an error in the options): read the command line
        argv = sys.argv[1:]
        for index, word in enumerate(argv[:-1]):
            if word == "--lang" and parse_lang(argv[index + 1]):
                option = argv[index + 1]
        option = next((w[7:] for w in argv if w.startswith("--lang=")), option)
    return resolve_lang(option)


def _usage_error(exc: ClickUsageError, lang: Lang, ctx: typer.Context) -> NoReturn:
    """Click's usage errors in the user's language, with the one prefix of every error."""
    from upayhelp.usage import translate_usage

    usage, message = "", exc.format_message()
    command = ctx.command_path
    if exc.ctx is not None:
        usage = exc.ctx.get_usage()
        command = exc.ctx.command_path
    elif ctx.invoked_subcommand:  # raised while parsing the subcommand's options
        command += " " + ctx.invoked_subcommand
    if lang == "zh":
        usage, message = translate_usage(usage), translate_usage(message)
    if usage:
        sys.stderr.write(usage + "\n")
    sys.stderr.write(t("usage-help", lang, command=command) + "\n")
    _err(message, lang)
    raise typer.Exit(int(ExitCode.USAGE))


class _Group(TyperGroup):
    """Maps every error to its documented exit code and a one-line message."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:  # type: ignore[override]
        try:
            return super().parse_args(ctx, args)
        except ClickUsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                raise
            _usage_error(exc, _lang_of(ctx), ctx)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list with each command's whole first sentence (Click cuts it at 45
        characters with "...")."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            text = command.short_help or (command.help or "").strip().split("\n\n")[0]
            rows.append((name, " ".join(text.split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ClickUsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":
                raise
            _usage_error(exc, _lang_of(ctx), ctx)
        except (typer.Exit, typer.Abort, ClickException):
            raise
        except Interrupted:  # the prompt has already ended its line
            sys.stderr.write("upayhelp: " + t("interrupted", _lang_of(ctx)) + "\n")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except UpayhelpError as exc:
            lang = _lang_of(ctx)
            _err(exc.message, lang)
            if exc.hint:
                sys.stderr.write(exc.hint + "\n")
            raise typer.Exit(int(exc.exit_code)) from None
        except (KeyboardInterrupt, EOFError):
            sys.stderr.write("\n" + "upayhelp: " + t("interrupted", _lang_of(ctx)) + "\n")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:  # `upayhelp contacts | head -1`: the reader had enough
            _quiet_broken_pipe()
            raise typer.Exit(int(ExitCode.OK)) from None
        except Exception as exc:
            if _state(ctx).debug:
                raise
            lang = _lang_of(ctx)
            _err(f"{t('internal-error', lang)}: {exc.__class__.__name__}: {exc}", lang)
            sys.stderr.write(t("debug-hint", lang) + "\n")
            raise typer.Exit(int(ExitCode.INTERNAL)) from None


def _quiet_broken_pipe() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


app = typer.Typer(
    cls=_Group,
    name="upayhelp",
    help="Troubleshooting assistant for UPay wallet users.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
flows_app = typer.Typer(
    cls=_Group,
    help="Tools for content authors: list, validate, test, show, graph, paths, schema.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"upayhelp {__version__}")
        raise typer.Exit()


LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        help="Language: zh or en (default: UPAYHELP_LANG, then the locale).",
    ),
]
DirsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--content-dir",
        metavar="DIR",
        help="Extra content directory (repeatable); overrides built-in entries by id.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]


@app.callback()
def _root(
    ctx: typer.Context,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Fix UPay wallet problems yourself, or reach the right official channel, safely."""
    state = _state(ctx)
    state.debug = debug or state.debug
    if lang is not None:
        _check_lang(lang)
        state.lang = lang
    state.content_dirs.extend(content_dir or [])


def _check_lang(value: str) -> None:
    if parse_lang(value) is None:
        raise UsageError(t("unknown-lang", _lang_of(None), value=value))


@dataclass
class Env:
    """What a command needs: the language, the content directories, the consoles."""

    lang: Lang
    content_dirs: list[str]
    debug: bool


def env(
    ctx: typer.Context, lang: str | None = None, content_dir: Sequence[str] | None = None
) -> Env:
    """Merge options given after the command name with those given before it."""
    state = _state(ctx)
    if lang is not None:
        _check_lang(lang)
        state.lang = lang
    dirs = [*state.content_dirs, *(content_dir or [])]
    return Env(resolve_lang(state.lang), dirs, state.debug)


def print_json(data: dict[str, Any]) -> None:
    """JSON on stdout, with the schema version first."""
    import json

    payload = {"schema_version": SCHEMA_VERSION, **data}
    sys.stdout.write(json_escape(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n")


def json_escape(text: str) -> str:
    """JSON text with readable Chinese, but nothing that a terminal would act on or that cannot
    be encoded: DEL, C1 controls, bidi controls and lone surrogates become \\u escapes."""
    import re

    return re.sub(
        "[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]",
        lambda m: f"\\u{ord(m.group()):04x}",
        text,
    )


def fail(message: str, code: ExitCode = ExitCode.PROBLEM) -> NoReturn:
    """Raise the error the handler turns into `message` and `code`."""
    error = UpayhelpError(message)
    error.exit_code = code
    raise error


# Which module registers each top-level command.
COMMAND_MODULES = {
    "diagnose": "diagnose",
    "contacts": "answers",
    "faq": "answers",
    "check": "guard",
    "verify": "guard",
    "flows": "flows",
    "export": "export",
    "help": "help",
}
_VALUE_OPTIONS = ("--lang", "--content-dir")


def command_name(argv: Sequence[str]) -> str | None:
    """The command word of a command line (after the global options), if any."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in _VALUE_OPTIONS:
            skip = True
        elif word == "--":
            return None
        elif not word.startswith("-"):
            return word
    return None


def register(name: str | None = None) -> None:
    """Register the module of command `name` on `app`, or every command when None/unknown."""
    import importlib

    module = COMMAND_MODULES.get(name or "")
    if name == "help":  # `upayhelp help diagnose` shows another command's help
        module = None
    names = [module] if module else list(dict.fromkeys(COMMAND_MODULES.values()))
    for each in names:
        importlib.import_module(f"upayhelp.cli_commands.{each}")


def main() -> None:
    """The console script."""
    argv = sys.argv[1:]
    if argv == ["--version"]:  # the fast path: no command to build for this
        sys.stdout.write(f"upayhelp {__version__}\n")
        return
    completing = any(key.startswith("_UPAYHELP_COMPLETE") for key in os.environ)
    register(None if completing else command_name(argv))
    try:
        app(prog_name="upayhelp")
    except KeyboardInterrupt:  # pragma: no cover - between Click's handlers
        sys.stderr.write("\n")
        sys.exit(int(ExitCode.INTERRUPTED))
