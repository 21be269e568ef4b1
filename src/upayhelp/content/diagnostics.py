"""Linter diagnostics: a position, a severity and a message code rendered in the user's language."""

from collections.abc import Iterable
from typing import NamedTuple

from upayhelp.i18n import t
from upayhelp.model import Entry, Lang, Pos, Scoring


def suggest(word: str, candidates: Iterable[str], lang: Lang = "en") -> str:
    """A "did you mean" suffix for the closest candidate, or an empty string."""
    import difflib

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    if not close:
        return ""
    return t("did-you-mean", lang, word=close[0])


class Diagnostic(NamedTuple):
    """One problem found in content, with where it is and how bad. Its message is the
    catalogue's `lint-<code>`, its `{name}` fields filled from `args`; an argument that is
    words rather than a name from the file may come in the user's language too: `name_zh`
    (or `name_en`) replaces `name` in that language. (Arguments stay plain strings: they are
    kept in the per-user cache.)"""

    pos: Pos
    severity: str  # "error" | "warning"
    code: str
    args: tuple[tuple[str, str], ...] = ()
    # The candidates for a "did you mean" suffix (the message's {suggest} field).
    candidates: tuple[str, ...] = ()

    def message(self, lang: Lang = "en") -> str:
        template = t("lint-" + self.code, lang)
        values = dict(self.args)
        suffix = "_" + lang
        values.update((k.removesuffix(suffix), v) for k, v in self.args if k.endswith(suffix))
        if "{suggest}" in template:
            target = values.get("target") or values.get("id") or values.get("value") or ""
            target = target or values.get("field") or values.get("kind") or ""
            values["suggest"] = suggest(target, self.candidates, lang)
        return template.format(**values)

    def render(self, lang: Lang = "en") -> str:
        """The linter line: `path:line:column: severity: message`."""
        return f"{self.pos}: {t(self.severity, lang)}: {self.message(lang)}"

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


def in_both(name: str, key: str, **values: object) -> dict[str, str]:
    """The arguments `name` (English) and `name_zh` of a diagnostic: the catalogue's message
    `key`, for a value in our own words (the OS's, Python's or PyYAML's stay as they are)."""
    return {name: t(key, "en", **values), f"{name}_zh": t(key, "zh", **values)}


class ParsedFile:
    """One content file: its kind, the entries built from it, and the problems found. Filled in
    as the file is built, then kept in the per-user cache."""

    __slots__ = ("diagnostics", "entries", "flow_checks", "kind", "path", "scoring")

    def __init__(
        self, path: str, kind: str | None = None, diagnostics: list[Diagnostic] | None = None
    ) -> None:
        self.path = path
        self.kind = kind
        self.entries: list[Entry] = []
        self.diagnostics: list[Diagnostic] = diagnostics if diagnostics is not None else []
        # The graph checks of the file's flow (they depend on nothing else), done once when the
        # file is parsed and kept with it in the cache; reported only if the flow is used.
        self.flow_checks: list[Diagnostic] = []
        # The `scoring:` section of a red-flags file, when it has one.
        self.scoring: Scoring | None = None
