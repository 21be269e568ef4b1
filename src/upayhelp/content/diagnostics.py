"""Linter diagnostics: a position, a severity and a message code rendered in the user's language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from upayhelp.model import Entry, Lang, Pos, Scoring

# Each message in both languages; `{name}` fields come from Diagnostic.args.
MESSAGES: dict[str, tuple[str, str]] = {
    "file-unreadable": ("cannot read file: {reason}", "无法读取文件：{reason}"),
    "file-too-large": (
        "file is {size} bytes, over the {limit}-byte limit",
        "文件大小为 {size} 字节，超过 {limit} 字节的上限",
    ),
    "file-encoding": (
        "file is not valid UTF-8 (byte 0x{byte} cannot be decoded)",
        "文件不是有效的 UTF-8 编码（字节 0x{byte} 无法解码）",
    ),
    "file-binary": (
        "file holds a NUL byte; it is not a text file",
        "文件含有 NUL 字节，不是文本文件",
    ),
    "yaml-syntax": ("invalid YAML: {problem}", "YAML 语法错误：{problem}"),
    "yaml-quote-hint": (
        "invalid YAML: {problem} (inside {{...}} or [...], quote text that holds ', ', ': ', '?' "
        "or '#')",
        "YAML 语法错误：{problem}（在 {{...}} 或 [...] 中，含有“, ”“: ”“?”或“#”的文本要加引号）",
    ),
    "yaml-empty": ("file is empty", "文件为空"),
    "yaml-multi-doc": (
        "expected exactly one YAML document, found more",
        "每个文件只能有一个 YAML 文档，这里有多个",
    ),
    "yaml-tag": (
        "tag '{tag}' is not allowed: use plain YAML values",
        "不允许使用标签“{tag}”：请只使用普通 YAML 值",
    ),
    "yaml-duplicate-key": (
        "duplicate key '{key}' (first at line {line})",
        "重复的键“{key}”（首次出现在第 {line} 行）",
    ),
    "yaml-key-type": ("mapping keys must be plain text", "映射的键必须是普通文本"),
    "yaml-aliases": (
        "too many alias expansions (over {limit}): refusing a possible alias bomb",
        "别名展开次数过多（超过 {limit}）：拒绝可能的别名炸弹",
    ),
    "yaml-recursive": ("recursive alias '{anchor}'", "递归的别名“{anchor}”"),
    "yaml-depth": ("nesting deeper than {limit} levels", "嵌套层数超过 {limit} 层"),
    "kind-missing": (
        "missing 'kind' (one of: {choices})",
        "缺少“kind”（可选值：{choices}）",
    ),
    "kind-unknown": (
        "unknown kind '{kind}' (one of: {choices}){suggest}",
        "未知的 kind“{kind}”（可选值：{choices}）{suggest}",
    ),
    "not-mapping": ("{where} must be a mapping", "{where} 必须是映射（键: 值）"),
    "field-unknown": (
        "unknown field '{field}' in {where} (allowed: {allowed}){suggest}",
        "{where} 中有未知字段“{field}”（允许：{allowed}）{suggest}",
    ),
    "field-missing": (
        "missing required field '{field}' in {where}",
        "{where} 缺少必填字段“{field}”",
    ),
    "type-text": (
        "'{field}' must be a text or a mapping of zh/en to text",
        "“{field}”必须是文本，或 zh/en 到文本的映射",
    ),
    "type-string": ("'{field}' must be a plain string", "“{field}”必须是字符串"),
    "type-bool": ("'{field}' must be true or false", "“{field}”必须是 true 或 false"),
    "type-list": ("'{field}' must be a list", "“{field}”必须是列表"),
    "type-mapping": ("'{field}' must be a mapping", "“{field}”必须是映射"),
    "list-empty": ("'{field}' must not be empty", "“{field}”不能为空"),
    "enum": (
        "'{field}' must be one of: {choices}; got '{value}'{suggest}",
        "“{field}”必须是以下之一：{choices}；实际为“{value}”{suggest}",
    ),
    "id-invalid": (
        "invalid id '{id}': use lower-case letters, digits and '-'",
        "无效的 id“{id}”：只能使用小写字母、数字和“-”",
    ),
    "lang-unknown": (
        "unknown language '{lang}' in a text (use zh or en; inside {{...}}, quote text that "
        "holds ', ', ': ', '?' or '#')",
        "文本中有未知语言“{lang}”（请使用 zh 或 en；"
        "在 {{...}} 中，含有“, ”“: ”“?”或“#”的文本要加引号）",
    ),
    "text-empty": ("text has neither language", "文本既没有中文也没有英文"),
    "text-missing-lang": (
        "text has no '{lang}' version; the '{other}' one is shown instead",
        "文本缺少“{lang}”版本，将显示“{other}”版本",
    ),
    "ref-unknown": (
        "'{field}' points to unknown node '{target}'{suggest}",
        "“{field}”指向不存在的节点“{target}”{suggest}",
    ),
    "node-unreachable": (
        "node '{node}' cannot be reached from start '{start}'",
        "从起点“{start}”无法到达节点“{node}”",
    ),
    "node-trapped": (
        "node '{node}' is caught in a cycle: no outcome can be reached from it",
        "节点“{node}”陷入循环：从它无法到达任何结果",
    ),
    "id-duplicate": (
        "duplicate {kind} id '{id}' (also at {other})",
        "重复的 {kind} id“{id}”（另见 {other}）",
    ),
    "channel-unknown": (
        "unknown channel '{id}'{suggest}",
        "未知的渠道“{id}”{suggest}",
    ),
    "channel-unused": (
        "channel '{id}' is not used by any flow",
        "渠道“{id}”没有被任何流程使用",
    ),
    "flow-unknown": (
        "'{field}' names unknown flow '{id}'{suggest}",
        "“{field}”指向不存在的流程“{id}”{suggest}",
    ),
    "label-duplicate": (
        "two options have the same label '{label}'",
        "两个选项的标签相同：“{label}”",
    ),
    "escalate-no-channels": (
        "an escalate outcome needs at least one entry in 'channels'",
        "escalate 结果至少需要一个“channels”条目",
    ),
    "pattern-invalid": (
        "invalid pattern '{pattern}': {reason}",
        "无效的匹配规则“{pattern}”：{reason}",
    ),
    "type-number": ("'{field}' must be a number, zero or more", "“{field}”必须是不小于 0 的数字"),
    "rule-empty": (
        "a red flag needs 'patterns' or 'cues'",
        "红旗规则需要“patterns”或“cues”",
    ),
    "cue-source": (
        "a cue needs exactly one of 'patterns', 'use', 'link' or 'feature'",
        "每个线索只能有“patterns”“use”“link”“feature”四者之一",
    ),
    "cue-reserved": (
        "a cue cannot be called '{id}': that is the name of the rule's own patterns",
        "线索不能叫“{id}”：这是规则自身 patterns 的名称",
    ),
    "cue-required-unknown": (
        "'requires' names '{id}', which is not a cue of this rule{suggest}",
        "“requires”中的“{id}”不是本规则的线索{suggest}",
    ),
    "cue-unknown": (
        "'use' names unknown shared cue '{id}'{suggest}",
        "“use”指向不存在的共享线索“{id}”{suggest}",
    ),
    "example-answer-type": (
        "an answer to '{node}' must be a single value (or a list of them, one per visit)",
        "“{node}”的答案必须是一个值（或多个值的列表，每次经过用一个）",
    ),
    "example-node-unknown": (
        "example answers unknown node '{target}'{suggest}",
        "示例回答了不存在的节点“{target}”{suggest}",
    ),
    "example-node-outcome": (
        "example answers '{node}', an outcome: outcomes take no answer",
        "示例回答了“{node}”，但它是结果节点，结果不需要回答",
    ),
    "example-answer-invalid": (
        "'{answer}' is not an answer to '{node}' (valid: {choices_en})",
        "“{answer}”不是“{node}”的有效答案（可选：{choices_zh}）",
    ),
    "example-outcome-unknown": (
        "example expects '{target}', which is not an outcome of this flow{suggest}",
        "示例期望的“{target}”不是本流程的结果节点{suggest}",
    ),
    "example-fact-unknown": (
        "example expects unknown fact '{target}'{suggest}",
        "示例期望的信息“{target}”不存在{suggest}",
    ),
    "example-pending": (
        "example {number} stops at '{node}' ({type}): no answer left for it (valid: {choices_en})",
        "示例 {number} 停在“{node}”（{type}）：没有剩余的答案（可选：{choices_zh}）",
    ),
    "example-rejected": (
        "example {number}: '{answer}' is not an answer to '{node}' (valid: {choices_en})",
        "示例 {number}：“{answer}”不是“{node}”的有效答案（可选：{choices_zh}）",
    ),
    "example-outcome": (
        "example {number} ends at '{got}', expected '{expected}'",
        "示例 {number} 的结果是“{got}”，期望的是“{expected}”",
    ),
    "example-unused": (
        "example {number}: answer {node}={answer} is not used (the walk does not visit '{node}' "
        "that often)",
        "示例 {number}：答案 {node}={answer} 没有用到（这次走查没有经过“{node}”那么多次）",
    ),
    "example-channels": (
        "example {number}: outcome '{node}' gives channels [{got}], expected [{expected}]",
        "示例 {number}：结果“{node}”给出的渠道是 [{got}]，期望的是 [{expected}]",
    ),
    "example-fact": (
        "example {number}: fact '{fact}' is '{got}', expected '{expected}'",
        "示例 {number}：信息“{fact}”是“{got}”，期望的是“{expected}”",
    ),
    "example-fact-missing": (
        "example {number}: fact '{fact}' was not collected, expected '{expected}'",
        "示例 {number}：没有收集到信息“{fact}”，期望的是“{expected}”",
    ),
    "example-fact-extra": (
        "example {number}: fact '{fact}' was collected ('{got}') but the example does not list it",
        "示例 {number}：收集到了信息“{fact}”（“{got}”），但示例的 facts 中没有列出",
    ),
    "path-missing": ("no such file or directory", "文件或目录不存在"),
    "no-content": ("no content files (*.yaml, *.yml) here", "这里没有内容文件（*.yaml、*.yml）"),
}

SUGGEST = (" (did you mean '{0}'?)", "（是否想写“{0}”？）")


def suggest(word: str, candidates: Iterable[str], lang: Lang = "en") -> str:
    """A "did you mean" suffix for the closest candidate, or an empty string."""
    import difflib

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    if not close:
        return ""
    return SUGGEST[0 if lang == "en" else 1].format(close[0])


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in content, with where it is and how bad."""

    pos: Pos
    severity: str  # "error" | "warning"
    code: str
    args: tuple[tuple[str, str], ...] = ()
    # Names the fields whose values are candidates for a "did you mean" suffix.
    candidates: tuple[str, ...] = ()

    def message(self, lang: Lang = "en") -> str:
        en, zh = MESSAGES[self.code]
        template = zh if lang == "zh" else en
        values = dict(self.args)
        if "{suggest}" in template:
            target = values.get("target") or values.get("id") or values.get("value") or ""
            target = target or values.get("field") or values.get("kind") or ""
            values["suggest"] = suggest(target, self.candidates, lang)
        return template.format(**values)

    def render(self, lang: Lang = "en") -> str:
        """The linter line: `path:line:column: severity: message`."""
        severity = self.severity
        if lang == "zh":
            severity = {"error": "错误", "warning": "警告"}.get(severity, severity)
        return f"{self.pos}: {severity}: {self.message(lang)}"

    def as_json(self, lang: Lang = "en") -> dict[str, object]:
        return {
            "path": self.pos.path,
            "line": self.pos.line,
            "column": self.pos.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message(lang),
        }


def error(pos: Pos, code: str, candidates: Iterable[str] = (), **args: object) -> Diagnostic:
    return Diagnostic(
        pos, "error", code, tuple((k, str(v)) for k, v in args.items()), tuple(candidates)
    )


def warning(pos: Pos, code: str, **args: object) -> Diagnostic:
    return Diagnostic(pos, "warning", code, tuple((k, str(v)) for k, v in args.items()))


@dataclass
class ParsedFile:
    """One content file: its kind, the entries built from it, and the problems found."""

    path: str
    kind: str | None = None
    entries: list[Entry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # The graph checks of the file's flow (they depend on nothing else), done once when the
    # file is parsed and kept with it in the cache; reported only if the flow is used.
    flow_checks: list[Diagnostic] = field(default_factory=list)
    # The `scoring:` section of a red-flags file, when it has one.
    scoring: Scoring | None = None
