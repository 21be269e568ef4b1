"""Each content kind's schema, written as data.

The loader checks files against these tables, and `flows schema` exports them as JSON Schema,
so the two can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from upayhelp.model import FORMATS, RESULTS

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"

# Field types:
#   text      one string (both languages) or a mapping {zh: str, en: str}
#   texts     a list of text
#   id        an identifier (ID_RE)
#   ref       a node id of the same flow
#   channels  a list of channel ids
#   flowref   a flow id
#   string    a plain string
#   strings   a list of plain strings
#   keywords  a list of strings, or a mapping {zh: [...], en: [...]}
#   bool      true or false
#   enum      one of `choices`
#   nodes     a mapping of node id to node (see NODE_TYPES)
#   options   a non-empty list of OPTION mappings
#   examples  a list of EXAMPLE mappings
#   answers   a mapping of node id to one answer or a list of answers (one per visit)
#   facts     a mapping of fact name to value


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool = False
    choices: tuple[str, ...] = ()
    doc: str = ""


@dataclass(frozen=True)
class Shape:
    """A mapping with a fixed set of fields."""

    name: str
    fields: tuple[Field, ...]
    doc: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @cached_property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    @cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    def field(self, name: str) -> Field | None:
        return self.by_name.get(name)


OPTION = Shape(
    "option",
    (
        Field("label", "text", True, doc="What the user picks."),
        Field("next", "ref", True, doc="The node this answer leads to."),
    ),
)

NODE_TYPES: dict[str, Shape] = {
    "question": Shape(
        "question",
        (
            Field("type", "enum", True, ("question",)),
            Field("ask", "text", True, doc="The question."),
            Field("help", "text", doc="A hint shown under the question."),
            Field("options", "options", True, doc="The answers, in order."),
        ),
        "One answer out of a list.",
    ),
    "advice": Shape(
        "advice",
        (
            Field("type", "enum", True, ("advice",)),
            Field("text", "text", True, doc="Something to try."),
            Field("solved", "ref", True, doc="Where 'yes, solved' leads."),
            Field("unsolved", "ref", True, doc="Where 'no' leads."),
        ),
        "Something to try, then 'Did this solve it?'.",
    ),
    "input": Shape(
        "input",
        (
            Field("type", "enum", True, ("input",)),
            Field("fact", "id", True, doc="The fact's name in reports and --json."),
            Field("format", "enum", True, FORMATS, doc="How the answer is validated."),
            Field("ask", "text", True, doc="The question."),
            Field("help", "text", doc="A hint shown under the question."),
            Field("optional", "bool", doc="May be skipped (default false)."),
            Field("next", "ref", True, doc="The node that follows."),
        ),
        "Collects a fact for the support request.",
    ),
    "outcome": Shape(
        "outcome",
        (
            Field("type", "enum", True, ("outcome",)),
            Field("result", "enum", True, RESULTS, doc="resolved or escalate."),
            Field("text", "text", True, doc="What the user is told."),
            Field("channels", "channels", doc="Channel ids, in the order to try."),
            Field("prepare", "texts", doc="What to have ready."),
        ),
        "An end of the walk.",
    ),
}

EXAMPLE = Shape(
    "example",
    (
        Field(
            "answers",
            "answers",
            True,
            doc="Node id to answer, as `diagnose --answer NODE=OPTION` takes it; a list gives "
            "one answer per visit of a node in a loop.",
        ),
        Field("outcome", "ref", True, doc="The outcome node the answers must end at."),
        Field("channels", "channels", doc="The channel ids the outcome must give, in order."),
        Field("facts", "facts", doc="Fact name to the value the walk must have collected."),
    ),
    "A test of the flow: `upayhelp flows test` walks it and compares.",
)

FLOW = Shape(
    "flow",
    (
        Field("kind", "enum", True, ("flow",)),
        Field("id", "id", True, doc="Unique among flows."),
        Field("title", "text", True),
        Field("keywords", "keywords", doc="Words users type for this topic."),
        Field("start", "ref", True, doc="The first node."),
        Field("nodes", "nodes", True),
        Field("examples", "examples", doc="Tests of the flow, run by `upayhelp flows test`."),
    ),
    "A diagnosis as a decision tree.",
)

CHANNEL = Shape(
    "channel",
    (
        Field("id", "id", True),
        Field("name", "text", True),
        Field("how", "text", True, doc="How to get there."),
        Field("best_for", "text", True, doc="What it is best for."),
        Field(
            "addresses",
            "strings",
            doc="Official URLs, phone numbers, e-mail addresses or @handles (operators only).",
        ),
    ),
)

FAQ = Shape(
    "faq entry",
    (
        Field("id", "id", True),
        Field("question", "text", True),
        Field("answer", "text", True),
        Field("keywords", "keywords", True, doc="Words and synonyms users type."),
        Field("flow", "flowref", doc="The flow that diagnoses this question."),
    ),
)

TIP = Shape("tip", (Field("id", "id", True), Field("text", "text", True)))

REDFLAG = Shape(
    "red flag",
    (
        Field("id", "id", True),
        Field("title", "text", True),
        Field("explain", "text", True, doc="Why this is a red flag."),
        Field("advice", "text", True, doc="What to do."),
        Field("patterns", "keywords", True, doc="Regular expressions over the normalised text."),
        Field("unless", "keywords", doc="Regular expressions that mark a match as harmless."),
    ),
)

# List kinds: the key that holds the list, and the shape of each entry.
LIST_KINDS: dict[str, tuple[str, Shape]] = {
    "channels": ("channels", CHANNEL),
    "faq": ("faq", FAQ),
    "tips": ("tips", TIP),
    "redflags": ("redflags", REDFLAG),
}

KIND_NAMES: tuple[str, ...] = ("flow", *LIST_KINDS)
