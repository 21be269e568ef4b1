"""Content as immutable records: what the loader builds and the rest of the program reads.

Each record is a `typing.NamedTuple`: immutable, typed, hashable when its fields are, and cheap
to define. Frozen dataclasses gave the same with equality that skipped positions, but making
the ~18 of them cost ~8 ms of every start (generating their methods), while these cost ~1 ms.
Records are compared field by field, positions included.

This module, like every module that defines named tuples, does without `from __future__ import
annotations`: a named tuple checks its field types when the class is made, and a type written
as a string is compiled then (~3 ms for the ~120 fields here, at every start); types written as
objects cost nothing (tests/test_architecture.py holds every module to it).
"""

from collections.abc import Mapping
from typing import Literal, NamedTuple, TypeVar, Union

from upayhelp.lang import LANGS, Lang

__all__ = ["LANGS", "Lang"]  # re-exported for the rest of the program

_T = TypeVar("_T")

FORMATS: tuple[str, ...] = ("text", "date", "datetime", "amount", "order-id")
RESULTS: tuple[str, ...] = ("resolved", "escalate")


class Pos(NamedTuple):
    """A 1-based position in a content file (a tuple: files hold many, and tuples are cheap)."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Text(NamedTuple):
    """A user-facing text in up to two languages; a missing one falls back to the other."""

    zh: str | None = None
    en: str | None = None

    @classmethod
    def plain(cls, value: str) -> "Text":
        """One string that counts for both languages."""
        return cls(zh=value, en=value)

    def get(self, lang: Lang) -> str:
        """The text in `lang`, else in the other language, else an empty string."""
        first, second = (self.zh, self.en) if lang == "zh" else (self.en, self.zh)
        if first is not None:
            return first
        return second if second is not None else ""

    def all(self) -> tuple[str, ...]:
        """Every distinct non-empty variant, for matching in either language."""
        seen: list[str] = []
        for value in (self.zh, self.en):
            if value and value not in seen:
                seen.append(value)
        return tuple(seen)


class Keywords(NamedTuple):
    """Search keywords per language (a plain list in the file counts for both)."""

    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def all(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.zh + self.en))


class Option(NamedTuple):
    label: Text
    next: str
    pos: Pos | None = None  # where `next` is written
    label_pos: Pos | None = None


class Question(NamedTuple):
    id: str
    ask: Text
    options: tuple[Option, ...]
    help: Text | None = None
    pos: Pos | None = None
    type: Literal["question"] = "question"


class Advice(NamedTuple):
    id: str
    text: Text
    solved: str
    unsolved: str
    pos: Pos | None = None
    link_pos: tuple[Pos, ...] = ()
    type: Literal["advice"] = "advice"


class Input(NamedTuple):
    id: str
    fact: str
    format: str
    ask: Text
    next: str
    optional: bool = False
    help: Text | None = None
    pos: Pos | None = None
    link_pos: tuple[Pos, ...] = ()
    type: Literal["input"] = "input"


class Outcome(NamedTuple):
    id: str
    result: str
    text: Text
    channels: tuple[str, ...] = ()
    prepare: tuple[Text, ...] = ()
    pos: Pos | None = None
    channel_pos: tuple[Pos, ...] = ()
    type: Literal["outcome"] = "outcome"


Node = Union[Question, Advice, Input, Outcome]  # noqa: UP007 - a runtime alias on 3.10


def link_positions(node: Node) -> tuple[Pos | None, ...]:
    """Where each successor of `node` is written, aligned with `successors(node)`."""
    if isinstance(node, Question):
        return tuple(option.pos for option in node.options)
    if isinstance(node, (Advice, Input)):
        links = successors(node)
        return node.link_pos if len(node.link_pos) == len(links) else (node.pos,) * len(links)
    return ()


def successors(node: Node) -> tuple[str, ...]:
    """The ids a node can lead to, in order."""
    if isinstance(node, Question):
        return tuple(option.next for option in node.options)
    if isinstance(node, Advice):
        return (node.solved, node.unsolved)
    if isinstance(node, Input):
        return (node.next,)
    return ()


class ExampleAnswer(NamedTuple):
    """The answers an example gives one node, in the order of its visits, as `--answer` takes
    them."""

    node: str
    values: tuple[str, ...]
    pos: Pos | None = None  # where the node id is written
    value_pos: tuple[Pos, ...] = ()


class Example(NamedTuple):
    """A test of a flow written beside it: these answers must end at `outcome` (and, when given,
    with these channels and facts). `channels` and `facts` are None when not given."""

    answers: tuple[ExampleAnswer, ...]
    outcome: str
    channels: tuple[str, ...] | None = None
    facts: tuple[tuple[str, str], ...] | None = None
    pos: Pos | None = None
    outcome_pos: Pos | None = None
    channel_pos: tuple[Pos, ...] = ()
    fact_pos: tuple[Pos, ...] = ()  # where each fact's name is


class Flow(NamedTuple):
    id: str
    title: Text
    start: str
    nodes: Mapping[str, Node]
    keywords: Keywords = Keywords()
    source: str = ""
    pos: Pos | None = None
    start_pos: Pos | None = None
    # Nodes declared in the file but too broken to build; links to them are not "unknown".
    broken: frozenset[str] = frozenset()
    examples: tuple[Example, ...] = ()


class Channel(NamedTuple):
    id: str
    name: Text
    how: Text
    best_for: Text
    addresses: tuple[str, ...] = ()
    source: str = ""
    pos: Pos | None = None


class FaqEntry(NamedTuple):
    id: str
    question: Text
    answer: Text
    keywords: Keywords = Keywords()
    flow: str | None = None
    source: str = ""
    pos: Pos | None = None
    flow_pos: Pos | None = None


class Tip(NamedTuple):
    id: str
    text: Text
    source: str = ""
    pos: Pos | None = None


class Cue(NamedTuple):
    """One weighted sign of a scam inside a red-flag rule.

    A cue fires when one of its `patterns` matches (and no suppressor cancels the match), when
    the shared cue it `use`s fires, for a `link` cue when the message holds a link with that
    property (see `upayhelp.links`), or for a `feature` cue when the message has that feature
    (see `upayhelp.scam.FEATURES`). A rule adds up the weights of its cues that fired.
    """

    id: str
    weight: float
    patterns: Keywords = Keywords()
    unless: Keywords = Keywords()
    use: str = ""
    link: str = ""
    pos: Pos | None = None
    feature: str = ""


class RedFlag(NamedTuple):
    """An anti-scam rule.

    `patterns` are regular expressions (Python `re` syntax) matched against the normalised
    message (see `upayhelp.scam`), each enough on its own; `cues` are weaker signs that count
    only together: the rule fires when the weights that fired add up to its `threshold` (the
    scoring default when None) and, if `requires` names cues, one of those fired: generic signs
    (a link, a phone number, urgency) never make a family on their own. `unless` patterns mark
    a match as harmless (a warning, not a request) when they match the sentence around it.
    `flag_examples` must flag this rule and `quiet_examples` must stay quiet (the tests run
    them).
    """

    id: str
    title: Text
    explain: Text
    advice: Text
    patterns: Keywords = Keywords()
    unless: Keywords = Keywords()
    source: str = ""
    pos: Pos | None = None
    cues: tuple[Cue, ...] = ()
    threshold: float | None = None
    flag_examples: tuple[str, ...] = ()
    quiet_examples: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()  # cue ids one of which must fire (the family's core sign)
    requires_pos: Pos | None = None


class Scoring(NamedTuple):
    """How `check` scores a message, from the `scoring:` section of a red-flags file.

    Every field is None when the file does not give it; layers are merged field by field
    (`merged`), later ones winning. Mappings are tuples of pairs so that the object hashes.
    """

    threshold: float | None = None
    suppressors: tuple[tuple[str, Keywords], ...] | None = None
    cues: tuple[tuple[str, Keywords], ...] | None = None
    shorteners: tuple[str, ...] | None = None
    unusual_tlds: tuple[str, ...] | None = None
    brands: tuple[tuple[str, tuple[str, ...]], ...] | None = None
    trusted: tuple[str, ...] | None = None  # domains whose links are never held against a message
    source: str = ""
    pos: Pos | None = None

    def merged(self, later: "Scoring") -> "Scoring":
        """This scoring with every field that `later` gives replaced; named lists (suppressors,
        shared cues, brands) are replaced name by name."""

        def pairs(
            mine: tuple[tuple[str, _T], ...] | None, theirs: tuple[tuple[str, _T], ...] | None
        ) -> tuple[tuple[str, _T], ...] | None:
            if theirs is None:
                return mine
            return tuple({**dict(mine or ()), **dict(theirs)}.items())

        return Scoring(
            later.threshold if later.threshold is not None else self.threshold,
            pairs(self.suppressors, later.suppressors),
            pairs(self.cues, later.cues),
            later.shorteners if later.shorteners is not None else self.shorteners,
            later.unusual_tlds if later.unusual_tlds is not None else self.unusual_tlds,
            pairs(self.brands, later.brands),
            later.trusted if later.trusted is not None else self.trusted,
            later.source or self.source,
            later.pos or self.pos,
        )


Entry = Union[Flow, Channel, FaqEntry, Tip, RedFlag]  # noqa: UP007 - a runtime alias on 3.10
KINDS: tuple[str, ...] = ("flow", "channels", "faq", "tips", "redflags")


class Override(NamedTuple):
    """An entry from a content directory that replaces one with the same kind and id."""

    kind: str
    id: str
    source: str
    replaced: str


class Content(NamedTuple):
    """All loaded content, merged: later sources override earlier ones by id."""

    flows: Mapping[str, Flow]
    channels: Mapping[str, Channel]
    faq: Mapping[str, FaqEntry]
    tips: Mapping[str, Tip]
    redflags: Mapping[str, RedFlag]
    overrides: tuple[Override, ...] = ()
    scoring: Scoring = Scoring()
