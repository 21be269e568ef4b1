"""The one message catalogue (issue 15, item 5): every key in both languages with the same
fields, every key the source asks for present, and no key left over."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from upayhelp.content.diagnostics import Diagnostic
from upayhelp.i18n import STRINGS, Message, t
from upayhelp.lang import Lang
from upayhelp.model import Pos

SRC = Path(__file__).resolve().parent.parent / "src" / "upayhelp"
FLOWS = SRC.parent.parent / "flows"
CATALOGUE = SRC / "i18n.py"
# Calls whose first argument is a catalogue key, and in_both(name, key), whose second is.
KEYED_CALLS = ("t", "Message")
SECOND_KEYED_CALLS = ("in_both",)
# The linter's `error(pos, code, ...)` and `warning(pos, code, ...)`: the key is lint-<code>.
LINT_CALLS = ("error", "warning")
# Functions that return catalogue keys (formats._reason gives a value-* key).
KEY_RETURNERS = {"formats.py": "_reason"}
# A family sent whole by prefix: web/table.py gives the page every web-* key.
PREFIX_FAMILIES = {"web-": ("web/table.py", 'key.startswith("web-")')}
KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _sources() -> Iterator[tuple[Path, str]]:
    """Every Python and script file of the package but the catalogue itself."""
    for path in sorted(SRC.rglob("*")):
        if path.suffix in (".py", ".js") and path != CATALOGUE:
            yield path, path.read_text(encoding="utf-8")


def _trees() -> Iterator[tuple[Path, ast.Module]]:
    for path, text in _sources():
        if path.suffix == ".py":
            yield path, ast.parse(text, str(path))


def _name(call: ast.Call) -> str:
    """The name a function is called by when imported by name (`t(...)`, not `x.t(...)`)."""
    return call.func.id if isinstance(call.func, ast.Name) else ""


def _literal(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _fields(text: str) -> set[str]:
    """The `{name}` fields of a template (`{{` and `}}` are literal braces)."""
    return {
        re.split(r"[.\[]", name)[0]
        for _, name, _, _ in string.Formatter().parse(text)
        if name is not None
    }


def _keys_asked() -> dict[str, list[str]]:
    """Every literal key the source asks for (lint codes as lint-<code>) → where."""
    asked: dict[str, list[str]] = {}
    for path, tree in _trees():
        where = path.relative_to(SRC).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args:
                name = _name(node)
                if name in KEYED_CALLS and (key := _literal(node.args[0])):
                    asked.setdefault(key, []).append(f"{where}:{node.lineno}")
                if name in SECOND_KEYED_CALLS and (key := _literal(node.args[1])):
                    asked.setdefault(key, []).append(f"{where}:{node.lineno}")
                if name in LINT_CALLS and len(node.args) >= 2:  # a literal, or literals in an if
                    for part in ast.walk(node.args[1]):
                        if code := _literal(part):
                            asked.setdefault(f"lint-{code}", []).append(f"{where}:{node.lineno}")
            if isinstance(node, ast.FunctionDef) and KEY_RETURNERS.get(path.name) == node.name:
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Return) and inner.value is not None:
                        for value in ast.walk(inner.value):
                            if key := _literal(value):
                                asked.setdefault(key, []).append(f"{where}:{inner.lineno}")
    return asked


def _dynamic_prefixes() -> set[str]:
    """Prefixes of keys built at run time: f"node-{type}", "lint-" + code, f"fact-{name}"."""
    prefixes: set[str] = set()
    catalogue = ast.parse(CATALOGUE.read_text(encoding="utf-8"))  # fact_label builds fact-*
    for _, tree in [*_trees(), (CATALOGUE, catalogue)]:
        for node in ast.walk(tree):
            first: ast.expr | None = None
            if isinstance(node, ast.JoinedStr) and len(node.values) > 1:
                first = node.values[0]
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                first = node.left
            text = _literal(first)
            if text and re.fullmatch(r"[a-z]+-", text):
                prefixes.add(text)
    return prefixes


def test_every_key_has_both_languages() -> None:
    problems = []
    for key, texts in STRINGS.items():
        if not KEY.fullmatch(key):
            problems.append(f"{key}: not a kebab-case key")
        if not (isinstance(texts, tuple) and len(texts) == 2):
            problems.append(f"{key}: not an (English, Chinese) pair")
            continue
        for lang, text in zip(("en", "zh"), texts, strict=True):
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{key}: no {lang} text")
    assert not problems, "\n".join(problems)


def test_both_languages_have_the_same_fields() -> None:
    problems = [
        f"{key}: en {sorted(_fields(en))} but zh {sorted(_fields(zh))}"
        for key, (en, zh) in STRINGS.items()
        if _fields(en) != _fields(zh)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_message_can_be_filled(lang: Lang) -> None:
    """A stray brace would fail only when the message is shown: fill every one now."""
    for key, (en, _) in STRINGS.items():
        values = dict.fromkeys(_fields(en), "x")
        if key.startswith("lint-"):
            args = tuple((name, "x") for name in values if name != "suggest")
            diagnostic = Diagnostic(Pos("f.yaml", 1, 1), "error", key[5:], args)
            assert diagnostic.message(lang)
        elif values:
            assert t(key, lang, **values)


def test_every_key_the_source_asks_for_exists() -> None:
    from upayhelp.web.rules import REPORT_STRINGS
    from upayhelp.web.table import UI_STRINGS

    asked = _keys_asked()
    assert "lint-ref-unknown" in asked  # the scan sees the linter's codes
    assert "value-empty" in asked  # and the keys formats._reason returns
    missing = [f"{key} (at {', '.join(where)})" for key, where in asked.items()]
    missing = [line for line in missing if line.split(" ")[0] not in STRINGS]
    missing += [key for key in (*UI_STRINGS, *REPORT_STRINGS) if key not in STRINGS]
    assert not missing, "\n".join(missing)


def test_families_of_keys_are_complete() -> None:
    """Keys made from an identifier exist for every value of that identifier."""
    from upayhelp.content.schema import NODE_TYPES
    from upayhelp.model import FORMATS
    from upayhelp.verify import ContactKind

    wanted = [f"node-{kind}" for kind in NODE_TYPES]
    wanted += [f"format-{name}" for name in FORMATS]
    wanted += [f"example-{name}" for name in FORMATS if name != "text"]
    wanted += [f"contact-{kind.value}" for kind in ContactKind]
    wanted += [f"kind-{kind}" for kind in ("code", "card", "password")]  # secrets.Secret.kind
    wanted += ["error", "warning"]  # Diagnostic.severity
    assert [key for key in wanted if key not in STRINGS] == []


def test_no_key_is_left_unused() -> None:
    sources = "\n".join(text for _, text in _sources())
    facts = set(re.findall(r"^\s*fact:\s*(\S+)", _flow_texts(), re.MULTILINE))
    quoted = set(re.findall(r"""["']([a-z0-9][a-z0-9-]*)["']""", sources))
    lint_codes = {key[5:] for key in _keys_asked() if key.startswith("lint-")}
    prefixes = _dynamic_prefixes()
    assert {"lint-", "node-", "format-", "fact-"} <= prefixes  # the scan sees them
    for prefix, (file, use) in PREFIX_FAMILIES.items():
        assert use in (SRC / file).read_text(encoding="utf-8"), f"{prefix}* no longer sent whole"

    def used(key: str) -> bool:
        if key.startswith("lint-"):  # only a code the linter raises
            return key[5:] in lint_codes
        if key in quoted or any(key.startswith(p) for p in PREFIX_FAMILIES):
            return True
        return any(
            key.startswith(p) and (key[len(p) :] in quoted or key[len(p) :] in facts)
            for p in prefixes
        )

    unused = [key for key in STRINGS if not used(key)]
    assert not unused, "keys no source uses: " + ", ".join(unused)


def _flow_texts() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(FLOWS.glob("*.yaml")))


def test_a_message_is_rendered_in_the_language_asked() -> None:
    """An error raised where the language is not known keeps its key until it is shown."""
    from upayhelp.errors import AnswerError, NotFoundError

    error = NotFoundError(Message("content-dir-missing", path="/x"))
    assert error.message == "content directory not found: /x"
    assert error.text("zh") == "找不到内容目录：/x"
    kind = Message("node-question")
    nested = AnswerError(Message("answer-wrong-node", node="a", type=kind, wanted=kind), node="a")
    assert nested.text("en") == "the current node 'a' is a question, not a question"
    assert nested.text("zh") == "当前节点“a”是选择题，不是选择题"
    assert NotFoundError("already in words").text("zh") == "already in words"
