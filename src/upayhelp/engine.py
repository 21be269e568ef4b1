"""The diagnosis session: a state machine over one flow. No I/O at all.

The state is the list of steps taken; everything else (current node, facts, outcome) is derived
from it, so `back()` restores an earlier state exactly and `restart()` is an empty list.
"""

from collections.abc import Iterator
from datetime import datetime
from typing import NamedTuple

from upayhelp.errors import AnswerError
from upayhelp.i18n import Message, t
from upayhelp.model import Advice, Flow, Input, Lang, Node, Outcome, Question, Text

YES = ("yes", "y", "是", "是的", "解决了")
NO = ("no", "n", "否", "没有", "没解决")
# Formats free enough to hold a bare 6-digit verification code, which is then masked too.
CODE_FORMATS = ("text", "order-id")


class Step(NamedTuple):
    """One answered node. `value` is the option index (question), "yes"/"no" (advice),
    or the typed value (input; None when skipped)."""

    node: str
    value: int | str | None
    masked: tuple[str, ...] = ()  # kinds of secret masked out of a typed value
    typed: str | None = None  # what was typed, when `value` differs (a resolved date)

    def label(self, flow: Flow, lang: Lang) -> str:
        """The answer as the user saw it."""
        node = flow.nodes[self.node]
        if isinstance(node, Question) and isinstance(self.value, int):
            return node.options[self.value].label.get(lang)
        if isinstance(node, Advice):
            if is_scam_warning(node):
                return t("not-paid" if self.value == "yes" else "paid", lang)
            return t("solved" if self.value == "yes" else "not-solved", lang)
        if self.value is None:
            return t("skipped", lang)
        return str(self.value)


def is_scam_warning(node: Node) -> bool:
    """An advice node that warns of a scam: after it the walk asks "Have you already paid or
    shared a code?" (yes leads where "not solved" does) instead of "Did this solve it?"."""
    if not isinstance(node, Advice):
        return False
    return "scam" in node.text.get("en").casefold() or "诈骗" in node.text.get("zh")


def node_prompt(node: Node) -> Text:
    """The question text of a node: ask, advice text, or outcome text."""
    if isinstance(node, (Question, Input)):
        return node.ask
    return node.text


class Session:
    """A walk through one flow."""

    def __init__(self, flow: Flow, now: datetime | None = None) -> None:
        if flow.start not in flow.nodes:
            raise ValueError(f"flow {flow.id!r} has no start node {flow.start!r}")
        self.flow = flow
        self.now = now  # what "today" and "yesterday" are resolved against (None: the clock)
        self._steps: list[Step] = []

    # -- state -------------------------------------------------------------------------

    @property
    def steps(self) -> tuple[Step, ...]:
        return tuple(self._steps)

    @property
    def current(self) -> Node:
        """The node waiting for an answer, or the outcome when done."""
        node_id = self.flow.start
        for step in self._steps:
            node_id = _next(self.flow.nodes[step.node], step.value)
        return self.flow.nodes[node_id]

    @property
    def done(self) -> bool:
        return isinstance(self.current, Outcome)

    @property
    def outcome(self) -> Outcome | None:
        node = self.current
        return node if isinstance(node, Outcome) else None

    @property
    def path(self) -> tuple[str, ...]:
        """The ids of the nodes visited, from start to the current node."""
        return (*(step.node for step in self._steps), self.current.id)

    @property
    def facts(self) -> dict[str, str]:
        """Facts collected by input nodes (the latest value when a node was visited twice)."""
        facts: dict[str, str] = {}
        for step in self._steps:
            node = self.flow.nodes[step.node]
            if isinstance(node, Input) and isinstance(step.value, str):
                facts[node.fact] = step.value
        return facts

    @property
    def masked(self) -> dict[str, tuple[str, ...]]:
        """Input nodes whose answer looked like a secret and was masked: node → kinds."""
        return {step.node: step.masked for step in self._steps if step.masked}

    def visits(self, node_id: str) -> int:
        """How many times `node_id` has been answered so far."""
        return sum(1 for step in self._steps if step.node == node_id)

    # -- moves -------------------------------------------------------------------------

    def choose(self, index: int) -> None:
        """Answer the current question with its option number `index` (0-based)."""
        node = self.current
        if not isinstance(node, Question):
            raise self._wrong_type(node, "question")
        if not 0 <= index < len(node.options):
            raise self._bad(node, str(index + 1))
        self._steps.append(Step(node.id, index))

    def solved(self, yes: bool) -> None:
        """Answer the current advice node's "Did this solve it?"."""
        node = self.current
        if not isinstance(node, Advice):
            raise self._wrong_type(node, "advice")
        self._steps.append(Step(node.id, "yes" if yes else "no"))

    def provide(self, value: str | None, lang: Lang = "en", defer: bool = False) -> None:
        """Answer the current input node; None (or an empty string) skips an optional one, or
        with `defer` a required one too (a missing fact never blocks the advice)."""
        node = self.current
        if not isinstance(node, Input):
            raise self._wrong_type(node, "input")
        self._steps.append(self._typed(node, value, lang, defer))

    def fill(self, index: int, value: str | None, lang: Lang = "en") -> None:
        """Give the input of step `index` (0-based) a value afterwards: a fact skipped on the way
        and asked for again at the end. The route does not change (an input has one `next`)."""
        node = self.flow.nodes[self._steps[index].node]
        if not isinstance(node, Input):
            raise self._wrong_type(node, "input")
        self._steps[index] = self._typed(node, value, lang, defer=True)

    def _typed(self, node: Input, value: str | None, lang: Lang, defer: bool) -> Step:
        if value is None or not value.strip():
            if not node.optional and not defer:
                raise AnswerError(
                    t("answer-required", lang, node=node.id, format=node.format), node=node.id
                )
            return Step(node.id, None)
        # typed values need the formats and the secrets detector; a walk that never reaches
        # an input node does not load them
        from upayhelp.formats import normalize, validate_value
        from upayhelp.secrets import redact

        problem = validate_value(node.format, value, lang, self.now)
        if problem is not None:
            raise AnswerError(
                t("answer-invalid", lang, node=node.id, problem=problem), node=node.id
            )
        # Never keep a secret: codes, card numbers and passwords are masked on the way in.
        safe, kinds = redact(value.strip(), codes=node.format in CODE_FORMATS)
        kept = normalize(node.format, safe, self.now)
        return Step(node.id, kept, kinds, typed=safe if kept != safe else None)

    def answer(self, raw: str, lang: Lang = "en") -> None:
        """Answer the current node with text, as `--answer NODE=OPTION` gives it.

        A question takes an option's 1-based number or its label in either language
        (case-insensitive); an advice node `yes` or `no`; an input node its value, or `-` to
        skip an optional one.
        """
        node = self.current
        text = raw.strip()
        if isinstance(node, Question):
            self.choose(self.option_index(node, text, lang))
        elif isinstance(node, Advice):
            folded = text.casefold()
            if folded in YES or folded == "1":
                self.solved(True)
            elif folded in NO or folded == "2":
                self.solved(False)
            else:
                raise self._bad(node, raw, lang)
        elif isinstance(node, Input):
            self.provide(None if text == "-" else raw, lang)
        else:
            raise AnswerError(t("walk-over", lang, node=node.id), node=node.id)

    def option_index(self, node: Question, text: str, lang: Lang = "en") -> int:
        """The 0-based index of the option named by number or label; AnswerError otherwise."""
        index = find_option(node, text)
        if index is None:
            raise self._bad(node, text, lang)
        return index

    def back(self) -> None:
        """Undo the last answer (nothing to undo at the first question)."""
        if self._steps:
            self._steps.pop()

    def restart(self) -> None:
        """Forget every answer: back to the start node."""
        self._steps.clear()

    def restore(self, steps: tuple[Step, ...]) -> None:
        """Put back steps taken earlier (`steps` as `self.steps` gave them)."""
        self._steps = list(steps)

    def rewind(self, index: int) -> None:
        """Go back to the `index`-th step (0-based), to answer it again."""
        if not 0 <= index <= len(self._steps):
            raise IndexError(index)
        del self._steps[index:]

    # -- helpers -----------------------------------------------------------------------

    @staticmethod
    def _wrong_type(node: Node, wanted: str) -> AnswerError:
        kind, wanted_kind = Message(f"node-{node.type}"), Message(f"node-{wanted}")
        message = Message("answer-wrong-node", node=node.id, type=kind, wanted=wanted_kind)
        return AnswerError(message, node=node.id)

    def _bad(self, node: Node, raw: str, lang: Lang = "en") -> AnswerError:
        choices = valid_choices(node, lang)
        listed = t("list-separator", lang).join(choices)
        from upayhelp.secrets import redact

        shown = redact(raw)[0]
        return AnswerError(
            t("answer-bad", lang, value=shown, node=node.id, valid=listed),
            node=node.id,
            choices=choices,
        )


def find_option(node: Question, text: str) -> int | None:
    """The 0-based index of the option named by its 1-based number or a label in either
    language (case and spacing ignored), or None."""
    text = text.strip()
    if text.isdigit() and text.isascii():
        number = int(text)
        if 1 <= number <= len(node.options):
            return number - 1
    folded = " ".join(text.casefold().split())
    for index, option in enumerate(node.options):
        if any(" ".join(label.casefold().split()) == folded for label in option.label.all()):
            return index
    return None


def accepts(node: Node, raw: str) -> bool:
    """Whether `Session.answer(raw)` would accept `raw` at `node` (for checking answers
    written down before any walk, like a flow's examples)."""
    text = raw.strip()
    if isinstance(node, Question):
        return find_option(node, text) is not None
    if isinstance(node, Advice):
        return text.casefold() in (*YES, *NO, "1", "2")
    if isinstance(node, Input):
        if text in ("-", ""):
            return node.optional
        from upayhelp.formats import validate_value

        return validate_value(node.format, raw) is None
    return False


def valid_choices(node: Node, lang: Lang) -> list[str]:
    """What an answer to `node` may be, for error messages."""
    if isinstance(node, Question):
        return [f"{i}={o.label.get(lang)}" for i, o in enumerate(node.options, 1)]
    if isinstance(node, Advice):
        return [t("answer-yes", lang), t("answer-no", lang)]
    if isinstance(node, Input):
        fmt = t(f"format-{node.format}", lang)
        return [f"<{fmt}>", *(["-"] if node.optional else [])]
    return []


def _next(node: Node, value: int | str | None) -> str:
    if isinstance(node, Question):
        assert isinstance(value, int)
        return node.options[value].next
    if isinstance(node, Advice):
        return node.solved if value == "yes" else node.unsolved
    if isinstance(node, Input):
        return node.next
    raise AnswerError(Message("walk-over", node=node.id), node=node.id)


class Route(NamedTuple):
    """One way from start to an outcome: the answers given, in order."""

    steps: tuple[Step, ...]
    outcome: str

    def answers(self, flow: Flow) -> list[tuple[str, str]]:
        """(node, answer) pairs as `diagnose --answer NODE=OPTION` takes them."""
        out: list[tuple[str, str]] = []
        for step in self.steps:
            node = flow.nodes[step.node]
            if isinstance(node, Question) and isinstance(step.value, int):
                out.append((step.node, str(step.value + 1)))
            elif isinstance(step.value, str):
                out.append((step.node, step.value))
            else:
                out.append((step.node, "-"))
        return out


SAMPLE_VALUES = {
    "text": "example",
    "date": "2026-01-31",
    "datetime": "2026-01-31 14:30",
    "amount": "100.00",
    "order-id": "A1234567",
}


def routes(flow: Flow, max_visits: int = 2) -> Iterator[Route]:
    """Every route from start to an outcome, each node visited at most `max_visits` times
    (so a loop is taken at most once). Input nodes get a sample value, or are skipped."""

    def walk(node_id: str, steps: tuple[Step, ...], counts: dict[str, int]) -> Iterator[Route]:
        if counts.get(node_id, 0) >= max_visits:
            return
        node = flow.nodes[node_id]
        if isinstance(node, Outcome):
            yield Route(steps, node_id)
            return
        counts = {**counts, node_id: counts.get(node_id, 0) + 1}
        if isinstance(node, Question):
            for index, option in enumerate(node.options):
                yield from walk(option.next, (*steps, Step(node_id, index)), counts)
        elif isinstance(node, Advice):
            yield from walk(node.solved, (*steps, Step(node_id, "yes")), counts)
            yield from walk(node.unsolved, (*steps, Step(node_id, "no")), counts)
        elif isinstance(node, Input):
            value = None if node.optional else SAMPLE_VALUES.get(node.format, "example")
            yield from walk(node.next, (*steps, Step(node_id, value)), counts)

    yield from walk(flow.start, (), {})
