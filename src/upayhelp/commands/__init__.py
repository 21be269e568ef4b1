"""One module per command, named after it; `upayhelp.app` loads each when it is run.

These modules and `upayhelp.app` do without `from __future__ import annotations` (a deviation
from the project's habit): Typer reads a command's parameters from its annotations, and parses
and evaluates each one written as a string twice (`inspect.signature(eval_str=True)`, then
`typing.get_type_hints`), ~1.5 ms of every `diagnose` start for its ~40 annotated parameters and
the root's; annotations written as objects cost nothing more. A name imported only for type
checkers is quoted where it is used.
"""
