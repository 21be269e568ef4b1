"""The Typer application: global options, lazy loading of the commands, errors → exit codes.

Each command lives in its own module under `upayhelp.commands` and is imported only when it is
run (or listed, for `--help`): Click's "lazily loading subcommands" pattern, in `Group`. Errors
are mapped to exit codes in one place, `Group.invoke`; no traceback reaches a user unless
`--debug` is given.

No `from __future__ import annotations` here or in the command modules: Typer would parse and
evaluate every string annotation of a command at each start (see `upayhelp.commands`).
"""

import importlib
import os
import sys
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, NoReturn

import typer
from typer.core import TyperGroup

from upayhelp import __version__
from upayhelp.errors import ExitCode, Interrupted, UpayhelpError, UsageError
from upayhelp.i18n import parse_lang, resolve_lang, t
from upayhelp.lang import Lang

try:  # Typer vendors Click from 0.23 on
    from typer._click.core import Command as ClickCommand
    from typer._click.exceptions import ClickException
    from typer._click.exceptions import UsageError as ClickUsageError
except ImportError:  # pragma: no cover - older Typer with Click as a dependency
    from click.core import Command as ClickCommand  # type: ignore[no-redef,import-not-found]
    from click.exceptions import ClickException  # type: ignore[no-redef,import-not-found]
    from click.exceptions import UsageError as ClickUsageError  # type: ignore[no-redef]

COMMANDS = {
    "diagnose": "upayhelp.commands.diagnose",
    "contacts": "upayhelp.commands.contacts",
    "faq": "upayhelp.commands.faq",
    "check": "upayhelp.commands.check",
    "verify": "upayhelp.commands.verify",
    "help": "upayhelp.commands.help",
    "flows": "upayhelp.commands.flows",
    "export": "upayhelp.commands.export",
}
"""Each top-level command and the module that defines it (as its Typer `app`), in the order
`--help` lists them."""


class State:
    """Options given before the command name; `own_process` when upayhelp is the program (its
    console script) rather than a library inside another one."""

    __slots__ = ("content_dirs", "debug", "lang", "own_process")

    def __init__(
        self, lang: str | None = None, debug: bool = False, own_process: bool = False
    ) -> None:
        self.lang = lang
        self.content_dirs: list[str] = []
        self.debug = debug
        self.own_process = own_process


def state(ctx: typer.Context) -> State:
    """The options given before the command name (made on first use)."""
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State(debug="--debug" in sys.argv[1:])
    return root.obj


def _err(message: str, lang: Lang) -> None:
    from upayhelp.sanitize import clean

    prefix = "upayhelp: " + t("error", lang) + t("colon", lang)
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


class Group(TyperGroup):
    """Loads its commands lazily (`lazy`: name → module), and maps every error to its
    documented exit code and a one-line message."""

    lazy: ClassVar[Mapping[str, str]] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        loaded = [name for name in super().list_commands(ctx) if name not in self.lazy]
        return [*self.lazy, *loaded]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            module = importlib.import_module(self.lazy[cmd_name])
            command = typer.main.get_command(module.app)
            if not isinstance(command, ClickCommand):  # pragma: no cover - a wiring mistake
                raise TypeError(f"{self.lazy[cmd_name]}.app is not a command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

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
            _err(exc.text(lang), lang)
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
            if state(ctx).debug:
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


class _Root(Group):
    lazy = COMMANDS


app = typer.Typer(
    cls=_Root,
    name="upayhelp",
    help="Troubleshooting assistant for UPay wallet users.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"upayhelp {__version__}")
        raise typer.Exit()


# The options of the root that every command takes after its name too.
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
    given = state(ctx)
    given.debug = debug or given.debug
    if lang is not None:
        check_lang(lang)
        given.lang = lang
    given.content_dirs.extend(content_dir or [])


def check_lang(value: str) -> None:
    """A usage error for a --lang that names no language we have."""
    if parse_lang(value) is None:
        raise UsageError(t("unknown-lang", _lang_of(None), value=value))


def main() -> None:
    """The console script."""
    argv = sys.argv[1:]
    if argv == ["--version"]:  # the fast path: no command to build for this
        sys.stdout.write(f"upayhelp {__version__}\n")
        return
    try:
        app(prog_name="upayhelp", obj=State(debug="--debug" in argv, own_process=True))
    except KeyboardInterrupt:  # pragma: no cover - between Click's handlers
        sys.stderr.write("\n")
        sys.exit(int(ExitCode.INTERRUPTED))
