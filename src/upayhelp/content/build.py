"""Turning parsed YAML into model objects, checked against the schema tables.

Every problem is collected with its position; a file with errors still yields the entries that
could be built, so that cross-file checks can run on the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from upayhelp.content.diagnostics import Diagnostic, ParsedFile, error, warning
from upayhelp.content.schema import (
    CUE,
    EXAMPLE,
    EXAMPLES,
    EXTRA_KEYS,
    FLOW,
    ID_RE,
    KIND_NAMES,
    LIST_KINDS,
    NODE_TYPES,
    OPTION,
    SCORING,
    Shape,
)
from upayhelp.content.yaml import NULL_VALUES, YMap, YScalar, YSeq, YValue
from upayhelp.model import (
    LANGS,
    Advice,
    Channel,
    Cue,
    Entry,
    Example,
    ExampleAnswer,
    FaqEntry,
    Flow,
    Input,
    Keywords,
    Node,
    Option,
    Outcome,
    Pos,
    Question,
    RedFlag,
    Scoring,
    Text,
    Tip,
)

# Why a pattern is refused, (English, Chinese), or None when it may be used.
PatternCheck = Callable[[str], "tuple[str, str] | None"]


class _Builder:
    def __init__(self, path: str, pattern_check: PatternCheck | None) -> None:
        self.path = path
        self.problems: list[Diagnostic] = []
        self.pattern_check = pattern_check
        self.scoring: Scoring | None = None

    # -- generic shapes ---------------------------------------------------------------

    def fields(self, value: YValue, shape: Shape, where: str) -> dict[str, YValue] | None:
        """The fields of a mapping, reporting unknown and missing ones."""
        if not isinstance(value, YMap):
            self.problems.append(error(value.pos, "not-mapping", where=where))
            return None
        out: dict[str, YValue] = {}
        known = shape.by_name
        for name, (key, item) in value.items.items():
            if name not in known:
                self.problems.append(
                    error(
                        key.pos,
                        "field-unknown",
                        candidates=shape.names,
                        field=name,
                        where=where,
                        allowed=", ".join(shape.names),
                    )
                )
                continue
            if type(item) is YScalar and item.plain and item.value in NULL_VALUES:
                continue  # `field:` with nothing is treated as absent
            out[name] = item
        for required in shape.required:
            if required not in out:
                self.problems.append(error(value.pos, "field-missing", field=required, where=where))
        return out

    def string(self, value: YValue, name: str) -> str | None:
        if isinstance(value, YScalar) and not value.is_null:
            return value.value
        self.problems.append(error(value.pos, "type-string", field=name))
        return None

    def ident(self, value: YValue, name: str) -> str | None:
        text = self.string(value, name)
        if text is not None and not ID_RE.match(text):
            self.problems.append(error(value.pos, "id-invalid", id=text))
            return None
        return text

    def enum(self, value: YValue, name: str, choices: tuple[str, ...]) -> str | None:
        text = self.string(value, name)
        if text is not None and text not in choices:
            self.problems.append(
                error(
                    value.pos,
                    "enum",
                    candidates=choices,
                    field=name,
                    choices=", ".join(choices),
                    value=text,
                )
            )
            return None
        return text

    def number(self, value: YValue, name: str) -> float | None:
        if isinstance(value, YScalar) and value.plain:
            try:
                number = float(value.value)
            except ValueError:
                number = -1.0
            if 0 <= number < float("inf"):
                return number
        self.problems.append(error(value.pos, "type-number", field=name))
        return None

    def boolean(self, value: YValue, name: str) -> bool | None:
        if isinstance(value, YScalar) and value.plain and value.value in ("true", "false"):
            return value.value == "true"
        self.problems.append(error(value.pos, "type-bool", field=name))
        return None

    def text(self, value: YValue, name: str) -> Text | None:
        if type(value) is YMap and len(value.items) == 2:  # the common case, first and fast
            zh, en = value.items.get("zh"), value.items.get("en")
            if zh is not None and en is not None:
                zh_value, en_value = zh[1], en[1]
                if (
                    type(zh_value) is YScalar
                    and type(en_value) is YScalar
                    and zh_value.value.strip()
                    and en_value.value.strip()
                    and not zh_value.is_null
                    and not en_value.is_null
                ):
                    return Text(zh=zh_value.value, en=en_value.value)
        if isinstance(value, YScalar):
            if value.is_null or not value.value.strip():
                self.problems.append(error(value.pos, "text-empty"))
                return None
            return Text.plain(value.value)
        if not isinstance(value, YMap):
            self.problems.append(error(value.pos, "type-text", field=name))
            return None
        found: dict[str, str] = {}
        for lang, (key, item) in value.items.items():
            if lang not in LANGS:
                self.problems.append(error(key.pos, "lang-unknown", lang=lang))
                continue
            if isinstance(item, YScalar):
                if not item.is_null and item.value.strip():
                    found[lang] = item.value
            else:
                self.problems.append(error(item.pos, "type-string", field=f"{name}.{lang}"))
        if not found:
            self.problems.append(error(value.pos, "text-empty"))
            return None
        for lang in LANGS:
            if lang not in found:
                other = "en" if lang == "zh" else "zh"
                self.problems.append(
                    warning(value.pos, "text-missing-lang", lang=lang, other=other)
                )
        return Text(zh=found.get("zh"), en=found.get("en"))

    def texts(self, value: YValue, name: str) -> tuple[Text, ...]:
        if not isinstance(value, YSeq):
            self.problems.append(error(value.pos, "type-list", field=name))
            return ()
        return tuple(t for item in value.items if (t := self.text(item, name)) is not None)

    def strings(self, value: YValue, name: str) -> tuple[str, ...]:
        if isinstance(value, YScalar):
            text = self.string(value, name)
            return (text,) if text is not None else ()
        if not isinstance(value, YSeq):
            self.problems.append(error(value.pos, "type-list", field=name))
            return ()
        return tuple(s for item in value.items if (s := self.string(item, name)) is not None)

    def keywords(self, value: YValue, name: str, patterns: bool = False) -> Keywords:
        if isinstance(value, YMap):
            per_lang: dict[str, tuple[str, ...]] = {}
            for lang, (key, item) in value.items.items():
                if lang not in LANGS:
                    self.problems.append(error(key.pos, "lang-unknown", lang=lang))
                    continue
                if isinstance(item, YScalar) and item.is_null:
                    continue
                per_lang[lang] = self._keyword_list(item, f"{name}.{lang}", patterns)
            return Keywords(zh=per_lang.get("zh", ()), en=per_lang.get("en", ()))
        words = self._keyword_list(value, name, patterns)
        return Keywords(zh=words, en=words)

    def _keyword_list(self, value: YValue, name: str, patterns: bool) -> tuple[str, ...]:
        items = value.items if isinstance(value, YSeq) else [value]
        out: list[str] = []
        for item in items:
            text = self.string(item, name)
            if text is None:
                continue
            if patterns and self.pattern_check is not None:
                refused = self.pattern_check(text)
                if refused is not None:
                    reason, reason_zh = refused
                    self.problems.append(
                        error(
                            item.pos,
                            "pattern-invalid",
                            pattern=text,
                            reason=reason,
                            reason_zh=reason_zh,
                        )
                    )
                    continue
            out.append(text)
        return tuple(out)

    # -- flows ------------------------------------------------------------------------

    def flow(self, root: YMap) -> Flow | None:
        values = self.fields(root, FLOW, "flow")
        if values is None:
            return None
        flow_id = self.ident(values["id"], "id") if "id" in values else None
        title = self.text(values["title"], "title") if "title" in values else None
        keywords = self.keywords(values["keywords"], "keywords") if "keywords" in values else None
        start = self.string(values["start"], "start") if "start" in values else None
        nodes: dict[str, Node] = {}
        broken: set[str] = set()
        raw_nodes = values.get("nodes")
        if raw_nodes is not None:
            if not isinstance(raw_nodes, YMap):
                self.problems.append(error(raw_nodes.pos, "type-mapping", field="nodes"))
            else:
                for node_id, (key, raw) in raw_nodes.items.items():
                    if not ID_RE.match(node_id):
                        self.problems.append(error(key.pos, "id-invalid", id=node_id))
                    node = self.node(node_id, raw)
                    if node is not None:
                        nodes[node_id] = node
                    else:
                        broken.add(node_id)
                if not raw_nodes.items:
                    self.problems.append(error(raw_nodes.pos, "list-empty", field="nodes"))
        examples = self.examples(values["examples"]) if "examples" in values else ()
        if flow_id is None or title is None or start is None or not isinstance(raw_nodes, YMap):
            return None
        return Flow(
            id=flow_id,
            title=title,
            start=start,
            nodes=nodes,
            keywords=keywords or Keywords(),
            source=self.path,
            pos=root.pos,
            start_pos=values["start"].pos,
            broken=frozenset(broken),
            examples=examples,
        )

    def examples(self, value: YValue) -> tuple[Example, ...]:
        """The flow's `examples:`; whether they name real nodes is checked with the graph."""
        if not isinstance(value, YSeq):
            self.problems.append(error(value.pos, "type-list", field="examples"))
            return ()
        out: list[Example] = []
        for item in value.items:
            v = self.fields(item, EXAMPLE, "example")
            if v is None:
                continue
            answers = self.example_answers(v["answers"]) if "answers" in v else None
            outcome = self.string(v["outcome"], "outcome") if "outcome" in v else None
            channels: tuple[str, ...] | None = None
            channel_pos: tuple[Pos, ...] = ()
            if "channels" in v:
                raw_channels = v["channels"]
                channels = self.strings(raw_channels, "channels")
                items = raw_channels.items if isinstance(raw_channels, YSeq) else [raw_channels]
                channel_pos = tuple(i.pos for i in items)
                if len(channel_pos) != len(channels):
                    channel_pos = (raw_channels.pos,) * len(channels)
            facts: tuple[tuple[str, str], ...] | None = None
            fact_pos: tuple[Pos, ...] = ()
            if "facts" in v:
                found = self.example_facts(v["facts"])
                facts = tuple((name, text) for name, text, _ in found)
                fact_pos = tuple(pos for _, _, pos in found)
            if answers is None or outcome is None:
                continue
            out.append(
                Example(
                    answers,
                    outcome,
                    channels,
                    facts,
                    item.pos,
                    v["outcome"].pos if "outcome" in v else None,
                    channel_pos,
                    fact_pos,
                )
            )
        return tuple(out)

    def example_answers(self, value: YValue) -> tuple[ExampleAnswer, ...] | None:
        if not isinstance(value, YMap):
            self.problems.append(error(value.pos, "type-mapping", field="answers"))
            return None
        out: list[ExampleAnswer] = []
        for node_id, (key, item) in value.items.items():
            items = item.items if isinstance(item, YSeq) else [item]
            values: list[str] = []
            positions: list[Pos] = []
            for entry in items:
                if not isinstance(entry, YScalar):
                    self.problems.append(error(entry.pos, "example-answer-type", node=node_id))
                    continue
                values.append("-" if entry.is_null else entry.value)  # as in --answers files
                positions.append(entry.pos)
            out.append(ExampleAnswer(node_id, tuple(values), key.pos, tuple(positions)))
        return tuple(out)

    def example_facts(self, value: YValue) -> list[tuple[str, str, Pos]]:
        if not isinstance(value, YMap):
            self.problems.append(error(value.pos, "type-mapping", field="facts"))
            return []
        out: list[tuple[str, str, Pos]] = []
        for name, (key, item) in value.items.items():
            text = self.string(item, f"facts.{name}")
            if text is not None:
                out.append((name, text, key.pos))
        return out

    def node(self, node_id: str, raw: YValue) -> Node | None:
        where = f"node '{node_id}'"
        if not isinstance(raw, YMap):
            self.problems.append(error(raw.pos, "not-mapping", where=where))
            return None
        type_entry = raw.items.get("type")
        if type_entry is None:
            self.problems.append(error(raw.pos, "field-missing", field="type", where=where))
            return None
        node_type = self.enum(type_entry[1], "type", tuple(NODE_TYPES))
        if node_type is None:
            return None
        values = self.fields(raw, NODE_TYPES[node_type], f"{node_type} '{node_id}'")
        if values is None:
            return None
        # Built even when a field is wrong, so that the graph checks see the node's links.
        return self._node(node_type, node_id, raw.pos, values)

    def _node(self, kind: str, node_id: str, pos: Pos, v: dict[str, YValue]) -> Node | None:
        def text(name: str) -> Text:
            return (self.text(v[name], name) if name in v else None) or Text()

        def ref(name: str) -> str:
            return (self.string(v[name], name) if name in v else None) or ""

        if kind == "question":
            options = self.options(v["options"]) if "options" in v else ()
            help_text = self.text(v["help"], "help") if "help" in v else None
            return Question(node_id, text("ask"), options, help_text, pos)
        if kind == "advice":
            links = tuple(v[n].pos if n in v else pos for n in ("solved", "unsolved"))
            return Advice(node_id, text("text"), ref("solved"), ref("unsolved"), pos, links)
        if kind == "input":
            fact = (self.ident(v["fact"], "fact") if "fact" in v else None) or ""
            fmt = NODE_TYPES["input"].field("format")
            assert fmt is not None
            form = (self.enum(v["format"], "format", fmt.choices) if "format" in v else None) or ""
            optional = self.boolean(v["optional"], "optional") if "optional" in v else False
            help_text = self.text(v["help"], "help") if "help" in v else None
            link = (v["next"].pos if "next" in v else pos,)
            return Input(
                node_id, fact, form, text("ask"), ref("next"), bool(optional), help_text, pos, link
            )
        result_field = NODE_TYPES["outcome"].field("result")
        assert result_field is not None
        result = (
            self.enum(v["result"], "result", result_field.choices) if "result" in v else None
        ) or ""
        channels: tuple[str, ...] = ()
        channel_pos: tuple[Pos, ...] = ()
        raw_channels = v.get("channels")
        if raw_channels is not None:
            channels = self.strings(raw_channels, "channels")
            items = raw_channels.items if isinstance(raw_channels, YSeq) else [raw_channels]
            channel_pos = tuple(item.pos for item in items)
            if len(channel_pos) != len(channels):
                channel_pos = (raw_channels.pos,) * len(channels)
        prepare = self.texts(v["prepare"], "prepare") if "prepare" in v else ()
        if result == "escalate" and not channels and "channels" not in v:
            self.problems.append(error(pos, "escalate-no-channels"))
        elif result == "escalate" and "channels" in v and not channels:
            self.problems.append(error(v["channels"].pos, "escalate-no-channels"))
        return Outcome(node_id, result, text("text"), channels, prepare, pos, channel_pos)

    def options(self, value: YValue) -> tuple[Option, ...]:
        if not isinstance(value, YSeq):
            self.problems.append(error(value.pos, "type-list", field="options"))
            return ()
        if not value.items:
            self.problems.append(error(value.pos, "list-empty", field="options"))
        out: list[Option] = []
        for item in value.items:
            values = self.fields(item, OPTION, "option")
            if values is None or "label" not in values or "next" not in values:
                continue
            label = self.text(values["label"], "label")
            target = self.string(values["next"], "next")
            if label is not None and target is not None:
                out.append(Option(label, target, values["next"].pos, values["label"].pos))
        return tuple(out)

    # -- list kinds -------------------------------------------------------------------

    def list_kind(self, kind: str, root: YMap) -> list[Entry]:
        key, shape = LIST_KINDS[kind]
        extra = EXTRA_KEYS.get(kind, {})
        allowed = ("kind", key, *extra)
        for name, (key_node, _) in root.items.items():
            if name not in allowed:
                self.problems.append(
                    error(
                        key_node.pos,
                        "field-unknown",
                        candidates=allowed,
                        field=name,
                        where=kind,
                        allowed=", ".join(allowed),
                    )
                )
        if "scoring" in extra and "scoring" in root.items:
            self.scoring = self.scoring_section(root.items["scoring"][1])
        if key not in root.items:
            if extra.keys() & root.items.keys():
                return []  # a file of settings only
            self.problems.append(error(root.pos, "field-missing", field=key, where=kind))
            return []
        items = root.items[key][1]
        if not isinstance(items, YSeq):
            self.problems.append(error(items.pos, "type-list", field=key))
            return []
        entries: list[Entry] = []
        for item in items.items:
            values = self.fields(item, shape, shape.name)
            if values is None:
                continue
            before = self._errors()
            entry = self._entry(kind, values, item.pos)
            if entry is not None and self._errors() == before:
                entries.append(entry)
        return entries

    def _errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    def _entry(self, kind: str, v: dict[str, YValue], pos: Pos) -> Entry | None:
        entry_id = self.ident(v["id"], "id") if "id" in v else None

        def text(name: str) -> Text:
            return (self.text(v[name], name) if name in v else None) or Text()

        if entry_id is None:
            for name, value in v.items():  # still report problems inside the entry
                if name != "id" and isinstance(value, YMap):
                    self.text(value, name)
            return None
        if kind == "channels":
            addresses = self.strings(v["addresses"], "addresses") if "addresses" in v else ()
            return Channel(
                entry_id, text("name"), text("how"), text("best_for"), addresses, self.path, pos
            )
        if kind == "faq":
            keywords = self.keywords(v["keywords"], "keywords") if "keywords" in v else Keywords()
            flow = self.ident(v["flow"], "flow") if "flow" in v else None
            flow_pos = v["flow"].pos if "flow" in v else None
            return FaqEntry(
                entry_id, text("question"), text("answer"), keywords, flow, self.path, pos, flow_pos
            )
        if kind == "tips":
            return Tip(entry_id, text("text"), self.path, pos)
        return self.redflag(entry_id, v, pos, text)

    # -- red flags and scoring ----------------------------------------------------------

    def redflag(
        self, entry_id: str, v: dict[str, YValue], pos: Pos, text: Callable[[str], Text]
    ) -> RedFlag:
        patterns = self._patterns(v, "patterns")
        unless = self._patterns(v, "unless")
        cues = self.cues(v["cues"]) if "cues" in v else ()
        threshold = self.number(v["threshold"], "threshold") if "threshold" in v else None
        requires = self.strings(v["requires"], "requires") if "requires" in v else ()
        known = {cue.id for cue in cues} | ({"patterns"} if "patterns" in v else set())
        for name in requires:
            if name not in known:
                where = v["requires"].pos
                self.problems.append(
                    error(where, "cue-required-unknown", candidates=known, id=name)
                )
        flag: tuple[str, ...] = ()
        quiet: tuple[str, ...] = ()
        if "examples" in v:
            examples = self.fields(v["examples"], EXAMPLES, "examples")
            if examples is not None:
                flag = self.strings(examples["flag"], "flag") if "flag" in examples else ()
                quiet = self.strings(examples["quiet"], "quiet") if "quiet" in examples else ()
        if "patterns" not in v and "cues" not in v:
            self.problems.append(error(pos, "rule-empty"))
        return RedFlag(
            entry_id,
            text("title"),
            text("explain"),
            text("advice"),
            patterns,
            unless,
            self.path,
            pos,
            cues,
            threshold,
            flag,
            quiet,
            requires,
            v["requires"].pos if "requires" in v else None,
        )

    def _patterns(self, v: dict[str, YValue], name: str) -> Keywords:
        return self.keywords(v[name], name, patterns=True) if name in v else Keywords()

    def cues(self, value: YValue) -> tuple[Cue, ...]:
        if not isinstance(value, YSeq):
            self.problems.append(error(value.pos, "type-list", field="cues"))
            return ()
        out: list[Cue] = []
        seen: dict[str, Pos] = {}
        for item in value.items:
            v = self.fields(item, CUE, "cue")
            if v is None:
                continue
            sources = [name for name in ("patterns", "use", "link", "feature") if name in v]
            if len(sources) != 1:
                self.problems.append(error(item.pos, "cue-source"))
                continue
            weight = self.number(v["weight"], "weight") if "weight" in v else None
            use = (self.ident(v["use"], "use") if "use" in v else None) or ""
            link_field = CUE.field("link")
            assert link_field is not None
            link = (self.enum(v["link"], "link", link_field.choices) if "link" in v else None) or ""
            feature_field = CUE.field("feature")
            assert feature_field is not None
            feature = (
                self.enum(v["feature"], "feature", feature_field.choices)
                if "feature" in v
                else None
            ) or ""
            cue_id = self.ident(v["id"], "id") if "id" in v else None
            cue_id = cue_id or use or (f"link-{link}" if link else "") or feature
            if not cue_id:
                if "id" not in v and sources == ["patterns"]:  # else: already reported
                    self.problems.append(error(item.pos, "field-missing", field="id", where="cue"))
                continue
            if cue_id == "patterns":  # the name --explain gives a rule's own patterns
                self.problems.append(error(item.pos, "cue-reserved", id=cue_id))
                continue
            if cue_id in seen:
                self.problems.append(
                    error(item.pos, "id-duplicate", kind="cue", id=cue_id, other=seen[cue_id])
                )
                continue
            seen[cue_id] = item.pos
            if weight is None or (sources == ["use"] and not use):
                continue
            if (sources == ["link"] and not link) or (sources == ["feature"] and not feature):
                continue
            out.append(
                Cue(
                    cue_id,
                    weight,
                    self._patterns(v, "patterns"),
                    self._patterns(v, "unless"),
                    use,
                    link,
                    item.pos,
                    feature,
                )
            )
        return tuple(out)

    def scoring_section(self, value: YValue) -> Scoring | None:
        v = self.fields(value, SCORING, "scoring")
        if v is None:
            return None
        threshold = self.number(v["threshold"], "threshold") if "threshold" in v else None
        suppressors = None
        if "suppressors" in v:
            raw = self.fields(v["suppressors"], _sub_shape(SCORING, "suppressors"), "suppressors")
            if raw is not None:
                suppressors = tuple(
                    (name, self.keywords(item, name, patterns=True)) for name, item in raw.items()
                )
        cues = None
        if "cues" in v:
            cues = tuple(
                (name, self.keywords(item, name, patterns=True))
                for name, item in self._named(v["cues"], "cues")
            )
        shorteners = unusual = brands = trusted = None
        if "links" in v:
            raw = self.fields(v["links"], _sub_shape(SCORING, "links"), "links")
            if raw is not None:
                if "shorteners" in raw:
                    shorteners = self._hosts(raw["shorteners"], "shorteners")
                if "trusted" in raw:
                    trusted = self._hosts(raw["trusted"], "trusted")
                if "unusual-tlds" in raw:
                    unusual = self._hosts(raw["unusual-tlds"], "unusual-tlds")
                if "brands" in raw:
                    brands = tuple(
                        (name.casefold(), self._hosts(item, name))
                        for name, item in self._named(raw["brands"], "brands", ident=False)
                    )
        return Scoring(
            threshold,
            suppressors,
            cues,
            shorteners,
            unusual,
            brands,
            trusted,
            self.path,
            value.pos,
        )

    def _named(self, value: YValue, name: str, ident: bool = True) -> list[tuple[str, YValue]]:
        if not isinstance(value, YMap):
            self.problems.append(error(value.pos, "type-mapping", field=name))
            return []
        out: list[tuple[str, YValue]] = []
        for key, (key_node, item) in value.items.items():
            if ident and not ID_RE.match(key):
                self.problems.append(error(key_node.pos, "id-invalid", id=key))
                continue
            out.append((key, item))
        return out

    def _hosts(self, value: YValue, name: str) -> tuple[str, ...]:
        """Host names or top-level domains, lower-cased, without a leading or trailing dot."""
        return tuple(
            h.strip().strip(".").casefold() for h in self.strings(value, name) if h.strip()
        )


def _sub_shape(shape: Shape, name: str) -> Shape:
    spec = shape.field(name)
    assert spec is not None
    assert spec.shape is not None
    return spec.shape


def build(path: str, value: YValue, pattern_check: PatternCheck | None = None) -> ParsedFile:
    """Check one parsed document against its kind's schema and build its entries."""
    builder = _Builder(path, pattern_check)
    parsed = ParsedFile(path)
    if not isinstance(value, YMap):
        builder.problems.append(error(value.pos, "not-mapping", where="the file"))
        parsed.diagnostics = builder.problems
        return parsed
    kind_entry = value.items.get("kind")
    choices = ", ".join(KIND_NAMES)
    if kind_entry is None:
        builder.problems.append(error(value.pos, "kind-missing", choices=choices))
    else:
        kind = builder.string(kind_entry[1], "kind")
        if kind is not None and kind not in KIND_NAMES:
            builder.problems.append(
                error(
                    kind_entry[1].pos,
                    "kind-unknown",
                    candidates=KIND_NAMES,
                    kind=kind,
                    choices=choices,
                )
            )
        elif kind == "flow":
            parsed.kind = kind
            flow = builder.flow(value)
            if flow is not None:
                parsed.entries.append(flow)
        elif kind is not None:
            parsed.kind = kind
            parsed.entries.extend(builder.list_kind(kind, value))
            parsed.scoring = builder.scoring
    parsed.diagnostics = builder.problems
    return parsed
