"""`upayhelp diagnose [TOPIC]`: the interactive walk and the scripted walk."""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import typer

from upayhelp.actions.shared import (
    WALK_KINDS,
    find_flow,
    load_content,
    outcome_channels,
    topic_list,
)
from upayhelp.app import Env, env, print_json
from upayhelp.content.diagnostics import suggest
from upayhelp.engine import Session, node_prompt, valid_choices
from upayhelp.errors import AnswerError, PendingAnswer, UsageError
from upayhelp.i18n import t
from upayhelp.model import Advice, Content, Flow, Input, Lang, Node, Outcome, Question

MAX_ANSWERS_BYTES = 1024 * 1024


def diagnose_command(
    ctx: typer.Context,
    topic: str | None = None,
    answer: list[str] | None = None,
    answers_file: str | None = None,
    report: str | None = None,
    force: bool = False,
    json_out: bool = False,
    lang: str | None = None,
    content_dir: list[str] | None = None,
    plain: bool = False,
) -> None:
    """Walk through a diagnosis and end with the channels to contact."""
    options = env(ctx, lang, content_dir)
    given = _collect_answers(answers_file, answer or [], options.lang)
    content = load_content(options, WALK_KINDS).content
    interactive = sys.stdin.isatty() and not json_out
    if interactive and not given:
        _interactive(content, options.lang, topic, report, force, plain)
        return
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
        save_report(session, content, options.lang, report, force)
    if json_out:
        print_json(done_json(session, content, options.lang))
    else:
        _show_done(session, content, options.lang)


def _interactive(
    content: Content, lang: Lang, topic: str | None, report: str | None, force: bool, plain: bool
) -> None:
    """The walk on a terminal: the topic picker (or the candidates of an ambiguous topic), the
    walk, and the picker again when the user asks for other topics."""
    from upayhelp.actions.walk import OTHER_TOPICS, interactive_walk, pick_topic
    from upayhelp.errors import AmbiguousTopic
    from upayhelp.prompts import make_asker, plain_wanted

    plain = plain_wanted(plain)
    asker = make_asker(lang, plain)
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
                raise UsageError(f"{origin} {node.id}: {exc.message}") from None
            continue
        if interactive:
            from upayhelp.actions.walk import interactive_walk
            from upayhelp.prompts import plain_wanted

            interactive_walk(session, content, options.lang, None, False, plain=plain_wanted(plain))
            return
        if json_out:
            print_json(pending_json(session, options.lang))
        raise PendingAnswer(_pending_message(session, options.lang), node=node.id)
    unused = [f"{node}={value}" for node, queue in queues.items() for value, _ in queue]
    if unused:
        raise UsageError(t("answers-unused", options.lang, unused=", ".join(unused)))


def _pending_message(session: Session, lang: Lang) -> str:
    node = session.current
    text = node_prompt(node).get(lang)
    choices = ("、" if lang == "zh" else ", ").join(valid_choices(node, lang))
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


def _options_json(node: Node, lang: Lang) -> dict[str, Any]:
    if isinstance(node, Question):
        return {
            "options": [
                {"number": i, "label": o.label.get(lang), "next": o.next}
                for i, o in enumerate(node.options, 1)
            ]
        }
    if isinstance(node, Advice):
        return {"options": [{"number": 1, "label": "yes"}, {"number": 2, "label": "no"}]}
    if isinstance(node, Input):
        return {"format": node.format, "fact": node.fact, "optional": node.optional}
    return {}


def path_json(session: Session, lang: Lang) -> list[dict[str, Any]]:
    """The questions and answers so far."""
    out: list[dict[str, Any]] = []
    flow = session.flow
    for step in session.steps:
        node = flow.nodes[step.node]
        entry: dict[str, Any] = {
            "node": step.node,
            "type": node.type,
            "text": node_prompt(node).get(lang),
            "answer": step.label(flow, lang),
        }
        if isinstance(node, Question) and isinstance(step.value, int):
            entry["option"] = step.value + 1
        elif isinstance(node, Advice):
            entry["solved"] = step.value == "yes"
        else:
            entry["value"] = step.value
            if step.masked:
                entry["masked"] = list(step.masked)
        out.append(entry)
    return out


def pending_json(session: Session, lang: Lang) -> dict[str, Any]:
    node = session.current
    pending: dict[str, Any] = {
        "node": node.id,
        "type": node.type,
        "text": node_prompt(node).get(lang),
        **_options_json(node, lang),
    }
    return {
        "status": "pending",
        "flow": session.flow.id,
        "language": lang,
        "path": path_json(session, lang),
        "pending": pending,
        "facts": session.facts,
    }


def done_json(session: Session, content: Content, lang: Lang) -> dict[str, Any]:
    outcome = session.outcome
    assert outcome is not None
    channels = outcome_channels(content, outcome)
    return {
        "status": "done",
        "flow": session.flow.id,
        "language": lang,
        "path": path_json(session, lang),
        "outcome": {
            "node": outcome.id,
            "result": outcome.result,
            "text": outcome.text.get(lang),
            "channels": list(outcome.channels),
            "prepare": [item.get(lang) for item in outcome.prepare],
        },
        "channels": [
            {
                "id": c.id,
                "name": c.name.get(lang),
                "how": c.how.get(lang),
                "best_for": c.best_for.get(lang),
                "addresses": list(c.addresses),
            }
            for c in channels
        ],
        "facts": session.facts,
        "tips": [tip.text.get(lang) for tip in content.tips.values()]
        if outcome.result == "escalate"
        else [],
    }


def _show_done(session: Session, content: Content, lang: Lang) -> None:
    from upayhelp.render import make_console
    from upayhelp.render_walk import show_outcome

    outcome = session.outcome
    assert isinstance(outcome, Outcome)
    show_outcome(
        make_console(),
        outcome,
        outcome_channels(content, outcome),
        session.facts,
        list(content.tips.values()),
        lang,
    )


def write_report(session: Session, content: Content, lang: Lang, path: str, force: bool) -> str:
    """Write the summary of `session` to `path`; returns the absolute path written."""
    from upayhelp.report import build_report, write_private

    outcome = session.outcome
    channels = outcome_channels(content, outcome) if outcome is not None else []
    text = build_report(session, channels, list(content.tips.values()), lang, datetime.now())
    return str(write_private(path, text, force, lang).absolute())


def save_report(session: Session, content: Content, lang: Lang, path: str, force: bool) -> None:
    """Write the summary and say where (on stderr: stdout holds the result)."""
    written = write_report(session, content, lang, path, force)
    sys.stderr.write(t("saved", lang, path=written) + "\n")
