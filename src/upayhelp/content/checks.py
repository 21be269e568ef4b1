"""Graph checks of one flow, and checks across all loaded content."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence

from upayhelp.content.diagnostics import Diagnostic, error, warning
from upayhelp.model import (
    Channel,
    FaqEntry,
    Flow,
    Input,
    Lang,
    Node,
    Outcome,
    Pos,
    Question,
    RedFlag,
    Scoring,
    link_positions,
    successors,
)


def _norm_label(label: str) -> str:
    return " ".join(label.casefold().split())


def check_flow(flow: Flow) -> list[Diagnostic]:
    """Dangling links, unreachable nodes, cycles with no way out, duplicate labels."""
    problems: list[Diagnostic] = []
    fallback = flow.pos or Pos(flow.source, 1, 1)
    nodes = flow.nodes
    ids = list(nodes)
    known = set(nodes) | flow.broken
    if flow.start not in known:
        problems.append(
            error(
                flow.start_pos or fallback,
                "ref-unknown",
                candidates=ids,
                field="start",
                target=flow.start,
            )
        )
    links = {node_id: successors(node) for node_id, node in nodes.items()}
    for node_id, node in nodes.items():
        names = _link_names(node, links[node_id])
        for target, pos, name in zip(links[node_id], link_positions(node), names, strict=False):
            if target and target not in known:
                problems.append(
                    error(
                        pos or node.pos or fallback,
                        "ref-unknown",
                        candidates=ids,
                        field=name,
                        target=target,
                    )
                )
        if isinstance(node, Question):
            problems.extend(_duplicate_labels(node, fallback))
    if flow.start in nodes and not flow.broken:  # a broken node hides its links
        reachable = _reachable(flow.start, links)
        for node_id, node in nodes.items():
            if node_id not in reachable:
                problems.append(
                    error(node.pos or fallback, "node-unreachable", node=node_id, start=flow.start)
                )
        escapes = _can_reach_outcome(nodes, links)
        for node_id in nodes:
            if node_id in reachable and node_id not in escapes:
                node = nodes[node_id]
                problems.append(error(node.pos or fallback, "node-trapped", node=node_id))
    problems.extend(_check_examples(flow, fallback))
    return problems


def _check_examples(flow: Flow, fallback: Pos) -> list[Diagnostic]:
    """Examples name real nodes, answers their nodes accept, an outcome and real facts.
    (Channel ids are checked with the other content, in `check_references`.)"""
    if not flow.examples:
        return []
    from upayhelp.engine import accepts

    problems: list[Diagnostic] = []
    nodes = flow.nodes
    askable = [node_id for node_id, node in nodes.items() if not isinstance(node, Outcome)]
    outcomes = [node_id for node_id, node in nodes.items() if isinstance(node, Outcome)]
    facts = {node.fact for node in nodes.values() if isinstance(node, Input)}
    for example in flow.examples:
        here = example.pos or fallback
        for answer in example.answers:
            node = nodes.get(answer.node)
            pos = answer.pos or here
            if node is None:
                if answer.node not in flow.broken:
                    problems.append(
                        error(pos, "example-node-unknown", candidates=askable, target=answer.node)
                    )
                continue
            if isinstance(node, Outcome):
                problems.append(error(pos, "example-node-outcome", node=answer.node))
                continue
            positions = answer.value_pos or (pos,) * len(answer.values)
            for value, value_pos in zip(answer.values, positions, strict=False):
                if not accepts(node, value):
                    problems.append(
                        error(
                            value_pos,
                            "example-answer-invalid",
                            answer=value,
                            node=answer.node,
                            choices_en=", ".join(_choices(node, "en")),
                            choices_zh=", ".join(_choices(node, "zh")),
                        )
                    )
        if not isinstance(nodes.get(example.outcome), Outcome) and example.outcome not in (
            flow.broken
        ):
            problems.append(
                error(
                    example.outcome_pos or here,
                    "example-outcome-unknown",
                    candidates=outcomes,
                    target=example.outcome,
                )
            )
        fact_positions = example.fact_pos or (here,) * len(example.facts or ())
        for (fact, _), pos in zip(example.facts or (), fact_positions, strict=False):
            if fact not in facts:
                problems.append(
                    error(pos, "example-fact-unknown", candidates=sorted(facts), target=fact)
                )
    return problems


def _choices(node: Node, lang: Lang) -> list[str]:
    """What an answer to `node` may be, as `--answer` takes it (for messages)."""
    from upayhelp.engine import valid_choices

    return valid_choices(node, lang)


def _link_names(node: object, links: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(node, Question):
        return ("next",) * len(node.options)
    if len(links) == 2:
        return ("solved", "unsolved")
    return ("next",) * len(links)


def _duplicate_labels(node: Question, fallback: Pos) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    seen: dict[str, set[str]] = {"zh": set(), "en": set()}
    for option in node.options:
        for lang, value in (("zh", option.label.zh), ("en", option.label.en)):
            if value is None:
                continue
            key = _norm_label(value)
            if key in seen[lang]:
                problems.append(
                    error(option.label_pos or node.pos or fallback, "label-duplicate", label=value)
                )
                break
            seen[lang].add(key)
    return problems


def _reachable(start: str, links: Mapping[str, tuple[str, ...]]) -> set[str]:
    seen = {start}
    queue = deque([start])
    while queue:
        for target in links.get(queue.popleft(), ()):
            if target in links and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _can_reach_outcome(
    nodes: Mapping[str, object], links: Mapping[str, tuple[str, ...]]
) -> set[str]:
    incoming: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for node_id, targets in links.items():
        for target in targets:
            if target in incoming:
                incoming[target].append(node_id)
    # Dangling links and dead ends are reported on their own; counting them as ways out
    # avoids a cascade of "caught in a cycle" errors.
    escapes = set()
    for node_id, node in nodes.items():
        targets = links[node_id]
        if isinstance(node, Outcome) or not targets or any(t not in nodes for t in targets):
            escapes.add(node_id)
    queue = deque(escapes)
    while queue:
        for source in incoming[queue.popleft()]:
            if source not in escapes:
                escapes.add(source)
                queue.append(source)
    return escapes


def check_references(
    flows: Iterable[Flow],
    channels: Mapping[str, Channel],
    faq: Iterable[FaqEntry],
    flow_ids: Sequence[str],
) -> list[Diagnostic]:
    """Channel ids used by outcomes, flows linked from the FAQ, and unused channels."""
    problems: list[Diagnostic] = []
    used: set[str] = set()
    for flow in flows:
        for node in flow.nodes.values():
            if not isinstance(node, Outcome):
                continue
            positions = node.channel_pos or ((node.pos,) * len(node.channels))
            for channel_id, pos in zip(node.channels, positions, strict=False):
                used.add(channel_id)
                if channel_id not in channels:
                    problems.append(
                        error(
                            pos or node.pos or Pos(flow.source, 1, 1),
                            "channel-unknown",
                            candidates=list(channels),
                            id=channel_id,
                        )
                    )
        for example in flow.examples:
            positions = example.channel_pos or (example.pos,) * len(example.channels or ())
            for channel_id, pos in zip(example.channels or (), positions, strict=False):
                if channel_id not in channels:
                    problems.append(
                        error(
                            pos or Pos(flow.source, 1, 1),
                            "channel-unknown",
                            candidates=list(channels),
                            id=channel_id,
                        )
                    )
    for entry in faq:
        if entry.flow is not None and entry.flow not in flow_ids:
            problems.append(
                error(
                    entry.flow_pos or entry.pos or Pos(entry.source, 1, 1),
                    "flow-unknown",
                    candidates=flow_ids,
                    field="flow",
                    id=entry.flow,
                )
            )
    for channel in channels.values():
        if channel.id not in used:
            problems.append(
                warning(channel.pos or Pos(channel.source, 1, 1), "channel-unused", id=channel.id)
            )
    return problems


def check_cues(rules: Iterable[RedFlag], scoring: Scoring) -> list[Diagnostic]:
    """Shared cues named by the rules' `use` that no scoring section defines."""
    shared = [name for name, _ in scoring.cues or ()]
    problems: list[Diagnostic] = []
    for rule in rules:
        for cue in rule.cues:
            if cue.use and cue.use not in shared:
                pos = cue.pos or rule.pos or Pos(rule.source, 1, 1)
                problems.append(error(pos, "cue-unknown", candidates=shared, id=cue.use))
    return problems
