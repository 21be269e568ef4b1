"""What the commands compute and the reporters print: one object per kind of answer.

A command builds one of these and hands it to a reporter (`upayhelp.output`): the text reporter
draws it for people, the JSON reporter prints its `--json` shape. They hold content objects and
engine results as they are; wording and layout belong to the reporters. Plain classes with
slots: making some twenty dataclasses would cost ~10 ms of every start.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from upayhelp.content.diagnostics import Diagnostic
    from upayhelp.engine import Session
    from upayhelp.flowtest import ExampleResult
    from upayhelp.lang import Lang
    from upayhelp.model import Channel, Content, FaqEntry, Flow
    from upayhelp.scam import Assessment, Guard
    from upayhelp.verify import Verdict


class Contacts:
    """`contacts`: every channel, or those a topic recommends (in order)."""

    __slots__ = (
        "channels",
        "lang",
        "topic",
    )

    def __init__(self, lang: Lang, topic: Flow | None, channels: Sequence[Channel]) -> None:
        self.lang = lang
        self.topic = topic
        self.channels = channels


class FaqQuestions:
    """`faq`: the numbered questions."""

    __slots__ = (
        "entries",
        "lang",
    )

    def __init__(self, lang: Lang, entries: Sequence[FaqEntry]) -> None:
        self.lang = lang
        self.entries = entries


class FaqAll:
    """`faq --all`: every question with its answer."""

    __slots__ = (
        "entries",
        "lang",
    )

    def __init__(self, lang: Lang, entries: Sequence[FaqEntry]) -> None:
        self.lang = lang
        self.entries = entries


class Suggestion:
    """A question that also matched a search, less well."""

    __slots__ = (
        "entry",
        "number",
        "score",
    )

    def __init__(self, entry: FaqEntry, number: int, score: float) -> None:
        self.entry = entry
        self.number = number
        self.score = score


class FaqAnswer:
    """`faq QUERY`: the answer chosen by number or id (no score), or found by a search (with
    its score, the next best as suggestions, and whether the words tell of a possible scam)."""

    __slots__ = (
        "entry",
        "lang",
        "number",
        "query",
        "scam",
        "score",
        "suggestions",
    )

    def __init__(
        self,
        lang: Lang,
        query: str,
        entry: FaqEntry,
        number: int,
        score: float | None = None,
        suggestions: Sequence[Suggestion] = (),
        scam: bool = False,
    ) -> None:
        self.lang = lang
        self.query = query
        self.entry = entry
        self.number = number
        self.score = score
        self.suggestions = suggestions
        self.scam = scam


class FaqNoMatch:
    """`faq QUERY` when no question matches well enough: the questions to pick from."""

    __slots__ = (
        "entries",
        "lang",
        "query",
        "scam",
    )

    def __init__(
        self, lang: Lang, query: str, entries: Sequence[FaqEntry], scam: bool = False
    ) -> None:
        self.lang = lang
        self.query = query
        self.entries = entries
        self.scam = scam


class FaqNumberMissing:
    """`faq N` for a number that is not on the list."""

    __slots__ = (
        "entries",
        "lang",
        "query",
    )

    def __init__(self, lang: Lang, query: str, entries: Sequence[FaqEntry]) -> None:
        self.lang = lang
        self.query = query
        self.entries = entries


class CheckReport:
    """`check`: the assessment of one message (with `--explain`, every cue behind it)."""

    __slots__ = (
        "assessment",
        "explain",
        "guard",
        "lang",
        "message",
    )

    def __init__(
        self, lang: Lang, message: str, assessment: Assessment, guard: Guard, explain: bool = False
    ) -> None:
        self.lang = lang
        self.message = message
        self.assessment = assessment
        self.guard = guard
        self.explain = explain


class BatchLine:
    """One line of `check --each`."""

    __slots__ = (
        "findings",
        "flagged",
        "number",
        "score",
        "text",
    )

    def __init__(
        self, number: int, flagged: bool, score: float, findings: Sequence[str], text: str
    ) -> None:
        self.number = number
        self.flagged = flagged
        self.score = score
        self.findings = findings
        self.text = text


class Batch:
    """`check --each`: the lines are produced while a reporter reads them (a batch can be
    large), and the counts are complete once it has read them all."""

    __slots__ = (
        "empty",
        "flagged",
        "lang",
        "lines",
        "name",
        "total",
    )

    def __init__(
        self,
        lang: Lang,
        name: str,
        lines: Iterable[BatchLine],
        flagged: int = 0,
        empty: int = 0,
        total: int = 0,
    ) -> None:
        self.lang = lang
        self.name = name
        self.lines = lines
        self.flagged = flagged
        self.empty = empty
        self.total = total


class VerifyReport:
    """`verify`: the verdict on one contact."""

    __slots__ = (
        "channels",
        "contact",
        "lang",
        "verdict",
    )

    def __init__(
        self, lang: Lang, contact: str, verdict: Verdict, channels: Mapping[str, Channel]
    ) -> None:
        self.lang = lang
        self.contact = contact
        self.verdict = verdict
        self.channels = channels


class WalkDone:
    """`diagnose`, scripted to its end: the outcome, its channels, the facts, the tips."""

    __slots__ = ("channels", "content", "lang", "session")

    def __init__(
        self, lang: Lang, session: Session, content: Content, channels: Sequence[Channel]
    ) -> None:
        self.lang = lang
        self.session = session
        self.content = content
        self.channels = channels  # the outcome's, in order, as loaded


class WalkPending:
    """`diagnose`, scripted, stopped at a question no answer was given for."""

    __slots__ = (
        "lang",
        "session",
    )

    def __init__(self, lang: Lang, session: Session) -> None:
        self.lang = lang
        self.session = session


class EntryRow:
    """One content entry in `flows list`."""

    __slots__ = (
        "id",
        "kind",
        "layer",
        "overridden_by",
        "overrides",
        "source",
        "title",
    )

    def __init__(
        self,
        kind: str,
        id: str,
        title: str,
        source: str,
        layer: str,
        overrides: str | None,
        overridden_by: str | None,
    ) -> None:
        self.kind = kind
        self.id = id
        self.title = title
        self.source = source
        self.layer = layer
        self.overrides = overrides
        self.overridden_by = overridden_by


class EntryList:
    """`flows list`."""

    __slots__ = (
        "lang",
        "rows",
    )

    def __init__(self, lang: Lang, rows: Sequence[EntryRow]) -> None:
        self.lang = lang
        self.rows = rows


class Validation:
    """`flows validate`: every problem of the files checked."""

    __slots__ = (
        "files",
        "lang",
        "problems",
        "strict",
    )

    def __init__(
        self, lang: Lang, strict: bool, files: Sequence[str], problems: Sequence[Diagnostic]
    ) -> None:
        self.lang = lang
        self.strict = strict
        self.files = files
        self.problems = problems

    @property
    def errors(self) -> int:
        return sum(1 for d in self.problems if d.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def failed(self) -> bool:
        return self.errors > 0 or (self.strict and self.warnings > 0)


class ExampleRun:
    """`flows test`: the examples run (none when the content has errors), and each flow's
    outcomes that no example reaches."""

    __slots__ = ("errors", "flows", "lang", "results", "uncovered")

    def __init__(
        self,
        lang: Lang,
        flows: Sequence[Flow],
        results: Sequence[ExampleResult],
        errors: Sequence[Diagnostic],
        uncovered: Mapping[str, Sequence[str]],
    ) -> None:
        self.lang = lang
        self.flows = flows
        self.results = results
        self.errors = errors
        self.uncovered = uncovered

    @property
    def failed(self) -> list[ExampleResult]:
        return [r for r in self.results if not r.passed]


class FlowTree:
    """`flows show`: a flow to draw as a tree."""

    __slots__ = (
        "flow",
        "lang",
    )

    def __init__(self, lang: Lang, flow: Flow) -> None:
        self.lang = lang
        self.flow = flow


class Diagram:
    """`flows graph`: a diagram's source text, printed as it is."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class Route:
    """One route of `flows paths`: the answers that lead to an outcome."""

    __slots__ = (
        "answers",
        "outcome",
        "result",
    )

    def __init__(self, outcome: str, result: str, answers: Sequence[tuple[str, str]]) -> None:
        self.outcome = outcome
        self.result = result
        self.answers = answers

    @property
    def args(self) -> list[str]:
        return [arg for node, value in self.answers for arg in ("--answer", f"{node}={value}")]


class Paths:
    """`flows paths`."""

    __slots__ = (
        "flow",
        "lang",
        "routes",
    )

    def __init__(self, lang: Lang, flow: Flow, routes: Sequence[Route]) -> None:
        self.lang = lang
        self.flow = flow
        self.routes = routes


class JsonSchema:
    """`flows schema`: a JSON Schema document, printed as it is (it has no envelope)."""

    __slots__ = ("schema",)

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.schema = schema
