"""Running the examples written beside a flow (`examples:`), as `upayhelp flows test` does.

Pure: each example's answers are fed to an engine `Session` exactly as `diagnose --answer`
feeds them (per node, in order, one per visit), and every difference from what the example
expects becomes a diagnostic at the example's line, in either language.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from upayhelp.content.diagnostics import Diagnostic, error
from upayhelp.engine import Session, valid_choices
from upayhelp.errors import AnswerError
from upayhelp.model import Example, Flow, Outcome, Pos

__all__ = ["ExampleResult", "run_example", "run_examples", "uncovered_outcomes"]


@dataclass(frozen=True)
class ExampleResult:
    """One example of one flow: where it is written, what it expects and what went wrong."""

    flow: str
    number: int  # 1-based, in the order of the file
    pos: Pos
    expected: str
    reached: str | None  # the outcome reached, None when the walk stopped before one
    failures: tuple[Diagnostic, ...] = field(default=())

    @property
    def passed(self) -> bool:
        return not self.failures


def run_examples(flow: Flow) -> list[ExampleResult]:
    """Every example of `flow`, in order."""
    return [run_example(flow, example, number) for number, example in enumerate(flow.examples, 1)]


def run_example(flow: Flow, example: Example, number: int) -> ExampleResult:
    """Walk `flow` with the example's answers and compare the end with what it expects."""
    here = example.pos or Pos(flow.source, 1, 1)
    queues = {
        answer.node: deque(
            zip(
                answer.values,
                answer.value_pos or (answer.pos or here,) * len(answer.values),
                strict=False,
            )
        )
        for answer in example.answers
    }
    session = Session(flow)
    failures: list[Diagnostic] = []
    while not session.done:
        node = session.current
        queue = queues.get(node.id)
        if not queue:
            failures.append(
                error(
                    here,
                    "example-pending",
                    number=number,
                    node=node.id,
                    type=node.type,
                    choices_en=", ".join(valid_choices(node, "en")),
                    choices_zh=", ".join(valid_choices(node, "zh")),
                )
            )
            return ExampleResult(flow.id, number, here, example.outcome, None, tuple(failures))
        value, pos = queue.popleft()
        try:
            session.answer(value)
        except AnswerError:
            failures.append(
                error(
                    pos,
                    "example-rejected",
                    number=number,
                    answer=value,
                    node=node.id,
                    choices_en=", ".join(valid_choices(node, "en")),
                    choices_zh=", ".join(valid_choices(node, "zh")),
                )
            )
            return ExampleResult(flow.id, number, here, example.outcome, None, tuple(failures))
    outcome = session.outcome
    assert outcome is not None
    if outcome.id != example.outcome:
        failures.append(
            error(
                example.outcome_pos or here,
                "example-outcome",
                number=number,
                got=outcome.id,
                expected=example.outcome,
            )
        )
    for node_id, queue in queues.items():
        for value, pos in queue:
            failures.append(error(pos, "example-unused", number=number, node=node_id, answer=value))
    if outcome.id == example.outcome:
        failures.extend(_compare_channels(example, outcome, number, here))
        failures.extend(_compare_facts(example, session.facts, number, here))
    return ExampleResult(flow.id, number, here, example.outcome, outcome.id, tuple(failures))


def _compare_channels(
    example: Example, outcome: Outcome, number: int, here: Pos
) -> list[Diagnostic]:
    if example.channels is None or tuple(example.channels) == outcome.channels:
        return []
    pos = example.channel_pos[0] if example.channel_pos else here
    return [
        error(
            pos,
            "example-channels",
            number=number,
            node=outcome.id,
            got=", ".join(outcome.channels),
            expected=", ".join(example.channels),
        )
    ]


def _compare_facts(
    example: Example, facts: dict[str, str], number: int, here: Pos
) -> list[Diagnostic]:
    if example.facts is None:
        return []
    problems: list[Diagnostic] = []
    positions = example.fact_pos or (here,) * len(example.facts)
    expected = dict(example.facts)
    for (name, value), pos in zip(example.facts, positions, strict=False):
        if name not in facts:
            problems.append(
                error(pos, "example-fact-missing", number=number, fact=name, expected=value)
            )
        elif facts[name] != value:
            problems.append(
                error(
                    pos, "example-fact", number=number, fact=name, got=facts[name], expected=value
                )
            )
    for name, value in facts.items():
        if name not in expected:
            problems.append(error(here, "example-fact-extra", number=number, fact=name, got=value))
    return problems


def uncovered_outcomes(flow: Flow) -> list[str]:
    """The outcomes of `flow` that no example expects, in the order of the file."""
    expected = {example.outcome for example in flow.examples}
    return [
        node_id
        for node_id, node in flow.nodes.items()
        if isinstance(node, Outcome) and node_id not in expected
    ]
