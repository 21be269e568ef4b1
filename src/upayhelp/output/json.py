"""The JSON reporter: every `--json` shape of every command, in one place.

Each document carries `"schema_version"` first and keeps its keys stable (README, "JSON
output"). Text is written readable (Chinese as is), with anything a terminal would act on
escaped (`json_escape`).
"""

from __future__ import annotations

import json
import sys
from functools import singledispatchmethod
from typing import IO, TYPE_CHECKING, Any

from upayhelp.i18n import t
from upayhelp.model import Advice, Channel, FaqEntry, Input, Lang, Node, Question
from upayhelp.results import (
    Batch,
    CheckReport,
    Contacts,
    EntryList,
    ExampleRun,
    FaqAll,
    FaqAnswer,
    FaqNoMatch,
    FaqNumberMissing,
    FaqQuestions,
    JsonSchema,
    Paths,
    Validation,
    VerifyReport,
    WalkDone,
    WalkPending,
)

if TYPE_CHECKING:
    from upayhelp.engine import Session

SCHEMA_VERSION = 1


def json_escape(text: str) -> str:
    """JSON text with readable Chinese, but nothing that a terminal would act on or that cannot
    be encoded: DEL, C1 controls, bidi controls and lone surrogates become \\u escapes."""
    import re

    return re.sub(
        "[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]",
        lambda m: f"\\u{ord(m.group()):04x}",
        text,
    )


class JsonReporter:
    """Prints each result as one JSON document (`check --each`: one line per message)."""

    lists = False
    """Whether an error may point at a list printed above it (never: stdout is data)."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stdout

    def document(self, data: dict[str, Any]) -> None:
        """`data` with the schema version first, indented."""
        payload = {"schema_version": SCHEMA_VERSION, **data}
        self.stream.write(json_escape(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n")

    @singledispatchmethod
    def show(self, result: object) -> None:
        """Print `result` as its JSON document."""
        raise TypeError(f"no JSON form for {type(result).__name__}")

    # -- contacts and faq ----------------------------------------------------------------

    @show.register
    def _contacts(self, result: Contacts) -> None:
        lang = result.lang
        self.document(
            {
                "topic": result.topic.id if result.topic is not None else None,
                "channels": [channel_json(c, lang) for c in result.channels],
                "warning": t("address-where", lang),
            }
        )

    @show.register
    def _faq_all(self, result: FaqAll) -> None:
        entries = result.entries
        self.document(
            {"answers": [answer_json(e, n, result.lang) for n, e in enumerate(entries, 1)]}
        )

    @show.register
    def _faq_questions(self, result: FaqQuestions) -> None:
        self.document({"questions": questions_json(result.entries, result.lang)})

    @show.register
    def _faq_answer(self, result: FaqAnswer) -> None:
        lang = result.lang
        match = answer_json(result.entry, result.number, lang)
        if result.score is not None:
            match["score"] = result.score
        suggestions = [
            {
                "id": s.entry.id,
                "number": s.number,
                "question": s.entry.question.get(lang),
                "score": s.score,
            }
            for s in result.suggestions
        ]
        self.document({"query": result.query, "match": match, "suggestions": suggestions})

    @show.register
    def _faq_no_match(self, result: FaqNoMatch) -> None:
        self._unmatched(result.query, result.entries, result.lang)

    @show.register
    def _faq_number_missing(self, result: FaqNumberMissing) -> None:
        self._unmatched(result.query, result.entries, result.lang)

    def _unmatched(self, query: str, entries: Any, lang: Lang) -> None:
        self.document(
            {
                "query": query,
                "match": None,
                "suggestions": [],
                "questions": questions_json(entries, lang),
            }
        )

    # -- the guard -----------------------------------------------------------------------

    @show.register
    def _check(self, result: CheckReport) -> None:
        lang, message = result.lang, result.message
        findings = result.assessment.findings
        data: dict[str, Any] = {
            "flagged": bool(findings),
            "score": result.assessment.score,
            "findings": [
                {
                    "id": f.rule.id,
                    "title": f.rule.title.get(lang),
                    "explain": f.rule.explain.get(lang),
                    "advice": f.rule.advice.get(lang),
                    "score": f.score,
                    "threshold": f.threshold,
                    "matches": matches_json(f.spans, message),
                    "cues": [cue_json(hit, message) for hit in f.cues],
                }
                for f in findings
            ],
            "advice": t("check-stop", lang) if findings else t("check-clear", lang),
        }
        if result.explain:
            data["cues"] = [
                {"rule": hit.rule, **cue_json(hit, message)} for hit in result.assessment.cues
            ]
            data["cancelled"] = [
                {
                    "rule": c.rule,
                    "cue": c.cue,
                    "start": c.span[0],
                    "end": c.span[1],
                    "text": c.text,
                    "by": c.by,
                }
                for c in result.assessment.cancelled
            ]
        self.document(data)

    @show.register
    def _batch(self, result: Batch) -> None:
        """JSON Lines: one compact record per line of the batch, as it is checked."""
        for line in result.lines:
            record = {
                "schema_version": SCHEMA_VERSION,
                "line": line.number,
                "flagged": line.flagged,
                "score": line.score,
                "findings": list(line.findings),
            }
            self.stream.write(json_escape(json.dumps(record, ensure_ascii=False)) + "\n")

    @show.register
    def _verify(self, result: VerifyReport) -> None:
        verdict = result.verdict
        self.document(
            {
                "contact": result.contact,
                "kind": verdict.contact.kind.value,
                "normalized": verdict.contact.normalized,
                "status": verdict.status,
                "official": verdict.status == "official",
                "channel": verdict.channel_id,
                "matched": verdict.matched,
                "lookalikes": [
                    {"address": la.address, "channel": la.channel_id, "reason": la.reason}
                    for la in verdict.lookalikes
                ],
            }
        )

    # -- diagnose ------------------------------------------------------------------------

    @show.register
    def _done(self, result: WalkDone) -> None:
        self.document(done_json(result))

    @show.register
    def _pending(self, result: WalkPending) -> None:
        self.document(pending_json(result.session, result.lang))

    # -- flows ---------------------------------------------------------------------------

    @show.register
    def _entries(self, result: EntryList) -> None:
        rows = [
            {
                "kind": row.kind,
                "id": row.id,
                "title": row.title,
                "source": row.source,
                "layer": row.layer,
                "overrides": row.overrides,
                "overridden_by": row.overridden_by,
            }
            for row in result.rows
        ]
        self.document({"entries": rows})

    @show.register
    def _validation(self, result: Validation) -> None:
        self.document(
            {
                "valid": not result.failed,
                "strict": result.strict,
                "files": list(result.files),
                "errors": result.errors,
                "warnings": result.warnings,
                "problems": [d.as_json(result.lang) for d in result.problems],
            }
        )

    @show.register
    def _examples(self, result: ExampleRun) -> None:
        lang = result.lang
        self.document(
            {
                "passed": not result.errors and not result.failed,
                "flows": len(result.flows),
                "examples": len(result.results),
                "failures": len(result.failed),
                "problems": [d.as_json(lang) for d in result.errors],
                "results": [
                    {
                        "flow": r.flow,
                        "example": r.number,
                        "path": r.pos.path,
                        "line": r.pos.line,
                        "expected": r.expected,
                        "reached": r.reached,
                        "passed": r.passed,
                        "failures": [d.as_json(lang) for d in r.failures],
                    }
                    for r in result.results
                ],
                "uncovered": {flow: list(missing) for flow, missing in result.uncovered.items()},
            }
        )

    @show.register
    def _paths(self, result: Paths) -> None:
        found = [
            {
                "outcome": route.outcome,
                "result": route.result,
                "answers": [{"node": node, "answer": value} for node, value in route.answers],
                "args": route.args,
            }
            for route in result.routes
        ]
        self.document({"flow": result.flow.id, "paths": found})

    @show.register
    def _schema(self, result: JsonSchema) -> None:
        """A JSON Schema is printed as it is: editors read it, so it has no envelope."""
        self.stream.write(json.dumps(result.schema, ensure_ascii=False, indent=2) + "\n")


# -- the shapes shared by several documents -----------------------------------------------


def channel_json(channel: Channel, lang: Lang) -> dict[str, Any]:
    return {
        "id": channel.id,
        "name": channel.name.get(lang),
        "how": channel.how.get(lang),
        "best_for": channel.best_for.get(lang),
        "addresses": list(channel.addresses),
    }


def answer_json(entry: FaqEntry, number: int, lang: Lang) -> dict[str, Any]:
    return {
        "id": entry.id,
        "number": number,
        "question": entry.question.get(lang),
        "answer": entry.answer.get(lang),
        "flow": entry.flow,
        "command": f"upayhelp diagnose {entry.flow}" if entry.flow else None,
    }


def questions_json(entries: Any, lang: Lang) -> list[dict[str, Any]]:
    return [
        {"number": n, "id": e.id, "question": e.question.get(lang), "flow": e.flow}
        for n, e in enumerate(entries, 1)
    ]


def cue_json(hit: Any, message: str) -> dict[str, Any]:
    return {"id": hit.cue, "weight": hit.weight, "matches": matches_json(hit.spans, message)}


def matches_json(spans: Any, message: str) -> list[dict[str, Any]]:
    """Spans of the message as `{"start", "end", "text"}` objects."""
    return [{"start": start, "end": end, "text": message[start:end]} for start, end in spans]


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
    from upayhelp.engine import node_prompt

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
    """A scripted walk stopped at the question in `pending`."""
    from upayhelp.engine import node_prompt

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


def done_json(result: WalkDone) -> dict[str, Any]:
    """A scripted walk at its outcome."""
    session, content, lang = result.session, result.content, result.lang
    outcome = session.outcome
    assert outcome is not None
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
        "channels": [channel_json(c, lang) for c in result.channels],
        "facts": session.facts,
        "tips": [tip.text.get(lang) for tip in content.tips.values()]
        if outcome.result == "escalate"
        else [],
    }
