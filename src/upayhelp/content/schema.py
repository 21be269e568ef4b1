"""Each content kind's schema, written as data.

The loader checks files against these tables, and `flows schema` exports them as JSON Schema,
so the two can never disagree.

Like `upayhelp.model`, this module does without `from __future__ import annotations`: a
`Field` is a named tuple, which would compile each string annotation when the class is made.
The tables are read on every parse, so they are built cheaply: named tuples and one plain
class (two frozen dataclasses and ~150 instances cost ~2 ms of every first run).
"""

import re
from typing import NamedTuple

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
#   number    a number (integer or decimal), zero or more
#   shape     a mapping of the fields of `shape`
#   shapes    a list of `shape` mappings
#   keywordmap a mapping of name to keywords (shared cues)
#   stringmap a mapping of name to a list of strings (brands and their domains)
#   examples  a list of EXAMPLE mappings
#   answers   a mapping of node id to one answer or a list of answers (one per visit)
#   facts     a mapping of fact name to value


class Field(NamedTuple):
    name: str
    type: str
    required: bool = False
    choices: tuple[str, ...] = ()
    doc: str = ""
    shape: "Shape | None" = None


class Shape:
    """A mapping with a fixed set of fields."""

    __slots__ = ("by_name", "doc", "fields", "name", "required")

    def __init__(self, name: str, fields: tuple[Field, ...], doc: str = "") -> None:
        self.name = name
        self.fields = fields
        self.doc = doc
        self.by_name: dict[str, Field] = {f.name: f for f in fields}
        self.required: tuple[str, ...] = tuple(f.name for f in fields if f.required)

    def __repr__(self) -> str:
        return f"Shape({self.name!r}, {self.fields!r})"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

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

# What a `link` cue can ask of the links in a message (see upayhelp.links).
LINK_FEATURES: tuple[str, ...] = (
    "any", "risky", "shortener", "ip", "unusual-tld", "lookalike", "mismatch", "alone"
)  # fmt: skip

# What a `feature` cue can ask of the message as a whole (see upayhelp.scam).
MESSAGE_FEATURES: tuple[str, ...] = ("obfuscated",)

CUE = Shape(
    "cue",
    (
        Field("id", "id", doc="The cue's name in --explain (default: what it uses or links to)."),
        Field("weight", "number", True, doc="What the cue adds to the rule's score."),
        Field("patterns", "keywords", doc="Regular expressions over the normalised text."),
        Field("unless", "keywords", doc="Regular expressions that mark a match as harmless."),
        Field("use", "id", doc="A shared cue from the scoring section's 'cues'."),
        Field("link", "enum", choices=LINK_FEATURES, doc="A property of a link in the message."),
        Field("feature", "enum", choices=MESSAGE_FEATURES, doc="A property of the whole message."),
    ),
    "A weighted sign of a scam: patterns, a shared cue (use), a link property (link) or a "
    "message feature (feature).",
)

EXAMPLES = Shape(
    "examples",
    (
        Field("flag", "strings", doc="Messages this rule must flag."),
        Field("quiet", "strings", doc="Messages that must not flag this rule."),
    ),
    "Messages the tests run against the rule.",
)

REDFLAG = Shape(
    "red flag",
    (
        Field("id", "id", True),
        Field("title", "text", True),
        Field("explain", "text", True, doc="Why this is a red flag."),
        Field("advice", "text", True, doc="What to do."),
        Field("patterns", "keywords", doc="Regular expressions, each enough on its own."),
        Field("unless", "keywords", doc="Regular expressions that mark a match as harmless."),
        Field("cues", "shapes", doc="Weighted signs that count together.", shape=CUE),
        Field("threshold", "number", doc="The score the cues must reach (default: scoring's)."),
        Field("requires", "strings", doc="Cue ids one of which must fire for the rule to fire."),
        Field("examples", "shape", doc="Messages the tests run.", shape=EXAMPLES),
    ),
)

# The suppressor word lists of `check` (upayhelp.scam says how each is used).
SUPPRESSOR_NAMES: dict[str, str] = {
    "negation": "A negation or warning cue before a match makes it a warning (不要, never).",
    "conditional": "A negation right after one of these is a condition or threat (如果, if).",
    "soothe": "A negation followed by one of these negates a feeling (别担心, don't worry).",
    "breaker": "A turn between a negation and a match starts a new instruction (但, just).",
    "called-scam": "The sentence goes on to call the match a scam (是诈骗, is a scam).",
    "reported": "An impersonation or a call reported by a third party (冒充, a caller).",
    "rejected": "The call was turned down or warned against (挂了, I hung up).",
    "complied": "...unless the victim already went along with part of it (已经转了).",
    "warning-context": "The message is news or an anti-fraud notice (警方提醒, scam alert).",
    "own-question": "The user's own how-to question (我怎么..., how do I...).",
    "other-party": "Someone else appears in the message (对方, you, caller).",
    "direct": "A sentence that speaks to the reader or asks something of them (请, please).",
    "fraud-warning": "The sender warns about fraud, as genuine notices do: links are not held "
    "against it (谨防诈骗, never share).",
}

SUPPRESSORS = Shape(
    "suppressors",
    tuple(Field(name, "keywords", doc=doc) for name, doc in SUPPRESSOR_NAMES.items()),
    "Word lists (regular expressions, joined with '|') that make a match harmless.",
)

LINKS = Shape(
    "links",
    (
        Field("shorteners", "strings", doc="Hosts of URL shorteners."),
        Field("unusual-tlds", "strings", doc="Top-level domains seldom used by genuine senders."),
        Field("brands", "stringmap", doc="A brand name and the domains that are its own."),
        Field("trusted", "strings", doc="Domains (and what is under them) that are never suspect."),
    ),
    "What `check` knows about links.",
)

SCORING = Shape(
    "scoring",
    (
        Field("threshold", "number", doc="The score at which a rule fires (default 1)."),
        Field("suppressors", "shape", doc="Word lists that cancel matches.", shape=SUPPRESSORS),
        Field("cues", "keywordmap", doc="Shared cues that rules refer to with 'use'."),
        Field("links", "shape", doc="Link reasoning data.", shape=LINKS),
    ),
    "How `check` weighs cues; merged across content layers field by field.",
)

# List kinds: the key that holds the list, and the shape of each entry.
LIST_KINDS: dict[str, tuple[str, Shape]] = {
    "channels": ("channels", CHANNEL),
    "faq": ("faq", FAQ),
    "tips": ("tips", TIP),
    "redflags": ("redflags", REDFLAG),
}

# Further top-level keys a list kind's file may hold, besides `kind` and its list.
EXTRA_KEYS: dict[str, dict[str, Shape]] = {"redflags": {"scoring": SCORING}}

KIND_NAMES: tuple[str, ...] = ("flow", *LIST_KINDS)
