"""`upayhelp check [TEXT | -]`: the red flags of a scam in one message, or (`--each`) in every
line of a file."""

import gc
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from upayhelp.commands.common import (
    CHECK_KINDS,
    DirsOpt,
    Env,
    JsonOpt,
    LangOpt,
    command_app,
    env,
    load_content,
)
from upayhelp.errors import ExitCode, NotFoundError, UsageError
from upayhelp.i18n import t
from upayhelp.lang import Lang
from upayhelp.output import reporter
from upayhelp.results import Batch, BatchLine, CheckReport

if TYPE_CHECKING:
    from upayhelp.scam import Guard

app = command_app()

MAX_MESSAGE_BYTES = 1024 * 1024
MAX_BATCH_BYTES = 256 * 1024 * 1024
MAX_REMEMBERED = 100_000
"""Distinct lines of a batch whose result is kept (the same scam reaches many people)."""


@app.command("check")
def check(
    ctx: typer.Context,
    text: Annotated[
        list[str] | None,
        typer.Argument(help="The message or call description; '-' (or a pipe) reads stdin."),
    ] = None,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    content_dir: DirsOpt = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Show every cue that fired, its weight, and what a suppressor cancelled.",
        ),
    ] = False,
    each: Annotated[
        str | None,
        typer.Option(
            "--each",
            metavar="FILE",
            help="Check every line of FILE ('-' for stdin) as its own message; with --json, "
            "JSON Lines.",
        ),
    ] = None,
) -> None:
    """Check a message that claims to come from UPay support for the red flags of a scam."""
    from upayhelp.scam import assess

    options = env(ctx, lang, content_dir)
    if each is not None:
        if text:
            raise UsageError(t("check-each-and-text", options.lang))
        if explain:
            raise UsageError(t("check-each-and-explain", options.lang))
        _check_each(each, options, json_out)
        return
    message = _read_message(text, options.lang)
    if not message.strip():
        raise UsageError(t("check-empty", options.lang))
    guard = _guard(options)
    result = assess(message, guard)
    reporter(json_out).show(CheckReport(options.lang, message, result, guard, explain))
    if result.findings:
        raise typer.Exit(int(ExitCode.FLAGGED))


def _read_message(text: list[str] | None, lang: Lang) -> str:
    if text and text != ["-"]:
        return " ".join(text)
    if not text and sys.stdin.isatty():
        raise UsageError(t("check-give", lang))
    data = sys.stdin.buffer.read(MAX_MESSAGE_BYTES + 1)
    if len(data) > MAX_MESSAGE_BYTES:
        raise UsageError(t("check-long", lang, limit=MAX_MESSAGE_BYTES))
    return data.decode("utf-8", "replace")


def _guard(options: Env) -> "Guard":
    """The compiled rules of the loaded content (rules, scoring, official addresses)."""
    from upayhelp.scam import compile_guard

    content = load_content(options, CHECK_KINDS).content
    return compile_guard(
        tuple(content.redflags.values()), content.scoring, tuple(content.channels.values())
    )


def _check_each(source: str, options: Env, json_out: bool) -> None:
    """Batch mode: one message per line; JSON Lines with --json, else the flagged lines and
    the counts. Exit 3 when any message is flagged."""
    gc.freeze()  # a batch runs for long: collect cycles again (see upayhelp.__main__)
    gc.enable()
    name, lines = _read_batch(source, options.lang)
    batch = Batch(options.lang, name, [], total=len(lines))
    batch.lines = _assessed(lines, _guard(options), batch)
    reporter(json_out).show(batch)
    if batch.flagged:
        raise typer.Exit(int(ExitCode.FLAGGED))


def _assessed(lines: list[str], guard: "Guard", batch: Batch) -> Iterator[BatchLine]:
    """Each line checked as it is asked for, the batch's counts kept up to date."""
    from upayhelp.scam import assess

    seen: dict[str, tuple[bool, float, list[str]]] = {}
    for number, line in enumerate(lines, 1):
        ids: list[str] = []
        if not line.strip():
            batch.empty += 1
            flagged, score = False, 0.0
        elif line in seen:
            flagged, score, ids = seen[line]
        else:
            result = assess(line, guard)
            flagged, score = result.flagged, result.score
            ids = [f.rule.id for f in result.findings]
            if len(seen) < MAX_REMEMBERED:
                seen[line] = (flagged, score, ids)
        batch.flagged += flagged
        yield BatchLine(number, flagged, score, ids, line)


def _read_batch(source: str, lang: Lang) -> tuple[str, list[str]]:
    """The lines of a batch file (or stdin for '-'), each decoded; a bad file is an error
    naming the line, raised before anything is printed."""
    name = "<stdin>" if source == "-" else source
    try:
        if source == "-":
            data = sys.stdin.buffer.read(MAX_BATCH_BYTES + 1)
        else:
            with open(source, "rb") as handle:
                data = handle.read(MAX_BATCH_BYTES + 1)
    except IsADirectoryError:
        raise NotFoundError(
            t("check-each-unreadable", lang, file=name, reason=t("reason-directory", lang))
        ) from None
    except OSError as exc:
        raise NotFoundError(
            t("check-each-unreadable", lang, file=name, reason=exc.strerror or str(exc))
        ) from None
    if len(data) > MAX_BATCH_BYTES:
        raise NotFoundError(t("check-each-too-large", lang, file=name, limit=MAX_BATCH_BYTES))
    raw_lines = data.split(b"\n")
    if raw_lines and raw_lines[-1] == b"":
        raw_lines.pop()
    lines: list[str] = []
    for number, raw in enumerate(raw_lines, 1):
        try:
            lines.append(raw.decode("utf-8").removesuffix("\r"))
        except UnicodeDecodeError as exc:
            column = len(raw[: exc.start].decode("utf-8", "replace")) + 1  # characters
            raise NotFoundError(
                t("check-each-encoding", lang, file=name, line=number, column=column)
            ) from None
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    return name, lines
