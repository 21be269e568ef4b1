"""`upayhelp diagnose [TOPIC]`: the walk through a decision tree, interactive on a terminal
(`walk.py`) or scripted with `--answer`/`--answers`, ending with the channels to contact."""

import sys
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from upayhelp.commands.common import (
    WALK_KINDS,
    DirsOpt,
    Env,
    JsonOpt,
    LangOpt,
    command_app,
    complete_topic,
    env,
    load_content,
)
from upayhelp.content.diagnostics import suggest
from upayhelp.engine import Session, node_prompt, valid_choices
from upayhelp.errors import AnswerError, PendingAnswer, UsageError
from upayhelp.i18n import t
from upayhelp.model import Content, Flow, Lang
from upayhelp.topics import find_flow, outcome_channels, topic_list

app = command_app()

MAX_ANSWERS_BYTES = 1024 * 1024


class _WithTopics(TyperCommand):
    """`diagnose --help` ends with the topics there are (the content is read only then)."""

    def format_epilog(self, ctx: Any, formatter: Any) -> None:
        rows = topics_help(ctx)
        if rows:
            with formatter.section("Topics"):
                formatter.write_dl(rows)
        super().format_epilog(ctx, formatter)


@app.command("diagnose", cls=_WithTopics)
def diagnose(
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
    options = env(ctx, lang, content_dir)
    given = _collect_answers(answers_file, answer or [], options.lang)
    interactive = sys.stdin.isatty() and not json_out
    if interactive and not given:
        from upayhelp.content import cache

        # On a first run the content is parsed: its cache entries are written once the first
        # question is on the screen, not before it is drawn.
        with cache.writes_held() as write_cache:
            content = load_content(options, WALK_KINDS).content
            _interactive(content, options, topic, report, force, plain, write_cache)
        return
    content = load_content(options, WALK_KINDS).content
    if topic is None:
        raise UsageError(_topics_message(content, options.lang, t("no-topic", options.lang)))
    flow = find_flow(content, topic, options.lang)
    session = Session(flow)
    for node_id in given:
        if node_id not in flow.nodes:
            hint = suggest(node_id, list(flow.nodes))
            raise UsageError(t("answer-no-node", options.lang, flow=flow.id, node=node_id) + hint)
    queues = {node: deque(values) for node, values in given.items()}
    _scripted_walk(session, queues, options, json_out, interactive, content, plain)
    if report is not None:
        from upayhelp.report import save_report

        save_report(session, content, options.lang, report, force, sys.stderr)
    outcome = session.outcome
    assert outcome is not None
    channels = outcome_channels(content, outcome)
    from upayhelp.output import reporter
    from upayhelp.results import WalkDone

    reporter(json_out).show(WalkDone(options.lang, session, content, channels))


def _interactive(
    content: Content,
    options: Env,
    topic: str | None,
    report: str | None,
    force: bool,
    plain: bool,
    on_first_draw: Callable[[], None] | None = None,
) -> None:
    """The walk on a terminal: the topic picker (or the candidates of an ambiguous topic), the
    walk, and the picker again when the user asks for other topics."""
    from upayhelp.commands.walk import OTHER_TOPICS, interactive_walk, pick_topic
    from upayhelp.errors import AmbiguousTopic
    from upayhelp.prompts import make_asker, plain_wanted

    lang = options.lang
    plain = plain_wanted(plain)
    asker = make_asker(lang, plain, own_process=options.own_process, on_first_draw=on_first_draw)
    flow: Flow | None
    if topic is None:
        flow = pick_topic(content, lang, asker)
    else:
        try:
            flow = find_flow(content, topic, lang)
        except AmbiguousTopic as exc:
            message = t("ambiguous-pick", lang, topic=topic)
            flow = pick_topic(content, lang, asker, exc.candidates, message)
    while flow is not None:
        ended = interactive_walk(
            Session(flow), content, lang, report, force, asker, plain=plain, topics=True
        )
        if ended != OTHER_TOPICS:
            return
        flow = pick_topic(content, lang, asker)


def _scripted_walk(
    session: Session,
    queues: Mapping[str, deque[tuple[str, str]]],
    options: Env,
    json_out: bool,
    interactive: bool,
    content: Content,
    plain: bool,
) -> None:
    """Feed the given answers; a missing one is asked on a terminal or reported as pending."""
    while not session.done:
        node = session.current
        queue = queues.get(node.id)
        if queue:
            raw, origin = queue.popleft()
            try:
                session.answer(raw, options.lang)
            except AnswerError as exc:
                raise UsageError(f"{origin} {node.id}: {exc.text(options.lang)}") from None
            continue
        if interactive:
            from upayhelp.commands.walk import interactive_walk
            from upayhelp.prompts import make_asker, plain_wanted

            plain = plain_wanted(plain)
            asker = make_asker(options.lang, plain, own_process=options.own_process)
            interactive_walk(session, content, options.lang, None, False, asker, plain=plain)
            return
        from upayhelp.output import reporter
        from upayhelp.results import WalkPending

        reporter(json_out).show(WalkPending(options.lang, session))
        raise PendingAnswer(_pending_message(session, options.lang), node=node.id)
    unused = [f"{node}={value}" for node, queue in queues.items() for value, _ in queue]
    if unused:
        raise UsageError(t("answers-unused", options.lang, unused=", ".join(unused)))


def _pending_message(session: Session, lang: Lang) -> str:
    node = session.current
    text = node_prompt(node).get(lang)
    choices = t("list-separator", lang).join(valid_choices(node, lang))
    kind = t(f"node-{node.type}", lang)
    return t("pending", lang, node=node.id, type=kind, text=text, valid=choices)


def _collect_answers(
    path: str | None, pairs: Sequence[str], lang: Lang
) -> dict[str, list[tuple[str, str]]]:
    """Answers from --answers FILE, then --answer NODE=OPTION, in the order given; each with
    where it came from, which an error about it names."""
    answers: dict[str, list[tuple[str, str]]] = {}
    if path is not None:
        for node, values in _read_answers_file(path, lang).items():
            answers.setdefault(node, []).extend((v, f"--answers {pos}:") for v, pos in values)
    for pair in pairs:
        node, sep, value = pair.partition("=")
        node = node.strip()
        if not sep or not node:
            raise UsageError(t("answer-pair", lang, pair=pair))
        answers.setdefault(node, []).append((value, "--answer"))
    return answers


def _read_answers_file(path: str, lang: Lang) -> dict[str, list[tuple[str, str]]]:
    """Each node's answers in the file, with where each one is (`path:line:column`)."""
    from upayhelp.content.yaml import YamlProblem, YMap, YScalar, YSeq, parse, read_bytes

    try:
        data = read_bytes(path)
    except YamlProblem as exc:
        raise UsageError(f"--answers {path}: {exc.diagnostic.message(lang)}") from None
    if len(data) > MAX_ANSWERS_BYTES:
        raise UsageError(f"--answers {path}: " + t("answers-big", lang, limit=MAX_ANSWERS_BYTES))
    value, problems = parse(path, data)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        # "--answers FILE:LINE:COL: message": one "error:" prefix, the one the handler adds
        first = errors[0]
        raise UsageError(f"--answers {first.pos}: {first.message(lang)}")
    if not isinstance(value, YMap):
        raise UsageError(f"--answers {path}: " + t("answers-mapping", lang))
    answers: dict[str, list[tuple[str, str]]] = {}
    for node, (_, item) in value.items.items():
        items = item.items if isinstance(item, YSeq) else [item]
        values: list[tuple[str, str]] = []
        for entry in items:
            if not isinstance(entry, YScalar):
                raise UsageError(f"--answers {entry.pos}: " + t("answers-single", lang))
            values.append(("-" if entry.is_null else entry.value, str(entry.pos)))
        answers[node] = values
    return answers


def topics_help(ctx: typer.Context) -> list[tuple[str, str]]:
    """(id, title) of every topic, for `diagnose --help`; none when the content is invalid
    (help must still show)."""
    from upayhelp.errors import UpayhelpError

    try:
        options = env(ctx)
        content = load_content(options, WALK_KINDS).content
    except UpayhelpError:
        return []
    return [(flow.id, flow.title.get(options.lang)) for flow in content.flows.values()]


def _topics_message(content: Content, lang: Lang, head: str) -> str:
    return head + t("topics-are", lang, topics=topic_list(content, lang))
