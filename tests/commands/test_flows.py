"""Tools for support teams: show, graph (Mermaid, DOT), paths, schema, content directories."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from upayhelp.content.load import content_layers, load
from upayhelp.engine import routes
from upayhelp.graph import dot_string, mermaid_label, to_dot, to_mermaid
from upayhelp.model import Flow, Option, Outcome, Question, Text

from ..conftest import DATA, ROOT, Run

CONTENT = load(content_layers(())).content
FLOW_IDS = sorted(CONTENT.flows)


# -- show ------------------------------------------------------------------------------------


def test_show_draws_every_node_once_and_marks_loops(run: Run, tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").write_text(
        (DATA / "valid" / "loop.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "desk.yaml").write_text(
        (DATA / "valid" / "channels.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = run("--content-dir", str(tmp_path), "flows", "show", "loop")
    assert result.exit_code == 0, result.stderr
    assert "↻ back to ask" in result.stdout
    for node in ("ask", "restart", "when", "fixed", "contact"):
        assert f"{node}:" in result.stdout


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_show_every_builtin_flow(run: Run, flow_id: str) -> None:
    result = run("flows", "show", flow_id)
    assert result.exit_code == 0
    for node_id in CONTENT.flows[flow_id].nodes:
        assert node_id in result.stdout


# -- graph -----------------------------------------------------------------------------------

TRICKY = Flow(
    "tricky",
    Text('Quotes "and" [brackets] {braces} | pipes # hash <tag> & amp', "中文\n换行"),
    "q",
    {
        "q": Question(
            "q",
            Text('他说："你好"', 'He said "hi" (end) [x]'),
            (Option(Text("是 | yes", "yes; --> no"), "end"), Option(Text("否", "o--x"), "end")),
        ),
        "end": Outcome("end", "resolved", Text("结束\n第二行", 'end "quoted"\\backslash')),
    },
)

MERMAID_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MERMAID_KEYWORDS = {"end", "graph", "subgraph", "flowchart", "style", "class", "click"}


def _check_mermaid(source: str) -> None:
    """Mermaid's grammar rules for what we emit: safe ids, quoted labels free of the characters
    that end a label, one statement per line."""
    lines = source.splitlines()
    assert lines[0] == "flowchart TD"
    node = re.compile(r'^\s+(\w+)(\{"|\("|\[/"|\(\[")(.*?)("\}|"\)|"/\]|"\]\))$')
    edge = re.compile(r'^\s+(\w+) (?:-->\|"(.*?)"\||-->) (\w+)$')
    for line in lines[1:]:
        stripped = line.strip()
        if stripped in ("end",) or stripped.startswith(("classDef ", "class ")):
            continue
        if stripped.startswith("subgraph "):
            ident, _, label = stripped[len("subgraph ") :].partition("[")
            assert MERMAID_ID.match(ident)
            assert label.startswith('"')
            assert label.endswith('"]')
            assert '"' not in label[1:-2]
            continue
        found = node.match(line)
        if found:
            ids, labels = [found.group(1)], [found.group(3)]
        else:
            found = edge.match(line)
            assert found, f"not a Mermaid statement: {line!r}"
            ids, labels = [found.group(1), found.group(3)], [found.group(2) or ""]
        for ident in ids:
            assert MERMAID_ID.match(ident)
            assert ident not in MERMAID_KEYWORDS
        for label in labels:
            assert '"' not in label
            assert "\n" not in label


def test_mermaid_escapes_labels() -> None:
    assert mermaid_label('a "b" #c <d> |e|') == "a #quot;b#quot; #35;c #lt;d#gt; #124;e#124;"
    source = to_mermaid([TRICKY], "en")
    _check_mermaid(source)
    assert "He said #quot;hi#quot; (end) [x]" in source


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_mermaid_of_every_builtin_flow(run: Run, lang: str) -> None:
    result = run("--lang", lang, "flows", "graph", "--format", "mermaid")
    assert result.exit_code == 0
    _check_mermaid(result.stdout)
    for flow_id in FLOW_IDS:
        for node_id in CONTENT.flows[flow_id].nodes:
            assert re.sub(r"\W", "_", f"n_{flow_id}__{node_id}") in result.stdout
    assert "classDef resolved" in result.stdout
    assert "classDef escalate" in result.stdout


def test_dot_escapes_labels() -> None:
    assert dot_string('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'
    source = to_dot([TRICKY], "en")
    assert '\\"quoted\\"' in source


DOT = shutil.which("dot")


@pytest.mark.skipif(DOT is None, reason="Graphviz `dot` is not installed")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_dot_output_renders_with_graphviz(run: Run, lang: str) -> None:
    sources = [run("--lang", lang, "flows", "graph", "--format", "dot").stdout]
    sources.append(to_dot([TRICKY], lang))
    for source in sources:
        done = subprocess.run(
            [str(DOT), "-Tsvg"], input=source, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        assert "<svg" in done.stdout


def test_graph_unknown_format(run: Run) -> None:
    assert run("flows", "graph", "recharge", "--format", "png").exit_code == 2


# -- paths: golden tests replayed through diagnose -------------------------------------------


# `UPAYHELP_REGEN_GOLDEN=1 python -m pytest tests/test_support_tools.py -k golden` rewrites the
# snapshots from the current output (see docs/authoring.md); review the diff before committing.
REGEN_GOLDEN = os.environ.get("UPAYHELP_REGEN_GOLDEN") == "1"


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_paths_golden_and_replayed(run: Run, flow_id: str) -> None:
    result = run("flows", "paths", flow_id, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    golden = ROOT / "tests" / "data" / "golden" / f"paths-{flow_id}.json"
    if REGEN_GOLDEN:
        golden.write_text(result.stdout, encoding="utf-8", newline="\n")
    assert result.stdout == golden.read_text(encoding="utf-8"), (
        f"flows paths {flow_id} changed; if on purpose, regenerate {golden.name} with "
        "UPAYHELP_REGEN_GOLDEN=1 python -m pytest tests/test_support_tools.py -k golden"
    )
    assert len(data["paths"]) == len(list(routes(CONTENT.flows[flow_id])))
    for path in data["paths"]:
        replay = run("diagnose", flow_id, "--json", *path["args"])
        assert replay.exit_code == 0, replay.stderr
        assert json.loads(replay.stdout)["outcome"]["node"] == path["outcome"]


def test_paths_text_lines_are_runnable_commands(run: Run) -> None:
    result = run("flows", "paths", "recharge")
    lines = result.stdout.splitlines()
    assert lines
    for line in lines:
        assert re.match(
            r"^\d+\. [a-z0-9-]+ \((resolved|escalate)\): upayhelp diagnose recharge", line
        )


# -- schema ----------------------------------------------------------------------------------


_SCHEMAS: dict[str | None, dict[str, object]] = {}


def _schema(run: Run, kind: str | None = None) -> dict[str, object]:
    """The schema exactly as `flows schema [KIND]` prints it (checked once per kind)."""
    if kind not in _SCHEMAS:
        result = run("flows", "schema", *([kind] if kind else []))
        assert result.exit_code == 0
        schema = json.loads(result.stdout)
        jsonschema.Draft202012Validator.check_schema(schema)
        _SCHEMAS[kind] = schema
    return _SCHEMAS[kind]


@pytest.mark.parametrize("path", sorted((ROOT / "flows").glob("*.yaml")), ids=lambda p: p.name)
def test_schema_accepts_every_builtin_file(run: Run, path: Path) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    jsonschema.validate(document, _schema(run, document["kind"]))
    jsonschema.validate(document, _schema(run))


SCHEMA_REJECTS = [
    "unknown-field",
    "missing-field",
    "text-no-language",
    "invalid-id",
    "bad-format",
    "bad-result",
    "escalate-no-channels",
    # (not optional-not-bool: YAML 1.1's `yes` is a boolean to PyYAML, a string to editors)
    "empty-options",
    "node-not-mapping",
    "kind-missing",
    "kind-unknown",
    "list-kind-not-list",
    "empty-text",
    "unknown-node-type",
    "example-not-list",
    "example-shape",
]


@pytest.mark.parametrize("name", SCHEMA_REJECTS)
def test_schema_rejects_invalid_files(run: Run, name: str) -> None:
    document = yaml.safe_load((DATA / "invalid" / f"{name}.yaml").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, _schema(run))


def test_schema_unknown_kind(run: Run) -> None:
    assert run("flows", "schema", "flows").exit_code == 2


# -- content directories ---------------------------------------------------------------------


def _tips(directory: Path, text: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "tips.yaml").write_text(
        f"kind: tips\ntips:\n  - id: courtesy\n    text: {{zh: {text}, en: {text}}}\n",
        encoding="utf-8",
    )


def test_override_precedence_and_shadowing(run: Run, tmp_path: Path) -> None:
    config, env_a, env_b, cli_a, cli_b = (tmp_path / n for n in ("cfg", "ea", "eb", "ca", "cb"))
    _tips(config / "upayhelp" / "content", "config")
    for directory in (env_a, env_b, cli_a, cli_b):
        _tips(directory, directory.name)
    env = {
        "XDG_CONFIG_HOME": str(config),
        "UPAYHELP_CONTENT_DIR": f"{env_a}:{env_b}",
    }
    result = run(
        "--content-dir", str(cli_a), "flows", "list", "--json", "--content-dir", str(cli_b), env=env
    )
    assert result.exit_code == 0, result.stderr
    rows = [e for e in json.loads(result.stdout)["entries"] if e["id"] == "courtesy"]
    layers = [Path(r["source"]).parent.name for r in rows]
    assert layers == ["flows", "content", "ea", "eb", "ca", "cb"]
    assert [r["overridden_by"] is None for r in rows] == [False] * 5 + [True]
    assert rows[-1]["overrides"].startswith(str(cli_a))
    from upayhelp.content.load import content_layers as layers_for

    merged = load(layers_for([str(cli_a), str(cli_b)], env)).content
    assert merged.tips["courtesy"].text.en == "cb"


def test_flows_list_text_shows_overrides(run: Run, tmp_path: Path) -> None:
    _tips(tmp_path, "mine")
    result = run("--content-dir", str(tmp_path), "flows", "list")
    assert "overrides" in result.stdout
    assert "overridden by" in result.stdout


def test_validate_checks_the_merged_result(run: Run, tmp_path: Path) -> None:
    flow = (DATA / "valid" / "loop.yaml").read_text(encoding="utf-8")
    (tmp_path / "loop.yaml").write_text(flow, encoding="utf-8")
    alone = run("flows", "validate", str(tmp_path / "loop.yaml"))
    assert alone.exit_code == 1
    assert "unknown channel 'desk'" in alone.stdout
    channels = tmp_path / "channels"
    channels.mkdir()
    (channels / "desk.yaml").write_text(
        (DATA / "valid" / "channels.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    merged = run("--content-dir", str(channels), "flows", "validate", str(tmp_path / "loop.yaml"))
    assert merged.exit_code == 0, merged.stdout


def test_missing_content_dir_is_an_error(run: Run, tmp_path: Path) -> None:
    result = run("--content-dir", str(tmp_path / "nope"), "faq")
    assert result.exit_code == 1
    assert "content directory not found" in result.stderr


def test_pre_commit_hooks_file() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert by_id["upayhelp-validate"]["entry"] == "upayhelp flows validate"
    assert by_id["upayhelp-validate-strict"]["entry"] == "upayhelp flows validate --strict"
    for hook in hooks:
        assert hook["language"] == "python"
        assert {"id", "name", "entry", "language"} <= set(hook)
