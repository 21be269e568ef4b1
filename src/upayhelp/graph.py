"""Diagram sources of flows (Mermaid and Graphviz DOT), with labels escaped for each."""

from __future__ import annotations

import re
from collections.abc import Iterable

from upayhelp.engine import node_prompt
from upayhelp.i18n import t
from upayhelp.model import Advice, Flow, Input, Lang, Node, Outcome, Question

MAX_LABEL = 60
COLOURS = {"resolved": "#c8e6c9", "escalate": "#ffe0b2"}


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def edges(node: Node, lang: Lang) -> list[tuple[str, str]]:
    """(target, label) for each link of `node`."""
    if isinstance(node, Question):
        return [(o.next, o.label.get(lang)) for o in node.options]
    if isinstance(node, Advice):
        return [
            (node.solved, t("graph-solved", lang)),
            (node.unsolved, t("graph-not-solved", lang)),
        ]
    if isinstance(node, Input):
        return [(node.next, "")]
    return []


# -- Mermaid -----------------------------------------------------------------------------

_MERMAID_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "|": "#124;",
    "`": "#96;",
}


def mermaid_label(text: str) -> str:
    """Text for inside a quoted Mermaid label: entities for the characters Mermaid parses."""
    out = "".join(_MERMAID_ENTITIES.get(ch, ch) for ch in _short(text))
    return "".join(ch for ch in out if ch.isprintable())


def mermaid_id(flow_id: str, node_id: str) -> str:
    """A Mermaid node id: letters, digits and '_' only, never a keyword like `end`."""
    return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", f"{flow_id}__{node_id}")


def _mermaid_shape(node: Node, label: str) -> str:
    if isinstance(node, Question):
        return '{"' + label + '"}'
    if isinstance(node, Advice):
        return '("' + label + '")'
    if isinstance(node, Input):
        return '[/"' + label + '"/]'
    return '(["' + label + '"])'


def to_mermaid(flows: Iterable[Flow], lang: Lang) -> str:
    """A Mermaid flowchart; each flow is a subgraph."""
    out = ["flowchart TD"]
    classes: dict[str, list[str]] = {"resolved": [], "escalate": []}
    for flow in flows:
        out.append(f'  subgraph {mermaid_id(flow.id, "")}["{mermaid_label(flow.title.get(lang))}"]')
        for node_id, node in flow.nodes.items():
            label = mermaid_label(node_prompt(node).get(lang))
            out.append(f"    {mermaid_id(flow.id, node_id)}{_mermaid_shape(node, label)}")
            if isinstance(node, Outcome) and node.result in classes:
                classes[node.result].append(mermaid_id(flow.id, node_id))
        for node_id, node in flow.nodes.items():
            for target, label in edges(node, lang):
                if target not in flow.nodes:
                    continue
                arrow = f' -->|"{mermaid_label(label)}"| ' if label else " --> "
                out.append(
                    f"    {mermaid_id(flow.id, node_id)}{arrow}{mermaid_id(flow.id, target)}"
                )
        out.append("  end")
    for result, ids in classes.items():
        out.append(f"  classDef {result} fill:{COLOURS[result]},stroke:#555")
        if ids:
            out.append(f"  class {','.join(ids)} {result}")
    return "\n".join(out) + "\n"


# -- DOT ---------------------------------------------------------------------------------


def dot_string(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, newlines as \\n."""
    text = "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in text)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _dot_shape(node: Node) -> str:
    if isinstance(node, Question):
        return "shape=diamond"
    if isinstance(node, Advice):
        return 'shape=box, style="rounded"'
    if isinstance(node, Input):
        return "shape=parallelogram"
    assert isinstance(node, Outcome)
    colour = COLOURS.get(node.result, "#eeeeee")
    return f'shape=box, style="rounded,filled,bold", fillcolor="{colour}"'


def to_dot(flows: Iterable[Flow], lang: Lang) -> str:
    """A Graphviz digraph; each flow is a cluster."""
    out = ["digraph upayhelp {", "  rankdir=TB;", '  node [fontname="sans-serif"];']
    for flow in flows:
        out.append(f"  subgraph {dot_string('cluster_' + flow.id)} {{")
        out.append(f"    label={dot_string(flow.title.get(lang))};")
        for node_id, node in flow.nodes.items():
            label = _short(node_prompt(node).get(lang))
            name = dot_string(f"{flow.id}/{node_id}")
            out.append(f"    {name} [label={dot_string(label)}, {_dot_shape(node)}];")
        for node_id, node in flow.nodes.items():
            for target, label in edges(node, lang):
                if target not in flow.nodes:
                    continue
                source, dest = dot_string(f"{flow.id}/{node_id}"), dot_string(f"{flow.id}/{target}")
                attrs = f" [label={dot_string(_short(label))}]" if label else ""
                out.append(f"    {source} -> {dest}{attrs};")
        out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"
