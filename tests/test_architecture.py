"""The layers of docs/architecture.md hold: no import cycles between upayhelp's modules (imports
inside functions included), and arrows point one way: commands → (prompts, output) → core."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "upayhelp"


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted((SOURCE / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SOURCE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(name: str) -> set[str]:
    """The upayhelp modules `name` imports at run time, wherever the import statement is
    (imports only for type checkers do not count: they never run)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name) for name in MODULES}


def _layer(name: str) -> str:
    if name in (PACKAGE, f"{PACKAGE}.__main__", f"{PACKAGE}.app"):
        return "app"
    for layer in ("commands", "output"):
        if name == f"{PACKAGE}.{layer}" or name.startswith(f"{PACKAGE}.{layer}."):
            return layer
    if name == f"{PACKAGE}.prompts":
        return "prompts"
    return "core"


# Which layers each layer may import (besides itself).
ALLOWED = {
    "app": {"core", "app"},  # commands are loaded by name (`app.COMMANDS`), never imported
    "commands": {"app", "prompts", "output", "core"},
    "prompts": {"output", "core"},  # the prompts lay out text with output.layout
    "output": {"core"},
    "core": set(),
}


def test_the_graph_sees_the_imports_inside_functions() -> None:
    # `upayhelp.commands.walk` imports the prompts' maker inside a function only
    assert "upayhelp.prompts" in GRAPH["upayhelp.commands.walk"]
    assert "upayhelp.output.terminal" in GRAPH["upayhelp.output.text"]


def test_there_are_no_import_cycles() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(name: str) -> None:
        state[name] = 1
        path.append(name)
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target]
                pytest.fail("import cycle: " + " → ".join(cycle))
            if target not in state:
                walk(target)
        path.pop()
        state[name] = 2

    for name in MODULES:
        if name not in state:
            walk(name)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_point_one_way(name: str) -> None:
    layer = _layer(name)
    wrong = sorted(
        target
        for target in GRAPH[name]
        if _layer(target) != layer
        and _layer(target) not in ALLOWED[layer]
        # a package's __init__ runs with each of its modules; importing it is not an arrow
        and target != PACKAGE
    )
    assert wrong == [], f"{name} ({layer}) imports {wrong}"


def test_only_prompts_imports_questionary() -> None:
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if name != f"{PACKAGE}.prompts":
            assert "import questionary" not in text, name
            assert "from questionary" not in text, name


def test_every_command_has_its_own_module() -> None:
    from upayhelp.app import COMMANDS

    for command, module in COMMANDS.items():
        assert module == f"{PACKAGE}.commands.{command}"
        assert module in MODULES


def _future_annotations(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == "__future__"
        and any(alias.name == "annotations" for alias in node.names)
        for node in tree.body
    )


def _typer_commands(tree: ast.Module) -> list[str]:
    """The functions decorated as Typer commands or callbacks (`@app.command(...)`, ...)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                call = decorator.func if isinstance(decorator, ast.Call) else decorator
                if isinstance(call, ast.Attribute) and call.attr in ("command", "callback"):
                    found.append(node.name)
    return found


def _named_tuples(tree: ast.Module) -> list[str]:
    """The classes defined as `class X(NamedTuple)`."""
    return [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        and any(
            (isinstance(base, ast.Name) and base.id == "NamedTuple")
            or (isinstance(base, ast.Attribute) and base.attr == "NamedTuple")
            for base in node.bases
        )
    ]


def test_annotations_read_at_start_up_are_objects_not_strings() -> None:
    # Typer parses and evaluates each string annotation of a command twice at every start, and
    # a named tuple compiles each of its fields' string annotations when its class is made:
    # their modules do without `from __future__ import annotations`.
    readers: dict[str, bool] = {}
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if _typer_commands(tree) or _named_tuples(tree):
            readers[name] = _future_annotations(tree)
    assert {
        "upayhelp.app",
        "upayhelp.commands.diagnose",
        "upayhelp.commands.flows",
        "upayhelp.model",
        "upayhelp.engine",
    } <= set(readers)
    assert [name for name, future in readers.items() if future] == []
